"""GB/T 9704-2012 figures: the one place the writer and the checker read them from.

Plain data only (no python-docx), so the checker and tests import it cheaply. Lengths are in
millimetres (``_MM``) or points (``_PT``); Word's own units (twips, eighths of a point, 1/4096 pt)
are derived here too, so no module converts on its own. Clause numbers follow the 2012 text
(see /work/shared/design/gbt9704-clauses.md and docs/gbt9704.md).
"""

from __future__ import annotations

import math
import re

from .model import Emphasis, Role
from .records import record

MM_PER_PT = 25.4 / 72
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_PT


# -- page (5.1, 5.2.1) ------------------------------------------------------------------------
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0  # 天头
MARGIN_LEFT_MM = 28.0  # 订口
TYPE_WIDTH_MM = 156.0  # 版心
TYPE_HEIGHT_MM = 225.0
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TYPE_WIDTH_MM  # 26
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TYPE_HEIGHT_MM  # 35
MARGIN_TOLERANCE_MM = 1.0  # 37±1, 28±1
HEADER_DISTANCE_MM = 15.0  # where a page header (征求意见稿) sits, from the paper's top

# -- grid (5.2.3): 22 lines of 28 characters fill the type area --------------------------------
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# -- font sizes (号) ----------------------------------------------------------------------------
SIZE_2 = 22.0  # 2号
SIZE_3 = 16.0  # 3号
SIZE_4 = 14.0  # 4号
SIZE_SMALL_4 = 12.0  # 小四, for ruled tables
BODY_SIZE_PT = SIZE_3
TITLE_SIZE_PT = SIZE_2
ORGAN_MARK_MAX_PT = 36.0  # the masthead's size is the organ's choice (7.2.4); shrunk to fit a line
PAGE_NUMBER_SIZE_PT = SIZE_4
TABLE_SIZE_PT = SIZE_SMALL_4

# Exact line spacing: 22 × 28.8 = 633.6 pt (223.5 mm) in the 225 mm type area, so 22 lines still
# fit when the top or bottom margin is a millimetre over, as 5.2.1's ±1 mm allows.
LINE_PITCH_PT = 28.8
# The page's 22 lines (633.6 pt), and where LibreOffice's text area ends: about a point after the
# 22nd line (its footer takes the rest; measured), so a line ending at 636 pt goes over. The page
# model (writers/docx_pages) estimates where text really ends, so it takes the text area;
# writers/docx_fit sizes the blank above a sign-off to fit and counts whole lines only.
PAGE_LINES_PT = LINES_PER_PAGE * LINE_PITCH_PT
TEXT_AREA_PT = PAGE_LINES_PT + 1.0
GRID_LINE_PITCH_TWIPS = round(LINE_PITCH_PT * TWIPS_PER_PT)
# 28 characters: 156 mm / 28 = 15.79 pt a character, a little under the 16 pt glyph. A
# linesAndChars grid with that pitch works in Word, but LibreOffice gives every glyph wider than
# a grid cell two cells (14 characters a line, measured). So the grid is a line grid, and text
# runs 0.25 pt tighter (w:spacing -5 twentieths): 28 × 15.75 = 441 pt in a 442.2 pt line, in both.
GRID_TYPE = "lines"
CHAR_PITCH_PT = mm_to_pt(TYPE_WIDTH_MM) / CHARS_PER_LINE
CHAR_SPACING_TWENTIETHS = math.floor((CHAR_PITCH_PT - BODY_SIZE_PT) * 4) * 5  # -5: quarter points
# A list item (a department's task line) a character or two too long for its line is set that
# much tighter, down to this spacing, rather than wrap a word or two onto a line of its own
# (the 字距 adjustment 7.3.5.5 allows for the sign-off): 29 characters and a digit fit at -1.25.
ITEM_MIN_SPACING_PT = -1.3
# what a condensed line leaves free: LibreOffice wrapped a 29.5-em line at -1.05 pt (440.5 of
# 442.2 pt) and set it on one line at -1.2 (measured), so about 0.2 pt a character
LINE_SLACK_PT = 6.0


def condensed_twentieths(ems: float) -> int | None:
    """Character spacing (twentieths of a point) that fits a body-size line of ``ems`` on one
    line, when the usual spacing does not and the tighter one stays above ITEM_MIN_SPACING_PT."""
    line = mm_to_pt(TYPE_WIDTH_MM) - LINE_SLACK_PT
    if ems * (BODY_SIZE_PT + CHAR_SPACING_TWENTIETHS / 20) <= line:
        return None
    spacing = math.floor((line / ems - BODY_SIZE_PT) * 20)
    return spacing if spacing >= ITEM_MIN_SPACING_PT * 20 else None


