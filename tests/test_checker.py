"""drafter.check: a .docx checked for the plan's rules (sections, numbering, responsibility lists,
leftover template markers) and GB/T 9704's (page, grid, fonts, theme, masthead, title breaks,
sign-off, 附件说明, 版记, page numbers), and read safely whatever it holds.

Plan rules are tested on drafter's own drafts with one thing broken: a test asserts the findings
the break adds. Layout rules are tested on a reference 公文 built here to the standard's figures
(``gb_notice``): it has no findings, and each rule broken in turn is named with its clause."""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from drafter.check import CODES, Finding, check, format_finding
from drafter.errors import DrafterError

# -- helpers ------------------------------------------------------------------------------------
_SOURCE: dict[int, Path] = {}


def load(built: Path, name: str):
    doc = docx.Document(str(built / f"{name}.docx"))
    _SOURCE[id(doc)] = built / f"{name}.docx"
    return doc


def save(doc, tmp_path: Path, name: str = "broken") -> Path:
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return path


@functools.cache
def _findings(path: Path, mtime_ns: int, size: int) -> tuple[Finding, ...]:
    """The findings on a built draft, checked once per version of the file (many tests break
    the same draft)."""
    return tuple(check(path))


# Where the text ends moves when a test deletes a paragraph: 泰山区's plan ends two lines onto
# page 14, its 版记 at that page's foot, and less text ends on page 13, where the 版记 placed for
# page 14 is rightly flagged. The tests of added() break something else; the 版记's page is
# tested on its own (BREAKS, test_a_colophon_that_fits_the_text_page_stands_there).
MOVED_BY_DELETING = {"colophon-page"}


def added(doc, tmp_path: Path, name: str = "broken") -> list[Finding]:
    """The findings on ``doc`` (loaded from a built draft, then broken) that the draft it was loaded
    from does not have: a document-wide finding by its code, a paragraph's by code and text;
    not where the 版记 falls (MOVED_BY_DELETING)."""
    source = _SOURCE[id(doc)]
    stat = source.stat()
    base = _findings(source, stat.st_mtime_ns, stat.st_size)
    whole = {f.code for f in base if f.paragraph is None}
    para = {(f.code, f.excerpt) for f in base if f.paragraph is not None}
    return [
        f
        for f in check(save(doc, tmp_path, name))
        if not (f.code in whole if f.paragraph is None else (f.code, f.excerpt) in para)
        and f.code not in MOVED_BY_DELETING
    ]


def find(doc, prefix: str):
    """(1-based index, paragraph) of the first body paragraph starting with ``prefix``."""
    for i, p in enumerate(doc.paragraphs, 1):
        if p.text.replace("\n", "").startswith(prefix):  # a title's lines read as one
            return i, p
    raise AssertionError(f"no paragraph starts with {prefix!r}")


def delete(paragraph) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def retext(paragraph, old: str, new: str) -> None:
    run = paragraph.runs[0]
    assert old in run.text
    run.text = run.text.replace(old, new, 1)


def east_asia(run, name: str) -> None:
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# -- drafter's own drafts and every shipped example ---------------------------------------------
EXAMPLE_DATA = {"taishan-actuals.yaml"}  # examples/*.yaml that are no profile


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict[str, Path]:
    """Every shipped profile and example built as a plan and a department list, and the report."""
    from conftest import ROOT, run_cli, taishan_report

    out = tmp_path_factory.mktemp("shipped")
    profiles = sorted((ROOT / "profiles").glob("*.yaml")) + sorted(
        p for p in (ROOT / "examples").glob("*.yaml") if p.name not in EXAMPLE_DATA
    )
    args = [str(p) for p in profiles]
    result = run_cli("build", *args, "-o", str(out), "--format", "docx", "--format", "dept")
    assert result.returncode == 0, result.stderr
    taishan_report(out)
    return {p.name: p for p in sorted(out.glob("*.docx"))}


def test_every_shipped_example_has_no_findings(shipped):
    """Every profile under profiles/ and examples/ (every shipped genre): a plan and its
    department list each, and the report; drafter check finds nothing in any of them."""
    from conftest import ROOT

    from drafter.check import kind_of

    examples = [p for p in (ROOT / "examples").glob("*.yaml") if p.name not in EXAMPLE_DATA]
    plans = len(list((ROOT / "profiles").glob("*.yaml"))) + len(examples)
    assert plans >= 10  # 2 seed counties and the examples of every genre
    assert len(shipped) == 2 * plans + 1
    assert {"lanhai-protection.docx", "jining.docx", "qinghe-action.docx"} <= set(shipped)
    kinds = {name: kind_of(path) for name, path in shipped.items()}
    assert kinds == {
        name: "departments"
        if ".departments." in name
        else "report"
        if ".report." in name
        else "plan"
        for name in shipped
    }
    for name, path in shipped.items():
        assert [format_finding(name, f) for f in check(path)] == []


def test_generated_drafts_have_no_findings(tmp_path):
    """bench/gen_profiles.py's counties, many with long names (样例癸市样例二百四十四县人民政府):
    the masthead shrinks and keeps 35 mm, a long 署名 ends at the edge with the date centred
    under it; drafter check finds nothing in any of them."""
    from conftest import generate_profiles, run_cli

    generate_profiles(12, tmp_path / "in", seed=3)
    built = run_cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2")
    assert built.returncode == 0, built.stderr
    drafts = sorted((tmp_path / "out").glob("*.docx"))
    assert len(drafts) == 12
    assert max(len(docx.Document(str(d)).paragraphs[0].text) for d in drafts) >= 18
    assert [format_finding(d.name, f) for d in drafts for f in check(d)] == []


def test_every_code_is_stable_and_unique():
    assert len(set(CODES)) == len(CODES)
    assert all(code == code.lower() and " " not in code for code in CODES)


# -- 1. sections --------------------------------------------------------------------------------
def test_renamed_section_is_missing(built, tmp_path):
    doc = load(built, "taishan")
    _i, heading = find(doc, "四、重点任务")
    retext(heading, "重点任务", "工作安排")
    findings = added(doc, tmp_path)
    assert codes(findings) == ["sections-missing"]
    assert findings[0].paragraph is None and findings[0].excerpt == ""
    assert "重点任务" in findings[0].message


def test_sections_out_of_order(built, tmp_path):
    doc = load(built, "taishan")
    _i, principles = find(doc, "二、基本原则")
    index, goals = find(doc, "三、主要目标")
    retext(principles, "基本原则", "主要目标")
    retext(goals, "主要目标", "基本原则")
    findings = added(doc, tmp_path)
    assert codes(findings) == ["sections-order"]
    assert findings[0].paragraph == index and findings[0].excerpt == "三、基本原则"


def test_principles_are_optional(built, tmp_path):
    doc = load(built, "taishan")
    _i, heading = find(doc, "二、基本原则")
    for p in [heading] + [
        p
        for p in doc.paragraphs
        if p.text.startswith(("（一）坚持", "（二）坚持", "（三）坚持", "（四）坚持"))
    ]:
        delete(p)
    for old, new in (("三、", "二、"), ("四、", "三、"), ("五、", "四、")):
        _i, h = find(doc, old)
        retext(h, old, new)
    assert added(doc, tmp_path) == []


def test_repeated_section(built, tmp_path):
    doc = load(built, "rongcheng")
    index, safeguards = find(doc, "四、保障措施")
    retext(safeguards, "保障措施", "重点任务")
    found = {(f.code, f.paragraph) for f in added(doc, tmp_path)}
    assert ("sections-repeat", index) in found
    assert ("sections-missing", None) in found


