"""A built draft converts to PDF with LibreOffice, with the pages and text a clerk would see."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pagefill
import pdfmeasure
import pytest
import render_cache
from conftest import ROOT

from drafter import layout as L

estimated_end, measured_end = pagefill.estimated_end, pagefill.measured_end


def _tools() -> None:
    missing = [t for t in ("soffice", "pdftotext", "pdfinfo") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {missing} (see .ci/run)")
        pytest.skip(f"not installed here: {missing}")


def text_of(pdf, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text with all white space removed: pdftotext spaces CJK from Latin and breaks lines."""
    pages = ["-f", str(first), "-l", str(last)] if first else []
    out = subprocess.run(
        ["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", out)


# The tests that measure a rendered draft share one LibreOffice run (render_cache: a soffice start
# is most of the cost); conftest runs LibreOffice's tests first, so under xdist they all go to
# the first worker, which makes that run once.
pytestmark = pytest.mark.libreoffice
LONG_NOTICE = (
    "请认真遵照执行，结合本地实际细化工作措施，确保各项任务落到实处、取得实效"  # a line past page 1
)
LONG_ISSUER = "泰安市泰山区经济开发区管理委员会"  # 16 characters, 18 with 文件


@pytest.fixture(scope="module")
def drafts(built, tmp_path_factory) -> dict[str, Path]:
    """Every draft these tests measure: 泰山区's, three variants of it, its department list, every
    shipped draft."""
    _tools()
    import copy

    from conftest import load_profile, run_cli, write_profile

    folder = tmp_path_factory.mktemp("measured")
    changes = {
        "long-notice": ("instruction", LONG_NOTICE),
        "long-organ": ("issuer", LONG_ISSUER),
        "letter": ("masthead", "letter"),
    }
    paths = []
    for name, (field, value) in changes.items():
        data = copy.deepcopy(load_profile("taishan"))
        data["notice"][field] = value
        paths.append(str(write_profile(data, folder / f"{name}.yaml")))
    built_variants = run_cli("build", *paths, "-o", str(folder), "--format", "docx")
    assert built_variants.returncode == 0, built_variants.stderr
    return {
        "taishan": built / "taishan.docx",
        **{name: folder / f"{name}.docx" for name in changes},
        **_department_lists(folder / "dept"),
        **_colophon_drafts(folder),
        **_shipped_drafts(folder / "shipped", built, folder / "docx"),
    }


def _shipped(folder: str) -> list[Path]:
    """The shipped profiles or examples (not the -actuals, which hold no draft of their own)."""
    found = sorted((ROOT / folder).glob("*.yaml"))
    return [p for p in found if not p.name.endswith("-actuals.yaml")]


def _shipped_drafts(folder: Path, *built: Path) -> dict[str, Path]:
    """Every shipped profile's and example's draft, "shipped:<name>": those in a ``built`` folder
    (泰山区's, 荣成市's, 济宁市's) as they are, the others built here."""
    from conftest import run_cli

    shipped = _shipped("profiles") + _shipped("examples")
    have = {p.stem: d / f"{p.stem}.docx" for p in shipped for d in built}
    have = {name: path for name, path in have.items() if path.is_file()}
    todo = [p for p in shipped if p.stem not in have]
    made = run_cli("build", *map(str, todo), "-o", str(folder), "--format", "docx")
    assert made.returncode == 0, made.stderr
    return {f"shipped:{p.stem}": have.get(p.stem, folder / f"{p.stem}.docx") for p in shipped}


GENERATED_LISTS = 8  # generated profiles whose department lists are measured beside the shipped


def _department_lists(folder: Path) -> dict[str, Path]:
    """The department list of every shipped profile and example, and of generated profiles:
    "departments" is 泰山区's, the others "departments:<profile>"."""
    from conftest import generate_profiles, run_cli

    shipped = _shipped("profiles") + _shipped("examples")
    made = generate_profiles(GENERATED_LISTS, folder / "in", seed=7)
    built = run_cli("build", *map(str, shipped + made), "-o", str(folder), "--format", "dept")
    assert built.returncode == 0, built.stderr
    lists = {f"departments:{p.stem}": folder / f"{p.stem}.departments.docx" for p in shipped + made}
    return {"departments": lists.pop("departments:taishan"), **lists}


def _colophon_drafts(folder: Path) -> dict[str, Path]:
    """Drafts whose text ends each way 7.4 tells apart (test_colophon_on_an_even_last_page):
    济宁市's 实施意见 on an even page with room, also with a 抄送 of two lines; 泰山区's plan
    less two tasks on a full even page, and less two others on an odd page."""
    import yaml
    from conftest import run_cli, with_bases

    def profile(name: str, source: Path, change) -> Path:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        change(data)
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    def cc(data):
        data["notice"]["cc"] = ["市委各部门", "市人大常委会办公室", "市政协办公室", "济宁军分区"]
        data["notice"]["cc"] += ["市法院", "市检察院", "各民主党派市委"]

    def without(*tasks):
        def change(data):
            data["tasks"]["select"] = [t for t in data["tasks"]["select"] if t not in tasks]

        return change

    with_bases(folder)
    taishan = ROOT / "profiles" / "taishan.yaml"
    profiles = [
        ROOT / "examples" / "jining.yaml",
        profile("jining-cc", ROOT / "examples" / "jining.yaml", cc),
        profile("taishan-full", taishan, without("high-value-patents", "ip-finance")),
        profile("taishan-odd", taishan, without("ip-management-mechanism", "ip-finance")),
    ]
    built = run_cli("build", *map(str, profiles), "-o", str(folder / "docx"), "--format", "docx")
    assert built.returncode == 0, built.stderr
    return {p.stem: folder / "docx" / f"{p.stem}.docx" for p in profiles}


@pytest.fixture(scope="module")
def pdfs(drafts, tmp_path_factory) -> dict[str, Path]:
    """Each draft as drafter's PDF writer renders it; and "jining:as-is", 济宁市's as LibreOffice
    sets the .docx by itself (test_chinese_digit_gap_measured)."""
    return render_cache.to_pdfs(
        {**drafts, "jining:as-is": drafts["jining"]},
        tmp_path_factory.mktemp("pdf"),
        {"jining:as-is": render_cache.AS_IS},
    )


def test_taishan_converts_to_pdf(pdfs):
    pdf = pdfs["taishan"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 10 <= pages <= 20, pages  # notice page + plan of ~11 pages at 22 lines a page
    first = text_of(pdf, 1, 1)
    assert "泰山政字〔2022〕6号" in first
    assert "泰安市泰山区人民政府文件" in first
    assert first.endswith("—1—")
    assert "指导思想" not in first  # the plan starts on a new page
    # The masthead 35 mm down and a four-line title leave less than the sealed sign-off's two
    # blank lines: the room above the 署名 shrinks (7.3.5.5) and the sign-off stays on page 1.
    assert first.endswith("真遵照执行。泰安市泰山区人民政府2022年12月4日—1—")
    second = text_of(pdf, 2, 2)
    assert second.startswith(
        "泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）为落实"
    )
    assert "一、指导思想" in second
    assert second.endswith("—2—")
    assert "16.加大知识产权宣传力度。" in text_of(pdf)
    # 7.4: the plan ends five lines onto page 14, an even page with room: the 版记 at its foot,
    # the page keeps its number (7.5)
    assert pages % 2 == 0
    # (pdftotext reads the even page's left-hand number into the 印发 line: 办公室—14—2022年…;
    # pdfmeasure tells the footer from the type area by where it stands)
    last = pdfmeasure.pages(pdf)[-1]
    assert [x.text for x in pdfmeasure.body(last)][-1] == (
        "泰安市泰山区人民政府办公室2022年12月4日印发"
    )
    assert len(pdfmeasure.body(last)) == 6
    assert [x.text for x in pdfmeasure.footer(last)] == [f"—{pages}—"]
    assert text_of(pdf, pages - 1, pages - 1).endswith(f"—{pages - 1}—")


def test_sign_off_never_alone_on_a_page(pdfs):
    """7.3.5: text that ends too near the foot for the sign-off even with less room above it
    takes its last line over with the 署名 and date (not its whole paragraph: docx_carry); the
    plan still starts on a page of its own."""
    pdf = pdfs["long-notice"]  # notice.instruction: LONG_NOTICE
    first, second = text_of(pdf, 1, 1), text_of(pdf, 2, 2)
    print(f"\nlong notice: page 1 ends {first[-30:]!r}; page 2 {second!r}")
    assert second == "处、取得实效。泰安市泰山区人民政府2022年12月4日—2—"  # one line of it
    assert first.endswith("请认真遵照执行，结合本地实际细化工作措施，确保各项任务落到实—1—")
    assert text_of(pdf, 3, 3).startswith("泰安市泰山区国家知识产权强县建设")


def test_only_the_last_line_goes_over_with_the_sign_off(pdfs):
    """7.3.5.5 in a long last paragraph: 济宁市's (五) has 7 lines, 5 of them at page 11's foot.
    LibreOffice moves a paragraph kept with the next whole, so page 11 would end 5 lines short
    (it ended 7 short when the ，、。 hung); the writer splits it where its last line starts: page
    11 is full, page 12 holds the first part's last line, the paragraph's last, then the 署名
    and date."""
    pages = [pdfmeasure.body(page) for page in pdfmeasure.pages(pdfs["jining"])]
    print(f"\njining: lines a page {[len(page) for page in pages]}")
    assert pages[10][-1].text.endswith("营造良好氛围。（市委宣传")
    assert [x.text for x in pages[11][:4]] == [
        "部、市科协、市知识产权局、市工商局、市文广新局、市教育",
        "局、市司法局按职责分工负责）",
        "济宁市人民政府",
        "2017年4月12日",
    ]
    assert all(len(page) == L.LINES_PER_PAGE for page in pages[1:11])


def test_fifty_generated_drafts_reopen_and_convert(tmp_path):
    """Every built .docx is valid: python-docx re-opens it and LibreOffice converts it to PDF
    (all fifty through drafter's PDF pipeline at once, so that the pages are drafter's: no
    Chinese–digit space, LibreOffice's blank pages kept); and in each,
    the 版记 stands where 7.4 puts it (_colophon_placement)."""
    _tools()
    import docx
    from conftest import generate_profiles, run_cli

    generate_profiles(50, tmp_path / "in", seed=3)
    built = run_cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "docx"), "-j", "2")
    assert built.returncode == 0, built.stderr
    drafts = sorted((tmp_path / "docx").glob("*.docx"))
    assert len(drafts) == 50
    for path in drafts:
        assert docx.Document(str(path)).paragraphs[0].text.endswith("人民政府文件")
    pdfs = render_cache.to_pdfs({path.name: path for path in drafts}, tmp_path / "pdf")
    kinds: dict[str, int] = {}
    agree, apart = 0, []
    for path in drafts:
        pages = pdfmeasure.pages(pdfs[path.name])
        assert len(pages) >= 5, (path.name, len(pages))
        assert _printed_marks(pages) == _docx_marks(path), path.name
        placed = _colophon_placement(pages, path.name)
        kind = placed["kind"] + (", numbered" if placed["版记 page number"] else ", unnumbered")
        kinds[kind] = kinds.get(kind, 0) + 1
        # docx_pages' estimate of where the text ends, which places the 版记, against the PDF
        (page, lines), (pdf_page, pdf_lines) = estimated_end(path), measured_end(pages)
        if page == pdf_page and abs(lines - pdf_lines) < 0.5:
            agree += 1
        else:
            apart.append((path.name, (page, round(lines, 2)), (pdf_page, round(pdf_lines, 2))))
    print(f"\n50 generated drafts, where the 版记 went: {kinds}")
    print(f"the estimate agrees with LibreOffice on the text's last page and line: {agree} of 50")
    assert apart == []
    _pages_filled({path.name: path for path in drafts}, pdfs)
    # 7.5 among them: a 版记 page of its own numbered after an odd page (each draft's placement
    # is asserted above; whether one falls after a blank page is chance: taishan-full of
    # test_colophon_on_an_even_last_page is made to)
    assert kinds.get("own page after odd text page, numbered", 0) > 10, kinds
    assert kinds.get("text's even page, numbered", 0) > 10, kinds


