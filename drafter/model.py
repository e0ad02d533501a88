"""The document model: what a draft says and how its parts nest, not how it looks.

Compose builds it; writers render it. Nothing here knows about profiles or python-docx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from enum import Enum

from .records import record


class Role(str, Enum):
    """What a paragraph is, in GB/T 9704 terms; writers map each role to a layout."""

    ORGAN_MARK = "organ_mark"  # 发文机关标志 (red header)
    DOC_NUMBER = "doc_number"  # 发文字号
    TITLE = "title"  # 标题
    ADDRESSEE = "addressee"  # 主送机关
    BODY = "body"  # 正文
    HEADING1 = "heading1"  # 一、
    HEADING2 = "heading2"  # （一）
    SIGNATURE = "signature"  # 署名
    SIGNER_POST = "signer_post"  # 签发人职务, beside the 签名章 (7.3.5.3)
    DATE = "date"  # 成文日期
    NOTE = "note"  # （此件公开发布）
    ATTACHMENT_LIST = "attachment_list"  # 附件说明, first line: 附件：1.××
    ATTACHMENT_LIST_MORE = "attachment_list_more"  # its further lines, aligned under "1."
    ATTACHMENT_LABEL = "attachment_label"  # 附件 / 附件1
    ATTACHMENT_TITLE = "attachment_title"


class SignOff(str, Enum):
    """How 署名 and 成文日期 stand (GB/T 9704 7.3.5)."""

    SEALED = "sealed"  # 7.3.5.1: date 右空四字, signature centred above it, room for the seal
    UNSEALED = "unsealed"  # 7.3.5.2
    SIGNED = "signed"  # 7.3.5.3: the 签发人's name stamp, his post beside it


class Masthead(str, Enum):
    """How the 版头 is printed."""

    STANDARD = "standard"  # red organ mark and rule, as 7.2 places them
    PREPRINTED = (
        "preprinted"  # 红头 paper: the mark and the rule are on the paper; leave their room
    )
    LETTER = "letter"  # 信函格式 (10.1)


class Emphasis(str, Enum):
    PLAIN = "plain"
    LEAD2 = "lead2"  # run-in level-2 lead: （一）坚持创新引领。 (楷体)
    LEAD3 = "lead3"  # run-in level-3 lead: 1.健全…机制。


@record(frozen=True)
class Span:
    text: str
    emphasis: Emphasis = Emphasis.PLAIN
    note: str | None = None  # a review comment anchored at this span


@record
class Paragraph:
    role: Role
    spans: list[Span]
    breaks: tuple[int, ...] = ()  # offsets into text where a new line starts (titles, 7.3.1)
    hang: int = 0  # wrapped lines align after this many leading characters (附件说明, 7.3.4)
    keep_with_next: bool = False  # stays on the page of the paragraph after it (a unit kept whole)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def heading(self) -> bool:
        """A heading on a line of its own (一、, （一）, a 1. subheading): it keeps with the
        paragraph after it, never last on a page. Not a body paragraph run in after a lead."""
        if self.role in (Role.HEADING1, Role.HEADING2):
            return True
        return bool(self.spans) and all(s.emphasis is Emphasis.LEAD3 for s in self.spans)


@record
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    header: bool = True  # a header row that repeats on every page
    ruled: bool = True  # False: a borderless table used only for alignment

    def without_empty_columns(self, empty: set[str]) -> Table:
        """The table less any column whose every row is empty (or only a mark such as —)."""
        keep = [c for c in range(len(self.columns)) if any(r[c] not in empty for r in self.rows)]
        if len(keep) == len(self.columns) or not self.rows:
            return self
        return Table(
            columns=[self.columns[c] for c in keep],
            rows=[[r[c] for c in keep] for r in self.rows],
            widths_mm=self._rescaled([self.widths_mm[c] for c in keep]) if self.widths_mm else None,
            header=self.header,
            ruled=self.ruled,
        )

    def _rescaled(self, kept: list[float]) -> list[float]:
        total = sum(self.widths_mm or [])
        return [w * total / sum(kept) for w in kept]


Block = Paragraph | Table


@record(frozen=True)
class Imprint:
    """版记 (7.4): at the foot of the last page."""

    printer: str  # 印发机关
    printed: str  # 印发日期, with 印发: 2022年12月4日印发
    cc: str | None = None  # the whole 抄送 line: 抄送：…。
    cc_label: str = ""  # its leading label (抄送：), which wrapped lines align after


@record
class Part:
    """A run of blocks that starts on a new page (notice, plan, each attachment)."""

    name: str
    blocks: Sequence[Block] = field(default_factory=list)
    # a later page of the part before it: a break the layout decided (compose/pages.py), which
    # a writer without pages (Markdown) joins to what came before
    runs_on: bool = False


@record
class TaskEntry:
    """A numbered task as it stands in the plan, for tables and department lists."""

    number: str  # "1" or "2.3" (group.task) by numbering mode
    label: str  # "1." as printed
    group_title: str
    title: str
    lead: list[str]
    partners: list[str]
    deadline: str
    # the role ids (templates/catalogue/roles.yaml) of lead and partners, in the same order
    lead_roles: list[str] = field(default_factory=list)
    partner_roles: list[str] = field(default_factory=list)


@record
class Document:
    title: str
    parts: list[Part]
    header_text: str | None = None  # e.g. 征求意见稿
    running_head: str | None = None  # named in each page's header (a department list's plan)
    author: str = ""  # the issuing organ, for the file's properties
    names: tuple[str, ...] = ()  # place and organ names a title line must not split
    sign_off: SignOff = SignOff.UNSEALED
    masthead: Masthead = Masthead.STANDARD
    imprint: Imprint | None = None
    tasks: list[TaskEntry] = field(default_factory=list)
    # the plan says which unit leads each task (an attached table with a 牵头单位 column); its
    # responsibility lists alone (…按职责分工负责) name no lead
    leads_named: bool = False

    def paragraphs(self) -> list[Paragraph]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Paragraph)]
