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

MAX_UPLOAD_BYTES = 20 * 1024 * 1024          # the file as uploaded
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024   # all members inflated, together
MAX_MEMBER_RATIO = 200                       # inflated / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024                    # small members may compress well; they cannot hurt
MAX_MEMBERS = 2000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_SAVE_AS = "Save it from Excel as 'Excel Workbook (*.xlsx)' and upload it again."


class ReturnRejected(UserError):
    """The file cannot be read as a return at all; the message says why in plain words."""


@dataclass(frozen=True)
class ZipCheck:
    uncompressed_bytes: int
    has_formulas: bool


def check_upload(data: bytes) -> ZipCheck:
    """Refuse anything that is not a plain, reasonably sized .xlsx; raise ReturnRejected saying why."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReturnRejected(f"The file is {len(data) / 1048576:.1f} MB, over the {MAX_UPLOAD_BYTES // 1048576} MB "
                             "limit for a return. Split it into smaller files, or delete unused sheets.")
    if not data or data.isspace():
        raise ReturnRejected("The file is empty.")
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReturnRejected("This workbook is password-protected, so it cannot be read. Open it in Excel, "
                                 "remove the password (File > Info > Protect Workbook), save it and upload it again.")
        raise ReturnRejected("This is an old Excel 97-2003 (.xls) file. " + _SAVE_AS)
    if not data.startswith(b"PK"):
        raise ReturnRejected("This file is not an Excel workbook (.xlsx); it may be a CSV or another file "
                             "renamed. " + _SAVE_AS)
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
    return ReturnRejected("This file inflates to far more data than any return holds (it looks like a "
                          "'zip bomb'), so it was not opened. If it is a genuine return, save it again from "
                          "Excel; if you did not make it, do not open it.")


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
            raise ReturnRejected("This workbook is encrypted, so it cannot be read. Remove the password in "
                                 "Excel, save it and upload it again.")


def _inflate_all(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> ZipCheck:
    """Stream every member through zlib, counting real bytes (declared sizes may lie) and spotting formulas."""
    total, formulas = 0, False
    for info in infos:
        is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        if info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            raw = data_slice(archive, info)
            tail = b""
            for start in range(0, len(raw), 1 << 16):
                pending = raw[start:start + (1 << 16)]
                while pending:
                    chunk = inflater.decompress(pending, 1 << 22)   # at most 4 MB in memory at once
                    pending = inflater.unconsumed_tail
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise _bomb()
                    if is_sheet and not formulas:
                        formulas = bool(_FORMULA.search(tail + chunk))
                        tail = chunk[-8:]
        else:
            with archive.open(info) as member:
                while chunk := member.read(1 << 16):
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise _bomb()
                    if is_sheet and not formulas:
                        formulas = bool(_FORMULA.search(chunk))
    return ZipCheck(total, formulas)


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
