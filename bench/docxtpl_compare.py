"""drafter's own .docx writer against the same draft filled into a docxtpl template.

    python3 bench/docxtpl_compare.py PROFILE_DIR [--limit 100]

The template is generated with python-docx through drafter's own writer (public API only), so page
setup, styles and each paragraph's layout are the same in both files; Jinja tags give the structure: notice,
title, preamble, sections, principles/goals/safeguards items, task groups with tasks and their
responsibility text, the attachment list. The text comes from drafter's own model
(compose.plan), so both documents say the same thing, a title's line breaks (compose/titles.py) included;
the script checks that their body text is equal, paragraph by paragraph, line breaks and all.

Both sides exclude model composition: every profile is composed once beforehand, then each side
renders and saves all of them in this one process, on one core. Attachments (tables) are not in the
template, so drafter is timed twice: on the same content (notice + plan, no review comments) and on
the full document as `drafter build` writes it (attachments, review comments).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import docx  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from drafter import library  # noqa: E402
from drafter.compose import plan as compose  # noqa: E402
from drafter.compose import titles  # noqa: E402
from drafter.model import Document, Emphasis, Paragraph, Part, Role, Span  # noqa: E402
from drafter.profile import load as profiles  # noqa: E402
from drafter.writers.docx import DocxWriter  # noqa: E402


def make_template(path: Path) -> None:
    """A docxtpl template with the draft's structure, laid out by drafter's own writer.

    The template is itself a drafter document whose text is Jinja: `{{ … }}` in the spans, and
    docxtpl's paragraph tags (`{%p … %}`) as paragraphs of their own, which docxtpl removes.
    """

    def p(role: Role, *texts: str, lead: Emphasis | None = None) -> Paragraph:
        spans = [
            Span(t, lead if (lead and i == 0) else Emphasis.PLAIN) for i, t in enumerate(texts)
        ]
        return Paragraph(role, spans)

    def tag(text: str) -> Paragraph:
        return Paragraph(Role.BODY, [Span(text)])

    notice = [
        p(Role.ORGAN_MARK, "{{ n.organ_mark }}"),
        tag("{%p if n.doc_number %}"),
        p(Role.DOC_NUMBER, "{{ n.doc_number }}"),
        tag("{%p endif %}"),
        *[
            p(role, f"{{{{ n.{role.value} }}}}")
            for role in (Role.TITLE, Role.ADDRESSEE, Role.BODY, Role.SIGNATURE, Role.DATE)
        ],
        tag("{%p if n.note %}"),
        p(Role.NOTE, "{{ n.note }}"),
        tag("{%p endif %}"),
    ]
    plan = [
        p(Role.TITLE, "{{ plan_title }}"),
        p(Role.BODY, "{{ preamble }}"),
        tag("{%p for s in sections %}"),
        p(Role.HEADING1, "{{ s.heading }}"),
        tag("{%p for x in s.paras %}"),
        p(Role.BODY, "{{ x.lead }}", "{{ x.text }}", lead=Emphasis.LEAD2),
        tag("{%p endfor %}"),
        tag("{%p for g in s.groups %}"),
        p(Role.HEADING2, "{{ g.title }}"),
        tag("{%p for t in g.tasks %}"),
        p(Role.BODY, "{{ t.lead }}", "{{ t.body }}", "{{ t.duty }}", lead=Emphasis.LEAD3),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        tag("{%p if attachment_list %}"),
        p(Role.ATTACHMENT_LIST, "{{ attachment_list[0] }}"),
        tag("{%p endif %}"),
        tag("{%p for line in attachment_list[1:] %}"),
        p(Role.ATTACHMENT_LIST_MORE, "{{ line }}"),
        tag("{%p endfor %}"),
    ]
    template = Document(
        title="{{ plan_title }}",
        parts=[Part("notice", notice), Part("plan", plan)],
        header_text="{{ header_text }}",
    )
    DocxWriter(comments=False).build(template).save(str(path))


TEXT_COMPARED = 10  # drafts whose two files are read back and compared


def shown(paragraph: Paragraph) -> str:
    """A paragraph's text as its file holds it: a title's lines joined by line breaks, which
    docxtpl writes as <w:br/> from "\\n" and drafter's writer from Paragraph.breaks."""
    return "\n".join(titles.lines(paragraph.text, paragraph.breaks))


