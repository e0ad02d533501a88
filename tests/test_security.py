"""Security (docs/security.md): the limits doc agrees with drafter/limits.py; profiles cannot change
each other's drafts; the sandbox holds for generated template expressions; faults (SIGKILL while
writing, a killed batch parent, two batches into one folder); memory-limited runs.

In-process where possible; a subprocess only where a real process is the point (signals, rlimits).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import api, limits, output
from drafter.cli import batch
from drafter.compose.render import Renderer, Where
from drafter.errors import DrafterError
from drafter.writers.markdown import escape, escape_lines

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "bad_inputs" / "bases" / "taishan.yaml"
DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_LANG": "zh_CN"}


# -- the doc ------------------------------------------------------------------------------------------
def _figures(value: float) -> set[str]:
    out = {str(value), f"{value:,}"}
    if isinstance(value, int) and value >= 10**6 and str(value).rstrip("0") == "1":
        out.add(f"10^{len(str(value)) - 1}")
    return out


def test_security_doc_names_every_limit_with_its_figure():
    constants = {
        k: v for k, v in vars(limits).items() if k.isupper() and isinstance(v, (int, float))
    }
    assert len(constants) >= 25
    for name, value in constants.items():
        rows = [line for line in DOC.splitlines() if name in line]
        assert rows, f"docs/security.md does not mention {name}"
        assert any(f in row for row in rows for f in _figures(value)), (
            f"docs/security.md gives no figure {value} beside {name}"
        )


def test_readme_links_the_security_doc():
    assert "docs/security.md" in (ROOT / "README.md").read_text(encoding="utf-8")


# -- one profile cannot change the next one's draft --------------------------------------------------
HOSTILE = [
    "{{ lw.update({'short': '某'}) }}",
    "{{ lw.clear() }}",
    "{% set x = county.pop('name') %}",
    "{{ industries.append('x') }}",
    "{{ lw.setdefault('gov', 'x') }}",
    "{% set ns = namespace(a=lw) %}{{ ns.a.update({'gov': 'x'}) }}",
]


def _with_body(body: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    quoted = body.replace("'", "''")
    return text + f"  overrides:\n    ip-publicity:\n      body: '{quoted}'\n"


def _parts(docx: bytes) -> dict[str, bytes]:
    """A .docx's parts, byte for byte, but for the clock: the zip's entry timestamps and the
    created/modified core properties (the build time) are not the draft's content."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    core = parts["docProps/core.xml"]
    assert core.count(b"<dcterms:created") == 1 and core.count(b"<dcterms:modified") == 1
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\1", core)
    return parts


def _good_drafts() -> tuple[dict[str, bytes], bytes]:
    document = api.draft(api.load_profile(SEED))
    return _parts(api.render(document, "docx")), api.render(document, "md")


def test_hostile_profiles_do_not_change_a_later_draft_in_one_process():
    alone = _good_drafts()
    for body in HOSTILE:
        with pytest.raises(DrafterError) as info:
            api.draft(api.load_profile(_with_body(body), name="hostile.yaml"))
        assert "模板内容不被允许（沙箱限制）" in str(info.value), body
    assert _good_drafts() == alone  # byte for byte: every part of the .docx, and the .md


def _batch_pair(outdir: str) -> list[list[str]]:
    """In one batch worker: every hostile profile, then the good one."""
    jobs = [
        batch.Job(Path(outdir) / "in" / f"hostile{i}.yaml", f"hostile{i}")
        for i in range(len(HOSTILE))
    ]
    jobs.append(batch.Job(SEED, "good"))
    results = [batch.build_job(job, Path(outdir) / "out", ("docx", "md"), True) for job in jobs]
    return [[str(i) for i in r.issues] for r in results] + [[str(os.getpid())]]


def test_hostile_profiles_do_not_change_a_later_draft_in_one_batch_worker(tmp_path):
    (tmp_path / "in").mkdir()
    for i, body in enumerate(HOSTILE):
        (tmp_path / "in" / f"hostile{i}.yaml").write_text(_with_body(body), encoding="utf-8")
    with ProcessPoolExecutor(
        max_workers=1, initializer=batch.worker_init, initargs=("zh_CN", os.getpid())
    ) as pool:
        issues = pool.submit(_batch_pair, str(tmp_path)).result()
    assert issues[-1] != [str(os.getpid())]  # it ran in a worker process
    assert all("沙箱" in " ".join(found) for found in issues[: len(HOSTILE)]), issues
    assert issues[len(HOSTILE)] == []  # the good profile built
    docx, md = _good_drafts()
    assert _parts((tmp_path / "out" / "good.docx").read_bytes()) == docx
    assert (tmp_path / "out" / "good.md").read_bytes() == md


