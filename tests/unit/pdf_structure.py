"""Reading a tagged PDF's structure back with pypdf: the structure tree, outline, fonts and metadata.

What a PDF/UA checker reads first, without a validator: the tests use it to prove the board pack is tagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass
class Elem:
    """One structure element: its type (H1, Figure, TH...), its page, its attributes and its kids."""

    tag: str
    page: int | None
    obj: DictionaryObject
    kids: list[Elem] = field(default_factory=list)
    text: str = ""  # the text of its marked content, when read with texts=True

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, tag: str) -> list[Elem]:
        return [e for e in self.walk() if e.tag == tag]


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure(reader: PdfReader) -> Elem:
    """The structure tree from /StructTreeRoot, elements only (marked-content ids are left out)."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}

    def build(obj: DictionaryObject) -> Elem:
        pg = obj.get("/Pg")
        elem = Elem(str(obj.get("/S", ""))[1:], pages.get(pg.idnum) if isinstance(pg, IndirectObject) else None, obj)
        kids = _resolve(obj.get("/K"))
        for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
            kid = _resolve(kid)
            if isinstance(kid, DictionaryObject) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
                elem.kids.append(build(kid))
        return elem

    root = _resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    top = _resolve(root["/K"])
    tree = Elem("StructTreeRoot", None, root)
    tree.kids = [build(_resolve(k)) for k in (top if isinstance(top, ArrayObject) else [top])]
    return tree


def heading_texts(reader: PdfReader) -> dict[str, list[str]]:
    """The text of every H1 and H2 element in reading order, read from the marked content it owns (by MCID)."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    by_page: dict[int, dict[int, str]] = {}

    def mcid_text(page_index: int, mcid: int) -> str:
        if page_index not in by_page:
            by_page[page_index] = _marked_text(reader.pages[page_index])
        return by_page[page_index].get(mcid, "")

    def text_of(obj: DictionaryObject, page_index: int | None) -> str:
        pg = obj.get("/Pg")
        page_index = pages.get(pg.idnum, page_index) if isinstance(pg, IndirectObject) else page_index
        kids = _resolve(obj.get("/K"))
        out = []
        for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
            kid = _resolve(kid)
            if isinstance(kid, int) and page_index is not None:
                out.append(mcid_text(page_index, kid))
            elif isinstance(kid, DictionaryObject) and "/S" in kid:
                out.append(text_of(kid, page_index))
        return "".join(out)

    found: dict[str, list[str]] = {}
    for elem in structure(reader).walk():
        if elem.tag in ("H1", "H2"):
            found.setdefault(elem.tag, []).append(text_of(elem.obj, elem.page))
    return found


def _marked_text(page) -> dict[int, str]:
    """Text shown inside each marked-content sequence of a page, by MCID (Tj/TJ strings, as pypdf decodes them)."""
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if stack and stack[-1] is not None and text:
            texts.setdefault(stack[-1], []).append(text)

    def operator(op, args, cm, tm):
        if op == b"BDC":
            props = args[1] if len(args) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC" and stack:
            stack.pop()

    page.extract_text(visitor_text=visitor, visitor_operand_before=operator)
    return {k: "".join(v) for k, v in texts.items()}


def outline(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """The bookmarks: (top-level title, [titles nested under it])."""
    out: list[tuple[str, list[str]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            out[-1][1].extend(x.title for x in item if not isinstance(x, list))
        else:
            out.append((item.title, []))
    return out


def fonts(reader: PdfReader) -> dict[str, set[str]]:
    """Every font used on any page, with the keys of its embedded font file (/FontFile2 for TrueType), if any."""
    found: dict[str, set[str]] = {}
    for page in reader.pages:
        for font in _resolve(page["/Resources"]).get("/Font", {}).values():
            font = _resolve(font)
            descendants = font.get("/DescendantFonts")
            described = _resolve(_resolve(descendants)[0]) if descendants else font
            descriptor = _resolve(described.get("/FontDescriptor")) or {}
            found[str(font["/BaseFont"])] = {k for k in descriptor if k.startswith("/FontFile")}
    return found


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def words(text: str) -> str:
    """Text with each run of whitespace (a line break, a page's end) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text: str) -> str:
    """Text without any whitespace: how a long passage is compared when lines and pages break it anywhere."""
    return re.sub(r"\s+", "", text)


def read(path: Path | bytes) -> PdfReader:
    import io

    return PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
