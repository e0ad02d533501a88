"""GB/T 9704 layout, read from the .docx XML: page, fonts, sizes, indents, page numbers, page breaks."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from conftest import load_profile, write_profile
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter import api


@pytest.fixture(scope="module")
def doc(built):
    return docx.Document(str(built / "taishan.docx"))


def flat(p) -> str:
    """A paragraph's text without a title's line breaks."""
    return p.text.replace("\n", "")


def para(doc, text: str):
    return next(p for p in doc.paragraphs if flat(p) == text or flat(p).startswith(text))


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
    assert pf.line_spacing == Pt(28.8)
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
    texts = [flat(p) for p in doc.paragraphs]
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


def test_grid_spacing_and_chinese_defaults(doc):
    """22 lines on a line grid, runs a quarter point tight for 28 a line, zh-CN (Latin text en-US,
    so LibreOffice keeps digit groups whole), no CJK–digit gap."""
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "576")
    body = para(doc, "为落实《知识产权强国建设纲要")
    assert body.runs[0]._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f".//{qn('w:lang')}")
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        assert defaults.find(f".//{qn(tag)}").get(qn("w:val")) == "0"
    rfonts = defaults.find(f".//{qn('w:rFonts')}")
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rfonts.get(qn("w:eastAsiaTheme")) is None
    normal = doc.styles["Normal"].paragraph_format
    assert normal.widow_control is False and normal.keep_with_next is False


def test_no_template_leftovers(built):
    """Properties from the profile; no thumbnail, custom XML or ＭＳ 明朝 from python-docx's template."""
    import datetime as dt
    import zipfile

    path = built / "taishan.docx"
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        theme = z.read("word/theme/theme1.xml").decode()
        app = z.read("docProps/app.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert not {n for n in names if "thumbnail" in n or n.startswith("customXml")}
    assert "明朝" not in theme and "ゴシック" not in theme and "Jpan" not in theme
    assert '<a:ea typeface="仿宋_GB2312"/>' in theme
    assert "Macintosh" not in app and "<Application>drafter" in app
    assert "明朝" not in fonts and 'w:name="方正小标宋简体"' in fonts
    assert "ja-JP" not in settings
    core = docx.Document(str(path)).core_properties
    assert core.title.startswith("泰安市泰山区国家知识产权强县建设试点县")
    assert core.author == "泰安市泰山区人民政府"
    assert "python-docx" not in (core.comments or "")
    age = dt.datetime.now(dt.timezone.utc) - core.created.replace(tzinfo=dt.timezone.utc)
    assert dt.timedelta(0) <= age < dt.timedelta(hours=1)


def test_masthead_and_title_spacing(doc):
    """The masthead starts 35 mm into the type area; two blank lines between the red rule and title."""
    mark = doc.paragraphs[0]
    assert mark.text == "泰安市泰山区人民政府文件"
    assert abs(mark.paragraph_format.space_before.mm - 35) < 1
    number = doc.paragraphs[1]
    bottom = number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert bottom.get(qn("w:color")) == "FF0000"
    title = doc.paragraphs[2]
    assert title.paragraph_format.space_before == Pt(2 * 28.8)
    plan_title = para(doc, "泰安市泰山区国家知识产权强县建设试点县")
    assert plan_title.paragraph_format.space_before == Pt(0)
    assert plan_title.paragraph_format.space_after == Pt(28.8)


# -- sign-off (7.3.5), 附注 (7.3.6), 附件说明 (7.3.4), 版记 (7.4), 红头 paper ---------------------
def ind(p) -> dict[str, str | None]:
    el = p._p.pPr.find(qn("w:ind"))
    keys = ("left", "right", "hanging", "leftChars", "rightChars", "hangingChars", "firstLineChars")
    return {k: (el.get(qn(f"w:{k}")) if el is not None else None) for k in keys}


def variant_docx(variant, tmp_path, change, name="taishan"):
    code, out, _ = variant(name, change, fmt="docx")
    assert code == 0, out
    return docx.Document(str(tmp_path / "out" / f"{name}-variant.docx"))


def test_sealed_sign_off_is_the_default(tmp_path):
    """7.3.5.1: date 右空四字, the signature centred above it, two blank lines for the seal
    (荣成市's notice with one line of 主送 and no 附注, so that page 1 has room for them; with
    all of it, the room shrinks to stay on the page: 7.3.5.5)."""
    data = load_profile("rongcheng")
    data["notice"].update(addressees=["市政府各部门"], public=False)
    profile = api.load_profile(write_profile(data, tmp_path / "rongcheng.yaml"))
    doc = docx.Document(io.BytesIO(api.render(api.draft(profile), "docx")))
    texts = [p.text for p in doc.paragraphs]
    body, sign, date = doc.paragraphs[texts.index("荣成市人民政府") - 1 :][:3]
    assert date.text == "2022年11月23日" and ind(date)["rightChars"] == "400"
    # centred: 4 + 7/2 (the date's half width, digits half an em) - 7/2 = 4 characters
    assert ind(sign)["rightChars"] == "400"
    assert sign.paragraph_format.space_before == Pt(2 * 28.8)
    assert date.paragraph_format.space_before == Pt(0)
    # the text's last paragraph, the 署名 and the date keep together (never a page of their own)
    assert [p.paragraph_format.keep_with_next for p in (body, sign, date)] == [True, True, None]


def test_sign_off_room_shrinks_to_stay_on_the_texts_page(doc):
    """7.3.5.5: 泰山区's text ends 2.9 lines above the foot of page 1 (masthead 35 mm down, a
    four-line title): the blank space above the 署名 shrinks from two lines to what is left, less
    2 pt; the sign-off's lines leave the grid, which would snap them back to its rows."""
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("泰安市泰山区人民政府", 2)  # the 署名, not the title's first line
    body, sign, date = doc.paragraphs[at - 1 : at + 2]
    # 22 × 28.8 − (35 mm + 36 + 3 × 28.8 + 11.5 (red rule) + 6 × 28.8 (title) + 2 × 28.8 +
    # 3 × 28.8) − 2 × 28.8 − 2
    used = 35 / 25.4 * 72 + 36 + 3 * 28.8 + 11.5 + 6 * 28.8 + 2 * 28.8 + 3 * 28.8
    want = 22 * 28.8 - used - 2 * 28.8 - 2
    assert abs(sign.paragraph_format.space_before.pt - want) < 0.1 and 0.75 * 28.8 < want < 28.8
    for p in (sign, date):
        assert p._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert body.paragraph_format.keep_with_next and sign.paragraph_format.keep_with_next


def test_unsealed_and_signed_sign_offs(variant, tmp_path):
    def unsealed(d):
        d["notice"]["seal"] = "unsealed"
        d["notice"]["public"] = True

    doc = variant_docx(variant, tmp_path, unsealed)
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("泰安市泰山区人民政府")
    sign, date, note = doc.paragraphs[i : i + 3]
    # 7.3.5.2: signature 右空二字 one blank line below; the date starts 2 characters further right
    assert ind(sign)["rightChars"] == "200" and sign.paragraph_format.space_before == Pt(28.8)
    assert ind(date)["rightChars"] == "350"  # 2 + 10 - 2 - 6.5
    # 7.3.6: （此件公开发布） on the next line, 2 characters in
    assert note.text == "（此件公开发布）" and note.paragraph_format.space_before == Pt(0)
    assert ind(note)["firstLineChars"] == "200"

    def signed(d):
        d["notice"]["seal"] = "signed"
        d["notice"]["signer_post"] = "区长"

    doc = variant_docx(variant, tmp_path, signed)
    texts = [p.text for p in doc.paragraphs]
    post = doc.paragraphs[texts.index("区长")]
    date = doc.paragraphs[texts.index("区长") + 1]
    assert "泰安市泰山区人民政府" not in texts[texts.index("区长") - 1 :][:2]
    # 7.3.5.3: stamp 右空四字 two lines below the body, the post 2 characters left of it
    assert ind(post)["rightChars"] == "1000" and post.paragraph_format.space_before == Pt(57.6)
    assert ind(date)["rightChars"] == "400" and date.paragraph_format.space_before == Pt(28.8)
    # the checker reads it as 7.3.5.3 (before, it took the post for a misplaced 署名)
    from drafter.check import check

    assert check(tmp_path / "out" / "taishan-variant.docx") == []
    date.paragraph_format.right_indent = Pt(2 * 16)  # 右空二字: no layout of 7.3.5
    date._p.pPr.find(qn("w:ind")).attrib.pop(qn("w:rightChars"))
    doc.save(str(tmp_path / "moved.docx"))
    found = check(tmp_path / "moved.docx")
    assert [(f.code, f.excerpt) for f in found] == [("signature-layout", "区长")]

    code, out, _ = variant("taishan", lambda d: d["notice"].update(seal="signed"), fmt="docx")
    assert code == 1 and "notice.signer_post" in out


def test_attachment_note_hangs_under_the_name(built):
    doc = docx.Document(str(built / "rongcheng.docx"))
    listing = next(p for p in doc.paragraphs if p.text.startswith("附件："))
    # 附件： is 3 characters: wrapped lines start 2 + 3 in, the first line hangs back 3
    assert ind(listing)["leftChars"] == "500" and ind(listing)["hangingChars"] == "300"
    assert ind(listing)["firstLineChars"] is None


def framed(doc):
    """The 版记's framed paragraphs: those after the last part's page break (a 信函's masthead
    frames stand on page 1), in the text's section or one of their own."""
    paras = doc.paragraphs
    breaks = [
        i
        for i, p in enumerate(paras)
        if p._p.pPr is not None
        and (p._p.pPr.sectPr is not None or p.paragraph_format.page_break_before)
    ]
    return [
        p
        for p in paras[breaks[-1] + 1 :]
        if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None
    ]


def _top_mm(para) -> float:
    frame = para._p.pPr.find(qn("w:framePr"))
    assert frame.get(qn("w:vAnchor")) == "page" and frame.get(qn("w:yAlign")) is None
    return int(frame.get(qn("w:y"))) / 1440 * 25.4


def test_imprint_at_the_foot_of_the_last_page(doc, variant, tmp_path):
    """7.4: 印发机关 and 印发日期 by default from the issuer's office and the notice date, in a
    section of its own that starts on an even page, framed so that its last 0.35 mm rule is the
    type area's bottom edge; 抄送 from the profile, wrapping after its colon. 7.5: after the
    plan's odd page 13 (泰山区 less two tasks; no blank page before it) the 版记's page keeps the
    text's page numbers; after a full even page (and the blank page that follows) its
    section's footers are empty. (泰山区's own plan ends on page 14 with room: see
    test_imprint_on_the_text_page_when_it_fits.)"""

    def without(*drop):
        def change(d):
            d["tasks"]["select"] = [t for t in d["tasks"]["select"] if t not in drop]

        return change

    # the plan ends on page 13 (tests/test_pdf.py measures it: taishan-odd)
    doc = variant_docx(variant, tmp_path, without("ip-management-mechanism", "ip-finance"))
    (line,) = framed(doc)
    assert line.text == "泰安市泰山区人民政府办公室\t2022年12月4日印发"
    # one line of 28.8 pt and two 0.35 mm rules end 262 mm down (less LibreOffice's 0.15 mm)
    assert abs(_top_mm(line) + 28.8 / 72 * 25.4 + 0.7 - 0.15 - 262) < 0.05
    borders = line._p.pPr.find(qn("w:pBdr"))
    assert [borders.find(qn(f"w:{s}")).get(qn("w:sz")) for s in ("top", "bottom")] == ["8", "8"]
    assert line.runs[0].font.size == Pt(14)
    last = doc.sections[-1]
    assert len(doc.sections) == 2 and last.start_type == WD_SECTION.EVEN_PAGE
    for footer in (last.footer, last.even_page_footer):
        assert footer.is_linked_to_previous  # the text's, with its PAGE field
    assert "PAGE" in doc.sections[0].footer._element.xml

    # 22 lines on page 12 (tests/test_pdf.py measures it: taishan-full, blank page 13)
    last = variant_docx(variant, tmp_path, without("high-value-patents", "ip-finance")).sections[-1]
    assert last.start_type == WD_SECTION.EVEN_PAGE
    for footer in (last.footer, last.even_page_footer):
        assert not footer.is_linked_to_previous and "PAGE" not in footer._element.xml
    # the frame is anchored to an empty paragraph of a point that ends the body
    anchor = doc.paragraphs[-1]
    assert framed(doc)[-1]._p is doc.paragraphs[-2]._p and anchor.text == ""
    assert anchor.paragraph_format.line_spacing == Pt(1)

    def cc(d):
        d["notice"]["cc"] = ["区委各部门", "区人大常委会办公室", "区政协办公室"]
        d["notice"]["printer"] = "泰安市泰山区人民政府办公室秘书科"
        d["notice"]["print_date"] = dt.date(2022, 12, 5)

    cc_line, printed = framed(variant_docx(variant, tmp_path, cc))
    assert cc_line.text == "抄送：区委各部门，区人大常委会办公室，区政协办公室。"
    assert printed.text == "泰安市泰山区人民政府办公室秘书科\t2022年12月5日印发"
    pf = cc_line.paragraph_format
    assert (pf.left_indent, pf.first_line_indent, pf.right_indent) == (Pt(56), Pt(-42), Pt(14))
    borders = cc_line._p.pPr.find(qn("w:pBdr"))
    assert [borders.find(qn(f"w:{s}")).get(qn("w:sz")) for s in ("top", "bottom")] == ["8", "6"]
    # two frames, one line each, one under the other (LibreOffice sets two framed paragraphs
    # in a row as plain text)
    assert abs(_top_mm(printed) - _top_mm(cc_line) - (28.8 / 72 * 25.4 + 0.35 + 0.25)) < 0.05


def test_line_breaks_as_libreoffice_sets_them():
    """docx_lines breaks a body line as LibreOffice does (measured on its PDF): 28 characters at
    15.75 pt; a closing mark past the end takes the character before it down (避头尾: no mark
    hangs, in Word or LibreOffice); a number stays whole, with the closing mark after it, but a
    dash between numbers may end or start a line; a Latin character makes the ” after it
    narrow; a + is Times New Roman's 0.564 em."""
    from drafter import layout as L
    from drafter.writers import docx_lines as P

    width = L.mm_to_pt(L.TYPE_WIDTH_MM)
    spacing = L.CHAR_SPACING_TWENTIETHS / 20

    def lines(text: str) -> list[str]:
        glyphs = P.glyphs_of([(text, L.BODY_SIZE_PT, spacing)])
        starts = P.line_starts(glyphs, width, 0, 0) + [len(text)]
        return [text[a:b] for a, b in zip(starts, starts[1:], strict=False)]

    han = "知识产权强县建设工作方案" * 3  # 36 characters
    assert [len(x) for x in lines(han)] == [28, 8]
    assert lines(han[:28] + "，" + han[:3]) == [han[:27], han[27] + "，" + han[:3]]
    assert lines(han[:28] + "。）" + han[:3]) == [han[:27], han[27] + "。）" + han[:3]]
    assert lines(han[:28] + "）" + han[:3]) == [han[:27], han[27] + "）" + han[:3]]
    assert lines(han[:27] + "2025年") == [han[:27], "2025年"]  # 27 + 2 em of digits: no room
    assert lines(han[:26] + "2025年") == [han[:26] + "2025", "年"]
    # cut in Latin text (Latin text is en-US: Unicode's line breaking), measured on a PDF of these
    # lines: no mark hangs after a digit, none of 〕1197 and 20） is split
    assert lines(han[:27] + "20，" + han[:3]) == [han[:27], "20，" + han[:3]]
    assert lines(han[:27] + "20）" + han[:3]) == [han[:27], "20）" + han[:3]]
    assert lines(han[:23] + "〔2021〕1197号") == [han[:23], "〔2021〕1197号"]
    assert lines(han[:27] + "“PCT”") == [han[:27], "“PCT”"]
    # （2022—2025年） breaks before or after its dash where the line ends (measured: 济宁市's
    # 2024 and 荣成市's notices)
    assert lines(han[:25] + "（2024—2027年）") == [han[:25] + "（2024", "—2027年）"]
    assert lines(han[:24] + "（2024—2027年）") == [han[:24] + "（2024—", "2027年）"]
    # two + (8.77 pt each) and 26 characters take 427.1 pt: a 27th is over the 442.2 pt line
    # (measured: 望川县's line)
    line = "探索建立“知识产权+科技创新+产业发展”的工作推进机制，"
    assert lines(line + "充分发挥")[0] == line
    # with a narrow ” (after +) 19 more characters fit, with a full-width one 18
    assert len(lines("运用“互联网+”手段" + han[:25])[0]) == len("运用“互联网+”手段") + 19


def test_imprint_on_the_text_page_when_it_fits(tmp_path):
    """7.4: 济宁市's 实施意见 ends on page 12, an even page with room: the 版记 stands at its foot,
    in the text's section (no section break, the page keeps its number), framed from the
    paper's top as on a page of its own; so does 泰山区's plan, five lines onto page 14 (its
    three-line title, 7.3.1; on an odd page 13 its 版记 opens a section that starts on the next
    even page: test_imprint_at_the_foot_of_the_last_page)."""
    from conftest import ROOT, run_cli

    from drafter.writers import docx_pages as P

    for name in ("examples/jining.yaml", "profiles/taishan.yaml"):
        assert run_cli("build", str(ROOT / name), "-o", str(tmp_path)).returncode == 0
    jining = docx.Document(str(tmp_path / "jining.docx"))
    first = next(p for p in jining.paragraphs if p.text.startswith("济宁市人民政府办公室"))
    end = P.text_end(jining.element.body, stop=first._p)
    # the text's last two lines, two blank lines, the 署名 and the date (docx_carry)
    assert (end.page, round(end.used_pt / L_PITCH, 1)) == (12, 6.0)
    assert len(jining.sections) == 1
    assert abs(_top_mm(first) + 28.8 / 72 * 25.4 + 0.7 - 0.15 - 262) < 0.05
    taishan = docx.Document(str(tmp_path / "taishan.docx"))
    assert len(taishan.sections) == 1
    printed = next(p for p in taishan.paragraphs if p.text.endswith("印发"))
    end = P.text_end(taishan.element.body, stop=printed._p)
    assert (end.page, round(end.used_pt / L_PITCH, 1)) == (14, 5.0)


L_PITCH = 28.8


def test_only_the_last_line_goes_over_with_the_sign_off(tmp_path):
    """7.3.5.5: 济宁市's last paragraph, (五), has 7 lines, 5 of them at page 11's foot. Kept whole
    with the sign-off, LibreOffice moves it all to page 12 (page 11 5 lines short); it is split
    where its last line starts (docx_carry): the first part, not kept, fills page 11 and ends on
    page 12; its last line, without the first-line indent, keeps with the 署名."""
    from conftest import ROOT, run_cli

    from drafter.writers import docx_pages as P

    assert run_cli("build", str(ROOT / "examples/jining.yaml"), "-o", str(tmp_path)).returncode == 0
    jining = docx.Document(str(tmp_path / "jining.docx"))
    texts = [p.text for p in jining.paragraphs]
    at = texts.index("济宁市人民政府")  # the 署名
    head, tail = jining.paragraphs[at - 2], jining.paragraphs[at - 1]
    assert head.text.startswith("（五）加强知识产权文化建设。") and head.text.endswith(
        "市文广新局、市教育"
    )
    assert tail.text == "局、市司法局按职责分工负责）"
    assert not head.paragraph_format.keep_with_next and tail.paragraph_format.keep_with_next
    assert ind(head)["firstLineChars"] == "200" and ind(tail)["firstLineChars"] is None
    assert tail.paragraph_format.alignment == head.paragraph_format.alignment
    # the head fills page 11 and ends on page 12's first line; the tail follows
    end = P.text_end(jining.element.body, stop=tail._p)
    assert (end.page, round(end.used_pt / L_PITCH, 1)) == (12, 1.0)
    end = P.text_end(jining.element.body, stop=jining.paragraphs[at + 2]._p)  # the 版记
    assert (end.page, round(end.used_pt / L_PITCH, 1)) == (12, 6.0)


def test_preprinted_paper_keeps_the_masthead_room(variant, tmp_path):
    doc = variant_docx(variant, tmp_path, lambda d: d["notice"].update(masthead="preprinted"))
    mark, number = doc.paragraphs[0], doc.paragraphs[1]
    assert mark.text == "" and abs(mark.paragraph_format.space_before.mm - 35) < 1
    assert mark.runs[0].font.size == Pt(36)  # the same line, so the number stays where it was
    rule = number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule.get(qn("w:color")) == "FFFFFF"  # room kept, nothing printed over the paper's rule
    assert number.text == "泰山政字〔2022〕6号"


# -- tables (8) ---------------------------------------------------------------------------------
def test_headers_and_figures_fit_their_columns():
    """序号 in 12 mm wrapped (序/号); 单位 in 11 mm and 较基数增长 in 18 mm did too."""
    from drafter import layout as L

    cells = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "任务", "区局", "", "2025年"],
    ]
    widths = L.fit_widths(L.TABLE_WIDTHS_MM["division"], cells, L.TABLE_SIZE_PT)
    assert abs(sum(widths) - L.TYPE_WIDTH_MM) < 1e-6
    for header, width in zip(cells[0], widths, strict=True):
        need = L.pt_to_mm(L.text_ems(header) * L.TABLE_SIZE_PT) + 2 * L.TABLE_CELL_MARGIN_MM
        assert width >= need, (header, width, need)
    report = ["指标", "单位", "基数", "目标值", "实际值", "较基数增长", "完成进度", "状态"]
    widths = L.fit_widths(L.TABLE_WIDTHS_MM["report"], [report, ["", "亿元", "15600"]], 12)
    assert widths[1] >= 2 * 12 * 25.4 / 72 + 2 and widths[5] >= 5 * 12 * 25.4 / 72 + 2


