"""The content library: the words a profile chooses from come from templates/, and a broken file in
templates/ is reported by its own file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter import diskcache, library
from drafter.cli import main as cli
from drafter.compose import plan
from drafter.errors import ProfileError
from drafter.profile import load as profiles
from drafter.rendering import Renderer

ROOT = Path(__file__).resolve().parent.parent
TAISHAN = ROOT / "profiles" / "taishan.yaml"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A copy of templates/ to break, loaded past the process's cache and into a cache of its own."""
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path / "cache")
    root = tmp_path / "templates"
    shutil.copytree(library.templates_root(), root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load(root: Path) -> library.Library:
    return library.load.__wrapped__(root)


# -- the words a profile chooses from ---------------------------------------------------------


def test_choices_are_the_data(tree):
    lib = load(tree)
    assert lib.level_ids == ("县", "区", "县级市", "地级市") and lib.default_level == "县"
    assert lib.programme_kinds == (
        "试点县",
        "示范县",
        "强市建设",
        "保护示范区",
        "示范城区",
        "强县工程",
    )
    assert lib.statuses == ("final", "征求意见稿", "送审稿")
    assert lib.member_titles == ("组长", "副组长", "成员")


def test_a_level_added_to_the_data_is_a_level(tree):
    words = (
        "  short: 旗\n  self: 我旗\n  strong: 强旗\n  all: 全旗\n  direct: 旗直\n  gov: 旗政府\n"
    )
    words += "  party: 旗委\n  towns: 各苏木、镇\n  tier: 苏木（镇）\n  addressees: [各苏木、镇人民政府]\n"
    levels = tree / "catalogue" / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8") + "旗:\n" + words, encoding="utf-8")
    # and the genre drafted there says it fits the new level (templates/genres/README.md)
    edit(
        tree / "genres" / "work_plan" / "genre.yaml",
        "levels: [县, 区, 县级市]",
        "levels: [县, 区, 县级市, 旗]",
    )
    lib = load(tree)
    assert lib.level_ids[-1] == "旗"
    profile = profiles.from_source(TAISHAN, lib, overrides={"county": {"level": "旗"}})
    assert plan.base_context(profile, lib, Renderer())["lw"]["self"] == "我旗"


def test_a_level_the_data_lacks_is_refused_by_the_data(tree):
    edit(
        tree / "catalogue" / "choices.yaml",
        "programme_kinds: [试点县, 示范县, 强市建设, 保护示范区, 示范城区, 强县工程]",
        "programme_kinds: [试点县]",
    )
    with pytest.raises(ProfileError) as caught:
        profiles.from_source(TAISHAN, load(tree), overrides={"programme": {"kind": "示范县"}})
    assert "programme.kind: 应为以下之一：试点县" in str(caught.value)


def test_a_status_added_to_the_data_heads_the_draft(tree):
    edit(tree / "catalogue" / "choices.yaml", "statuses: [final,", "statuses: [final, 讨论稿,")
    lib = load(tree)
    profile = profiles.from_source(TAISHAN, lib, overrides={"plan": {"status": "讨论稿"}})
    assert plan.plan(profile, lib).header_text == "讨论稿"


def test_the_command_line_offers_the_levels_of_the_data(tree, monkeypatch):
    levels = tree / "catalogue" / "levels.yaml"
    levels.write_text(
        levels.read_text(encoding="utf-8").replace("县级市:", "旗:", 1), encoding="utf-8"
    )
    lib = load(tree)
    monkeypatch.setattr(library, "load", lambda root=None: lib)
    choice = cli.LibraryChoice(lambda lib: lib.level_ids)
    assert choice.choices == ("县", "区", "旗", "地级市")
