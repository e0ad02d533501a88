"""drafter.checker: a plan .docx checked for sections, numbering, responsibility lists, leftover
template markers, page and fonts. drafter's own drafts pass; each broken copy fails with its code."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.check import CODES, Finding, check, format_finding
from drafter.errors import DrafterError


# -- helpers ------------------------------------------------------------------------------------
def load(built: Path, name: str):
    return docx.Document(str(built / f"{name}.docx"))


def save(doc, tmp_path: Path, name: str = "broken") -> Path:
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return path


def find(doc, prefix: str):
    """(1-based index, paragraph) of the first body paragraph starting with ``prefix``."""
    for i, p in enumerate(doc.paragraphs, 1):
        if p.text.startswith(prefix):
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


# -- drafter's own drafts -----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["taishan", "rongcheng"])
def test_drafters_own_drafts_pass(built, name):
    assert check(built / f"{name}.docx") == []


def test_every_code_is_stable_and_unique():
    assert len(set(CODES)) == len(CODES)
    assert all(code == code.lower() and " " not in code for code in CODES)


# -- 1. sections --------------------------------------------------------------------------------
def test_renamed_section_is_missing(built, tmp_path):
    doc = load(built, "taishan")
    _i, heading = find(doc, "四、重点任务")
    retext(heading, "重点任务", "工作安排")
    findings = check(save(doc, tmp_path))
    assert codes(findings) == ["sections-missing"]
    assert findings[0].paragraph is None and findings[0].excerpt == ""
    assert "重点任务" in findings[0].message


def test_sections_out_of_order(built, tmp_path):
    doc = load(built, "taishan")
    _i, principles = find(doc, "二、基本原则")
    index, goals = find(doc, "三、主要目标")
    retext(principles, "基本原则", "主要目标")
    retext(goals, "主要目标", "基本原则")
    findings = check(save(doc, tmp_path))
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
    assert check(save(doc, tmp_path)) == []


def test_repeated_section(built, tmp_path):
    doc = load(built, "rongcheng")
    index, safeguards = find(doc, "四、保障措施")
    retext(safeguards, "保障措施", "重点任务")
    found = {(f.code, f.paragraph) for f in check(save(doc, tmp_path))}
    assert ("sections-repeat", index) in found
    assert ("sections-missing", None) in found


# -- 2. numbering -------------------------------------------------------------------------------
def test_deleted_task_leaves_a_gap_continuous(built, tmp_path):
    doc = load(built, "taishan")  # tasks 1.–16. run on across the groups
    _i, task4 = find(doc, "4.实施高价值专利培育计划")
    delete(task4)
    index, _p = find(doc, "5.实施商标品牌和地标培育工程")
    findings = check(save(doc, tmp_path))
    assert codes(findings) == ["numbering-gap"]
    gap = findings[0]
    assert gap.paragraph == index
    assert gap.excerpt.startswith("5.实施商标品牌")
    assert "3." in gap.message and "5." in gap.message


def test_deleted_task_leaves_a_gap_per_group(built, tmp_path):
    doc = load(built, "rongcheng")  # tasks restart at 1. under each （一）
    _i, task = find(doc, "2.优化知识产权金融服务")
    delete(task)
    index, _p = find(doc, "3.推动知识产权协同创新与实施")
    findings = check(save(doc, tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("numbering-gap", index)]


def test_repeated_task_number(built, tmp_path):
    doc = load(built, "taishan")
    index, task = find(doc, "3.完善知识产权考核评价体系")
    retext(task, "3.", "2.")
    findings = check(save(doc, tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("numbering-repeat", index)]


def test_mixed_task_numbering_is_flagged(built, tmp_path):
    """One group restarting at 1. in a continuously numbered plan: both ways do not fit."""
    doc = load(built, "taishan")
    for old, new in (("4.", "1."), ("5.", "2."), ("6.", "3.")):
        _i, task = find(doc, old)
        retext(task, old, new)
    restart, _p = find(doc, "1.实施高价值专利培育计划")
    findings = check(save(doc, tmp_path))
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
    found = [(f.code, f.paragraph) for f in check(save(doc, tmp_path))]
    # 二、 五、 四、: only 五、 is wrong (四、 follows it as it should follow 三、).
    # （一） （三）: a gap. The deleted group's tasks now follow （一）'s 1. 2.: 2. then 1.
    assert found == [("numbering-gap", h1), ("numbering-repeat", l3), ("numbering-gap", h2)]


def test_run_in_level2_items_are_numbered_too(built, tmp_path):
    doc = load(built, "taishan")
    _i, item = find(doc, "（二）坚持质量优先。")
    delete(item)
    index, _p = find(doc, "（三）坚持强化保护。")
    assert [(f.code, f.paragraph) for f in check(save(doc, tmp_path))] == [("numbering-gap", index)]


# -- 3. responsibility lists --------------------------------------------------------------------
def test_task_without_responsibility_list(built, tmp_path):
    doc = load(built, "taishan")
    index, task = find(doc, "5.实施商标品牌和地标培育工程")
    duty = task.runs[-1]
    assert duty.text.startswith("（") and duty.text.endswith("负责）")
    duty._r.getparent().remove(duty._r)
    findings = check(save(doc, tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("task-responsibility", index)]
    assert findings[0].excerpt.startswith("5.实施商标品牌")


def test_empty_units_list_is_not_a_responsibility_list(built, tmp_path):
    doc = load(built, "rongcheng")
    index, task = find(doc, "2.提升传统产业知识产权竞争优势")
    task.runs[-1].text = "（责任单位：）"
    assert [(f.code, f.paragraph) for f in check(save(doc, tmp_path))] == [
        ("task-responsibility", index)
    ]


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
    assert check(save(doc, tmp_path)) == []


# -- 4. template markers ------------------------------------------------------------------------
def test_template_marker_in_body(built, tmp_path):
    doc = load(built, "taishan")
    index, para = find(doc, "以习近平新时代中国特色社会主义思想为指导")
    para.add_run("{{ county.name }}")
    findings = check(save(doc, tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("template-marker", index)]
    assert "{{" in findings[0].message and "}}" in findings[0].message


@pytest.mark.parametrize("marker", ["None", "Undefined", "{% if x %}"])
def test_other_markers(built, tmp_path, marker):
    doc = load(built, "taishan")
    index, para = find(doc, "为落实《知识产权强国建设纲要")
    para.runs[0].text = para.runs[0].text.replace("决策部署", f"决策部署{marker}")
    assert ("template-marker", index) in {(f.code, f.paragraph) for f in check(save(doc, tmp_path))}


def test_template_marker_in_table_and_footer(built, tmp_path):
    doc = load(built, "rongcheng")
    cell = doc.tables[0].cell(1, 2).paragraphs[0]
    cell.runs[0].text += "None"
    doc.sections[0].footer.paragraphs[0].add_run("{{ page }}")
    findings = check(save(doc, tmp_path))
    assert codes(findings) == ["template-marker", "template-marker"]
    assert all(f.paragraph is None for f in findings)
    assert any("None" in f.message for f in findings) and any("{{" in f.message for f in findings)


def test_words_containing_none_are_not_markers(built, tmp_path):
    doc = load(built, "taishan")
    _i, para = find(doc, "为落实《知识产权强国建设纲要")
    para.add_run("Nonexistent NoneType")
    assert check(save(doc, tmp_path)) == []


# -- 5. page ------------------------------------------------------------------------------------
def test_wrong_margins(built, tmp_path):
    doc = load(built, "taishan")
    doc.sections[0].left_margin = Mm(31.8)
    findings = check(save(doc, tmp_path))
    assert codes(findings) == ["page-margins"]
    assert findings[0].paragraph is None and "31.8" in findings[0].message


def test_margins_within_a_millimetre_pass(built, tmp_path):
    doc = load(built, "taishan")
    doc.sections[0].top_margin = Mm(37.8)
    doc.sections[0].right_margin = Mm(25.2)
    assert check(save(doc, tmp_path)) == []


def test_letter_paper(built, tmp_path):
    doc = load(built, "rongcheng")
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(215.9), Mm(279.4)
    assert codes(check(save(doc, tmp_path))) == ["page-size"]


def test_every_section_is_checked(built, tmp_path):
    doc = load(built, "rongcheng")
    section = doc.add_section()
    section.left_margin = Mm(20)
    findings = check(save(doc, tmp_path))
    assert codes(findings) == ["page-margins"]
    assert "2" in findings[0].message


# -- 6. fonts -----------------------------------------------------------------------------------
def test_body_run_in_songti(built, tmp_path):
    doc = load(built, "taishan")
    index, para = find(doc, "以习近平新时代中国特色社会主义思想为指导")
    east_asia(para.runs[0], "宋体")
    findings = check(save(doc, tmp_path))
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
    findings = check(save(doc, tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("font", index)]
    assert expected in findings[0].message


def test_text_after_a_run_in_lead_is_fangsong(built, tmp_path):
    doc = load(built, "taishan")
    index, para = find(doc, "（一）坚持创新引领。")
    east_asia(para.runs[1], "楷体_GB2312")
    assert [(f.code, f.paragraph) for f in check(save(doc, tmp_path))] == [("font", index)]


def test_font_resolved_from_styles(built, tmp_path):
    """A run with no font of its own takes the paragraph style's, then Normal's, then docDefaults'."""
    doc = load(built, "taishan")
    index, para = find(doc, "以习近平新时代中国特色社会主义思想为指导")
    for run in para.runs:
        run._r.rPr.remove(run._r.rPr.find(qn("w:rFonts")))
    assert check(save(doc, tmp_path, "inherits")) == []  # Normal says 仿宋_GB2312
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    normal.set(qn("w:eastAsia"), "宋体")
    findings = [f for f in check(save(doc, tmp_path)) if f.paragraph == index]
    assert codes(findings) == ["font"] and "宋体" in findings[0].message


