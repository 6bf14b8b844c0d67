"""The record parts of the bundle: events (orders, plans, statements, reports, notes),
contact arrangements, meetings with their transcripts, correspondence, the contact log with
its chart, deadlines and other documents. The layout (layouts.py) says which section each
part goes in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from familyrecord.export.attached import FileBook
from familyrecord.export.kit import Kit, day, yes_no
from familyrecord.export.layouts import PART_WORDS, Chosen, event_types
from familyrecord.export.pdfstyle import FRAME_W, fonts, new_page
from familyrecord.formatting import month_label
from familyrecord.records.enums import (
    CHANNEL_LABELS,
    MEETING_TYPE_LABELS,
    ROLE_LABELS,
    SESSION_STATUS_LABELS,
    Direction,
    SessionStatus,
)
from familyrecord.records.kinship import LifeStoryItem
from familyrecord.records.models import (
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    DisputedPoint,
    Event,
    Meeting,
)
from familyrecord.views.attendance import monthly, tally
from familyrecord.views.chronology import format_timestamp
from familyrecord.views.chronology_row import EVENT_BASIS, date_label


def empty_line(kit: Kit, chosen: Chosen, part: str) -> list[Flowable]:
    """Why a part has nothing: left out of this export, or none in the record."""
    what = PART_WORDS[part]
    if part in chosen.left_out:
        return [kit.para(f"{what[0].upper()}{what[1:]}: not included in this export "
                         f"({chosen.left_out[part]}).".replace(" or ", " and "))]
    period = " for the dates and children chosen" if (
        kit.options.date_from or kit.options.date_to or kit.options.child_ids) else ""
    return [kit.para(f"There are no {what} in the family's record{period}.")]


def has_content(kit: Kit, chosen: Chosen, part: str) -> bool:
    """Whether a part has anything to show (without laying it out)."""
    if part.startswith("events:"):
        types = event_types(kit.options, part)
        return any(e.event_type in types for e in chosen.events)
    held: dict[str, Sequence[object]] = {
        "arrangements": chosen.arrangements, "meetings": chosen.meetings,
        "letters": chosen.letters, "contact": chosen.sessions, "deadlines": chosen.deadlines,
        "other": [*chosen.other_ids, *chosen.life_story]}
    return part == "appendix" or bool(held[part])


def part_story(kit: Kit, files: FileBook, chosen: Chosen, part: str) -> list[Flowable]:
    """The flowables of one part ([] when it holds nothing)."""
    if part.startswith("events:"):
        types = event_types(kit.options, part)
        story: list[Flowable] = []
        for e in chosen.events:
            if e.event_type in types:
                story += _event(kit, files, e)
        return story
    if part == "arrangements":
        return [f for a in chosen.arrangements for f in _arrangement(kit, files, a)]
    if part == "meetings":
        story = []
        for n, m in enumerate(chosen.meetings):
            # Each meeting starts on its own page, as documents do in a court bundle.
            story += ([new_page()] if n else []) + _meeting(kit, files, m)
        return story
    if part == "letters":
        return _letters(kit, files, chosen.letters)
    if part == "contact":
        return _contact(kit, chosen.sessions)
    if part == "deadlines":
        return _deadlines(kit, chosen.deadlines)
    if part == "other":
        story = []
        for record_id in chosen.other_ids:
            story += files.story_for(record_id)
        for item in chosen.life_story:
            story += _life_story_item(kit, files, item)
        return [kit.heading("Other documents", "doc-other"), *story] if story else []
    raise ValueError(f"unknown part {part}")


def _event(kit: Kit, files: FileBook, e: Event) -> list[Flowable]:
    assert e.occurred_on is not None
    story: list[Flowable] = [kit.heading(e.title, f"rec-{e.id}", when=day(e.occurred_on)),
                             kit.facts([("Date", date_label(e.occurred_on, e.date_qualifier)),
                                        ("What it rests on", EVENT_BASIS[e.basis]),
                                        ("People", e.people)]),
                             kit.gap()]
    story += kit.paras(e.description)
    return story + files.story_for(e.id) + [kit.gap(12)]


def _life_story_item(kit: Kit, files: FileBook, item: LifeStoryItem) -> list[Flowable]:
    """An item the family chose from a child's life-story folder, with its files."""
    attached = files.story_for(item.id)
    if not attached:
        return []
    return [kit.heading(f"From the life-story folder: {item.title}", f"rec-{item.id}",
                        when=day(item.dated)), *kit.paras(item.notes), *attached, kit.gap(12)]


