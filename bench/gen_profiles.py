"""Write N synthetic, valid and varied county profiles for the benchmarks.

    python3 bench/gen_profiles.py N OUTDIR [--seed S]   # OUTDIR/county-0001.yaml …
    python3 bench/gen_profiles.py --check [--seed S]    # 200 into a temp dir, then `drafter validate` them

Counties are obviously made up (样例一县, 样例二十区 …, prefectures 样例甲市 …, people 王某某).
No document numbers, no invented documents: only the real Shandong provincial documents that
profiles/base/shandong.yaml cites are used, and only for Shandong counties. Ids (tasks, roles,
goals …) are read from drafter's own library, so the generator follows the catalogue.
Output depends only on N and the seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter import library  # noqa: E402
from drafter.library.alternatives import clashes  # noqa: E402

PROVINCES = [
    "山东省",
    "浙江省",
    "江苏省",
    "广东省",
    "河南省",
    "四川省",
    "湖北省",
    "湖南省",
    "安徽省",
    "福建省",
    "江西省",
    "河北省",
    "山西省",
    "陕西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "云南省",
    "贵州省",
    "甘肃省",
]
PREFECTURES = "甲乙丙丁戊己庚辛壬癸"
INDUSTRIES = [
    "绿色食品加工",
    "高端装备制造",
    "新材料",
    "电子信息",
    "生物医药",
    "纺织服装",
    "现代物流",
    "文化旅游",
    "新能源",
    "精细化工",
    "竹木制品",
    "茶叶",
    "中药材",
    "海洋食品",
    "汽车零部件",
    "家居建材",
]
UNIVERSITIES = [
    "样例农业大学",
    "样例理工学院",
    "样例职业技术学院",
    "样例农业科学研究院",
    "样例师范学院",
]
COUNTY_TAGS = ["agriculture", "gi", "port", "marine", "international", "parks", "culture"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
NO_DEFAULT = {
    "pboc": "人民银行{name}支行",
    "banking_regulator": "{prefecture}金融监管分局{name}监管组",
    "customs": "{name}海关",
}
ADDRESSEES = {
    "县": ["各乡镇人民政府、街道办事处", "县政府各部门、各直属单位"],
    "区": ["各街道办事处、镇人民政府", "各园区管委会", "区直有关单位"],
    "县级市": ["各镇人民政府", "各街道办事处", "市政府各部门"],
}
TYPICAL = {
    "valid_invention_patents": 2300,
    "high_value_invention_patents": 560,
    "registered_trademarks": 21000,
    "well_known_trademarks": 13,
    "gi_trademarks": 3,
    "copyright_registrations": 500,
    "pct_applications": 20,
    "pledge_registrations": 40,
    "advantage_enterprises": 8,
    "pilot_enterprises": 20,
    "certified_enterprises": 35,
    "service_institutions": 3,
    "ip_talent": 200,
}  # seed-like magnitudes
SUFFIX = {"县": "县", "区": "区", "县级市": "市"}
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 20 -> 二十, 305 -> 三百零五 (n < 100000)."""
    if n < 10:
        return DIGITS[n]
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    for value, name in units:
        d, n = divmod(n, value)
        if d:
            out += (
                ("零" if zero else "")
                + ("" if (value == 10 and d == 1 and not out) else DIGITS[d])
                + name
            )
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + DIGITS[n]
    return out


def _shandong_policies() -> list[str]:
    base = yaml.safe_load(
        (REPO / "profiles" / "base" / "shandong.yaml").read_text(encoding="utf-8")
    )
    return base["legal_basis"]["policies"]


def _indicators(rng: random.Random, lib: library.Library, batch: int) -> dict[str, Any]:
    """Some count/percent/money indicators: explicit targets or baseline + growth. No ratios
    (they are derived from county.population when it is given)."""
    keys = [k for k, m in lib.indicators.items() if m.kind != "ratio"]
    out: dict[str, Any] = {}
    for key in rng.sample(keys, rng.randint(0, 9)):
        kind = lib.indicators[key].kind
        if kind == "percent":
            value: float = rng.choice([80, 85, 90, 95, 100])
            if not lib.indicators[key].full:  # a rate no plan sets at 100% (满意度); same draws
                value = min(value, 95)
        elif kind == "money":
            value = round(rng.uniform(0.5, 20), 1)
        else:
            value = max(1, round(TYPICAL.get(key, 50) * rng.uniform(0.3, 2.0)))
        if rng.random() < 0.6:
            out[key] = {"target": value}
        else:
            base = (
                value if kind == "percent" else round(value * 0.7, 1 if kind == "money" else None)
            )
            base = min(base, 90) if kind == "percent" else base
            out[key] = {
                "baseline": {"value": base, "year": batch - 1},
                "growth": round(rng.uniform(0.02, 0.2), 2),
            }
    return out


