"""Trim the ICU data Qt brings to the locales and scripts a Thai office uses.

    python installers/trim_icu.py BUNDLE_DIR

Why: PySide6's Linux wheels link Qt against their own ICU, whose data library
(``libicudata.so.NN``, 31 MB) holds every locale, converter, transliterator and
dictionary ICU knows: a sixth of the frozen app. Qt uses ICU for collation (sorting),
text conversion and some locale data; the app needs Thai, English and the root rules.
The same is done by browsers and Electron apps, which ship filtered ICU data.

How: ICU's own ``icupkg`` (Debian's icu-devtools) takes the data package out of the
library's ``icudtNN_dat`` symbol, removes the items below, and the package is linked
back into a library of the same soname exporting the same symbol (gcc, ``.incbin``).
Kept, whole: normalization, properties, character names, time zones, plural and
number rules, every top-level table (likelySubtags, supplementalData, ...), all
break-iterator rules and dictionaries (Thai, Lao, Khmer, Burmese, CJK: the root rules
name them all, and icupkg keeps a package whole), the UCA collation root. Kept for the
locales root, en (US, GB, 001, 150, POSIX) and th (TH, traditional) only: locale
data, collation, currencies, languages, regions, units, zone names, spell-out rules.
Dropped: other locales, transliterators and converters other than Unicode (built into ICU's code), ISO-8859-x, windows-874 and
TIS-620 (ibm-874) and the Windows single-byte code pages.

Windows builds use Windows' own ICU (icu.dll), so this runs on Linux only. Without
icupkg or gcc it stops the build: an untrimmed bundle would miss the size target
silently.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["KEEP_LOCALES", "keep_item", "trim"]

KEEP_LOCALES = frozenset({
    "root", "en", "en_001", "en_150", "en_GB", "en_US", "en_US_POSIX",
    "th", "th_TH", "th_TH_TRADITIONAL",
})
_LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")  # de_.res too
_KEEP_CONVERTERS = re.compile(
    r"^(iso-8859_\d+|ibm-874_|windows-874|windows-125\d|ibm-5346|ibm-5347|ibm-5348"
    r"|ibm-5349|ibm-5350|ibm-912_|ibm-913_|ibm-914_|ibm-915_|ibm-920_|ibm-923_"
    r"|ibm-9447|ibm-9448)", re.I)
_NOT_LOCALES = frozenset({"pool.res", "res_index.res"})


def keep_item(item: str) -> bool:
    """Whether an ICU data item (``coll/th.res``, ``brkitr/cjdict.dict``, ...) stays."""
    folder, _, name = item.rpartition("/")
    if folder == "translit":
        return False
    if name.endswith(".cnv"):
        return bool(_KEEP_CONVERTERS.match(name))
    if name.endswith(".res") and _LOCALE_RES.match(name) and name not in _NOT_LOCALES:
        return name[:-4] in KEEP_LOCALES
    return True


def _tool(name: str, package: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        sys.exit(f"trim_icu: {name} is needed (Debian: apt-get install {package}; "
                 "scripts/setup --test installs it)")
    return found


def _data_symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat symbol in the data library."""
    out = subprocess.run(["nm", "-D", "-S", str(lib)], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"^([0-9a-f]+) ([0-9a-f]+) [RrDd] (icudt\d+_dat)$", out, re.M)
    if not m:
        sys.exit(f"trim_icu: no icudtNN_dat symbol in {lib}")
    vaddr, size, name = int(m[1], 16), int(m[2], 16), m[3]
    loads = subprocess.run(["readelf", "-lW", str(lib)], capture_output=True, text=True,
                           check=True).stdout
    for row in re.finditer(r"LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+"
                           r"0x([0-9a-f]+)", loads):
        off, start, filesz = (int(row[i], 16) for i in (1, 2, 3))
        if start <= vaddr < start + filesz:
            return name, vaddr - start + off, size
    sys.exit(f"trim_icu: {name} is not in a loaded segment of {lib}")


def trim(lib: Path) -> tuple[int, int]:
    """Replace ``lib`` (libicudata.so.NN) by a trimmed one; returns (before, after)."""
    icupkg = _tool("icupkg", "icu-devtools")
    gcc = _tool("gcc", "gcc")
    symbol, offset, size = _data_symbol(lib)
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = work / f"{symbol[:-4]}l.dat"  # icudt73l.dat: little-endian package
        with lib.open("rb") as fh:
            fh.seek(offset)
            package.write_bytes(fh.read(size))
        items = subprocess.run([icupkg, "-l", str(package)], capture_output=True,
                               text=True, check=True).stdout.split()
        drop = [i for i in items if not keep_item(i)]
        if len(drop) == len(items) or not items:
            sys.exit(f"trim_icu: nothing would be left of {len(items)} items")
        (work / "drop.txt").write_text("\n".join(drop) + "\n")
        # icupkg names the items after the output file: the same name as the input
        (work / "out").mkdir()
        trimmed = work / "out" / package.name
        subprocess.run([icupkg, "-r", str(work / "drop.txt"), str(package), str(trimmed)],
                       check=True, cwd=work)
        left = subprocess.run([icupkg, "-l", str(trimmed)], capture_output=True,
                              text=True, check=True).stdout.split()
        if len(left) != len(items) - len(drop):
            sys.exit(f"trim_icu: icupkg left {len(left)} items, expected "
                     f"{len(items) - len(drop)}")
        asm = work / "data.S"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
            f'{symbol}:\n\t.incbin "{trimmed}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n')
        out = work / lib.name
        subprocess.run([gcc, "-shared", "-nostdlib", "-o", str(out), str(asm),
                        f"-Wl,-soname,{lib.name}", "-Wl,-z,noexecstack", "-s"], check=True)
        mode = lib.stat().st_mode
        out.chmod(mode)
        shutil.copyfile(out, lib)  # the build's own file (made by PyInstaller's COLLECT)
    return before, lib.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    libs = sorted(Path(argv[0]).rglob("libicudata.so.*"))
    libs = [p for p in libs if p.is_file() and not p.is_symlink()]
    if not libs:
        print("trim_icu: no libicudata in the bundle: nothing to trim", file=sys.stderr)
        return 0
    for lib in libs:
        before, after = trim(lib)
        print(f"trim_icu: {lib.name} {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