# -- 2. numbering -------------------------------------------------------------------------------
def test_deleted_task_leaves_a_gap_continuous(built, tmp_path):
    doc = load(built, "taishan")  # tasks 1.–16. run on across the groups
    _i, task4 = find(doc, "4.实施高价值专利培育计划")
    delete(task4)
    index, _p = find(doc, "5.实施商标品牌和地标培育工程")
    findings = added(doc, tmp_path)
    assert codes(findings) == ["numbering-gap"]
    gap = findings[0]
    assert gap.paragraph == index
    assert gap.excerpt.startswith("5.实施商标品牌")
    assert "3." in gap.message and "5." in gap.message


def test_deleted_task_leaves_a_gap_per_group(built, tmp_path):
    doc = load(built, "rongcheng")  # tasks restart at 1. under each （一）
    _i, task = find(doc, "2.拓展知识产权投融资渠道")
    delete(task)
    index, _p = find(doc, "3.推动知识产权协同创新与实施")
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("numbering-gap", index)]


def test_repeated_task_number(built, tmp_path):
    doc = load(built, "taishan")
    index, task = find(doc, "3.完善知识产权考核评价体系")
    retext(task, "3.", "2.")
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("numbering-repeat", index)]


def test_mixed_task_numbering_is_flagged(built, tmp_path):
    """One group restarting at 1. in a continuously numbered plan: both ways do not fit."""
    doc = load(built, "taishan")
    for old, new in (("4.", "1."), ("5.", "2."), ("6.", "3.")):
        _i, task = find(doc, old)
        retext(task, old, new)
    restart, _p = find(doc, "1.实施高价值专利培育计划")
    findings = added(doc, tmp_path)
    assert findings and set(codes(findings)) <= {"numbering-gap", "numbering-repeat"}
    assert ("numbering-repeat", restart) in {(f.code, f.paragraph) for f in findings}


def test_level1_and_level2_gaps(built, tmp_path):
    doc = load(built, "rongcheng")
    h1, heading = find(doc, "三、重点任务")
    retext(heading, "三、", "五、")
    _i, group = find(doc, "（二）提高知识产权运用能力")
    delete(group)
    h2, _p = find(doc, "（三）强化知识产权保护力度")
    l3, _p = find(doc, "1.培育知识产权密集型企业")
    found = [(f.code, f.paragraph) for f in added(doc, tmp_path)]
    # 二、 五、 四、: only 五、 is wrong (四、 follows it as it should follow 三、).
    # （一） （三）: a gap. The deleted group's tasks now follow （一）'s 1. 2.: 2. then 1.
    assert found == [("numbering-gap", h1), ("numbering-repeat", l3), ("numbering-gap", h2)]


def test_run_in_level2_items_are_numbered_too(built, tmp_path):
    doc = load(built, "taishan")
    _i, item = find(doc, "（二）坚持质量优先。")
    delete(item)
    index, _p = find(doc, "（三）坚持强化保护。")
    assert [(f.code, f.paragraph) for f in added(doc, tmp_path)] == [("numbering-gap", index)]


# -- 3. responsibility lists --------------------------------------------------------------------
def test_task_without_responsibility_list(built, tmp_path):
    doc = load(built, "taishan")
    index, task = find(doc, "5.实施商标品牌和地标培育工程")
    duty = task.runs[-1]
    assert duty.text.startswith("（") and duty.text.endswith("负责）")
    duty._r.getparent().remove(duty._r)
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("task-responsibility", index)]
    assert findings[0].excerpt.startswith("5.实施商标品牌")


def test_empty_units_list_is_not_a_responsibility_list(built, tmp_path):
    doc = load(built, "rongcheng")
    index, task = find(doc, "2.提升传统产业知识产权竞争优势")
    task.runs[-1].text = "（责任单位：）"
    assert [(f.code, f.paragraph) for f in added(doc, tmp_path)] == [("task-responsibility", index)]


def test_responsibility_styles_accepted(built, tmp_path):
    doc = load(built, "rongcheng")
    endings = [
        "（市市场监督管理局（知识产权局）负责）",
        "（市科学技术局、市财政局等按职责分工负责）。",
        "(责任单位：市商务局)",
    ]
    for prefix, ending in zip(
        ("1.培育高价值知识产权", "2.提升传统产业", "1.培育知识产权密集型企业"),
        endings,
        strict=False,
    ):
        _i, task = find(doc, prefix)
        task.runs[-1].text = ending
    assert added(doc, tmp_path) == []


# -- 4. template markers ------------------------------------------------------------------------
def test_template_marker_in_body(built, tmp_path):
    doc = load(built, "taishan")
    index, para = find(doc, "以习近平新时代中国特色社会主义思想为指导")
    para.add_run("{{ county.name }}")
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("template-marker", index)]
    assert "{{" in findings[0].message and "}}" in findings[0].message


@pytest.mark.parametrize("marker", ["None", "Undefined", "{% if x %}"])
def test_other_markers(built, tmp_path, marker):
    doc = load(built, "taishan")
    index, para = find(doc, "为落实《知识产权强国建设纲要")
    run = next(r for r in para.runs if "决策部署" in r.text)  # punctuation may have runs of its own
    run.text = run.text.replace("决策部署", f"决策部署{marker}")
    assert ("template-marker", index) in {(f.code, f.paragraph) for f in added(doc, tmp_path)}


def test_template_marker_in_table_and_footer(built, tmp_path):
    doc = load(built, "rongcheng")
    cell = doc.tables[0].cell(1, 2).paragraphs[0]
    cell.runs[0].text += "None"
    doc.sections[0].footer.add_paragraph("{{ page }}")  # beside the page number, not in it
    findings = added(doc, tmp_path)
    assert codes(findings) == ["template-marker", "template-marker"]
    assert all(f.paragraph is None for f in findings)
    assert any("None" in f.message for f in findings) and any("{{" in f.message for f in findings)


def test_words_containing_none_are_not_markers(built, tmp_path):
    doc = load(built, "taishan")
    _i, para = find(doc, "为落实《知识产权强国建设纲要")
    para.add_run("Nonexistent NoneType")
    assert added(doc, tmp_path) == []


# -- 5. page ------------------------------------------------------------------------------------
def test_wrong_margins(built, tmp_path):
    doc = load(built, "taishan")
    doc.sections[0].left_margin = Mm(31.8)
    doc.sections[0].right_margin = Mm(22.2)  # the line keeps its 156 mm, so only margins are off
    findings = added(doc, tmp_path)
    # a type area 3.8 mm narrower holds 27 characters a line: the grid says so too
    assert [f.code for f in findings if f.code != "grid"] == ["page-margins"]
    assert findings[0].paragraph is None and "31.8" in findings[0].message


def test_margins_within_a_millimetre_pass(built, tmp_path):
    doc = load(built, "taishan")
    doc.sections[0].top_margin = Mm(37.8)
    doc.sections[0].right_margin = Mm(25.2)
    assert added(doc, tmp_path) == []


def test_letter_paper(built, tmp_path):
    doc = load(built, "rongcheng")
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(215.9), Mm(279.4)
    # Letter is 5.9 mm wider than A4 and the margins stay: a line holds 29 characters, not 28
    # (and 17.6 mm shorter: where the text ends moves, and with it where the 版记 should be)
    found = [c for c in codes(added(doc, tmp_path)) if c not in ("grid", "colophon-position")]
    assert found == ["page-size"]


