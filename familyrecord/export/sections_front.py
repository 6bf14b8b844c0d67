"""The cover, the index, section A (case summary and chronology) and the integrity appendix."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from familyrecord.export.kit import IndexEntry, Kit, day
from familyrecord.export.options import IncludedFile
from familyrecord.export.pdfstyle import DISPUTED, LINK, MUTED, fonts, new_page
from familyrecord.records.enums import Role, Significance
from familyrecord.records.models import Meeting
from familyrecord.views.chronology import ChronologyRow, disputed_rows
from familyrecord.views.people import allocation_history


def cover(kit: Kit, family_name: str, prepared: str) -> list[Flowable]:
    o = kit.options
    story: list[Flowable] = [Spacer(1, 120), kit.para(family_name, "title"),
                             kit.para("Bundle of the family's own record", "cover_line"),
                             Spacer(1, 30)]
    lines = [f"Prepared on {prepared}"]
    if o.court:
        lines.append(f"Court: {o.court}")
    if o.case_number:
        lines.append(f"Case number: {o.case_number}")
    if o.hearing_date:
        lines.append(f"Hearing date: {day(o.hearing_date)}")
    if o.date_from or o.date_to:
        lines.append(f"Covering {day(o.date_from) or 'the start'} to {day(o.date_to) or 'today'}")
    story += [kit.para(line, "cover_line") for line in lines]
    story += [Spacer(1, 60),
              kit.para("Confidential. This bundle contains family court material. Do not show "
                       "it to anyone who is not a party to the case or their lawyer.", "cover_line"),
              kit.para("Made with FamilyRecord from the family's own encrypted record. The "
                       "integrity appendix at the end lets anyone check it against that record.",
                       "cover_line"),
              new_page()]
    return story


def index(kit: Kit, entries: Sequence[IndexEntry]) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Index", kit.styles.h1)]
    story.append(kit.para("Click an entry to go to it. Page numbers restart in each section "
                          "(A1, A2 … B1 …), as in a court bundle.", "small"))
    rows: list[list[str | Flowable]] = [["Section or document", "Date", "Pages"]]
    # Indent by level with the paragraph's own indent, so wrapped lines stay indented too.
    levels = [ParagraphStyle(f"index{n}", parent=kit.styles.cell, leftIndent=16 * n) for n in range(3)]
    muted = ParagraphStyle("index-muted", parent=levels[2], textColor=MUTED, fontName=fonts()[2])
    for n, entry in enumerate(entries):
        title = kit.t(entry.title)
        if entry.key:
            title = f'<a href="#{entry.key}" color="#{LINK.hexval()[2:]}">{title}</a>'
        if entry.level == 0:
            title = f"<b>{title}</b>"
        style = levels[min(entry.level, 2)] if entry.key else muted
        rows.append([Paragraph(title, style), kit.t(entry.when), _pages(kit, entries, n)])
    story += [kit.table(rows, (5.0, 1.5, 1.5)), new_page()]
    return story


def _pages(kit: Kit, entries: Sequence[IndexEntry], n: int) -> str:
    entry = entries[n]
    if not entry.key:
        return ""
    start = kit.ref(entry.key)
    if kit.previous is None:
        return f"{start}–{start}"  # as wide as a real range, so the next pass lays out the same
    if not start:
        return start
    first = kit.previous.anchors[entry.key]
    # The entry runs until the next entry that starts later, within its own section.
    last = first
    section_pages = kit.previous.section_pages.get(entry.section, [first])
    for later in entries[n + 1:]:
        if not later.key or later.key not in kit.previous.anchors:
            continue
        if later.level <= entry.level or later.section != entry.section:
            page = kit.previous.anchors[later.key]
            last = max(first, page - 1) if later.section == entry.section else section_pages[-1]
            break
    else:
        last = section_pages[-1]
    end = kit.previous.label(last)
    return start if end == start else f"{start}–{end}"


def _open_items(kit: Kit, meetings: Sequence[Meeting],
                rows: Sequence[ChronologyRow]) -> list[Flowable]:
    """What a solicitor asks first: promises not kept and points still disputed, with pages.

    The disputed points are the chronology's disputed rows, so the list, its count in the
    summary and the chronology's marks always agree."""
    story: list[Flowable] = []
    actions: list[list[str | Flowable]] = [["What was agreed", "Who", "Due", "Where"]]
    points: list[list[str | Flowable]] = [["Date", "What is disputed", "Where"]]
    for row in disputed_rows(rows):
        ref = kit.ref(row.anchor) if row.anchor else ""
        where = kit.t(row.short_source) + (f"<br/><b>p. {ref}</b>" if ref else "")
        points.append([kit.t(row.date_text), kit.t(row.text), where])
    for m in meetings:
        where = f"{kit.t(m.summary())}<br/><b>p. {kit.ref(f'rec-{m.id}')}</b>"
        for a in m.actions:
            if not a.done:
                overdue = a.due_on is not None and a.due_on < kit.today
                due = f"<b>{day(a.due_on)} (overdue)</b>" if overdue else day(a.due_on)
                actions.append([kit.t(a.description), kit.t(a.owner_name), due, where])
    if len(actions) > 1:
        story += [kit.subheading("Actions agreed at meetings and not yet done"),
                  kit.table(actions, (3.2, 1.7, 1.6, 2.2))]
    if len(points) > 1:
        story += [kit.subheading("Points the family disputes (not yet resolved)"),
                  kit.table(points, (1.5, 4.6, 2.2))]
    return story


