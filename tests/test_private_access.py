"""drafter touches a few private parts of its libraries, each with a comment where it does; these
tests fail if a library changes them, before a build does. python-docx and cerberus are pinned
below their next release in setup.cfg for the same reason."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import docx
from cerberus.schema import DefinitionSchema
from docx.oxml.ns import qn
from docx.text.run import Run

from drafter import library
from drafter.profile.schema import ProfileValidator, profile_schema


def test_python_docx_private_elements():
    """writers/docx_*.py: doc._body (the body's container) and its _body, section._sectPr,
    paragraph._p (and CT_P.style), row._tr; run.element is public."""
    doc = docx.Document()
    assert doc._body._body.tag == qn("w:body") and doc._body._body is doc.element.body
    assert doc.sections[0]._sectPr.tag == qn("w:sectPr")
    para = doc.add_paragraph("x")
    assert para._p.tag == qn("w:p") and para._p.getparent() is doc._body._body
    assert para._p.get_or_add_pPr().get_or_add_ind().tag == qn("w:ind")
    para._p.style = "Heading1"
    assert para._p.pPr.find(qn("w:pStyle")).get(qn("w:val")) == "Heading1"
    run = para.add_run("y")
    assert isinstance(run, Run) and run.element.tag == qn("w:r")
    row = doc.add_table(rows=1, cols=1).rows[0]
    assert row._tr.tag == qn("w:tr") and row._tr.get_or_add_trPr().tag == qn("w:trPr")


def test_python_docx_part_blob():
    """writers/docx_package.py sets a plain part's bytes (theme, font table, app.xml) through
    Part._blob, which Part.blob returns and the package writer saves."""
    import io
    import zipfile

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    doc = docx.Document()
    part = doc.part.part_related_by(RT.FONT_TABLE)
    part._blob = b"<fonts/>"
    assert part.blob == b"<fonts/>"
    out = io.BytesIO()
    doc.save(out)
    assert zipfile.ZipFile(out).read(part.partname.membername) == b"<fonts/>"


def test_python_docx_content_types_and_zipfile_compressor():
    """writers/docx_save.save: python-docx's _ContentTypesItem writes [Content_Types].xml, and a
    zipfile member open for writing deflates through its _compressor (which save replays)."""
    import io
    import zipfile

    from docx.opc.pkgwriter import _ContentTypesItem

    doc = docx.Document()
    blob = _ContentTypesItem.from_parts(list(doc.part.package.iter_parts())).blob
    assert b"wordprocessingml.document.main+xml" in blob
    with zipfile.ZipFile(io.BytesIO(), "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("a.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, mode="w") as dest:
            assert hasattr(dest._compressor, "compress") and hasattr(dest._compressor, "flush")


def test_cerberus_checks_a_schema_through_definition_schema_validate():
    """validation._TrustedSchema skips the check by overriding DefinitionSchema.validate."""
    calls = []

    class Counting(DefinitionSchema):
        def validate(self, schema=None):
            calls.append(schema)
            super().validate(schema)

    validator = ProfileValidator()
    validator.schema = Counting(validator, profile_schema(library.load()))
    assert calls, "cerberus no longer validates a schema through DefinitionSchema.validate"
    assert isinstance(validator.schema, DefinitionSchema)


def test_process_pool_workers_are_active_children():
    """batch.run stops workers on Ctrl-C through multiprocessing.active_children() (public), not
    ProcessPoolExecutor._processes: the pool's workers must be among them."""
    import multiprocessing

    with ProcessPoolExecutor(max_workers=1) as pool:
        worker = pool.submit(os.getpid).result()
        children = {p.pid: p for p in multiprocessing.active_children()}
        assert worker in children and worker != os.getpid()
        assert callable(children[worker].terminate)


def test_babel_locale_data_subset():
    """compose/figures.py's LeanLocale overrides Babel's private Locale._data with only
    DATA_KEYS of the locale's data: every format drafter uses prints as Babel's own zh_Hans_CN
    prints it, and reads no other key (else a build would load the whole data again)."""
    import datetime as dt

    from babel import Locale
    from babel.dates import format_date
    from babel.numbers import format_compact_decimal, format_decimal

    from drafter.compose import figures

    lean = figures.LeanLocale("zh", territory="CN", script="Hans")
    full = Locale.parse("zh_CN")
    assert str(lean) == str(full) == "zh_Hans_CN"
    for day in (dt.date(2022, 12, 4), dt.date(2035, 1, 31)):
        assert format_date(day, format="long", locale=lean) == format_date(
            day, format="long", locale=full
        )
    for value in (0, 7, 90, 2300, 37500, 210000, 1234567, 120000000):
        for pattern in ("0", "0.0", "0.00"):
            assert format_decimal(value, format=pattern, locale=lean) == format_decimal(
                value, format=pattern, locale=full
            )
        for digits in (1, 2):
            assert format_compact_decimal(
                value, locale=lean, fraction_digits=digits
            ) == format_compact_decimal(value, locale=full, fraction_digits=digits)
    for value in (4.25, 2.667, 0.5):
        assert format_decimal(value, format="0.0", locale=lean) == format_decimal(
            value, format="0.0", locale=full
        )
    data = lean._data._data  # the subset itself: a key read beyond it is added to it
    assert isinstance(data, figures._OrAll) and set(data) == set(figures.DATA_KEYS)
    assert figures.quantity(37500, "count", "件") == "3.75万件"
