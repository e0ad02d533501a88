"""Fonts and sizes (5.2.2, 7.3.1, 7.3.3, 7.4), the theme's fonts and the document's language,
and the automatic space Word puts between Chinese text and digits (5.2.3)."""

from __future__ import annotations

import re

from .. import layout as L
from ..i18n import _
from . import patterns as P
from .classify import Para
from .document import Doc
from .findings import AUTOSPACE, FONT, FONT_SIZE, LANGUAGE, THEME_FONT, Finding
from .ooxml import A, W, on, run_text, runs
from .styles import Styles

# Font families by the start of their name, and the faces a Chinese document may fall back on
# (templates/text/check.yaml)
FANGSONG, HEITI, KAITI, XIAOBIAOSONG = (
    P.FONTS[k] for k in ("fangsong", "heiti", "kaiti", "xiaobiaosong")
)
FAMILY_NAME = {FANGSONG: L.FANGSONG, HEITI: L.HEITI, KAITI: L.KAITI, XIAOBIAOSONG: L.XIAOBIAOSONG}
CHINESE_FACES = P.CHINESE_FACES
_SCRIPT = {
    "zh-CN": "Hans",
    "zh-SG": "Hans",
    "zh-TW": "Hant",
    "zh-HK": "Hant",
    "ja-JP": "Jpan",
    "ko-KR": "Hang",
}

_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CJK_DIGIT = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff][0-9A-Za-z]|[0-9A-Za-z][\u3400-\u4dbf\u4e00-\u9fff]"
)

_FAMILY = {
    "body": FANGSONG,
    "l3": FANGSONG,
    "l4": FANGSONG,
    "doc_number": FANGSONG,
    "signature": FANGSONG,
    "date": FANGSONG,
    "note": FANGSONG,
    "attachment_note": FANGSONG,
    "copy_to": FANGSONG,
    "issued": FANGSONG,
    "h1": HEITI,
    "h2": KAITI,
    "title": XIAOBIAOSONG,
    "masthead": XIAOBIAOSONG,
    "label": HEITI,
}
_SIZE = {
    "body": L.BODY_SIZE_PT,
    "l3": L.BODY_SIZE_PT,
    "l4": L.BODY_SIZE_PT,
    "h1": L.BODY_SIZE_PT,
    "h2": L.BODY_SIZE_PT,
    "doc_number": L.BODY_SIZE_PT,
    "signature": L.BODY_SIZE_PT,
    "date": L.BODY_SIZE_PT,
    "note": L.BODY_SIZE_PT,
    "attachment_note": L.BODY_SIZE_PT,
    "label": L.BODY_SIZE_PT,
    "title": L.TITLE_SIZE_PT,
    "copy_to": L.IMPRINT_SIZE_PT,
    "issued": L.IMPRINT_SIZE_PT,
}
_CLAUSE = {
    "title": "7.3.1",
    "h1": "7.3.3",
    "h2": "7.3.3",
    "masthead": "7.2.4",
    "label": "7.3.7",
    "copy_to": "7.4.2",
    "issued": "7.4.3",
    "doc_number": "7.2.5",
}


def _role(kind: str) -> str:
    return {
        "h1": _("level-1 heading"),
        "h2": _("level-2 heading"),
        "title": _("title"),
        "masthead": _("organ mark"),
        "label": _("attachment label"),
        "copy_to": _("版记 line"),
        "issued": _("版记 line"),
    }.get(kind, _("body text"))


def _in_family(name: str | None, family: tuple[str, ...]) -> bool:
    return bool(name) and str(name).strip().lower().startswith(family)


