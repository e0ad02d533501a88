"""One .docx as the checker reads it: the main document part, its paragraphs and sections
(with the headers and footers each refers to), its styles, settings and theme parts."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from lxml import etree

from ..i18n import _
from ..records import record
from .ooxml import R, W
from .package import Malformed, Package


@record
class Section:
    number: int  # 1-based
    sect_pr: Any  # an lxml w:sectPr element
    first: int  # 1-based index of its first body paragraph
    last: int  # and of its last (0 if it holds none)
    footers: dict[str, str] = field(default_factory=dict)  # default/even/first -> part name
    headers: dict[str, str] = field(default_factory=dict)


class Doc:
    """One .docx: the main document part and what it refers to."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        assert pkg.main is not None  # Package refuses a file without one
        self.root = pkg.xml(pkg.main)
        self.body = self.root.find(W + "body")
        if self.body is None:
            raise Malformed(_("the document part has no body"))
        self.paragraphs = self.body.findall(W + "p")
        self.styles_root = self._one("styles")
        self.settings = self._one("settings")
        self.theme = self._one("theme")
        self.sections = self._sections()

    def _one(self, kind: str):
        names = self.pkg.related(kind)
        return self.pkg.xml(names[0]) if names else None

    def _sections(self) -> list[Section]:
        out: list[Section] = []
        first = 1
        index = {id(p): i for i, p in enumerate(self.paragraphs, 1)}
        ends = []
        for p in self.paragraphs:
            ppr = p.find(W + "pPr")
            sp = ppr.find(W + "sectPr") if ppr is not None else None
            if sp is not None:
                ends.append((sp, index[id(p)]))
        final = self.body.find(W + "sectPr")
        if final is not None or not ends:
            ends.append(
                (final if final is not None else etree.Element(W + "sectPr"), len(self.paragraphs))
            )
        inherited_f: dict[str, str] = {}
        inherited_h: dict[str, str] = {}
        for n, (sp, last) in enumerate(ends, 1):
            footers, headers = dict(inherited_f), dict(inherited_h)
            for ref in sp.findall(W + "footerReference"):
                name = self.pkg.by_id(ref.get(R + "id") or "")
                if name:
                    footers[ref.get(W + "type") or "default"] = name
            for ref in sp.findall(W + "headerReference"):
                name = self.pkg.by_id(ref.get(R + "id") or "")
                if name:
                    headers[ref.get(W + "type") or "default"] = name
            inherited_f, inherited_h = footers, headers
            out.append(Section(n, sp, first, last, footers, headers))
            first = last + 1
        return out

    def section_of(self, index: int) -> Section:
        for s in self.sections:
            if s.first <= index <= s.last:
                return s
        return self.sections[-1]

    def header_footer_parts(self) -> list[str]:
        return list(dict.fromkeys(self.pkg.related("header") + self.pkg.related("footer")))

    def setting(self, tag: str):
        return self.settings.find(W + tag) if self.settings is not None else None