# -- every punctuation mark printed -------------------------------------------------------------
MARKS = "，、。；：？！“”（）《》"
_T = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def _docx_marks(path: Path) -> dict[str, int]:
    """How many of each mark of MARKS the .docx's body text holds (word/document.xml's w:t:
    the headers and footers are printed on every page, the review comments not at all)."""
    import zipfile
    from html import unescape

    with zipfile.ZipFile(path) as docx:
        text = unescape("".join(_T.findall(docx.read("word/document.xml").decode("utf-8"))))
    return {m: text.count(m) for m in MARKS}


def _printed_marks(pages) -> dict[str, int]:
    """How many of each mark of MARKS the PDF's type areas show (no header, no page number)."""
    text = "".join(line.text for page in pages for line in pdfmeasure.body(page))
    return {m: text.count(m) for m in MARKS}


def test_every_punctuation_mark_is_printed(drafts, pdfs):
    """Each ，、。 of the .docx is in the PDF. LibreOffice 7.4 does not draw a mark that hangs past
    the end of a justified line (济宁市's PDF lacked 6 、, 3 ，, 4 。; 泰山区's 14), so neither
    reader hangs one: the .docx turns Word's hanging off (w:overflowPunct="0" in its defaults),
    drafter's PDF pipeline LibreOffice's (writers/soffice.py; its DOCX import reads the .docx's
    setting backwards). As LibreOffice sets the .docx by itself, the count missing is printed
    (it tells when a LibreOffice release honours the .docx)."""
    wrong = {}
    for name, path in drafts.items():
        printed = _printed_marks(pdfmeasure.pages(pdfs[name]))
        if printed != _docx_marks(path):
            wrong[name] = {
                m: n - printed[m] for m, n in _docx_marks(path).items() if n != printed[m]
            }
    as_is = _printed_marks(pdfmeasure.pages(pdfs["jining:as-is"]))
    lacking = {m: n - as_is[m] for m, n in _docx_marks(drafts["jining"]).items() if n != as_is[m]}
    print(f"\n{len(drafts)} drafts; 济宁市's as LibreOffice sets the .docx lacks {lacking}")
    assert wrong == {}