TABLE_LINE_FACTOR = 1.5  # a ruled table's line spacing, in multiples of its font size

# -- fonts (5.2.2, 7.3.3); the names Word and WPS know ------------------------------------------
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"  # digits and Latin letters in running text

RED = "FF0000"
WHITE = "FFFFFF"
BLACK = "000000"

# -- 版头 (7.2) ---------------------------------------------------------------------------------
MASTHEAD_TOP_BELOW_TYPE_AREA_MM = 35.0  # 7.2.4: top edge of 发文机关标志 below the type area's top
DOC_NUMBER_LINES_BELOW_MASTHEAD = 2  # 7.2.5: 发文字号 two blank lines under the masthead
RED_RULE_BELOW_DOC_NUMBER_MM = 4.0  # 7.2.7
RED_RULE_WIDTH_EIGHTHS = 12  # w:sz of the red rule, in eighths of a point (1.5 pt)
RED_RULE_SPACE_PT = (
    10  # w:space: the border's distance below the 发文字号's line box (calibrated on the PDF)
)
TITLE_LINES_BELOW_RED_RULE = 2  # 7.3.1
PART_TITLE_LINES_AFTER = (
    1  # a title that opens a page (the plan's, an attachment's): one blank line
)
# 10.1 信函格式
LETTER_MASTHEAD_TOP_MM = 30.0  # from the paper's top edge
LETTER_RULE_BELOW_MASTHEAD_MM = 4.0
LETTER_BOTTOM_RULE_ABOVE_PAPER_MM = 20.0
LETTER_RULE_LENGTH_MM = 170.0
LETTER_RULE_WIDTH_EIGHTHS = 18  # w:sz of each red double line (thick and thin strokes together)
LETTER_RULE_THICKNESS_MM = 1.0  # what the double line and its gap take up, for the spacing below it
# Calibrated on LibreOffice's PDF: a frame's top sits 0.7 mm above its mark's ink; the ink is
# 0.88 of the type size tall; a bottom border's w:space counts about 0.7 mm a point, and with
# none the line stands 1.4 mm under the ink, so 4 pt puts it 4 mm under.
LETTER_FRAME_INK_MM = 0.7
LETTER_MARK_INK_EM = 0.88
LETTER_RULE_SPACE_PT = 4
LETTER_NUMBER_GAP_HEIGHTS = 7 / 8  # 发文字号 this many 3号 heights under the upper double line

# -- 主体 (7.3) ---------------------------------------------------------------------------------
# A title line holds 20 characters of 2号 (156 mm / 7.76 mm); a full line reads as a block, so
# title lines keep at least one character short of it (7.3.1: 长短适宜).
TITLE_MAX_LINE_EMS = math.floor(mm_to_pt(TYPE_WIDTH_MM) / TITLE_SIZE_PT) - 1
# Width model, in ems of the font size: CJK and full-width marks take one em; digits and Latin
# letters (Times New Roman) about half.
HALF_WIDTH_EM = 0.5


def text_ems(text: str) -> float:
    # counted by the codec, not char by char: title breaking measures thousands of slices a draft
    ascii_chars = len(text.encode("ascii", "ignore"))
    return ascii_chars * HALF_WIDTH_EM + (len(text) - ascii_chars) * 1.0


SEALED_DATE_RIGHT_CHARS = 4  # 7.3.5.1: 成文日期右空四字
UNSEALED_SIGNATURE_RIGHT_CHARS = 2  # 7.3.5.2: 署名右空二字
UNSEALED_DATE_SHIFT_CHARS = 2  # 7.3.5.2: date's first character 2 right of the signature's
SIGNED_NAME_RIGHT_CHARS = 4  # 7.3.5.3: 签名章右空四字
SIGNED_STAMP_CHARS = 4  # room left for the 签名章 itself (stamped by hand)
SIGNED_POST_GAP_CHARS = 2  # 7.3.5.3: 签名章左空二字标注签发人职务
SIGNED_LINES_BEFORE = 2  # 7.3.5.3: 正文下空二行
SIGNED_DATE_LINES_BEFORE = 1  # 7.3.5.3: 签名章下空一行
UNSEALED_LINES_BEFORE = 1  # 7.3.5.2: 正文下空一行
# 7.3.5.1 asks the seal's top to be within one line of the body and the seal to press on the
# signature and date, which sit a little below its centre: two blank lines leave that room.
SEALED_LINES_BEFORE = 2
NOTE_LEFT_CHARS = 2  # 7.3.6: 附注 左空二字
ATTACHMENT_NOTE_LEFT_CHARS = 2  # 7.3.4: 附件说明 左空二字


