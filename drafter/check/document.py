"""The parts of a Word document the checker reads, from raw XML: paragraphs and their text,
sections, styles resolved the way Word resolves them, headers, footers, settings and theme.

Every number is read through ``number()``/``length()``, which raise ``Malformed`` naming the
attribute, never a bare ValueError: a value such as ``w:w="A4"`` is one finding, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..i18n import _
from .package import Malformed, Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"

PT_PER_MM = 72 / 25.4
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


# -- the document -------------------------------------------------------------------------------
@dataclass
class Section:
    number: int  # 1-based
    sect_pr: Any  # an lxml w:sectPr element
    first: int  # 1-based index of its first body paragraph
    last: int  # and of its last (0 if it holds none)
    footers: dict[str, str] = field(default_factory=dict)  # default/even/first -> part name
    headers: dict[str, str] = field(default_factory=dict)


class Doc:
    """One .docx: the main document part and what it refers to."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        assert pkg.main is not None  # Package refuses a file without one
        self.root = pkg.xml(pkg.main)
        self.body = self.root.find(W + "body")
        if self.body is None:
            raise Malformed(_("the document part has no body"))
        self.paragraphs = self.body.findall(W + "p")
        self.styles_root = self._one("styles")
        self.settings = self._one("settings")
        self.theme = self._one("theme")
        self.sections = self._sections()

    def _one(self, kind: str):
        names = self.pkg.related(kind)
        return self.pkg.xml(names[0]) if names else None

    def _sections(self) -> list[Section]:
        out: list[Section] = []
        first = 1
        index = {id(p): i for i, p in enumerate(self.paragraphs, 1)}
        ends = []
        for p in self.paragraphs:
            ppr = p.find(W + "pPr")
            sp = ppr.find(W + "sectPr") if ppr is not None else None
            if sp is not None:
                ends.append((sp, index[id(p)]))
        final = self.body.find(W + "sectPr")
        if final is not None or not ends:
            ends.append(
                (final if final is not None else etree.Element(W + "sectPr"), len(self.paragraphs))
            )
        inherited_f: dict[str, str] = {}
        inherited_h: dict[str, str] = {}
        for n, (sp, last) in enumerate(ends, 1):
            footers, headers = dict(inherited_f), dict(inherited_h)
            for ref in sp.findall(W + "footerReference"):
                name = self.pkg.by_id(ref.get(R + "id") or "")
                if name:
                    footers[ref.get(W + "type") or "default"] = name
            for ref in sp.findall(W + "headerReference"):
                name = self.pkg.by_id(ref.get(R + "id") or "")
                if name:
                    headers[ref.get(W + "type") or "default"] = name
            inherited_f, inherited_h = footers, headers
            out.append(Section(n, sp, first, last, footers, headers))
            first = last + 1
        return out

    def section_of(self, index: int) -> Section:
        for s in self.sections:
            if s.first <= index <= s.last:
                return s
        return self.sections[-1]

    def header_footer_parts(self) -> list[str]:
        return list(dict.fromkeys(self.pkg.related("header") + self.pkg.related("footer")))

    def setting(self, tag: str):
        return self.settings.find(W + tag) if self.settings is not None else None


