"""Every command explains itself, in Chinese by default and in English on request."""

from __future__ import annotations

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import ROOT, run_cli


@pytest.mark.parametrize(
    "command,options",
    [
        ([], ["validate", "build", "--lang"]),
        (["validate"], ["PROFILES"]),
        (["build"], ["--output", "--format", "--no-comments"]),
    ],
)
def test_help_describes_every_option(command, options):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    for option in options:
        assert option in result.stdout
    if command == ["build"]:
        assert "草稿输出目录" in result.stdout


def test_help_in_english():
    result = run_cli("--lang", "en", "build", "--help")
    assert "Directory to write the drafts into" in result.stdout


def test_compiled_catalogue_matches_its_source():
    """The shipped .mo must carry exactly the .po's translations (run scripts/i18n.sh after editing)."""
    base = ROOT / "drafter" / "locale" / "zh_CN" / "LC_MESSAGES"
    with (base / "drafter.po").open("rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id and m.string}
    with (base / "drafter.mo").open("rb") as fh:
        mo = {m.id: m.string for m in read_mo(fh) if m.id}
    assert po == mo
    with (ROOT / "drafter" / "locale" / "drafter.pot").open("rb") as fh:
        ids = {m.id for m in read_po(fh) if m.id}
    assert ids <= set(po), f"untranslated: {ids - set(po)}"


def test_the_template_catalogue_holds_every_message_of_the_code():
    """drafter.pot is what scripts/i18n.sh extracts today: no message of the code or of the web
    pages is missing from it (and so from the translation, by the test above), none is stale."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {
        msg if isinstance(msg, str) else msg[0]
        for _file, _line, msg, _comments, _context in extract_from_dir(
            str(ROOT),
            method_map,
            options_map,
            keywords={"_": None, "ngettext": (1, 2)},
        )
    }
    with (ROOT / "drafter" / "locale" / "drafter.pot").open("rb") as fh:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    assert len(found) > 300
    assert found - pot == set(), "run scripts/i18n.sh and translate the new messages"
    assert pot - found == set(), (
        "run scripts/i18n.sh: the catalogue holds messages gone from the code"
    )
