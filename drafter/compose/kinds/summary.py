"""summary: paragraphs that sum figures up in words (a report's "完成预期目标的74%"). Without
`records`, one paragraph of the section's text over the document's facts; with them, one per
record (its fields as the text's variables), or the `empty` text when none is left. A text that
renders empty (nothing unreported) prints nothing."""

from __future__ import annotations

from ...library.documents import DocSection
from .base import Built, body
from .sheet import Sheet


def build(sheet: Sheet, section: DocSection) -> Built:
    text = section.text or ""
    if section.records is None:
        said = [sheet.say(text)]
    else:
        said = [sheet.say(text, **record) for record in sheet.rows(section, section.records)]
        if not said and section.empty:
            said = [sheet.say(section.empty)]
    return Built([body(line) for line in said if line])
