"""Reading uploads: .xlsx workbooks (sheets, cell types, hostile and damaged files), and CSV
with semicolons, tabs, BOMs and UTF-16."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from jobtracker.errors import InvalidInput
from jobtracker.portability import xlsx_reading
from jobtracker.portability.csv_reading import read_table
from jobtracker.portability.xlsx_reading import UnreadableWorkbook
from tests.applications.builders import list_applications
from tests.factories import ApiUser
from tests.portability.builders import import_csv, make_csv, preview

FILES = Path(__file__).parent / "files"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CellValue = str | int | float | bool | date | datetime | None
Sheet = tuple[str, list[list[CellValue]]]


def workbook(*sheets: Sheet) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(content: bytes, name: str, data: bytes) -> bytes:
    """The workbook with the part `name` added to its ZIP, or put in place of its own."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for part in original.infolist():
            if part.filename != name:
                copy.writestr(part, original.read(part))
        copy.writestr(name, data)
    return buffer.getvalue()


APPLICATIONS: Sheet = (
    "Applications",
    [
        ["Company", "Role", "Applied", "Date applied", "Salary", "Interview at"],
        ["Acme", "Dev", True, date(2026, 9, 3), 150000.0, datetime(2026, 9, 20, 14, 30)],
        [None, None, None, None, None, None],
        ["Beta", "QA", False, None, 72.5, None],
    ],
)
NOTES: Sheet = ("Notes", [["Company", "Role"], ["Gamma", "Ops"]])


def test_a_workbook_is_read_from_its_first_sheet_with_cells_as_text() -> None:
    table = read_table(workbook(APPLICATIONS, NOTES))

    assert table.columns == ["Company", "Role", "Applied", "Date applied", "Salary", "Interview at"]
    assert [row.line for row in table.rows] == [2, 4]  # the sheet's row numbers; blanks skipped
    assert table.rows[0].cells == [
        "Acme",
        "Dev",
        "TRUE",
        "2026-09-03",
        "150000",
        "2026-09-20 14:30:00",
    ]
    assert table.rows[1].cells == ["Beta", "QA", "FALSE", "", "72.5"]
    assert table.sheets == ["Applications", "Notes"]
    assert table.sheet == "Applications"
    assert table.notes == ["Read from the sheet 'Applications'."]


def test_a_named_sheet_is_read_instead() -> None:
    table = read_table(workbook(APPLICATIONS, NOTES), sheet="Notes")

    assert table.sheet == "Notes"
    assert table.columns == ["Company", "Role"]
    assert table.rows[0].cells == ["Gamma", "Ops"]


def test_a_sheet_the_workbook_lacks_is_refused_naming_the_ones_it_has() -> None:
    with pytest.raises(InvalidInput) as refusal:
        read_table(workbook(APPLICATIONS, NOTES), sheet="Archive")

    assert "its sheets are Applications, Notes" in refusal.value.message
    assert refusal.value.fields == {"sheet": "one of Applications, Notes"}


def test_a_workbook_without_a_header_row_is_empty() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read_table(workbook(("Empty", [[None, None]])))


def test_columns_past_the_limit_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_COLUMNS", 2)

    table = read_table(workbook(APPLICATIONS))

    assert table.columns == ["Company", "Role"]


def test_a_sheet_declaring_a_size_far_beyond_its_cells_is_read_as_its_cells() -> None:
    # Read at the declared 16,384 columns, these 40 rows would pass the cell limit.
    developers: list[list[CellValue]] = [["Acme", f"Dev {n}"] for n in range(40)]
    rows: list[list[CellValue]] = [["Company", "Role"], *developers]
    content = workbook(("Sheet", rows))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    whole_sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet_xml)

    table = read_table(with_part(content, "xl/worksheets/sheet1.xml", whole_sheet))

    assert table.columns == ["Company", "Role"]
    assert len(table.rows) == 40
    assert table.rows[-1].cells == ["Acme", "Dev 39"]


def test_a_cell_past_the_last_column_read_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_COLUMNS", 3)
    rows: list[list[CellValue]] = [["Company", "Role"], ["Acme", "Dev", None, None, "stray"]]

    table = read_table(workbook(("Sheet", rows)))

    assert table.columns == ["Company", "Role"]
    assert table.rows[0].cells == ["Acme", "Dev"]