def _arrangement(kit: Kit, files: FileBook, a: ContactArrangement) -> list[Flowable]:
    story: list[Flowable] = [
        kit.heading(a.summary(), f"rec-{a.id}", when=day(a.starts_on)),
        kit.facts([("With", a.with_whom), ("When", a.schedule), ("Where", a.place),
                   ("Supervised", yes_no(a.supervised)), ("Supervisor", a.supervisor),
                   ("Started", day(a.starts_on)), ("Ends", day(a.ends_on)),
                   ("Review due", day(a.review_on))]), kit.gap()]
    return story + kit.paras(a.terms) + files.story_for(a.id) + [kit.gap(12)]


def _transcripts(kit: Kit, m: Meeting) -> list[Flowable]:
    store = kit.stores.transcripts
    story: list[Flowable] = []
    for transcript in store.for_meeting(m.id):
        segments = store.segments(transcript.id)
        shown = segments if kit.options.full_transcripts else [
            s for s in segments if s.disputed or s.important]
        if not shown:
            continue
        what = "Transcript" if kit.options.full_transcripts else "Transcript excerpts"
        story.append(kit.subheading(f"{what} (made by {transcript.engine} {transcript.model} from "
                                    f"the family's recording; times from the start)"))
        for seg in shown:
            marks = []
            if seg.disputed:
                marks.append("<font color='#9b1c1c'><b>Disputed</b></font>")
            elif seg.important:
                marks.append("<b>Important</b>")
            who = f"<b>{kit.t(seg.speaker)}:</b> " if seg.speaker else ""  # speakers redacted too
            text = (f'<a name="seg-{seg.id}"/>[{format_timestamp(seg.start)}–'
                    f"{format_timestamp(seg.end)}] {' '.join(marks)} {who}{kit.t(seg.text)}")
            story.append(kit.para(text, "quote", raw=True))
            if seg.edited:
                story.append(kit.para(f"Corrected by the family. The machine heard: "
                                      f"\u201c{seg.original_text}\u201d", "small"))
    return story


def _meeting(kit: Kit, files: FileBook, m: Meeting) -> list[Flowable]:
    label = MEETING_TYPE_LABELS[m.meeting_type]
    story: list[Flowable] = [kit.heading(m.summary(), f"rec-{m.id}", when=day(m.when())), kit.facts([
        ("Type", label),
        ("Date and time", day(m.starts_at) + (f" to {m.ends_at:%H:%M}" if m.ends_at else "")),
        ("Place", m.place), ("Recording announced", yes_no(m.recording_announced)),
        ("Reports received", day(m.reports_received_on)),
        ("Official minutes received", day(m.minutes_received_on) or "Not received")])]
    if m.attendees:
        story += [kit.subheading("Who was there"), kit.table(
            [["Name", "Role", "Present"]] + [[kit.t(a.name), kit.t(ROLE_LABELS[a.role]),
                                               "Yes" if a.present else "No"] for a in m.attendees],
            (2.4, 3, 0.9))]
    if m.agenda:
        story += [kit.subheading("Agenda"), *kit.paras(m.agenda)]
    if m.own_notes:
        story += [kit.subheading("The family's own notes"), *kit.paras(m.own_notes)]
    if m.decisions:
        story += [kit.subheading("Decisions")]
        story += [kit.para(f"{n}. {kit.t(d)}", raw=True) for n, d in enumerate(m.decisions, 1)]
    if m.actions:
        story += [kit.subheading("Actions"), kit.table(
            [["What", "Who", "Due", "Done"]] + [
                [kit.t(a.description), kit.t(a.owner_name), day(a.due_on),
                 (day(a.done_on) or "Done") if a.done else "Not done"] for a in m.actions],
            (3.0, 1.7, 1.55, 1.55))]
    for point in m.disputed_points:
        pairs = [*_compared(point),
                 ("The family's account", point.family_account), ("Raised on", day(point.raised_on)),
                 ("Correction asked for", point.correction_asked),
                 ("Response", point.response or "None yet"), ("Resolved", yes_no(point.resolved)),
                 ("Reached the court bundle", yes_no(point.reached_court_bundle))]
        # The anchor lets the chronology's row for this point name the page it is on.
        rows = [["The record says", f'<a name="dp-{point.id}"/>{kit.t(point.text)}']]
        rows += [[kit.t(k), kit.t(v)] for k, v in pairs if v]
        story += [kit.subheading("Disputed point"),
                  kit.table(rows, (1, 2.6), header=False, shade_col0=True)]
    story += _transcripts(kit, m)
    return story + files.story_for(m.id, (m.minutes_attachment_id,)) + [kit.gap(12)]


def _compared(point: DisputedPoint) -> list[tuple[str, str]]:
    """From a comparison of the minutes with the recording: what each says, and where in the
    recording (so a reader can listen to it)."""
    said = point.recording_wording
    if said and point.recording_at is not None:
        said = f"At {format_timestamp(point.recording_at)} in the recording: {said}"
    return [("The minutes say", point.minutes_wording), ("What was said", said)]