def sign_off(layout: str, signature_ems: float, date_ems: float) -> dict[str, tuple[float, float]]:
    """(right indent in characters, blank lines before) of the signature, the signer's post and
    the date, for the sealed, unsealed and signed layouts of 7.3.5."""
    if layout == "sealed":
        centre = SEALED_DATE_RIGHT_CHARS + date_ems / 2  # the signature centred above the date
        # a 署名 too long to centre there ends at the type area's edge, and the date moves left
        # to stay centred under it (右空四字 is "一般", the centring is the rule)
        centre = max(centre, signature_ems / 2)
        return {
            "signature": (centre - signature_ems / 2, SEALED_LINES_BEFORE),
            "date": (centre - date_ems / 2, 0),
        }
    if layout == "signed":
        post = SIGNED_NAME_RIGHT_CHARS + SIGNED_STAMP_CHARS + SIGNED_POST_GAP_CHARS
        return {
            "signer_post": (post, SIGNED_LINES_BEFORE),
            "date": (SEALED_DATE_RIGHT_CHARS, SIGNED_DATE_LINES_BEFORE),
        }
    # unsealed: the date's first character 2 right of the signature's; a longer date stands
    # 2 from the right and pushes the signature left.
    signature: float = UNSEALED_SIGNATURE_RIGHT_CHARS
    date = signature + signature_ems - UNSEALED_DATE_SHIFT_CHARS - date_ems
    if date < UNSEALED_SIGNATURE_RIGHT_CHARS:
        date = UNSEALED_SIGNATURE_RIGHT_CHARS
        signature = date + date_ems + UNSEALED_DATE_SHIFT_CHARS - signature_ems
    return {"signature": (signature, UNSEALED_LINES_BEFORE), "date": (date, 0)}


# -- 版记 (7.4) ---------------------------------------------------------------------------------
IMPRINT_SIZE_PT = SIZE_4
IMPRINT_THICK_RULE_MM = 0.35
IMPRINT_THIN_RULE_MM = 0.25
IMPRINT_SIDE_CHARS = (
    1  # 抄送 1 character in on both sides; 印发机关/日期 1 character from each side
)
# On a page of its own (the notice printed with the plan: an even page, 7.4) each 版记 line is a
# frame of its own placed from the paper's top, so that the last rule is the type area's bottom:
# LibreOffice misplaces a bottom-aligned frame on the first page of a section that starts on an
# even page (7.6 mm too low), and sets two framed paragraphs in a row as plain text at the top
# of the page (both measured on LibreOffice 7.4's PDF). LibreOffice draws a frame's bottom rule
# this far above the frame's computed bottom (measured).
IMPRINT_RULE_INSET_MM = 0.15
# At the foot of the text's last page (an even page with room): at least a blank line between
# the text and the 版记's first rule, and the text at least half a line onto that page (the
# estimate, drafter/writers/docx_pages.py, came within 0.1 line of LibreOffice's on 60 drafts)
IMPRINT_CLEARANCE_LINES = 1
IMPRINT_TEXT_PAGE_MIN_LINES = 0.5


def imprint_lines(cc_ems: float, label_ems: float) -> int:
    """Lines the 抄送 paragraph takes: wrapped lines hang after the label, 1 character in each side."""
    if cc_ems <= 0:
        return 0
    width = mm_to_pt(TYPE_WIDTH_MM) / IMPRINT_SIZE_PT - 2 * IMPRINT_SIDE_CHARS
    rest = cc_ems - width
    return 1 if rest <= 0 else 1 + math.ceil(rest / (width - label_ems))


def imprint_tops_mm(cc_ems: float, label_ems: float, printer_line: bool = True) -> list[float]:
    """Where each 版记 frame (the 抄送's, then the 印发 line's) starts, from the paper's top, for
    the last rule to lie on the type area's bottom: lines at the body's pitch, a 0.35 mm rule
    above the first and below the last, a 0.25 mm one between (7.4.1). No rules in a 信函 (10.1)."""
    pitch = pt_to_mm(LINE_PITCH_PT)
    bottom = MARGIN_TOP_MM + TYPE_HEIGHT_MM
    ruled = 1.0 if printer_line else 0.0
    tops = []
    cc = imprint_lines(cc_ems, label_ems)
    if printer_line:  # a thick rule below it, and above it too when it is the only line
        rules = IMPRINT_THICK_RULE_MM * (1 if cc else 2)
        bottom -= pitch + rules - IMPRINT_RULE_INSET_MM
        tops.append(bottom)
    if cc:
        rules = ruled * (IMPRINT_THICK_RULE_MM + IMPRINT_THIN_RULE_MM)
        tops.insert(0, bottom - cc * pitch - rules + (0 if printer_line else IMPRINT_RULE_INSET_MM))
    return tops


