"""GB/T 9704 layout, read from the .docx XML: page, fonts, sizes, indents, page numbers, page breaks."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt


@pytest.fixture(scope="module")
def doc(built):
    return docx.Document(str(built / "taishan.docx"))


def para(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text or p.text.startswith(text))


def fonts(run) -> dict[str, str]:
    rfonts = run._r.rPr.find(qn("w:rFonts"))
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("eastAsia", "ascii", "hAnsi")}


def test_a4_page_and_margins(doc):
    s = doc.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731 - .docx stores twips
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)) == (
        37,
        35,
        28,
        26,
    )


def test_body_font_indent_and_line_pitch(doc):
    p = para(doc, "为落实《知识产权强国建设纲要")
    run = p.runs[0]
    assert fonts(run) == {
        "eastAsia": "仿宋_GB2312",
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
    }
    assert run.font.size == Pt(16)
    pf = p.paragraph_format
    assert pf.first_line_indent == Pt(32)
    assert p._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert pf.line_spacing == Pt(28.95)
    assert p._p.pPr.find(qn("w:spacing")).get(qn("w:lineRule")) == "exact"
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_heading_fonts(doc):
    h1 = para(doc, "一、指导思想")
    assert h1.style.name == "Heading 1"
    assert fonts(h1.runs[0])["eastAsia"] == "黑体" and h1.runs[0].font.bold is False
    h2 = para(doc, "（一）完善知识产权制度体系")
    assert h2.style.name == "Heading 2"
    assert fonts(h2.runs[0])["eastAsia"] == "楷体_GB2312"
    lead = para(doc, "（一）坚持创新引领。")
    assert fonts(lead.runs[0])["eastAsia"] == "楷体_GB2312"
    assert fonts(lead.runs[1])["eastAsia"] == "仿宋_GB2312"


def test_title_is_2hao_xiaobiaosong(doc):
    title = para(doc, "泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）")
    assert fonts(title.runs[0])["eastAsia"] == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)
    assert title._p.find(f".//{qn('w:sz')}").get(qn("w:val")) == "44"


def test_notice_on_its_own_page_then_plan(doc):
    texts = [p.text for p in doc.paragraphs]
    title = texts.index("泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）")
    assert texts[title - 1] == "2022年12月4日"
    assert doc.paragraphs[title].paragraph_format.page_break_before is True
    assert not any(p.paragraph_format.page_break_before for p in doc.paragraphs[:title])


def test_red_masthead(doc):
    organ, number = doc.paragraphs[0], doc.paragraphs[1]
    assert organ.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert number.text == "泰山政字〔2022〕6号"
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"


def test_page_number_field_in_footers(doc):
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer is True
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p._p.find(f".//{qn('w:instrText')}").text.strip() == "PAGE"
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p.alignment == getattr(docx.enum.text.WD_ALIGN_PARAGRAPH, align.upper())
        assert fonts(p.runs[0])["eastAsia"] == "宋体" and p.runs[0].font.size == Pt(14)


def test_attachment_starts_new_page_with_label(built):
    doc = docx.Document(str(built / "rongcheng.docx"))
    label = next(p for p in doc.paragraphs if p.text == "附件")
    assert label.paragraph_format.page_break_before is True
    assert fonts(label.runs[0])["eastAsia"] == "黑体"
    listing = para(doc, "附件：")
    assert listing.text == "附件：荣成市知识产权战略实施工作专项小组成员名单"
