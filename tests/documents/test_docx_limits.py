"""A Word file is read by streaming its XML: a ZIP bomb is refused with bounded memory."""

from __future__ import annotations

import tracemalloc
import zipfile
from io import BytesIO

from jobtracker.documents import reading
from tests.documents.builders import (
    DOCX,
    MIB,
    make_docx,
    make_docx_bomb,
    read_document,
    upload,
    upload_one,
)
from tests.factories import ApiUser


def test_a_docx_whose_xml_inflates_past_the_limit_is_marked_unreadable(alice: ApiUser) -> None:
    bomb = make_docx_bomb(inflated_mib=1024, declared_mib=40)
    assert len(bomb) < 3 * MIB

    document = upload_one(alice, "bomb.docx", bomb, DOCX)

    read = read_document(alice, document["id"])
    assert read["text_status"] == "unreadable"
    assert read["extraction_note"] == "The Word document is too large inside to read its text."
    assert read["extracted_text"] == ""


def test_reading_a_docx_bomb_holds_a_few_chunks_never_the_inflated_xml() -> None:
    bomb = make_docx_bomb(inflated_mib=1024, declared_mib=40)

    tracemalloc.start()
    try:
        extraction = reading.docx_text(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert not extraction.readable
    # The header claims more than the limit lets through: only chunks may be held at once.
    assert reading.MAX_DOCX_XML_BYTES < 40 * MIB
    assert peak < 16 * reading.READ_CHUNK


def _docx_with_extra_parts(count: int) -> bytes:
    output = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(make_docx("Hello"))) as source,
        zipfile.ZipFile(output, "w") as archive,
    ):
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        for number in range(count):
            archive.writestr(f"extra/part{number}.xml", "<a/>")
    return output.getvalue()


def test_a_docx_with_too_many_parts_is_refused_before_its_directory_is_read(
    alice: ApiUser,
) -> None:
    response = upload(alice, ("many.docx", _docx_with_extra_parts(reading.MAX_DOCX_MEMBERS), DOCX))

    assert response.status_code == 415
    assert "too many parts" in response.json()["error"]["message"]
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_a_docx_with_too_many_parts_is_marked_unreadable() -> None:
    extraction = reading.docx_text(_docx_with_extra_parts(reading.MAX_DOCX_MEMBERS))

    assert not extraction.readable
    assert extraction.note == "The Word document has too many parts inside to read its text."


def test_a_docx_with_a_dtd_is_not_expanded() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", laughs)

    extraction = reading.docx_text(output.getvalue())

    assert not extraction.readable
    assert extraction.text == ""


def test_word_text_keeps_tabs_line_breaks_and_merged_cells_once() -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Name:")
    paragraph.add_run("\tJane")
    paragraph.add_run().add_break()
    paragraph.add_run("Engineer")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Skills"
    table.cell(0, 2).text = "Years"
    table.cell(1, 0).text = "Go"
    output = BytesIO()
    document.save(output)

    extraction = reading.docx_text(output.getvalue())

    assert extraction.text == "Name:\tJane\nEngineer\nSkills | Years\nGo"
