"""ETSI ASiC-E (EN 319 162-1) containers with a detached CAdES signature, strictly read.

A courier bundle's inside is a standard container so that an auditor can check it with
ordinary tools: a zip whose first entry is ``mimetype`` (stored, no extra field) holding
``application/vnd.etsi.asic-e+zip``; the data objects (the operations' JSON manifest and
the letters' PDFs); ``META-INF/ASiCManifest.xml`` naming each data object with its
SHA-256; and ``META-INF/signature.p7s``, a detached CMS signature over that manifest.
``openssl cms -verify -binary -inform DER -in signature.p7s -content ASiCManifest.xml``
checks it.

Reading trusts nothing in the zip: entry names must be ours (no ``../``, no absolute
paths, no duplicates, nothing unlisted, a name stored exactly as read: no NUL cut, no
backslash that Windows would turn into a folder), sizes are counted as bytes come out
(never taken from the header), a compression ratio above :data:`MAX_RATIO` or more than
:data:`MAX_INFLATED` bytes to inflate in all is a zip bomb (checked on the declared sizes
before anything is inflated; a declared size that lies then fails as it is read), and
every data object must be in the manifest with a matching digest, and the reverse. The
signature itself is checked by the caller (:mod:`korat_desktop.courier.signature`),
over the manifest bytes this module returns: :func:`open_asice` stops before the
digests so that the caller can check the signature first.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree import ElementTree

from korat_desktop.errors import CourierError

__all__ = ["ASIC_E_MIMETYPE", "MANIFEST_NAME", "SIGNATURE_NAME", "MAX_RATIO", "MAX_INFLATED",
           "MAX_OPERATIONS", "AsiceWriter", "AsiceContents", "DataObject", "manifest_digests",
           "open_asice", "read_asice"]

ASIC_E_MIMETYPE = "application/vnd.etsi.asic-e+zip"
MANIFEST_NAME = "META-INF/ASiCManifest.xml"
SIGNATURE_NAME = "META-INF/signature.p7s"
MAX_RATIO = 100
MAX_INFLATED = 256 << 20
"""Declared uncompressed bytes of all deflated entries together (we deflate only JSON and
XML; letters are stored, PDFs being compressed already)."""
MAX_OPERATIONS = 64 << 20
"""``operations.json`` is parsed whole, so it is capped (200 letters take about 1 MB)."""
_PIECE = 1 << 20
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
               NotImplementedError, RuntimeError, ValueError, struct.error, KeyError,
               IndexError)
"""What zipfile raises on damaged input (CRC, truncation, bad headers, odd methods)."""
_NS_ASIC = "http://uri.etsi.org/02918/v1.2.1#"
_NS_DS = "http://www.w3.org/2000/09/xmldsig#"
_SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"
_DATA_NAME = re.compile(r"^(?:operations\.json|letters/[0-9a-f]{64}\.pdf)$")
_MAX_MANIFEST = 4 << 20
_MAX_SIGNATURE = 1 << 20


@dataclass(frozen=True)
class DataObject:
    name: str
    mime: str
    sha256: str
    size: int


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _manifest_xml(objects: list[DataObject]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<asic:ASiCManifest xmlns:asic="{_NS_ASIC}" xmlns:ds="{_NS_DS}">',
             f'  <asic:SigReference URI="{SIGNATURE_NAME}" '
             'MimeType="application/pkcs7-signature"/>']
    for o in objects:
        digest = base64.b64encode(bytes.fromhex(o.sha256)).decode()
        lines += [f'  <asic:DataObjectReference URI="{_escape(o.name)}" '
                  f'MimeType="{_escape(o.mime)}">',
                  f'    <ds:DigestMethod Algorithm="{_SHA256_URI}"/>',
                  f"    <ds:DigestValue>{digest}</ds:DigestValue>",
                  "  </asic:DataObjectReference>"]
    lines.append("</asic:ASiCManifest>")
    return ("\n".join(lines) + "\n").encode("utf-8")


class AsiceWriter:
    """Writes one container to ``dst`` (a file opened for writing), streaming each data
    object; :meth:`finish` writes the manifest and the signature ``sign`` makes of it."""

    def __init__(self, dst: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(dst, "w", allowZip64=True)
        self._objects: list[DataObject] = []
        info = zipfile.ZipInfo("mimetype", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        self._zip.writestr(info, ASIC_E_MIMETYPE)

    def add(self, name: str, src: BinaryIO, mime: str, *, compress: bool = False) -> DataObject:
        if not _DATA_NAME.match(name) or any(o.name == name for o in self._objects):
            raise CourierError("courier.container_damaged", detail=f"entry name {name!r}")
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        digest, size = hashlib.sha256(), 0
        with self._zip.open(info, "w", force_zip64=True) as out:
            while piece := src.read(_PIECE):
                digest.update(piece)
                size += len(piece)
                out.write(piece)
        obj = DataObject(name, mime, digest.hexdigest(), size)
        self._objects.append(obj)
        return obj

    def finish(self, sign: Callable[[bytes], bytes]) -> tuple[DataObject, ...]:
        manifest = _manifest_xml(self._objects)
        self._zip.writestr(MANIFEST_NAME, manifest, zipfile.ZIP_DEFLATED)
        self._zip.writestr(SIGNATURE_NAME, sign(manifest), zipfile.ZIP_STORED)
        self._zip.close()
        return tuple(self._objects)


@dataclass(frozen=True)
class AsiceContents:
    """A container whose structure and digests were checked; the signature is the
    caller's to check over ``manifest_xml``."""

    manifest_xml: bytes
    signature: bytes
    objects: tuple[DataObject, ...]
    _zip: zipfile.ZipFile

    def open(self, name: str) -> Iterator[bytes]:
        """The pieces of a data object, checked again against its digest as read."""
        obj = next((o for o in self.objects if o.name == name), None)
        if obj is None:
            raise CourierError("courier.container_damaged", detail=f"no entry {name!r}")
        yield from _checked_pieces(self._zip, obj)

    def read(self, name: str) -> bytes:
        return b"".join(self.open(name))

    def verify_digests(self) -> None:
        """Read every data object once against its digest (the long pass: a caller
        checks the signature over :attr:`manifest_xml` first, so a forgery costs one
        signature check, not a read of the whole container)."""
        for obj in self.objects:
            for _ in _checked_pieces(self._zip, obj):
                pass


