"""What the checker reads a .docx by: the patterns and words of templates/text/check.yaml and,
where the checker reads what drafter writes, the writer's own texts, so that editing a text
cannot leave `drafter check` reading the old one.

Derived from the writer's data: heading numbers (numbering.yaml's marks and numerals), a
department list's item label (departments.yaml's item_label, through the department list's
document.yaml), the 。 closing a run-in lead (joins.yaml lead_end),
the book-title marks 《》 (joins.yaml), and the masthead's and a cover notice's words
(notice.yaml's organ_mark and title, library/notice_words.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import library
from ..compose.numbering import CHINESE_LEVELS
from ..library.documents import load_document, text_at
from ..library.notice_words import notice_words
from ..library.schemas.texts import NUMBER_SLOT

_LIB = library.load()
TEXT: dict[str, Any] = _LIB.check_text
_PATTERNS = {key: re.compile(value) for key, value in TEXT["patterns"].items()}

ATTACHMENT_NOTE = _PATTERNS["attachment_note"]
ATTACHMENT_NOTE_LABEL = _PATTERNS["attachment_note_label"]  # 附件： and the 1. after it
ATTACHMENT_ITEM = _PATTERNS["attachment_item"]
ATTACHMENT_LABEL = _PATTERNS["attachment_label"]
DOC_NUMBER = _PATTERNS["doc_number"]
DATE = _PATTERNS["date"]
NOTE = _PATTERNS["note"]
BRACKETED = _PATTERNS["bracketed"]
COPY_TO = _PATTERNS["copy_to"]
ISSUED = _PATTERNS["issued"]
SENTENCE = _PATTERNS["sentence"]
SENTENCE_END = _PATTERNS["sentence_end"]
DUTY_PREFIX = _PATTERNS["duty_prefix"]
DUTY_SUFFIX = _PATTERNS["duty_suffix"]

OPEN_BRACKETS: str = TEXT["open_brackets"]
CLOSE_BRACKETS: str = TEXT["close_brackets"]
TASK_END: str = TEXT["task_end"]
DEPARTMENTS_WORDS = tuple(TEXT["kind_words"]["departments"])
REPORT_WORDS = tuple(TEXT["kind_words"]["report"])
TITLE_STYLES = tuple(TEXT["title_styles"])
PAGE_NUMBER_DASHES = tuple(TEXT["page_number_dashes"])
FONTS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in TEXT["fonts"].items()}
CHINESE_FACES = tuple(TEXT["chinese_faces"])

# the writer's own words
READING = _LIB.reading  # the marks titles are read by (reading.yaml)
# the words a masthead and a cover notice's title are printed with (notice.yaml)
NOTICE_WORDS = notice_words(_LIB.notice, READING["organ_break"])
LEAD_END: str = _LIB.joins["lead_end"]  # （一）坚持创新引领。…
BOOK_OPEN: str = _LIB.joins["book_open"]
BOOK_CLOSE: str = _LIB.joins["book_close"]


def literal(text: str, alike: dict[str, str] | None = None) -> str:
    """A pattern matching ``text`` as drafter writes it or as a clerk types it (typed_as: ：
    or :)."""
    alike = TEXT["typed_as"] if alike is None else alike
    return "".join(f"[{re.escape(alike[ch])}]" if ch in alike else re.escape(ch) for ch in text)


def heading_pattern(level: int, marks: dict[str, str], reading: dict[str, Any]) -> re.Pattern[str]:
    """A heading of ``level`` as numbering.yaml's mark writes it (level1 "{n}、" reads
    ``^([一…十]+)、``), each mark as typed_as allows and with check.yaml's gap and guard; the
    number is group 1."""
    key = f"level{level}"
    head, tail = marks[key].split(NUMBER_SLOT, 1)
    numbers = reading["heading_numbers"]
    if level in CHINESE_LEVELS:
        number = "[" + re.escape(marks["digits"][1:] + marks["ten"]) + "]+"
    else:
        number = numbers["arabic"]
    loose = numbers.get(key) or {}
    alike = reading["typed_as"]
    return re.compile(
        "^"
        + literal(head, alike)
        + f"({number})"
        + loose.get("gap", "")
        + literal(tail, alike)
        + loose.get("guard", "")
    )


H1, H2, L3, L4 = (heading_pattern(n, _LIB.numbering, TEXT) for n in (1, 2, 3, 4))


_PLACEHOLDER = re.compile(r"\{\{-?\s*number\s*-?\}\}")


def label_pattern(template: str) -> re.Pattern[str]:
    """A line opening with the label ``template`` writes ("任务{{ number }}：" reads
    ``^任务\\s*[\\d.]+\\s*[：:]``): its words as written, spaces allowed around the number."""
    head, *tail = _PLACEHOLDER.split(template.strip(), maxsplit=1)
    number = rf"\s*{TEXT['patterns']['item_number']}\s*" if tail else ""
    return re.compile("^" + literal(head) + number + literal(tail[0] if tail else ""))


def item_label(root: Path) -> str:
    """The text a department list's task lines open with, as its document.yaml names it."""
    definition = load_document(root, "departments")  # templates/genres/departments/
    key = next(s.label for s in definition.sections if s.label)
    return str(text_at(definition.texts, key))


DEPARTMENT_ITEM = label_pattern(item_label(_LIB.root))
