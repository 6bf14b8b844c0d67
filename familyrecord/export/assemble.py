"""After layout: merge the attached pages in, fingerprint every page, put the real page
fingerprints in the appendix, stamp each page, label the pages, set how the PDF opens, write
the manifest and lock it with the password.

The order matters (integrity.py explains the design): page bodies are final before they are
hashed, and the stamp that carries the bundle fingerprint is added last, outside the bodies.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.constants import PageLabelStyle, UserAccessPermissions
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    TextStringObject,
)

from familyrecord.export.attached import open_pdf, picture_page
from familyrecord.export.integrity import (
    MONO_FONT,
    STAMP_FONT,
    PageHasher,
    Stamp,
    stamp_font,
)
from familyrecord.export.options import CancelCheck, ExportCancelled
from familyrecord.export.pdfstyle import FRAME_H, FRAME_W, MARGIN_BOTTOM, MARGIN_X, FullPage, LayoutState
from familyrecord.export.text_layer import Placed, add_text_layer, has_text
from familyrecord.storage.stores import Stores

# What the recipient may do with a password-protected bundle: print, copy text (and let
# assistive software read it), add notes and highlights, fill forms, take out pages. Changing
# what the pages say is not allowed, and the owner password that could lift that is random
# and never kept or shown.
RECIPIENT_MAY = (UserAccessPermissions.PRINT | UserAccessPermissions.PRINT_TO_REPRESENTATION
                 | UserAccessPermissions.EXTRACT | UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS
                 | UserAccessPermissions.ADD_OR_MODIFY | UserAccessPermissions.FILL_FORM_FIELDS
                 | UserAccessPermissions.ASSEMBLE_DOC)


@dataclass
class Sealed:
    data: bytes
    page_hashes: list[str]
    fingerprint: str


def merge_attached(stores: Stores, writer: PdfWriter, state: LayoutState,
                   cancelled: CancelCheck | None, tick: Callable[[], None],
                   redact: Callable[[str], str] = str) -> None:
    """Put each attached PDF page, scaled to fit under its caption, onto its reserved page,
    with an invisible layer of the text read from a picture or a scan without text."""
    current: tuple[str, PdfReader] | None = None
    caption_room = FullPage.CAPTION_H + 12
    for page_index in sorted(state.placements):
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        attachment_id, source_index = state.placements[page_index]
        if source_index < 0:
            data = picture_page(stores.attachments.read_all(attachment_id))
            source = PdfReader(io.BytesIO(data)).pages[0]
        else:
            if current is None or current[0] != attachment_id:
                current = (attachment_id, open_pdf(stores.attachments.read_all(attachment_id))[0])
            source = current[1].pages[source_index]
        box = source.mediabox
        width, height = float(box.width), float(box.height)
        move = Transformation().translate(-float(box.left), -float(box.bottom))
        # Turn the content as a viewer would show it (/Rotate is clockwise, in degrees).
        rotation = source.rotation % 360
        if rotation == 90:
            move, width, height = move.rotate(-90).translate(0, width), height, width
        elif rotation == 180:
            move = move.rotate(180).translate(width, height)
        elif rotation == 270:
            move, width, height = move.rotate(90).translate(height, 0), height, width
        room_h = FRAME_H - caption_room
        scale = min(FRAME_W / width, room_h / height)
        tx = MARGIN_X + (FRAME_W - width * scale) / 2
        ty = MARGIN_BOTTOM + (room_h - height * scale)
        target = writer.pages[page_index]
        target.merge_transformed_page(source, move.scale(scale).translate(tx, ty))
        if source_index < 0 or not has_text(source):
            add_text_layer(stores, target, attachment_id, max(source_index, 0),
                           Placed(tx, ty, width * scale, height * scale), redact)
        tick()


def reread(writer: PdfWriter) -> PdfWriter:
    """The document written out and read back, so every page is hashed exactly as a reader
    of the saved file will see it."""
    out = io.BytesIO()
    writer.write(out)
    return PdfWriter(clone_from=PdfReader(out))


def hash_pages(pages: Sequence[object]) -> list[str]:
    hasher = PageHasher()
    return [hasher.page(page) for page in pages]  # type: ignore[arg-type]


def put_list_pages(writer: PdfWriter, first: int, list_pdf: bytes) -> list[str]:
    """Give the fingerprint list's pages the contents laid out with the real fingerprints;
    the page objects stay, so bookmarks and links to them still work. Returns their hashes."""
    source = PdfReader(io.BytesIO(list_pdf))
    expected = len(writer.pages) - first
    if len(source.pages) != expected:
        raise RuntimeError(f"fingerprint list took {len(source.pages)} pages, not {expected}")
    for n, page in enumerate(source.pages):
        target = writer.pages[first + n]
        target[NameObject("/Contents")] = page.raw_get("/Contents").clone(writer)
        target[NameObject("/Resources")] = page.raw_get("/Resources").clone(writer)
    return hash_pages(source.pages)


def stamp(writer: PdfWriter, labels: Sequence[str], export_id: str, fingerprint: str) -> None:
    fonts = {STAMP_FONT: stamp_font("/Helvetica"), MONO_FONT: stamp_font("/Courier")}
    for n, page in enumerate(writer.pages):
        mark = Stamp(labels[n], export_id, fingerprint, cover=n == 0)
        stream = DecodedStreamObject()
        stream.set_data(mark.content(float(page.mediabox.width)))
        ref = writer._add_object(stream)
        contents = page.raw_get("/Contents")
        items = contents.get_object() if contents is not None else ArrayObject()
        parts = list(items) if isinstance(items, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([*parts, ref])
        if page.get("/Resources") is None:
            page[NameObject("/Resources")] = DictionaryObject()
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        font_dict = resources["/Font"].get_object()
        assert isinstance(font_dict, DictionaryObject)
        for name, font in fonts.items():
            font_dict[NameObject(name)] = font


def roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def display_labels(state: LayoutState) -> list[str]:
    """Every page's label as a PDF reader shows it: i, ii … for the cover and index, then the
    sections' own (FR-A1 … or A1 …)."""
    return [label or roman(n + 1) for n, label in enumerate(state.labels)]


def label_pages(writer: PdfWriter, state: LayoutState) -> None:
    first_section = min((pages[0] for pages in state.section_pages.values()),
                        default=len(writer.pages))
    if first_section > 0:
        writer.set_page_label(0, first_section - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    for letter, pages in state.section_pages.items():
        writer.set_page_label(pages[0], pages[-1], style=PageLabelStyle.DECIMAL, prefix=letter,
                              start=1)


def how_it_opens(writer: PdfWriter) -> None:
    """Open on the first page at 100% with the bookmarks shown, titled by its own title."""
    root = writer._root_object
    first = writer.pages[0].indirect_reference
    root[NameObject("/OpenAction")] = ArrayObject([first, NameObject("/XYZ"), NullObject(),
                                                   NullObject(), FloatObject(1)])
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    root[NameObject("/Lang")] = TextStringObject("en-GB")
    prefs = writer.create_viewer_preferences()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)


def seal(writer: PdfWriter, title: str, manifest: str, manifest_key: str, password: str) -> bytes:
    """Only what is needed in the document information (no author, subject or keywords)."""
    writer.metadata = {"/Title": title, "/Creator": "FamilyRecord", "/Producer": "FamilyRecord",
                       manifest_key: manifest}
    if password:
        writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32),
                       permissions_flag=RECIPIENT_MAY, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
