"""tus 1.0 names and the ``Upload-Metadata`` / ``Upload-Checksum`` encodings.

Blobs go up with tus (core + creation + checksum + expiration + termination) so a
drop on a poor link costs at most one chunk. Korat additions, all optional for a
plain tus client:

* ``Upload-Metadata`` must carry ``sha256`` (hex of the whole blob): the hub checks
  the finished bytes against it and names the blob by it.
* Creating an upload for a blob the agency already holds answers ``200`` with
  ``Upload-Offset == Upload-Length``, ``Korat-Blob-Exists: 1`` and
  ``Location: /blobs/<sha256>``: nothing needs sending. (The blob becomes readable
  by an agency once a committed operation routed to or from it references it.)
* Holding a blob is per agency: an agency that only knows a hash another agency
  uploaded must still send the bytes once (proof of possession), so a leaked hash
  never grants access to a document.
* A finished upload whose bytes do not hash to the declared ``sha256`` is deleted
  and answered ``422 upload.hash_mismatch``; a chunk failing ``Upload-Checksum`` is
  dropped and answered ``460``.
"""

from __future__ import annotations

import base64
import binascii

__all__ = [
    "BLOB_EXISTS_HEADER",
    "CHECKSUM_MISMATCH_STATUS",
    "OFFSET_CONTENT_TYPE",
    "TUS_CHECKSUM_ALGORITHMS",
    "TUS_EXTENSIONS",
    "TUS_VERSION",
    "decode_checksum",
    "decode_metadata",
    "encode_checksum",
    "encode_metadata",
]

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,checksum,expiration,termination"
TUS_CHECKSUM_ALGORITHMS = "sha256"
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
BLOB_EXISTS_HEADER = "Korat-Blob-Exists"
CHECKSUM_MISMATCH_STATUS = 460


def encode_metadata(values: dict[str, str]) -> str:
    """``key base64(value)`` pairs joined by commas, as tus creation defines."""
    return ",".join(
        f"{key} {base64.b64encode(value.encode('utf-8')).decode('ascii')}"
        for key, value in values.items()
    )


def decode_metadata(header: str) -> dict[str, str]:
    """Parse ``Upload-Metadata``; ValueError on anything malformed."""
    values: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _, encoded = pair.partition(" ")
        if not key or " " in encoded.strip() or not key.isascii():
            raise ValueError(f"malformed pair {pair!r}")
        if key in values:
            raise ValueError(f"duplicate key {key!r}")
        try:
            values[key] = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as e:
            raise ValueError(f"value of {key!r} is not base64 UTF-8") from e
    return values


def encode_checksum(digest: bytes, algorithm: str = "sha256") -> str:
    """The ``Upload-Checksum`` value for a chunk's raw digest."""
    return f"{algorithm} {base64.b64encode(digest).decode('ascii')}"


def decode_checksum(header: str) -> tuple[str, bytes]:
    """``(algorithm, raw digest)`` from ``Upload-Checksum``; ValueError if malformed."""
    algorithm, _, encoded = header.strip().partition(" ")
    if not algorithm or not encoded:
        raise ValueError("expected '<algorithm> <base64 digest>'")
    try:
        return algorithm.lower(), base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error as e:
        raise ValueError("digest is not base64") from e
