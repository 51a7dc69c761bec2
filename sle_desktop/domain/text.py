"""Messages meant for people, kept translatable without Qt in the domain and app layers.

`msg("Age {age} is outside {lo}–{hi}.", age=17, lo=18, hi=75)` is a `str` (its English text, so logs,
the command line and comparisons work unchanged) that also remembers its template and values. The
windows translate the template (Qt context "AppMessages") and fill in the values, themselves
translated when they are messages too; `resources/translations/gen_catalog.py` collects every literal
template passed to `msg` so the translation file lists them.
"""

from __future__ import annotations


class Msg(str):
    """A user-facing message: the English text, plus `template` and `params` for translation."""

    template: str
    params: dict

    def __new__(cls, template: str, **params) -> Msg:
        obj = super().__new__(cls, template.format(**params) if params else template)
        obj.template = template
        obj.params = params
        return obj

    def __reduce__(self):  # survives pickling (worker results, multiprocessing) as a message
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict) -> Msg:
    return Msg(template, **params)


def msg(template: str, **params) -> Msg:
    """A translatable message; `template` must be a literal so the translation tools can find it."""
    return Msg(template, **params)


def join(parts, sep: str = "; ") -> Msg | str:
    """Messages joined for display, each still translated on its own."""
    parts = list(parts)
    template = sep.join(f"{{p{i}}}" for i in range(len(parts)))
    return Msg(template, **{f"p{i}": p for i, p in enumerate(parts)}) if parts else ""