def context(document: Document) -> dict[str, Any]:
    """The template's context, read from drafter's model (notice and plan parts)."""
    notice_part, plan_part = document.parts[0], document.parts[1]
    ctx: dict[str, Any] = {
        "n": {b.role.value: shown(b) for b in notice_part.blocks},
        "header_text": document.header_text or "",
        "sections": [],
        "attachment_list": [],
    }
    ctx["plan_title"], ctx["preamble"] = shown(plan_part.blocks[0]), shown(plan_part.blocks[1])
    for b in plan_part.blocks[2:]:
        if not isinstance(b, Paragraph):
            continue
        if b.role is Role.HEADING1:
            ctx["sections"].append({"heading": shown(b), "paras": [], "groups": []})
        elif b.role is Role.HEADING2:
            ctx["sections"][-1]["groups"].append({"title": shown(b), "tasks": []})
        elif b.role in (Role.ATTACHMENT_LIST, Role.ATTACHMENT_LIST_MORE):
            ctx["attachment_list"].append(shown(b))
        elif b.spans[0].emphasis is Emphasis.LEAD3:
            ctx["sections"][-1]["groups"][-1]["tasks"].append(
                {
                    "lead": b.spans[0].text,
                    "body": "".join(s.text for s in b.spans[1:-1]),
                    "duty": b.spans[-1].text,
                }
            )
        else:
            lead = b.spans[0].text if b.spans[0].emphasis is Emphasis.LEAD2 else ""
            ctx["sections"][-1]["paras"].append({"lead": lead, "text": b.text[len(lead) :]})
    return ctx


def same_content(document: Document) -> Document:
    """The part of the draft the template carries: notice and plan."""
    return Document(
        title=document.title, parts=document.parts[:2], header_text=document.header_text
    )


def body_text(path: Path) -> str:
    """The body's text, paragraphs joined: drafter may carry a notice's last line over with its
    sign-off as a paragraph of its own (writers/docx_carry), which a template cannot know."""
    return "".join(p.text for p in docx.Document(str(path)).paragraphs)


def compare(paths: list[Path]) -> dict[str, Any]:
    """Time composition, docxtpl and drafter's writer over ``paths``; seconds per side, all in-process."""
    lib = library.load()
    t0 = time.perf_counter()
    documents = [compose.plan(profiles.load(p, lib), lib) for p in paths]
    t_compose = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="drafter-tpl-") as tmp:
        out = Path(tmp)
        template = out / "template.docx"
        make_template(template)
        contexts = [context(d) for d in documents]

        def tpl(i: int) -> Path:
            t = DocxTemplate(str(template))
            t.render(contexts[i], autoescape=True)
            t.save(str(out / f"tpl-{i}.docx"))
            return out / f"tpl-{i}.docx"

        def own(i: int, full: bool) -> Path:
            writer = DocxWriter() if full else DocxWriter(comments=False)
            writer.build(documents[i] if full else same_content(documents[i])).save(
                str(out / f"own-{i}.docx")
            )
            return out / f"own-{i}.docx"

        tpl(0), own(0, False), own(0, True)  # warm up imports and caches
        result: dict[str, Any] = {"profiles": len(paths), "compose_s": t_compose}
        for name, fn in (
            ("docxtpl_s", lambda i: tpl(i)),
            ("drafter_same_s", lambda i: own(i, False)),
            ("drafter_full_s", lambda i: own(i, True)),
        ):
            t0 = time.perf_counter()
            for i in range(len(documents)):
                fn(i)
            result[name] = time.perf_counter() - t0
        compared = range(min(TEXT_COMPARED, len(paths)))
        result["text_equal"] = all(body_text(tpl(i)) == body_text(own(i, False)) for i in compared)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("profile_dir", type=Path)
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()
    paths = sorted(args.profile_dir.glob("*.yaml"))[: args.limit]
    r = compare(paths)
    n = r["profiles"]
    print(f"{n} profiles, one process, one core; ms per draft (s in all)")
    print(f"  compose (drafter's model, both sides)  {r['compose_s'] / n * 1000:7.1f}")
    sides = [
        ("docxtpl: fill the template, save", "docxtpl_s"),
        ("drafter's writer, same content", "drafter_same_s"),
        ("drafter's writer, full draft", "drafter_full_s"),
    ]
    print("  " + " | ".join(f"{label:>34}" for label, _ in sides))
    print("  " + " | ".join(f"{r[k] / n * 1000:>25.1f} ({r[k]:5.2f} s)" for _, k in sides))
    print(
        f"same body text in both files (first {min(TEXT_COMPARED, n)}): {r['text_equal']}; "
        f"drafter's full draft no slower than docxtpl: {r['drafter_full_s'] <= r['docxtpl_s']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
