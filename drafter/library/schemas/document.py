"""The schema of templates/genres/<id>/document.yaml: a document drafted beside a plan (the
progress report, the department list), its texts file and its sections.

The shape and the keys any section may have; which keys a section's kind reads, and that each
text it names is in its texts file, is library/documents.py's to check."""

from __future__ import annotations

from typing import Any

from ...layout import TABLE_WIDTHS_MM
from ..documents import DOCUMENT_KINDS, TEXT_KEYS
from .base import ID, list_of, mapping, one_of, req, text


def section_rule() -> dict[str, Any]:
    """One section: every key some kind reads (library/documents.py's tables, kept equal by
    tests/test_library_types.py)."""
    return mapping(
        {
            "id": req(text(regex=ID)),
            "kind": req(one_of(list(DOCUMENT_KINDS))),
            **{key: text() for key in TEXT_KEYS},  # keys of the texts file
            "repeat": text(regex=ID),  # the records the section repeats over
            "keep": {"type": "boolean"},
            "records": text(regex=ID),
            "where": {"type": "dict", "keysrules": text(regex=ID), "valuesrules": text()},
            "cells": list_of(text(regex=ID), minlength=1),  # a record field per column
            "widths": one_of(list(TABLE_WIDTHS_MM)),
            "lists": list_of(
                mapping(
                    {
                        "heading": req(text()),
                        "entries": req(text(regex=ID)),
                        # shown only when a flag of the context is true (when) or false (unless)
                        "when": text(regex=ID),
                        "unless": text(regex=ID),
                    }
                ),
                minlength=1,
            ),
        }
    )


def document_rule() -> dict[str, Any]:
    """document.yaml: what it is, the texts file every word comes from, its title and sections."""
    return mapping(
        {
            "id": req(text(regex=ID)),
            "summary": req(text()),
            "texts": req(text()),  # a file in templates/text/ (documents.py checks it is there)
            "title": req(text()),
            "sections": req(list_of(section_rule(), minlength=1)),
        }
    )
