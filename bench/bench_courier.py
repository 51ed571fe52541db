"""Courier bundles: Korat export + import against the ``openssl cms`` pipeline.

Writes N letters (real PDFs of varied size, ~50 MB in all by default) to a folder, then
times, in the same run and on the same files:

- Korat's bundle format: ``courier.bundle.write_bundle`` (ASiC-E with every letter's
  SHA-256 in the signed manifest, CAdES signature, AES-256-GCM AuthEnvelopedData to two
  agencies) from the letter files to a ``.korat`` file; then ``open_bundle`` (decrypt,
  structure, signature, digests, operations) and every letter streamed out to a file
  (``copy_letter``).
- Korat's service, what ``korat courier export`` / ``import`` run:
  ``CourierService.export`` from office A's store (the letters registered and queued
  for B beforehand, not timed: temp name, fsync, read back with A's key, rename, courier
  log) and ``CourierService.import_files`` into office B's store (every check, letters
  into the blob store durably, the inbox, one transaction). Keys are file-held
  (tests/courier/file_keys), the signer a PKCS#12.
- The reference, the same bytes through the command line: ``tar`` the letters (the
  copy), ``openssl cms -sign -binary -nodetach -stream`` (SHA-256), ``openssl cms
  -encrypt -stream -aes-256-gcm`` to the same two certificates with RSA-OAEP (``-stream``
  is openssl's fastest way and keeps its memory flat); then ``-decrypt``, ``-verify``
  (which have no streaming mode: they hold the bundle) and untar.

Each Korat side runs in a child process of its own, timed inside after its imports,
and reports its peak RSS (``VmHWM``). Prints MB/s (10^6 bytes of letters per second)
and the ratio to openssl (target: Korat at least 0.5x), and the peak memory for the
default size and for a larger run (--large-mb), so that bounded memory shows: it must
not grow with the bundle. Best of --runs. Asserts nothing.

    python bench/bench_courier.py [--letters 200] [--mb 50] [--large-mb 200] [--runs 2]
                                  [--no-service]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OPENSSL = shutil.which("openssl") or "openssl"
SENDER, RECEIVER = "นม 0017.1", "นม 0023.4"
OAEP = ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256",
        "-keyopt", "rsa_mgf1_md:sha256"]


def vm_hwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def make_pki(folder: Path) -> None:
    """A root, the sending clerk's signing identity, agency B's and A's encryption keys."""
    from tests.courier.pki import make_ca, make_identity

    ca = make_ca()
    ca.write(folder, "ca")
    make_identity(ca, "สมชาย ใจดี", encryption=False).write(folder, "clerk")
    for who in ("a", "b"):
        make_identity(ca, f"{who} encryption", encryption=True).write(folder, who)


def make_letters(folder: Path, count: int, total_mb: float, seed: int) -> int:
    """``count`` PDFs whose sizes spread like an office's mail (many small letters,
    a few scanned attachments of megabytes), about ``total_mb`` in all."""
    from bench.thai_corpus import subjects
    from tests.sync.harness import sized_pdf

    folder.mkdir(parents=True)
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, 1.0) for _ in range(count)]
    scale = total_mb * 1e6 / sum(weights)
    total = 0
    for subject, weight in zip(subjects(count, seed), weights, strict=True):
        pdf = sized_pdf(max(20_000, int(weight * scale)), subject)
        (folder / f"{hashlib.sha256(pdf).hexdigest()}.pdf").write_bytes(pdf)
        total += len(pdf)
    return total


# ---- Korat, in a child process --------------------------------------------------------