def _pages_filled(drafts: dict[str, Path], pdfs: dict[str, Path]) -> None:
    """No page ends in a heading (each keeps with the next: w:keepNext), and a page ends short
    (a line or two) only when the next starts with that kept heading, or opens a part, or a
    table row or the sign-off's carried line would not fit (pagefill)."""
    found: dict[str, list] = {"heading last": [], "short": [], "short before a heading": []}
    unkept = []
    for name, path in drafts.items():
        unkept += [(name, t) for t in pagefill.paragraphs(path).unkept]
        for kind, pages in pagefill.faults(path, pdfs[name]).items():
            found[kind] += [(name, p.number, p.lines_short, p.last) for p in pages]
    short = [p[2] for p in found["short before a heading"]]
    print(
        f"{len(drafts)} drafts: {len(found['heading last'])} pages end in a heading,"
        f" {len(found['short'])} short with no reason, {len(short)} a line or two short before"
        f" a kept heading (lines short: {sorted(set(short))})"
    )
    assert unkept == []
    assert found["heading last"] == [] and found["short"] == []
    assert all(n < 3 for n in short), found["short before a heading"]


def test_no_page_ends_in_a_heading(pdfs, drafts):
    """The shipped drafts: every standalone heading (一、, （一）) keeps with its next paragraph;
    none ends a page (before, 泰山区's p12 ended in 五、保障措施, chengpu-district's p4 in
    四、重点任务), and a page ends short only for such a heading (_pages_filled). 泰山区's p2
    (its title three lines now, 7.3.1) ends a line short, the heading on the next."""
    shipped = {name: drafts[name] for name in drafts if name.startswith("shipped:")}
    _pages_filled(shipped, pdfs)
    taishan = pagefill.faults(drafts["taishan"], pdfs["taishan"])
    assert [(p.number, p.next_first) for p in taishan["short before a heading"]] == [
        (2, "二、基本原则"),
    ]