def test_a_batch_worker_starts_each_profile_with_a_fresh_cpu_budget():
    renderer = Renderer()
    where = Where("p.yaml", 1, "body")
    slow = (
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(19) }}"
    )
    renderer.begin()
    with pytest.raises(DrafterError, match="CPU"):
        renderer.render(slow, {}, where)
    with pytest.raises(DrafterError, match="CPU"):
        renderer.render("{{ 1 + 1 }}", {}, where)  # the same profile: its budget is spent
    renderer.begin()  # the next profile
    assert renderer.render("{{ 1 + 1 }}", {}, where) == "2"


# -- the sandbox against generated expressions -------------------------------------------------------------
INTS = st.one_of(st.integers(-5, 40), st.sampled_from([10**8, 10**15, 2**63, 99999]))
STRINGS = st.sampled_from(
    ["'x'", "'ab'", "'\\t'", "'%s'", "'%99999d'", "'{:>99999}'", "'a\\nb'", "''"]
)


def _exprs() -> st.SearchStrategy[str]:
    leaf = st.one_of(
        INTS.map(str),
        STRINGS,
        st.sampled_from(["lw.gov", "county.name", "industries", "range(5)", "[1, 2, 3]", "lw"]),
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binop = st.tuples(inner, st.sampled_from(["+", "-", "*", "**", "//", "%", "~"]), inner)
        filt = st.tuples(
            inner,
            st.sampled_from(
                [
                    "center(99999999)",
                    "indent(99999999)",
                    "join",
                    "join('xx')",
                    "list",
                    "length",
                    "replace('x', 'yyyy')",
                    "format(1)",
                    "batch(99999999, 0)",
                    "slice(3)",
                    "tojson",
                    "truncate(5)",
                    "wordwrap(99999)",
                    "string",
                    "upper",
                    "reverse",
                    "sort",
                    "unique",
                    "first",
                    "sum",
                    "int",
                    "round(3)",
                    "map('string')",
                ]
            ),
        )
        method = st.tuples(
            inner,
            st.sampled_from(
                [
                    "ljust(99999999)",
                    "zfill(9999)",
                    "center(5)",
                    "replace('', 'zz')",
                    "join(['a', 'b'])",
                    "format(1, 2)",
                    "split()",
                    "upper()",
                    "update({})",
                    "expandtabs(99999)",
                    "count('x')",
                    "items()",
                ]
            ),
        )
        return st.one_of(
            binop.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            filt.map(lambda t: f"({t[0]})|{t[1]}"),
            method.map(lambda t: f"({t[0]}).{t[1]}"),
            st.tuples(inner, inner).map(lambda t: f"[{t[0]}, {t[1]}]"),
            inner.map(lambda e: f"lipsum({e})"),
        )

    return st.recursive(leaf, extend, max_leaves=6)


def _templates() -> st.SearchStrategy[str]:
    expr = _exprs()
    return st.one_of(
        expr.map(lambda e: "{{ " + e + " }}"),
        st.tuples(expr, expr).map(
            lambda t: f"{{% for a in {t[0]} %}}{{{{ {t[1]} }}}}{{% endfor %}}"
        ),
        st.tuples(expr, expr).map(
            lambda t: (
                f"{{% for a in {t[0]} %}}{{% for b in {t[0]} %}}{{{{ {t[1]} }}}}{{% endfor %}}{{% endfor %}}"
            )
        ),
        expr.map(
            lambda e: (
                f"{{% set ns = namespace(s={e}) %}}{{% for i in range(40) %}}{{% set ns.s = ns.s ~ ns.s %}}{{% endfor %}}{{{{ ns.s }}}}"
            )
        ),
        expr.map(
            lambda e: (
                f"{{% macro m(n) %}}{{{{ {e} }}}}{{{{ m(n + 1) }}}}{{% endmacro %}}{{{{ m(0) }}}}"
            )
        ),
        expr.map(
            lambda e: (
                f"{{% set x %}}{{% for i in range(9999) %}}{{{{ {e} }}}}{{% endfor %}}{{% endset %}}{{{{ x }}}}"
            )
        ),
    )


CONTEXT = {
    "lw": {"gov": "区政府", "short": "区", "self": "我区"},
    "county": {"name": "泰山区", "full_name": "泰安市泰山区"},
    "industries": ["装备制造", "绿色食品"],
}
CLEAR = (
    "模板超出限制",
    "模板内容不被允许",
    "模板引用了缺失的值",
    "模板语法错误",
    "模板错误",
    "模板生成了控制字符",
)


@settings(
    max_examples=int(os.environ.get("DRAFTER_FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_templates())
def test_generated_templates_render_within_the_limits_or_fail_clearly(source):
    renderer = Renderer()
    renderer.begin()
    started = time.process_time()
    try:
        text = renderer.render(source, CONTEXT, Where("p.yaml", 7, "tasks.custom[0].body"))
    except DrafterError as exc:
        (issue,) = exc.issues
        message = str(issue)
        assert message.startswith("p.yaml:7: tasks.custom[0].body: "), message
        assert any(word in message for word in CLEAR), message
    else:
        assert isinstance(text, str) and len(text) <= limits.MAX_RENDERED_CHARS
    # the budget is enforced inside the sandbox: a render cannot run far past it
    assert time.process_time() - started < limits.MAX_RENDER_CPU_SECONDS + 1.5
    assert CONTEXT["lw"] == {"gov": "区政府", "short": "区", "self": "我区"}


# -- Markdown --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("# 标题", "\\# 标题"),
        ("前文\n## 小标题", "前文\n\\## 小标题"),
        ("1. 列表", "1\\. 列表"),
        ("- 条目", "\\- 条目"),
        ("[链接](http://x)", "\\[链接\\](http://x)"),
        ("**加粗**", "\\*\\*加粗\\*\\*"),
        ("2.泰安市", "2.泰安市"),  # not a list item in CommonMark: left as it is
        ("    代码", "代码"),
    ],
)
def test_markdown_escapes_profile_text(text, shown):
    assert escape_lines(escape(text)) == shown


def test_markdown_draft_carries_no_markup_from_a_profile():
    body = "<b>加粗</b>\n# 伪标题 [x](javascript:alert(1))"
    md = api.render(api.draft(api.load_profile(_with_body(body), name="p.yaml")), "md").decode()
    assert "<b>" not in md and "&lt;b&gt;加粗&lt;/b&gt;" in md
    assert "\n# 伪标题" not in md and "\\[x\\](javascript:alert(1))" in md


# -- output names and stale temporary files ------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["../x", "/abs", ".", "..", "a/b", "a\\b", "a\nb", "a\u200bb", "", " ", "名" * 80]
)
def test_unsafe_output_names_are_refused(name):
    assert output.name_problem(name) is not None


def test_a_name_that_fits_255_bytes_with_the_temporary_suffix_is_written(tmp_path):
    stem = "n" * (limits.MAX_FILE_NAME_BYTES - output.TEMP_OVERHEAD - len(".docx"))
    assert output.name_problem(stem + ".docx") is None
    (written,) = api.write(api.draft(api.load_profile(SEED)), tmp_path, stem, ["docx"])
    assert len(written.name.encode()) + output.TEMP_OVERHEAD == limits.MAX_FILE_NAME_BYTES
    assert written.stat().st_size > 10_000


_WRITER = """
import os, sys, time
from pathlib import Path
from drafter.output import atomic_path
with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half a draft")
    print(tmp, flush=True)
    time.sleep(60)
"""


def test_sigkill_while_writing_then_a_rerun_leaves_no_part_file(tmp_path):
    target = tmp_path / "taishan.docx"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True, env=_env()
    )
    part = Path(proc.stdout.readline().strip())
    proc.kill()
    proc.wait()
    assert part.exists() and re.fullmatch(r"\.taishan\.docx\.\d+\.[a-z0-9_]{8}\.part", part.name)
    assert not target.exists()
    api.build(SEED, tmp_path, ["docx"])  # the next run into the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taishan.docx"]