def test_a_sheet_padded_with_blank_rows_is_refused_at_the_row_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_SHEET_ROWS", 5)
    blank: list[CellValue] = [None, ""]
    rows: list[list[CellValue]] = [["Company", "Role"], ["Acme", "Dev"], *[blank] * 10]

    with pytest.raises(InvalidInput, match="more than 5 rows, counting blank ones"):
        read_table(workbook(("Padded", rows)))


def test_a_sheet_with_more_cells_than_an_import_reads_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_SHEET_CELLS", 10)

    with pytest.raises(InvalidInput, match="more than 10 cells"):
        read_table(workbook(APPLICATIONS))


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    # 8 MiB of zeros packs into a few KB: over a thousand to one.
    content = with_part(workbook(APPLICATIONS), "xl/media/padding.bin", bytes(8 * 1024 * 1024))

    with pytest.raises(UnreadableWorkbook, match="expands to more than 64 MB"):
        read_table(content)


def test_a_workbook_declaring_more_than_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_UNCOMPRESSED_BYTES", 4096)

    with pytest.raises(UnreadableWorkbook, match="expands to more than"):
        read_table(workbook(APPLICATIONS))


def test_a_workbook_with_too_many_shared_strings_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_SHARED_STRINGS_BYTES", 100)
    strings = b"<sst>" + b"<si><t>a</t></si>" * 20 + b"</sst>"
    content = with_part(workbook(APPLICATIONS), "xl/sharedStrings.xml", strings)

    with pytest.raises(UnreadableWorkbook, match="expands to more than"):
        read_table(content)


def test_a_part_declaring_entities_is_refused() -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>'
    content = with_part(workbook(APPLICATIONS), "xl/custom.xml", laughs)

    with pytest.raises(UnreadableWorkbook, match=r"damaged or not a real \.xlsx"):
        read_table(content)


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04rest-of-zip",
        workbook(APPLICATIONS)[:2000],  # cut short
        with_part(workbook(APPLICATIONS), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData"),
    ],
    ids=["garbage", "truncated", "broken-sheet-xml"],
)
def test_a_damaged_workbook_is_refused_in_plain_words(content: bytes) -> None:
    with pytest.raises(UnreadableWorkbook) as refusal:
        read_table(content)

    assert "could not be read: it is damaged or not a real .xlsx file" in refusal.value.message
    assert refusal.value.status_code == 415