# -- 7.4: the 版记 at the foot of the last page, an even one ------------------------------------
PAGE_NUMBER = re.compile(r"—\d+—")
PRINTED = re.compile(r".+\d{4}年\d{1,2}月\d{1,2}日印发")  # 印发机关 and 印发日期 (7.4.3)


def _colophon_placement(pages, name: str = "") -> dict:
    """Where the text ends and the 版记 stands, measured; asserts GB/T 9704 7.4 and 7.5: the
    版记 on the last page, an even one; no wholly blank page but the one a full even last text
    page leaves before the 版记's page, and that page shows nothing; the 版记's page numbered
    (— N — below the type area) unless that blank page comes before it, when neither is (7.5:
    版记页前有空白页的，空白页和版记页均不编排页码). Returns the figures (page numbers
    1-based). Lines are told by where they stand (pdfmeasure.zone): a header above the type
    area and the page number below it are not text."""
    n = len(pages)
    colophon = [
        k for k, page in enumerate(pages, 1) if any(PRINTED.fullmatch(x.text) for x in page)
    ]
    assert colophon == [n], (name, "版记 not (only) on the last page", colophon, n)
    assert n % 2 == 0, (name, "the last page is odd", n)
    # the 版记's lines: from the 抄送 (if any) down; its top, from the paper's top
    last = pdfmeasure.body(pages[-1])
    first_at = next(
        i for i, x in enumerate(last) if x.text.startswith("抄送") or PRINTED.fullmatch(x.text)
    )
    colophon_top = last[first_at].top
    # a wrapped 抄送 line is the 版记's too; the type area's lines above it are text
    text_on = {
        k
        for k, page in enumerate(pages, 1)
        for i, _x in enumerate(pdfmeasure.body(page))
        if not (k == n and i >= first_at)
    }
    text_end = max(text_on)
    blanks = [k for k, page in enumerate(pages, 1) if not page]
    numbers = [[x.text for x in pdfmeasure.footer(page)] for page in pages]
    figures = {
        "pages": n,
        "text ends on page": text_end,
        "版记 on page": n,
        "blank pages": blanks,
        "版记 page number": "".join(numbers[-1]) or None,
    }
    if text_end == n:
        kind = "text's even page"
    elif text_end == n - 1:
        kind = "own page after odd text page"
        assert text_end % 2, (name, figures)
    else:
        kind = "own page after a blank page"
        assert text_end == n - 2 and blanks == [n - 1], (name, figures)
        # allowed only when the 版记 would not fit under the text on its (even) last page
        bottom = max(x.bottom for x in pdfmeasure.body(pages[text_end - 1]))
        figures["text's last line bottom mm"] = round(bottom, 1)
        figures["版记 top mm"] = round(colophon_top, 1)
        assert bottom + L.pt_to_mm(L.LINE_PITCH_PT) > colophon_top - 1, (name, figures)
    assert all(k == n - 1 for k in blanks), (name, "a blank page elsewhere", figures)
    # 7.5 both ways: numbered with no blank page before it, else neither page numbered
    assert numbers[-1] == ([] if blanks else [f"—{n}—"]), (name, figures)
    assert all(numbers[k - 1] == [f"—{k}—"] for k in range(2, text_end + 1)), (name, numbers)
    # the last rule on the type area's bottom
    assert 0 <= L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM - last[-1].bottom
    figures["kind"] = kind
    return figures


