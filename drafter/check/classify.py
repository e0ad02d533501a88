"""What each paragraph is (masthead, title, heading, task, signature, 版记 …) and what kind of
document holds them: a plan (with or without its cover notice), a department list, a report.

Drafter's own drafts and plans typed in Word are read the same way: by text patterns,
alignment and style names, never by drafter's own markers."""

from __future__ import annotations

import re
from typing import Any

from .. import library
from ..compose import numbering
from ..library.genres import DEFAULT_GENRE, Genre
from ..records import record
from . import patterns as P
from .borders import red
from .document import Doc
from .findings import excerpt as _excerpt
from .ooxml import W, para_text, run_text, runs
from .patterns import (
    ATTACHMENT_LABEL,
    ATTACHMENT_NOTE,
    COPY_TO,
    DATE,
    DOC_NUMBER,
    H1,
    H2,
    ISSUED,
    L3,
    L4,
)
from .styles import Styles

PLAN = "plan"
DEPARTMENTS = "departments"
REPORT = "report"
OTHER = "other"

_CN_NUMBERS = {numbering.chinese(n): n for n in range(1, numbering.MAX_NUMBER + 1)}
SPACES = " \t\u3000\u00a0"
# The words a masthead and a cover notice's title are told by (templates/text/notice.yaml).
MASTHEAD_END = P.NOTICE_WORDS.masthead_end
NOTICE_OPEN, NOTICE_END = P.NOTICE_WORDS.title_open, P.NOTICE_WORDS.title_end
NOTICE_VERB = P.NOTICE_WORDS.verb

# Each genre's sections in their required order (templates/genres/<id>/genre.yaml): id, the
# pattern of its heading synonyms (matched after "一、"), the synonyms as a message names them,
# whether it is required, and its kind (the responsibility check reads the tasks kind's section).
SectionRule = tuple[str, "re.Pattern[str]", str, bool, str]


def _rules(genre: Genre) -> tuple[SectionRule, ...]:
    return tuple(
        (
            s.id,
            re.compile("|".join(map(re.escape, s.headings))),
            "/".join(s.headings),
            not s.optional,
            s.kind,
        )
        for s in genre.sections
    )


GENRE_SECTIONS: dict[str, tuple[SectionRule, ...]] = {
    g.id: _rules(g) for g in library.load().genres.values()
}
SECTIONS = GENRE_SECTIONS[DEFAULT_GENRE]
# The word a plan's title names itself by in any genre (方案, 意见 …): genre.yaml vocabulary.doc.
DOC_WORDS = tuple(
    dict.fromkeys(g.words["doc"] for g in library.load().genres.values() if "doc" in g.words)
)


def names_doc(text: str) -> bool:
    return any(word in text for word in DOC_WORDS)


@record
class Para:
    index: int  # 1-based among the body's paragraphs
    text: str  # leading spaces stripped, line breaks kept
    element: Any  # w:p, an lxml element
    kind: str = "body"
    # body h1 h2 l3 l4 title masthead doc_number label signature date note attachment_note
    # copy_to issued other empty
    number: int = 0
    run_in: bool = False  # an h2 with its text in the same paragraph: （一）坚持创新引领。…
    region: str = "front"  # front (cover notice, title, preamble), plan, attachments

    @property
    def excerpt(self) -> str:
        return _excerpt(self.text)


def section_of(heading: str, sections: tuple[SectionRule, ...] = SECTIONS) -> str | None:
    rest = H1.sub("", heading, count=1)
    for sid, pattern, _names, _required, _kind in sections:
        if pattern.search(rest):
            return sid
    return None


def sections_for(paras: list[Para]) -> tuple[SectionRule, ...]:
    """The section list of the genre whose headings the document's level-1 headings match most
    (the default genre on a tie)."""
    h1 = [p.text for p in paras if p.kind == "h1"]
    best, best_count = SECTIONS, sum(section_of(t) is not None for t in h1)
    for rules in GENRE_SECTIONS.values():
        count = sum(section_of(t, rules) is not None for t in h1)
        if count > best_count:
            best, best_count = rules, count
    return best


