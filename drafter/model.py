"""The document model: what a draft says and how its parts nest, not how it looks.

Compose builds it; writers render it. Nothing here knows about profiles or python-docx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


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
    DATE = "date"  # 成文日期
    NOTE = "note"  # （此件公开发布）
    ATTACHMENT_LIST = "attachment_list"  # 附件说明, first line: 附件：1.××
    ATTACHMENT_LIST_MORE = "attachment_list_more"  # its further lines, aligned under "1."
    ATTACHMENT_LABEL = "attachment_label"  # 附件 / 附件1
    ATTACHMENT_TITLE = "attachment_title"


class Emphasis(str, Enum):
    PLAIN = "plain"
    LEAD2 = "lead2"  # run-in level-2 lead: （一）坚持创新引领。 (楷体)
    LEAD3 = "lead3"  # run-in level-3 lead: 1.健全…机制。


@dataclass(frozen=True)
class Span:
    text: str
    emphasis: Emphasis = Emphasis.PLAIN
    note: str | None = None  # a review comment anchored at this span


@dataclass
class Paragraph:
    role: Role
    spans: list[Span]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    header: bool = True  # a header row that repeats on every page
    ruled: bool = True  # False: a borderless table used only for alignment


Block = Paragraph | Table


@dataclass
class Part:
    """A run of blocks that starts on a new page (notice, plan, each attachment)."""

    name: str
    blocks: Sequence[Block] = field(default_factory=list)


@dataclass
class TaskEntry:
    """A numbered task as it stands in the plan, for tables and department lists."""

    number: str  # "1" or "2.3" (group.task) by numbering mode
    label: str  # "1." as printed
    group_title: str
    title: str
    lead: list[str]
    partners: list[str]
    deadline: str


@dataclass
class Document:
    title: str
    parts: list[Part]
    header_text: str | None = None  # e.g. 征求意见稿
    tasks: list[TaskEntry] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Paragraph)]