def _bad(detail: str) -> CourierError:
    return CourierError("courier.container_damaged", detail=detail)


def _bounded(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise _bad(f"{info.filename} is too large")
    try:
        with z.open(info) as f:
            data = f.read(limit + 1)
    except _ZIP_ERRORS as e:
        raise _bad(f"{info.filename}: {e}") from e
    if len(data) > limit:
        raise _bad(f"{info.filename} is too large")
    return data


def _checked_pieces(z: zipfile.ZipFile, obj: DataObject) -> Iterator[bytes]:
    digest, size = hashlib.sha256(), 0
    try:
        with z.open(obj.name) as f:
            while piece := f.read(_PIECE):
                size += len(piece)
                if size > obj.size:
                    raise _bad(f"{obj.name} is longer than it says")
                digest.update(piece)
                yield piece
    except _ZIP_ERRORS as e:
        raise _bad(f"{obj.name}: {e}") from e
    if size != obj.size:
        raise _bad(f"{obj.name} is shorter than it says")
    if digest.hexdigest() != obj.sha256:
        raise CourierError("courier.digest_mismatch", name=obj.name)


def _parse_manifest(xml: bytes) -> dict[str, tuple[str, str]]:
    """URI → (mime, sha256 hex) from an ASiCManifest we wrote (no DTDs, no entities)."""
    try:  # UTF-8 only, so that no other encoding can hide a DTD from this check
        text = xml.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _bad("manifest is not UTF-8") from e
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise _bad("manifest declares a DTD")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise _bad(f"manifest: {e}") from e
    if root.tag != f"{{{_NS_ASIC}}}ASiCManifest":
        raise _bad("not an ASiCManifest")
    refs = root.findall(f"{{{_NS_ASIC}}}SigReference")
    if len(refs) != 1 or refs[0].get("URI") != SIGNATURE_NAME:
        raise _bad("manifest does not name its signature")
    out: dict[str, tuple[str, str]] = {}
    for ref in root.findall(f"{{{_NS_ASIC}}}DataObjectReference"):
        uri, mime = ref.get("URI") or "", ref.get("MimeType") or ""
        method = ref.find(f"{{{_NS_DS}}}DigestMethod")
        value = ref.find(f"{{{_NS_DS}}}DigestValue")
        if method is None or method.get("Algorithm") != _SHA256_URI or value is None:
            raise _bad(f"{uri}: digest is not SHA-256")
        try:
            digest = base64.b64decode((value.text or "").strip(), validate=True)
        except ValueError as e:
            raise _bad(f"{uri}: digest value") from e
        if len(digest) != 32 or uri in out:
            raise _bad(f"{uri}: digest value or repeated entry")
        out[uri] = (mime, digest.hex())
    return out


def manifest_digests(xml: bytes) -> dict[str, str]:
    """URI → SHA-256 hex of every data object an ASiCManifest lists, strictly parsed:
    what the hub checks a relayed ``operations.json`` against, without the zip."""
    return {uri: digest for uri, (_, digest) in _parse_manifest(xml).items()}


def _check_entries(infos: list[zipfile.ZipInfo], total: int) -> None:
    """Names, methods and declared sizes, before any entry is read."""
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise _bad("an entry name appears twice")
    if not infos or infos[0].filename != "mimetype" or infos[0].compress_type != \
            zipfile.ZIP_STORED or infos[0].extra:
        raise _bad("mimetype is not the first, stored entry")
    inflated = packed = 0
    for info in infos:
        name = info.filename
        if info.orig_filename != name or "\\" in name:
            raise _bad(f"entry name {info.orig_filename!r} is not stored as read")
        if info is not infos[0] and name not in (MANIFEST_NAME, SIGNATURE_NAME) \
                and not _DATA_NAME.match(name):
            raise _bad(f"unexpected entry {name!r}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _bad(f"{name}: compression method {info.compress_type}")
        if info.flag_bits & 0x1:
            raise _bad(f"{name}: zip encryption")
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise _bad(f"{name}: stored, yet its two sizes differ (a zip bomb)")
        if info.compress_type == zipfile.ZIP_DEFLATED:
            if info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _bad(f"{name}: compression ratio above {MAX_RATIO} (a zip bomb)")
            inflated += info.file_size
        packed += info.compress_size
    if inflated > MAX_INFLATED:
        raise _bad(f"more than {MAX_INFLATED >> 20} MiB to inflate in all (a zip bomb)")
    if packed > total:
        raise _bad("entries larger than the container (overlapping entries: a zip bomb)")


def read_asice(src: BinaryIO) -> AsiceContents:
    """Open and check a container's structure and every data object's digest."""
    contents = open_asice(src)
    try:
        contents.verify_digests()
    except BaseException:
        contents._zip.close()
        raise
    return contents


def open_asice(src: BinaryIO) -> AsiceContents:
    """Open a container and check its structure and manifest, not yet the digests
    (:meth:`AsiceContents.verify_digests`)."""
    try:
        total = src.seek(0, 2)
        src.seek(0)
        z = zipfile.ZipFile(src)
    except _ZIP_ERRORS as e:
        raise _bad(f"not a zip ({e})") from e
    try:
        return _checked(z, total)
    except BaseException:
        z.close()
        raise


def _checked(z: zipfile.ZipFile, total: int) -> AsiceContents:
    infos = z.infolist()
    _check_entries(infos, total)
    if _bounded(z, infos[0], 200) != ASIC_E_MIMETYPE.encode():
        raise _bad("mimetype is not ASiC-E")
    names = {i.filename for i in infos}
    if MANIFEST_NAME not in names or SIGNATURE_NAME not in names:
        raise _bad("ASiCManifest or signature missing")
    manifest = _bounded(z, z.getinfo(MANIFEST_NAME), _MAX_MANIFEST)
    signature = _bounded(z, z.getinfo(SIGNATURE_NAME), _MAX_SIGNATURE)
    listed = _parse_manifest(manifest)
    present = {i.filename: i for i in infos[1:]
               if i.filename not in (MANIFEST_NAME, SIGNATURE_NAME)}
    if set(listed) != set(present):
        extra = sorted(set(present) - set(listed))
        missing = sorted(set(listed) - set(present))
        raise _bad(f"entries not in the manifest {extra}, listed but absent {missing}")
    if "operations.json" in present and present["operations.json"].file_size > MAX_OPERATIONS:
        raise _bad(f"operations.json is larger than {MAX_OPERATIONS >> 20} MiB")
    objects = tuple(DataObject(name, listed[name][0], listed[name][1],
                               present[name].file_size) for name in sorted(listed))
    return AsiceContents(manifest, signature, objects, z)
