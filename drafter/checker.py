"""Check a plan .docx, drafter's own or one written by hand in Word, against the plan's rules.

``check(path)`` reads the file with python-docx and returns a list of ``Finding``s, each naming the
paragraph (1-based index into ``doc.paragraphs``, None for findings about the whole document), a
stable code, a translated message and the paragraph's first characters. An empty list means the
plan passed every check. A file that is not a .docx raises DrafterError, as every bad input does.

Codes:

- ``sections-missing``, ``sections-order``, ``sections-repeat``: the level-1 headings (一、…) must
  include 指导思想 (or 总体思路/总体要求), optionally 基本原则, then 主要目标, 重点任务 and
  保障措施, in that order.
- ``numbering-gap``, ``numbering-repeat``: 一、 （一） 1. （1） run on without gaps or repeats.
  （一） restarts under each 一、; 1. either runs on through a level-1 section or restarts under
  each （一）, one way for the whole document (whichever fits it better); （1） restarts under
  each item above it.
- ``task-responsibility``: every task (a 1. item in the 重点任务 section) ends in its
  responsibility list: （…负责）, （…按职责分工负责） or （责任单位：…）.
- ``template-marker``: a leftover {{ }}, {% %}, {# #}, None or Undefined, in the body, a table,
  a page header or a footer.
- ``page-size``, ``page-margins``: every section is A4 with margins 37/35/28/26 mm (±1 mm).
- ``font``, ``font-size``: the East Asian font of every run with Chinese text, resolved through
  run, character style, paragraph style and document defaults: 仿宋 for text, 黑体 for 一、
  headings and the 附件 label, 楷体 for （一） headings and run-in leads, 小标宋 for titles; 3号
  (16 pt) for text and headings, 2号 (22 pt) for titles.

The plan's own rules are judged only from its first level-1 heading up to its attachments
("附件：…" or an "附件" label): the cover notice before it and the attachments after it hold no
sections or numbered items of the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import library, numbering
from .errors import DrafterError
from .i18n import _

# -- codes --------------------------------------------------------------------------------------
SECTIONS_MISSING = "sections-missing"
SECTIONS_ORDER = "sections-order"
SECTIONS_REPEAT = "sections-repeat"
NUMBERING_GAP = "numbering-gap"
NUMBERING_REPEAT = "numbering-repeat"
TASK_RESPONSIBILITY = "task-responsibility"
TEMPLATE_MARKER = "template-marker"
PAGE_SIZE = "page-size"
PAGE_MARGINS = "page-margins"
FONT = "font"
FONT_SIZE = "font-size"
CODES = (
    SECTIONS_MISSING,
    SECTIONS_ORDER,
    SECTIONS_REPEAT,
    NUMBERING_GAP,
    NUMBERING_REPEAT,
    TASK_RESPONSIBILITY,
    TEMPLATE_MARKER,
    PAGE_SIZE,
    PAGE_MARGINS,
    FONT,
    FONT_SIZE,
)

EXCERPT_CHARS = 20


@dataclass(frozen=True)
class Finding:
    paragraph: int | None  # 1-based index among doc.paragraphs; None for the whole document
    code: str  # stable id, one of CODES
    message: str  # translated
    excerpt: str  # the paragraph's first characters, '' if none


def format_finding(path, f: Finding) -> str:
    """``plan.docx: ¶57: numbering-gap: <message> ("5.实施商标品牌和地标培育…")``."""
    where = f"{path}: ¶{f.paragraph}" if f.paragraph is not None else f"{path}"
    line = f"{where}: {f.code}: {f.message}"
    return f'{line} ("{f.excerpt}")' if f.excerpt else line


# -- what the plan must look like ---------------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

PAGE_MM = (210.0, 297.0)
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
TOLERANCE_MM = 1.0

# Section ids in their required order, with their heading synonyms, from templates/sections.yaml;
# the pattern matches the text after "一、".
SECTIONS = tuple(
    (
        s["id"],
        re.compile("|".join(map(re.escape, s["headings"]))),
        "/".join(s["headings"]),
        not s.get("optional"),
    )
    for s in library.load().sections
)
RANK = {sid: i for i, (sid, *_rest) in enumerate(SECTIONS)}

# Font families by the start of their name; Word may also store the English names.
FANGSONG = ("仿宋", "fangsong")
HEITI = ("黑体", "simhei")
KAITI = ("楷体", "kaiti")
XIAOBIAOSONG = ("方正小标宋", "小标宋", "fzxiaobiaosong")
FAMILY_NAME = {
    FANGSONG: "仿宋_GB2312",
    HEITI: "黑体",
    KAITI: "楷体_GB2312",
    XIAOBIAOSONG: "方正小标宋简体",
}
SIZE_TEXT = 16.0  # 3号
SIZE_TITLE = 22.0  # 2号
WORD_DEFAULT_SIZE = 10.0  # what Word uses when no style gives a size

_CN_NUMBERS = {numbering.chinese(n): n for n in range(1, 100)}
_H1 = re.compile(r"^([一二三四五六七八九十]+)、")
_H2 = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_L3 = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)")
_L4 = re.compile(r"^[（(](\d{1,3})[）)]")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*$")
_DOC_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号$")
_MARKER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|(?<![A-Za-z])(?:None|Undefined)(?![A-Za-z])")
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_DUTY_PREFIX = re.compile(r"^(责任单位|责任部门|牵头单位|牵头部门|责任主体)\s*[：:]\s*\S")
_DUTY_SUFFIX = re.compile(r"(等)?(按职责分工)?负责$")
_SPACES = " \t\u3000\u00a0"


# -- reading the document -----------------------------------------------------------------------
def _open(path: Path):
    import docx

    def fail(reason: str) -> DrafterError:
        return DrafterError.single(
            str(path), None, None, _("not a Word .docx file: {reason}").format(reason=reason)
        )

    if path.is_dir():
        raise fail(_("it is a folder"))
    if not path.exists():
        raise fail(_("the file does not exist"))
    import zipfile

    if not zipfile.is_zipfile(path):
        raise fail(_("it is not a .docx package (an old .doc file, a PDF or another format?)"))
    try:
        return docx.Document(str(path))
    except Exception:  # noqa: BLE001 - any failure to read the package is the same bad input
        raise fail(_("the package holds no readable Word document")) from None


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _run_elements(p) -> list:
    """The runs that show the paragraph's text, also inside hyperlinks, insertions and fields."""
    return p.xpath(
        "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"
        " | ./w:sdt/w:sdtContent/w:r | ./w:fldSimple/w:r"
    )


