"""Leftover template text: {{ }}, {% %}, {# #}, None or Undefined, anywhere a reader sees text."""

from __future__ import annotations

import re

from ..i18n import _
from .classify import Para
from .document import Doc, W, para_text
from .findings import TEMPLATE_MARKER, Finding, excerpt

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
    for p in doc.body.iter(W + "p"):
        if p.getparent() is doc.body:
            continue  # a body paragraph: done above
        text = para_text(p)
        marks = _markers(text)
        if marks:
            findings.append(
                Finding(
                    None,
                    TEMPLATE_MARKER,
                    _("leftover template marker in a table: {markers}").format(markers=marks),
                    excerpt(text),
                )
            )
    for name in doc.header_footer_parts():
        for p in doc.pkg.xml(name).iter(W + "p"):
            text = para_text(p)
            marks = _markers(text)
            if marks:
                findings.append(
                    Finding(
                        None,
                        TEMPLATE_MARKER,
                        _("leftover template marker in a page header or footer: {markers}").format(
                            markers=marks
                        ),
                        excerpt(text),
                    )
                )
    return findings
