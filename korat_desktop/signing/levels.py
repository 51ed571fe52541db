"""PAdES baseline levels (ETSI EN 319 142-1) and reading them off a signed PDF.

* B-B: a PAdES signature (ETSI.CAdES.detached).
* B-T: plus a trusted time: a signature timestamp in the CMS, or a document
  timestamp added after the signature.
* B-LT: plus certificates and revocation data (OCSP/CRL) in the document security
  store (DSS), added after the time evidence.
* B-LTA: plus a document timestamp covering that DSS.

The store keeps the level per document so it knows what is left to upgrade; the
document's level is the lowest level of its signatures.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

from korat_desktop.errors import SigningError
from korat_desktop.signing.pdf_input import open_reader

__all__ = ["SignatureLevel", "SignatureLevelInfo", "detect_level", "signature_levels"]


class SignatureLevel(enum.Enum):
    B_B = "b-b"
    B_T = "b-t"
    B_LT = "b-lt"
    B_LTA = "b-lta"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, SignatureLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, SignatureLevel):
            return NotImplemented
        return self.rank <= other.rank

    @classmethod
    def parse(cls, text: str) -> SignatureLevel:
        norm = text.strip().lower().replace("_", "-")
        if not norm.startswith("b-"):
            norm = "b-" + norm
        try:
            return cls(norm)
        except ValueError as e:
            raise SigningError("signing.bad_level", level=text) from e


_ORDER = (SignatureLevel.B_B, SignatureLevel.B_T, SignatureLevel.B_LT, SignatureLevel.B_LTA)


@dataclass(frozen=True)
class SignatureLevelInfo:
    field_name: str
    level: SignatureLevel
    signed_revision: int


def _dss_update_revisions(reader: PdfFileReader) -> list[int]:
    """Revisions in which the DSS gained certificates or revocation data."""
    revisions: list[int] = []
    previous = 0
    for rev in range(reader.xrefs.total_revisions):
        root = reader.get_historical_root(rev)
        size = 0
        if "/DSS" in root:
            dss = root["/DSS"]
            size = sum(len(dss[key]) for key in ("/OCSPs", "/CRLs", "/Certs") if key in dss)
        if size > previous:
            revisions.append(rev)
        previous = size
    return revisions


def _level_of(sig: EmbeddedPdfSignature, doc_ts_revisions: list[int],
              dss_revisions: list[int]) -> SignatureLevel:
    rev = sig.signed_revision
    has_sig_ts = any(True for _ in extract_tst_data_iter(sig.signer_info, signed=False))
    later_ts = [r for r in doc_ts_revisions if r > rev]
    if not has_sig_ts and not later_ts:
        return SignatureLevel.B_B
    time_rev = rev if has_sig_ts else min(later_ts)
    # validation data must come after the time evidence, so it can cover its TSA too
    dss_after = [d for d in dss_revisions if d > time_rev]
    if not dss_after:
        return SignatureLevel.B_T
    if any(r > dss_after[0] for r in later_ts):
        return SignatureLevel.B_LTA
    return SignatureLevel.B_LT


def signature_levels(reader: PdfFileReader) -> list[SignatureLevelInfo]:
    sigs = list(reader.embedded_regular_signatures)
    ts_revs = [ts.signed_revision for ts in reader.embedded_timestamp_signatures]
    dss_revs = _dss_update_revisions(reader)
    return [SignatureLevelInfo(str(s.field_name), _level_of(s, ts_revs, dss_revs),
                               s.signed_revision) for s in sigs]


def detect_level(data: bytes) -> SignatureLevel | None:
    """The document's PAdES level (lowest of its signatures); ``None`` if unsigned."""
    try:
        levels = signature_levels(open_reader(data))
    except SigningError:
        raise
    except Exception as e:  # malformed signature dictionaries surface here
        raise SigningError("signing.pdf_corrupt", detail=str(e) or type(e).__name__) from e
    if not levels:
        return None
    return min((info.level for info in levels), key=lambda lv: lv.rank)
