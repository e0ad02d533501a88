"""The 版头 and the sign-off of a 公文 (a cover notice or any document with a masthead or a
发文字号), checked by the modules of each part: the masthead and red rule (masthead.py), or a
信函's (letter.py); 署名, 成文日期 and 附注 (signoff.py); 附件说明 (attachment_note.py); 版记
(colophon.py)."""

from __future__ import annotations

from . import attachment_note, colophon, letter, masthead, signoff
from .classify import Para
from .document import Doc
from .findings import Finding
from .styles import Styles


def check_notice(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    if letter.letter_masthead(paras) is not None:  # 信函格式 (10.1): its own 版头 and 版记
        head = letter.check_letter(doc, styles, paras)
        tail = letter.check_letter_colophon(paras)
    else:
        head = masthead.check_masthead(doc, styles, paras) + masthead.check_red_rule(
            doc, styles, paras
        )
        tail = colophon.check_colophon(doc, styles, paras)
    return (
        head
        + signoff.check_sign_off(doc, styles, paras)
        + attachment_note.check_attachment_note(doc, styles, paras)
        + tail
    )