def test_every_section_is_checked(built, tmp_path):
    doc = load(built, "rongcheng")
    section = doc.add_section()
    section.left_margin = Mm(20)
    findings = added(doc, tmp_path)
    assert codes(findings) == ["page-margins"]
    assert "2" in findings[0].message


# -- 6. fonts -----------------------------------------------------------------------------------
def test_body_run_in_songti(built, tmp_path):
    doc = load(built, "taishan")
    index, para = find(doc, "以习近平新时代中国特色社会主义思想为指导")
    east_asia(para.runs[0], "宋体")
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("font", index)]
    assert "宋体" in findings[0].message and "仿宋_GB2312" in findings[0].message


@pytest.mark.parametrize(
    "prefix,run,expected",
    [
        ("一、指导思想", 0, "黑体"),
        ("（一）完善知识产权制度体系", 0, "楷体_GB2312"),
        ("（一）坚持创新引领。", 0, "楷体_GB2312"),  # a run-in lead
        ("泰安市泰山区国家知识产权强县建设试点县", 0, "方正小标宋简体"),  # the plan's title
    ],
)
def test_heading_and_title_fonts(built, tmp_path, prefix, run, expected):
    doc = load(built, "taishan")
    index, para = find(doc, prefix)
    east_asia(para.runs[run], "仿宋_GB2312")
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("font", index)]
    assert expected in findings[0].message


def test_text_after_a_run_in_lead_is_fangsong(built, tmp_path):
    doc = load(built, "taishan")
    index, para = find(doc, "（一）坚持创新引领。")
    east_asia(para.runs[1], "楷体_GB2312")
    assert [(f.code, f.paragraph) for f in added(doc, tmp_path)] == [("font", index)]


def test_font_resolved_from_styles(built, tmp_path):
    """A run with no font of its own takes the paragraph style's, then Normal's, then docDefaults'."""
    doc = load(built, "taishan")
    index, para = find(doc, "以习近平新时代中国特色社会主义思想为指导")
    for run in para.runs:
        run._r.rPr.remove(run._r.rPr.find(qn("w:rFonts")))
    assert added(doc, tmp_path, "inherits") == []  # Normal says 仿宋_GB2312
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    normal.set(qn("w:eastAsia"), "宋体")
    findings = [f for f in added(doc, tmp_path) if f.paragraph == index]
    assert codes(findings) == ["font"] and "宋体" in findings[0].message


def test_body_size(built, tmp_path):
    doc = load(built, "rongcheng")
    index, para = find(doc, "通过国家知识产权强县建设试点县试点建设工作")
    para.runs[0].font.size = Pt(14)
    findings = added(doc, tmp_path)
    assert [(f.code, f.paragraph) for f in findings] == [("font-size", index)]


def test_plain_fangsong_names_are_accepted(built, tmp_path):
    """Word on a PC without the GB2312 fonts: 仿宋, 楷体, 方正小标宋_GBK are the same families."""
    doc = load(built, "taishan")
    swap = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK"}
    for el in doc.element.body.iter(qn("w:rFonts")):
        name = el.get(qn("w:eastAsia"))
        if name in swap:
            el.set(qn("w:eastAsia"), swap[name])
    assert added(doc, tmp_path) == []


# -- documents written by hand ------------------------------------------------------------------
PLAN = [
    "示例县国家知识产权强县建设试点县工作方案",
    "为推动示例县知识产权事业高质量发展，制定本方案。",
    "一、指导思想",
    "以习近平新时代中国特色社会主义思想为指导，全面提升知识产权创造、运用、保护、管理和服务能力。",
    "二、主要目标",
    "（一）知识产权创造能力持续提升。万人有效发明专利拥有量达到5件以上。",
    "（二）知识产权保护能力显著增强。侵犯知识产权行政处罚案件结案率达到90%以上。",
    "三、重点任务",
    "（一）提升知识产权创造水平",
    "1.培育高价值专利。支持企业开展高价值专利培育。（县市场监督管理局、县科学技术局等按职责分工负责）",
    "2.打造商标品牌。推动地理标志产品保护。（责任单位：县市场监督管理局、县农业农村局）",
    "（二）强化知识产权保护",
    "3.加强行政执法。开展专项执法行动：",
    "（1）围绕展会开展执法；",
    "（2）围绕电子商务开展执法。（县市场监督管理局负责）",
    "四、保障措施",
    "（一）加强组织领导。成立工作领导小组。",
    "（二）加强经费保障。落实专项资金。",
]
# what gb_notice adds to the plan so that its text ends on an odd page (page 5), and its 版记
# stands alone on the even page after it: text ending on an even page with room would take the
# 版记 at its own foot (7.4)
PLAN_MORE = [
    "县知识产权工作领导小组定期对各项任务的落实情况进行督促检查，"
    "及时通报进展，协调解决推进中的困难和问题，对工作不力、进度滞后的单位予以督办，"
    "确保各项目标任务按期完成。各责任单位每半年报送一次工作进展情况。",
]


def _font(run, name: str, size: float) -> None:
    east_asia(run, name)
    run.font.size = Pt(size)


# -- a reference 公文 built to the standard's figures --------------------------------------------
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
TYPE_WIDTH_PT = 156 / 25.4 * 72
CHAR_SPACE = round((TYPE_WIDTH_PT / 28 - 16) * 4096)  # 28 characters of 3号 in 156 mm


