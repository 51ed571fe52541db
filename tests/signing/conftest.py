"""Session fixtures over the worker's SoftHSM + test PKI (``signing_env``, tests/conftest.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from korat_desktop.signing import SigningSettings, find_modules
from korat_desktop.signing.modules import Pkcs11Module
from tests.support.env import SigningEnv
from tests.support.pdfs import blank_pdf


@pytest.fixture(scope="session")
def modules(signing_env: SigningEnv) -> list[Pkcs11Module]:
    return find_modules([signing_env.module])


@pytest.fixture(scope="session")
def settings(signing_env: SigningEnv) -> SigningSettings:
    """Online settings: the test TSA, the test root, no bundled roots, short timeouts."""
    return SigningSettings(tsa_url=signing_env.pki.tsa_url,
                           trust_roots=(str(signing_env.trust_root_pem),),
                           online_revocation=True, bundled_trust_dir=None,
                           network_timeout_s=3.0)


@pytest.fixture(scope="session")
def offline_settings(settings: SigningSettings) -> SigningSettings:
    return replace(settings, online_revocation=False)


@pytest.fixture()
def pdf() -> bytes:
    return blank_pdf(2)


@pytest.fixture()
def pki_online(signing_env: SigningEnv) -> SigningEnv:
    """The PKI server is up (a test that stopped it restarts it on exit)."""
    signing_env.pki.start()
    return signing_env
