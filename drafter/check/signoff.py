"""The sign-off of a 公文: 署名 and 成文日期 in the sealed, the unsealed or the signed layout
(7.3.5), and the 附注 on the line after the date, two characters in (7.3.6). Signed (7.3.5.3):
the line above the date holds the 签发人's post, 2 characters left of the 签名章 (stamped by
hand, 右空四字), and the date stands a blank line below, 4 characters from the right."""

from __future__ import annotations

from .. import layout as L
from ..i18n import _
from .classify import Para
from .document import Doc
from .findings import NOTE, SIGNATURE, Finding, fmt
from .geometry import CHAR_TOLERANCE, blank_lines_before, span
from .styles import Styles


def sign_off_layout(
    doc: Doc, styles: Styles, signature: Para, date: Para, gap: float = 0.0
) -> str | None:
    """sealed, unsealed, signed or None: which layout of 7.3.5 the 署名 (or, signed, the
    签发人's post) and 成文日期 follow; ``gap``: blank lines between them."""
    section = doc.section_of(date.index)
    sig = span(doc, styles, signature.element, signature.text, section)
    day = span(doc, styles, date.element, date.text, section)
    tol = CHAR_TOLERANCE
    # Sealed: the date 右空四字, the 署名 centred on it; a 署名 too long to centre there moves the
    # date left just far enough for the 署名 to end within the type area ("一般右空四字").
    if abs(sig.centre - day.centre) <= tol and (
        abs(day.right_space - L.SEALED_DATE_RIGHT_CHARS) <= tol
        or (day.right_space > L.SEALED_DATE_RIGHT_CHARS and -tol <= sig.right_space <= tol)
    ):
        return "sealed"
    shift = L.UNSEALED_DATE_SHIFT_CHARS
    right = L.UNSEALED_SIGNATURE_RIGHT_CHARS
    if abs(day.start - sig.start - shift) <= tol and (
        abs(sig.right_space - right) <= tol
        or (abs(day.right_space - right) <= tol and sig.right_space > right)
    ):
        return "unsealed"
    # Signed: a blank line between, the date 右空四字, the post ending far enough left for the
    # stamp (右空四字) and the two characters between them.
    if (
        abs(gap - L.SIGNED_DATE_LINES_BEFORE) <= 0.3
        and abs(day.right_space - L.SEALED_DATE_RIGHT_CHARS) <= tol
        and sig.right_space >= L.SIGNED_NAME_RIGHT_CHARS + L.SIGNED_POST_GAP_CHARS - tol
    ):
        return "signed"
    return None


def check_sign_off(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    findings = []
    for i, date in enumerate(paras):
        if date.kind != "date" or date.region == "plan":
            continue
        signature = next((p for p in reversed(paras[:i]) if p.kind != "empty"), None)
        if signature is None or signature.kind != "signature":
            continue
        section = doc.section_of(date.index)
        gap = blank_lines_before(paras, i, styles, section)
        layout = sign_off_layout(doc, styles, signature, date, gap)
        if layout is None:
            sig = span(doc, styles, signature.element, signature.text, section)
            day = span(doc, styles, date.element, date.text, section)
            findings.append(
                Finding.of(
                    SIGNATURE,
                    _(
                        "the 署名 ends {sig_right} characters from the right and the date {date_right};"
                        " the date starts {shift} characters right of the 署名. Sealed (7.3.5.1): the"
                        " date 4 characters from the right, the 署名 centred above it; unsealed"
                        " (7.3.5.2): the 署名 2 characters from the right, the date starting 2"
                        " characters right of it; signed (7.3.5.3): the signer's post 2 characters"
                        " left of the 签名章 (4 from the right), the date a blank line below, 4"
                        " characters from the right"
                    ).format(
                        sig_right=fmt(sig.right_space),
                        date_right=fmt(day.right_space),
                        shift=fmt(day.start - sig.start),
                    ),
                    signature.index,
                    signature.excerpt,
                )
            )
        elif layout == "unsealed":
            j = paras.index(signature)
            blank = blank_lines_before(paras, j, styles, section)
            if abs(blank - 1) > 0.3:
                findings.append(
                    Finding.of(
                        SIGNATURE,
                        _(
                            "an unsealed 署名 stands one blank line below the text (7.3.5.2); here"
                            " {lines} lines"
                        ).format(lines=fmt(blank)),
                        signature.index,
                        signature.excerpt,
                    )
                )
        findings += _note(doc, styles, paras, i)
    return findings


def _note(doc: Doc, styles: Styles, paras: list[Para], i: int) -> list[Finding]:
    if i + 1 >= len(paras):
        return []
    j = next((k for k in range(i + 1, len(paras)) if paras[k].kind != "empty"), None)
    if j is None or paras[j].kind != "note":
        return []
    note = paras[j]
    section = doc.section_of(note.index)
    blank = blank_lines_before(paras, j, styles, section)
    where = span(doc, styles, note.element, note.text, section)
    problems = []
    if blank > 0.3:
        problems.append(
            _("it stands {lines} blank lines below the date, not on the next line").format(
                lines=fmt(blank)
            )
        )
    if abs(where.start - L.NOTE_LEFT_CHARS) > CHAR_TOLERANCE:
        problems.append(
            _("it starts {chars} characters from the left, not 2").format(chars=fmt(where.start))
        )
    return [
        Finding.of(NOTE, _("附注: {problem}").format(problem=p), note.index, note.excerpt)
        for p in problems
    ]