def _run_text(r) -> str:
    return "".join(t.text or "" for t in r.iter(W + "t"))


@dataclass
class _Para:
    index: int  # 1-based
    text: str  # leading spaces stripped
    element: object  # w:p
    kind: str = "body"  # body h1 h2 l3 l4 title masthead label other empty
    number: int = 0
    run_in: bool = False  # an h2 with its text in the same paragraph: （一）坚持创新引领。…
    region: str = "front"  # front (cover notice, title, preamble), plan, attachments

    @property
    def excerpt(self) -> str:
        return _excerpt(self.text)


class _Styles:
    """Resolves a run's East Asian font and size: run -> character style -> paragraph style
    -> document defaults, each style followed up its basedOn chain."""

    def __init__(self, doc):
        root = doc.styles.element
        self.by_id = {s.get(W + "styleId"): s for s in root.findall(W + "style")}
        self.default = {}
        for s in root.findall(W + "style"):
            if s.get(W + "default") in ("1", "true", "on"):
                self.default.setdefault(s.get(W + "type"), s.get(W + "styleId"))
        self.doc_defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.theme = self._theme(doc)

    @staticmethod
    def _theme(doc) -> dict[str, str | None]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        fonts: dict[str, str | None] = {}
        try:
            root = etree.fromstring(doc.part.part_related_by(RT.THEME).blob)
        except Exception:  # noqa: BLE001 - no theme, or an unreadable one: theme fonts stay unknown
            return fonts
        for kind in ("major", "minor"):
            node = root.find(f".//{A}{kind}Font")
            if node is None:
                continue
            ea = node.find(A + "ea")
            name = ea.get("typeface") if ea is not None else None
            if not name:
                hans = node.find(f"{A}font[@script='Hans']")
                name = hans.get("typeface") if hans is not None else None
            fonts[f"{kind}EastAsia"] = name or None
        return fonts

    def chain(self, style_id: str | None) -> list:
        out, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None
        return out

    def _rpr_levels(self, r, p) -> list:
        levels = [r.find(W + "rPr")]
        rpr = levels[0]
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        cid = rstyle.get(W + "val") if rstyle is not None else self.default.get("character")
        levels += [s.find(W + "rPr") for s in self.chain(cid)]
        ppr = p.find(W + "pPr")
        pstyle = ppr.find(W + "pStyle") if ppr is not None else None
        pid = pstyle.get(W + "val") if pstyle is not None else self.default.get("paragraph")
        levels += [s.find(W + "rPr") for s in self.chain(pid)]
        levels.append(self.doc_defaults)
        return [lv for lv in levels if lv is not None]

    def east_asia_font(self, r, p) -> str | None:
        for rpr in self._rpr_levels(r, p):
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
        for rpr in self._rpr_levels(r, p):
            sz = rpr.find(W + "sz")
            if sz is not None and sz.get(W + "val"):
                try:
                    return int(sz.get(W + "val")) / 2
                except ValueError:
                    continue
        return WORD_DEFAULT_SIZE

    def centred(self, p) -> bool:
        ppr = p.find(W + "pPr")
        levels = [ppr]
        pstyle = ppr.find(W + "pStyle") if ppr is not None else None
        pid = pstyle.get(W + "val") if pstyle is not None else self.default.get("paragraph")
        levels += [s.find(W + "pPr") for s in self.chain(pid)]
        for level in levels:
            jc = level.find(W + "jc") if level is not None else None
            if jc is not None:
                return jc.get(W + "val") == "center"
        return False

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