def test_body_size(built, tmp_path):
    doc = load(built, "rongcheng")
    index, para = find(doc, "通过国家知识产权强县建设试点县建设工作")
    para.runs[0].font.size = Pt(14)
    findings = check(save(doc, tmp_path))
    assert [(f.code, f.paragraph) for f in findings] == [("font-size", index)]


def test_plain_fangsong_names_are_accepted(built, tmp_path):
    """Word on a PC without the GB2312 fonts: 仿宋, 楷体, 方正小标宋_GBK are the same families."""
    doc = load(built, "taishan")
    swap = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK"}
    for el in doc.element.body.iter(qn("w:rFonts")):
        name = el.get(qn("w:eastAsia"))
        if name in swap:
            el.set(qn("w:eastAsia"), swap[name])
    assert check(save(doc, tmp_path)) == []


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


def _font(run, name: str, size: float) -> None:
    east_asia(run, name)
    run.font.size = Pt(size)


def hand_made(paragraphs: list[str], gb: bool):
    """A plan typed in Word: with ``gb``, laid out as GB/T 9704 asks; otherwise Word's defaults."""
    doc = docx.Document()
    if gb:
        s = doc.sections[0]
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (
            Mm(37),
            Mm(35),
            Mm(28),
            Mm(26),
        )
        normal = doc.styles["Normal"]
        normal.font.size = Pt(16)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:eastAsia"), "仿宋")
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
    assert set(codes(findings)) == {"page-size", "page-margins", "font", "font-size"}
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
    findings = check(save(doc, tmp_path))
    assert codes(findings)[:2] in (
        ["sections-missing", "page-margins"],
        ["page-margins", "sections-missing"],
    )
    indexed = [f.paragraph for f in findings if f.paragraph is not None]
    assert indexed == sorted(indexed) and len(indexed) == 1


def test_check_command_exit_codes(built, tmp_path):
    from conftest import run_cli

    good = run_cli("check", str(built / "taishan.docx"))
    assert good.returncode == 0 and "未发现问题" in good.stdout
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