def _letters(kit: Kit, files: FileBook, letters: Sequence[Correspondence]) -> list[Flowable]:
    if not letters:
        return []
    story: list[Flowable] = [kit.heading("Correspondence log", "doc-corr-log")]
    rows: list[list[str | Flowable]] = [["Date", "Sent or received", "From / to", "Subject", "Reply"]]
    for c in letters:
        sent = c.direction is Direction.SENT
        how = f"{CHANNEL_LABELS[c.channel]} {'sent' if sent else 'received'}"
        who = c.to_name if sent else c.from_name
        reply = ""
        if c.reply_needed_by:
            reply = f"Replied {day(c.replied_on)}" if c.replied_on else f"Needed by {day(c.reply_needed_by)}"
        rows.append([day(c.dated), kit.t(how), kit.t(who),
                     f'<a href="#rec-{c.id}">{kit.t(c.subject)}</a>', kit.t(reply)])
    story += [kit.table(rows, (1.55, 1.5, 1.5, 2.7, 1.75)), new_page()]
    for c in letters:
        story += [kit.heading(c.subject, f"rec-{c.id}", when=day(c.dated)), kit.facts([
            ("Date", day(c.dated)), ("How", CHANNEL_LABELS[c.channel]), ("From", c.from_name),
            ("To", c.to_name), ("Reply needed by", day(c.reply_needed_by)),
            ("Replied on", day(c.replied_on))]), kit.gap()]
        story += kit.paras(c.body) + files.story_for(c.id) + [kit.gap(12)]
    return story


def _chart(sessions: Sequence[ContactSession]) -> Drawing:
    """Sessions per month, stacked by what happened: the pattern a table hides."""
    regular, _, _ = fonts()
    attendance = monthly(sessions)
    statuses = attendance.statuses
    drawing = Drawing(FRAME_W, 230)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 40, FRAME_W - 230, 170
    chart.data = [list(row) for row in attendance.counts]
    chart.categoryAxis.categoryNames = [month_label(m) for m in attendance.months]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 11
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 11
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    palette = [colors.HexColor(c) for c in ("#2e7d32", "#f9a825", "#c62828", "#6a1b9a")]
    for n, colour in enumerate(palette):
        chart.bars[n].fillColor = colour
    legend = Legend()
    legend.x, legend.y = FRAME_W - 180, 200
    legend.alignment = "right"
    legend.columnMaximum = len(statuses)
    legend.fontName, legend.fontSize = regular, 11
    legend.colorNamePairs = [(palette[n], SESSION_STATUS_LABELS[st]) for n, st in enumerate(statuses)]
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def _span(start: time | None, end: time | None) -> str:
    return f"{start:%H:%M}–{end:%H:%M}" if start and end else ""


def _contact(kit: Kit, sessions: Sequence[ContactSession]) -> list[Flowable]:
    story: list[Flowable] = []
    if sessions:
        story.append(kit.heading("Contact log summary", "doc-contact"))
        counted = tally(sessions)
        story.append(kit.table([["What happened", "Sessions"]] + [
            [SESSION_STATUS_LABELS[st], str(counted[st])] for st in SessionStatus if counted[st]],
            (3, 1)))
        # The long table may split across pages (its header repeats), so its heading only
        # needs room for a few rows rather than the whole table.
        loose = ParagraphStyle("h3-loose", parent=kit.styles.h3, keepWithNext=False)
        story += [kit.gap(), _chart(sessions), CondPageBreak(120), Paragraph("Every session", loose)]
        rows: list[list[str | Flowable]] = [["Date", "Planned", "Actual", "What happened", "Notes"]]
        for s in sessions:
            planned = _span(s.planned_start, s.planned_end)
            actual = _span(s.actual_start, s.actual_end)
            status = SESSION_STATUS_LABELS[s.status]
            if s.cancelled_by:
                status += f" (by {s.cancelled_by.value})"
            notes = "; ".join(x.rstrip(".") for x in (s.notice_given, s.notes, s.child_wellbeing) if x)
            rows.append([f'<a name="rec-{s.id}"/>{day(s.session_date)}', planned, actual,
                         kit.t(status), kit.t(notes)])
        story.append(kit.table(rows, (1.55, 1.75, 1.75, 1.8, 2.6)))
    return story


def _deadlines(kit: Kit, deadlines: Sequence[Deadline]) -> list[Flowable]:
    story: list[Flowable] = []
    if deadlines:
        story.append(kit.heading("Deadlines", "doc-deadlines"))
        rows = [["What was due", "Due", "Done"]]
        for d in deadlines:
            rows.append([f'<a name="rec-{d.id}"/>{kit.t(d.title)}', day(d.due_on),
                         day(d.done_on) or ("Not done" if d.due_on and d.due_on < kit.today else "")])
        story.append(kit.table(rows, (4, 1.3, 1.3)))
    return story