def korat_export(pki: Path, letters: Path, out: Path) -> dict[str, float]:
    import datetime as dt

    from asn1crypto import pem, x509
    from pyhanko.sign.signers import SimpleSigner

    from bench.thai_corpus import subjects
    from korat_desktop.courier.bundle import write_bundle
    from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
    from korat_desktop.protocol.uuid7 import uuid7

    signer = SimpleSigner.load(str(pki / "clerk.key"), str(pki / "clerk.crt"),
                               ca_chain_files=(str(pki / "ca.crt"),))
    certs = [x509.Certificate.load(pem.unarmor((pki / f"{w}.crt").read_bytes())[2])
             for w in ("b", "a")]
    shas = sorted(p.stem for p in letters.iterdir())
    base = vm_hwm_kb()
    start = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    device = uuid7()
    ops = []
    for sha, subject in zip(shas, subjects(len(shas)), strict=True):
        body = json.dumps({"kind": "letter.send", "subject": subject, "to": [RECEIVER],
                           "letter_number": "นม 0017.1/2569", "blob": sha},
                          ensure_ascii=False, sort_keys=True)
        ops.append(BundledOperation(op_id=uuid7(), kind="letter.send", body=body,
                                    content_sha256=hashlib.sha256(body.encode()).hexdigest(),
                                    origin_agency=SENDER, origin_device=device,
                                    recipients=[RECEIVER], blobs=[sha]))
    manifest = BundleManifest(bundle_id=uuid7(), sender_agency=SENDER, sender_device=device,
                              recipients=[RECEIVER], created=now,
                              expires=now + dt.timedelta(days=30), operations=ops)
    with out.open("wb") as f:
        size = write_bundle(manifest, lambda sha: (letters / f"{sha}.pdf").open("rb"),
                            signer, certs, f, work_dir=out.parent)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "bundle": size, "base_kb": base, "peak_kb": vm_hwm_kb()}


def korat_import(pki: Path, bundle: Path, dest: Path) -> dict[str, float]:
    from asn1crypto import pem, x509

    from korat_desktop.courier.bundle import open_bundle
    from korat_desktop.courier.envelope import SoftwareRecipientKey

    key = SoftwareRecipientKey.from_pem((pki / "b.crt").read_bytes(),
                                        (pki / "b.key").read_bytes())
    roots = [x509.Certificate.load(pem.unarmor((pki / "ca.crt").read_bytes())[2])]
    dest.mkdir()
    base = vm_hwm_kb()
    start = time.perf_counter()
    with bundle.open("rb") as f, open_bundle(f, bundle.stat().st_size, key, roots,
                                             work_dir=dest.parent) as opened:
        letters = {sha for op in opened.manifest.operations for sha in op.blobs}
        for sha in sorted(letters):
            with (dest / f"{sha}.pdf").open("wb") as out:
                opened.copy_letter(sha, out)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "letters": len(letters), "base_kb": base,
            "peak_kb": vm_hwm_kb()}


def make_offices(root: Path, letters: Path) -> tuple[Path, Path, Path]:
    """Office A with every letter registered and queued for B, office B empty, both with
    a directory and file-held courier keys (tests/courier/file_keys); and A's signing
    identity as a PKCS#12. Returns (A's data folder, B's, the .p12)."""
    from bench.thai_corpus import subjects
    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.store.models import DirectoryAgency
    from tests.courier.file_keys import CourierPki

    pki = CourierPki()
    names = {SENDER: "สำนักงานจังหวัดนครราชสีมา", RECEIVER: "สำนักงานสาธารณสุขจังหวัด"}
    folders = {SENDER: root / "office-a", RECEIVER: root / "office-b"}
    for code, folder in folders.items():
        app = open_app(folder, write=True, create=True)
        app.office.init(code, names[code])
        with app.database.write() as s:
            for other, title in names.items():
                s.add(DirectoryAgency(code=other, name=title))
        app.close()
        pki.install(folder, code, list(names))
    app = open_app(folders[SENDER], write=True)
    files = sorted(letters.iterdir())
    for path, subject in zip(files, subjects(len(files)), strict=True):
        entry = app.sync.send(path.read_bytes(), LetterIntake(subject=subject),
                              [RECEIVER]).entry
        app.sync.queue(entry.id, allow_unsigned=True)
    app.close()
    return folders[SENDER], folders[RECEIVER], pki.p12(SENDER, root)


