"""GB/T 9704-2012 figures: the one place the writer and the checker read them from.

Plain data only (no python-docx), so the checker and tests import it cheaply. Lengths are in
millimetres (``_MM``) or points (``_PT``); Word's own units (twips, eighths of a point, 1/4096 pt)
are derived here too, so no module converts on its own. Clause numbers follow the 2012 text
(see /work/shared/design/gbt9704-clauses.md and docs/gbt9704.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Emphasis, Role

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

LINE_PITCH_PT = 28.95  # exact line spacing: 22 × 28.95 = 636.9 pt within the 637.8 pt type area
TABLE_LINE_FACTOR = 1.5  # a ruled table's line spacing, in multiples of its font size

# -- fonts (5.2.2, 7.3.3); the names Word and WPS know ------------------------------------------
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"  # digits and Latin letters in running text

RED = "FF0000"
BLACK = "000000"

# -- 版头 (7.2) ---------------------------------------------------------------------------------
MASTHEAD_TOP_BELOW_TYPE_AREA_MM = 35.0  # 7.2.4: top edge of 发文机关标志 below the type area's top
DOC_NUMBER_LINES_BELOW_MASTHEAD = 2  # 7.2.5: 发文字号 two blank lines under the masthead
RED_RULE_BELOW_DOC_NUMBER_MM = 4.0  # 7.2.7
RED_RULE_WIDTH_EIGHTHS = 12  # w:sz of the red rule, in eighths of a point (1.5 pt)
TITLE_LINES_BELOW_RED_RULE = 2  # 7.3.1
# 10.1 信函格式
LETTER_MASTHEAD_TOP_MM = 30.0  # from the paper's top edge
LETTER_RULE_BELOW_MASTHEAD_MM = 4.0
LETTER_BOTTOM_RULE_ABOVE_PAPER_MM = 20.0
LETTER_RULE_LENGTH_MM = 170.0

# -- 主体 (7.3) ---------------------------------------------------------------------------------
TITLE_MAX_LINE_CHARS = 20  # a title line of 2号 characters in the type area (156 mm / 7.76 mm)
SEALED_DATE_RIGHT_CHARS = 4  # 7.3.5.1: 成文日期右空四字
UNSEALED_SIGNATURE_RIGHT_CHARS = 2  # 7.3.5.2: 署名右空二字
UNSEALED_DATE_SHIFT_CHARS = 2  # 7.3.5.2: date's first character 2 right of the signature's
SIGNED_NAME_RIGHT_CHARS = 4  # 7.3.5.3: 签名章右空四字
NOTE_LEFT_CHARS = 2  # 7.3.6: 附注 左空二字
ATTACHMENT_NOTE_LEFT_CHARS = 2  # 7.3.4: 附件说明 左空二字

# -- 版记 (7.4) ---------------------------------------------------------------------------------
IMPRINT_SIZE_PT = SIZE_4
IMPRINT_THICK_RULE_MM = 0.35
IMPRINT_THIN_RULE_MM = 0.25
IMPRINT_SIDE_CHARS = (
    1  # 抄送 1 character in on both sides; 印发机关/日期 1 character from each side
)

# -- 页码 (7.5) ---------------------------------------------------------------------------------
PAGE_NUMBER_BELOW_TYPE_AREA_MM = 7.0
PAGE_NUMBER_SIDE_CHARS = 1  # odd pages 1 character from the right, even pages from the left
FOOTER_DISTANCE_MM = 28.0  # w:footer, from the paper's bottom to the footer's bottom

# -- tables (8): column widths in mm, each summing to the 156 mm type area ---------------------
TABLE_WIDTHS_MM: dict[str, list[float]] = {
    "members": [28, 32, 96],  # 领导小组成员名单, borderless
    "indicators": [14, 44, 14, 18, 20, 24, 22],
    "division": [12, 46, 30, 46, 22],  # 任务分工
    "report": [23, 11, 30, 19, 19, 18, 15, 21],  # 进展报告
}


# -- paragraph layout per role ------------------------------------------------------------------
@dataclass(frozen=True)
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


ROLES: dict[Role, RoleLayout] = {
    Role.ORGAN_MARK: RoleLayout(
        font=XIAOBIAOSONG, size=ORGAN_MARK_MAX_PT, align="center", color=RED
    ),
    Role.DOC_NUMBER: RoleLayout(align="center", lines_before=DOC_NUMBER_LINES_BELOW_MASTHEAD),
    Role.TITLE: RoleLayout(
        font=XIAOBIAOSONG, size=TITLE_SIZE_PT, align="center", lines_before=1, style="Title"
    ),
    Role.ADDRESSEE: RoleLayout(align="left", lines_before=1),
    Role.BODY: RoleLayout(first_line_chars=2),
    Role.HEADING1: RoleLayout(font=HEITI, first_line_chars=2, style="Heading 1"),
    Role.HEADING2: RoleLayout(font=KAITI, first_line_chars=2, style="Heading 2"),
    Role.SIGNATURE: RoleLayout(align="right", right_chars=2, lines_before=1),
    Role.DATE: RoleLayout(align="right", right_chars=2),
    Role.NOTE: RoleLayout(first_line_chars=NOTE_LEFT_CHARS, lines_before=1),
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
