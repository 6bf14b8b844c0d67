"""Make the bundle PDF: lay it out until every page reference is settled (references need
the pass before), then hand it to assemble.py to merge attached pages, fingerprint, stamp,
label, lock and save it, and log it in the record's journal.

`build_bundle` is a plain function with progress(done, total) and a cancel check; the UI runs
it on a worker thread with its own sibling handle on the vault, the CLI with a terminal bar.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.platypus import Flowable

from familyrecord.export import assemble
from familyrecord.export.appendix import FINGERPRINTS_KEY, PLACEHOLDER, appendix, fingerprint_list
from familyrecord.export.attached import FileBook, PlannedFile
from familyrecord.export.files import save_private
from familyrecord.export.integrity import bundle_fingerprint, new_export_id
from familyrecord.export.kit import Kit
from familyrecord.export.layouts import PART_TITLES, Chosen, choose, prefix, sections
from familyrecord.export.manifest import make_manifest, manifest_key
from familyrecord.export.options import (
    BundleResult,
    CancelCheck,
    ExportCancelled,
    ExportOptions,
    IncludedFile,
    Progress,
    choice_lines,
    page_warnings,
)
from familyrecord.export.pdfstyle import (
    ExportCancelledSignal,
    LayoutState,
    canvas_class,
    doc_template,
    make_styles,
    new_page,
)
from familyrecord.export.preliminary import Front, document_lengths, preliminary
from familyrecord.export.pseudonyms import RedactionPlan, plan_redaction
from familyrecord.export.redaction_key import key_path, redaction_key_pdf
from familyrecord.export.sections_front import cover, index
from familyrecord.export.sections_records import empty_line, has_content, part_story
from familyrecord.formatting import plural
from familyrecord.records.codec import canonical_json
from familyrecord.records.enums import SessionStatus
from familyrecord.records.models import Child, ContactSession
from familyrecord.storage import journal
from familyrecord.storage.stores import Stores
from familyrecord.views.chronology import (
    ROW_KIND_LABELS,
    ChronologyRow,
    RowKind,
    build_rows,
    disputed_rows,
    filtered,
)

MAX_PASSES = 6


@dataclass
class _Inputs:
    """What every layout pass is made from (the same each time)."""

    stores: Stores
    options: ExportOptions
    plan: RedactionPlan
    front: Front
    family_name: str
    exported_at: str
    head: str
    today: date
    file_plans: dict[str, PlannedFile] = field(default_factory=dict)  # kept between passes


def _facts(rows: list[ChronologyRow], chosen: Chosen, cancelled_ids: set[str],
           today: date) -> list[str]:
    """The summary's counts, taken from the chronology rows the bundle shows (so the two
    always agree), plus the open actions of the meetings in the bundle."""
    def count(kind: RowKind) -> int:
        return sum(1 for r in rows if r.kind is kind)

    cancelled = sum(1 for r in rows if r.kind is RowKind.CONTACT_SESSION
                    and r.source_id in cancelled_ids)
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
        lines.append(f"The bundle also holds {plural(to_come, 'meeting')} still to come.")
    return lines


def _story(kit: Kit, inputs: _Inputs, pages: list[tuple[str, str]]) -> tuple[list[Flowable], FileBook]:
    chosen = inputs.front.chosen
    files = FileBook(kit, inputs.file_plans, chosen.private_ids)
    body: list[Flowable] = []
    for n, section in enumerate(sections(kit.options)):
        body += ([new_page()] if n else []) + kit.section_start(section.letter, section.title)
        grouped = section.grouped
        parts: list[Flowable] = []
        empty: list[str] = []
        for part in section.parts:
            if part == "preliminary":
                parts += preliminary(kit, inputs.front)
                continue
            if not has_content(kit, chosen, part):
                empty.append(part)
                continue
            if grouped:
                kit.depth = 0
                parts += [new_page() if parts else kit.gap(), kit.heading(PART_TITLES[part],
                                                                          f"part-{part}")]
                kit.depth = 1
            if part == "appendix":
                parts += appendix(kit, _included(kit, files), files.left_out_shown(),
                                  inputs.exported_at, inputs.head, pages)
            else:
                parts += part_story(kit, files, chosen, part)
        # Under the section heading: what is not included, and why; "none in the record" only
        # when the section has nothing at all.
        for part in empty:
            if part in chosen.left_out or not parts:
                body += empty_line(kit, chosen, part)
        body += parts
    head_story = cover(kit, kit.redact(inputs.family_name), inputs.front.choices)
    return head_story + index(kit, kit.index) + body, files


def _included(kit: Kit, files: FileBook) -> list[IncludedFile]:
    out = []
    for planned, key in files.placed:
        pages = f"{kit.placeholder}–{kit.placeholder}" if kit.previous is None else ""
        if kit.previous is not None and key in kit.previous.anchors:
            first = kit.previous.anchors[key]
            count = max(planned.page_count, 1) if planned.how != "text" else 1
            start, end = kit.previous.label(first), kit.previous.label(first + count - 1)
            pages = start if start == end else f"{start}–{end}"
        how = {"pages": "its own pages", "picture": "a picture", "text": "text"}[planned.how]
        out.append(IncludedFile(planned.attachment.id, kit.file_name(planned.attachment),
                                planned.attachment.sha256, how, pages))
    return out


def _kit(inputs: _Inputs, state: LayoutState, previous: LayoutState | None) -> Kit:
    return Kit(stores=inputs.stores, options=inputs.options, styles=make_styles(), state=state,
               redact=inputs.plan.redactor(), previous=previous, plan=inputs.plan,
               today=inputs.today, prefix=prefix(inputs.options))


def _listed_pages(previous: LayoutState | None) -> list[tuple[str, str]]:
    """The pages the fingerprint list covers (all before it), with placeholders."""
    if previous is None or FINGERPRINTS_KEY not in previous.anchors:
        return []
    labels = assemble.display_labels(previous)
    return [(label, PLACEHOLDER) for label in labels[:previous.anchors[FINGERPRINTS_KEY]]]


def _layout(inputs: _Inputs, previous: LayoutState | None, on_page: Callable[[int], None],
            cancelled: CancelCheck | None) -> tuple[Kit, FileBook, bytes]:
    state = LayoutState(cancelled=cancelled, on_page=on_page)
    kit = _kit(inputs, state, previous)
    story, files = _story(kit, inputs, _listed_pages(previous))
    out = io.BytesIO()
    try:
        doc_template(out, state, kit.styles, kit.redact(f"Bundle: {inputs.family_name}")).build(
            story, canvasmaker=canvas_class(state))
    except ExportCancelledSignal:
        raise ExportCancelled() from None
    return kit, files, out.getvalue()


def _settled(state: LayoutState, previous: LayoutState) -> bool:
    """Every page before the fingerprint list is as in the pass before, so every page reference
    printed is right and the list (laid out from the pass before) lists exactly those pages.
    The list's own length changes nothing before it (the index says "end" for it)."""
    start = state.anchors.get(FINGERPRINTS_KEY)
    return (start is not None and start == previous.anchors.get(FINGERPRINTS_KEY)
            and state.anchors == previous.anchors and state.labels[:start] == previous.labels[:start])


