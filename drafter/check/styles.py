"""Run and paragraph properties resolved the way Word resolves them: direct, then character
style, then paragraph style (each up its basedOn chain), then the document defaults; and the
theme's East Asian fonts that a run naming a theme font means."""

from __future__ import annotations

from typing import Any

from .document import Doc
from .ooxml import A, W, number, run_text, runs, twips
from .patterns import TITLE_STYLES


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
                name is not None and name.get(W + "val") in TITLE_STYLES
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