def _set(parent, tag: str, **attrs):
    """The child ``w:tag`` of ``parent`` (made if missing) with ``attrs`` set."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for k, v in attrs.items():
        el.set(qn(k), str(v))
    return el


def _page_number(footer, odd: bool) -> None:
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    pf = para.paragraph_format
    if odd:
        pf.right_indent = Pt(14)
    else:
        pf.left_indent = Pt(14)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(20)
    pf.space_before = pf.space_after = Pt(0)
    for kind, value in (("t", "— "), ("begin", ""), ("instr", " PAGE "), ("end", ""), ("t", " —")):
        run = para.add_run()
        run.font.size = Pt(14)
        east_asia(run, "宋体")
        if kind == "t":
            run.text = value
        elif kind == "instr":
            el = OxmlElement("w:instrText")
            el.text = value
            run._r.append(el)
        else:
            _set(run._r, "w:fldChar", **{"w:fldCharType": kind})


def gb_page(doc) -> None:
    """A4, 37/35/28/26 mm, 22 lines × 28 characters of 3号 仿宋, autospace off, a Chinese theme,
    page numbers 7 mm below the type area on alternating sides."""
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    # the page number's font box (14 pt, in an exact line: baseline 0.11 em above the line's
    # bottom, box top 1.04 em above the baseline) tops out 28 mm above the paper's edge
    s.footer_distance = Pt(28 / 25.4 * 72 - 1.15 * 14)
    _set(
        s._sectPr,
        "w:docGrid",
        **{"w:type": "linesAndChars", "w:linePitch": 579, "w:charSpace": CHAR_SPACE},
    )
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), "仿宋")
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28.95)
    pf.space_before = pf.space_after = Pt(0)
    ppr = normal.element.get_or_add_pPr()
    _set(ppr, "w:autoSpaceDE", **{"w:val": 0})
    _set(ppr, "w:autoSpaceDN", **{"w:val": 0})
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").set(
        qn("w:eastAsia"), "zh-CN"
    )
    _set(doc.settings.element, "w:themeFontLang", **{"w:val": "en-US", "w:eastAsia": "zh-CN"})
    theme = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for ea in root.iter(f"{{{A_NS}}}ea"):
        ea.set("typeface", "")
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(s.footer, odd=True)
    _page_number(s.even_page_footer, odd=False)


def _line(
    doc,
    text: str = "",
    *,
    font: str = "仿宋_GB2312",
    size: float = 16,
    align=None,
    first: float = 0,
    left: float = 0,
    right: float = 0,
    before: float = 0,
    color=None,
):
    """A paragraph; indents in characters of its size, space before in points."""
    para = doc.add_paragraph()
    pf = para.paragraph_format
    if align is not None:
        para.alignment = align
    pf.first_line_indent = Pt(first * size) if first else None
    pf.left_indent = Pt(left * size) if left else None
    pf.right_indent = Pt(right * size) if right else None
    if before:
        pf.space_before = Pt(before)
    for k, piece in enumerate(text.split("\n")):
        if k:
            para.runs[-1].add_break()
        run = para.add_run(piece)
        _font(run, font, size)
        if color:
            run.font.color.rgb = color
    return para


def _border(para, **sides: float) -> None:
    """Paragraph rules: side name -> width in mm."""
    bdr = _set(para._p.get_or_add_pPr(), "w:pBdr")
    for side, mm in sides.items():
        _set(
            bdr,
            f"w:{side}",
            **{
                "w:val": "single",
                "w:sz": round(mm / 25.4 * 72 * 8),
                "w:space": 1,
                "w:color": "000000",
            },
        )


NOTICE_TITLE = "示例县人民政府\n关于印发《示例县国家知识产权强县建设\n试点县工作方案》的通知"
ATTACHMENT = "附件：示例县国家知识产权强县建设试点县工作方案及其重点任务分工表和领导小组成员名单"


def gb_notice():
    """A 印发通知 and its plan, every element where GB/T 9704-2012 puts it: masthead 35 mm below
    the type area, red rule, title on three word-whole lines (a diamond), sealed sign-off, 附注 on
    the line after the date, a wrapping 附件说明 aligned under the name, and a 版记 with its rules
    at the foot of the last page."""
    doc = docx.Document()
    gb_page(doc)
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    # a 43.2 pt exact line: its baseline 0.11 em above the bottom, the ink 0.88 em above that
    mark = _line(
        doc,
        "示例县人民政府文件",
        font="方正小标宋简体",
        size=36,
        align=center,
        before=35 / 25.4 * 72 - (43.2 - 0.99 * 36),
        color=RGBColor(0xFF, 0, 0),
    )
    mark.paragraph_format.line_spacing = Pt(43.2)
    _line(doc)
    _line(doc)
    number = _line(doc, "示政发〔2024〕3号", align=center)
    bdr = _set(number._p.get_or_add_pPr(), "w:pBdr")
    _set(bdr, "w:bottom", **{"w:val": "single", "w:sz": 12, "w:space": 11, "w:color": "FF0000"})
    _line(doc)
    _line(doc)
    _line(doc, NOTICE_TITLE, font="方正小标宋简体", size=22, align=center)
    _line(doc)
    _line(doc, "各乡镇人民政府，县政府各部门：", align=left)
    _line(
        doc,
        "《示例县国家知识产权强县建设试点县工作方案》已经县政府同意，现印发给你们，请认真贯彻执行。",
        first=2,
    )
    _line(doc)
    _line(doc, ATTACHMENT, left=5, first=-3, align=left)
    for _ in range(3):
        _line(doc)  # room for the seal
    # sealed: date 右空四字 (6 characters wide), 署名 (7) centred above it
    _line(doc, "示例县人民政府", align=WD_ALIGN_PARAGRAPH.RIGHT, right=3.5)
    _line(doc, "2024年3月8日", align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
    _line(doc, "（此件公开发布）", first=2)
    title = _line(
        doc,
        "示例县国家知识产权强县建设试点县工作方案",
        font="方正小标宋简体",
        size=22,
        align=center,
    )
    title.paragraph_format.page_break_before = True
    _line(doc)
    for text in PLAN[1:] + PLAN_MORE * 6:
        if text[0] in "一二三四":
            _line(doc, text, font="黑体", first=2)
        elif text.startswith("（") and text[1] in "一二三" and "。" not in text:
            _line(doc, text, font="楷体_GB2312", first=2)
        elif text.startswith("（") and text[1] in "一二三":  # a run-in lead in 楷体, then 仿宋
            lead, rest = text.split("。", 1)
            _font(
                _line(doc, lead + "。", font="楷体_GB2312", first=2).add_run(rest),
                "仿宋_GB2312",
                16,
            )
        else:
            _line(doc, text, first=2)
    # the 版记 in a last section of its own, on an even page, aligned to the bottom of the type
    # area (7.4); the text ends on page 5, so no blank page comes before it and it keeps the
    # text's page numbers (7.5: its footers linked to theirs)
    doc.add_section(WD_SECTION.EVEN_PAGE)
    last = doc.sections[-1]
    _set(last._sectPr, "w:vAlign", **{"w:val": "bottom"})
    copy = _line(
        doc, "抄送：县委办公室，县人大常委会办公室，县政协办公室。", size=14, left=1, right=1
    )
    issued = _line(doc, "示例县人民政府办公室\t2024年3月8日印发", size=14, left=1, right=1)
    _border(copy, top=0.35, bottom=0.25)
    _border(issued, bottom=0.35)
    return doc


def gb_save(tmp_path: Path, change=None, name: str = "notice") -> Path:
    doc = gb_notice()
    if change is not None:
        change(doc)
    return save(doc, tmp_path, name)


def hand_made(paragraphs: list[str], gb: bool):
    """A plan typed in Word: with ``gb``, laid out as GB/T 9704 asks; otherwise Word's defaults."""
    doc = docx.Document()
    if gb:
        gb_page(doc)
    for i, text in enumerate(paragraphs):
        if not gb:
            doc.add_paragraph(text)
            continue
        para = doc.add_paragraph()
        if i == 0:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(para.add_run(text), "方正小标宋简体", 22)
        elif text[0] in "一二三四":
            _font(para.add_run(text), "黑体", 16)
        elif text.startswith("（") and text[1] in "一二三" and "。" in text:
            lead, rest = text.split("。", 1)
            _font(para.add_run(lead + "。"), "楷体_GB2312", 16)
            para.add_run(rest)
        elif text.startswith("（") and text[1] in "一二三":
            _font(para.add_run(text), "楷体", 16)
        else:
            para.add_run(text)
    return doc


def test_hand_made_plan_laid_out_right_passes(tmp_path):
    assert check(save(hand_made(PLAN, gb=True), tmp_path)) == []


def test_hand_made_plan_with_word_defaults(tmp_path):
    findings = check(save(hand_made(PLAN, gb=False), tmp_path))
    assert set(codes(findings)) == {
        "page-size",  # US Letter
        "page-margins",
        "grid",  # 11 pt Calibri lines, no document grid
        "font",
        "font-size",
        "theme-font",  # python-docx's template: ＭＳ 明朝 for East Asian text
        "language",  # ja-JP theme language, en-US document
        "autospace",
        "page-number",  # no footer at all
    }
    fonts = {f.paragraph: f for f in findings if f.code == "font"}
    assert set(fonts) == set(range(1, len(PLAN) + 1))  # every paragraph is in Word's default font
    assert "方正小标宋简体" in fonts[1].message  # the title
    assert "黑体" in fonts[3].message  # 一、指导思想
    assert "楷体_GB2312" in fonts[9].message  # （一）提升知识产权创造水平
    assert "仿宋_GB2312" in fonts[10].message  # a task
    assert all(
        f.excerpt == PLAN[f.paragraph - 1][:20] + ("…" if len(PLAN[f.paragraph - 1]) > 20 else "")
        for f in findings
        if f.paragraph
    )


