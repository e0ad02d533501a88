"""Errors a user can act on: each names the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class DrafterError(Exception):
    """Bad input. The CLI prints the issues and exits 1; nothing else is raised for bad input."""

    def __init__(self, issues: list[Issue]):
        super().__init__("\n".join(map(str, issues)))
        self.issues = issues

    @classmethod
    def single(cls, file: str, line: int | None, field: str | None, message: str) -> DrafterError:
        return cls([Issue(file, line, field, message)])