def test_colophon_on_an_even_last_page(pdfs):
    """7.4 on LibreOffice's PDF, each way the text can end: on an odd page (泰山区's plan less two
    tasks, page 13), the 版记 alone on the next page, numbered (7.5: no blank page before it); on
    an even page with room (济宁市's 实施意见, page 12, also with a 抄送 of two lines, and
    泰山区's plan, five lines onto page 14), at that page's foot, with no blank page before it
    (before, it went two pages on, after a blank page), numbered with the page; on a full even
    page (泰山区 less two other tasks, page 12), after a blank page, both unnumbered.
    The page numbers are printed."""
    names = ("taishan", "jining", "jining-cc", "taishan-full", "taishan-odd")
    seen = {}
    for name in names:
        seen[name] = _colophon_placement(pdfmeasure.pages(pdfs[name]), name)
        print(f"\n{name}: {seen[name]}")
    ends = {
        name: (f["text ends on page"], f["版记 on page"], f["blank pages"], f["版记 page number"])
        for name, f in seen.items()
    }
    assert ends == {
        "taishan": (14, 14, [], "—14—"),
        "jining": (12, 12, [], "—12—"),
        "jining-cc": (12, 12, [], "—12—"),
        "taishan-full": (12, 14, [13], None),
        "taishan-odd": (13, 14, [], "—14—"),
    }


def _words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(xMin, xMax, text) of each word pdftotext finds on a page, in pt."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(a), float(b), t)
        for a, b, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', html
        )
    ]


def test_chinese_digit_gap_measured(pdfs):
    """GB/T 9704 sets "2017年4月12日" solid: the .docx turns Word's Chinese–digit space off
    (w:autoSpaceDE/DN="0" on every paragraph, style and the defaults). LibreOffice's DOCX import
    ignores both (writerfilter's DomainMapper has an empty case for each), so drafter's PDF
    pipeline turns LibreOffice's own setting off (ParaIsCharacterDistance, writers/soffice.py):
    there the date is one word, no gap. Left as LibreOffice sets the .docx, it still spaces
    digits from Chinese; the gap is printed (it tells when a LibreOffice release honours the
    .docx)."""
    ours = _words(pdfs["jining"], 12)
    direct = _words(pdfs["jining:as-is"], 12)
    date = next(w for w in ours if w[2] == "2017年4月12日")  # one word: nothing between
    # its width: 7 digits and 3 characters at the body's 0.25 pt tighter spacing (the last
    # character's box is its 16 pt glyph)
    solid = 7 * (L.BODY_SIZE_PT / 2 - 0.25) + 2 * (L.BODY_SIZE_PT - 0.25) + L.BODY_SIZE_PT
    at = next(i for i, w in enumerate(direct) if w[2] == "2017")
    gap = direct[at + 1][0] - direct[at][1]
    print(
        f"\n2017年4月12日: {date[1] - date[0]:.2f} pt wide in drafter's PDF ({solid:.2f} solid);"
        f" straight from the .docx, {gap:.2f} pt between 2017 and {direct[at + 1][2]}"
    )
    # six digit–Chinese boundaries: a gap at each would add 6 × 3.3 pt
    assert abs(date[1] - date[0] - solid) < 2.0


# Characters of a number or a Latin word (pdfmeasure joins a line's words without their spaces:
# no shipped draft has two Latin words in a row, which would read as one here)
GROUP_END = re.compile(r"[0-9A-Za-z.%]$")
GROUP_START = re.compile(r"[0-9A-Za-z%]")


def test_no_line_breaks_inside_a_number_or_a_latin_word(pdfs):
    """Every shipped draft's lines break before a number or a Latin word, never inside one, as Word
    breaks them and docx_lines models them: with zh-CN as Latin text's language LibreOffice split
    7 in 10 drafts (〔202|4〕, （2022—20|24年）, P|CT across a page); with en-US, none."""
    shipped = [name for name in pdfs if name.startswith("shipped:")]
    split = []
    for name in shipped:
        lines = [
            line.text
            for page in pdfmeasure.pages(pdfs[name])
            for line in pdfmeasure.body(page)  # not a header or a page number
            if line.text
        ]
        split += [
            (name, a[-6:], b[:6])
            for a, b in zip(lines, lines[1:], strict=False)
            if GROUP_END.search(a) and GROUP_START.match(b)
        ]
    assert len(shipped) == 10
    assert split == []


# -- the rendered layout, measured on LibreOffice's PDF (GB/T 9704 5.2, 7.2, 7.5) ------------------
@pytest.fixture(scope="module")
def rendered(pdfs):
    return pdfs["taishan"]


CLOSING = "，、。；：”》）"
OPENING = "“《（"


def _type_area_lines(page):
    top = L.MARGIN_TOP_MM - 1
    bottom = L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM + 1
    return [line for line in page if line.top >= top and line.bottom <= bottom]


