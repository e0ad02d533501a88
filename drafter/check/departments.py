"""A department list's own rule (issue 11): every page's header names the plan, so that a page
handed to one department on its own still says which plan its tasks come from."""

from __future__ import annotations

import re

from ..i18n import _
from .classify import Para
from .document import Doc
from .findings import DEPARTMENT_HEADER, Finding
from .ooxml import W, para_text
from .patterns import BOOK_CLOSE, BOOK_OPEN

# a book title: 《…》, the marks templates/text/joins.yaml prints it in
_OPEN, _CLOSE = BOOK_OPEN, BOOK_CLOSE
_QUOTED = re.compile(f"{re.escape(_OPEN)}([^{re.escape(_OPEN + _CLOSE)}]+){re.escape(_CLOSE)}")


def plan_name(paras: list[Para]) -> str | None:
    """The plan the list belongs to: the 《…》 in its title."""
    for para in paras:
        if para.kind == "title":
            m = _QUOTED.search(para.text.replace("\n", ""))
            if m:
                return m.group(1)
    return None


def check_department_headers(doc: Doc, paras: list[Para]) -> list[Finding]:
    name = plan_name(paras)
    if not name:
        return []
    squeeze = re.compile(r"\s+")
    missing = []
    for s in doc.sections:
        for kind in ("default", "even") if "even" in s.headers else ("default",):
            part = s.headers.get(kind)
            text = "".join(para_text(p) for p in doc.pkg.xml(part).iter(W + "p")) if part else ""
            if squeeze.sub("", name) not in squeeze.sub("", text):
                missing.append(s.number)
                break
    if not missing:
        return []
    return [
        Finding(
            None,
            DEPARTMENT_HEADER,
            _("the page header of section {sections} does not name the plan {plan}").format(
                sections=", ".join(map(str, sorted(set(missing)))), plan=_OPEN + name + _CLOSE
            ),
            "",
        )
    ]
