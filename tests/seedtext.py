"""Read the seed plans in ../shared/seeds/ (or DRAFTER_SEEDS) into notice, goals and tasks, for scoring drafts.

The seed files are text extracted from published PDFs: spaces around figures, half-width brackets, lines
broken at page ends and one stray "and" are extraction artefacts, undone by `normal` before comparing.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.model import Emphasis, Role

SEEDS = Path(
    os.environ.get("DRAFTER_SEEDS", Path(__file__).resolve().parents[1] / "../shared/seeds")
)
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")

SEED_FILES = {
    "000": "000_6e1351865bab734d.txt",
    "002": "002_5e34bc8e7761755c.txt",
    "003": "003_2a4b5dd2cadd595a.txt",
}

# Slips in the published seeds that drafter writes correctly; undone before scoring, each named here.
SLIPS = {
    "000": {
        "现印发你们": "现印发给你们",
        "-2025年": "—2025年",
        "(2021-2035年)": "（2021—2035年）",
        "（2021-2035年）": "（2021—2035年）",
    },
    "003": {" and ": "和"},
    # seed 002 was published with half-width punctuation, and its task 4 lost the 。 after its title
    "002": {",": "，", ";": "；", ":": "：", "集聚优化财政": "集聚。优化财政"},
}

HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^。]*$")
RESP = re.compile(r"[（(]((?:责任单位：)?[^（()）]*?)[）)]$")


def normal(text: str) -> str:
    """Extraction artefacts out: spaces, half-width brackets."""
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）")


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class SeedTask:
    number: str  # "1" or "2.3"
    title: str
    body: str  # without the responsibility list
    duty: str  # the responsibility list, brackets included

    @property
    def text(self) -> str:
        return f"{self.title}。{self.body}" if self.title else self.body


def split_task(paragraph: str) -> tuple[str, str, str]:
    """'title。body（duty）' -> (title, body, duty)."""
    m = RESP.search(paragraph)
    duty = paragraph[m.start() :] if m else ""
    rest = paragraph[: m.start()] if m else paragraph
    title, _, body = rest.partition("。")
    return title, body, duty


def departments(duty: str, prefix: str, known: set[str]) -> list[str]:
    """The units a responsibility list names, with a shared level prefix written out again
    (seed 003 writes 市发展改革局、科学技术局 for 市发展改革局、市科学技术局)."""
    inner = duty.strip("（）()")
    inner = inner.removeprefix("责任单位：")
    inner = re.sub(r"(等按职责分工负责|按职责分工负责|负责)$", "", inner)
    head, sep, tail = inner.partition("等部门、单位")
    names = [n for n in re.split(r"[、，]", head + ("、" + tail.lstrip("，") if tail else "")) if n]
    out, prev_gov = [], False
    for name in names:
        full = name
        if prev_gov and prefix + name in known:
            full = prefix + name
        prev_gov = full.startswith(prefix) and not full.startswith(prefix + "委")
        out.append(full)
    return out


@dataclass
class Seed:
    key: str
    lines: list[str]  # paragraphs, page breaks mended, artefacts normalised

    @property
    def notice_title(self) -> str:
        start = next(i for i, t in enumerate(self.lines) if "关于印发" in t)
        start -= self.lines[start - 1].endswith("人民政府")  # the issuer on a line of its own
        end = next(i for i in range(start, len(self.lines)) if self.lines[i].endswith("知"))
        return "".join(self.lines[start : end + 1])

    @property
    def notice_body(self) -> str:
        return next(t for t in self.lines if "同意，现" in t)

    def section(self, start: str, end: str) -> list[str]:
        i = self.lines.index(start)
        j = self.lines.index(end, i)
        return self.lines[i + 1 : j]

    def goals(self, heading: str, next_heading: str) -> list[str]:
        """The goal section's paragraphs, each cut into sentences (。)."""
        out = []
        for para in self.section(heading, next_heading):
            para = re.sub(r"^（[一二三四五六七八九十]+）[^。]+。", "", para)
            out += [s + "。" for s in para.split("。") if s]
        return out

    def tasks(self, heading: str, next_heading: str) -> list[SeedTask]:
        out, group, n = [], 0, 0
        for para in self.section(heading, next_heading):
            if re.match(r"^（[一二三四五六七八九十]+）[^。]*$", para):
                group, n = group + 1, 0
                continue
            m = re.match(r"^(\d+)\.(.*)$", para)
            if m:
                n = int(m.group(1))
                title, body, duty = split_task(m.group(2))
            else:  # a group of one untitled paragraph (seed 003's （七）)
                n += 1
                _, body, duty = split_task("。" + para)
                title = ""
            number = f"{group}.{n}" if self.key == "003" else str(n)
            out.append(SeedTask(number, title, body, duty))
        return out


def load(key: str) -> Seed:
    raw = (SEEDS / SEED_FILES[key]).read_text(encoding="utf-8")
    for wrong, right in SLIPS[key].items():
        raw = raw.replace(wrong, right)
    paras: list[str] = []
    for line in raw.splitlines():
        line = normal(line)
        if not line:
            continue
        starts_item = re.match(
            r"^(（[一二三四五六七八九十]+）|\d+\.|[一二三四五六七八九十]+、|-|附件)", line
        )
        broken = (
            paras
            and not starts_item
            and not paras[-1].endswith(("。", "：", "）", "知"))
            and not HEADING.match(paras[-1])
        )
        if key == "003" and (broken or line.startswith("（责任单位")):
            paras[-1] += line  # a line broken at a page end
        else:
            paras.append(line)
    return Seed(key, paras)


# -- the drafted side: a document model's plan, read as the seeds are read --
def section(doc, heading: str):
    """The plan's paragraphs under a level-1 heading (given without its number)."""
    plan = next(p for p in doc.parts if p.name == "plan")
    out, inside = [], False
    for block in plan.blocks:
        if getattr(block, "role", None) == Role.HEADING1:
            inside = block.text.split("、", 1)[1] == heading
            continue
        if inside:
            out.append(block)
    return out


def drafted_tasks(doc):
    """(number, title, body, responsibility list) of each task paragraph."""
    out = []
    for para in section(doc, "重点任务"):
        if para.role == Role.BODY and para.spans[0].emphasis == Emphasis.LEAD3:
            lead, body, duty = (s.text for s in para.spans)
            out.append((lead.split(".", 1)[1].rstrip("。"), body, duty))
    return out
