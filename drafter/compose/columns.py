"""Column widths from a table's content: a column of names made wide enough that its widest name
stands on one line (县市场监督管|理局 broke in every row of the division table), where the other
columns can give the room and keep their headers, figures and short cells whole.

The widths start from drafter/layout.py's TABLE_WIDTHS_MM and its caps (TABLE_NAME_MAX_MM);
the writer still widens a column too narrow for its header or a figure (layout.fit_widths).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .. import layout as L


def _floor(cells: Iterable[str], size_pt: float) -> float:
    """The narrowest a column may become: its header, figures and short cells on one line."""
    need = 0.0
    for k, text in enumerate(cells):
        text = text.strip()
        if k == 0 or L.NUMBER.match(text) or len(text) <= L.TABLE_SHORT_CELL_CHARS:
            need = max(need, L.cell_mm(text, size_pt))
    return need


def fit_names(
    widths_mm: Sequence[float],
    columns: Sequence[Sequence[str]],
    names: Mapping[int, Iterable[str]],
    caps_mm: Mapping[int, float],
    size_pt: float = L.TABLE_SIZE_PT,
) -> list[float]:
    """``widths_mm`` with each column of ``names`` (column -> its names) as wide as its widest
    name no wider than its cap, the room taken from the other columns (``columns``: each
    column's cells, the header first) in proportion to what each has above its floor.
    Unchanged when they cannot give it."""
    out = list(widths_mm)
    for c, found in names.items():
        fitting = [L.cell_mm(n, size_pt) for n in found if L.cell_mm(n, size_pt) <= caps_mm[c]]
        out[c] = max([out[c], *fitting])
    extra = sum(out) - sum(widths_mm)
    donors = [c for c in range(len(out)) if c not in names]
    slack = {c: max(0.0, out[c] - _floor(columns[c], size_pt)) for c in donors}
    room = sum(slack.values())
    if extra <= 1e-6 or extra > room:
        return list(widths_mm)
    for c in donors:
        out[c] -= extra * slack[c] / room
    return out