def service_export(office: Path, p12: Path, out: Path) -> dict[str, float]:
    from korat_desktop.app import open_app
    from korat_desktop.services.courier import CourierService
    from korat_desktop.signing.signers import Pkcs12Signer
    from tests.courier.file_keys import P12_PASSWORD, FileCourierKeys

    app = open_app(office, write=True)
    service = CourierService(app, FileCourierKeys.load(office))
    signer = Pkcs12Signer(p12, P12_PASSWORD)
    out.mkdir()
    base = vm_hwm_kb()
    start = time.perf_counter()
    result = service.export(out, to_agencies=[RECEIVER], signer=signer)
    seconds = time.perf_counter() - start
    app.close()
    return {"seconds": seconds, "bundle": result.bytes, "operations": result.operations,
            "files": len(result.files), "base_kb": base, "peak_kb": vm_hwm_kb()}


def service_import(office: Path, bundles: Path) -> dict[str, float]:
    from korat_desktop.app import open_app
    from korat_desktop.services.courier import CourierService
    from tests.courier.file_keys import FileCourierKeys

    app = open_app(office, write=True)
    service = CourierService(app, FileCourierKeys.load(office))
    files = sorted(bundles.iterdir())
    base = vm_hwm_kb()
    start = time.perf_counter()
    result = service.import_files(files)
    seconds = time.perf_counter() - start
    app.close()
    bad = [str(i.error) for i in result.items if not i.ok]
    if bad:
        raise SystemExit(f"import failed: {bad}")
    return {"seconds": seconds, "letters": sum(i.applied for i in result.items),
            "base_kb": base, "peak_kb": vm_hwm_kb()}


CHILDREN = {"export": korat_export, "import": korat_import,
            "service-export": service_export, "service-import": service_import}


def child(args: list[str]) -> dict[str, float]:
    run = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                         text=True, check=False, env={**os.environ, "PYTHONPATH": str(REPO)})
    if run.returncode:
        raise SystemExit(f"child {args[0]} failed:\n{run.stderr}")
    return json.loads(run.stdout.splitlines()[-1])


# ---- the openssl reference ------------------------------------------------------------

_PEAK_KB = [0]
"""The largest RSS of any openssl or tar step (os.wait4 gives each child's own)."""


def _run(*cmd: str) -> None:
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{cmd[:3]} failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    _PEAK_KB[0] = max(_PEAK_KB[0], usage.ru_maxrss)


def openssl_export(pki: Path, letters: Path, work: Path) -> float:
    start = time.perf_counter()
    _run("tar", "-cf", str(work / "letters.tar"), "-C", str(letters), ".")
    _run(OPENSSL, "cms", "-sign", "-binary", "-nodetach", "-stream", "-md", "sha256", "-in",
         str(work / "letters.tar"), "-signer", str(pki / "clerk.crt"), "-inkey",
         str(pki / "clerk.key"), "-outform", "DER", "-out", str(work / "signed.p7m"))
    _run(OPENSSL, "cms", "-encrypt", "-binary", "-stream", "-aes-256-gcm", "-in",
         str(work / "signed.p7m"),
         "-outform", "DER", "-out", str(work / "bundle.p7m"),
         "-recip", str(pki / "b.crt"), *OAEP, "-recip", str(pki / "a.crt"), *OAEP)
    return time.perf_counter() - start


def openssl_import(pki: Path, work: Path, dest: Path) -> float:
    dest.mkdir()
    start = time.perf_counter()
    _run(OPENSSL, "cms", "-decrypt", "-binary", "-inform", "DER", "-in",
         str(work / "bundle.p7m"), "-recip", str(pki / "b.crt"), "-inkey", str(pki / "b.key"),
         "-out", str(work / "opened.p7m"))
    _run(OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in",
         str(work / "opened.p7m"), "-CAfile", str(pki / "ca.crt"), "-purpose", "any",
         "-out", str(work / "verified.tar"))
    _run("tar", "-xf", str(work / "verified.tar"), "-C", str(dest))
    return time.perf_counter() - start


# ---- one size -------------------------------------------------------------------------

