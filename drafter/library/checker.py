"""Collecting every fault of a templates/ YAML file, each naming the file, its line and the field."""

from __future__ import annotations

from typing import Any

from ..errors import Issue
from ..i18n import _
from ..profile.yamlread import SourceMap


class Checker:
    """Collects every fault of one genre.yaml, each naming templates/…:line and the field."""

    def __init__(self, name: str, smap: SourceMap) -> None:
        self.name, self.smap = name, smap
        self.issues: list[Issue] = []

    def add(self, path: tuple[Any, ...], message: str) -> None:
        file, line = self.smap.locate(path)
        self.issues.append(Issue(self.name, line, path, message))

    def keys(self, data: Any, spec: dict[str, bool], path: tuple[Any, ...]) -> bool:
        if not isinstance(data, dict):
            self.add(path, _("expected a mapping of fields (key: value)"))
            return False
        for key in data:
            if key not in spec:
                self.add(
                    (*path, key),
                    _("unknown field")
                    + " "
                    + _("(known fields: {names})").format(names=", ".join(spec)),
                )
        for key, required in spec.items():
            if required and key not in data:
                self.add((*path, key), _("required field missing"))
        return True

    def texts(self, data: dict[str, Any], key: str, path: tuple[Any, ...]) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add((*path, key), _("expected a list of texts"))
            return []
        return list(value)

    def text(self, data: dict[str, Any], key: str, path: tuple[Any, ...]) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.add((*path, key), _("expected a text"))
            return ""
        return value

    def mapping(self, data: dict[str, Any], key: str, path: tuple[Any, ...]) -> dict[str, str]:
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.add((*path, key), _("expected a mapping of texts"))
            return {}
        return {str(k): v for k, v in value.items()}

    def among(
        self, values: list[str], allowed: tuple[str, ...] | list[str], path: tuple[Any, ...]
    ) -> None:
        for i, value in enumerate(values):
            if value not in allowed:
                self.add(
                    (*path, i),
                    _("unknown value {value} (known: {names})").format(
                        value=value, names=", ".join(allowed)
                    ),
                )


def mapping_of(check: Checker, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        check.add((key,), _("expected a mapping of fields (key: value)"))
        return {}
    return value


def list_of(check: Checker, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        check.add((key,), _("expected a list"))
        return []
    return value