def section_a(kit: Kit, rows: Sequence[ChronologyRow], people_rows: Sequence[list[str]],
              children: Sequence[tuple[str, str]], facts: Sequence[str],
              meetings: Sequence[Meeting] = ()) -> list[Flowable]:
    story = kit.section_start("A", "Chronology and case summary")
    story.append(kit.heading("Case summary", "doc-summary"))
    story += [kit.para(line) for line in facts]
    if children:
        story += [kit.subheading("The children"),
                  kit.table([["Name", "Date of birth"]] + [[kit.t(n), kit.t(d)] for n, d in children],
                            (3, 2))]
    if people_rows:
        story += [kit.subheading("Social workers allocated"),
                  kit.table([["Social worker", "Organisation", "From", "To"], *people_rows],
                            (2.2, 2.6, 1.5, 1.5))]
    story += _open_items(kit, meetings, rows)
    story += [new_page(), kit.heading("Chronology", "doc-chronology")]
    story.append(kit.para(
        "Each row says where it comes from; the page shown is where that record is in this "
        "bundle. Rows in <b>bold</b> are of high importance. <font color='#9b1c1c'><b>Disputed"
        "</b></font> marks points the family disagrees with.", "small", raw=True))
    table_rows: list[list[str | Flowable]] = [["No.", "Date", "What happened", "Who", "Source"]]
    for row in rows:
        text = kit.t(row.text)
        if row.significance is Significance.HIGH:
            text = f"<b>{text}</b>"
        if row.disputed:
            text = f"<font color='#{DISPUTED.hexval()[2:]}'><b>Disputed.</b></font> {text}"
        source = kit.t(row.short_source)
        if row.anchor:
            ref = kit.ref(row.anchor)
            row.page_ref = ref
            source = f'<a href="#{row.anchor}">{source}</a><br/><b>p. {ref}</b>' if ref else source
        table_rows.append([str(row.serial), kit.t(row.date_text), text, kit.t(row.people), source])
    if not rows:
        story.append(kit.para("There are no chronology rows for the choices made for this bundle."))
        return story
    story.append(kit.table(table_rows, (0.75, 1.8, 4.0, 2.15, 1.65)))
    return story


def social_worker_rows(kit: Kit) -> list[list[str]]:
    out = []
    for person in allocation_history(kit.stores.records):
        if person.role is not Role.SOCIAL_WORKER:
            continue
        name = f'<a name="rec-{person.id}"/>{kit.t(person.name)}'
        out.append([name, kit.t(person.organisation), day(person.allocated_from),
                    day(person.allocated_to) or "still allocated"])
    return out


def appendix(kit: Kit, included: Sequence[IncludedFile], not_included: Sequence[tuple[str, str]],
             exported_at: str, journal_head: str) -> list[Flowable]:
    story = kit.section_start("G", "Integrity appendix")
    story += [
        kit.para("This appendix lets anyone check the bundle against the family's encrypted "
                 "record. Each attached file's SHA-256 fingerprint was taken when the file was "
                 "added; if even one letter of the file changed, the fingerprint would change."),
        kit.facts([("Made at (UTC)", exported_at), ("Record's history fingerprint (journal head)",
                                                     journal_head[:32] + "\n" + journal_head[32:])]),
        kit.gap(),
        kit.para("To check: familyrecord verify-export --path YOUR-RECORD THIS-BUNDLE.pdf", "small"),
        kit.subheading("Attached files included"),
    ]
    if not included:
        story.append(kit.para("No attached files are included."))
    for item in included:
        where = f" ({item.pages})" if item.pages else ""
        story.append(kit.para(f"<b>{kit.t(item.file_name)}</b>: included as {item.how}{where}<br/>"
                              f"SHA-256:<br/><font name='Courier'>{item.sha256}</font>", raw=True))
    if not_included:
        story.append(kit.subheading("Attached files not included"))
        story += [kit.para(f"{name}: {reason}.") for name, reason in not_included]
    return story