def measure(root: Path, pki: Path, count: int, mb: float, runs: int,
            service: bool) -> dict[str, float]:
    letters = root / f"letters-{mb:g}"
    payload = make_letters(letters, count, mb, seed=int(mb))
    offices = make_offices(root / f"offices-{mb:g}", letters) if service else None
    best: dict[str, float] = {}

    def keep(prefix: str, ex: dict[str, float], im: dict[str, float]) -> None:
        for name, value in ((f"{prefix}_export", ex["seconds"]),
                            (f"{prefix}_import", im["seconds"])):
            best[name] = min(best.get(name, value), value)
        for name, value in ((f"{prefix}_export_base", ex["base_kb"]),
                            (f"{prefix}_export_peak", ex["peak_kb"]),
                            (f"{prefix}_import_base", im["base_kb"]),
                            (f"{prefix}_import_peak", im["peak_kb"])):
            best[name] = max(best.get(name, 0), value)

    for n in range(runs):
        run = root / f"run-{mb:g}-{n}"
        run.mkdir()
        ex = child(["export", str(pki), str(letters), str(run / "b.korat")])
        im = child(["import", str(pki), str(run / "b.korat"), str(run / "in")])
        assert im["letters"] == count
        keep("k", ex, im)
        best["bundle"] = ex["bundle"]
        if offices is not None:  # fresh copies: an export takes the ops out of pending
            a, b = run / "a", run / "b"
            shutil.copytree(offices[0], a)
            shutil.copytree(offices[1], b)
            ex = child(["service-export", str(a), str(offices[2]), str(run / "stick")])
            im = child(["service-import", str(b), str(run / "stick")])
            assert ex["operations"] == count and im["letters"] == count, (ex, im)
            keep("s", ex, im)
        ref = run / "ref"
        ref.mkdir()
        o_ex = openssl_export(pki, letters, ref)
        o_im = openssl_import(pki, ref, ref / "in")
        for name, value in (("o_export", o_ex), ("o_import", o_im)):
            best[name] = min(best.get(name, value), value)
        shutil.rmtree(run)
    shutil.rmtree(letters)
    if offices is not None:
        shutil.rmtree(offices[0].parent)
    best["payload"] = payload
    best["openssl_peak"], _PEAK_KB[0] = _PEAK_KB[0], 0
    return best


def report(count: int, r: dict[str, float]) -> None:
    mb = r["payload"] / 1e6
    o_total = r["o_export"] + r["o_import"]
    print(f"\n{count} letters, {mb:.1f} MB of PDFs; bundle {r['bundle'] / 1e6:.1f} MB")
    print(f"  {'MB/s (ratio to openssl)':31} {'export':>15} {'import':>15} {'both':>15}")
    rows = [("openssl cms + tar (reference)", "o"), ("korat bundle format", "k")]
    if "s_export" in r:
        rows.append(("korat CourierService", "s"))
    for label, key in rows:
        ex, im = r[f"{key}_export"], r[f"{key}_import"]
        cells = [f"{mb / t:6.1f} ({ref / t:4.2f}x)" for t, ref in
                 ((ex, r["o_export"]), (im, r["o_import"]), (ex + im, o_total))]
        print(f"  {label:31} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15}")
    print("  target: korat >= 0.5x openssl")
    for label, key in rows[1:]:
        parts = []
        for side in ("export", "import"):
            peak, base = r[f"{key}_{side}_peak"], r[f"{key}_{side}_base"]
            parts.append(f"{side} {peak / 1024:.0f} MiB (+{(peak - base) / 1024:.0f} over "
                         f"{base / 1024:.0f} after its imports)")
        print(f"  peak RSS, {label}: {', '.join(parts)}")
    print(f"  peak RSS of openssl's largest step: {r['openssl_peak'] / 1024:.0f} MiB")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        print(json.dumps(CHILDREN[kind](*map(Path, rest))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--large-mb", type=float, default=200,
                        help="a second, larger run for the memory figure (0: none)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-service", action="store_true",
                        help="the bundle format only, not CourierService (no stores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="korat-bench-courier-") as tmp:
        root = Path(tmp)
        pki = root / "pki"
        make_pki(pki)
        print(f"openssl: {subprocess.run([OPENSSL, 'version'], capture_output=True, text=True).stdout.strip()}"
              f"; python {sys.version.split()[0]}; work folder {root}")
        sizes = [args.mb] + ([args.large_mb] if args.large_mb else [])
        for mb in sizes:
            report(args.letters, measure(root, pki, args.letters, mb, args.runs,
                                         service=not args.no_service))


if __name__ == "__main__":
    main()
