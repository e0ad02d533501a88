"""The 印发通知 (cover notice) and the 版记 (imprint): texts from templates/text/notice.yaml and
imprint.yaml, in the forms GB/T 9704 gives them."""

from __future__ import annotations

from ..errors import DrafterError
from ..i18n import _
from ..model import Imprint, Masthead, Paragraph, Part, Role, SignOff, Span
from . import figures
from .render import Where
from .scope import Scope


def _where(key: str) -> Where:
    return Where("templates/text/notice.yaml", None, key)


def notice_part(scope: Scope) -> Part:
    t = scope.lib.notice
    notice = scope.ctx["notice"]
    forward = "forward" in notice
    title_key = "forward_title" if forward else "title"
    body_key = "forward" if forward else f"approval.{notice['approval']}"
    body = t["forward"] if forward else t["approval"][notice["approval"]]
    p = [
        *head(scope),
        Paragraph(Role.TITLE, [Span(scope.render(t[title_key], _where(title_key)))]),
        addressee(scope),
        Paragraph(Role.BODY, [Span(scope.render(body, _where(body_key)))]),
        *foot(scope),
    ]
    return Part("notice", p)


def head(scope: Scope) -> list[Paragraph]:
    """发文机关标志 and 发文字号: above a notice's title, or above the body of a genre issued as a
    document of its own (parts: [issued, …])."""
    p = [organ_mark(scope)]
    if "doc_number" in scope.ctx["notice"]:
        number = scope.render(scope.lib.notice["doc_number"], _where("doc_number"))
        p.append(Paragraph(Role.DOC_NUMBER, [Span(number)]))
    elif scope.ctx["notice"]["masthead"] != Masthead.LETTER.value:
        # its line kept empty until the number is assigned, so the red rule under it and the
        # title stand where they will then (a 信函 prints its number beside the text instead)
        p.append(Paragraph(Role.DOC_NUMBER, []))
    return p


def addressee(scope: Scope) -> Paragraph:
    """主送机关, under the title."""
    text = scope.render(scope.lib.notice["addressees"], _where("addressees"))
    return Paragraph(Role.ADDRESSEE, [Span(text)])


def foot(scope: Scope) -> list[Paragraph]:
    """署名, 成文日期 and the 附注 (此件公开发布) where the notice is public."""
    p = sign_off(scope)
    if scope.ctx["notice"]["public"]:
        note = scope.render(scope.lib.notice["public_note"], _where("public_note"))
        p.append(Paragraph(Role.NOTE, [Span(note)]))
    return p


def organ_mark(scope: Scope) -> Paragraph:
    """发文机关标志: "…文件", or the organ's name alone on a 信函 (10.1)."""
    if scope.ctx["notice"]["masthead"] == Masthead.LETTER.value:
        source = scope.lib.imprint["letter_mark"]
        where = Where("templates/text/imprint.yaml", None, "letter_mark")
    else:
        source, where = scope.lib.notice["organ_mark"], _where("organ_mark")
    return Paragraph(Role.ORGAN_MARK, [Span(scope.render(source, where))])


def sign_off(scope: Scope) -> list[Paragraph]:
    """署名 and 成文日期; a signed notice has the 签发人's post instead of the organ (7.3.5.3)."""
    notice = scope.ctx["notice"]
    date = Paragraph(Role.DATE, [Span(notice["date_text"])])
    if notice["seal"] != SignOff.SIGNED.value:
        return [Paragraph(Role.SIGNATURE, [Span(notice["issuer"])]), date]
    if not notice.get("signer_post"):
        raise DrafterError.single(
            *scope.loc("notice", "seal"),
            _("a signed notice (seal: signed) needs the signer's post in notice.signer_post"),
        )
    return [Paragraph(Role.SIGNER_POST, [Span(notice["signer_post"])]), date]


def imprint(scope: Scope) -> Imprint:
    """版记 (7.4): 抄送 from the profile, 印发机关 and 印发日期 defaulting to the issuer's office
    and the notice date."""
    notice, text = scope.ctx["notice"], scope.lib.imprint

    def where(key: str) -> Where:
        return Where("templates/text/imprint.yaml", None, key)

    printer = notice.get("printer") or scope.render(text["printer"], where("printer"))
    printed = scope.render(
        text["printed"],
        where("printed"),
        date=figures.date(notice.get("print_date") or notice["date"]),
    )
    cc = notice.get("cc") or []
    cc_line = text["cc_label"] + text["cc_separator"].join(cc) + text["cc_end"] if cc else None
    return Imprint(printer=printer, printed=printed, cc=cc_line, cc_label=text["cc_label"])
