"""The profile schema as JSON Schema (draft 2020-12), generated from the cerberus schema.

Editors with a YAML language server use it for completion and checking while a clerk types.
A profile that `extends:` a base may leave required fields to the base, so such profiles are
checked without `required`.
"""

from __future__ import annotations

from typing import Any

from ..library import Library
from . import load as profiles
from .load import APPEND
from .schema import profile_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCALARS = {
    "string": "string",
    "integer": "integer",
    "count": "integer",
    "number": "number",
    "boolean": "boolean",
}


def _rule(rule: dict[str, Any], strict: bool, defaults: Any = None) -> dict[str, Any]:
    kind = rule.get("type")
    out: dict[str, Any] = {}
    if kind in SCALARS:
        out["type"] = SCALARS[kind]
        if kind == "count":
            out["minimum"] = 0
    elif kind == "date":
        out.update(type="string", format="date")
    elif kind == "list":
        out["type"] = "array"
        if "schema" in rule:
            out["items"] = _rule(rule["schema"], strict)
    elif kind == "dict":
        out["type"] = "object"
        if "schema" in rule:
            out.update(
                _mapping(rule["schema"], strict, defaults if isinstance(defaults, dict) else {})
            )
        if "keysrules" in rule:
            out["propertyNames"] = _rule(rule["keysrules"], strict)
        if "valuesrules" in rule:
            out["additionalProperties"] = _rule(rule["valuesrules"], strict)
    text_like = out.get("type") == "string"
    for cerberus_key, json_key in (
        ("allowed", "enum"),
        ("min", "minimum"),
        ("max", "maximum"),
        ("regex", "pattern"),
    ):
        if cerberus_key in rule:
            out[json_key] = (
                list(rule[cerberus_key]) if cerberus_key == "allowed" else rule[cerberus_key]
            )
    if "regex" in rule:
        out["pattern"] = f"^(?:{rule['regex']})$"
    if "minlength" in rule:
        out["minLength" if text_like else "minItems"] = rule["minlength"]
    if "maxlength" in rule:
        out["maxLength" if text_like else "maxItems"] = rule["maxlength"]
    if rule.get("empty") is False and text_like:
        out["minLength"] = max(out.get("minLength", 0), 1)
    if "forbidden" in rule:
        out["not"] = {"enum": list(rule["forbidden"])}
    if rule.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


def _mapping(fields: dict[str, Any], strict: bool, defaults: dict[str, Any]) -> dict[str, Any]:
    """An object's properties; a field the defaults supply is never required of the profile."""
    properties: dict[str, Any] = {}
    for name, rule in fields.items():
        properties[name] = _rule(rule, strict, defaults.get(name))
        if rule.get("type") == "list":
            properties[name + APPEND] = properties[name]  # `key+:` appends to a base's list
    out: dict[str, Any] = {"properties": properties, "additionalProperties": False}
    required = [
        name for name, rule in fields.items() if rule.get("required") and name not in defaults
    ]
    if strict and required:
        out["required"] = required
    return out


def export(lib: Library) -> dict[str, Any]:
    schema = profile_schema(lib)
    defaults = profiles.defaults(lib)
    strict = {"type": "object", **_mapping(schema, True, defaults)}
    relaxed = {"type": "object", **_mapping(schema, False, defaults)}
    return {
        "$schema": DRAFT,
        "$id": "https://drafter.invalid/profile.schema.json",
        "title": "drafter county profile",
        "if": {"type": "object", "required": ["extends"]},
        "then": relaxed,
        "else": strict,
    }
