"""Schemas of templates/text/*.yaml: the keys compose and the checker read from each, required."""

from __future__ import annotations

from typing import Any

from .base import (
    list_of,
    mapping,
    req,
    text,
    text_file,
    text_value,
    texts,
)

HEADING_LEVELS = ("level1", "level2", "level3", "level4")  # text/numbering.yaml's marks
NUMBER_SLOT = "{n}"  # where a heading mark's number goes (numbering.yaml level1: "{n}、")
# text/check.yaml: the regular expressions and words `drafter check` reads a .docx by
# (drafter/check/patterns.py); library/crosscheck.py compiles each pattern
CHECK_PATTERNS = (
    *("attachment_note", "attachment_note_label", "attachment_item", "attachment_label"),
    *("doc_number", "date", "note", "bracketed"),
    *("copy_to", "issued", "item_number", "sentence", "sentence_end", "duty_prefix", "duty_suffix"),
)
CHECK_FONTS = ("fangsong", "heiti", "kaiti", "xiaobiaosong")  # families drafter/layout.py names


def _check_text() -> dict[str, Any]:
    words = list_of(text(), minlength=1, required=True)
    return mapping(
        {
            "patterns": req(mapping(texts(*CHECK_PATTERNS))),
            "typed_as": req(
                {"type": "dict", "keysrules": text(maxlength=1), "valuesrules": text()}
            ),
            # heading numbers are read by numbering.yaml's marks (drafter/check/patterns.py)
            "heading_numbers": req(
                mapping(
                    {
                        "arabic": req(text()),
                        **{
                            level: mapping({"gap": text(), "guard": text()})
                            for level in HEADING_LEVELS
                        },
                    }
                )
            ),
            **texts("open_brackets", "close_brackets", "task_end"),
            "kind_words": req(mapping({"departments": words, "report": words})),
            "title_styles": words,
            "page_number_dashes": words,
            "fonts": req(mapping(dict.fromkeys(CHECK_FONTS, words))),
            "chinese_faces": words,
        }
    )


def text_schemas() -> dict[str, dict[str, Any]]:
    """templates/text/*.yaml: the keys compose reads from each, required."""
    pair = mapping(texts("one", "many"), allow_unknown=text_value())
    return {
        "text/check.yaml": _check_text(),
        "text/departments.yaml": text_file(
            texts("title", "intro", "lead", "partner", "item_label", "item", "none")
        ),
        "text/figures.yaml": mapping(
            {
                "compact_from": req({"type": "integer", "min": 1}),
                "compact_step": req({"type": "integer", "min": 1}),
                "compact_digits": req({"type": "integer", "min": 0}),
            }
        ),
        "text/imprint.yaml": text_file(
            {
                **texts("printer", "letter_mark", "cc_label", "cc_end", "cc_separator", "printed"),
                "title_words": list_of(text(), required=True),
            }
        ),
        "text/joins.yaml": text_file(
            texts("sep", "last", "book_open", "book_close", "unknown", "cut")
        ),
        # crosscheck.py: ten digits, and each level's mark holds its {n} once
        "text/numbering.yaml": mapping(texts("digits", "ten", *HEADING_LEVELS)),
        "text/notes.yaml": text_file(texts("growth", "per_10k", "held")),
        "text/notice.yaml": text_file(
            {
                **texts(
                    "organ_mark",
                    "doc_number",
                    "title",
                    "forward_title",
                    "addressees",
                    "forward",
                    "public_note",
                ),
                "approval": req(
                    mapping(
                        texts(
                            "government", "study", "meeting", "party_government", "consent", "none"
                        )
                    )
                ),
            }
        ),
        "text/report.yaml": text_file(
            {
                **texts(
                    "title",
                    "when",
                    "intro",
                    "tally",
                    "growth",
                    "growth_cell",
                    "indicator",
                    "unreported",
                    "behind",
                    "since",
                    "none_behind",
                    "baseline_cell",
                    "empty",
                ),
                "columns": list_of(text(), minlength=1, required=True),
                "headings": req(mapping(texts("indicators", "behind"))),
                "status": req(mapping(texts("done", "on_track", "behind"))),
            }
        ),
        "text/reading.yaml": text_file(
            texts(
                "opening_marks",
                "closing_marks",
                "year_range",
                "short_note",
                "organ_break",
            )
        ),
        "text/responsibility.yaml": text_file(
            {
                "duty": req(pair),
                "listed": req(pair),
                "units": req(
                    mapping(
                        {
                            **texts("one", "many"),
                            "shorten": {"type": "boolean"},
                            "areas_last": {"type": "boolean"},
                        }
                    )
                ),
            }
        ),
        "text/titles.yaml": text_file(
            {
                **texts(
                    "attachment_label",
                    "attachment_list",
                    "attachment_item",
                    "members_office",
                    "member_title",
                    "deadline",
                    "table_none",
                ),
                "division_columns": list_of(text(), minlength=1, required=True),
                "indicator_columns": list_of(text(), minlength=1, required=True),
            }
        ),
    }


def text_file_rule() -> dict[str, Any]:
    """A text file this module does not know yet (a new one): a mapping of texts."""
    return {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": text_value()}