def test_a_running_writers_part_file_is_left_alone(tmp_path):
    mine = tmp_path / f".x.docx.{os.getpid()}.abcdefgh.part"
    mine.write_bytes(b"in progress")
    assert output.remove_stale_parts(tmp_path) == [] and mine.exists()


def _batch_folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"county{i:02}.yaml").write_text(text, encoding="utf-8")
    return folder


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_killing_the_batch_parent_leaves_no_worker(tmp_path):
    folder = _batch_folder(tmp_path, 40)
    parent = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "drafter",
            "batch",
            str(folder),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
    )
    workers: set[int] = set()
    for _ in range(600):  # until the pool has its workers
        workers = _children(parent.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the batch started no workers"
    parent.kill()
    parent.wait()
    for _ in range(200):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the batch parent"


def test_two_batches_into_one_folder_both_succeed(tmp_path):
    folder = _batch_folder(tmp_path, 6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "drafter", "batch", str(folder), "-o", str(out), "-j", "1"]
    runs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert sorted(p.name for p in out.iterdir()) == [f"county{i:02}.docx" for i in range(6)]


# -- memory --------------------------------------------------------------------------------------------------
MEMORY_LIMIT = 500 * 1024 * 1024
_LIMITED = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from click.testing import CliRunner
from drafter.cli.main import make_cli
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(make_cli(), args)
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    print(json.dumps([result.exit_code, result.output, repr(error) if error else None]), flush=True)
"""


def _hostile_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    text = SEED.read_text(encoding="utf-8")
    cases: dict[str, tuple[Path, str]] = {}

    def put(name: str, content: str, expect: str) -> None:
        path = folder / name
        path.write_text(content, encoding="utf-8")
        cases[name] = (path, expect)

    laughs = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 10))
    put("laughs.yaml", text + "l0: &l0 lol\n" + laughs, "展开后超过")
    put(
        "long-alias.yaml",
        text + "x: &s " + "资" * 300_000 + "\ny: [" + ", ".join(["*s"] * 50) + "]\n",
        "展开后超过",
    )
    put("list.yaml", text + "x-list: [" + ", ".join(["1"] * 200_000) + "]\n", "展开后超过")
    put("list-big.yaml", text + "x-list: [" + ", ".join(["1"] * 400_000) + "]\n", "文件超过")
    put("list-under-cap.yaml", text + "x-list: [" + ",".join(["1"] * 49_000) + "]\n", "未知字段")
    put("deep.yaml", text + "x: " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套层级过深")
    put("deep-small.yaml", text + "x: " + "[" * 400 + "]" * 400 + "\n", "嵌套层级过深")
    put("big.yaml", text + "# " + "x" * (10 * 1024 * 1024) + "\n", "文件超过")
    for i, body in enumerate(
        [
            "{{ 'x'|center(400000000) }}",
            "{% set ns = namespace(s='xy') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
            "{{ lipsum(1000000) }}",
            "{{ [['x' * 10000] * 10000] * 10000 }}",
            "{{ '%0400000000d' % 1 }}",
            "{{ ('x' * 15000)|replace('x', 'y' * 15000) }}",
        ]
    ):
        put(f"template{i}.yaml", _with_body(body), "模板超出限制")
    return cases


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS as Linux counts it")
def test_no_single_input_takes_drafter_past_500_mb(tmp_path):
    """Every input in one process limited to 500 MB of address space (each one's peak is below it)."""
    folder = tmp_path / "in"
    folder.mkdir()
    cases = _hostile_inputs(folder)
    runs = []
    for name, (path, _expect) in cases.items():
        if name.startswith("template"):
            runs.append(["build", str(path), "-o", str(tmp_path / "out")])
        else:
            runs.append(["validate", str(path)])
    run = subprocess.run(
        [sys.executable, "-c", _LIMITED.format(limit=MEMORY_LIMIT), json.dumps(runs)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == len(cases), run.stderr[-3000:]
    for (name, (_path, expect)), (code, out, error) in zip(cases.items(), results, strict=True):
        assert error is None and "MemoryError" not in out, (name, error, out[-2000:])
        assert code == 1 and expect in out, (name, code, out[-2000:])