def _tasks(rng: random.Random, lib: library.Library) -> dict[str, Any]:
    """Task choices: the default plan, an exact selection, or groups (+ tags); include/exclude; own tasks."""
    ids = lib.task_ids
    t: dict[str, Any] = {
        "numbering": rng.choice(["continuous", "per_group"]),
        "responsibility": rng.choice(["duty", "units"]),
    }
    mode = rng.choice(["default", "default", "select", "groups"])
    if mode == "select":
        t["select"] = rng.sample(ids, rng.randint(10, 22))
    elif mode == "groups":
        groups = ["system", "creation", "use", "protection"] + rng.sample(
            [g for g in lib.groups if g not in ("system", "creation", "use", "protection")],
            rng.randint(0, 4),
        )
        rng.shuffle(groups)
        t["groups"] = groups
        if rng.random() < 0.3:
            g = rng.choice(groups)
            t["group_titles"] = {g: lib.groups[g].title + "工作"}
    if mode != "groups":
        t["layout"] = rng.choice(list(lib.layouts))
    if mode != "select" and rng.random() < 0.4:
        t["tags"] = rng.sample(COUNTY_TAGS, rng.randint(1, 2))
    if rng.random() < 0.4:
        t["include"] = rng.sample(ids, rng.randint(1, 3))
    if rng.random() < 0.3:
        t["exclude"] = rng.sample(ids, rng.randint(1, 2))
    if rng.random() < 0.2:
        t["overrides"] = {rng.choice(ids): {"deadline": "长期坚持"}}
    if rng.random() < 0.2:
        t["custom"] = [
            {
                "id": "local-brand-action",
                "group": rng.choice(t.get("groups", list(lib.groups))),
                "title": "实施区域品牌培育行动",
                "body": "围绕{{ county.name }}特色产业，培育一批区域公用品牌，提升{{ lw.self }}品牌影响力。",
                "roles": ["market", "agriculture"],
            }
        ]
    return t


def _might_use(t: dict[str, Any], lib: library.Library) -> set[str]:
    """Roles the chosen tasks could need (a superset): decides which no-default roles to name."""
    ids = set(t.get("select", [])) | set(t.get("include", []))
    ids |= {x.id for x in lib.tasks if set(x.tags) & set(t.get("tags", []))}
    return {r for x in lib.tasks if x.id in ids for r in x.roles}


def _plain(name: str, county: dict[str, Any], lw: dict[str, str], lg: dict[str, Any]) -> str:
    """A role's default name as the draft prints it: a member's post is plain text, never rendered."""
    if "{" not in name:
        return name
    return (
        jinja2.Environment(undefined=jinja2.StrictUndefined)
        .from_string(name)
        .render(county=county, lw=lw, leading_group=lg)
    )


def one_wording(ids: list[str], entries: dict[str, Any]) -> list[str]:
    """``ids`` without those that are another wording of one kept before (alternative_of): a
    profile picking both is invalid. Draws nothing, so every other choice stays as it was."""
    alternatives = {key: entry.alternative_of for key, entry in entries.items()}
    kept: list[str] = []
    for key in ids:
        if not clashes([*kept, key], alternatives):
            kept.append(key)
    return kept