def test_hand_made_plan_level4_gap_and_missing_duty(tmp_path):
    plan = list(PLAN)
    plan[14] = "（3）围绕电子商务开展执法。"
    doc = hand_made(plan, gb=True)
    found = [(f.code, f.paragraph) for f in check(save(doc, tmp_path))]
    assert found == [("task-responsibility", 13), ("numbering-gap", 15)]


def test_hand_made_plan_list_starting_late(tmp_path):
    plan = list(PLAN)
    plan[5] = plan[5].replace("（一）", "（二）", 1)
    plan[6] = plan[6].replace("（二）", "（三）", 1)
    findings = check(save(hand_made(plan, gb=True), tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("numbering-gap", 6)]
    assert "（二）" in findings[0].message and "（一）" in findings[0].message


def test_hand_made_plan_tasks_restarting_per_group(tmp_path):
    plan = list(PLAN)
    plan[12] = plan[12].replace("3.", "1.", 1)
    assert check(save(hand_made(plan, gb=True), tmp_path)) == []


# -- files that are not .docx -------------------------------------------------------------------
def _not_docx(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.docx"
    text.write_text("一、指导思想", encoding="utf-8")
    old = tmp_path / "plan.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    other_zip = tmp_path / "book.docx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "hello")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    return {
        "text": text,
        "doc": old,
        "zip": other_zip,
        "empty": empty,
        "missing": tmp_path / "missing.docx",
        "folder": tmp_path,
    }


@pytest.mark.parametrize("kind", ["text", "doc", "zip", "empty", "missing", "folder"])
def test_not_a_docx_is_bad_input(tmp_path, kind):
    path = _not_docx(tmp_path)[kind]
    with pytest.raises(DrafterError) as info:
        check(path)
    (issue,) = info.value.issues
    assert issue.file == str(path) and issue.line is None and issue.field is None
    assert str(info.value).startswith(f"{path}: ")


# -- output -------------------------------------------------------------------------------------
def test_format_finding():
    f = Finding(
        57,
        "numbering-gap",
        "numbering is not continuous: 3. is followed by 5.",
        "5.实施商标品牌和地标培育…",
    )
    assert (
        format_finding(Path("plan.docx"), f)
        == 'plan.docx: ¶57: numbering-gap: numbering is not continuous: 3. is followed by 5. ("5.实施商标品牌和地标培育…")'
    )
    whole = Finding(None, "page-size", "not A4", "")
    assert format_finding("plan.docx", whole) == "plan.docx: page-size: not A4"


def test_findings_are_sorted_document_wide_first(built, tmp_path):
    doc = load(built, "taishan")
    doc.sections[0].left_margin = Mm(20)
    _i, task = find(doc, "4.实施高价值专利培育计划")
    delete(task)
    _i, heading = find(doc, "五、保障措施")
    retext(heading, "保障措施", "其他事项")
    findings = added(doc, tmp_path)
    assert codes(findings)[:2] in (
        ["sections-missing", "page-margins"],
        ["page-margins", "sections-missing"],
    )
    indexed = [f.paragraph for f in findings if f.paragraph is not None]
    assert indexed == sorted(indexed) and len(indexed) == 1


def test_check_command_exit_codes(built, tmp_path):
    from conftest import run_cli

    good = run_cli("check", str(gb_save(tmp_path)))
    assert good.returncode == 0 and good.stdout.strip().endswith("未发现问题")
    doc = docx.Document(str(built / "taishan.docx"))
    gone = next(p for p in doc.paragraphs if p.text.startswith("4.实施高价值专利培育计划"))
    gone._p.getparent().remove(gone._p)
    doc.save(str(tmp_path / "gap.docx"))
    bad = run_cli("check", str(tmp_path / "gap.docx"))
    assert bad.returncode == 1 and "numbering-gap" in bad.stdout and "编号不连续" in bad.stdout
    notdocx = tmp_path / "plan.docx"
    notdocx.write_text("hello", encoding="utf-8")
    res = run_cli("check", str(notdocx))
    assert (
        res.returncode == 1
        and "不是 Word .docx 文件" in res.stderr
        and "Traceback" not in res.stderr
    )


# -- GB/T 9704: the reference 公文, whole and broken rule by rule --------------------------------
def test_reference_notice_has_no_findings(tmp_path):
    path = gb_save(tmp_path)
    assert check(path) == []
    from drafter.check import kind_of

    assert kind_of(path) == "plan"


def _para(doc, prefix: str):
    return find(doc, prefix)[1]


def _no_grid(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    grid.getparent().remove(grid)


def _autospace_on(doc):
    ppr = doc.styles["Normal"].element.pPr
    ppr.remove(ppr.find(qn("w:autoSpaceDN")))


def _japanese_theme(doc):
    theme = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    root.find(f".//{{{A_NS}}}minorFont/{{{A_NS}}}ea").set("typeface", "ＭＳ 明朝")
    theme._blob = etree.tostring(root)


def _theme_language(doc):
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "ja-JP")


def _masthead_at_top(doc):
    _para(doc, "示例县人民政府文件").paragraph_format.space_before = Pt(0)


def _no_red_rule(doc):
    ppr = _para(doc, "示政发〔2024〕3号")._p.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))


def _red_rule_far(doc):
    rule = _para(doc, "示政发〔2024〕3号")._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    rule.set(qn("w:space"), "20")  # 7.6 mm under the number


def _title_one_line_down(doc):
    delete(doc.paragraphs[4])  # one of the two blank lines between the rule and the title


def _title_inside_word(doc):
    title = _para(doc, "示例县人民政府")
    for r in list(title.runs):
        r._r.getparent().remove(r._r)
    _font(title.add_run("示例县人民政府关于印发《示例县国家知识产"), "方正小标宋简体", 22)
    title.runs[-1].add_break()
    _font(title.add_run("权强县建设试点县工作方案》的通知"), "方正小标宋简体", 22)


def _title_wraps_in_year(doc):
    title = _para(doc, "示例县国家知识产权强县建设试点县工作方案")
    title.runs[0].text = "示例县国家知识产权强县试点县工作方案（2024—2026年）"  # wraps in 2024


def _title_hourglass(doc):
    title = _para(doc, "示例县人民政府")
    for r in list(title.runs):
        r._r.getparent().remove(r._r)
    for k, piece in enumerate(
        ("示例县人民政府关于印发《示例县", "国家知识产权", "强县建设试点县工作方案》的通知")
    ):
        if k:
            title.runs[-1].add_break()
        _font(title.add_run(piece), "方正小标宋简体", 22)


def _title_two_lines_top_short(doc):
    """Two lines, the shorter on top (上短下长): 7.3.1 wants two lines longer above."""
    title = _para(doc, "示例县国家知识产权强县建设试点县工作方案")
    size = title.runs[0].font.size.pt
    for r in list(title.runs):
        r._r.getparent().remove(r._r)
    _font(title.add_run("示例县国家"), "方正小标宋简体", size)
    title.runs[-1].add_break()
    _font(title.add_run("知识产权强县建设试点县工作方案"), "方正小标宋简体", size)


def _both_right_aligned(doc):
    # the notice title also starts with the organ name: take the paragraph that is only the 署名
    sig = [p for p in doc.paragraphs if p.text == "示例县人民政府"][0]
    sig.paragraph_format.right_indent = Pt(32)
    _para(doc, "2024年3月8日").paragraph_format.right_indent = Pt(32)


