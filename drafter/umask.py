"""The process's umask, read without changing it where the system allows.

os.umask() can only be read by setting it: done while other threads run (the web app), it would
briefly let them create files anyone may write. Linux shows it in /proc/self/status instead."""

from __future__ import annotations

import os

_STATUS = "/proc/self/status"


def current() -> int:
    try:
        with open(_STATUS, encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0)  # elsewhere: the racy way
    os.umask(umask)
    return umask