def profile(i: int, number: int, rng: random.Random, lib: library.Library) -> dict[str, Any]:
    """The i-th synthetic profile; ``number`` makes its county name unique."""
    level = rng.choice(["县", "县", "区", "县级市"])
    lw = lib.levels[level]
    name = f"样例{chinese_number(number)}{SUFFIX[level]}"
    province = rng.choice(PROVINCES)
    prefecture = f"样例{rng.choice(PREFECTURES)}市"
    kind = rng.choice(["试点县", "试点县", "示范县"])
    batch = rng.choice([2022, 2024])
    start, end = batch, batch + rng.choice([2, 3])
    full_name = name if level == "县级市" and rng.random() < 0.5 else prefecture + name
    county: dict[str, Any] = {
        "name": name,
        "full_name": full_name,
        "level": level,
        "province": province,
        "prefecture": prefecture,
    }
    if rng.random() < 0.4:
        county["population"] = rng.randrange(150_000, 1_500_000, 1000)
    county["tags"] = rng.sample(COUNTY_TAGS, rng.randint(0, 3))
    p: dict[str, Any] = {
        "county": county,
        "programme": {"kind": kind, "batch": batch, "period": {"start": start, "end": end}},
        "notice": {
            "issuer": f"{full_name}人民政府",
            "date": dt.date(batch, rng.randint(1, 12), rng.randint(1, 28)),
            "addressees": ADDRESSEES[level],
            "approved_by": lw["gov"],
        },
    }
    if rng.random() < 0.5:
        p["notice"]["instruction"] = rng.choice(
            ["请认真遵照执行", "请抓好贯彻执行", "请结合实际认真贯彻落实"]
        )
    if rng.random() < 0.3:
        p["notice"]["public"] = True
    if province == "山东省":
        p["legal_basis"] = {"policies": _shandong_policies()}
    p["industries"] = rng.sample(INDUSTRIES, rng.randint(0, 6))
    p["universities"] = rng.sample(UNIVERSITIES, rng.randint(0, 3)) if rng.random() < 0.6 else []
    p["indicators"] = _indicators(rng, lib, batch)
    tasks = _tasks(rng, lib)
    departments = {
        role: pattern.format(name=name, prefecture=prefecture)
        for role, pattern in NO_DEFAULT.items()
        if role in _might_use(tasks, lib)
    }
    if rng.random() < 0.3:
        departments["market"] = f"{lw['short']}市场监督管理局（知识产权局）"
    if departments:
        p["departments"] = departments
    lg: dict[str, Any] = {"name": f"{lw['short']}知识产权工作领导小组"}
    if rng.random() < 0.5:
        lg.update(
            short_name="领导小组",
            office=departments.get("market", lib.roles["market"].names[level]),
        )
    plan: dict[str, Any] = {}
    attachments = [a for a in ("members", "division", "indicators") if rng.random() < 0.3]
    if "indicators" in attachments and not p["indicators"]:
        p["indicators"] = {"certified_enterprises": {"target": 30}}
    if "members" in attachments:
        depts = [
            "market",
            "science",
            "industry",
            "finance",
            "publicity",
            "public_security",
            "agriculture",
        ]
        lg["leader_post"] = f"{lw['gov']}分管负责同志"
        lg["members"] = [
            {
                "title": "组长",
                "name": f"{rng.choice(SURNAMES)}某",
                "post": f"{lw['gov']}副{lw['short']}长",
            },
            {
                "title": "副组长",
                "name": f"{rng.choice(SURNAMES)}某某",
                "post": f"{lib.roles['market'].names[level]}局长",
            },
        ]
        lg["members"] += [
            {
                "title": "成员",
                "name": f"{rng.choice(SURNAMES)}某{chinese_number(k + 1)}",
                "post": f"{_plain(lib.roles[d].names[level], county, lw, lg)}负责同志",
            }
            for k, d in enumerate(rng.sample(depts, rng.randint(2, len(depts))))
        ]
    p["leading_group"] = lg
    if attachments:
        plan["attachments"] = attachments
    if rng.random() < 0.25:
        plan["status"] = "征求意见稿"
    if rng.random() < 0.3:
        plan["period_sentence"] = True
    sections = {s.id: s for s in lib.genres["work_plan"].sections}
    if rng.random() < 0.3:
        plan["headings"] = {"goals": rng.choice(sections["goals"].headings)}
    if rng.random() < 0.3:
        plan["guiding"] = rng.choice(list(sections["guiding"].variants))
        plan["goals_text"] = rng.choice(list(sections["goals"].variants))
    if rng.random() < 0.4:
        plan["principles"] = (
            []
            if rng.random() < 0.3
            else one_wording(rng.sample(list(lib.principles), rng.randint(3, 5)), lib.principles)
        )
    if rng.random() < 0.4:
        plan["goals"] = one_wording(rng.sample(list(lib.goals), 4), lib.goals)
    if rng.random() < 0.4:
        plan["safeguards"] = one_wording(
            rng.sample(list(lib.safeguards), rng.randint(3, 5)), lib.safeguards
        )
    if plan:
        p["plan"] = plan
    p["tasks"] = tasks
    return p


# libyaml's dumper writes the same text as PyYAML's own (checked on 800 profiles) in a fifth of
# the time: it was nine tenths of generating a profile, and the tests generate about 500.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def generate(n: int, outdir: Path, seed: int = 1) -> list[Path]:
    """Write ``n`` profiles into ``outdir``; returns their paths."""
    lib = library.load()
    rng = random.Random(seed)
    numbers = rng.sample(range(1, max(10 * n, 1000)), n)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, number in enumerate(numbers, 1):
        path = outdir / f"county-{i:04d}.yaml"
        text = yaml.dump(
            profile(i, number, rng, lib),
            Dumper=DUMPER,
            allow_unicode=True,
            sort_keys=False,
            width=200,
        )
        path.write_text(
            f"# 示例（SAMPLE）: synthetic profile {i} from bench/gen_profiles.py, seed {seed}. "
            f"Not a real county.\n" + text,
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def check(seed: int) -> int:
    """Generate 200 profiles and run `python3 -m drafter validate` on them; 0 if all are valid."""
    with tempfile.TemporaryDirectory(prefix="drafter-gen-") as tmp:
        paths = generate(200, Path(tmp), seed)
        proc = subprocess.run(
            [sys.executable, "-m", "drafter", "--lang", "en", "validate", *map(str, paths)],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        valid = sum(1 for line in proc.stdout.splitlines() if line.endswith(": valid"))
        print(
            f"{valid}/{len(paths)} generated profiles valid (drafter validate exit {proc.returncode})"
        )
        if proc.stderr:
            print(proc.stderr, file=sys.stderr)
        return 0 if valid == len(paths) and proc.returncode == 0 else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int)
    ap.add_argument("outdir", nargs="?", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--check", action="store_true", help="generate 200 and validate them with drafter"
    )
    args = ap.parse_args()
    if args.check:
        return check(args.seed)
    if args.n is None or args.outdir is None:
        ap.error("give N and OUTDIR, or --check")
    paths = generate(args.n, args.outdir, args.seed)
    print(f"wrote {len(paths)} profiles to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
