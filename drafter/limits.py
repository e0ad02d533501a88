"""Every limit drafter enforces on untrusted input, in one place.

docs/security.md quotes each figure; tests/test_security_doc.py checks that the doc and this
module agree. Change a limit here and in the doc together.
"""

from __future__ import annotations

# -- reading files (profiles, bases, manifests, actuals, files in a batch folder) --------------
MAX_INPUT_BYTES = 1024 * 1024  # one YAML input; a real profile is under 20 KB
MAX_SYMLINK_HOPS = 8  # links followed from a name to its file
MAX_EXTENDS_DEPTH = 8  # profile -> base -> base ... (the shipped bases use 1)
MAX_BATCH_FILES = 5_000  # YAML files one batch folder may hold

# -- YAML structure, checked while parsing, before any value is built ------------------------
MAX_YAML_DEPTH = 32  # nested mappings/lists; a profile needs 6
MAX_YAML_NODES = 50_000  # values after aliases are expanded
MAX_YAML_EXPANDED_CHARS = 2_000_000  # characters of text after aliases are expanded

# -- profile fields (validate enforces them; the writers can hold all of them) ----------------
MAX_NAME_CHARS = 60  # names: county, province, department, member, post ...
MAX_TITLE_CHARS = 120  # titles; a Word core property (the plan title) holds at most 255
MAX_TEXT_CHARS = 2_000  # one sentence-like field (a policy, a deadline, a task title)
MAX_BODY_CHARS = 5_000  # a task's body text
MAX_LIST_ITEMS = 200  # members of any list (policies, members, custom tasks, ...)
WORD_CORE_PROPERTY_CHARS = 255  # Word's limit on a core property such as the title

# -- numbers and dates ------------------------------------------------------------------------
MAX_FIGURE = 10**9  # an indicator's target, baseline or actual figure
MAX_GROWTH = 10  # an indicator's growth rate (10 = +1000 %)
MAX_POPULATION = 10**8  # county.population
MAX_SERIAL = 9_999  # notice.doc_number.serial
YEAR_MIN, YEAR_MAX = 2000, 2100  # any year a profile gives
DATE_YEARS_BEFORE = 3  # notice.date and a report's as_of may fall this many years before ...
DATE_YEARS_AFTER = 3  # ... the plan period's start, or this many after its end

# -- templates in profile text (the Jinja sandbox) -------------------------------------------
MAX_RENDER_CPU_SECONDS = 2.0  # CPU time for all of one profile's texts
MAX_VALUE_SIZE = 20_000  # characters (or items, counted deeply) of any value an expression builds
MAX_RENDERED_CHARS = 20_000  # characters of one rendered field
MAX_LOOP_STEPS = 10_000  # loop steps (for, range) per rendered field
MAX_CALL_DEPTH = 20  # nested macro / call() depth
MAX_TEMPLATE_INT = 10**15  # magnitude of any integer an expression makes
MAX_FORMAT_WIDTH = 1_000  # width or precision in format, %, center, ljust, indent ...
MAX_CACHED_TEMPLATES = 5_000  # compiled profile texts kept per process

# -- output --------------------------------------------------------------------------------------
MAX_FILE_NAME_BYTES = 255  # one path component on every common file system
PART_SUFFIX = ".part"  # drafter's temporary files: .NAME.PID.RANDOM.part beside NAME

# -- a .docx given to `drafter check` (drafter/check/package.py reads within these) -------------
DOCX_MAX_FILE_BYTES = 50 * 1024 * 1024  # a .docx on disk; a 300-page plan with images is ~5 MB
DOCX_MAX_PARTS = 2_000  # zip entries; Word's own files hold 10-60
DOCX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # the sum of the sizes the zip declares
DOCX_MAX_PART_BYTES = 25 * 1024 * 1024  # one XML part, inflated, whatever its header says
DOCX_MAX_READ_BYTES = 100 * 1024 * 1024  # all parts the checker reads, inflated