def classify(doc: Doc, styles: Styles) -> list[Para]:
    paras = [
        Para(i, para_text(p).lstrip(SPACES).rstrip(), p) for i, p in enumerate(doc.paragraphs, 1)
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
        if COPY_TO.match(text) or (ISSUED.search(text) and len(text) <= 80):
            para.kind = "copy_to" if COPY_TO.match(text) else "issued"
            para.region = region
            continue
        heading = H1.match(text) if region == "front" else None
        if heading and _CN_NUMBERS.get(heading.group(1)):
            region = "plan"
        elif region == "plan" and (ATTACHMENT_NOTE.match(text) or ATTACHMENT_LABEL.match(text)):
            region = "attachments"
        para.region = region
        if DATE.match(text):
            para.kind = "date"
            continue
        if region == "plan":
            _classify_numbered(para)
            continue
        if ATTACHMENT_LABEL.match(text):
            para.kind = "label"
            after_label = True
            continue
        if ATTACHMENT_NOTE.match(text):
            para.kind = "attachment_note"
            continue
        centred = styles.alignment(para.element) == "center"
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
        if DOC_NUMBER.search(text) and len(text) <= 30:
            para.kind = "doc_number"
        elif (
            not seen_title
            and (text.endswith(MASTHEAD_END) or _red_text(styles, para.element))
            and len(text) <= 40
            and not P.SENTENCE.search(text)
        ):
            para.kind = "masthead"  # "…文件", or the organ's name alone in red (a 信函)
        elif styles.is_title_style(para.element) or (
            NOTICE_OPEN in text and text.endswith(NOTICE_END)
        ):
            para.kind = "title"
        elif centred and P.BRACKETED.match(text):
            para.kind = "other"  # a centred note such as （征求意见稿）: no rule for its font
        elif centred:
            para.kind = "title"
        else:
            para.kind = "body"
        seen_title = seen_title or para.kind == "title"
    _sign_off(paras, styles)
    # A plan title typed left-aligned in Normal style: the last line before 一、 that names the
    # document by its genre's word (方案, 意见 …).
    front = [p for p in paras if p.region == "front" and p.kind == "body"]
    if front and not any(
        p.kind == "title" and p.region == "front" and names_doc(p.text) for p in paras
    ):
        for para in reversed(front):
            if (
                names_doc(para.text)
                and len(para.text) <= 80
                and not P.SENTENCE_END.search(para.text)
            ):
                para.kind = "title"
                break
    return paras


def _red_text(styles: Styles, p) -> bool:
    """Every run with text is red (the 发文机关标志's colour)."""
    colours = []
    for r in runs(p):
        if not run_text(r).strip():
            continue
        colour = None
        for rpr in styles.rpr_levels(r, p):
            c = rpr.find(W + "color")
            if c is not None:
                colour = (c.get(W + "val") or "").upper()
                break
        colours.append(colour)
    return bool(colours) and all(c is not None and red(c) for c in colours)


def _sign_off(paras: list[Para], styles: Styles) -> None:
    """The 署名 is the line above a 成文日期; a bracketed line right after the date is its 附注."""
    for i, para in enumerate(paras):
        if para.kind != "date":
            continue
        prev = next((p for p in reversed(paras[:i]) if p.kind != "empty"), None)
        if (
            prev is not None
            and prev.kind in ("body", "title", "other")
            and len(prev.text) <= 40
            and not P.SENTENCE.search(prev.text)
        ):
            prev.kind = "signature"
        after = next((p for p in paras[i + 1 :] if p.kind != "empty"), None)
        if after is not None and after.kind in ("body", "other") and P.NOTE.match(after.text):
            after.kind = "note"


def _classify_numbered(para: Para) -> None:
    text = para.text
    for kind, pattern, value in (
        ("h1", H1, _CN_NUMBERS.get),
        ("h2", H2, _CN_NUMBERS.get),
        ("l4", L4, int),
        ("l3", L3, int),
    ):
        m = pattern.match(text)
        number = value(m.group(1)) if m else None
        if number:
            para.kind, para.number = kind, number
            if kind == "h2":
                para.run_in = P.LEAD_END in text
            return
    para.kind = "body"


# a book title (《…》, in templates/text/joins.yaml's marks): what a cover notice transmits
_BOOK = P.BOOK_OPEN, P.BOOK_CLOSE
_QUOTED = re.compile(f"{re.escape(_BOOK[0])}[^{re.escape(''.join(_BOOK))}]*{re.escape(_BOOK[1])}")


def document_kind(paras: list[Para]) -> str:
    """plan, departments, report or other: by the first title that says, else by the headings."""
    for para in paras:
        if para.kind != "title" or para.region != "front":
            continue
        text = _QUOTED.sub("", para.text)
        if NOTICE_VERB in text and NOTICE_END in text:
            continue  # a cover notice: what it transmits comes next
        if any(word in text for word in P.DEPARTMENTS_WORDS):
            return DEPARTMENTS
        if names_doc(text):
            return PLAN
        if any(word in text for word in P.REPORT_WORDS):
            return REPORT
    if any(p.kind == "h1" and section_of(p.text, sections_for(paras)) for p in paras):
        return PLAN
    items = [p for p in paras if p.kind == "body" and p.region == "plan"]
    if items and sum(bool(P.DEPARTMENT_ITEM.match(p.text)) for p in items) * 2 >= len(items):
        return DEPARTMENTS
    return OTHER


def is_notice(paras: list[Para]) -> bool:
    """A 公文 with a 版头: a masthead or a document number before the title."""
    return any(p.kind in ("masthead", "doc_number") for p in paras)
