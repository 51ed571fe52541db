"""Hostile bundles at the format level: whatever arrives, ``open_bundle`` raises a
``CourierError`` with a stable code and a Thai and English message, returns nothing and
keeps no work file open. Each container case is re-signed and re-sealed (one sealing
key, so the signed recipient hash still matches) to reach the check under test past
every check before it; ``openssl`` is the independent second opinion."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.sign.signers import SimpleSigner

from korat_desktop.courier.asice import MANIFEST_NAME, SIGNATURE_NAME
from korat_desktop.courier.bundle import OPERATIONS_NAME, letter_entry, open_bundle
from korat_desktop.courier.envelope import open_envelope, sealing_key
from korat_desktop.courier.messages import MESSAGES
from korat_desktop.errors import CourierError
from tests.courier.forge import Entry, Forger, pdfs
from tests.courier.pki import Identity, make_ca, make_identity, recipient_key

OPENSSL = shutil.which("openssl")
BLOBS = pdfs(3)
SHAS = sorted(BLOBS)
_THAI = re.compile("[\u0e00-\u0e7f]")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # a parameter the message was not given


@dataclass(frozen=True)
class Office:
    folder: Path
    ca: Identity
    enc: dict[str, Identity]
    forger: Forger

    def cert(self, who: str) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.enc[who].cert_der)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    folder = tmp_path_factory.mktemp("pki")
    ca = make_ca()
    ca.write(folder, "ca")
    cert, key = make_identity(ca, "สมชาย ใจดี", encryption=False).write(folder, "clerk")
    signer = SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(folder / "ca.crt"),))
    enc = {who: make_identity(ca, f"{who} encryption", encryption=True) for who in "ABC"}
    recipients = [asn1_x509.Certificate.load(enc[w].cert_der) for w in "BA"]
    return Office(folder, ca, enc, Forger.make(signer, recipients, BLOBS))


@pytest.fixture(scope="module")
def genuine(office: Office) -> tuple[bytes, bytes]:
    """(container, sealed bundle) as write_bundle would make them."""
    container = office.forger.container()
    return container, office.forger.seal(container)


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _refused(office: Office, data: bytes, work: Path, who: str = "B",
             **kw: object) -> CourierError:
    """The error open_bundle raises for ``data``, after checking what every refusal
    owes: a known code, both languages, nothing left open or on disk."""
    work.mkdir(exist_ok=True)
    before = _open_fds()
    with pytest.raises(CourierError) as info:
        open_bundle(io.BytesIO(data), len(data), recipient_key(office.enc[who]),
                    [asn1_x509.Certificate.load(office.ca.cert_der)], work_dir=work,
                    **kw)  # type: ignore[arg-type]
    error = info.value
    assert error.code in MESSAGES, error.code
    thai, english = error.message("th"), error.message("en")
    assert _THAI.search(thai) and not _PLACEHOLDER.search(thai + english), (thai, english)
    assert "\n" not in thai + english and len(english) < 400, english
    assert _open_fds() == before, "the work file was left open"
    assert not list(work.iterdir()), "a work file was left behind"
    return error


def test_the_genuine_bundle_opens(office: Office, genuine: tuple[bytes, bytes]) -> None:
    data = genuine[1]
    with open_bundle(io.BytesIO(data), len(data), recipient_key(office.enc["B"]),
                     [asn1_x509.Certificate.load(office.ca.cert_der)]) as opened:
        out = io.BytesIO()
        assert opened.copy_letter(SHAS[0], out) == len(BLOBS[SHAS[0]])
        assert out.getvalue() == BLOBS[SHAS[0]]


def _regions(office: Office, container: bytes, data: bytes) -> dict[str, list[int]]:
    """Byte positions of the sealed bundle by what they belong to."""
    head = len(data) - len(container) - 18
    infos = office.forger.sealing.recipient_infos
    at = data.index(infos)
    keys = {}  # B's (the reader's) and A's (the sender's own agency)
    for info in cms.RecipientInfos.load(infos):
        wrapped = bytes(info.chosen["encrypted_key"].native)
        serial = info.chosen["rid"].chosen["serial_number"].native
        who = next(w for w in "AB" if office.cert(w).serial_number == serial)
        keys[who] = range(data.index(wrapped), data.index(wrapped) + len(wrapped))
    nonce_at = data.index(b"\x04\x0c", at + len(infos)) + 2
    header = [p for p in range(head) if not at <= p < at + len(infos)
              and not nonce_at <= p < nonce_at + 12]
    with zipfile.ZipFile(io.BytesIO(container)) as z:  # every part of the plaintext
        marks = [o for i in z.infolist()
                 for o in (i.header_offset, i.header_offset + 30,
                           i.header_offset + 40 + i.compress_size // 2)]
    end = container.rindex(b"PK\x05\x06")
    marks += [container.rindex(b"PK\x01\x02"), end, end + 12, len(container) - 1]
    marks += range(0, len(container), len(container) // 40)
    return {
        "header": header,
        "B's wrapped key": list(keys["B"])[::16],
        "A's wrapped key": list(keys["A"])[::32],
        "other recipient infos": [p for p in range(at, at + len(infos), 5)
                                  if not any(p in k for k in keys.values())],
        "nonce": list(range(nonce_at, nonce_at + 12)),
        "ciphertext": sorted({head + m for m in marks if 0 <= m < len(container)}),
        "mac header": [len(data) - 18, len(data) - 17],
        "tag": list(range(len(data) - 16, len(data))),
    }


EXPECTED = {
    "header": {"courier.envelope_damaged", "courier.not_for_us", "courier.tampered"},
    "B's wrapped key": {"courier.envelope_damaged"},
    "A's wrapped key": {"courier.tampered"},
    "other recipient infos": {"courier.envelope_damaged", "courier.not_for_us",
                              "courier.tampered"},
    "nonce": {"courier.tampered"},
    "ciphertext": {"courier.tampered"},
    "mac header": {"courier.envelope_damaged"},
    "tag": {"courier.tampered"},
}


def test_one_flipped_byte_anywhere_is_refused(office: Office, genuine: tuple[bytes, bytes],
                                              tmp_path: Path) -> None:
    container, data = genuine
    regions = _regions(office, container, data)
    assert sum(map(len, regions.values())) > 250
    seen: dict[str, set[str]] = {}
    for region, positions in regions.items():
        assert positions, region
        for n, position in enumerate(positions):
            damaged = bytearray(data)
            damaged[position] ^= 0x01 << (n % 8)
            code = _refused(office, bytes(damaged), tmp_path / "work").code
            assert code in EXPECTED[region], (region, position, code)
            seen.setdefault(region, set()).add(code)
    # A's key is outside the GCM tag: only the signed recipient hash notices it.
    assert seen["A's wrapped key"] == {"courier.tampered"}


def test_truncated_at_any_length_is_refused(office: Office, genuine: tuple[bytes, bytes],
                                            tmp_path: Path) -> None:
    container, data = genuine
    head = len(data) - len(container) - 18
    lengths = {0, 1, 2, 3, 5, 9, 30, head // 2, head - 1, head, head + 1,
               len(data) - 18, len(data) - 17, len(data) - 16, len(data) - 8, len(data) - 1}
    lengths |= set(range(head, len(data), len(container) // 25))
    for length in sorted(lengths):
        error = _refused(office, data[:length], tmp_path / "work")
        assert error.code == "courier.envelope_damaged", (length, error.code)
    # The bytes are cut but the size claims the whole file (a stick pulled out).
    short = data[: len(data) // 2]
    with pytest.raises(CourierError) as info:
        open_bundle(io.BytesIO(short), len(data), recipient_key(office.enc["B"]),
                    [asn1_x509.Certificate.load(office.ca.cert_der)])
    assert info.value.code == "courier.envelope_damaged"


def _renamed(old: str, new: str) -> Callable[[list[Entry]], list[Entry]]:
    def edit(entries: list[Entry]) -> list[Entry]:
        return [(zipfile.ZipInfo(new) if i.filename == old else i, c) for i, c in entries]
    return edit


def _replaced(name: str, content: bytes, method: int | None = None
              ) -> Callable[[list[Entry]], list[Entry]]:
    def edit(entries: list[Entry]) -> list[Entry]:
        out = []
        for info, old in entries:
            if info.filename == name:
                info = zipfile.ZipInfo(name, date_time=info.date_time)
                info.compress_type = zipfile.ZIP_STORED if method is None else method
                old = content
            out.append((info, old))
        return out
    return edit


def _patched(container: bytes, name: str, offset: int, value: int) -> bytes:
    """``container`` with a 32-bit field of ``name``'s central directory record set
    (20: compressed size, 24: uncompressed size): a header that lies."""
    data = bytearray(container)
    at = data.index(b"PK\x01\x02")
    while True:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + length] == name.encode():
            struct.pack_into("<I", data, at + offset, value)
            return bytes(data)
        at = data.index(b"PK\x01\x02", at + 46)


def _mimetype(edit: Callable[[zipfile.ZipInfo], None]) -> Callable[[list[Entry]], list[Entry]]:
    def change(entries: list[Entry]) -> list[Entry]:
        info = zipfile.ZipInfo("mimetype")
        edit(info)
        return [(info, entries[0][1]), *entries[1:]]
    return change


def _nul_name(forger: Forger, container: bytes) -> bytes:
    """An entry whose stored name goes on after a NUL (``zipfile`` cuts it there, an
    unzip tool may not): the name is written with a placeholder, then patched."""
    name = letter_entry(SHAS[0])
    edited = forger.rezip(container, _renamed(name, name + "Zexe"))
    return edited.replace(b".pdfZexe", b".pdf\x00exe")


def _cases(forger: Forger, container: bytes) -> dict[str, tuple[bytes, str, str]]:
    """name → (container, expected code, fragment of the message's detail)."""
    pdf = letter_entry(SHAS[0])
    other = forger.container()  # another bundle's signed manifest
    with zipfile.ZipFile(io.BytesIO(other)) as z:
        other_signature = z.read(SIGNATURE_NAME)
    with zipfile.ZipFile(io.BytesIO(container)) as z:
        manifest = z.read(MANIFEST_NAME)
        operations = z.read(OPERATIONS_NAME)
    digest = re.search(rb"<ds:DigestValue>([^<]+)</ds:DigestValue>", manifest)
    assert digest
    wrong_digest = manifest.replace(digest.group(1), b"A" * 43 + b"=", 1)
    damaged = "courier.container_damaged"
    rz = forger.rezip
    attached_sig = bytes(asyncio.run(forger.signer.async_sign_general_data(
        manifest, "sha256", detached=False, use_cades=True)).dump())
    return {
        "extra entry, unlisted": (rz(container, lambda e: [*e, (zipfile.ZipInfo(
            letter_entry("0" * 64)), b"%PDF")]), damaged, "not in the manifest"),
        "extra letter, listed and signed, no operation names it": (
            forger.container(forger.manifest(blobs=SHAS[:2]), letters=SHAS), damaged,
            "letters do not match"),
        "missing entry, still listed": (rz(container, lambda e: [x for x in e
                                                                  if x[0].filename != pdf]),
                                        damaged, "listed but absent"),
        "missing letter an operation names": (
            forger.container(letters=SHAS[1:]), damaged, "letters do not match"),
        "missing manifest": (rz(container, lambda e: [x for x in e if x[0].filename
                                                      != MANIFEST_NAME], resign=False),
                             damaged, "missing"),
        "missing signature": (rz(container, lambda e: [x for x in e if x[0].filename
                                                       != SIGNATURE_NAME]), damaged, "missing"),
        "missing operations": (rz(container, lambda e: [x for x in e if x[0].filename
                                                        != OPERATIONS_NAME]), damaged,
                               "listed but absent"),
        "duplicate entry name": (rz(container, lambda e: [*e, (zipfile.ZipInfo(pdf),
                                                               BLOBS[SHAS[0]])]),
                                 damaged, "twice"),
        "../ path": (rz(container, _renamed(pdf, "../" + pdf)), damaged, "unexpected"),
        "absolute path": (rz(container, _renamed(pdf, "/" + pdf)), damaged, "unexpected"),
        "backslash path": (rz(container, _renamed(pdf, pdf.replace("/", "\\"))), damaged,
                           "not stored as read"),
        "NUL in a name": (_nul_name(forger, container), damaged, "not stored as read"),
        "mimetype not first": (rz(container, lambda e: [*e[1:], e[0]]), damaged, "first"),
        "mimetype compressed": (rz(container, _mimetype(
            lambda i: setattr(i, "compress_type", zipfile.ZIP_DEFLATED))), damaged, "stored"),
        "mimetype with an extra field": (rz(container, _mimetype(
            lambda i: setattr(i, "extra", b"\xfe\xca\x00\x00"))), damaged, "stored"),
        "mimetype wrong": (rz(container, _replaced("mimetype", b"application/zip")), damaged,
                           "not ASiC-E"),
        "zip bomb: ratio above 100": (rz(container, _replaced(
            OPERATIONS_NAME, b" " * 5_000_000, zipfile.ZIP_DEFLATED)), damaged, "ratio"),
        "zip bomb: stored entry declares more than it holds": (
            _patched(rz(container, lambda e: e), pdf, 24, 10**9), damaged, "sizes differ"),
        "zip bomb: deflated entry declares less than it inflates to": (
            _patched(rz(container, lambda e: e), OPERATIONS_NAME, 24, len(operations) // 2),
            damaged, OPERATIONS_NAME),
        "zip bomb: deflated entry declares more than it inflates to": (
            _patched(rz(container, lambda e: e), OPERATIONS_NAME, 24, len(operations) * 3),
            damaged, OPERATIONS_NAME),
        "zip bomb: compressed size beyond the container": (
            _patched(rz(container, lambda e: e), OPERATIONS_NAME, 20, len(container) * 2),
            damaged, "larger than the container"),
        "zip bomb: total to inflate over the cap": (_over_the_cap(forger, container), damaged,
                                                    "in all"),
        "manifest with entities, in UTF-16": (rz(container, _replaced(
            MANIFEST_NAME, _ENTITIES.encode("utf-16"))), damaged, "UTF-8"),
        "manifest with entities": (rz(container, _replaced(
            MANIFEST_NAME, _ENTITIES.replace("UTF-16", "UTF-8").encode())), damaged, "DTD"),
        "ASiCManifest digest mismatch": (rz(container, _replaced(MANIFEST_NAME, wrong_digest)),
                                         "courier.digest_mismatch", ""),
        "manifest changed, signature not": (rz(container, _replaced(
            MANIFEST_NAME, wrong_digest), resign=False), "courier.signature_invalid", ""),
        "signature over another manifest": (rz(container, _replaced(
            SIGNATURE_NAME, other_signature), resign=False), "courier.signature_invalid", ""),
        "signature carrying its own content": (rz(container, _replaced(
            SIGNATURE_NAME, attached_sig), resign=False), "courier.signature_invalid", ""),
        "signature with two signers": (rz(container, _replaced(
            SIGNATURE_NAME, _two_signers(_signature_of(container))), resign=False),
            "courier.signature_invalid", "one signer"),
        "signature with trailing bytes": (rz(container, _replaced(
            SIGNATURE_NAME, _signature_of(container) + b"\x00"),
            resign=False), "courier.signature_invalid", ""),
        "operations.json not JSON": (_with_operations(forger, container, b"{not json"),
                                     damaged, OPERATIONS_NAME),
        "operations.json of another format": (_with_operations(
            forger, container, operations.replace(b'"korat-courier"', b'"other"')), damaged,
            OPERATIONS_NAME),
    }


_ENTITIES = """<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#">&b;</asic:ASiCManifest>
"""


def _two_signers(signature: bytes) -> bytes:
    """The same valid SignerInfo twice: which one speaks for the sender?"""
    info = cms.ContentInfo.load(signature)
    first = info["content"]["signer_infos"][0]
    info["content"]["signer_infos"] = cms.SignerInfos([first, first.copy()])
    return bytes(info.dump(force=True))


def _signature_of(container: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(container)) as z:
        return z.read(SIGNATURE_NAME)


def _with_operations(forger: Forger, container: bytes, body: bytes) -> bytes:
    """operations.json replaced, and the ASiC manifest listing its new digest, signed:
    only the operations' own validation stands in the way."""
    with zipfile.ZipFile(io.BytesIO(container)) as z:
        manifest, old = z.read(MANIFEST_NAME), z.read(OPERATIONS_NAME)
    manifest = manifest.replace(base64.b64encode(hashlib.sha256(old).digest()),
                                base64.b64encode(hashlib.sha256(body).digest()))
    edited = forger.rezip(container, _replaced(OPERATIONS_NAME, body))
    return forger.rezip(edited, _replaced(MANIFEST_NAME, manifest, zipfile.ZIP_DEFLATED))


def _over_the_cap(forger: Forger, container: bytes) -> bytes:
    """Three deflated entries of 1 MB each declaring 99 MB: every ratio is under 100,
    the total to inflate is not."""
    noise = os.urandom(1 << 20)
    names = [letter_entry(f"{n:x}" * 64) for n in range(10, 13)]

    def edit(entries: list[Entry]) -> list[Entry]:
        extra = []
        for name in names:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            extra.append((info, noise))
        return [*entries, *extra]

    out = forger.rezip(container, edit)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        packed = z.getinfo(names[0]).compress_size
    for name in names:
        out = _patched(out, name, 24, packed * 99)
    return out


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_bad_containers_are_refused_at_their_check(office: Office,
                                                   genuine: tuple[bytes, bytes],
                                                   tmp_path: Path) -> None:
    container = genuine[0]
    cases = _cases(office.forger, container)
    assert len(cases) >= 25
    for name, (inner, code, detail) in cases.items():
        error = _refused(office, office.forger.seal(inner), tmp_path / "work")
        assert error.code == code, (name, error.code, error.params)
        assert detail in str(error.params.get("detail", "")) + str(
            error.params.get("name", "")), (name, error.params)


def test_an_expired_bundle_is_refused(office: Office, tmp_path: Path) -> None:
    forger = office.forger
    now = dt.datetime.now(dt.UTC)
    stale = forger.manifest(created=now - dt.timedelta(days=40),
                            expires=now - dt.timedelta(days=10))
    error = _refused(office, forger.seal(forger.container(stale)), tmp_path / "work")
    assert error.code == "courier.expired"
    be_year = str((now - dt.timedelta(days=10)).year + 543)  # people read Buddhist-Era dates
    assert be_year in error.message("th") and be_year in error.message("en")
    assert "น." in error.message("th") and "Thai time" in error.message("en")


def test_recipient_infos_changed_after_signing_are_tampering(
        office: Office, genuine: tuple[bytes, bytes], tmp_path: Path) -> None:
    """B (or anyone who opened it) re-seals the signed container to another set of
    agencies: the GCM tag is fine, the signed recipient hash is not."""
    _, data = genuine
    inner = io.BytesIO()
    open_envelope(io.BytesIO(data), len(data), inner, recipient_key(office.enc["B"]))
    for recipients in ("BC", "B", "AB"):
        sealing = sealing_key([office.cert(w) for w in recipients])
        resealed = office.forger.seal(inner.getvalue(), sealing)
        error = _refused(office, resealed, tmp_path / "work")
        assert error.code == "courier.tampered", recipients


def _mutated(data: bytes, edits: list[tuple[float, int, int]]) -> bytes:
    out = bytearray(data)
    for where, kind, value in edits:
        at = min(int(where * len(out)), max(len(out) - 1, 0))
        if not out:
            break
        if kind == 0:
            out[at] ^= value or 1
        elif kind == 1:
            del out[at: at + value]
        elif kind == 2:
            out[at:at] = bytes([value]) * (value % 7 + 1)
        else:
            del out[at:]
    return bytes(out)


_EDITS = st.lists(st.tuples(st.floats(0, 1, allow_nan=False), st.integers(0, 3),
                            st.integers(0, 255)), min_size=1, max_size=4)


def test_fuzz_only_courier_errors_escape(office: Office, genuine: tuple[bytes, bytes],
                                         tmp_path: Path) -> None:
    """Random edits of the sealed file, and of the container then re-sealed (so zip,
    manifest and signature parsing are reached): a CourierError or a bundle whose
    letters are the genuine ones, never another exception."""
    container, data = genuine
    roots = [asn1_x509.Certificate.load(office.ca.cert_der)]
    key = recipient_key(office.enc["B"])

    @settings(max_examples=300, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(inner=st.booleans(), edits=_EDITS)
    def attempt(inner: bool, edits: list[tuple[float, int, int]]) -> None:
        bundle = (office.forger.seal(_mutated(container, edits)) if inner
                  else _mutated(data, edits))
        before = _open_fds()
        try:
            with open_bundle(io.BytesIO(bundle), len(bundle), key, roots,
                             work_dir=tmp_path) as opened:
                for sha in SHAS:  # a harmless edit (a zip timestamp): the letters hold
                    assert opened.letter(sha) == BLOBS[sha]
        except CourierError as e:
            assert e.code in MESSAGES, e.code
        assert _open_fds() == before

    attempt()


def _openssl(*args: str) -> subprocess.CompletedProcess[str]:
    assert OPENSSL, "openssl is installed by scripts/setup"
    return subprocess.run([OPENSSL, "cms", *args], capture_output=True, text=True,
                          timeout=60)


def test_openssl_detects_a_flipped_byte(office: Office, genuine: tuple[bytes, bytes],
                                        tmp_path: Path) -> None:
    """The auditor's check (test_bundle) fails as it should: a flipped ciphertext byte
    fails ``-decrypt`` (the GCM tag), a flipped manifest byte fails ``-verify``."""
    container, data = genuine
    cert, key = office.enc["B"].write(tmp_path, "b")
    head = len(data) - len(container) - 18
    for position in (head + 5, head + len(container) // 2, len(data) - 3):
        damaged = bytearray(data)
        damaged[position] ^= 0x20
        (tmp_path / "d.korat").write_bytes(bytes(damaged))
        run = _openssl("-decrypt", "-inform", "DER", "-binary", "-in",
                       str(tmp_path / "d.korat"), "-recip", str(cert), "-inkey", str(key),
                       "-out", str(tmp_path / "inner.zip"))
        assert run.returncode != 0, position
    with zipfile.ZipFile(io.BytesIO(container)) as z:
        manifest, signature = z.read(MANIFEST_NAME), z.read(SIGNATURE_NAME)
    (tmp_path / "sig.p7s").write_bytes(signature)
    verify = ("-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "sig.p7s"),
              "-content", str(tmp_path / "manifest.xml"), "-CAfile",
              str(office.folder / "ca.crt"), "-purpose", "any", "-out", os.devnull)
    (tmp_path / "manifest.xml").write_bytes(manifest)
    assert _openssl(*verify).returncode == 0
    for position in (0, len(manifest) // 2, manifest.index(b"<ds:DigestValue>") + 20):
        damaged = bytearray(manifest)
        damaged[position] ^= 0x01
        (tmp_path / "manifest.xml").write_bytes(bytes(damaged))
        run = _openssl(*verify)
        assert run.returncode != 0 and "Verification failure" in run.stderr, position
