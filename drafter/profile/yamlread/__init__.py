"""Read YAML into plain data plus a map from field path to source line.

PyYAML's node tree keeps marks; plain ``safe_load`` drops them. We compose the
tree, build the values ourselves and note each key's line, so that every later
message can say ``file:line``. Duplicate keys are errors, not silent overrides.

parse.py reads bytes to data (encoding, syntax errors), scan.py stops deep or alias-bomb files
before a tree is built, build.py makes the values and notes lines, sourcemap.py maps fields to
lines, and controls.py finds the control characters Word cannot store.
"""

from .controls import XML_INVALID, check_text
from .parse import parse, read
from .sourcemap import FieldPath, SourceMap, field_text

__all__ = ["XML_INVALID", "FieldPath", "SourceMap", "check_text", "field_text", "parse", "read"]
