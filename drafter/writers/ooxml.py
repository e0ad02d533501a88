"""Insert WordprocessingML children in the order the schema gives; Word rejects other orders."""

from __future__ import annotations

from docx.oxml.ns import qn

_ORDER = {
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers"
        " pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE"
        " autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents"
        " suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle"
        " rPr sectPr pPrChange"
    ),
    "rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint"
        " noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u"
        " effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ),
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc"
        " tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
    ),
}
_RANK = {parent: {qn(f"w:{t}"): i for i, t in enumerate(o.split())} for parent, o in _ORDER.items()}


def put(parent, child) -> None:
    """Insert child into parent (a w:pPr, w:rPr or w:tblPr), replacing one of the same tag."""
    rank = _RANK[parent.tag.rsplit("}", 1)[1]]
    for old in parent.findall(child.tag):
        parent.remove(old)
    mine = rank[child.tag]
    for i, sibling in enumerate(parent):
        if rank.get(sibling.tag, len(rank)) > mine:
            parent.insert(i, child)
            return
    parent.append(child)
