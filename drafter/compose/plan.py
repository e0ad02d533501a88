"""Profile + library -> document model. Chooses tasks, renders text, numbers headings, names departments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import DrafterError, Issue
from ..i18n import _
from ..layout import TABLE_WIDTHS_MM
from ..library import Library
from ..model import (
    Document,
    Emphasis,
    Imprint,
    Masthead,
    Paragraph,
    Part,
    Role,
    SignOff,
    Span,
    Table,
    TaskEntry,
)
from ..profile.fields import FRAMING, OWN_PRINCIPLES
from ..profile.load import Profile
from ..profile.yamlread import field_text
from ..rendering import Renderer, Where
from . import figures, joining, numbering, titles
from . import targets as targets_mod


def base_context(profile: Profile, lib: Library, renderer: Renderer) -> dict[str, Any]:
    """What every text about a county can say: its names, level words, programme and plan title."""
    county, programme = profile.data["county"], profile.data["programme"]
    ctx: dict[str, Any] = {
        "county": dict(county),
        # level words, with the county's own where its profile writes them (county.words)
        "lw": {**lib.levels[county["level"]], **county.get("words", {})},
        "programme": {
            "kind": programme["kind"],
            "batch": programme["batch"],
            "start": programme["period"]["start"],
            "end": programme["period"]["end"],
        },
    }
    ctx["plan_title"] = programme.get("title") or renderer.render(
        lib.titles["plan"], ctx, Where("templates/text/titles.yaml", None, "plan")
    )
    return ctx


@dataclass
class Composer:
    profile: Profile
    lib: Library
    renderer: Renderer

    # -- helpers ---------------------------------------------------------
    def lib_where(self, file: str, field: str) -> Where:
        return Where(f"templates/{file}", None, field)

    def profile_where(self, *path: Any) -> Where:
        file, line = self.profile.source.locate(path)
        return Where(file, line, field_text(path))

    def render(self, source: str, where: Where, **extra: Any) -> str:
        ctx = self.ctx if not extra else {**self.ctx, **extra}
        return self.renderer.render(source, ctx, where)

    # -- context -----------------------------------------------------------
    def build_context(self) -> None:
        d = self.profile.data
        lg = d["leading_group"]
        self.ctx: dict[str, Any] = base_context(self.profile, self.lib, self.renderer)
        self.ctx.update(
            {
                "industries": list(d["industries"]),
                "universities": list(d["universities"]),
                "funding_rules": d["funding_rules"],
                "framing": {key: d.get("framing", {}).get(key) for key in FRAMING},
                "params": self.task_params(),
                "leading_group": {
                    "name": lg.get("name", ""),
                    "short_name": lg.get("short_name", lg.get("name", "")),
                    "office_head": lg.get("office_head", ""),
                    "leader_post": lg.get("leader_post", ""),
                },
            }
        )
        named = [k for k in ("short_name", "members", "office_head") if k in lg]
        if named and "name" not in lg:
            raise DrafterError.single(
                *self._loc("leading_group"),
                _("name the group (leading_group.name): its {fields} are given").format(
                    fields=", ".join(named)
                ),
            )
        self.ctx["dept"] = self.resolve_departments()
        self.ctx["leading_group"]["office"] = lg.get("office") or self.ctx["dept"].get("market", "")
        if not self.ctx["leading_group"]["office"]:
            raise DrafterError.single(
                *self._loc("leading_group"), _("name the office (leading_group.office)")
            )
        notice = dict(d["notice"])
        notice["date_text"] = figures.date(notice["date"])
        notice.setdefault("title_issuer", notice["issuer"])
        notice.setdefault("approver", notice.get("approved_by") or self.ctx["lw"]["gov"])
        if notice["approval"] == "meeting":
            if "meeting" not in notice:
                raise DrafterError.single(
                    *self._loc("notice", "approval"),
                    _("approval by a 常务会议 needs notice.meeting.number"),
                )
            notice["meeting"] = {"year": None, "verb": "审议通过", **notice["meeting"]}
        self.ctx["notice"] = notice
        self.ctx["book"] = f"《{self.ctx['plan_title']}》"

    def task_params(self) -> dict[str, Any]:
        """tasks.params as the texts print them: counts with their unit (50人), names as written."""
        out: dict[str, Any] = {key: None for key in self.lib.task_params}
        for key, value in self.profile.data["tasks"].get("params", {}).items():
            spec = self.lib.task_params[key]
            out[key] = (
                figures.quantity(value, "count", spec["unit"]) if spec["kind"] == "count" else value
            )
        return out

    def _loc(self, *path: Any) -> tuple[str, int | None, str | None]:
        """file, line, field of a profile path, for DrafterError.single."""
        where = self.profile_where(*path)
        return where.file, where.line, where.field

    def resolve_departments(self) -> dict[str, str]:
        """Each role's name in this county: the profile's, else the level default. Roles with neither are absent."""
        level = self.profile.data["county"]["level"]
        named = self.profile.data["departments"]
        out: dict[str, str] = {}
        for role, spec in self.lib.roles.items():
            if role in named:
                out[role] = named[role]
            elif level in (spec.get("names") or {}):
                out[role] = self.render(
                    spec["names"][level], self.lib_where("catalogue/roles.yaml", f"roles.{role}")
                )
        return out

    # -- the document --------------------------------------------------------
    def document(self) -> Document:
        self.missing: list[Issue] = []
        self.build_context()
        plan = self.plan_part()
        if self.missing:
            raise DrafterError(list(dict.fromkeys(self.missing)))
        parts = [self.notice_part(), plan, *self.attachment_parts()]
        status = self.profile.data["plan"]["status"]
        names = titles.names_of(
            self.profile.data, [*self.ctx["dept"].values(), *self.lib.imprint["title_words"]]
        )
        return titles.shape(
            Document(
                title=self.ctx["plan_title"],
                parts=parts,
                header_text=None if status == "final" else status,
                tasks=self.task_entries,
                author=self.ctx["notice"]["issuer"],
                names=names,
                sign_off=SignOff(self.ctx["notice"]["seal"]),
                masthead=Masthead(self.ctx["notice"]["masthead"]),
                imprint=self.imprint(),
            )
        )

    def notice_part(self) -> Part:
        t = self.lib.notice
        where = lambda key: self.lib_where("text/notice.yaml", key)  # noqa: E731
        notice = self.ctx["notice"]
        forward = "forward" in notice
        title_key = "forward_title" if forward else "title"
        body_key = "forward" if forward else f"approval.{notice['approval']}"
        body = t["forward"] if forward else t["approval"][notice["approval"]]
        p = [
            self.organ_mark(),
            *(
                [
                    Paragraph(
                        Role.DOC_NUMBER, [Span(self.render(t["doc_number"], where("doc_number")))]
                    )
                ]
                if "doc_number" in self.ctx["notice"]
                else []
            ),
            Paragraph(Role.TITLE, [Span(self.render(t[title_key], where(title_key)))]),
            Paragraph(Role.ADDRESSEE, [Span(self.render(t["addressees"], where("addressees")))]),
            Paragraph(Role.BODY, [Span(self.render(body, where(body_key)))]),
            *self.sign_off(),
        ]
        if self.ctx["notice"]["public"]:
            p.append(
                Paragraph(Role.NOTE, [Span(self.render(t["public_note"], where("public_note")))])
            )
        return Part("notice", p)

    def organ_mark(self) -> Paragraph:
        """发文机关标志: "…文件", or the organ's name alone on a 信函 (10.1)."""
        if self.ctx["notice"]["masthead"] == Masthead.LETTER.value:
            source, where = (
                self.lib.imprint["letter_mark"],
                self.lib_where("text/imprint.yaml", "letter_mark"),
            )
        else:
            source, where = (
                self.lib.notice["organ_mark"],
                self.lib_where("text/notice.yaml", "organ_mark"),
            )
        return Paragraph(Role.ORGAN_MARK, [Span(self.render(source, where))])

    def sign_off(self) -> list[Paragraph]:
        """署名 and 成文日期; a signed notice has the 签发人's post instead of the organ (7.3.5.3)."""
        notice = self.ctx["notice"]
        date = Paragraph(Role.DATE, [Span(notice["date_text"])])
        if notice["seal"] != SignOff.SIGNED.value:
            return [Paragraph(Role.SIGNATURE, [Span(notice["issuer"])]), date]
        if not notice.get("signer_post"):
            raise DrafterError.single(
                *self._loc("notice", "seal"),
                _("a signed notice (seal: signed) needs the signer's post in notice.signer_post"),
            )
        return [Paragraph(Role.SIGNER_POST, [Span(notice["signer_post"])]), date]

    def imprint(self) -> Imprint:
        """版记 (7.4): 抄送 from the profile, 印发机关 and 印发日期 defaulting to the issuer's office
        and the notice date."""
        notice, text = self.ctx["notice"], self.lib.imprint
        where = lambda key: self.lib_where("text/imprint.yaml", key)  # noqa: E731
        printer = notice.get("printer") or self.render(text["printer"], where("printer"))
        printed = self.render(
            text["printed"],
            where("printed"),
            date=figures.date(notice.get("print_date") or notice["date"]),
        )
        cc = notice.get("cc") or []
        cc_line = text["cc_label"] + text["cc_separator"].join(cc) + text["cc_end"] if cc else None
        return Imprint(printer=printer, printed=printed, cc=cc_line, cc_label=text["cc_label"])

    def plan_part(self) -> Part:
        blocks: list[Paragraph | Table] = [Paragraph(Role.TITLE, [Span(self.ctx["plan_title"])])]
        blocks.append(self.body(self.preamble()))
        headings = self.profile.data["plan"]["headings"]
        n = 0
        for section in self.lib.sections:
            content = getattr(self, f"section_{section['id']}")(section)
            if not content:
                continue
            n += 1
            heading = headings.get(section["id"], section["headings"][0])
            blocks.append(Paragraph(Role.HEADING1, [Span(numbering.level1(n) + heading)]))
            blocks.extend(content)
        blocks.extend(self.attachment_list())
        return Part("plan", blocks)

    @staticmethod
    def body(text: str) -> Paragraph:
        return Paragraph(Role.BODY, [Span(text)])

    def cited(self, entries: list[str]) -> list[str]:
        """Document ids (templates/catalogue/legal_bases.yaml) as their full titles; titles as given."""
        return [self.lib.documents.get(e, e) for e in entries]

    def policies(self) -> list[str]:
        """What the plan implements: the national documents (or the profile's own list), then the
        province's and prefecture's."""
        lb = self.profile.data["legal_basis"]
        return self.cited(lb.get("national", self.lib.national_policies)) + lb["policies"]

    def bases(self) -> list[str]:
        """What designated the county: its batch round's documents (or the profile's), then its own."""
        lb = self.profile.data["legal_basis"]
        if "round" in lb:
            documents = lb["round"]
        else:
            documents = self.lib.rounds[self.profile.data["programme"]["batch"]]["documents"]
        return self.cited(documents) + lb["bases"]

    def joined(self, items: list[str]) -> str:
        return joining.join(items, self.lib.joins)

    def preamble(self) -> str:
        d = self.profile.data
        shape = d["plan"].get("preamble", "implement")
        policies, bases = self.policies(), self.bases()
        text = self.render(
            self.lib.preambles[shape],
            self.lib_where("text/preamble.yaml", shape),
            policies=policies,
            bases=bases,
            policies_text=self.joined(policies),
            bases_text=self.joined(bases),
        )
        if d["plan"]["period_sentence"]:
            text += self.render(
                self.lib.preambles["period"], self.lib_where("text/preamble.yaml", "period")
            )
        return text

    def variant(self, section: dict[str, Any], key: str) -> str:
        plan = self.profile.data["plan"]
        defaults = self.lib.section_defaults[self.ctx["programme"]["kind"]]
        name = plan.get(key) or defaults[section["id"]]
        return section["variants"][name]

    def section_guiding(self, section: dict[str, Any]) -> list[Paragraph]:
        file = self.variant(section, "guiding")
        policies = self.policies()
        text = self.render(
            self.lib.text_template(file),
            self.lib_where(f"text/{file}", "guiding"),
            policies=policies,
            policies_text=self.joined(policies),
        )
        return [self.body(para) for para in text.split("\n\n") if para.strip()]

    def items(
        self, library: dict[str, dict[str, Any]], ids: list[str], file: str
    ) -> list[Paragraph]:
        out = []
        for i, key in enumerate(ids, 1):
            item = library[key]
            title = self.render(item["title"], self.lib_where(file, f"{key}.title"))
            body = self.render(item["body"], self.lib_where(file, f"{key}.body"))
            out.append(
                Paragraph(
                    Role.BODY, [Span(f"{numbering.level2(i)}{title}。", Emphasis.LEAD2), Span(body)]
                )
            )
        return out

    def section_principles(self, section: dict[str, Any]) -> list[Paragraph]:
        """Principles in the county's order: library ones by id, its own as written (title, body)
        where plan.principles says "own", else after the library's."""
        plan = self.profile.data["plan"]
        ids = list(plan["principles"])
        own = [(n, p) for n, p in enumerate(plan.get("own_principles", []))]
        if own and OWN_PRINCIPLES not in ids:
            ids.append(OWN_PRINCIPLES)
        items: list[Any] = []
        for key in ids:
            items.extend(own if key == OWN_PRINCIPLES else [key])
        out = []
        for i, item in enumerate(items, 1):
            if isinstance(item, str):
                spec = self.lib.principles[item]
                where = lambda key, item=item: self.lib_where(  # noqa: E731
                    "catalogue/principles.yaml", f"{item}.{key}"
                )
            else:
                n, spec = item
                where = lambda key, n=n: self.profile_where("plan", "own_principles", n, key)  # noqa: E731
            title = self.render(spec["title"], where("title"))
            body = self.render(spec["body"], where("body"))
            out.append(
                Paragraph(
                    Role.BODY, [Span(f"{numbering.level2(i)}{title}。", Emphasis.LEAD2), Span(body)]
                )
            )
        return out

    def section_safeguards(self, section: dict[str, Any]) -> list[Paragraph]:
        return self.items(
            self.lib.safeguards,
            self.profile.data["plan"]["safeguards"],
            "catalogue/safeguards.yaml",
        )

    # -- goals -----------------------------------------------------------------
    def section_goals(self, section: dict[str, Any]) -> list[Paragraph]:
        file = self.variant(section, "goals_text")
        overall = self.render(self.lib.text_template(file), self.lib_where(f"text/{file}", "goals"))
        self.placed: set[str] = set()
        out = [Paragraph(Role.BODY, [Span(overall)])]
        for i, key in enumerate(self.profile.data["plan"]["goals"], 1):
            goal = self.lib.goals[key]
            spans = [Span(f"{numbering.level2(i)}{goal['title']}。", Emphasis.LEAD2)]
            for j, segment in enumerate(goal["body"]):
                spans.extend(self.goal_segment(segment, f"goals.{key}.body[{j}]"))
            out.append(Paragraph(Role.BODY, spans))
        self.place_remaining_figures(out[0])
        return out

    def place_remaining_figures(self, overall: Paragraph) -> None:
        """A figure the profile gives always reaches the draft: one no chosen goal prints is added to
        the overall goal, unless the indicator table carries it."""
        if "indicators" in self.profile.data["plan"]["attachments"]:
            return
        rest = [k for k in self.lib.indicators if k in self.targets and k not in self.placed]
        if not rest:
            return
        spans = self.figure_clauses([(k, "，") for k in rest], "")
        where = self.lib_where("text/goals_more.j2", "goals_more")
        template = self.lib.text_template("goals_more.j2")
        head, _, tail = self.render(template, where, clauses="\x00").partition("\x00")
        overall.spans.extend([Span(head), *spans, Span(tail)])

    @property
    def targets(self) -> dict[str, targets_mod.Target]:
        if not hasattr(self, "_targets"):
            self._targets = targets_mod.of_profile(self.profile.data, self.lib.indicators)
        return self._targets

    def indicator_sentence(self, key: str) -> tuple[str, Where]:
        """The clause an indicator prints: its own sentence, or the wording the profile picks."""
        meta = self.lib.indicators[key]
        wording = self.profile.data["indicators"].get(key, {}).get("wording")
        if not wording:
            return meta["sentence"], self.lib_where("catalogue/indicators.yaml", key)
        if wording not in meta.get("wordings", {}):
            raise DrafterError.single(
                *self._loc("indicators", key, "wording"),
                _("indicator {key} has no wording {wording} (it has: {names})").format(
                    key=key, wording=wording, names=", ".join(meta.get("wordings", {})) or "-"
                ),
            )
        return meta["wordings"][wording], self.lib_where(
            "catalogue/indicators.yaml", f"{key}.wordings.{wording}"
        )

    def figure_clauses(self, given: list[tuple[str, str]], close: str) -> list[Span]:
        spans = []
        for n, (key, sep) in enumerate(given):
            target = self.targets[key]
            sentence, where = self.indicator_sentence(key)
            # `before`: the indicators already said in this clause run (质押额 needs its subject alone)
            before = [k for k, _s in given[:n]]
            clause = self.render(sentence, where, target=target.text, before=before)
            note = None
            if target.computed:
                note = self.render(
                    self.lib.notes[target.computed],
                    self.lib_where("text/notes.yaml", target.computed),
                    **(target.basis or {}),
                )
            spans.append(Span(clause, note=note))
            spans.append(Span(sep if n < len(given) - 1 else close))
            self.placed.add(key)
        return spans

    def goal_segment(self, segment: Any, field: str) -> list[Span]:
        where = self.lib_where("catalogue/goals.yaml", field)
        if isinstance(segment, str):
            return [Span(self.render(segment, where))]
        entries = [f if isinstance(f, dict) else {"id": f} for f in segment["figures"]]
        given = [(e["id"], e.get("sep", "，")) for e in entries if e["id"] in self.targets]
        if not given:
            otherwise = segment.get("otherwise")
            return [Span(self.render(otherwise, where))] if otherwise else []
        spans = [Span(self.render(segment.get("before", ""), where))]
        spans += self.figure_clauses(given, segment.get("close", "。"))
        return [s for s in spans if s.text]

    # -- tasks -----------------------------------------------------------------
    def task_pool(self) -> dict[str, dict[str, Any]]:
        """Catalogue tasks and the county's own, by id; each knows where its text came from."""
        if not hasattr(self, "_pool"):
            pool = {t["id"]: {**t, "_origin": None} for t in self.lib.tasks}
            for i, task in enumerate(self.profile.data["tasks"].get("custom", [])):
                pool[task["id"]] = {**task, "_origin": ("tasks", "custom", i)}
            self._pool = pool
        return self._pool

    def county_tags(self) -> set[str]:
        d = self.profile.data
        tags = set(d["county"].get("tags", []))
        if d["universities"]:
            tags.add("universities")
        # a round's own tasks (专利转化运用专项行动) come only with that round
        tags.update(self.lib.rounds.get(d["programme"]["batch"], {}).get("tags", []))
        return tags

    def chosen_tasks(self) -> list[str]:
        """Which tasks the plan carries, in reading order within their groups."""
        d = self.profile.data
        t = d["tasks"]
        pool, order = self.task_pool(), {task_id: i for i, task_id in enumerate(self.task_pool())}
        if "select" in t:
            chosen = list(t["select"])
        else:
            tags = self.county_tags()
            declared = set(d["county"].get("tags", []))
            # core tasks the county's tags allow, and the tasks its own tags (port, parks …) call for
            chosen = [
                task["id"]
                for task in self.lib.tasks
                if set(task.get("tags", [])) <= tags
                and (task.get("core") or declared & set(task.get("tags", [])))
            ]
        wanted_tags = set(t.get("tags", []))
        chosen += [task["id"] for task in self.lib.tasks if wanted_tags & set(task.get("tags", []))]
        chosen += t["include"] + [c["id"] for c in t.get("custom", [])]
        chosen = [i for i in dict.fromkeys(chosen) if i not in t["exclude"]]
        if "groups" in t:
            chosen = [i for i in chosen if pool[i]["group"] in t["groups"]]
        if "select" not in t:
            chosen.sort(key=order.__getitem__)
        return chosen

    def layout(self) -> list[dict[str, Any]]:
        """The plan's （一）（二）… task headings: the profile's own group order, or a named layout."""
        t = self.profile.data["tasks"]
        if "groups" in t:
            titles = t.get("group_titles", {})
            return [
                {"title": titles.get(g, self.lib.groups[g]["title"]), "groups": [g]}
                for g in t["groups"]
            ]
        return self.lib.layouts[t["layout"]]

    def section_tasks(self, section: dict[str, Any]) -> list[Paragraph]:
        d = self.profile.data["tasks"]
        layout = self.layout()
        placed: dict[int, list[str]] = {i: [] for i in range(len(layout))}
        for task_id in self.chosen_tasks():
            group = self.task_pool()[task_id]["group"]
            slot = next((i for i, h in enumerate(layout) if group in h["groups"]), None)
            if slot is None:
                raise DrafterError.single(
                    *self._loc("tasks", "layout"),
                    _("task {task} (group {group}) has no heading in layout {layout}").format(
                        task=task_id, group=group, layout=d["layout"]
                    ),
                )
            placed[slot].append(task_id)
        out: list[Paragraph] = []
        self.task_entries: list[TaskEntry] = []
        counter = 0
        heading_no = 0
        for slot, heading in enumerate(layout):
            if not placed[slot]:
                continue
            heading_no += 1
            out.append(
                Paragraph(Role.HEADING2, [Span(numbering.level2(heading_no) + heading["title"])])
            )
            if d["numbering"] == "per_group":
                counter = 0
            for task_id in placed[slot]:
                counter += 1
                out.append(self.task_paragraph(task_id, counter, heading_no, heading["title"]))
        return out

    def task_variant(self, task: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
        """The wording a task is printed in: the variant its override names, else the county's style
        (tasks.style), else the task's own text. A task without the wanted variant keeps its own."""
        t = self.profile.data["tasks"]
        override = t["overrides"].get(task["id"], {})
        name = override.get("variant") or t.get("style")
        variants = task.get("variants") or {}
        if name and name in variants:
            return name, variants[name]
        if "variant" in override:
            raise DrafterError.single(
                *self._loc("tasks", "overrides", task["id"], "variant"),
                _("task {task} has no wording {variant} (it has: {names})").format(
                    task=task["id"],
                    variant=name,
                    names=", ".join(variants) or "-",
                ),
            )
        return None, task

    def task_text(self, task: dict[str, Any], key: str) -> str:
        override = self.profile.data["tasks"]["overrides"].get(task["id"], {})
        if key in override:
            return self.render(
                override[key], self.profile_where("tasks", "overrides", task["id"], key)
            )
        if task["_origin"] is not None:
            return self.render(task[key], self.profile_where(*task["_origin"], key))
        name, source = self.task_variant(task)
        field = f"{task['id']}.variants.{name}.{key}" if name else f"{task['id']}.{key}"
        return self.render(source[key], self.lib_where("catalogue/tasks.yaml", field))

    def task_units(self, task_id: str, roles: list[str]) -> list[tuple[str, str]] | None:
        """(role, department name) for each role a task names. A role in brackets, (pboc), is named
        only where the county has a name for it; any other role must have one (None: one has not)."""
        out, complete = [], True
        for entry in roles:
            role = entry.strip("()")
            if role not in self.ctx["dept"]:
                if entry != role:
                    continue
                # Noted, not raised: one run names every role a county still has to name.
                complete = False
                self.missing.append(
                    Issue(
                        *self._loc("departments"),
                        _(
                            "task {task} needs role {role}, which has no default name for a {level}; "
                            "name it under departments"
                        ).format(
                            task=task_id, role=role, level=self.profile.data["county"]["level"]
                        )
                        + " "
                        + _("(known roles: {names})").format(names=", ".join(self.lib.roles)),
                    )
                )
                continue
            out.append((role, self.ctx["dept"][role]))
        if not complete:
            return None
        unique: dict[str, str] = {}  # unit name -> its first role: each unit named once
        for role, name in out:
            unique.setdefault(name, role)
        return [(role, name) for name, role in unique.items()]

    def duty_text(self, units: list[tuple[str, str]]) -> str:
        """The closing responsibility list, in the county's style (templates/text/responsibility.yaml)."""
        style = self.lib.responsibility[self.profile.data["tasks"]["responsibility"]]
        roles = self.lib.roles
        if style.get("areas_last"):
            areas = [n for r, n in units if roles[r].get("area")]
            depts = [n for r, n in units if not roles[r].get("area")]
        else:
            areas, depts = [], [n for _r, n in units]
        if style.get("shorten"):
            depts = shorten(depts, self.ctx["lw"]["short"])
        collective = len(units) == 1 and bool(roles[units[0][0]].get("collective"))
        return self.render(
            style["one" if len(units) == 1 else "many"],
            self.lib_where("text/responsibility.yaml", "style"),
            units=depts,
            areas=areas,
            collective=collective,
        )

    def default_deadline(self) -> str:
        return self.render(
            self.lib.titles["deadline"], self.lib_where("text/titles.yaml", "deadline")
        )

    def task_paragraph(self, task_id: str, n: int, group_no: int, group_title: str) -> Paragraph:
        task = self.task_pool()[task_id]
        override = self.profile.data["tasks"]["overrides"].get(task_id, {})
        title, body = self.task_text(task, "title"), self.task_text(task, "body")
        roles = override.get("roles") or self.task_variant(task)[1]["roles"]
        units = self.task_units(task_id, roles)
        if units is None:  # the document is not kept; carry on to find the rest
            return Paragraph(Role.BODY, [Span(title)])
        names = [n for _r, n in units]
        duty = self.duty_text(units)
        label = numbering.level3(n)
        per_group = self.profile.data["tasks"]["numbering"] == "per_group"
        self.task_entries.append(
            TaskEntry(
                number=f"{group_no}.{n}" if per_group else str(n),
                label=label,
                group_title=group_title,
                title=title,
                lead=names[:1],
                partners=names[1:],
                deadline=override.get("deadline")
                or task.get("deadline")
                or self.default_deadline(),
            )
        )
        return Paragraph(
            Role.BODY, [Span(f"{label}{title}。", Emphasis.LEAD3), Span(body), Span(duty)]
        )

    # -- attachments -------------------------------------------------------------
    def attachments(self) -> list[str]:
        return list(self.profile.data["plan"]["attachments"])

    def attachment_title(self, key: str) -> str:
        return self.render(self.lib.titles[key], self.lib_where("text/titles.yaml", key))

    def attachment_list(self) -> list[Paragraph]:
        keys = self.attachments()
        if not keys:
            return []
        titles = [self.attachment_title(k) for k in keys]
        items = titles if len(titles) == 1 else [f"{i}.{t}" for i, t in enumerate(titles, 1)]
        first = self.render(
            self.lib.titles["attachment_list"],
            self.lib_where("text/titles.yaml", "attachment_list"),
            item=items[0],
        )
        # A wrapped name aligns under the name, after "附件：1." (7.3.4).
        hang = first.find(titles[0]) if titles[0] in first else 0
        return [Paragraph(Role.ATTACHMENT_LIST, [Span(first)], hang=hang)] + [
            Paragraph(Role.ATTACHMENT_LIST_MORE, [Span(item)], hang=len(item) - len(title))
            for item, title in zip(items[1:], titles[1:], strict=True)
        ]

    def attachment_parts(self) -> list[Part]:
        keys = self.attachments()
        parts = []
        for i, key in enumerate(keys, 1):
            label = self.render(
                self.lib.titles["attachment_label"],
                self.lib_where("text/titles.yaml", "attachment_label"),
                number=i if len(keys) > 1 else "",
            )
            blocks: list[Paragraph | Table] = [
                Paragraph(Role.ATTACHMENT_LABEL, [Span(label)]),
                Paragraph(Role.ATTACHMENT_TITLE, [Span(self.attachment_title(key))]),
            ]
            blocks.extend(getattr(self, f"attachment_{key}")())
            parts.append(Part(f"attachment-{key}", blocks))
        return parts

    def attachment_members(self) -> list[Paragraph | Table]:
        members = self.profile.data["leading_group"].get("members") or []
        if not members:
            raise DrafterError.single(
                *self._loc("leading_group"), _("the members attachment needs leading_group.members")
            )
        rows, last = [], None
        for m in members:
            rows.append(
                [f"{_pad(m['title'])}：" if m["title"] != last else "", _pad(m["name"]), m["post"]]
            )
            last = m["title"]
        office = self.render(
            self.lib.titles["members_office"], self.lib_where("text/titles.yaml", "members_office")
        )
        return [
            Table(
                columns=["", "", ""],
                rows=rows,
                widths_mm=TABLE_WIDTHS_MM["members"],
                header=False,
                ruled=False,
            ),
            self.body(office),
        ]

    def attachment_indicators(self) -> list[Paragraph | Table]:
        titles = self.lib.titles
        where = self.lib_where("text/titles.yaml", "indicator_columns")
        columns = [self.render(c, where) for c in titles["indicator_columns"]]
        none = titles["table_none"]
        rows: list[list[str]] = []
        for key, meta in self.lib.indicators.items():
            if key not in self.targets:
                continue
            spec = self.profile.data["indicators"].get(key, {})
            base = spec.get("baseline")
            rows.append(
                [
                    str(len(rows) + 1),
                    meta["name"],
                    meta["unit"],
                    str(base["year"]) if base else none,
                    figures.number(base["value"], meta["kind"]) if base else none,
                    figures.number(self.targets[key].value, meta["kind"]),
                    meta["nature"],
                ]
            )
        if not rows:
            raise DrafterError.single(
                *self._loc("indicators"),
                _("the indicator table needs at least one indicator under indicators"),
            )
        return [
            Table(
                columns=columns,
                rows=rows,
                widths_mm=TABLE_WIDTHS_MM["indicators"],
                header=True,
                ruled=True,
            )
        ]

    def attachment_division(self) -> list[Paragraph | Table]:
        columns = list(self.lib.titles["division_columns"])
        rows = [
            [e.number, e.title, "、".join(e.lead), "、".join(e.partners), e.deadline]
            for e in self.task_entries
        ]
        return [
            Table(
                columns=columns,
                rows=rows,
                widths_mm=TABLE_WIDTHS_MM["division"],
                header=True,
                ruled=True,
            )
        ]


def shorten(names: list[str], prefix: str) -> list[str]:
    """A run of the county's own departments shares its level prefix, as seed 003 writes it:
    市发展改革局、科学技术局、市场监督管理局 (the 市 of 市科学技术局 is read from the name before)."""
    out, prev = [], False
    for name in names:
        own = name.startswith(prefix) and not name.startswith(prefix + "委")
        out.append(name[len(prefix) :] if own and prev else name)
        prev = own
    return out


def _pad(name: str) -> str:
    """Two-character names and titles take a full-width space between, as name lists print them."""
    return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name


_shared_renderer: Renderer | None = None


def shared_renderer() -> Renderer:
    """One renderer per process, so a batch worker compiles the catalogue's templates once, not per profile."""
    global _shared_renderer
    if _shared_renderer is None:
        _shared_renderer = Renderer()
    return _shared_renderer


def plan(profile: Profile, lib: Library, renderer: Renderer | None = None) -> Document:
    """The whole draft of one county's plan as a document model."""
    renderer = renderer or shared_renderer()
    renderer.begin()  # each profile's texts get their own CPU budget
    return Composer(profile, lib, renderer).document()
