"""Group Policy templates generated from the declared settings, checked against the
ADMX schema's structure (every setting, its type, every string and presentation)."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from korat_desktop.config import SETTINGS, Setting

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers" / "windows"))
import make_admx  # noqa: E402  (installers/windows is not a package)

NS = {"p": make_admx.NS}
POLICY_CHILDREN = ["parentCategory", "seeAlso", "keywords", "supportedOn", "enabledValue",
                   "disabledValue", "enabledList", "disabledList", "elements"]


def _tag(el: ET.Element) -> str:
    return el.tag.split("}", 1)[1]


def _expected_element(s: Setting) -> str | None:
    if s.type is bool:
        return None
    if s.type is int:
        return "decimal"
    if s.type is list:
        return "list"
    return "enum" if s.choices else "text"


def test_every_setting_is_a_machine_policy_of_its_type(tmp_path):
    paths = make_admx.write(tmp_path)
    admx = ET.parse(paths[0]).getroot()
    assert _tag(admx) == "policyDefinitions"
    policies = {p.get("name"): p for p in admx.iterfind("p:policies/p:policy", NS)}
    assert set(policies) == {make_admx.policy_name(s) for s in SETTINGS}
    categories = {c.get("name") for c in admx.iterfind("p:categories/p:category", NS)}
    for s in SETTINGS:
        section, name = s.key.split(".", 1)
        p = policies[make_admx.policy_name(s)]
        assert p.get("class") == "Machine"
        assert p.get("key") == f"{make_admx.POLICY_KEY}\\{section}"
        order = [POLICY_CHILDREN.index(_tag(c)) for c in p]
        assert order == sorted(order), s.key  # the schema's sequence
        assert p.find("p:parentCategory", NS).get("ref") in categories
        elements = p.find("p:elements", NS)
        expected = _expected_element(s)
        if expected is None:
            assert p.get("valueName") == name and elements is None
            assert p.find("p:enabledValue/p:decimal", NS).get("value") == "1"
            assert p.find("p:disabledValue/p:decimal", NS).get("value") == "0"
            continue
        (element,) = list(elements)
        assert _tag(element) == expected, s.key
        if expected == "list":
            assert element.get("key") == f"{make_admx.POLICY_KEY}\\{section}\\{name}"
        else:
            assert element.get("valueName") == name
        if expected == "enum":
            values = [v.text for v in element.iterfind("p:item/p:value/p:string", NS)]
            assert values == list(s.choices or ())


@pytest.mark.parametrize("lang", ["en-US", "th-TH"])
def test_every_string_and_presentation_is_in_each_language(tmp_path, lang):
    paths = make_admx.write(tmp_path)
    admx_text = paths[0].read_text(encoding="utf-8")
    adml = ET.parse(tmp_path / lang / "KoratDesktop.adml").getroot()
    strings = {s.get("id"): s.text for s in adml.iterfind("p:resources/p:stringTable/p:string", NS)}
    presentations = {p.get("id"): p for p in
                     adml.iterfind("p:resources/p:presentationTable/p:presentation", NS)}
    for ref in re.findall(r"\$\(string\.([^)]+)\)", admx_text):
        assert strings.get(ref), ref
    admx = ET.fromstring(admx_text)
    for policy in admx.iterfind("p:policies/p:policy", NS):
        ref = policy.get("presentation")
        if ref is None:
            continue
        pres = presentations[ref.removeprefix("$(presentation.").removesuffix(")")]
        ids = {e.get("id") for e in policy.find("p:elements", NS)}
        assert {c.get("refId") for c in pres} == ids
    if lang == "th-TH":
        assert strings["ui_language"] == "ภาษา"


def test_a_new_setting_appears_in_the_templates(monkeypatch):
    extra = Setting("sync.new_thing", int, 3, "สิ่งใหม่", "A new thing")
    monkeypatch.setattr(make_admx, "SETTINGS", (*SETTINGS, extra))
    assert 'name="sync_new_thing"' in make_admx.admx()
    assert ">A new thing<" in make_admx.adml("en") and ">สิ่งใหม่<" in make_admx.adml("th")
