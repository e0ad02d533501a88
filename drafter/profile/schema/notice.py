"""The profile's notice part: the 印发通知, the legal basis it cites and the 起草说明's drafting record."""

from __future__ import annotations

from typing import Any

from ... import limits
from ...library import Library
from . import rules as r
from .choices import APPROVALS, MASTHEADS, SEALS


def notice_parts(lib: Library) -> dict[str, Any]:
    """notice, legal_basis and drafting, in the profile's order."""
    return {
        "notice": r.mapping(
            {
                "issuer": r.name(True),
                "doc_number": r.mapping(
                    {
                        "prefix": r.name(True),
                        "year": r.year(True),
                        "serial": {
                            "type": "count",
                            "min": 1,
                            "max": limits.MAX_SERIAL,
                            "required": True,
                        },
                    }
                ),
                "date": {"type": "date", "required": True},
                "addressees": r.texts(r.name(), required=True, minlength=1),
                "approved_by": r.text(),  # default: the government (县政府)
                "instruction": r.text(True),
                "title_issuer": r.name(),  # the issuer as the title names it (××县政府办公室)
                "title_quotes": {"type": "boolean"},
                "approval": {"type": "string", "allowed": list(APPROVALS)},
                "meeting": r.mapping(
                    {
                        "number": {
                            "type": "count",
                            "min": 1,
                            "max": limits.MAX_SERIAL,
                            "required": True,
                        },
                        "year": r.year(),
                        "verb": {"type": "string", "allowed": list(lib.meeting_verbs)},
                    }
                ),
                "forward": r.mapping({"from": r.name(True), "drafted": {"type": "boolean"}}),
                "public": {"type": "boolean"},
                "seal": {"type": "string", "allowed": list(SEALS)},
                "signer_post": r.text(),
                "masthead": {"type": "string", "allowed": list(MASTHEADS)},
                "cc": r.texts(),
                "printer": r.text(),
                "print_date": {"type": "date"},
            },
            required=True,
        ),
        "legal_basis": r.mapping(
            {
                "policies": r.texts(r.title()),
                "bases": r.texts(r.title()),
                # replace the auto-cited lists (drop, reorder, replace): document ids or full titles
                "national": r.texts(r.title()),
                "round": r.texts(r.title()),
            }
        ),
        # 起草说明 (drafter build --format notes): how the plan was drafted, as the county states it
        "drafting": r.mapping(
            {
                "office": r.name(),  # 起草单位; default: the leading group's office
                "consulted": r.texts(r.name()),  # units whose views were sought
                "rounds": r.list_of(  # 征求意见 rounds, in date order
                    r.mapping(
                        {
                            "date": {"type": "date", "required": True},
                            "scope": r.text(True),  # whom the draft went to
                            "received": {"type": "count", "min": 0, "max": limits.MAX_FIGURE},
                            "adopted": {"type": "count", "min": 0, "max": limits.MAX_FIGURE},
                        }
                    )
                ),
            }
        ),
    }