def check_fonts(paras: list[Para], styles: Styles) -> list[Finding]:
    findings = []
    for para in paras:
        if para.kind not in _FAMILY:
            continue
        font_finding = size_finding = None
        before = ""  # the paragraph's text before this run
        for r in runs(para.element):
            text = run_text(r)
            starts_in_lead = P.LEAD_END not in before
            before += text
            if not _CJK.search(text):
                continue
            kind = para.kind
            if kind == "h2" and para.run_in and not starts_in_lead:
                kind = "body"  # the text after a run-in （一）…。 lead
            clause = _CLAUSE.get(kind, "5.2.2")
            name = styles.east_asia_font(r, para.element)
            if font_finding is None and not _in_family(name, _FAMILY[kind]):
                font_finding = Finding(
                    para.index,
                    FONT,
                    _("{what} should be in {expected}, found {found}").format(
                        what=_role(kind),
                        expected=FAMILY_NAME[_FAMILY[kind]],
                        found=name or _("no font set"),
                    ),
                    para.excerpt,
                    clause,
                )
            size = styles.size(r, para.element)
            if size_finding is None and kind in _SIZE and abs(size - _SIZE[kind]) > 0.01:
                size_finding = Finding(
                    para.index,
                    FONT_SIZE,
                    _("{what} should be {expected} pt, found {found} pt").format(
                        what=_role(kind), expected=f"{_SIZE[kind]:g}", found=f"{size:g}"
                    ),
                    para.excerpt,
                    clause,
                )
        findings += [f for f in (font_finding, size_finding) if f]
    return findings


# -- theme and language ---------------------------------------------------------------------------
def _chinese(name: str | None) -> bool:
    return bool(name) and str(name).strip().lower().startswith(CHINESE_FACES)


def check_theme(doc: Doc) -> list[Finding]:
    findings = []
    lang_el = doc.setting("themeFontLang")
    theme_lang = lang_el.get(W + "eastAsia") if lang_el is not None else None
    if theme_lang and not theme_lang.lower().startswith("zh"):
        findings.append(
            Finding.of(
                LANGUAGE,
                _("the theme's East Asian language is {lang}, not zh-CN").format(lang=theme_lang),
            )
        )
    if doc.theme is not None:
        script = _SCRIPT.get(theme_lang or "zh-CN", "Hans")
        for kind in ("major", "minor"):
            node = doc.theme.find(f".//{A}{kind}Font")
            if node is None:
                continue
            ea = node.find(A + "ea")
            name = ea.get("typeface") if ea is not None else ""
            if not name:
                by_script = node.find(f"{A}font[@script='{script}']")
                name = by_script.get("typeface") if by_script is not None else ""
            if name and not _chinese(name):
                findings.append(
                    Finding.of(
                        THEME_FONT,
                        _(
                            "the theme's {which} East Asian font is {font}, not a Chinese face:"
                            " text that names no font of its own shows in it"
                        ).format(which=_("heading") if kind == "major" else _("body"), font=name),
                    )
                )
    langs = []
    for root in (doc.styles_root,):
        if root is None:
            continue
        dd = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        if dd is not None:
            langs.append(dd.get(W + "eastAsia"))
    for lang in langs:
        if lang and not lang.lower().startswith("zh"):
            findings.append(
                Finding.of(
                    LANGUAGE,
                    _("the document's East Asian language is {lang}, not zh-CN").format(lang=lang),
                )
            )
    return findings


# -- automatic spacing between Chinese and digits -------------------------------------------------
def _auto_space(styles: Styles, p, tag: str) -> bool:
    el = styles.ppr(p, tag)
    value = on(el)
    return True if value is None else value  # Word's default is on


def check_autospace(paras: list[Para], styles: Styles) -> list[Finding]:
    spaced = [
        para
        for para in paras
        if para.kind != "empty"
        and _CJK_DIGIT.search(para.text)
        and (
            _auto_space(styles, para.element, "autoSpaceDE")
            or _auto_space(styles, para.element, "autoSpaceDN")
        )
    ]
    if not spaced:
        return []
    return [
        Finding.of(
            AUTOSPACE,
            _(
                "{count} paragraphs leave Word's automatic space between Chinese and digits or Latin"
                " letters on (w:autoSpaceDE/w:autoSpaceDN), so lines no longer hold 28 characters"
                " and dates read 2022 年 12 月; the first is paragraph {first}"
            ).format(count=len(spaced), first=spaced[0].index),
        )
    ]
