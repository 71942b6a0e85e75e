"""Checks a file must pass before openpyxl sees it: size, real .xlsx, not encrypted, not a zip bomb.

openpyxl inflates whatever XML a zip holds, so a 100 kB upload could take gigabytes of
memory and stall the app for every user. Everything here looks only at the zip's directory
and streams each member through zlib with a hard cap, so memory stays bounded and a hostile
file is refused in well under a second. The same pass notes whether any sheet holds
formulas, so the loader opens the workbook a second time only when it has to.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from kpi.errors import UserError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the file as uploaded
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024  # all members inflated, together
MAX_MEMBER_RATIO = 200  # inflated / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024  # small members may compress well; they cannot hurt
MAX_MEMBERS = 2000
MAX_SHEETS = 200  # worksheets in one return
MAX_VALUES = 3_000_000  # cells that hold something, all sheets together
SPREAD_FLOOR = 200_000  # places a sheet's rows may span (row by row) before ...
SPREAD_PER_VALUE = 10  # ... they must stay within this many places per value held

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_SAVE_AS = "Save it from Excel as 'Excel Workbook (*.xlsx)' and upload it again."


class ReturnRejected(UserError):
    """The file cannot be read as a return at all; the message says why in plain words."""


@dataclass
class SheetExtent:
    """Where a worksheet's cells lie, from a scan of its XML: what the readers will have to hold.

    `spread` is the sum over rows of each row's last column: a reader that gives each row as a
    list (as every reader here does) holds that many places, whatever the sheet declares.
    """

    values: int = 0
    spread: int = 0
    last_row: int = 0
    last_col: int = 0
    far_ref: str = ""  # the cell furthest right (then down): named when the sheet is refused
    far_col: int = 0

    @property
    def area(self) -> int:
        """The rectangle from A1 to the last row and column: what a reader that fills a grid would hold."""
        return self.last_row * self.last_col


@dataclass(frozen=True)
class ZipCheck:
    uncompressed_bytes: int
    has_formulas: bool
    extents: dict[str, SheetExtent] | None = None  # worksheet part name -> where its cells lie


def check_upload(data: bytes) -> ZipCheck:
    """Refuse anything that is not a plain, reasonably sized .xlsx; raise ReturnRejected saying why."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReturnRejected(
            f"The file is {len(data) / 1048576:.1f} MB, over the {MAX_UPLOAD_BYTES // 1048576} MB "
            "limit for a return. Split it into smaller files, or delete unused sheets."
        )
    if not data or data.isspace():
        raise ReturnRejected("The file is empty.")
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReturnRejected(
                "This workbook is password-protected, so it cannot be read. Open it in Excel, "
                "remove the password (File > Info > Protect Workbook), save it and upload it again."
            )
        raise ReturnRejected("This is an old Excel 97-2003 (.xls) file. " + _SAVE_AS)
    if not data.startswith(b"PK"):
        raise ReturnRejected(
            "This file is not an Excel workbook (.xlsx); it may be a CSV or another file renamed. " + _SAVE_AS
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        raise ReturnRejected("This file is not an Excel workbook (.xlsx), or it is damaged. " + _SAVE_AS) from None
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
            raise ReturnRejected("This is a zip file but not an Excel workbook (.xlsx). " + _SAVE_AS)
        _check_declared(infos)
        try:
            return _inflate_all(archive, infos)
        except (zlib.error, zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError):
            raise ReturnRejected("This workbook is damaged and cannot be read. " + _SAVE_AS) from None


def _bomb() -> ReturnRejected:
    return ReturnRejected(
        "This file inflates to far more data than any return holds (it looks like a "
        "'zip bomb'), so it was not opened. If it is a genuine return, save it again from "
        "Excel; if you did not make it, do not open it."
    )


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse on the sizes the zip's directory declares, before inflating a byte."""
    if len(infos) > MAX_MEMBERS:
        raise _bomb()
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
        raise _bomb()
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise _bomb()
        if info.flag_bits & 0x1:
            raise ReturnRejected(
                "This workbook is encrypted, so it cannot be read. Remove the password in "
                "Excel, save it and upload it again."
            )


def _inflate_all(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> ZipCheck:
    """Stream every member through zlib, counting real bytes (declared sizes may lie), spotting formulas,
    and scanning each worksheet for where its cells really lie (declared dimensions are ignored)."""
    total, formulas, extents = 0, False, {}
    sheets = [i for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    if len(sheets) > MAX_SHEETS:
        raise ReturnRejected(
            f"This workbook has {len(sheets):,} sheets; a return has at most {MAX_SHEETS}. "
            "Delete the sheets the return does not need, or split it into several files."
        )
    for info in infos:
        is_sheet = info in sheets
        scan = _ExtentScan() if is_sheet else None
        if info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            raw = data_slice(archive, info)
            tail = b""
            for start in range(0, len(raw), 1 << 16):
                pending = raw[start : start + (1 << 16)]
                while pending:
                    chunk = inflater.decompress(pending, 1 << 22)  # at most 4 MB in memory at once
                    pending = inflater.unconsumed_tail
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise _bomb()
                    if is_sheet:
                        if not formulas:
                            formulas = bool(_FORMULA.search(tail + chunk))
                            tail = chunk[-8:]
                        scan.feed(chunk)
                    else:
                        _refuse_dtd(tail + chunk)
                        tail = chunk[-16:]
        else:
            with archive.open(info) as member:
                while chunk := member.read(1 << 16):
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise _bomb()
                    if is_sheet:
                        if not formulas:
                            formulas = bool(_FORMULA.search(chunk))
                        scan.feed(chunk)
                    else:
                        _refuse_dtd(chunk)
        if is_sheet:
            extents[info.filename] = scan.finish()
    return ZipCheck(total, formulas, extents)


_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]{1,3})(\d+)"')
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_COLUMN_CACHE: dict[bytes, int] = {}


def column_letters(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _refuse_dtd(xml: bytes) -> None:
    """Entity declarations are how a tiny XML file expands to gigabytes; Office files never have them."""
    if b"<!" in xml and _DTD.search(xml):
        raise ReturnRejected(
            "This workbook contains XML that Excel never writes (a document type "
            "declaration), so it was not opened. Save it again from Excel and upload it."
        )


def _column_number(letters: bytes) -> int:
    col = _COLUMN_CACHE.get(letters)
    if col is None:
        col = 0
        for ch in letters.upper():
            col = col * 26 + ch - 64
        if len(_COLUMN_CACHE) < 20_000:
            _COLUMN_CACHE[letters] = col
    return col


class _ExtentScan:
    """Counts a worksheet's cells and where they lie, fed the XML in chunks (a tag may straddle two).

    The regular expression does the reading; Python sees only the cells' references, so empty rows,
    formatting and declared dimensions cost nothing here.
    """

    def __init__(self):
        self.extent, self._tail = SheetExtent(), b""
        self._row, self._row_last = b"", 0

    def feed(self, chunk: bytes) -> None:
        data = self._tail + chunk
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        self._tail = data[cut:][-4096:]  # an unfinished tag waits for the next chunk (never a huge one)
        body = data[:cut]
        if b"<" not in body:  # padding (or a bomb's filler): nothing to count
            return
        _refuse_dtd(body)
        refs = _CELL_REF.findall(body)
        e = self.extent
        unreferenced = len(_ANY_CELL.findall(body)) - len(refs)
        if unreferenced > 0:  # cells placed by position alone: each is real content, one place each
            e.values += unreferenced
            e.spread += unreferenced
        row, last = self._row, self._row_last
        for letters, digits in refs:
            if digits != row:
                e.spread += last
                e.last_col = max(e.last_col, last)
                row, last = digits, 0
                number = int(digits)
                e.last_row = max(e.last_row, number)
            col = _column_number(letters)
            if col > last:
                last = col
                if col > e.far_col:
                    e.far_col, e.far_ref = col, f"{column_letters(col)}{int(digits)}"
        e.values += len(refs)
        self._row, self._row_last = row, last

    def finish(self) -> SheetExtent:
        e = self.extent
        e.spread += self._row_last
        e.last_col = max(e.last_col, self._row_last)
        return e


def check_extents(extents: dict[str, SheetExtent], names) -> None:
    """Refuse a workbook whose cells are spread far beyond what they hold (one value in column XFD, say).

    The cap grows with the values held (SPREAD_PER_VALUE places each, at least SPREAD_FLOOR), so a
    real return of any size passes and reading costs stay proportional to what the file holds.
    `names()` maps worksheet parts to sheet names, for the message (asked only when refusing).
    """
    values = sum(e.values for e in extents.values())
    if values > MAX_VALUES:
        raise ReturnRejected(
            f"The workbook holds more than {MAX_VALUES:,} cells; a return is far smaller. Split it into several files."
        )
    spread = sum(e.spread for e in extents.values())
    if spread > max(SPREAD_FLOOR, SPREAD_PER_VALUE * values):
        part, far = max(extents.items(), key=lambda item: item[1].spread)
        try:
            sheet = names().get(part) or part.rsplit("/", 1)[-1]
        except Exception:  # the workbook's own index is damaged too: name the part
            sheet = part.rsplit("/", 1)[-1]
        raise ReturnRejected(
            f"{sheet}!{far.far_ref} holds something far outside the table: this workbook's "
            f"{values:,} filled cells are spread over {spread:,} places. Delete the rows and "
            "columns beyond the table (select from the first unused one to the end, then "
            "Delete), save, and upload it again."
        )


def data_slice(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes, read straight from the archive (no inflation, no CRC work)."""
    handle = archive.fp
    handle.seek(info.header_offset)
    header = handle.read(30)
    if header[:4] != b"PK\x03\x04":
        raise ReturnRejected("This workbook is damaged (a part of it cannot be found). " + _SAVE_AS)
    name_len = int.from_bytes(header[26:28], "little")
    extra_len = int.from_bytes(header[28:30], "little")
    handle.seek(info.header_offset + 30 + name_len + extra_len)
    return handle.read(info.compress_size)
