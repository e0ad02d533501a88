"""Check a .docx, drafter's own or one typed in Word, against GB/T 9704-2012 and the plan's rules.

``check(path)`` returns a list of ``Finding``s: each names the paragraph (1-based index among
the body's paragraphs, None for the whole document), a stable code, a translated message, the
paragraph's first characters and, for layout rules, the clause of GB/T 9704-2012. An empty list
means the document passed every check. A path that is not a .docx raises DrafterError; a .docx
that is malformed or hostile (a zip bomb, a DTD, broken XML, a value that is not a number) is
one ``malformed`` finding. docs/gbt9704.md lists which clause each code checks.

The checker first works out what it reads (classify.document_kind):

- a plan, alone or after its cover notice (印发通知): sections, numbering, responsibility lists;
- a department list (重点任务分工（按部门）): numbering, and every page header names the plan;
- a progress report: numbering;
- every kind: leftover template text, the page, grid, fonts, theme, autospace, page numbers and
  title line breaks; a document with a 版头 (masthead or 发文字号) also its masthead position,
  署名 and 成文日期, 附注, 附件说明 and 版记.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from . import classify, colophon, departments, fonts, markers, notice, page, plan, titles
from .document import Doc
from .findings import CODES, MALFORMED, Finding, escape, format_finding
from .package import Malformed, Package
from .styles import Styles

__all__ = ["CODES", "Finding", "check", "format_finding", "escape", "kind_of"]


def _read(path: Path):
    pkg = Package(path)
    doc = Doc(pkg)
    styles = Styles(doc)
    return doc, styles, classify.classify(doc, styles)


def kind_of(path: Path) -> str:
    """plan, departments, report or other: what check() takes ``path`` to be."""
    _doc, _styles, paras = _read(Path(path))
    return classify.document_kind(paras)


def check(path: Path) -> list[Finding]:
    """Every finding for the document at ``path``, document-wide ones first, then by paragraph."""
    path = Path(path)
    try:
        doc, styles, paras = _read(path)
        kind = classify.document_kind(paras)
        findings: list[Finding] = []
        foot = colophon.colophon_section(doc, paras)
        if kind == classify.PLAN:
            findings += plan.check_sections(paras) + plan.check_responsibility(paras)
        if kind == classify.DEPARTMENTS:
            findings += departments.check_department_headers(doc, paras)
        if kind != classify.OTHER:
            findings += plan.check_numbering(paras)
        findings += (
            markers.check_markers(doc, paras)
            + page.check_page(doc)
            + page.check_grid(doc, styles)
            + page.check_page_numbers(doc, styles, foot.number if foot else None)
            + fonts.check_theme(doc)
            + fonts.check_autospace(paras, styles)
            + fonts.check_fonts(paras, styles)
            + titles.check_titles(doc, styles, paras)
        )
        if classify.is_notice(paras):
            findings += notice.check_notice(doc, styles, paras)
            if kind == classify.PLAN:  # the notice printed with its plan
                findings += colophon.check_colophon_page(doc, paras)
    except Malformed as exc:
        return [
            Finding(
                None, MALFORMED, _("the document is malformed: {reason}").format(reason=exc), ""
            )
        ]
    except RecursionError:
        return [Finding(None, MALFORMED, _("the document is malformed: it nests too deeply"), "")]
    return sorted(findings, key=lambda f: (f.paragraph is not None, f.paragraph or 0))