def _note_after_blank(doc):
    _para(doc, "（此件公开发布）").paragraph_format.space_before = Pt(28.95)


def _attachment_back_to_margin(doc):
    pf = _para(doc, "附件：").paragraph_format
    pf.left_indent, pf.first_line_indent = None, Pt(32)


def _no_colophon(doc):
    for prefix in ("抄送：", "示例县人民政府办公室"):
        delete(_para(doc, prefix))


def _colophon_not_at_foot(doc):
    valign = doc.sections[-1]._sectPr.find(qn("w:vAlign"))
    valign.getparent().remove(valign)


def _text_after_colophon(doc):
    _line(doc, "二〇二四年三月八日补充：本通知自印发之日起施行。", first=2)


def _colophon_next_page(doc):
    doc.sections[-1].start_type = WD_SECTION.NEW_PAGE  # may fall on an odd page


def _colophon_with_text(doc):
    # one section: the 版记 at the foot of the text's last page, whichever page that is
    text_end, last = doc.sections[-2]._sectPr, doc.sections[-1]._sectPr
    text_end.getparent().remove(text_end)
    _set(text_end, "w:vAlign", **{"w:val": "bottom"})
    last.addprevious(text_end)
    last.getparent().remove(last)


def _colophon_unnumbered(doc):
    for footer in (doc.sections[-1].footer, doc.sections[-1].even_page_footer):
        footer.is_linked_to_previous = False  # footers of its own, empty: no page number


def _colophon_numbered_after_a_blank_page(doc):
    """Blank lines take the text to the foot of page 6, an even page: a blank page comes before
    the 版记's, and its page, numbered with the text's footers, must not be."""
    from drafter.writers import docx_pages

    body = doc.element.body
    section_end = doc.sections[-2]._sectPr.getparent().getparent()  # its w:p
    stop = section_end.getnext()
    while True:
        end = docx_pages.text_end(body, stop=stop)
        if end.page == 6 and end.room_pt < 2 * 28.8:
            return
        assert end.page <= 6, end
        section_end.addprevious(_line(doc)._p)


def _thin_last_rule(doc):
    _border(_para(doc, "示例县人民政府办公室"), bottom=0.25)


def _colophon_flush_left(doc):
    _para(doc, "抄送：").paragraph_format.left_indent = None


def _page_number_low(doc):
    doc.sections[0].footer_distance = Mm(28)  # the line box tops out 35 mm up: at the type area


def _odd_page_number_left(doc):
    doc.sections[0].footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _one_footer(doc):
    doc.settings.odd_and_even_pages_header_footer = False


def _margins(doc):
    doc.sections[0].right_margin = Mm(24)  # 2 mm off; the type area still holds 28 characters


BREAKS = [
    ("no document grid", _no_grid, "grid", "5.2.3", None),
    ("autospace left on", _autospace_on, "autospace", "5.2.3", None),
    ("Japanese theme font", _japanese_theme, "theme-font", "5.2.2", None),
    ("theme language ja-JP", _theme_language, "language", "5.2.2", None),  # and see below
    ("masthead at the top", _masthead_at_top, "masthead-position", "7.2.4", "示例县人民政府文件"),
    ("no red rule", _no_red_rule, "red-rule", "7.2.7", "示政发〔2024〕3号"),
    ("red rule 7.6 mm down", _red_rule_far, "red-rule", "7.2.7", "示政发〔2024〕3号"),
    (
        "title one line below the rule",
        _title_one_line_down,
        "title-position",
        "7.3.1",
        "示例县人民政府",
    ),
    (
        "title broken inside a word",
        _title_inside_word,
        "title-break",
        "7.3.1",
        "示例县人民政府关于印发",
    ),
    (
        "title wraps in a year range",
        _title_wraps_in_year,
        "title-break",
        "7.3.1",
        "示例县国家知识产权强县",
    ),
    ("title as an hourglass", _title_hourglass, "title-shape", "7.3.1", "示例县人民政府关于印发"),
    (
        "two-line title, the shorter on top",
        _title_two_lines_top_short,
        "title-shape",
        "7.3.1",
        "示例县国家",
    ),
    (
        "署名 and date both right",
        _both_right_aligned,
        "signature-layout",
        "7.3.5",
        "示例县人民政府",
    ),
    ("附注 after a blank line", _note_after_blank, "note-position", "7.3.6", "（此件公开发布）"),
    (
        "附件说明 back to the margin",
        _attachment_back_to_margin,
        "attachment-indent",
        "7.3.4",
        "附件：",
    ),
    ("no 版记", _no_colophon, "colophon-missing", "7.4", None),
    ("版记 follows the text", _colophon_not_at_foot, "colophon-position", "7.4", "抄送："),
    ("text after the 版记", _text_after_colophon, "colophon-position", "7.4", "抄送："),
    ("版记 on any next page", _colophon_next_page, "colophon-page", "7.4", "抄送："),
    ("版记 after text on its page", _colophon_with_text, "colophon-page", "7.4", "抄送："),
    (
        "版记 page unnumbered after an odd page",
        _colophon_unnumbered,
        "page-number",
        "7.5",
        "抄送：",
    ),
    (
        "版记 page numbered after a blank page",
        _colophon_numbered_after_a_blank_page,
        "page-number",
        "7.5",
        "抄送：",
    ),
    ("thin last 版记 rule", _thin_last_rule, "colophon-rules", "7.4.1", "抄送："),
    ("抄送 flush left", _colophon_flush_left, "colophon-layout", "7.4.2", "抄送："),
    ("page number 4 mm too high", _page_number_low, "page-number", "7.5", None),
    ("odd page number on the left", _odd_page_number_left, "page-number", "7.5", None),
    ("one footer for all pages", _one_footer, "page-number", "7.5", None),
    ("margins", _margins, "page-margins", "5.2.1", None),
]


@pytest.mark.parametrize(
    "change,code,clause,excerpt", [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS]
)
def test_each_broken_rule_is_named_with_its_clause(tmp_path, change, code, clause, excerpt):
    findings = check(gb_save(tmp_path, change))
    assert code in {f.code for f in findings}, [format_finding("notice.docx", f) for f in findings]
    if change is _theme_language:  # with a ja-JP theme language the theme's font is Japanese too
        assert {f.code for f in findings} == {"language", "theme-font"}
        findings = [f for f in findings if f.code == code]
    assert {f.code for f in findings} == {code}, [
        format_finding("notice.docx", f) for f in findings
    ]
    for f in findings:
        assert f.clause == clause
        assert f"GB/T 9704—2012 {clause}: " in format_finding("notice.docx", f)
        if excerpt is None:
            assert f.paragraph is None
        else:
            assert f.excerpt.startswith(excerpt)


def test_an_unsealed_sign_off_passes_too(tmp_path):
    def unsealed(doc):
        paras = doc.paragraphs
        at = next(i for i, p in enumerate(paras) if p.text == "示例县人民政府")
        # the date (6 characters) starting 2 right of the 署名 (7) would end past it: so the date
        # stands 右空二字 and the 署名 moves one character further left (7.3.5.2)
        paras[at].paragraph_format.right_indent = Pt(48)
        paras[at + 1].paragraph_format.right_indent = Pt(32)
        for p in paras[at - 2 : at]:
            delete(p)  # one blank line below the text, no room for a seal

    assert check(gb_save(tmp_path, unsealed)) == []


