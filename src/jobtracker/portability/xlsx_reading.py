"""Reading an uploaded Excel workbook (.xlsx): its sheets and their rows as text, within bounds.

openpyxl reads the workbook in read-only (streaming) mode. Before it opens anything, the ZIP's
own directory is checked: what it declares bounds the work, because Python's zipfile never
inflates an entry past its declared size (and fails its CRC check if more was packed in).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from jobtracker.errors import AppError, InvalidInput

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook  # type: ignore[import-untyped]

ZIP_SIGNATURE = b"PK\x03\x04"
# Old binary Excel files and password-protected workbooks are both OLE compound files.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted .xlsx keeps its workbook in, named in the compound file's directory.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
MIB = 1024 * 1024
# A 10,000-row sheet with twenty columns is a few MB of XML; this leaves room for styles.
MAX_UNCOMPRESSED_BYTES = 64 * MIB
# Spreadsheet XML packs about 10 to 1 (up to ~50 to 1 when very repetitive); far more is a bomb.
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECKED_FROM = MIB
MAX_PARTS = 1_000
# openpyxl loads every shared string into memory when it opens a workbook, even read-only:
# 16 MB of the smallest strings is about a million of them, some 100 MB of Python objects.
MAX_SHARED_STRINGS_BYTES = 16 * MIB
_SHARED_STRINGS = "xl/sharedStrings.xml"
MAX_COLUMNS = 200
# Rows read from a sheet, blank ones included: a sheet padded with empty formatted rows
# would otherwise be walked to its end.
MAX_SHEET_ROWS = 50_000
# openpyxl reads a cell in about 0.12 ms on a busy server (200,000 cells took 25 s at a load
# of 16 on two cores, 3 s or so when idle): 10,000 rows of 40 cells is the most one request
# may spend on a sheet.
MAX_SHEET_CELLS = 400_000
_SCAN_CHUNK = 64 * 1024
# No part of an Office workbook declares a DTD; one that does may expand entities without end.
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
SAVE_AS = "Open it in Excel and save it again as .xlsx, or save it as CSV, and upload that."


class UnreadableWorkbook(AppError):
    status_code = 415
    code = "unsupported_media_type"


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row's number in the sheet, as Excel shows it
    cells: list[str]


def is_workbook(content: bytes) -> bool:
    return content.startswith(ZIP_SIGNATURE)


def refuse_compound_file(content: bytes) -> None:
    """An OLE compound file is either a password-protected workbook or an old .xls one."""
    if not content.startswith(OLE_SIGNATURE):
        return
    if _ENCRYPTED_PACKAGE in content:
        raise UnreadableWorkbook(
            "This workbook is protected by a password, so it cannot be read. Open it in Excel, "
            "remove the password (File → Info → Protect Workbook → Encrypt with Password) and "
            "save it again, or save it as CSV.",
            fields={"file": "protected by a password"},
        )
    raise UnreadableWorkbook(
        "This is an old Excel (.xls) workbook. Save it as .xlsx or CSV "
        "(File → Save as) and upload that.",
        fields={"file": "an old .xls workbook: save it as .xlsx or CSV"},
    )


@contextmanager
def open_workbook(content: bytes) -> Iterator[Workbook]:
    check_archive(content)
    # Imported on the first .xlsx import, not at start-up (about 10 MiB most workers never need).
    import openpyxl  # type: ignore[import-untyped]

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    # openpyxl reports a damaged part with whatever its parser raised (KeyError, ValueError,
    # an XML ParseError, ...); any of them means the same to the person uploading.
    except Exception:
        raise _damaged() from None
    try:
        yield workbook
    finally:
        workbook.close()


def worksheet_names(workbook: Workbook) -> list[str]:
    """The sheets holding cells, in the workbook's order (chart sheets have none)."""
    return [sheet.title for sheet in workbook.worksheets]


def sheet_rows(workbook: Workbook, name: str) -> Iterator[SheetRow]:
    """The sheet's rows as text, numbered as Excel numbers them, trailing blank cells dropped."""
    [sheet] = [sheet for sheet in workbook.worksheets if sheet.title == name]
    # Rows as wide as their last cell and no more: the size a sheet declares may be wrong
    # (A1:XFD1048576), and openpyxl would pad every row, and add rows, up to it.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    number = cells_read = 0
    while True:
        try:
            values = next(rows, None)
        except Exception:  # a damaged sheet part, whatever openpyxl's parser raised
            raise _damaged() from None
        if values is None:
            return
        number += 1
        if number > MAX_SHEET_ROWS:
            raise InvalidInput(
                f"The sheet has more than {MAX_SHEET_ROWS:,} rows, counting blank ones. "
                "Delete the empty rows below your data, or copy the data to a new sheet.",
                fields={"file": f"at most {MAX_SHEET_ROWS:,} rows in a sheet"},
            )
        cells_read += len(values)  # gaps before a row's last cell count: they cost as much
        if cells_read > MAX_SHEET_CELLS:
            raise InvalidInput(
                f"The sheet has more than {MAX_SHEET_CELLS:,} cells, more than an import reads "
                "from a workbook. Delete the columns you don't need, or import it in parts.",
                fields={"file": f"at most {MAX_SHEET_CELLS:,} cells in a sheet"},
            )
        cells = [cell_text(value) for value in values[:MAX_COLUMNS]]
        while cells and not cells[-1].strip():
            cells.pop()
        yield SheetRow(number, cells)


def cell_text(value: object) -> str:
    """A cell as the import's parsers read it: dates in ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows them
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_archive(content: bytes) -> None:
    """Refuse a ZIP that is no workbook, or that would expand to far more than it holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise _damaged() from None
    with archive:
        parts = archive.infolist()
        names = {part.filename for part in parts}
        if "xl/workbook.xml" not in names:
            if "xl/workbook.bin" in names:
                what = "an Excel binary workbook (.xlsb)"
            elif "content.xml" in names:
                what = "an OpenDocument spreadsheet (.ods)"
            else:
                what = "a ZIP file, not an Excel workbook"
            raise UnreadableWorkbook(
                f"This looks like {what}. {SAVE_AS}", fields={"file": "not an .xlsx workbook"}
            )
        declared = sum(part.file_size for part in parts)
        if (
            len(parts) > MAX_PARTS
            or declared > MAX_UNCOMPRESSED_BYTES
            or any(
                part.filename == _SHARED_STRINGS and part.file_size > MAX_SHARED_STRINGS_BYTES
                for part in parts
            )
            or any(
                part.file_size > _RATIO_CHECKED_FROM
                and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
                for part in parts
            )
        ):
            raise _too_large()
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                _refuse_dtd(archive, part)


def _refuse_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    tail = b""
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_SCAN_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise _damaged()
                tail = window[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        # A bad CRC, a truncated entry or a compression method zipfile cannot read.
        raise _damaged() from None


def _damaged() -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"This Excel workbook could not be read: it is damaged or not a real .xlsx file. {SAVE_AS}",
        fields={"file": "a damaged or unreadable workbook"},
    )


def _too_large() -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"This workbook expands to more than {MAX_UNCOMPRESSED_BYTES // MIB} MB once opened, "
        "more than an import can read. Copy the sheet with your applications into a new "
        "workbook, or save it as CSV, and upload that.",
        fields={"file": f"expands to more than {MAX_UNCOMPRESSED_BYTES // MIB} MB"},
    )
