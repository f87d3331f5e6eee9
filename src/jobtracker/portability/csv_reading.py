"""Reading an uploaded spreadsheet (CSV, TSV or .xlsx): its columns, rows and where each starts."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jobtracker.errors import AppError, InvalidInput
from jobtracker.portability import xlsx_reading

MAX_ROWS = 10_000
DELIMITERS = (",", ";", "\t")
# What the delimiter is decided from: the first records, read from the start of the file.
_SNIFF_SAMPLE = 64 * 1024
_SNIFF_RECORDS = 5
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# Files people pick by mistake, recognised by their first bytes (workbooks are read).
_NOT_CSV = {b"%PDF": "a PDF"}
SAVE_AS_CSV = "Save the spreadsheet as CSV (File → Save as → CSV UTF-8) and upload that."


class UnsupportedFile(AppError):
    status_code = 415
    code = "unsupported_media_type"


@dataclass(frozen=True)
class CsvRow:
    line: int  # where the row starts: its line in a CSV file, its row number in a sheet
    cells: list[str]


@dataclass(frozen=True)
class CsvTable:
    columns: list[str]
    rows: list[CsvRow]
    encoding: str
    delimiter: str  # empty for a workbook
    notes: list[str]
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets; empty for CSV
    sheet: str | None = None  # the sheet read


WORKBOOK_ENCODING = "xlsx"


def read_table(content: bytes, *, sheet: str | None = None) -> CsvTable:
    """The table in a CSV or TSV file, or in a workbook's sheet (the first unless named)."""
    if xlsx_reading.is_workbook(content):
        return _read_workbook(content, sheet)
    text, encoding, notes = _decode(content)
    delimiter = _sniff_delimiter(text)
    if delimiter != ",":
        notes.append(f"Columns are separated by {_DELIMITER_NAMES[delimiter]}s.")
    header, rows = _collect(_csv_rows(text, delimiter))
    return CsvTable(_unique(header), rows, encoding, delimiter, notes)


def _read_workbook(content: bytes, sheet: str | None) -> CsvTable:
    with xlsx_reading.open_workbook(content) as workbook:
        sheets = xlsx_reading.worksheet_names(workbook)
        if not sheets:
            raise InvalidInput("The workbook has no sheets with cells.", fields={"file": "empty"})
        chosen = sheets[0] if sheet is None else sheet
        if chosen not in sheets:
            raise InvalidInput(
                f"The workbook has no sheet named {sheet!r}; its sheets are {', '.join(sheets)}.",
                fields={"sheet": f"one of {', '.join(sheets)}"},
            )
        rows = xlsx_reading.sheet_rows(workbook, chosen)
        header, table_rows = _collect((row.number, row.cells) for row in rows)
    notes = [f"Read from the sheet {chosen!r}."] if len(sheets) > 1 else []
    return CsvTable(
        _unique(header), table_rows, WORKBOOK_ENCODING, "", notes, sheets=sheets, sheet=chosen
    )


def _decode(content: bytes) -> tuple[str, str, list[str]]:
    """The text, the encoding it was read in, and a note when that was a guess."""
    if content.startswith(codecs.BOM_UTF8):
        return _strict(content[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8", []
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        return _strict(content, "utf-16"), "utf-16", []
    _refuse_binary(content)
    try:
        return content.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    note = (
        "The file is not UTF-8, so it was read as Windows-1252 (what Excel saves on Windows). "
        "Check that accented letters look right."
    )
    return _strict(content, "cp1252"), "cp1252", [note]


def _strict(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise UnsupportedFile(
            f"The file could not be read as text ({encoding}). {SAVE_AS_CSV}",
            fields={"file": "not text in UTF-8 or Windows-1252"},
        ) from None


def _refuse_binary(content: bytes) -> None:
    xlsx_reading.refuse_compound_file(content)
    for signature, what in _NOT_CSV.items():
        if content.startswith(signature):
            raise UnsupportedFile(
                f"This looks like {what}, not a CSV file. {SAVE_AS_CSV}",
                fields={"file": "not a CSV file"},
            )
    if b"\x00" in content[:8192]:
        raise UnsupportedFile(
            f"This is not a text file. {SAVE_AS_CSV}", fields={"file": "not a CSV file"}
        )


def _sniff_delimiter(text: str) -> str:
    """The delimiter the file's first records are written with; a comma when none splits them.

    The records are read as CSV, so a separator inside a quoted cell ("Salary (min, max)")
    does not count. A delimiter that splits the header wins; among those, one that gives
    every record as many cells as the header, then the one giving the most cells.
    """
    sample = text.lstrip("\r\n")[:_SNIFF_SAMPLE]
    cut_short = len(sample) == _SNIFF_SAMPLE

    def shape(delimiter: str) -> tuple[bool, bool, int]:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            widths = [len(cells) for cells in itertools.islice(reader, _SNIFF_RECORDS)]
        except csv.Error:
            return False, False, 0
        if cut_short and len(widths) > 1:
            widths.pop()  # the sample may end inside the last record read
        header = widths[0] if widths else 0
        return header > 1, all(width == header for width in widths), header

    best = max(DELIMITERS, key=shape)
    return best if shape(best)[0] else ","


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a broken quote is refused with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InvalidInput(
                f"The file is not valid CSV: line {reader.line_num}: {error}. A quote that "
                f"is opened and never closed is the usual cause. {SAVE_AS_CSV}",
                fields={"file": f"not valid CSV at line {reader.line_num}"},
            ) from None
        yield start, cells


def _collect(records: Iterable[tuple[int, list[str]]]) -> tuple[list[str], list[CsvRow]]:
    """The first non-blank record as the header and the non-blank ones below it as rows."""
    header: list[str] | None = None
    rows: list[CsvRow] = []
    for start, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = cells
            continue
        if len(rows) == MAX_ROWS:
            raise InvalidInput(
                f"The file has more than {MAX_ROWS:,} rows. Split it and import each part.",
                fields={"file": f"at most {MAX_ROWS:,} rows"},
            )
        rows.append(CsvRow(start, cells))
    if header is None:
        raise InvalidInput("The file is empty.", fields={"file": "empty"})
    return header, rows


def _unique(header: list[str]) -> list[str]:
    """Header cells as column names: trimmed, never blank, never twice the same."""
    columns: list[str] = []
    for position, cell in enumerate(header, start=1):
        name = cell.strip() or f"Column {position}"
        candidate, copy = name, 2
        while candidate in columns:
            candidate, copy = f"{name} ({copy})", copy + 1
        columns.append(candidate)
    return columns