def test_rendered_layout_figures(rendered):
    """28 characters a full line, 22 lines a full page, masthead, red rule and page number where
    GB/T 9704 puts them; the figures are printed for a reviewer (pytest -s)."""
    pages = pdfmeasure.pages(rendered)
    type_top = L.MARGIN_TOP_MM
    type_bottom = L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM
    # A full body line: justified from margin to margin, all Chinese (digits are half width).
    han = re.compile(r"^[\u4e00-\u9fff，、。；：“”《》（）]+$")
    # A line holds 27 when line-breaking rules (避头尾) move a character down: the next line
    # would start with a closing mark, or this one would end with an opening mark; not counted.
    full = [
        line
        for page in pages[1:]
        for line, after in zip(_type_area_lines(page), _type_area_lines(page)[1:], strict=False)
        if han.match(line.text)
        and abs(line.left - L.MARGIN_LEFT_MM) < 0.5
        and line.right > L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM - 1
        and not set(after.text[:2]) & set(CLOSING)
        and after.text[0] not in OPENING
    ]
    assert len(full) > 50
    chars = {len(line.text) for line in full}
    # A full page: its last line ends within one line of the type area's bottom.
    pitch_mm = L.pt_to_mm(L.LINE_PITCH_PT)
    # (a page that opens with a title has a blank line under it, the 版记 stands on the type
    # area's bottom by itself: neither is counted)
    full_pages = [
        page
        for page in (_type_area_lines(p) for p in pages[1:])
        if page
        and page[-1].bottom > type_bottom - pitch_mm
        and max(page[0].heights) < 8
        and not page[-1].text.endswith("印发")
    ]
    lines = {len(page) for page in full_pages}
    first = pages[0]
    red = pdfmeasure.red_bands(rendered, 1)
    masthead_top = red[0][0] - type_top
    number = next(line for line in first if line.text.endswith("号"))
    rule_top = red[-1][0]
    rule_gap = rule_top - number.bottom
    # 7.5: every page numbered but a blank page before the 版记's and, after one, the 版记's
    colophon = next(n for n, p in enumerate(pages) if any(x.text.endswith("印发") for x in p))
    blanks = [n + 1 for n, p in enumerate(pages[:colophon]) if not p]
    numbered = [p for p in pages[: colophon + (0 if blanks else 1)] if p]
    page_numbers = [
        next(x for x in pdfmeasure.footer(p) if PAGE_NUMBER.fullmatch(x.text)) for p in numbered
    ]
    imprint_bottom = pdfmeasure.body(pages[colophon])[-1].bottom
    number_gap = {round(line.top - type_bottom, 1) for line in page_numbers}
    title = [line.text for line in first if line.top > rule_top and line.heights[0] > 8][:4]
    plan_page = next(p for p in pages if any(line.text == "一、指导思想" for line in p))
    plan_title = [line.text for line in plan_page if line.heights[0] > 8]
    print(
        f"\nchars per full body line: {sorted(chars)} ({len(full)} lines)"
        f"\nlines per full page: {sorted(lines)} ({len(full_pages)} pages)"
        f"\nmasthead ink top below the type area: {masthead_top:.2f} mm"
        f"\nred rule below the 发文字号: {rule_gap:.2f} mm (rule {red[-1][1] - red[-1][0]:.2f} mm thick)"
        f"\npage number below the type area: {sorted(number_gap)} mm"
        f"\nnotice title lines: {title}\nplan title lines: {plan_title}"
        f"\n版记 on page {colophon + 1} of {len(pages)}, its last line's box"
        f" {type_bottom - imprint_bottom:.2f} mm above the type area's bottom; blank pages {blanks}"
    )
    assert (colophon + 1) % 2 == 0 and colophon + 1 == len(pages)
    # the plan ends on page 14 with room, so no blank page comes and the 版记's page is numbered
    colophon_number = [x.text for x in pdfmeasure.footer(pages[colophon])]
    assert colophon_number == ([] if blanks else [f"—{colophon + 1}—"]) == ["—14—"]
    assert all(n == colophon for n in blanks)  # only the page just before it may be blank
    assert 0 <= type_bottom - imprint_bottom < 3  # the last rule is the type area's bottom
    assert chars == {L.CHARS_PER_LINE}
    assert lines == {L.LINES_PER_PAGE}
    assert abs(masthead_top - L.MASTHEAD_TOP_BELOW_TYPE_AREA_MM) < 0.5
    assert abs(rule_gap - L.RED_RULE_BELOW_DOC_NUMBER_MM) < 0.5
    assert all(abs(g - L.PAGE_NUMBER_BELOW_TYPE_AREA_MM) < 0.5 for g in number_gap)
    assert title == [
        "泰安市泰山区人民政府",
        "关于印发《泰安市泰山区国家",
        "知识产权强县建设试点县（区）",
        "工作方案（2022—2025年）》的通知",
    ]
    # 7.3.1: no two-line break keeps words whole with the longer line on top: three lines
    assert plan_title == [
        "泰安市泰山区国家知识产权强县",
        "建设试点县（区）工作方案",
        "（2022—2025年）",
    ]
    # 7.3.5.1 with the Chinese–digit autospace off (writers/soffice.py turns LibreOffice's own
    # off): the date 右空四字, the 署名 centred above it
    sign_off = _sign_off(first)
    print(f"sealed sign-off: {sign_off}")
    assert abs(sign_off["date right chars"] - L.SEALED_DATE_RIGHT_CHARS) < 0.2
    assert abs(sign_off["centres apart mm"]) < 0.5
    # Two blank lines between the red rule and the title's line.
    title_top = next(line.top for line in first if line.top > rule_top)
    assert 2 * pitch_mm - 0.5 < title_top - red[-1][1] < 3 * pitch_mm - 1


