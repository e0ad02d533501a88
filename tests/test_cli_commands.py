"""Each command is a module-level function in a module of its own, run here in-process, alone."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner
from conftest import PROFILES, ROOT

from drafter import api, i18n
from drafter.cli import cmd_build, cmd_lists, cmd_validate


def test_build_command_alone_writes_the_api_s_markdown(tmp_path):
    with i18n.use_language("en"):
        result = CliRunner().invoke(
            cmd_build.command(),
            [str(PROFILES / "taishan.yaml"), "-o", str(tmp_path), "--format", "md"],
        )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'taishan.md'}\n"
    own = api.render(api.draft(api.load_profile(PROFILES / "taishan.yaml")), "md")
    assert (tmp_path / "taishan.md").read_bytes() == own


def test_validate_function_alone_names_each_profile_and_exits_1_on_a_bad_one(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nlevle: 县\n", encoding="utf-8")
    with i18n.use_language("en"):
        result = CliRunner().invoke(
            cmd_validate.command(), [str(PROFILES / "taishan.yaml"), str(bad)]
        )
    assert result.exit_code == 1
    assert f"{PROFILES / 'taishan.yaml'}: valid" in result.stdout
    assert str(bad) in result.stderr and "levle" in result.stderr


def test_genres_lists_each_genre_of_the_library_once():
    from drafter import library

    result = CliRunner().invoke(cmd_lists.genres_command(), [])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(library.load().genres)


def test_the_command_line_loads_neither_the_library_nor_the_web_app_to_show_its_help():
    """`drafter --help` (and every command's wiring) imports no YAML, no library, no web app."""
    code = (
        "import sys\n"
        "from drafter.cli.main import make_cli\n"
        "try:\n"
        "    make_cli()(['--help'], prog_name='drafter')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('drafter.library', 'drafter.web', "
        "'drafter.api', 'yaml', 'docx', 'jinja2', 'uvicorn', 'starlette'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert "serve" in ran.stdout  # the help was printed, with the web app's command
    assert ran.stdout.splitlines()[-1] == "[]"
