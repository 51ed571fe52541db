"""Fixtures shared by the whole suite: isolated data dirs and machine config dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from korat_desktop.app import KoratApp
from tests.support.env import SigningEnv, build_signing_env
from tests.support.softhsm import find_softhsm_module


@pytest.fixture(autouse=True)
def _isolated_machine_config(tmp_path_factory: pytest.TempPathFactory,
                             monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads the real /etc/korat-desktop: each gets an empty machine dir."""
    machine = tmp_path_factory.mktemp("machine")
    monkeypatch.setenv("KORAT_MACHINE_CONFIG_DIR", str(machine))
    monkeypatch.delenv("KORAT_DATA_DIR", raising=False)
    yield machine


@pytest.fixture
def machine_dir() -> Path:
    return Path(os.environ["KORAT_MACHINE_CONFIG_DIR"])


# --- CI must not hide work -------------------------------------------------------------
# A gate that skips a test (no SoftHSM, not root, no PostgreSQL) is fine on a developer's
# laptop, but in CI it would pass a run in which the work was never checked. With ``CI``
# set (CI sets it) or ``KORAT_TEST_STRICT=1``, a skip is reported as a failure, and a run
# without the PostgreSQL the hub tests need stops before it starts.

def _strict() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("KORAT_TEST_STRICT") == "1"


def pytest_sessionstart(session: pytest.Session) -> None:
    if _strict() and not os.environ.get("KORAT_TEST_POSTGRES_URL"):
        raise pytest.UsageError(
            "CI: KORAT_TEST_POSTGRES_URL is not set, so the PostgreSQL hub tests would not "
            "run; scripts/test starts a throwaway PostgreSQL when it is installed and run "
            "as root")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if _strict() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"


# --- SoftHSM is loaded in a test process only by the signing fixtures ------------------
# SoftHSM reads SOFTHSM2_CONF once, when a process first loads it. A test that loads it
# in-process by the way (a `korat keys` or token listing with the default module list)
# makes every later SoftHSM test of that worker find no tokens, depending on the order
# xdist happens to run them in. Such a test must configure no modules, or run `korat`
# as its own process. A UI flow in a child pytest (tests/support/child_pytest.py) has its
# process to itself, so its demo token is its own business.

def _softhsm_loaded() -> bool:
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            return "libsofthsm2" in maps.read()
    except OSError:  # not Linux: nothing to check
        return False


@pytest.fixture(autouse=True)
def _softhsm_only_where_built(request: pytest.FixtureRequest) -> Iterator[None]:
    if os.environ.get("KORAT_TEST_FLOW_CHILD"):
        yield
        return
    before = _softhsm_loaded()
    yield
    if not before and "signing_env" not in request.fixturenames and _softhsm_loaded():
        pytest.fail("this test loaded SoftHSM into the test process without the "
                    "signing_env fixture: configure signing.pkcs11_modules = [] or run "
                    "korat as its own process")


@pytest.fixture(scope="session")
def signing_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SigningEnv]:
    """One SoftHSM + test PKI per pytest worker (xdist-safe), for every directory."""
    if find_softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed (apt install softhsm2)")
    env = build_signing_env(tmp_path_factory.mktemp("signing-env"))
    yield env
    env.pki.stop()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[KoratApp]:
    """A real office (SQLite and blob store under ``tmp_path``), set up and open to write."""
    from korat_desktop.app import open_app

    app = open_app(tmp_path / "data", write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
    yield app
    app.close()
