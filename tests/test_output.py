"""Outputs are written whole or not at all, with ordinary file permissions."""

from __future__ import annotations

import os
import stat

import pytest

from drafter.output import atomic_path, write_text


def test_new_file_gets_umask_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "a.md", "正文")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "正文"


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"good old draft")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"good old draft"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_umask_is_read_without_being_changed(monkeypatch):
    """Reading the umask must not set it (another thread would create files with umask 0)."""
    from drafter import umask

    real = os.umask(0o027)
    try:
        calls: list[int] = []
        monkeypatch.setattr(os, "umask", lambda m: calls.append(m) or 0)
        assert umask.current() == 0o027
        assert calls == []
    finally:
        monkeypatch.undo()
        os.umask(real)
