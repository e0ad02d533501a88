"""The shipped example profiles a clerk may start from, by name (never by a client's path)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import api

# name -> file under the profiles folder (the seed counties and the made-up sample), and one
# example of each other genre (examples/, in a checkout)
EXAMPLES = {
    "taishan": "taishan.yaml",
    "rongcheng": "rongcheng.yaml",
    "sample-county": "sample-county.yaml",
    "jining": "jining.yaml",
    "qinghe-action": "qinghe-action.yaml",
    "lanhai-protection": "lanhai-protection.yaml",
    "chengpu-district": "chengpu-district.yaml",
    "anhe-promotion": "anhe-promotion.yaml",
}


def _folders() -> list[Path]:
    """The shipped profiles; in a checkout also examples/ beside drafter/."""
    return [api.shipped_profiles(), api.examples_folder()]


@lru_cache(maxsize=1)
def examples() -> dict[str, str]:
    out = {}
    for name, file in EXAMPLES.items():
        for folder in _folders():
            if (folder / file).is_file():
                out[name] = (folder / file).read_text(encoding="utf-8")
                break
    return out