def _sign_off(page) -> dict[str, float]:
    """The 成文日期 and the 署名 above it, measured."""
    at = next(i for i, x in enumerate(page) if re.fullmatch(r"\d{4}年\d+月\d+日", x.text))
    sig, date = page[at - 1], page[at]
    edge = L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM
    char = L.pt_to_mm(L.BODY_SIZE_PT + L.CHAR_SPACING_TWENTIETHS / 20)
    return {
        "signature right chars": round((edge - sig.right) / char, 2),
        "date right chars": round((edge - date.right) / char, 2),
        "centres apart mm": round((sig.left + sig.right - date.left - date.right) / 2, 2),
    }


def test_long_organ_name_measured(drafts, pdfs):
    """An organ name too long for 36 pt: the masthead shrinks to fit one line and still stands
    35 mm into the type area; the 署名, too long to centre over a date 右空四字, ends at the
    type area's edge with the date centred under it (7.2.4, 7.3.5.1)."""
    from drafter.check import check

    assert check(drafts["long-organ"]) == []  # notice.issuer: LONG_ISSUER
    pdf = pdfs["long-organ"]
    first, second = pdfmeasure.pages(pdf)[:2]
    red = pdfmeasure.red_bands(pdf, 1)
    mark = first[0]
    masthead_top = red[0][0] - L.MARGIN_TOP_MM
    sign_off = _sign_off(first + second)  # the longer title may take it over with the text
    print(
        f"\nlong organ name: masthead {mark.text} ink top {masthead_top:.2f} mm into the type area,"
        f" {mark.left:.1f}-{mark.right:.1f} mm across; sign-off {sign_off}"
    )
    assert mark.text == "泰安市泰山区经济开发区管理委员会文件"
    assert mark.left >= L.MARGIN_LEFT_MM - 0.5 and mark.right <= L.PAGE_WIDTH_MM - 25.5
    assert abs(masthead_top - L.MASTHEAD_TOP_BELOW_TYPE_AREA_MM) < 0.5
    assert abs(sign_off["signature right chars"]) < 0.2
    assert abs(sign_off["centres apart mm"]) < 1.0  # a sixth of a character


def test_letter_format_measured(pdfs):
    """信函格式 (10.1) on LibreOffice's PDF: mark 30 mm from the paper's top, red double line 4 mm
    under it and another 20 mm above the paper's bottom, no page number on page 1."""
    pdf = pdfs["letter"]  # notice.masthead: letter
    red = pdfmeasure.red_bands(pdf, 1)
    mark, upper, lower = red[0], red[1], red[-2]
    first = pdfmeasure.pages(pdf)[0]
    print(
        f"\nletter: mark ink top {mark[0]:.2f} mm from the paper's top;"
        f" upper double line {upper[0] - mark[1]:.2f} mm under the mark;"
        f" lower double line {L.PAGE_HEIGHT_MM - lower[0]:.2f} mm above the paper's bottom"
    )
    assert abs(mark[0] - L.LETTER_MASTHEAD_TOP_MM) < 0.5
    assert abs(upper[0] - mark[1] - L.LETTER_RULE_BELOW_MASTHEAD_MM) < 0.5
    assert abs(L.PAGE_HEIGHT_MM - lower[0] - L.LETTER_BOTTOM_RULE_ABOVE_PAPER_MM) < 0.5
    assert not any(re.fullmatch(r"—\d+—", line.text) for line in first)
    number = next(line for line in first if line.text.endswith("号"))
    assert abs(number.right - (L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM)) < 0.5  # at the right edge


def test_department_lists_measured(drafts, pdfs):
    """Every department list (the shipped profiles and examples, and generated ones) as
    LibreOffice lays it out: no task line (任务N：title, under its group's 1. subheading) wraps
    unless its text alone is longer than a line, and then its wrapped lines stand under the title;
    a department's part that fits a page is on one page, and one starts a new page only where
    the page before had no room for it (all of it, or, for a part longer than a page, its headings
    and first line); no page ends in a heading; every page's header names the plan. Measured
    on main before the task lines lost their group (任务N：title（group）, from the margin):
    404 of 1571 task lines wrapped; 15 parts longer than a page left the page before them
    with room (kept whole), 5 parts that fit a page split, 2 pages ended in a heading."""
    import deptmeasure

    lists = [name for name in pdfs if name.startswith("departments")]
    total, wrapped, too_long, pages, starts = 0, 0, 0, 0, 0
    faults: list[tuple] = []
    for name in lists:
        found = deptmeasure.measure(pdfs[name], drafts[name])
        total += found.lines
        wrapped += len(found.wrapped)
        too_long += len(found.too_long)
        pages += len(found.headers)
        faults += [
            (name, "wraps, fits a line", t) for t in found.wrapped if t not in found.too_long
        ]
        faults += [(name, "wrapped line not under the title", t) for t in found.misaligned]
        plan = deptmeasure.plan_title(drafts[name])
        faults += [(name, "header", h) for h in found.headers if plan not in h]
        faults += [(name, "a heading ends a page", h) for h in found.heading_ends]
        for part in found.parts:
            if len(part.lines) <= L.LINES_PER_PAGE and part.first != part.last:
                faults.append((name, "split though it fits a page", part.heading))
            if part.free >= 0:
                starts += 1
                if part.free >= part.head:
                    faults.append((name, "a new page though it fits", part.heading, part.free))
    print(
        f"\n{len(lists)} department lists, {pages} pages, {starts} parts opening a page:"
        f" {total} task lines, {wrapped} wrapped ({too_long} longer than a line)"
    )
    print(f"{len(faults)} faults", *faults[:40], sep="\n  ")
    assert len(lists) == 10 + GENERATED_LISTS and total > 500
    assert faults == []