def test_report_table_figures_right_aligned_on_the_grid(tmp_path):
    from conftest import taishan_report

    doc = docx.Document(str(taishan_report(tmp_path / "r")))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    for row in table.rows[1:]:
        for cell in row.cells:
            text = cell.text.strip()
            if re.fullmatch(r"[\d.]+%?", text):
                assert cell.paragraphs[0].paragraph_format.alignment == 2, (header, text)  # right
        height = row._tr.trPr.find(qn("w:trHeight"))
        assert (height.get(qn("w:val")), height.get(qn("w:hRule"))) == ("576", "atLeast")
    # no column empty in every row
    for c in range(len(header)):
        assert any(r.cells[c].text.strip() not in ("", "—") for r in table.rows[1:]), header[c]
    spacing = table.rows[1].cells[0].paragraphs[0].paragraph_format.line_spacing
    assert spacing == Pt(14.4)  # two table lines to one body line
    before = doc.paragraphs[[p._p for p in doc.paragraphs].index(table._tbl.getprevious())]
    assert before.paragraph_format.space_after == Pt(28.8)  # a blank line above the table


def test_letter_format(variant, tmp_path):
    """10.1 信函格式: the organ's name framed 30 mm from the paper's top with a thick-over-thin red
    double line under it and a thin-over-thick one 20 mm above the bottom, 170 mm long; the
    number at the right; no page number on the first page; 版记 without 印发 line or rules."""
    doc = variant_docx(variant, tmp_path, lambda d: d["notice"].update(masthead="letter"))
    mark, bottom, number = doc.paragraphs[:3]
    assert mark.text == "泰安市泰山区人民政府"  # no 文件
    frame = mark._p.pPr.find(qn("w:framePr"))
    assert (frame.get(qn("w:vAnchor")), frame.get(qn("w:w"))) == (
        "page",
        str(round(170 / 25.4 * 1440)),
    )
    rule = mark._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("thickThinSmallGap", "FF0000")
    low = bottom._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:top')}")
    assert low.get(qn("w:val")) == "thinThickSmallGap"
    y = int(bottom._p.pPr.find(qn("w:framePr")).get(qn("w:y")))
    assert abs(y / 1440 * 25.4 - 277) < 0.1
    assert number.text == "泰山政字〔2022〕6号" and number.paragraph_format.alignment == 2
    assert number._p.pPr.find(qn("w:pBdr")) is None  # no red rule: the double line is it
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" not in section.first_page_footer._element.xml
    assert framed(doc) == []  # no 抄送 given, and a 信函 has no 印发机关/日期 (10.1)
    assert not any(p.text.endswith("印发") for p in doc.paragraphs)