def _classify(doc, styles: _Styles) -> list[_Para]:
    paras = [
        _Para(i, p.text.lstrip(_SPACES).rstrip(), p._p) for i, p in enumerate(doc.paragraphs, 1)
    ]
    region = "front"
    seen_title = False
    after_label = False
    for para in paras:
        text = para.text
        if not text:
            para.kind = "empty"
            para.region = region
            continue
        if region == "front" and _H1.match(text) and _CN_NUMBERS.get(_H1.match(text).group(1)):
            region = "plan"
        elif region == "plan" and (_ATTACHMENT_NOTE.match(text) or _ATTACHMENT_LABEL.match(text)):
            region = "attachments"
        para.region = region
        if region == "plan":
            _classify_numbered(para)
            continue
        if _ATTACHMENT_LABEL.match(text):
            para.kind = "label"
            after_label = True
            continue
        centred = styles.centred(para.element)
        if after_label:  # the attachment's title, on one or more centred lines
            para.kind = "title"
            after_label = False
            continue
        if region == "attachments":
            prev = paras[para.index - 2]
            para.kind = (
                "title"
                if (prev.kind == "title" and centred) or styles.is_title_style(para.element)
                else "body"
            )
            continue
        # the cover notice and the plan's title and preamble
        if _DOC_NUMBER.search(text) and len(text) <= 30:
            para.kind = "body"
        elif (
            not seen_title
            and text.endswith("文件")
            and len(text) <= 40
            and not re.search("[，。：]", text)
        ):
            para.kind = "masthead"
        elif styles.is_title_style(para.element) or ("关于印发" in text and text.endswith("通知")):
            para.kind = "title"
        elif centred and re.fullmatch(r"[（(].*[）)]", text):
            para.kind = "other"  # a centred note such as （征求意见稿）: no rule for its font
        elif centred:
            para.kind = "title"
        else:
            para.kind = "body"
        seen_title = seen_title or para.kind == "title"
    # A plan title typed left-aligned in Normal style: the last line before 一、 that names the 方案.
    front = [p for p in paras if p.region == "front" and p.kind == "body"]
    if front and not any(
        p.kind == "title" and p.region == "front" and "方案" in p.text for p in paras
    ):
        for para in reversed(front):
            if (
                "方案" in para.text
                and len(para.text) <= 80
                and not re.search("[。；：:]$", para.text)
            ):
                para.kind = "title"
                break
    return paras