class Styles:
    """Resolves run and paragraph properties: direct -> character style -> paragraph style
    -> document defaults, each style followed up its basedOn chain."""

    def __init__(self, doc: Doc):
        root = doc.styles_root
        styles = root.findall(W + "style") if root is not None else []
        self.by_id = {s.get(W + "styleId"): s for s in styles}
        self.default: dict[str | None, str | None] = {}
        for s in styles:
            if (s.get(W + "default") or "").lower() in ("1", "true", "on"):
                self.default.setdefault(s.get(W + "type"), s.get(W + "styleId"))
        dd = root.find(W + "docDefaults") if root is not None else None
        self.rpr_default = dd.find(f"{W}rPrDefault/{W}rPr") if dd is not None else None
        self.ppr_default = dd.find(f"{W}pPrDefault/{W}pPr") if dd is not None else None
        self.theme = _theme_fonts(doc.theme)

    def chain(self, style_id: str | None) -> list:
        out, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None
        return out

    def para_style(self, p) -> str | None:
        ppr = p.find(W + "pPr")
        ps = ppr.find(W + "pStyle") if ppr is not None else None
        return ps.get(W + "val") if ps is not None else self.default.get("paragraph")

    def rpr_levels(self, r, p) -> list:
        levels = [r.find(W + "rPr")] if r is not None else []
        rpr = levels[0] if levels else None
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        cid = rstyle.get(W + "val") if rstyle is not None else self.default.get("character")
        levels += [s.find(W + "rPr") for s in self.chain(cid)]
        if p is not None:
            levels += [s.find(W + "rPr") for s in self.chain(self.para_style(p))]
        levels.append(self.rpr_default)
        return [lv for lv in levels if lv is not None]

    def ppr_levels(self, p) -> list:
        levels = [p.find(W + "pPr")] + [s.find(W + "pPr") for s in self.chain(self.para_style(p))]
        levels.append(self.ppr_default)
        return [lv for lv in levels if lv is not None]

    def ppr(self, p, tag: str):
        """The nearest ``w:tag`` element among the paragraph's property levels."""
        for level in self.ppr_levels(p):
            el = level.find(W + tag)
            if el is not None:
                return el
        return None

    def ppr_attr(self, p, tag: str, attr: str) -> Any:
        """The ``w:tag`` element of the nearest level that sets ``w:tag/@w:attr``, or None."""
        for level in self.ppr_levels(p):
            el = level.find(W + tag)
            if el is not None and el.get(W + attr) is not None:
                return el
        return None

    def east_asia_font(self, r, p) -> str | None:
        for rpr in self.rpr_levels(r, p):
            fonts = rpr.find(W + "rFonts")
            if fonts is None:
                continue
            theme = fonts.get(W + "eastAsiaTheme")
            if theme:
                return self.theme.get(theme)
            name = fonts.get(W + "eastAsia")
            if name:
                return name
        return None

    def size(self, r, p) -> float:
        """The run's size in points (w:sz is in half-points); Word's 10 pt if no level sets it."""
        for rpr in self.rpr_levels(r, p):
            sz = rpr.find(W + "sz")
            if sz is not None:
                value = number(sz, "val", 0.5)
                if value is not None:
                    return value
        return WORD_DEFAULT_SIZE

    def para_size(self, p) -> float:
        """The size of the paragraph's first run with text, else of its mark."""
        for r in runs(p):
            if run_text(r).strip():
                return self.size(r, p)
        return self.size(None, p)

    def alignment(self, p) -> str:
        jc = self.ppr(p, "jc")
        val = jc.get(W + "val") if jc is not None else None
        return {"both": "both", "distribute": "both", "start": "left", "end": "right"}.get(
            val or "left", val or "left"
        )

    def is_title_style(self, p) -> bool:
        ppr = p.find(W + "pPr")
        pstyle = ppr.find(W + "pStyle") if ppr is not None else None
        if pstyle is None:
            return False
        for style in self.chain(pstyle.get(W + "val")):
            name = style.find(W + "name")
            if style.get(W + "styleId") == "Title" or (
                name is not None and name.get(W + "val") in ("Title", "标题")
            ):
                return True
        return False

    def indents(self, p, size: float) -> dict[str, float]:
        """left, right and first-line indents in points (first line negative when hanging);
        Word's *Chars attributes (hundredths of a character) win over the twips ones."""
        out = {}
        for side, chars_attr in (("left", "leftChars"), ("right", "rightChars")):
            value = 0.0
            for level in self.ppr_levels(p):
                ind = level.find(W + "ind")
                if ind is None:
                    continue
                chars = number(ind, chars_attr)
                if chars is not None and chars != 0:
                    value = chars / 100 * size
                    break
                alias = {"left": "start", "right": "end"}[side]
                tw = twips(ind, side)
                tw = tw if tw is not None else twips(ind, alias)
                if tw is not None:
                    value = tw
                    break
            out[side] = value
        first = 0.0
        for level in self.ppr_levels(p):
            ind = level.find(W + "ind")
            if ind is None:
                continue
            for chars_attr, attr, sign in (
                ("firstLineChars", "firstLine", 1),
                ("hangingChars", "hanging", -1),
            ):
                chars = number(ind, chars_attr)
                if chars is not None and chars != 0:
                    first = sign * chars / 100 * size
                    break
                tw = twips(ind, attr)
                if tw is not None:
                    first = sign * tw
                    break
            else:
                continue
            break
        out["first"] = first
        return out

    def spacing(self, p) -> dict[str, Any]:
        """before/after (points, or lines when only *Lines is set), line (points) and lineRule."""
        out: dict[str, Any] = {}
        for attr in ("before", "after", "beforeLines", "afterLines", "line", "lineRule"):
            el = self.ppr_attr(p, "spacing", attr)
            if el is None:
                out[attr] = None
            elif attr == "lineRule":
                out[attr] = el.get(W + attr)
            elif attr.endswith("Lines"):
                out[attr] = number(el, attr, 0.01)
            else:
                out[attr] = twips(el, attr)
        return out


WORD_DEFAULT_SIZE = 10.0  # what Word uses when no style gives a size


def _theme_fonts(theme) -> dict[str, str | None]:
    fonts: dict[str, str | None] = {}
    if theme is None:
        return fonts
    for kind in ("major", "minor"):
        node = theme.find(f".//{A}{kind}Font")
        if node is None:
            continue
        ea = node.find(A + "ea")
        name = ea.get("typeface") if ea is not None else None
        if not name:
            hans = node.find(f"{A}font[@script='Hans']")
            name = hans.get("typeface") if hans is not None else None
        fonts[f"{kind}EastAsia"] = name or None
    return fonts
