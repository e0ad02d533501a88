"""Leftover template text: {{ }}, {% %}, {# #}, None or Undefined, anywhere a reader sees text."""

from __future__ import annotations

import re

from ..i18n import _
from .classify import Para
from .document import Doc
from .findings import TEMPLATE_MARKER, Finding, excerpt
from .ooxml import W, para_text

_MARKER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|(?<![A-Za-z])(?:None|Undefined)(?![A-Za-z])")


def _markers(text: str) -> str:
    return " ".join(dict.fromkeys(m.group(0) for m in _MARKER.finditer(text)))


def check_markers(doc: Doc, paras: list[Para]) -> list[Finding]:
    findings = []
    for para in paras:
        marks = _markers(para.text)
        if marks:
            findings.append(
                Finding(
                    para.index,
                    TEMPLATE_MARKER,
                    _("leftover template marker: {markers}").format(markers=marks),
                    para.excerpt,
                )
            )
    # paragraphs outside the body's own: in tables, then in page headers and footers
    table = _("leftover template marker in a table: {markers}")
    page = _("leftover template marker in a page header or footer: {markers}")
    others = [(p, table) for p in doc.body.iter(W + "p") if p.getparent() is not doc.body]
    for name in doc.header_footer_parts():
        others += [(p, page) for p in doc.pkg.xml(name).iter(W + "p")]
    for p, message in others:
        text = para_text(p)
        marks = _markers(text)
        if marks:
            findings.append(
                Finding(None, TEMPLATE_MARKER, message.format(markers=marks), excerpt(text))
            )
    return findings
