"""The wire protocol's enums carry exactly the domain's stored values."""

from korat_desktop.domain import letters
from korat_desktop.protocol import ops


def test_protocol_and_domain_agree_on_values():
    for domain_enum, wire_enum in ((letters.LetterKind, ops.LetterKind),
                                   (letters.Urgency, ops.Urgency),
                                   (letters.Secrecy, ops.Secrecy)):
        assert {m.value for m in domain_enum} == {m.value for m in wire_enum}