def _classify_numbered(para: _Para) -> None:
    text = para.text
    for kind, pattern, value in (
        ("h1", _H1, _CN_NUMBERS.get),
        ("h2", _H2, _CN_NUMBERS.get),
        ("l4", _L4, int),
        ("l3", _L3, int),
    ):
        m = pattern.match(text)
        if m and value(m.group(1)):
            para.kind, para.number = kind, value(m.group(1))
            if kind == "h2":
                para.run_in = "。" in text
            return
    para.kind = "body"


# -- 1. sections ----------------------------------------------------------------------------------
def _section_of(heading: str) -> str | None:
    rest = _H1.sub("", heading, count=1)
    for sid, pattern, _names, _required in SECTIONS:
        if pattern.search(rest):
            return sid
    return None


def _check_sections(paras: list[_Para]) -> list[Finding]:
    findings = []
    found: dict[str, _Para] = {}
    highest: _Para | None = None
    for para in paras:
        if para.kind != "h1":
            continue
        sid = _section_of(para.text)
        if sid is None:
            continue
        if sid in found:
            findings.append(
                Finding(
                    para.index,
                    SECTIONS_REPEAT,
                    _(
                        "section repeated: {heading} is already the heading of paragraph {first}"
                    ).format(heading=para.text, first=found[sid].index),
                    para.excerpt,
                )
            )
            continue
        found[sid] = para
        if highest is not None and RANK[sid] < RANK[_section_of(highest.text)]:
            findings.append(
                Finding(
                    para.index,
                    SECTIONS_ORDER,
                    _("section out of order: {heading} should come before {previous}").format(
                        heading=para.text, previous=highest.text
                    ),
                    para.excerpt,
                )
            )
        else:
            highest = para
    for sid, _pattern, names, required in SECTIONS:
        if required and sid not in found:
            findings.append(
                Finding(
                    None,
                    SECTIONS_MISSING,
                    _("missing section: no level-1 heading is {headings}").format(headings=names),
                    "",
                )
            )
    return findings


# -- 2. numbering ---------------------------------------------------------------------------------
_LABEL = {
    "h1": numbering.level1,
    "h2": numbering.level2,
    "l3": numbering.level3,
    "l4": numbering.level4,
}


def _step(kind: str, prev: int, para: _Para) -> Finding | None:
    n = para.number
    if n == prev + 1:
        return None
    label = _LABEL[kind]
    if prev == 0:  # n > 1: the list starts late
        return Finding(
            para.index,
            NUMBERING_GAP,
            _("numbering starts at {current} instead of {expected}").format(
                current=label(n), expected=label(1)
            ),
            para.excerpt,
        )
    if n > prev + 1:
        return Finding(
            para.index,
            NUMBERING_GAP,
            _("numbering is not continuous: {previous} is followed by {current}").format(
                previous=label(prev), current=label(n)
            ),
            para.excerpt,
        )
    return Finding(
        para.index,
        NUMBERING_REPEAT,
        _("numbering repeats or goes back: {previous} is followed by {current}").format(
            previous=label(prev), current=label(n)
        ),
        para.excerpt,
    )


def _walk_numbers(
    paras: list[_Para], level3_per_group: bool
) -> tuple[list[Finding], list[Finding]]:
    """Findings for 一、（一）（1） and, separately, for 1. numbered one way or the other.

    After a wrong number the count goes on from that number (a deleted item is one gap), unless
    the next item of the same list shows that only this one is mistyped (1. 2. 2. 4.)."""
    resets = {
        "h1": ("h2", "l3", "l4"),
        "h2": ("l3", "l4") if level3_per_group else ("l4",),
        "l3": ("l4",),
        "l4": (),
    }
    items = [p for p in paras if p.region == "plan" and p.kind in resets]
    others, level3 = [], []
    last = {"h1": 0, "h2": 0, "l3": 0, "l4": 0}
    for i, para in enumerate(items):
        kind = para.kind
        expected = last[kind] + 1
        finding = _step(kind, last[kind], para)
        last[kind] = para.number
        if finding:
            (level3 if kind == "l3" else others).append(finding)
            following = _next_sibling(items, i, resets)
            if following is not None and following.number == expected + 1:
                last[kind] = expected
        for lower in resets[kind]:
            last[lower] = 0
    return others, level3