def _list_again(inputs: _Inputs, final: LayoutState, pages: list[tuple[str, str]]) -> bytes:
    """The fingerprint list laid out alone with the real fingerprints, its pages numbered and
    footed as in the bundle."""
    first = final.anchors[FINGERPRINTS_KEY]
    letter = final.labels[first].rstrip("0123456789") if final.labels[first] else ""
    before = [p for p in final.section_pages.get(letter, []) if p < first]
    state = LayoutState(section=letter, section_title=final.section_title,
                        section_pages={letter: list(before)}, page_offset=first)
    kit = _kit(inputs, state, final)
    kit.section, kit.depth = letter, (1 if prefix(inputs.options) == "" else 0)
    out = io.BytesIO()
    doc_template(out, state, kit.styles, "").build(fingerprint_list(kit, pages, bookmark=False),
                                                    canvasmaker=canvas_class(state))
    return out.getvalue()


def build_bundle(stores: Stores, options: ExportOptions, destination: Path, *,
                 progress: Progress | None = None, cancelled: CancelCheck | None = None,
                 today: date | None = None) -> BundleResult:
    options.check()
    today = today or date.today()
    destination = Path(destination)
    plan = plan_redaction(stores, options, today)
    rows = filtered(build_rows(stores.records, stores.transcripts, today=today),
                    options.row_filter())
    chosen = choose(stores, options)
    children = {c.id: c.name for c in stores.records.repo(Child).list(include_archived=True)}
    choices = choice_lines(options, children, ROW_KIND_LABELS, options.prepared_on or today)
    cancelled_ids = {s.id for s in stores.records.repo(ContactSession).list(include_archived=True)
                     if s.status is SessionStatus.CANCELLED}
    facts = _facts(rows, chosen, cancelled_ids, today)
    inputs = _Inputs(stores, options, plan, Front(rows, chosen, facts, choices),
                     options.family_name or stores.family_name or "The family",
                     journal.utc_now().isoformat(), stores.journal_head(), today)
    export_id = new_export_id()
    estimate = [max(40, len(rows) // 12 + len(chosen.meetings) * 2 + 20)]
    done = [0]

    def on_page(page: int) -> None:
        done[0] += 1
        if progress is not None:
            progress(min(done[0], estimate[0] - 1), estimate[0])

    previous: LayoutState | None = None
    for attempt in range(MAX_PASSES):
        kit, files, pdf = _layout(inputs, previous, on_page, cancelled)
        state = kit.state
        if attempt == 0:
            estimate[0] = len(state.labels) * 3 + len(state.placements) + 2
        if previous is not None and _settled(state, previous):
            break
        previous = state
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    del pdf
    assemble.merge_attached(stores, writer, state, cancelled, lambda: on_page(-1),
                            plan.redactor())
    writer = assemble.reread(writer)
    labels = assemble.display_labels(state)
    first_list = state.anchors[FINGERPRINTS_KEY]
    hashes = assemble.hash_pages(writer.pages[:first_list])
    list_pdf = _list_again(inputs, state, list(zip(labels[:first_list], hashes, strict=True)))
    hashes += assemble.put_list_pages(writer, first_list, list_pdf)
    fingerprint = bundle_fingerprint(hashes)
    assemble.stamp(writer, labels, export_id, fingerprint)
    assemble.label_pages(writer, state)
    assemble.how_it_opens(writer)
    included = _included(kit, files)
    manifest = json.loads(make_manifest(stores, chosen.records(), included, inputs.exported_at,
                                        inputs.head, plan.redactor()))
    manifest.update(export_id=export_id, fingerprint=fingerprint,
                    pages=[[label, digest] for label, digest in zip(labels, hashes, strict=True)],
                    chronology={r.key: r.page_ref for r in rows if r.page_ref})
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    data = assemble.seal(writer, kit.redact(f"Bundle: {inputs.family_name}"),
                         canonical_json(manifest), manifest_key(), options.password)
    digest = hashlib.sha256(data).hexdigest()
    save_private(destination, data)
    key_file = None
    if plan.active:
        key_file = save_private(key_path(destination), redaction_key_pdf(
            plan, export_id, fingerprint, inputs.exported_at, options.password))
    chronology_end = state.section_pages.get(labels[state.anchors["doc-chronology"]].rstrip(
        "0123456789"), [0])[-1] if "doc-chronology" in state.anchors else 0
    lengths = document_lengths(state.anchors, chronology_end)
    stores.log_export("bundle", {**options.for_journal(), "pages": len(labels), "rows": len(rows),
                                 "attached_files": len(included), "sha256": digest,
                                 "exported_at": inputs.exported_at, "export_id": export_id,
                                 "fingerprint": fingerprint, "journal_head": inputs.head,
                                 "page_hashes": manifest["pages"]})
    if progress is not None:
        progress(estimate[0], estimate[0])
    warnings = page_warnings(len(labels), lengths) + plan.warnings
    return BundleResult(destination, len(labels), lengths.get("chronology", 0), len(rows),
                        warnings, included, list(files.left_out.values()), inputs.head,
                        inputs.exported_at, rows, export_id, fingerprint, digest, labels, key_file)
