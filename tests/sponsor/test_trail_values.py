"""An audited value read by the record check (`trail.audited_value`) exactly as json.loads reads it, with orjson
(the sponsor's extra) and without."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sle_desktop.sponsor import trail

_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**80), max_value=2**80), st.floats(),
              st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=4)),
    max_leaves=8)
_EDGES = ["9.223372036854775e18", "9223372036854775807", "9223372036854775808", '{"a":9223372036854775808.0}',
          "1e19", "-1e19", '{"a":0.1,"b":-18446744073709551617}', "5e-324", "2.2250738585072011e-308",
          "1.7976931348623157e308", "0.30000000000000004", "123456789012345678901234567890e-10",
          "0.1000000000000000055511151231257827021181583404541015625", "2.5e-8", "1e-400", "18446744073709551616", '{"a":18446744073709551616}', "-9223372036854775809", '{"a":1,"b":2,"a":3}',
          "NaN", '{"a":NaN}', "Infinity", "1e400", '{"a":1e-05}', "0.00001", '"\\ud800"', '{"a":"\\ud800"}',
          "\ufeff1", " 1 ", "1 2", "", "[", '{"a":[1,{"b":2.5}]}', "-0", "-0.0", '{"a":-0}', "1.50", "tru",
          '"\x01"', "[" * 5000 + "]" * 5000, '{"é":"\\u00e9"}', "0x10", "01", ".5", "1.", "+1"]


def _read(text, use_orjson: bool):
    assert trail.orjson is not None, "the test environment installs orjson (the sponsor extra)"
    with pytest.MonkeyPatch.context() as monkeypatch:
        if not use_orjson:
            monkeypatch.setattr(trail, "orjson", None)
        try:
            return "value", trail.audited_value(text)
        except (ValueError, RecursionError) as exc:
            return "refused", type(exc)


def _json_loads(text):
    try:
        return "value", json.loads(text)
    except (ValueError, RecursionError) as exc:
        return "refused", type(exc)


def _same(a, b) -> bool:
    """Equal, of the same types all the way down, dict keys in the same order (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b


@pytest.mark.parametrize("use_orjson", [True, False], ids=["orjson", "json"])
@pytest.mark.parametrize("text", _EDGES)
def test_edge_values_read_as_json_loads_reads_them(text, use_orjson):
    assert _same(_read(text, use_orjson), _json_loads(text))


@given(value=_json, spaced=st.booleans())
@settings(max_examples=400, deadline=None)
def test_any_value_reads_as_json_loads_reads_it(value, spaced):
    text = json.dumps(value, separators=(", ", ": ") if spaced else (",", ":"), ensure_ascii=spaced)
    assert _same(_read(text, True), _json_loads(text))


_digits = st.text("0123456789", min_size=1, max_size=30)


@given(whole=_digits, fraction=st.one_of(st.none(), _digits), exponent=st.one_of(st.none(), st.integers(-340, 330)),
       negative=st.booleans(), in_object=st.booleans())
@settings(max_examples=1000, deadline=None)
def test_any_decimal_number_reads_as_json_loads_reads_it(whole, fraction, exponent, negative, in_object):
    """Numbers of up to 30 digits and any exponent: both parsers give the same int or the same nearest float."""
    text = ("-" if negative else "") + whole.lstrip("0").rjust(1, "0") + (f".{fraction}" if fraction else "") + (
        f"e{exponent}" if exponent is not None else "")
    text = f'{{"a":{text}}}' if in_object else text
    assert _same(_read(text, True), _json_loads(text))


def test_none_is_no_value():
    assert trail.audited_value(None) is None
