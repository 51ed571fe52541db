"""An update package through the hub on a poor rural link: Korat's TUF update against
one plain GET of the same file and against what the link's nominal rate allows.

Runs inside ``shared/tools/poorlink`` (default 256 kbit/s, no loss, no cuts; ``--loss``
and ``--cut`` for the sync bench's harsher profiles) with its own hub (``korat-hub
serve``) and client on 127.0.0.1. IT's side is real: ``korat-hub updates init`` and
``publish`` of a package of ``--mb`` megabytes (random, incompressible). The client
side is what ``korat updates apply`` does with default settings: TUF refresh of the
metadata (root, timestamp, snapshot, targets), then the package resumably (Range)
into the data folder and verified against the signed hashes; nothing is installed.
The reference, in the same run on the same link: one ``GET`` of the same file with
the same session (token, TLS rules), streamed to disk.

Prints seconds for each, each as a ratio to the nominal link capacity
(``size * 8 / rate``), Korat against the plain GET, and, when ``--mb`` is smaller than
the real package (``--deb FILE``, default the newest cached frozen build's .deb, else
60 MB), the full package's time extrapolated from the measured rate (labelled so).

    python bench/bench_update.py [--mb 4] [--rate 256kbit] [--loss 0] [--cut 10/60]
                                 [--deb korat-desktop_0.1.0_amd64.deb]

Needs root (network namespaces), iproute2 and nftables. ``KORAT_POORLINK`` overrides
where poorlink is (default: ../shared/tools/poorlink beside the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_poorlink import found_poorlink, rate_bits, start_hub  # noqa: E402

AGENCY = "นม 0017.1"  # start_hub's SENDER, with clerk-a / pw
FALLBACK_DEB_MB = 60.0


def _hub_cli(hub_dir: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "korat_desktop.server.cli", *args, "--data-dir",
                    str(hub_dir)], check=True, capture_output=True, cwd=REPO)


def inner(args: argparse.Namespace) -> None:
    """Inside the namespace: the repository, the hub, the client, the reference."""
    root = Path(tempfile.mkdtemp(prefix="korat-bench-update-"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.file_keyring.FileKeyring"
    os.environ["KORAT_TEST_KEYRING"] = str(root / "keyring.json")  # bench only
    os.environ["KORAT_MACHINE_CONFIG_DIR"] = str(root / "machine")
    hub_dir = root / "hub"
    keys = root / "offline-keys"
    package = root / "korat-desktop_99.0.0_amd64.deb"
    package.write_bytes(os.urandom(int(args.mb * 1_000_000)))
    _hub_cli(hub_dir, "updates", "init", "--keys", str(keys))
    _hub_cli(hub_dir, "updates", "publish", str(package), "--version", "99.0.0",
             "--keys", str(keys))
    hub, url = start_hub(root)
    try:
        result = _measure(root, url, keys / "update-root.json", package.stat().st_size)
    finally:
        hub.terminate()
        hub.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


def _measure(root: Path, url: str, root_file: Path, size: int) -> dict[str, Any]:
    from korat_desktop.app import open_app
    from korat_desktop.config import load_config
    from korat_desktop.services.updates import UpdateOperations
    from korat_desktop.sync.enrollment import DeviceEnrollment
    from korat_desktop.updates.client import UpdateClient

    data = root / "pc"
    data.mkdir()
    (data / "settings.toml").write_text(
        f'[update]\nroot_file = "{root_file}"\n', encoding="utf-8")  # else: defaults
    app = open_app(data, write=True, create=True)
    try:
        app.office.init(AGENCY, "จังหวัดนครราชสีมา")
        app.sync.login(url, "clerk-a", "pw", "bench-update")
    finally:
        app.close()
    config = load_config(data)
    started = time.monotonic()
    source = UpdateOperations(config).source(None)
    client = UpdateClient(config, source, installed="0.1.0", platform="linux-amd64")
    update = client.check().available
    checked = time.monotonic()
    assert update is not None and update.length == size
    package = client.fetch(update)
    fetched = time.monotonic()
    assert package.stat().st_size == size

    app = open_app(data)
    try:
        _, transport = DeviceEnrollment(app.sync.ctx).transport()
    finally:
        app.close()
    rel = f"/updates/targets/linux-amd64/{update.sha256}.{update.file_name}"
    plain_started = time.monotonic()
    got = 0
    with transport.request("GET", rel, stream=True) as r, (root / "plain.bin").open("wb") as fh:
        for piece in r.iter_content(64 * 1024):
            fh.write(piece)
            got += len(piece)
    plain = time.monotonic() - plain_started
    assert got == size
    return {"size": size, "check_s": checked - started, "fetch_s": fetched - checked,
            "received": source.received, "plain_s": plain}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=4.0,
                   help="package megabytes measured (default 4: about 2 min at 256 kbit/s)")
    p.add_argument("--rate", default="256kbit")
    p.add_argument("--loss", type=int, default=0, help="random loss, percent")
    p.add_argument("--cut", default="", help="SECONDS/PERIOD the link is cut")
    p.add_argument("--deb", help="the real package, for the extrapolation")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner:  # inside the namespace
        return inner(args)
    tool = found_poorlink()
    out = Path(tempfile.mkdtemp(prefix="korat-bench-update-results-")) / "result.json"
    cmd = ["bash", str(tool), "--rate", args.rate, "--loss", str(args.loss)]
    if args.cut:
        cmd += ["--cut", args.cut]
    cmd += ["--", sys.executable, str(Path(__file__).resolve()), "--inner", "--mb",
            str(args.mb), "--result", str(out)]
    print(f"link {args.rate}, loss {args.loss}%, cut {args.cut or 'none'}; package "
          f"{args.mb:.1f} MB through the hub (korat updates' TUF client, default settings)",
          flush=True)
    subprocess.run(cmd, check=True, cwd=REPO)
    r = json.loads(out.read_text(encoding="utf-8"))
    shutil.rmtree(out.parent, ignore_errors=True)
    bits = rate_bits(args.rate)
    capacity = r["size"] * 8 / bits
    korat = r["check_s"] + r["fetch_s"]
    print(f"  capacity (size*8/rate)    {capacity:8.1f} s")
    print(f"  korat: TUF metadata       {r['check_s']:8.1f} s")
    print(f"  korat: package + verify   {r['fetch_s']:8.1f} s   ({r['received']:,} bytes "
          "over the link)")
    print(f"  korat: total              {korat:8.1f} s   = {korat / capacity:.2f}x capacity")
    print(f"  plain GET, same session   {r['plain_s']:8.1f} s   = "
          f"{r['plain_s'] / capacity:.2f}x capacity")
    print(f"  korat / plain GET         {korat / r['plain_s']:8.2f}x")
    deb = Path(args.deb) if args.deb else _cached_deb()
    full = deb.stat().st_size if deb else int(FALLBACK_DEB_MB * 1_000_000)
    if full > r["size"]:
        per_byte = r["fetch_s"] / r["size"]
        label = deb.name if deb else f"{FALLBACK_DEB_MB:.0f} MB (no .deb found)"
        print(f"  EXTRAPOLATED to {label}, {full / 1e6:.1f} MB: "
              f"{r['check_s'] + per_byte * full:.0f} s "
              f"(capacity {full * 8 / bits:.0f} s), from the measured slice's rate")


def _cached_deb() -> Path | None:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    debs = sorted((cache / "korat-desktop-tests" / "frozen").glob("*/korat-desktop_*_amd64.deb"),
                  key=lambda p: p.stat().st_mtime)
    return next((d for d in reversed(debs) if "+" not in d.name), None)


if __name__ == "__main__":
    main()