# -- hostile and broken files: one finding or one message, exit 1, no traceback ------------------
def run_check(*paths) -> tuple[int, str, BaseException | None]:
    from click.testing import CliRunner

    from drafter.cli.main import make_cli

    result = CliRunner().invoke(make_cli(), ["check", *map(str, paths)])
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.output, exc


def repack(source: Path, target: Path, replace: dict[str, bytes] | None = None, extra=()) -> Path:
    """A copy of the .docx at ``source`` with some parts replaced and ``extra`` (name, bytes)
    parts added, written entry by entry so that no test holds a bomb in memory."""
    replace = replace or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = replace.get(info.filename)
            dst.writestr(info.filename, src.read(info.filename) if data is None else data)
        for name, data in extra:
            if callable(data):  # a generator of chunks
                with dst.open(name, "w") as fh:
                    for chunk in data():
                        fh.write(chunk)
            else:
                dst.writestr(name, data)
    return target


def _one_malformed(path: Path, *words: str) -> Finding:
    findings = check(path)
    assert [f.code for f in findings] == ["malformed"], findings
    for word in words:
        assert word in findings[0].message
    code, output, exc = run_check(path)
    assert exc is None and code == 1 and "Traceback" not in output
    assert output.count("\n") == 1 and "malformed" in output
    return findings[0]


def _bomb_chunks():
    yield b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    for _ in range(64):  # 64 MB of spaces: a 60 KB zip entry
        yield b" " * (1024 * 1024)