@pytest.mark.parametrize(
    ("part", "what"),
    [
        ("word/document.xml", "a ZIP file, not an Excel workbook"),
        ("content.xml", r"OpenDocument spreadsheet \(\.ods\)"),
        ("xl/workbook.bin", r"Excel binary workbook \(\.xlsb\)"),
    ],
)
def test_a_zip_that_is_no_workbook_is_named(part: str, what: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<document/>")

    with pytest.raises(UnreadableWorkbook, match=what):
        read_table(buffer.getvalue())


def test_a_password_protected_workbook_is_refused_with_how_to_remove_the_password() -> None:
    content = xlsx_reading.OLE_SIGNATURE + bytes(500) + "EncryptedPackage".encode("utf-16-le")

    with pytest.raises(UnreadableWorkbook, match="protected by a password"):
        read_table(content)


def test_an_old_xls_workbook_is_refused_with_save_as_advice() -> None:
    content = xlsx_reading.OLE_SIGNATURE + bytes(2000)

    with pytest.raises(UnreadableWorkbook, match=r"old Excel \(.xls\) workbook. Save it as .xlsx"):
        read_table(content)


def test_a_workbook_imports_through_the_api_with_its_date_cells(alice: ApiUser) -> None:
    content = workbook(APPLICATIONS, NOTES)

    body = preview(alice, content, filename="applications.xlsx")
    response = import_csv(alice, content, filename="applications.xlsx")

    assert body["mapping"]["Applied"] is None  # TRUE/FALSE is no date
    assert body["mapping"]["Date applied"] == "applied_on"
    assert response.status_code == 201, response.text
    items = list_applications(alice, sort="company")["items"]
    assert [(item["company"], item["applied_on"]) for item in items] == [
        ("Acme", "2026-09-03"),
        ("Beta", None),
    ]
    assert items[0]["salary_min"] == 150_000


def test_the_preview_lists_a_workbooks_sheets_and_reads_the_one_asked_for(
    alice: ApiUser,
) -> None:
    files = {"file": ("applications.xlsx", workbook(APPLICATIONS, NOTES), XLSX_TYPE)}
    options = {"options": json.dumps({"sheet": "Notes"})}

    response = alice.client.post("/api/import/applications/preview", files=files, data=options)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sheets"] == ["Applications", "Notes"]
    assert body["sheet"] == "Notes"
    assert body["columns"] == ["Company", "Role"]


def test_the_preview_of_a_sheet_the_workbook_lacks_names_its_sheets(alice: ApiUser) -> None:
    files = {"file": ("applications.xlsx", workbook(APPLICATIONS, NOTES), XLSX_TYPE)}
    options = {"options": json.dumps({"sheet": "Archive"})}

    response = alice.client.post("/api/import/applications/preview", files=files, data=options)

    assert response.status_code == 422, response.text
    assert "its sheets are Applications, Notes" in response.json()["error"]["message"]


def test_a_european_semicolon_file_with_a_bom_and_decimal_commas_is_read(alice: ApiUser) -> None:
    content = make_csv(
        [
            ["Firma", "Position", "Datum", "Gehalt"],
            ["Nordwind GmbH", "Entwickler", "14.09.2026", "55.000,00 €"],
            ["Contoso AG", "Tester", "03.09.2026", "48.500,50 €"],
        ],
        delimiter=";",
        bom=True,
    )

    table = read_table(content)
    response = import_csv(alice, content)

    assert table.delimiter == ";"
    assert table.columns == ["Firma", "Position", "Datum", "Gehalt"]
    assert response.status_code == 201, response.text
    items = list_applications(alice, sort="company")["items"]
    assert [
        (item["company"], item["role"], item["applied_on"], item["salary_min"]) for item in items
    ] == [
        ("Contoso AG", "Tester", "2026-09-03", 48_500),
        ("Nordwind GmbH", "Entwickler", "2026-09-14", 55_000),
    ]
    assert {item["salary_currency"] for item in items} == {"EUR"}


def test_a_tab_separated_file_with_a_bom_is_read() -> None:
    content = make_csv(
        [["Company", "Role", "Notes"], ["Acme", "Dev", "a, b; c"]], delimiter="\t", bom=True
    )

    table = read_table(content)

    assert table.delimiter == "\t"
    assert table.columns == ["Company", "Role", "Notes"]
    assert table.rows[0].cells == ["Acme", "Dev", "a, b; c"]
    assert table.sheets == []
    assert table.sheet is None


def test_excels_utf16_unicode_text_is_read() -> None:
    table = read_table((FILES / "excel_template.txt").read_bytes())

    assert table.encoding == "utf-16"
    assert table.delimiter == "\t"
    assert table.columns[0] == "Company Name"
    assert table.rows[0].cells[:2] == ["Northwind Traders", "Accountant"]


def test_a_separator_inside_a_quoted_header_does_not_decide_the_delimiter() -> None:
    content = b'"Salary (min, max)";"Company, Inc";Datum\r\n1;2;3\r\n'

    table = read_table(content)

    assert table.delimiter == ";"
    assert table.columns == ["Salary (min, max)", "Company, Inc", "Datum"]


def test_the_delimiter_that_splits_every_record_alike_wins_a_tie_on_the_header() -> None:
    # The header splits in two on a tab and on a semicolon; only tabs split the rows too.
    content = b"Company\tNotes; misc\r\nAcme\tfine\r\nBeta\tgood\r\n"

    table = read_table(content)

    assert table.delimiter == "\t"
    assert table.columns == ["Company", "Notes; misc"]


def test_a_single_column_file_is_read_as_comma_separated() -> None:
    table = read_table(b"Company\r\nAcme\r\n")

    assert table.delimiter == ","
    assert table.columns == ["Company"]
