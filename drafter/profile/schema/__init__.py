"""The profile schema (cerberus). Allowed ids come from the library, so data and schema agree.

rules.py builds the rules every part shares (text, names, lists, figures, years), choices.py holds
the fixed value lists, and profile.py (county, programme, indicators, departments, leading group),
notice.py (the notice, its legal basis, the drafting record), plan.py (the plan's sections and the
genres' choices) and tasks.py (task selection and the county's own tasks) each give one part.
"""

from ...schemacheck import DrafterValidator
from .choices import TAGS
from .profile import profile_schema

ProfileValidator = DrafterValidator  # cerberus with drafter's types (drafter/schemacheck.py)

__all__ = ["TAGS", "ProfileValidator", "profile_schema"]
