"""The WordprocessingML the checker reads, from raw XML: namespaces, numbers and lengths,
on/off properties, and a paragraph's text as Word shows it.

Every number is read through ``number()``/``twips()``, which raise ``Malformed`` naming the
attribute, never a bare ValueError: a value such as ``w:w="A4"`` is one finding, not a crash.
"""

from __future__ import annotations

import re

from lxml import etree

from ..i18n import _
from .package import Malformed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

_UNIVERSAL = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0}
_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_OFF = ("0", "false", "off")


def number(el, attr: str, unit_pt: float = 1.0) -> float | None:
    """``el``'s attribute ``w:attr`` as points (``unit_pt`` points per unit of a bare number), or
    None when absent. A value that is neither a number nor a universal measure is Malformed."""
    if el is None:
        return None
    raw = el.get(W + attr)
    if raw is None:
        return None
    m = _MEASURE.match(raw)
    if not m or len(raw) > 40:
        tag = etree.QName(el).localname if isinstance(el.tag, str) else "?"
        raise Malformed(
            _('<w:{tag} w:{attr}="{value}">: the value is not a number or a length').format(
                tag=tag, attr=attr, value=raw[:40]
            )
        )
    value = float(m.group(1))
    return value * _UNIVERSAL[m.group(2)] if m.group(2) else value * unit_pt


def twips(el, attr: str) -> float | None:
    """A twentieth-of-a-point attribute (page sizes, margins, indents, spacing) in points."""
    return number(el, attr, 1 / 20)


def on(el, attr: str = "val") -> bool | None:
    """An on/off property element: None if absent, else its value (absent w:val means on)."""
    if el is None:
        return None
    return (el.get(W + attr) or "1").lower() not in _OFF


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


# -- text ---------------------------------------------------------------------------------------
_RUN_PATH = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"
    " | ./w:sdt/w:sdtContent/w:r | ./w:fldSimple/w:r"
)
NSMAP = {"w": W[1:-1]}


def runs(p) -> list:
    """The runs that show the paragraph's text, also inside hyperlinks, insertions and fields."""
    return p.xpath(_RUN_PATH, namespaces=NSMAP)


def run_text(r) -> str:
    """A run's text as Word shows it: tabs as \\t, line breaks as \\n, no field codes."""
    out = []
    for child in r:
        name = local(child)
        if name == "t":
            out.append(child.text or "")
        elif name in ("tab", "ptab"):
            out.append("\t")
        elif name == "cr" or (name == "br" and child.get(W + "type") in (None, "textWrapping")):
            out.append("\n")
        elif name == "noBreakHyphen":
            out.append("-")
    return "".join(out)


def para_text(p) -> str:
    return "".join(run_text(r) for r in runs(p))