def _next_sibling(items: list[_Para], i: int, resets: dict[str, tuple[str, ...]]) -> _Para | None:
    """The next item of the same list as items[i]: same level, before anything that restarts it."""
    kind = items[i].kind
    for item in items[i + 1 :]:
        if item.kind == kind:
            return item
        if kind in resets[item.kind]:
            return None
    return None


def _check_numbering(paras: list[_Para]) -> list[Finding]:
    others, continuous = _walk_numbers(paras, level3_per_group=False)
    _same, per_group = _walk_numbers(paras, level3_per_group=True)
    return others + (per_group if len(per_group) < len(continuous) else continuous)


# -- 3. responsibility lists ----------------------------------------------------------------------
def _ends_in_duty(text: str) -> bool:
    text = text.rstrip(_SPACES + "。；;.")
    if not text.endswith(("）", ")")):
        return False
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1].strip(_SPACES)
                if _DUTY_PREFIX.match(inner):
                    return True
                return bool(_DUTY_SUFFIX.search(inner)) and bool(
                    _DUTY_SUFFIX.sub("", inner).strip(_SPACES)
                )
    return False


def _check_responsibility(paras: list[_Para]) -> list[Finding]:
    findings = []
    plan = [p for p in paras if p.region == "plan"]
    for start, para in enumerate(plan):
        if para.kind != "h1" or _section_of(para.text) != "tasks":
            continue
        section = []
        for p in plan[start + 1 :]:
            if p.kind == "h1":
                break
            section.append(p)
        task_kind = "l3" if any(p.kind == "l3" for p in section) else None
        if task_kind is None and any(p.kind == "h2" and p.run_in for p in section):
            task_kind = "h2"  # tasks written as run-in （一） items, with no 1. level
        if task_kind is None:
            continue
        stops = {"h2", "l3"}
        for i, task in enumerate(section):
            if task.kind != task_kind or (task_kind == "h2" and not task.run_in):
                continue
            text = task.text  # the task with any paragraphs that continue it
            for p in section[i + 1 :]:
                if p.kind in stops:
                    break
                text += p.text
            if not _ends_in_duty(text):
                findings.append(
                    Finding(
                        task.index,
                        TASK_RESPONSIBILITY,
                        _(
                            "task does not end in its responsibility list (the units responsible, in brackets)"
                        ),
                        task.excerpt,
                    )
                )
    return findings


# -- 4. template markers --------------------------------------------------------------------------
def _markers(text: str) -> str:
    found = []
    for m in _MARKER.finditer(text):
        if m.group(0) not in found:
            found.append(m.group(0))
    return " ".join(found)


def _check_markers(doc, paras: list[_Para]) -> list[Finding]:
    findings = []
    for para in paras:
        marks = _markers(para.text)
        if marks:
            findings.append(
                Finding(
                    para.index,
                    TEMPLATE_MARKER,
                    _("leftover template marker: {markers}").format(markers=marks),
                    para.excerpt,
                )
            )
    body = doc.element.body
    for p in body.iter(W + "p"):
        if p.getparent() is body:
            continue  # a body paragraph: done above
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        marks = _markers(text)
        if marks:
            findings.append(
                Finding(
                    None,
                    TEMPLATE_MARKER,
                    _("leftover template marker in a table: {markers}").format(markers=marks),
                    _excerpt(text),
                )
            )
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in doc.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        root = (
            etree.fromstring(rel.target_part.blob)
            if not hasattr(rel.target_part, "element")
            else rel.target_part.element
        )
        for p in root.iter(W + "p"):
            text = "".join(t.text or "" for t in p.iter(W + "t"))
            marks = _markers(text)
            if marks:
                findings.append(
                    Finding(
                        None,
                        TEMPLATE_MARKER,
                        _("leftover template marker in a page header or footer: {markers}").format(
                            markers=marks
                        ),
                        _excerpt(text),
                    )
                )
    return findings


# -- 5. page --------------------------------------------------------------------------------------
def _mm(length) -> float | None:
    return None if length is None else round(length.mm, 1)


def _off(value: float | None, want: float) -> bool:
    return value is None or abs(value - want) > TOLERANCE_MM


