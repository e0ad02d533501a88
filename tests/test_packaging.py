"""setup.cfg ships what the checkout has: every package under drafter/ and every file under templates/
(a non-editable install otherwise fails where the tests, run from the checkout, pass)."""

import configparser
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _options() -> configparser.ConfigParser:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return cfg


def _lines(value: str) -> list[str]:
    return [v.strip() for v in value.replace(",", "\n").splitlines() if v.strip()]


def test_every_package_is_listed():
    listed = set(_lines(_options()["options"]["packages"]))
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "drafter").rglob("__init__.py")
    }
    assert found - listed == set()


def test_every_template_file_is_package_data():
    patterns = _lines(_options()["options.package_data"]["drafter.templates"])
    root = ROOT / "templates"
    files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    assert len(files) > 40
    missed = [
        f
        for f in files
        if not any(fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)
    ]
    assert missed == []
