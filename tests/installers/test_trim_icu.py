"""installers/trim_icu.py's rule: which ICU data items stay in the frozen app."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("trim_icu", ROOT / "installers" / "trim_icu.py")
assert _spec and _spec.loader
trim_icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trim_icu)


@pytest.mark.parametrize("item", [
    "root.res", "th.res", "th_TH.res", "en.res", "en_GB.res", "pool.res", "res_index.res",
    "coll/th.res", "coll/root.res", "coll/ucadata.icu", "brkitr/thaidict.dict",
    "brkitr/cjdict.dict", "brkitr/line.brk", "zone/th.res", "curr/en.res", "unames.icu",
    "cnvalias.icu", "ibm-874_P100-1995.cnv", "windows-874-2000.cnv",
    "iso-8859_11-2001.cnv", "zoneinfo64.res", "likelySubtags.res", "uts46.nrm",
])
def test_kept(item: str):
    assert trim_icu.keep_item(item)


@pytest.mark.parametrize("item", [
    "ja.res", "zh_Hant_TW.res", "fr.res", "coll/zh.res", "coll/de_.res", "lang/ko.res",
    "translit/root.res", "gb18030.cnv", "ibm-1390_P110-2003.cnv", "euc-tw-2014.cnv",
    "unit/de.res", "rbnf/ru.res",
])
def test_dropped(item: str):
    assert not trim_icu.keep_item(item)
