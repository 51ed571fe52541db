"""Signing settings read once from the app configuration.

A small frozen object instead of passing ``Config`` around: the signing functions
are also called by the store's background upgrader and by tests, which should not
need a full configuration to say "use this TSA and these roots".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from korat_desktop.resources import resource_path

__all__ = ["SigningSettings"]


@dataclass(frozen=True)
class SigningSettings:
    tsa_url: str = ""
    trust_roots: tuple[str, ...] = ()
    online_revocation: bool = True
    bundled_trust_dir: Path | None = field(default_factory=lambda: resource_path("trust"))
    network_timeout_s: float = 10.0

    @classmethod
    def from_config(cls, config: Any) -> SigningSettings:
        """From a :class:`korat_desktop.config.Config` (``signing.*`` keys)."""
        return cls(
            tsa_url=str(config["signing.tsa_url"] or ""),
            trust_roots=tuple(str(p) for p in config["signing.trust_roots"]),
            online_revocation=bool(config["signing.online_revocation"]),
            network_timeout_s=float(config["sync.connect_timeout_s"]),
        )

    def with_trust_roots(self, extra: Sequence[str | Path]) -> SigningSettings:
        return replace(self, trust_roots=self.trust_roots + tuple(str(p) for p in extra))