def _shown(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _check_page(doc) -> list[Finding]:
    findings = []
    for n, section in enumerate(doc.sections, 1):
        width, height = _mm(section.page_width), _mm(section.page_height)
        portrait = not _off(width, PAGE_MM[0]) and not _off(height, PAGE_MM[1])
        landscape = not _off(width, PAGE_MM[1]) and not _off(height, PAGE_MM[0])
        if not (portrait or landscape):
            findings.append(
                Finding(
                    None,
                    PAGE_SIZE,
                    _(
                        "section {n}: the page is {width} x {height} mm, not A4 (210 x 297 mm)"
                    ).format(n=n, width=_shown(width), height=_shown(height)),
                    "",
                )
            )
        if landscape:
            continue  # a landscape A4 page for a wide table: its margins turn with it
        got = {side: _mm(getattr(section, f"{side}_margin")) for side in MARGINS_MM}
        if any(_off(got[side], want) for side, want in MARGINS_MM.items()):
            findings.append(
                Finding(
                    None,
                    PAGE_MARGINS,
                    _(
                        "section {n}: margins are top {top}, bottom {bottom}, left {left}, right {right} mm;"
                        " GB/T 9704 needs top 37, bottom 35, left 28, right 26 mm"
                    ).format(n=n, **{side: _shown(v) for side, v in got.items()}),
                    "",
                )
            )
    return findings


# -- 6. fonts -------------------------------------------------------------------------------------
def _role(kind: str) -> str:
    return {
        "body": _("body text"),
        "l3": _("body text"),
        "l4": _("body text"),
        "h1": _("level-1 heading"),
        "h2": _("level-2 heading"),
        "title": _("title"),
        "masthead": _("organ mark"),
        "label": _("attachment label"),
    }[kind]


_FAMILY = {
    "body": FANGSONG,
    "l3": FANGSONG,
    "l4": FANGSONG,
    "h1": HEITI,
    "h2": KAITI,
    "title": XIAOBIAOSONG,
    "masthead": XIAOBIAOSONG,
    "label": HEITI,
}
_SIZE = {
    "body": SIZE_TEXT,
    "l3": SIZE_TEXT,
    "l4": SIZE_TEXT,
    "h1": SIZE_TEXT,
    "h2": SIZE_TEXT,
    "title": SIZE_TITLE,
    "label": SIZE_TEXT,
}


def _in_family(name: str | None, family: tuple[str, ...]) -> bool:
    return bool(name) and name.strip().lower().startswith(family)


def _check_fonts(paras: list[_Para], styles: _Styles) -> list[Finding]:
    findings = []
    for para in paras:
        if para.kind not in _FAMILY:
            continue
        font_finding = size_finding = None
        before = ""  # the paragraph's text before this run
        for r in _run_elements(para.element):
            text = _run_text(r)
            starts_in_lead = "。" not in before
            before += text
            if not _CJK.search(text):
                continue
            kind = para.kind
            if kind == "h2" and para.run_in and not starts_in_lead:
                kind = "body"  # the text after a run-in （一）…。 lead
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
                )
            size = styles.size(r, para.element)
            if size_finding is None and kind in _SIZE and size != _SIZE[kind]:
                size_finding = Finding(
                    para.index,
                    FONT_SIZE,
                    _("{what} should be {expected} pt, found {found} pt").format(
                        what=_role(kind), expected=f"{_SIZE[kind]:g}", found=f"{size:g}"
                    ),
                    para.excerpt,
                )
        findings += [f for f in (font_finding, size_finding) if f]
    return findings


# -- all together ---------------------------------------------------------------------------------
def check(path: Path) -> list[Finding]:
    """Every finding for the plan at ``path``, document-wide ones first, then by paragraph."""
    path = Path(path)
    doc = _open(path)
    styles = _Styles(doc)
    paras = _classify(doc, styles)
    findings = (
        _check_sections(paras)
        + _check_numbering(paras)
        + _check_responsibility(paras)
        + _check_markers(doc, paras)
        + _check_page(doc)
        + _check_fonts(paras, styles)
    )
    return sorted(findings, key=lambda f: (f.paragraph is not None, f.paragraph or 0))
