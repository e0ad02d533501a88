"""The rules a 版头 and a 版记 draw as paragraph borders, the frames that place a 信函's parts
on the page, and the colours that count as red."""

from __future__ import annotations

from .ooxml import W, number

EIGHTHS_PER_MM = 72 / 25.4 * 8  # w:sz is in eighths of a point
# the double lines of a 信函 (10.1): every w:val Word draws as two or three lines
DOUBLE = (
    "double",
    "thickThinSmallGap",
    "thinThickSmallGap",
    "thickThinMediumGap",
    "thinThickMediumGap",
    "thickThinLargeGap",
    "thinThickLargeGap",
    "triple",
)


def page_frame(p):
    """The paragraph's frame when it is placed from the paper's top (w:vAnchor="page", w:y)."""
    ppr = p.find(W + "pPr")
    frame = ppr.find(W + "framePr") if ppr is not None else None
    if frame is not None and frame.get(W + "vAnchor") == "page" and frame.get(W + "y"):
        return frame
    return None


def border(p, side: str):
    """The paragraph's own border on ``side`` (top, bottom), or None when it draws none."""
    ppr = p.find(W + "pPr")
    bdr = ppr.find(W + "pBdr") if ppr is not None else None
    el = bdr.find(W + side) if bdr is not None else None
    if el is None or (el.get(W + "val") or "none") in ("none", "nil"):
        return None
    return el


def border_mm(ppr, side: str) -> float | None:
    """How thick the border on ``side`` of these paragraph properties is, in mm (None: none)."""
    bdr = ppr.find(W + "pBdr") if ppr is not None else None
    el = bdr.find(W + side) if bdr is not None else None
    if el is None or (el.get(W + "val") or "none") in ("none", "nil"):
        return None
    eighths = number(el, "sz") or 2.0  # Word's default rule is ¼ pt
    return eighths / EIGHTHS_PER_MM


def red(colour: str | None) -> bool:
    """A colour Word writes for red: FF0000, or close to it (C00000, E60012 …)."""
    if not colour or len(colour) != 6:
        return False
    try:
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xA0 and g <= 0x40 and b <= 0x40


def red_attr(color: str | None) -> bool:
    """A w:color attribute naming red, in either case."""
    return red((color or "").upper())