# -- 页码 (7.5) ---------------------------------------------------------------------------------
PAGE_NUMBER_BELOW_TYPE_AREA_MM = 7.0
PAGE_NUMBER_SIDE_CHARS = 1  # odd pages 1 character from the right, even pages from the left
PAGE_NUMBER_LINE_PT = SIZE_4  # the footer's one exact line
# w:footer: from the paper's bottom to the footer line's bottom, so that its top is 7 mm below
# the type area.
# the line (measured on LibreOffice's PDF: the 宋体 stand-in's box rises 0.7 mm above its line).
PAGE_NUMBER_BOX_RISE_MM = 0.7
FOOTER_DISTANCE_MM = (
    MARGIN_BOTTOM_MM
    - PAGE_NUMBER_BELOW_TYPE_AREA_MM
    - PAGE_NUMBER_LINE_PT * 25.4 / 72
    - PAGE_NUMBER_BOX_RISE_MM
)

# -- tables (8): column widths in mm, each summing to the 156 mm type area ---------------------
TABLE_WIDTHS_MM: dict[str, list[float]] = {
    "members": [28, 32, 96],  # 领导小组成员名单, borderless
    "indicators": [14, 44, 14, 18, 20, 24, 22],
    "division": [12, 46, 30, 46, 22],  # 任务分工
    "report": [38, 11, 24, 15, 15, 17, 15, 21],  # 进展报告: the indicator's name the widest
}


TABLE_CELL_MARGIN_MM = 1.0  # left and right, inside each cell (Word's default 1.9 mm wraps 序号)
TABLE_FIT_SLACK_MM = 0.5  # beside the margins: a text measured to fit does not wrap by a hair
# Columns widened to fit a name on one line (compose/columns.py), at most this wide, so that the
# others keep room: the division table's 牵头单位 (县市场监督管理局, 8 characters of 小四: 36.4 mm)
# and 重点任务 (12 characters: 53.3 mm), the report's 指标 (侵犯知识产权行政处罚案件结案率, 15: 66 mm)
TABLE_NAME_MAX_MM = {"division": {1: 54.0, 2: 40.0}, "report": {0: 72.0}}
TABLE_SHORT_CELL_CHARS = 6  # a cell this short (2026年, 滞后于进度) is never left to wrap
TABLE_RULED_LINE_PT = LINE_PITCH_PT / 2  # two lines of 小四 to one body line: rows stay on the grid
TABLE_ROW_MIN_PT = LINE_PITCH_PT  # a row is at least one grid line tall
# A cell that is a figure (15600, 2.1万, 85.3%, —) stands right-aligned and is never wrapped.
NUMBER = re.compile(r"^[—－-]?[\d.,，]+\s*(%|％|万|亿|万元|亿元|件|个|家)?$|^[—－-]$")


def cell_mm(text: str, size_pt: float) -> float:
    """The column width (mm) that holds ``text`` on one line at ``size_pt``, margins included."""
    return (
        pt_to_mm(text_ems(text.strip()) * size_pt) + 2 * TABLE_CELL_MARGIN_MM + TABLE_FIT_SLACK_MM
    )


def fit_widths(widths_mm: list[float], cells: list[list[str]], size_pt: float) -> list[float]:
    """Column widths that keep each header and each figure on one line: a column narrower than
    its widest header or figure (plus margins) is widened, the others give the room back in
    proportion to their width. Unchanged when even the minimum does not fit the type area."""
    n = len(widths_mm)
    need = [0.0] * n
    for r, row in enumerate(cells):
        for c, text in enumerate(row[:n]):
            if r == 0 or NUMBER.match(text.strip()):
                need[c] = max(need[c], cell_mm(text, size_pt))
    total = sum(widths_mm)
    if sum(need) > total:
        return list(widths_mm)
    out = [max(w, m) for w, m in zip(widths_mm, need, strict=True)]
    for _ in range(n):  # shrink the columns above their minimum until the total is back
        extra = sum(out) - total
        if extra <= 1e-6:
            break
        slack = [o - m for o, m in zip(out, need, strict=True)]
        room = sum(slack)
        out = [o - extra * s / room if room else o for o, s in zip(out, slack, strict=True)]
    return out


