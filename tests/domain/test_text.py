"""Translatable messages (domain.text): English text unchanged, template and values kept, every template findable."""

import ast
import pickle
from datetime import date
from pathlib import Path

from sle_desktop.domain.text import Msg, join, msg

ROOT = Path(__file__).resolve().parents[2]


def test_a_message_is_its_english_text_and_keeps_template_and_values():
    m = msg("{label} ({value:%d.%m.%Y}) is in the future.", label=msg("Visit date"), value=date(2030, 1, 2))
    assert m == "Visit date (02.01.2030) is in the future."
    assert isinstance(m, str) and m.template == "{label} ({value:%d.%m.%Y}) is in the future."
    assert m.params["label"].template == "Visit date"
    assert msg("No subject.") == "No subject." and msg("No subject.").params == {}


def test_a_message_survives_pickling_as_a_message():
    m = msg("{n} of {total} present", n=3, total=11)
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Msg) and back == m and back.template == m.template and back.params == {"n": 3, "total": 11}


def test_join_keeps_each_part_translatable():
    j = join([msg("no biopsy recorded"), msg("UPCR {v:g} g/g", v=0.3)], " and ")
    assert j == "no biopsy recorded and UPCR 0.3 g/g"
    assert [p.template for p in j.params.values()] == ["no biopsy recorded", "UPCR {v:g} g/g"]
    assert join([]) == ""


def test_every_msg_call_has_a_literal_template():
    """gen_catalog.py finds templates by reading the source: a computed template would never be translated."""
    bad = []
    for path in sorted((ROOT / "sle_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg":
                if not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, bad
