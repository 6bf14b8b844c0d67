"""Make the bundle PDF: lay it out twice (page references need the first pass), merge the
attached PDF pages, add page labels, the manifest and the password, save, and log it.

`build_bundle` is a plain function with progress(done, total) and a cancel check; the UI runs
it on a worker thread with its own sibling handle on the vault, the CLI with a terminal bar.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.constants import PageLabelStyle
from reportlab.platypus import Flowable

from familyrecord.export import sections_front as front
from familyrecord.export import sections_records as rec
from familyrecord.export.attached import FileBook, picture_page
from familyrecord.export.files import save_private
from familyrecord.export.kit import Kit, day
from familyrecord.export.manifest import make_manifest, manifest_key
from familyrecord.export.options import (
    BundleResult,
    CancelCheck,
    ExportCancelled,
    ExportOptions,
    IncludedFile,
    Progress,
    pd27a_warnings,
)
from familyrecord.export.pdfstyle import (
    FRAME_H,
    FRAME_W,
    MARGIN_BOTTOM,
    MARGIN_X,
    ExportCancelledSignal,
    FullPage,
    LayoutState,
    canvas_class,
    doc_template,
    make_styles,
    new_page,
)
from familyrecord.export.redact import Redactor
from familyrecord.formatting import plural
from familyrecord.records.enums import SessionStatus
from familyrecord.records.models import (
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
    Record,
)
from familyrecord.storage import journal
from familyrecord.storage.stores import Stores
from familyrecord.views.chronology import (
    ChronologyRow,
    RowKind,
    build_rows,
    disputed_rows,
    filtered,
)


@dataclass
class _Chosen:
    """The records that go into the bundle's sections after the family's choices."""

    meetings: list[Meeting] = field(default_factory=list)
    letters: list[Correspondence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    arrangements: list[ContactArrangement] = field(default_factory=list)
    sessions: list[ContactSession] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    other_ids: list[str] = field(default_factory=list)

    def records(self) -> list[Record]:
        return [*self.meetings, *self.letters, *self.events, *self.arrangements, *self.sessions,
                *self.deadlines]


def _choose(stores: Stores, o: ExportOptions, today: date) -> _Chosen:
    v = stores.records

    def keep(r: Record, kind: RowKind) -> bool:
        return o.wants(kind) and o.in_range(r.when()) and o.for_child(r.child_ids)

    chosen = _Chosen(
        meetings=[m for m in v.repo(Meeting).list(newest_first=False) if keep(m, RowKind.MEETING)],
        letters=[c for c in v.repo(Correspondence).list(newest_first=False)
                 if keep(c, RowKind.CORRESPONDENCE)],
        events=[e for e in v.repo(Event).list(newest_first=False) if keep(e, RowKind.EVENT)],
        arrangements=[a for a in v.repo(ContactArrangement).list(newest_first=False)
                      if keep(a, RowKind.CONTACT_ARRANGEMENT)],
        sessions=[s for s in v.repo(ContactSession).list(newest_first=False)
                  if keep(s, RowKind.CONTACT_SESSION) and s.status is not SessionStatus.PLANNED],
        deadlines=[d for d in v.repo(Deadline).list(newest_first=False) if keep(d, RowKind.DEADLINE)],
    )
    if o.include_attachments:
        for record in [*v.repo(Child).list(), *v.repo(Person).list()]:
            if stores.attachments.list(record.id) and o.for_child(record.child_ids):
                chosen.other_ids.append(record.id)
    return chosen


def _facts(rows: list[ChronologyRow], chosen: _Chosen, today: date) -> list[str]:
    """The summary's counts, taken from the chronology rows the bundle shows (so the two
    always agree), plus the open actions of the meetings in the bundle."""
    def count(kind: RowKind) -> int:
        return sum(1 for r in rows if r.kind is kind)

    shown = {r.source_id for r in rows}
    cancelled = sum(1 for s in chosen.sessions
                    if s.status is SessionStatus.CANCELLED and s.id in shown)
    open_actions = sum(1 for m in chosen.meetings for a in m.actions if not a.done)
    to_come = sum(1 for m in chosen.meetings
                  if m.starts_at is not None and m.starts_at.date() > today)
    lines = [
        f"The chronology has {plural(len(rows), 'row')}: {plural(count(RowKind.MEETING), 'meeting')}, "
        f"{plural(count(RowKind.CORRESPONDENCE), 'letter, e-mail or call', 'letters, e-mails or calls')}, "
        f"{plural(count(RowKind.CONTACT_SESSION), 'contact session')} ({cancelled} cancelled) and "
        f"{plural(count(RowKind.EVENT), 'other event')}, from the family's own record.",
        f"Points the family disputes that are not yet resolved: {len(disputed_rows(rows))}. "
        f"Actions agreed at meetings that are not done: {open_actions}.",
    ]
    if to_come:
        lines.append(f"Section D also holds {plural(to_come, 'meeting')} still to come.")
    return lines


def _story(kit: Kit, rows: list[ChronologyRow], chosen: _Chosen, family_name: str,
           prepared: str, exported_at: str, head: str) -> tuple[list[Flowable], FileBook]:
    files = FileBook(kit)
    children = [(c.name, day(c.date_of_birth)) for c in kit.stores.records.repo(Child).list()
                if kit.options.for_child([c.id])]
    body: list[Flowable] = front.section_a(kit, rows, front.social_worker_rows(kit), children,
                                           _facts(rows, chosen, kit.today), chosen.meetings)
    body += [new_page(), *rec.section_b(kit, files, chosen.events, chosen.arrangements)]
    body += [new_page(), *rec.section_c(kit, files, chosen.events)]
    body += [new_page(), *rec.section_d(kit, files, chosen.meetings)]
    body += [new_page(), *rec.section_e(kit, files, chosen.letters)]
    body += [new_page(), *rec.section_f(kit, files, chosen.sessions, chosen.deadlines,
                                         chosen.other_ids)]
    body += [new_page(), *front.appendix(kit, _included(kit, files), list(files.left_out.values()),
                                         exported_at, head)]
    head_story = front.cover(kit, kit.redact(family_name), prepared) + front.index(kit, kit.index)
    return head_story + body, files


def _included(kit: Kit, files: FileBook) -> list[IncludedFile]:
    out = []
    for planned, key in files.placed:
        pages = "A000–A000" if kit.previous is None else ""
        if kit.previous is not None and key in kit.previous.anchors:
            first = kit.previous.anchors[key]
            count = max(planned.page_count, 1) if planned.how != "text" else 1
            start, end = kit.previous.label(first), kit.previous.label(first + count - 1)
            pages = start if start == end else f"{start}–{end}"
        how = {"pages": "its own pages", "picture": "a picture", "text": "text"}[planned.how]
        out.append(IncludedFile(planned.attachment.id, kit.redact(planned.attachment.file_name),
                                planned.attachment.sha256, how, pages))
    return out


def _layout(kit_args: dict[str, object], story_args: tuple[object, ...],
            on_page: Callable[[int], None], cancelled: CancelCheck | None,
            title: str) -> tuple[Kit, FileBook, bytes]:
    state = LayoutState(cancelled=cancelled, on_page=on_page)
    kit = Kit(state=state, styles=make_styles(), **kit_args)  # type: ignore[arg-type]
    story, files = _story(kit, *story_args)  # type: ignore[arg-type]
    out = io.BytesIO()
    try:
        doc_template(out, state, kit.styles, title).build(story, canvasmaker=canvas_class(state))
    except ExportCancelledSignal:
        raise ExportCancelled() from None
    return kit, files, out.getvalue()


def _merge_attached(stores: Stores, writer: PdfWriter, state: LayoutState,
                    cancelled: CancelCheck | None, tick: Callable[[], None]) -> None:
    """Put each attached PDF page, scaled to fit under its caption, onto its reserved page."""
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
                current = (attachment_id, PdfReader(io.BytesIO(stores.attachments.read_all(attachment_id))))
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
        writer.pages[page_index].merge_transformed_page(source, move.scale(scale).translate(tx, ty))
        tick()


def _label_pages(writer: PdfWriter, state: LayoutState) -> None:
    first_section = min((pages[0] for pages in state.section_pages.values()), default=len(writer.pages))
    if first_section > 0:
        writer.set_page_label(0, first_section - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    for letter, pages in state.section_pages.items():
        writer.set_page_label(pages[0], pages[-1], style=PageLabelStyle.DECIMAL, prefix=letter, start=1)


def build_bundle(stores: Stores, options: ExportOptions, destination: Path, *,
                 progress: Progress | None = None, cancelled: CancelCheck | None = None,
                 today: date | None = None) -> BundleResult:
    today = today or date.today()
    destination = Path(destination)
    redactor = Redactor(options.redact_names)
    all_rows = build_rows(stores.records, stores.transcripts, today=today)
    rows = filtered(all_rows, options.row_filter())
    chosen = _choose(stores, options, today)
    family_name = options.family_name or stores.family_name or "The family"
    exported_at = journal.utc_now().isoformat()
    head = stores.journal_head()
    prepared = today.strftime("%d %B %Y")
    estimate = [max(40, len(rows) // 12 + len(chosen.meetings) * 2 + 20)]
    done = [0]

    def on_page(page: int) -> None:
        done[0] += 1
        if progress is not None:
            progress(min(done[0], estimate[0] - 1), estimate[0])

    previous: LayoutState | None = None
    kit_args: dict[str, object] = {"stores": stores, "options": options, "redact": redactor,
                                   "today": today}
    story_args = (rows, chosen, family_name, prepared, exported_at, head)
    for attempt in range(3):
        kit_args.update(previous=previous)
        kit, files, pdf = _layout(kit_args, story_args, on_page, cancelled,
                                  redactor(f"Bundle: {family_name}"))
        state = kit.state
        if attempt == 0:
            estimate[0] = len(state.labels) * 2 + len(state.placements) + 2
        if (previous is not None and state.anchors == previous.anchors
                and state.labels == previous.labels):
            break
        previous = state
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    del pdf

    def tick() -> None:
        on_page(-1)

    _merge_attached(stores, writer, state, cancelled, tick)
    _label_pages(writer, state)
    included = _included(kit, files)
    manifest = make_manifest(stores, chosen.records(), included, exported_at, head, redactor)
    writer.add_metadata({"/Title": redactor(f"Bundle: {family_name}"), "/Author": "FamilyRecord",
                         manifest_key(): manifest})
    if options.password:
        writer.encrypt(user_password=options.password, algorithm="AES-256")
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    data = io.BytesIO()
    writer.write(data)
    digest = hashlib.sha256(data.getbuffer()).hexdigest()
    save_private(destination, data.getbuffer())
    pages = len(writer.pages)
    chronology_pages = _chronology_pages(state)
    stores.log_export("bundle", {**options.for_journal(), "pages": pages, "rows": len(rows),
                                 "attached_files": len(included), "sha256": digest,
                                 "exported_at": exported_at})
    if progress is not None:
        progress(estimate[0], estimate[0])
    return BundleResult(destination, pages, chronology_pages, len(rows),
                        pd27a_warnings(pages, chronology_pages), included,
                        list(files.left_out.values()), head, exported_at, rows)


def _chronology_pages(state: LayoutState) -> int:
    start = state.anchors.get("doc-chronology")
    pages = state.section_pages.get("A", [])
    return 0 if start is None or not pages else pages[-1] - start + 1