# -- paragraph layout per role ------------------------------------------------------------------
@record(frozen=True)
class RoleLayout:
    font: str = FANGSONG
    size: float = BODY_SIZE_PT
    align: str = "justify"  # justify / left / center / right
    first_line_chars: float = 0
    left_chars: float = 0
    right_chars: float = 0
    lines_before: float = 0
    style: str = "Normal"
    color: str | None = None
    # where the first line of a paragraph with a hanging part (Paragraph.hang) starts, in
    # characters; None: at its first-line or left indent
    hang_from: float | None = None


ROLES: dict[Role, RoleLayout] = {
    Role.ORGAN_MARK: RoleLayout(
        font=XIAOBIAOSONG, size=ORGAN_MARK_MAX_PT, align="center", color=RED
    ),
    Role.DOC_NUMBER: RoleLayout(align="center", lines_before=DOC_NUMBER_LINES_BELOW_MASTHEAD),
    Role.TITLE: RoleLayout(
        font=XIAOBIAOSONG,
        size=TITLE_SIZE_PT,
        align="center",
        lines_before=TITLE_LINES_BELOW_RED_RULE,
        style="Title",
    ),
    Role.ADDRESSEE: RoleLayout(align="left", lines_before=1),
    # a body paragraph that hangs is a list item (a department's 任务N：title, under its group's
    # 1. subheading): indented as the body is, wrapped lines under the text after the colon
    Role.BODY: RoleLayout(first_line_chars=2),
    Role.HEADING1: RoleLayout(font=HEITI, first_line_chars=2, style="Heading 1"),
    Role.HEADING2: RoleLayout(font=KAITI, first_line_chars=2, style="Heading 2"),
    # right indents and space before come from sign_off(), per layout
    Role.SIGNATURE: RoleLayout(align="right"),
    Role.SIGNER_POST: RoleLayout(align="right"),
    Role.DATE: RoleLayout(align="right"),
    Role.NOTE: RoleLayout(first_line_chars=NOTE_LEFT_CHARS),  # 7.3.6: the line after the date
    Role.ATTACHMENT_LIST: RoleLayout(
        first_line_chars=ATTACHMENT_NOTE_LEFT_CHARS, lines_before=1, align="left"
    ),
    Role.ATTACHMENT_LIST_MORE: RoleLayout(left_chars=5, align="left"),
    Role.ATTACHMENT_LABEL: RoleLayout(font=HEITI, align="left"),
    Role.ATTACHMENT_TITLE: RoleLayout(
        font=XIAOBIAOSONG, size=TITLE_SIZE_PT, align="center", lines_before=1, style="Title"
    ),
}
# Styles the writer defines, with their East Asian font and size.
STYLES: dict[str, tuple[str, float]] = {
    "Title": (XIAOBIAOSONG, TITLE_SIZE_PT),
    "Heading 1": (HEITI, BODY_SIZE_PT),
    "Heading 2": (KAITI, BODY_SIZE_PT),
}
EMPHASIS_FONT: dict[Emphasis, str] = {Emphasis.LEAD2: KAITI}
HEADER_FONT = HEITI  # the page header (征求意见稿)
HEADER_SIZE_PT = SIZE_3
TABLE_HEADER_FONT = HEITI
TABLE_FONT = FANGSONG

# -- typography: how a line of the body breaks and what each mark takes (the docx writer sets
# runs by it, its page model (writers/docx_pages) and the checker estimate pages by it) ---------
# Punctuation Latin and Chinese share: without w:hint="eastAsia" Word sets it in the Latin font
# (Times New Roman). The hint goes on these runs only: on a run with digits LibreOffice would
# treat the digits as Chinese and break lines between them.
SHARED_PUNCTUATION = "“”‘’—…·–"
# Digits and Latin letters keep Times New Roman and Latin script, whose language is en-US
# (writers/docx_package's LATIN_LANG): under zh-CN LibreOffice broke lines anywhere in them
# ("〔202|4〕", "P|CT"); Word never does. A line breaks before a number or word, not inside.
# 避头尾 (no line starts with a closing mark, none ends with an opening one) is
# templates/text/reading.yaml's closing_marks and opening_marks; no mark hangs past the line's
# end (the .docx turns Word's hanging off, writers/soffice.py LibreOffice's)
# Marks Latin and Chinese share take the script of the character before them in LibreOffice,
# whatever w:hint says: after a Latin one they are Times New Roman's (em; measured: "+”" narrow)
SHARED_EM = {"“": 0.444, "”": 0.444, "‘": 0.333, "’": 0.333, "—": 1.0, "…": 1.0, "·": 0.25}