def test_standalone_headings_keep_with_the_next(doc):
    """一、 and （一） headings on a line of their own keep with the paragraph after them (in the
    .docx, so Word and LibreOffice both move them off a page's foot); a body paragraph that opens
    with a 楷体 lead does not, nor the body paragraph under a heading (no widow control)."""
    heading = para(doc, "五、保障措施")
    assert heading._p.pPr.find(qn("w:keepNext")) is not None
    assert heading.style.paragraph_format.keep_with_next is True
    lead = next(p for p in doc.paragraphs if p.text.startswith("（一）加强组织领导，"))
    assert lead._p.pPr.find(qn("w:keepNext")) is None
    for name in ("Heading 1", "Heading 2"):
        assert doc.styles[name].paragraph_format.keep_with_next is True
    assert doc.styles["Normal"].paragraph_format.keep_with_next is False
    assert doc.styles["Normal"].paragraph_format.widow_control is False


def test_page_estimate_moves_a_kept_heading():
    """docx_pages as LibreOffice lays a heading kept with the next out: one that would stand on
    a page's last line goes to the next page with the next paragraph's first line, leaving the
    page a line short; unkept, it stays on the last line."""
    from docx.oxml import parse_xml

    from drafter.writers import docx_pages as P

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    line = '<w:p><w:pPr><w:spacing w:line="576" w:lineRule="exact"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>'

    def body(keep: bool):
        kept = "<w:keepNext/>" if keep else ""
        heading = (
            f'<w:p><w:pPr>{kept}<w:spacing w:line="576" w:lineRule="exact"/></w:pPr>'
            "<w:r><w:t>五、保障措施</w:t></w:r></w:p>"
        )
        return parse_xml(f"<w:body {ns}>{line * 21}{heading}{line}</w:body>")

    trace: list = []
    assert P.text_end(body(True), trace=trace) == P.End(2, 2 * L_PITCH)
    assert trace[21][1:3] == (2, 0.0)  # the heading opens page 2
    assert P.text_end(body(False)) == P.End(2, L_PITCH)