def test_a_draft_libreoffice_cannot_open_is_named(built, tmp_path):
    """One bad file in a batch: the other is converted, and the error names the PDF not made
    (the macro goes on past a file it cannot open; LibreOffice never waits on a dialog)."""
    _tools()
    from drafter.writers import soffice

    missing, made = tmp_path / "missing.pdf", tmp_path / "taishan.pdf"
    with pytest.raises(soffice.ConversionFailed) as caught:
        soffice.convert([(tmp_path / "missing.docx", missing), (built / "taishan.docx", made)])
    assert "missing.pdf" in str(caught.value) and not missing.exists()
    assert made.read_bytes().startswith(b"%PDF")


def test_lean_styles_keeps_what_a_draft_uses(built):
    """The styles LibreOffice is handed: every style a part names, what those are based on,
    linked to or followed by, and the defaults; none of the rest, no latent styles."""
    import zipfile

    from drafter.writers import soffice

    with zipfile.ZipFile(built / "taishan.docx") as docx:
        styles = docx.read("word/styles.xml").decode("utf-8")
        parts = "".join(
            docx.read(n).decode("utf-8")
            for n in docx.namelist()
            if n.startswith("word/") and n.endswith(".xml") and n != "word/styles.xml"
        )
    lean = soffice.lean_styles(styles, parts)
    ids = set(soffice._STYLE_ID.findall(lean))
    used = set(soffice._STYLE_USE.findall(parts))
    assert used and used <= ids
    for block in soffice._STYLE.findall(lean):
        assert set(soffice._STYLE_REF.findall(block)) <= ids
    assert set(re.findall(r'w:type="(\w+)" w:default="1"', styles)) == set(
        re.findall(r'w:type="(\w+)" w:default="1"', lean)
    )
    print(f"\nstyles: {len(soffice._STYLE_ID.findall(styles))} in the .docx, {len(ids)} kept")
    assert len(ids) < len(soffice._STYLE_ID.findall(styles)) / 2
    assert "<w:latentStyles" in styles and "<w:latentStyles" not in lean


def test_table_names_on_one_line(pdfs, tmp_path):
    """Tables (8): the division table's 牵头单位 column fits its longest department name (before,
    县市场监督管|理局 broke in every row of sample-county's), and its 重点任务 its titles of 12
    characters; the progress report's 指标 column its longest name (侵犯知识产权行政处罚案|件结案率,
    万人高价值发明专利拥有|量 before), and one blank line stands between the table and the heading
    after it, as before it (compose/columns.py, writers/docx.py)."""
    from conftest import taishan_report

    lines = [x.text for page in pdfmeasure.pages(pdfs["shipped:sample-county"]) for x in page]
    at = next(i for i, t in enumerate(lines) if t.startswith("序号重点任务牵头单位"))
    rows = lines[at:]
    assert sum("县市场监督管理局" in t for t in rows) >= 6, rows
    assert not any(t.endswith("县市场监督管") or t.startswith("理局") for t in rows), rows
    assert any("实施高价值专利培育计划" in t for t in rows) and not any(t == "划" for t in rows)
    report = render_cache.to_pdfs({"report": taishan_report(tmp_path)}, tmp_path / "pdf")
    body = [x for page in pdfmeasure.pages(report["report"]) for x in pdfmeasure.body(page)]
    texts = [x.text for x in body]
    for name in (
        "侵犯知识产权行政处罚案件结案率",
        "万人高价值发明专利拥有量",
        "知识产权质押融资登记项数",
    ):
        assert any(name in t for t in texts), (name, texts)
    heading = next(i for i, t in enumerate(texts) if t == "二、进度滞后的指标")
    last_row = body[heading - 1]
    assert last_row.text.startswith("侵犯知识产权")
    pitch = L.pt_to_mm(L.LINE_PITCH_PT)
    gap = body[heading].top - last_row.bottom
    print(f"\nreport: {gap:.1f} mm between the table's last row and the heading after it")
    assert pitch < gap < 2 * pitch
