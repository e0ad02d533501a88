"""7.3.4 附件说明: "附件：" two characters in, each further attachment's number under the first
one's, and a name that wraps continues under the name, not at the margin."""

from __future__ import annotations

from .. import layout as L
from ..i18n import _
from .classify import Para
from .document import Doc
from .findings import ATTACHMENT_INDENT, Finding, fmt
from .geometry import CHAR_TOLERANCE, page, text_width
from .patterns import ATTACHMENT_ITEM, ATTACHMENT_NOTE_LABEL
from .styles import Styles


def _label_width(text: str) -> tuple[float, float]:
    """Width of "附件：" and of the "1." after it, in characters."""
    m = ATTACHMENT_NOTE_LABEL.match(text)
    if not m:
        return 0.0, 0.0
    return text_width(m.group(1)), text_width(m.group(2) or "")


def check_attachment_note(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    findings = []
    for i, para in enumerate(paras):
        if para.kind != "attachment_note":
            continue
        group = [para]
        for more in paras[i + 1 :]:
            if more.kind == "body" and ATTACHMENT_ITEM.match(more.text):
                group.append(more)
            else:
                break
        label, number = _label_width(para.text)
        for k, item in enumerate(group):
            section = doc.section_of(item.index)
            size = styles.para_size(item.element)
            ind = styles.indents(item.element, size)
            width = page(section).type_width / size
            left, first = ind["left"] / size, ind["first"] / size
            start = left + first
            if k == 0:
                name_at = start + label + number
                if abs(start - L.ATTACHMENT_NOTE_LEFT_CHARS) > CHAR_TOLERANCE:
                    findings.append(
                        Finding.of(
                            ATTACHMENT_INDENT,
                            _("附件说明 starts {chars} characters from the left, not 2").format(
                                chars=fmt(start)
                            ),
                            item.index,
                            item.excerpt,
                        )
                    )
                number_at = start + label
            else:
                m = ATTACHMENT_ITEM.match(item.text)
                name_at = start + text_width(m.group(0) if m else "")
                if abs(start - number_at) > CHAR_TOLERANCE:
                    findings.append(
                        Finding.of(
                            ATTACHMENT_INDENT,
                            _(
                                "附件说明: this attachment's number starts {chars} characters from"
                                " the left, not under the first one's ({want})"
                            ).format(chars=fmt(start), want=fmt(number_at)),
                            item.index,
                            item.excerpt,
                        )
                    )
            lines = item.text.split("\n")
            wraps = len(lines) > 1 or text_width(lines[0]) > width - start - ind["right"] / size
            if wraps and abs(left - name_at) > CHAR_TOLERANCE:
                findings.append(
                    Finding.of(
                        ATTACHMENT_INDENT,
                        _(
                            "附件说明 wraps: its next line starts {chars} characters from the left,"
                            " not under the attachment's name ({want})"
                        ).format(chars=fmt(left), want=fmt(name_at)),
                        item.index,
                        item.excerpt,
                    )
                )
    return findings
