"""The HTML writer: the web preview is the document model, escaped, with computed figures marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from drafter import api
from drafter.writers import html

ROOT = Path(__file__).resolve().parent.parent


def sample(**changes: object) -> dict:
    data = yaml.safe_load((ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    return data


def draft(data: dict):
    return api.draft(api.load_profile(data, name="sample.yaml"))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br"):
            self._open.append(tag)
        self.tags.append((tag, ""))

    def handle_endtag(self, tag):
        assert self._open.pop() == tag

    def handle_data(self, data):
        if self.tags:
            self.tags[-1] = (self.tags[-1][0], self.tags[-1][1] + data)


def test_headings_and_title_come_from_the_model():
    document = draft(sample())
    page = html.fragment(document)
    headings = re.findall(r'<h2 class="heading1">(.*?)</h2>', page)
    model = [p.text for p in document.paragraphs() if p.role.value == "heading1"]
    assert headings == model
    assert headings[0] == "一、指导思想"
    assert f'<h1 class="title">{document.title}</h1>' in page


def test_task_lead_and_responsibility_list():
    document = draft(sample())
    page = html.fragment(document)
    first = document.tasks[0]
    assert f'<strong class="lead3">{first.label}{first.title}。</strong>' in page
    assert first.lead[0] in page


def test_computed_figure_is_marked_with_its_note():
    data = sample(
        county={**sample()["county"], "population": 400000},
        indicators={
            "valid_invention_patents": {"baseline": {"value": 1000, "year": 2023}, "growth": 0.1}
        },
    )
    document = draft(data)
    notes = [s.note for p in document.paragraphs() for s in p.spans if s.note]
    assert notes, "the growth figure is computed, so it carries a note"
    page = html.fragment(document)
    marks = re.findall(r'<mark class="computed" title="([^"]*)">', page)
    assert marks[0] == notes[0]
    assert f'<li id="note-1">{notes[0]}</li>' in page
    plain = html.to_bytes(document, comments=False).decode()
    assert "<mark" not in plain


def test_profile_text_is_escaped():
    data = sample(industries=["<script>alert(1)</script>竹木"])
    page = html.render(draft(data))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;竹木" in page
    parser = _Text()
    parser.feed(page)
    assert parser._open == [], "every tag is closed"
