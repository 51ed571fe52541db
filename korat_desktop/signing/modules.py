"""Finding and loading PKCS#11 modules (the token vendors' middleware libraries).

A module is loaded once per process and kept: PKCS#11 libraries are initialised with
``C_Initialize`` exactly once, and reloading one while sessions are open breaks them.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pkcs11

from korat_desktop.errors import SigningError

__all__ = ["Pkcs11Module", "configured_module_paths", "find_modules", "load_module"]

log = logging.getLogger(__name__)

_LOADED: dict[str, Any] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Pkcs11Module:
    """A loaded PKCS#11 library and what it says about itself."""

    path: str
    manufacturer: str
    description: str
    lib: Any  # pkcs11.lib; typed loosely because the extension has no useful stubs


def configured_module_paths(config: Mapping[str, Any] | Any) -> list[str]:
    """The ``signing.pkcs11_modules`` list from a :class:`~korat_desktop.config.Config`."""
    value = config["signing.pkcs11_modules"]
    return [str(v) for v in value]


def _exists(path: str) -> bool:
    # Bare names ("opensc-pkcs11.dll") are resolved by the OS loader from its search
    # path; we cannot stat them, so we let the loader try.
    return os.path.exists(path) if os.sep in path or "/" in path else True


def load_module(path: str) -> Pkcs11Module:
    """Load (or reuse) the module at ``path``."""
    key = os.path.realpath(path) if _exists(path) and ("/" in path or os.sep in path) else path
    if not _exists(path):
        raise SigningError("signing.module_not_found", module=path)
    with _LOCK:
        lib = _LOADED.get(key)
        if lib is None:
            try:
                lib = pkcs11.lib(path)
            except pkcs11.PKCS11Error as e:
                raise SigningError("signing.module_load_failed", module=path,
                                   detail=str(e) or type(e).__name__) from e
            _LOADED[key] = lib
            log.info("loaded PKCS#11 module %s (%s)", path, lib.manufacturer_id.strip())
    return Pkcs11Module(path, lib.manufacturer_id.strip(), lib.library_description.strip(),
                        lib)


def find_modules(paths: Iterable[str], explicit: str | None = None) -> list[Pkcs11Module]:
    """Load the explicit module, or every configured one that exists.

    An explicit path that does not load is an error (the user asked for it); configured
    defaults that are missing are skipped, since the list covers many vendors.
    """
    if explicit:
        return [load_module(explicit)]
    modules: list[Pkcs11Module] = []
    seen: set[int] = set()
    for path in paths:
        if not _exists(path):
            continue
        try:
            module = load_module(path)
        except SigningError as e:
            log.warning("skipping PKCS#11 module %s: %s", path, e.code)
            continue
        if id(module.lib) in seen:
            continue
        seen.add(id(module.lib))
        modules.append(module)
    if not modules:
        raise SigningError("signing.no_modules")
    return modules