def test_zip_bomb_is_read_no_further_than_the_part_cap(tmp_path):
    from drafter.check import package

    good = gb_save(tmp_path)
    with zipfile.ZipFile(good) as z:
        names = [n for n in z.namelist() if n != "word/document.xml"]
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            dst.writestr(name, src.read(name))
        with dst.open("word/document.xml", "w") as fh:
            for chunk in _bomb_chunks():
                fh.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    finding = _one_malformed(
        bomb, "word/document.xml", str(package.MAX_PART_BYTES // (1024 * 1024))
    )
    assert finding.paragraph is None


def test_declared_size_over_the_cap(tmp_path, monkeypatch):
    from drafter.check import package

    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    path = repack(
        gb_save(tmp_path),
        tmp_path / "big.docx",
        extra=[("word/media/big.bin", b"\0" * 3 * 1024 * 1024)],
    )
    _one_malformed(path, "2 MB")


def test_too_many_parts(tmp_path):
    from drafter.check import package

    extra = [(f"customXml/junk{n}.xml", b"<a/>") for n in range(package.MAX_PARTS + 1)]
    path = repack(gb_save(tmp_path), tmp_path / "parts.docx", extra=extra)
    _one_malformed(path, str(package.MAX_PARTS))


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""
LAUGHS = (
    b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">"""
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"""]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""
)


@pytest.mark.parametrize(
    "payload",
    [XXE, LAUGHS, XXE.decode().encode("utf-16")],
    ids=["xxe", "billion-laughs", "xxe-utf16"],
)
def test_entities_are_never_expanded(tmp_path, payload):
    path = repack(gb_save(tmp_path), tmp_path / "dtd.docx", {"word/document.xml": payload})
    finding = _one_malformed(path, "word/document.xml", "DTD")
    assert "root:" not in finding.message


def test_garbage_xml_in_a_header_part(tmp_path):
    def with_header(doc):
        doc.sections[0].header.paragraphs[0].text = "征求意见稿"

    good = gb_save(tmp_path, with_header)
    with zipfile.ZipFile(good) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
    path = repack(good, tmp_path / "garbage.docx", {header: b"<w:hdr><w:p>\x00<<garbage"})
    _one_malformed(path, header)


def test_malformed_attribute(tmp_path):
    def a4(doc):
        doc.sections[0]._sectPr.find(qn("w:pgSz")).set(qn("w:w"), "A4")

    finding = _one_malformed(gb_save(tmp_path, a4), 'w:w="A4"')
    assert "pgSz" in finding.message


def test_a_font_name_cannot_forge_an_output_line(tmp_path):
    forged = (
        "宋体\n" + str(tmp_path / "notice.docx") + "：未发现问题\r\u2028\x85"
    )  # all legal in XML

    def font(doc):
        east_asia(_para(doc, "各乡镇人民政府").runs[0], forged)

    path = gb_save(tmp_path, font)
    code, output, exc = run_check(path)
    assert exc is None and code == 1
    lines = output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: ¶") and "未发现问题" in lines[0]
    assert "\\n" in lines[0] and "\\u2028" in lines[0] and "\\x85" in lines[0]
    assert not any(ch in output for ch in "\r\u2028\x85")


def test_escape_covers_every_line_breaking_character():
    from drafter.check import escape

    text = "a\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i\u202ej"
    assert escape(text) == "a\\nb\\rc\\x0bd\\x0ce\\x1cf\\x85g\\u2028h\\u2029i\\u202ej"
    assert len(escape(text).splitlines()) == 1


def _special(tmp_path: Path, kind: str) -> Path:
    import os

    path = tmp_path / f"{kind}.docx"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(tmp_path / "loop2.docx")
        (tmp_path / "loop2.docx").symlink_to(path)
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize(
    "kind,reason",
    [
        ("fifo", "命名管道"),
        ("device", "设备"),
        ("loop", "循环"),
        ("folder", "文件夹"),
    ],
)
def test_special_files_get_a_message_without_being_opened(tmp_path, kind, reason):
    path = _special(tmp_path, kind)
    with pytest.raises(DrafterError) as info:
        check(path)
    assert reason in str(info.value) and str(info.value).startswith(f"{path}: ")
    code, output, exc = run_check(path)
    assert exc is None and code == 1 and output.count("\n") == 1 and reason in output


def test_a_zip_bomb_stays_within_500_mb(tmp_path):
    """The check runs in a process limited to 500 MB of address space and still reports the bomb."""
    import subprocess
    import sys

    from conftest import ROOT

    good = gb_save(tmp_path)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name != "word/document.xml":
                dst.writestr(name, src.read(name))
        with dst.open("word/document.xml", "w") as fh:
            for chunk in _bomb_chunks():
                fh.write(chunk)
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20));"
        "from drafter.cli.main import main; main(['check', sys.argv[1]])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1, result.stderr
    assert "malformed" in result.stdout and "Traceback" not in result.stderr


def test_a_department_list_names_its_plan_in_every_page_header(shipped, tmp_path):
    doc = docx.Document(str(shipped["taishan.departments.docx"]))
    plan = "泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）"
    for section in doc.sections:
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            header.paragraphs[0].text = ""
    assert "department-header" in codes(check(save(doc, tmp_path, "bare")))
    for section in doc.sections:
        for header in (section.header, section.even_page_header):
            header.paragraphs[0].text = f"《{plan}》重点任务分工"
    assert "department-header" not in codes(check(save(doc, tmp_path, "named")))


def test_the_clause_table_covers_every_clause_and_code():
    from conftest import ROOT

    from drafter.check.findings import CLAUSE

    table = (ROOT / "docs" / "gbt9704.md").read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    clauses = {row.split("|")[1].strip().split(" ")[0] for row in rows[1:]}
    wanted = {
        "5.1",
        "5.2.1",
        "5.2.2",
        "5.2.3",
        "5.2.4",
        "7.1",
        "7.2.4",
        "7.2.6",
        "7.2.7",
        "7.3.1",
        "7.3.4",
        "7.3.5.1",
        "7.3.5.2",
        "7.3.6",
        "7.4",
        "7.4.1",
        "7.4.2",
        "7.4.3",
        "7.5",
        "9",
        "10.1",
    }
    assert wanted <= clauses
    for code in CLAUSE:
        assert f"`{code}`" in table, code


def test_a_long_signature_moves_the_date_left_but_stays_centred(tmp_path):
    organ = "示例市示例县国家知识产权强县建设工作领导小组"  # 22 characters

    def long_name(doc, centred: bool):
        paras = doc.paragraphs
        at = next(i for i, p in enumerate(paras) if p.text == "示例县人民政府")
        paras[at].runs[0].text = organ
        # the date (6 characters) 右空 8 so that the 署名 centred on it ends at the margin
        paras[at].paragraph_format.right_indent = Pt(0)
        paras[at + 1].paragraph_format.right_indent = Pt(16 * (8 if centred else 4))

    assert check(gb_save(tmp_path, lambda d: long_name(d, True), "centred")) == []
    findings = check(gb_save(tmp_path, lambda d: long_name(d, False), "flush"))
    assert codes(findings) == ["signature-layout"]


MUTATED_VALUES = ["A4", "-1", "1e309", "nan", "９", "9" * 30, "0x10", "1.5in", "-", "x"]


def test_mutated_documents_give_findings_never_a_traceback(tmp_path):
    """Elements removed and attributes and texts replaced at random in the parts check reads:
    every result is a list of findings (or a DrafterError), never another exception."""
    import random

    rnd = random.Random(9704)
    good = gb_save(tmp_path)
    with zipfile.ZipFile(good) as z:
        files = {n: z.read(n) for n in z.namelist()}
    parts = [n for n in files if n.endswith((".xml", ".rels"))]
    for n in range(60):
        name = rnd.choice(parts)
        root = etree.fromstring(files[name])
        elements = list(root.iter())
        for _ in range(rnd.randint(1, 4)):
            el = rnd.choice(elements)
            op = rnd.random()
            if op < 0.3 and el.getparent() is not None:
                el.getparent().remove(el)
            elif op < 0.8 and el.attrib:
                el.set(rnd.choice(list(el.attrib)), rnd.choice(MUTATED_VALUES))
            else:
                el.text = rnd.choice(MUTATED_VALUES)
        path = repack(good, tmp_path / f"mutated{n}.docx", {name: etree.tostring(root)})
        try:
            findings = check(path)
        except DrafterError:
            continue
        assert all(isinstance(f, Finding) for f in findings)


def _as_letter(doc, mark_mm: float = 30.0, issued: bool = False):
    """信函格式 (10.1): the mark framed on the page 30 mm from its top edge over a red double line,
    a second one 20 mm above the bottom edge, no 印发 line in the 版记."""
    mark = _para(doc, "示例县人民政府文件")
    mark.paragraph_format.space_before = Pt(0)
    mark.paragraph_format.line_spacing = Pt(36)  # ink 0.01 em under the line's top
    ppr = mark._p.get_or_add_pPr()
    _set(
        ppr,
        "w:framePr",
        **{
            "w:vAnchor": "page",
            "w:hAnchor": "margin",
            "w:xAlign": "center",
            "w:y": round(mark_mm * 72 / 25.4 * 20),
            "w:wrap": "notBeside",
        },
    )
    bdr = _set(ppr, "w:pBdr")
    _set(
        bdr,
        "w:bottom",
        **{"w:val": "thickThinSmallGap", "w:sz": 18, "w:space": 4, "w:color": "FF0000"},
    )
    number = _para(doc, "示政发〔2024〕3号")
    number._p.pPr.remove(number._p.pPr.find(qn("w:pBdr")))
    lower = OxmlElement("w:p")
    lppr = _set(lower, "w:pPr")
    _set(
        lppr,
        "w:framePr",
        **{
            "w:vAnchor": "page",
            "w:hAnchor": "margin",
            "w:xAlign": "center",
            "w:y": round(277 * 72 / 25.4 * 20),
        },
    )
    _set(
        _set(lppr, "w:pBdr"),
        "w:top",
        **{"w:val": "thinThickSmallGap", "w:sz": 18, "w:color": "FF0000"},
    )
    number._p.addprevious(lower)
    if not issued:
        delete(_para(doc, "示例县人民政府办公室"))
        _border(_para(doc, "抄送："), top=0.35, bottom=0.35)


def test_a_letter_is_checked_by_10_1(tmp_path):
    assert check(gb_save(tmp_path, _as_letter, "letter")) == []  # no 印发 line: none is due
    low = check(gb_save(tmp_path, lambda d: _as_letter(d, mark_mm=38), "low"))
    assert [(f.code, f.clause) for f in low] == [("letter-format", "10.1")]
    assert "38.1" in low[0].message  # the frame's 38 mm plus the ink's 0.01 em
    issued = check(gb_save(tmp_path, lambda d: _as_letter(d, issued=True), "issued"))
    assert [f.code for f in issued] == ["letter-format"] and issued[0].excerpt.startswith("示例县")


def test_preprinted_paper_holds_the_rule_in_white(tmp_path):
    def preprinted(doc):
        mark = _para(doc, "示例县人民政府文件")
        mark.runs[0].text = ""  # the red 标志 is on the paper
        rule = _para(doc, "示政发〔2024〕3号")._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        rule.set(qn("w:color"), "FFFFFF")

    assert check(gb_save(tmp_path, preprinted, "preprinted")) == []


def test_a_colophon_that_fits_the_text_page_stands_there(tmp_path):
    """济宁市's 实施意见 ends on page 12, an even page with room: its 版记 is drafted at that
    page's foot, in the text's section, and check finds nothing; moved to a section of its own
    that starts on an even page (so two pages on, after a blank page), check names 7.4 and the
    page (where the text ends is estimated as the writer does: drafter/writers/docx_pages.py)."""
    from copy import deepcopy

    from conftest import ROOT, run_cli

    built = run_cli("build", str(ROOT / "examples" / "jining.yaml"), "-o", str(tmp_path))
    assert built.returncode == 0, built.stderr
    path = tmp_path / "jining.docx"
    assert check(path) == []
    doc = docx.Document(str(path))
    assert len(doc.sections) == 1  # no section of its own
    first = next(p for p in doc.paragraphs if p.text.startswith("济宁市人民政府办公室"))
    assert first._p.pPr.find(qn("w:framePr")) is not None
    # a section break (even page) before the 版记
    body_sect = doc.element.body.find(qn("w:sectPr"))
    ended = deepcopy(body_sect)
    first._p.addprevious(OxmlElement("w:p"))
    first._p.getprevious().get_or_add_pPr().append(ended)
    doc.sections[-1].start_type = WD_SECTION.EVEN_PAGE
    findings = check(save(doc, tmp_path, "moved"))
    pages = [f for f in findings if f.code == "colophon-page"]
    assert pages and pages[0].clause == "7.4" and " 12 " in pages[0].message, findings


def test_a_notice_without_its_number_keeps_the_number_s_line(built, tmp_path):
    """No 发文字号 yet (it is assigned at 签发): its line stays, empty, with the red rule under
    it, so the rule and the title stand where they will once the number is typed in."""
    doc = load(built, "rongcheng")
    paras = doc.paragraphs
    assert paras[0].text.endswith("文件") and paras[1].text == ""
    rule = paras[1]._p.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) not in (None, "auto", "000000")
    assert paras[0]._p.find(qn("w:pPr")).find(qn("w:pBdr")) is None
    assert check(_SOURCE[id(doc)]) == []  # the checker takes the empty line for the number's
