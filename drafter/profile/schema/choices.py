"""The fixed values some profile fields allow (the others' come from the library's files)."""

from __future__ import annotations

TAGS = (
    "universities",
    "agriculture",
    "gi",
    "port",
    "marine",
    "batch2024",
    "international",
    "parks",
    "culture",
)
NUMBERING = ("continuous", "per_group")
RESPONSIBILITY = ("duty", "units", "listed")
APPROVALS = ("government", "study", "meeting", "party_government", "consent", "none")
# task wording variants (templates/catalogue/tasks.yaml): seed 000's, 003's, 002's
TASK_STYLES = ["detailed", "concise", "opinion"]
SEALS = ("sealed", "unsealed", "signed")  # GB/T 9704 7.3.5.1–7.3.5.3
MASTHEADS = ("standard", "preprinted", "letter")  # 7.2; 红头 paper; 信函格式 (10.1)
