"""Hand-written .xlsx files for hostile cases: any sheet XML, wrapped in the few parts a workbook needs."""

from __future__ import annotations

import io
import zipfile

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(sheets: list[tuple[str, str]]) -> bytes:
    """A workbook of (sheet name, worksheet XML) pairs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            _CT.format(
                sheets="".join(
                    f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for i in range(1, len(sheets) + 1)
                )
            ),
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_R}"><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, (n, _) in enumerate(sheets, 1))
            + "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_R}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Relationships>",
        )
        for i, (_, body) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", body)
    return buf.getvalue()


def sheet(rows: str, dimension: str | None = None, after: str = "", before: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{before}<worksheet {_NS}>{dim}<sheetData>{rows}</sheetData>'
        f"{after}</worksheet>"
    )


def cell(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def row(number: int, cells: list[tuple[str, object]]) -> str:
    return f'<row r="{number}">' + "".join(cell(ref, v) for ref, v in cells) + "</row>"


HEADER = row(1, [("A1", "Indicator"), ("B1", "Period"), ("C1", "Measure"), ("D1", "Value")])
DATA = "".join(
    row(r, [(f"A{r}", "KS2-L4-EM"), (f"B{r}", str(2000 + r)), (f"C{r}", "actual"), (f"D{r}", 70.5)])
    for r in range(2, 14)
)
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def hostile_cases() -> dict[str, bytes]:
    """Small files that ask a careless reader for gigabytes or minutes."""
    return {
        "one value in a far column": xlsx([("Data", sheet(HEADER + DATA + row(20, [("ZZZ20", 1)])))]),
        "a far column on every row": xlsx(
            [("Data", sheet(HEADER + "".join(row(r, [(f"A{r}", "x"), (f"XFD{r}", 1)]) for r in range(2, 400))))]
        ),
        "a value in the very last cell": xlsx([("Data", sheet(HEADER + DATA + row(1048576, [("XFD1048576", 1)])))]),
        "a huge declared range and merge": xlsx(
            [
                (
                    "Data",
                    sheet(
                        HEADER + DATA,
                        dimension="A1:XFD1048576",
                        after='<mergeCells count="1"><mergeCell ref="A50:XFD1048576"/></mergeCells>',
                    ),
                )
            ]
        ),
        "a million empty rows declared": xlsx(
            [("Data", sheet(HEADER + DATA + "".join(f'<row r="{r}" spans="1:16384"/>' for r in range(100, 150_000))))]
        ),
        "many sheets": xlsx(
            [(f"S{i}", sheet(row(1, [("A1", "x")]) + row(100000, [("XFD100000", 1)]))) for i in range(1500)]
        ),
        "many sheets each with a far cell": xlsx(
            [(f"S{i}", sheet(row(1, [("A1", "x")]) + row(9, [("XFD9", 1)]))) for i in range(150)]
        ),
        "deeply nested XML": xlsx(
            [
                (
                    "Data",
                    sheet(
                        HEADER
                        + '<row r="2"><c r="A2" t="inlineStr"><is>'
                        + "<r>" * 50000
                        + "<t>x</t>"
                        + "</r>" * 50000
                        + "</is></c></row>"
                    ),
                )
            ]
        ),
        "deeply nested XML with a formula": xlsx(
            [
                (
                    "Data",
                    sheet(
                        HEADER
                        + '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="inlineStr"><is>'
                        + "<r>" * 50000
                        + "<t>x</t>"
                        + "</r>" * 50000
                        + "</is></c></row>"
                    ),
                )
            ]
        ),
        "entity expansion (billion laughs)": xlsx([("Data", sheet(row(1, [("A1", "&lol9;")]), before=LAUGHS))]),
    }
