"""What the checker reports: findings with a stable code and, for layout rules, the clause of
GB/T 9704-2012 they come from; and how a finding is printed, escaped so that nothing read from
a document (a font name, a heading, a file name) can start a new output line."""

from __future__ import annotations

import re

from ..records import record

STANDARD = "GB/T 9704—2012"

# -- codes --------------------------------------------------------------------------------------
MALFORMED = "malformed"
SECTIONS_MISSING = "sections-missing"
SECTIONS_ORDER = "sections-order"
SECTIONS_REPEAT = "sections-repeat"
NUMBERING_GAP = "numbering-gap"
NUMBERING_REPEAT = "numbering-repeat"
TASK_RESPONSIBILITY = "task-responsibility"
TEMPLATE_MARKER = "template-marker"
PAGE_SIZE = "page-size"
PAGE_MARGINS = "page-margins"
GRID = "grid"
AUTOSPACE = "autospace"
FONT = "font"
FONT_SIZE = "font-size"
THEME_FONT = "theme-font"
LANGUAGE = "language"
MASTHEAD = "masthead-position"
RED_RULE = "red-rule"
LETTER = "letter-format"
TITLE_POSITION = "title-position"
TITLE_BREAK = "title-break"
TITLE_SHAPE = "title-shape"
ATTACHMENT_INDENT = "attachment-indent"
SIGNATURE = "signature-layout"
NOTE = "note-position"
COLOPHON_MISSING = "colophon-missing"
COLOPHON_POSITION = "colophon-position"
COLOPHON_RULES = "colophon-rules"
COLOPHON_LAYOUT = "colophon-layout"
COLOPHON_PAGE = "colophon-page"
PAGE_NUMBER = "page-number"
DEPARTMENT_HEADER = "department-header"
CODES = (
    MALFORMED,
    SECTIONS_MISSING,
    SECTIONS_ORDER,
    SECTIONS_REPEAT,
    NUMBERING_GAP,
    NUMBERING_REPEAT,
    TASK_RESPONSIBILITY,
    TEMPLATE_MARKER,
    PAGE_SIZE,
    PAGE_MARGINS,
    GRID,
    AUTOSPACE,
    FONT,
    FONT_SIZE,
    THEME_FONT,
    LANGUAGE,
    MASTHEAD,
    RED_RULE,
    LETTER,
    TITLE_POSITION,
    TITLE_BREAK,
    TITLE_SHAPE,
    ATTACHMENT_INDENT,
    SIGNATURE,
    NOTE,
    COLOPHON_MISSING,
    COLOPHON_POSITION,
    COLOPHON_RULES,
    COLOPHON_LAYOUT,
    COLOPHON_PAGE,
    PAGE_NUMBER,
    DEPARTMENT_HEADER,
)

# The clause of GB/T 9704-2012 each layout code checks (docs/gbt9704.md has the whole table).
CLAUSE = {
    PAGE_SIZE: "5.1",
    PAGE_MARGINS: "5.2.1",
    GRID: "5.2.3",
    AUTOSPACE: "5.2.3",
    FONT: "5.2.2",
    FONT_SIZE: "5.2.2",
    THEME_FONT: "5.2.2",
    LANGUAGE: "5.2.2",
    MASTHEAD: "7.2.4",
    RED_RULE: "7.2.7",
    LETTER: "10.1",
    TITLE_POSITION: "7.3.1",
    TITLE_BREAK: "7.3.1",
    TITLE_SHAPE: "7.3.1",
    ATTACHMENT_INDENT: "7.3.4",
    SIGNATURE: "7.3.5",
    NOTE: "7.3.6",
    COLOPHON_MISSING: "7.4",
    COLOPHON_POSITION: "7.4",
    COLOPHON_RULES: "7.4.1",
    COLOPHON_LAYOUT: "7.4.2",
    COLOPHON_PAGE: "7.4",
    PAGE_NUMBER: "7.5",
}

EXCERPT_CHARS = 20


@record(frozen=True)
class Finding:
    paragraph: int | None  # 1-based index among the body's paragraphs; None: the whole document
    code: str  # stable id, one of CODES
    message: str  # translated
    excerpt: str  # the paragraph's first characters, '' if none
    clause: str | None = None  # the clause of GB/T 9704-2012, for layout rules

    @classmethod
    def of(
        cls, code: str, message: str, paragraph: int | None = None, excerpt: str = ""
    ) -> Finding:
        """A finding with its code's clause filled in."""
        return cls(paragraph, code, message, excerpt, CLAUSE.get(code))


def fmt(value: float) -> str:
    """A measured figure (mm, characters, lines) as a message shows it: one decimal."""
    return f"{value:.1f}"


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


# Characters that end or reorder a terminal line: C0/C1 controls, line and paragraph separators,
# bidi overrides, the BOM, and lone surrogates (a file name the OS could not decode).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """``text`` with every unsafe character written as a visible escape (\\n, \\x1b, \\u2028)."""

    def one(m: re.Match) -> str:
        ch = m.group(0)
        if ch in _NAMED:
            return _NAMED[ch]
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(one, str(text))


def format_finding(path, f: Finding) -> str:
    """``plan.docx: ¶57: numbering-gap: <message> ("5.实施商标品牌和地标培育…")``; a layout
    finding puts its clause before the message: ``plan.docx: grid: GB/T 9704—2012 5.2.3: …``."""
    where = f"{path}: ¶{f.paragraph}" if f.paragraph is not None else f"{path}"
    clause = f"{STANDARD} {f.clause}: " if f.clause else ""
    line = f"{where}: {f.code}: {clause}{f.message}"
    return escape(f'{line} ("{f.excerpt}")' if f.excerpt else line)
