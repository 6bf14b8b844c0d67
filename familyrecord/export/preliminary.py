"""Section A, the preliminary documents: case summary, statement of issues, the family's
position, the chronology and the essential reading list, each dated "prepared on … for the
hearing on …", in the order Practice Direction 27A gives them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from familyrecord.export.kit import Kit, day
from familyrecord.export.layouts import Chosen, document_title
from familyrecord.export.pdfstyle import DISPUTED, new_page
from familyrecord.formatting import long_date, plural
from familyrecord.records.enums import Role, Significance
from familyrecord.records.kinship import SupportItem
from familyrecord.records.models import Child, Meeting
from familyrecord.views.chronology import ChronologyRow, disputed_rows
from familyrecord.views.due import missed_by_council
from familyrecord.views.people import allocation_history
from familyrecord.views.support import summary_lines

# The documents of section A in order, with the names their page limits go by.
DOCUMENTS = (("doc-summary", "case summary"), ("doc-issues", "statement of issues"),
             ("doc-position", "position statement"), ("doc-chronology", "chronology"),
             ("doc-reading", "essential reading list"))


@dataclass
class Front:
    """What the preliminary documents are made from."""

    rows: list[ChronologyRow]
    chosen: Chosen
    facts: list[str]
    choices: list[str]  # the family's choices in plain sentences


def preliminary(kit: Kit, front: Front) -> list[Flowable]:
    o = kit.options
    story = _summary(kit, front)
    if o.issues:
        story += [new_page(), kit.heading("Statement of issues, as the family sees them",
                                          "doc-issues"), _dated(kit)]
        story += [kit.para(f"{n}. {kit.t(issue)}", raw=True) for n, issue in enumerate(o.issues, 1)]
    if o.position.strip():
        story += [new_page(), kit.heading("The family's position: what they want and why",
                                          "doc-position"), _dated(kit), *kit.paras(o.position)]
    story += [new_page(), *chronology(kit, front.rows)]
    if o.essential_reading:
        story += [new_page(), *_reading(kit)]
    return story


def _dated(kit: Kit) -> Flowable:
    o = kit.options
    line = f"Prepared on {long_date(o.prepared_on or kit.today)}"
    if o.hearing_date:
        line += f" for the hearing on {long_date(o.hearing_date)}"
    return kit.para(line + ".", "small")


def _summary(kit: Kit, front: Front) -> list[Flowable]:
    story: list[Flowable] = [kit.heading("Case summary", "doc-summary"), _dated(kit),
                             kit.subheading("What this bundle includes")]
    story += [kit.para(f"\u2022 {kit.t(line)}", raw=True) for line in front.choices]
    if kit.options.case_summary.strip():
        story += [kit.subheading("In the family's words"), *kit.paras(kit.options.case_summary)]
    story += [kit.subheading("From the family's record"), *[kit.para(f) for f in front.facts]]
    children = _children(kit)
    if children:
        hidden = bool(kit.plan.ages)
        story += [kit.subheading("The children"), kit.table(
            [["Name", "Age" if hidden else "Date of birth"], *children], (3, 2))]
    workers = _social_workers(kit)
    if workers:
        story += [kit.subheading("Social workers allocated"),
                  kit.table([["Social worker", "Organisation", "From", "To"], *workers],
                            (2.2, 2.6, 1.5, 1.5))]
    return (story + _support(kit) + _missed(kit, front.chosen)
            + _open_items(kit, front.chosen.meetings, front.rows))


def _support(kit: Kit) -> list[Flowable]:
    """The support plan, promised against delivered, for the children and dates chosen."""
    o = kit.options
    items = [i for i in kit.stores.records.repo(SupportItem).list(newest_first=False)
             if o.in_range(i.when()) and o.for_child(i.child_ids)]
    if not items:
        return []
    return [kit.subheading("The support plan: promised and delivered"),
            *[kit.para(line) for line in summary_lines(items, kit.today)]]


def _missed(kit: Kit, chosen: Chosen) -> list[Flowable]:
    """The local authority's timescales missed, with the dates and the rule that set each."""
    missed = missed_by_council(chosen.deadlines, kit.today)
    if not missed:
        return []
    rows: list[list[str | Flowable]] = [["What was due", "Due", "Done", "Late by", "The rule"]]
    for m in missed:
        rule = m.rule_wording + (f" ({m.source})" if m.source else "")
        rows.append([kit.t(m.title), day(m.due_on), day(m.done_on) or "Not done",
                     plural(m.late_by, "working day"), kit.t(rule)])
    return [kit.subheading("Timescales the local authority missed"),
            kit.table(rows, (2.3, 1.9, 1.9, 1.6, 3.1))]


def _children(kit: Kit) -> list[list[str]]:
    out = []
    for child in kit.stores.records.repo(Child).list():
        if kit.options.for_child([child.id]):
            born = kit.plan.ages.get(child.id) or day(child.date_of_birth)
            out.append([kit.t(child.name), kit.t(born)])
    return sorted(out)


def _social_workers(kit: Kit) -> list[list[str]]:
    out = []
    for person in allocation_history(kit.stores.records):
        if person.role is not Role.SOCIAL_WORKER:
            continue
        name = f'<a name="rec-{person.id}"/>{kit.t(person.name)}'
        out.append([name, kit.t(person.organisation), day(person.allocated_from),
                    day(person.allocated_to) or "still allocated"])
    return out


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
        where = kit.t(row.short_source) + (f"<br/><b>p.&nbsp;{ref}</b>" if ref else "")
        points.append([kit.t(row.date_text), kit.t(row.text), where])
    for m in meetings:
        ref = kit.ref(f"rec-{m.id}")
        where = kit.t(m.summary()) + (f"<br/><b>p.&nbsp;{ref}</b>" if ref else "")
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


def chronology(kit: Kit, rows: Sequence[ChronologyRow]) -> list[Flowable]:
    story: list[Flowable] = [kit.heading("Chronology", "doc-chronology"), _dated(kit)]
    story.append(kit.para(
        "Each row says what it rests on and where it comes from; the page shown is where that "
        "record is in this bundle. Rows in <b>bold</b> are of high importance. "
        "<font color='#9b1c1c'><b>Disputed</b></font> marks points the family disagrees with.",
        "small", raw=True))
    if not rows:
        return [*story, kit.para("There are no chronology rows for the choices made for this "
                                 "bundle.")]
    table: list[list[str | Flowable]] = [["No.", "Date", "What happened", "Who",
                                          "Rests on; source"]]
    for row in rows:
        text = kit.t(row.text)
        if row.significance is Significance.HIGH:
            text = f"<b>{text}</b>"
        if row.disputed:
            text = (f"<font color='#{DISPUTED.hexval()[2:]}'><b>Disputed by "
                    f"{row.disputed_by.lower()}.</b></font> {text}")
        source = kit.t(row.short_source)
        if row.anchor:
            ref = kit.ref(row.anchor)
            row.page_ref = ref if ref != kit.placeholder else ""
            if ref:
                source = f"{kit.link(row.anchor, source)}, <b>p.&nbsp;{ref}</b>"
        basis = f"<i>{kit.t(row.basis)}</i><br/>" if row.basis else ""
        table.append([str(row.serial), kit.t(row.date_text), text, kit.t(row.people),
                      basis + source])
    story.append(kit.table(table, (0.66, 1.6, 3.7, 1.94, 2.1)))
    return story


def _reading(kit: Kit) -> list[Flowable]:
    story: list[Flowable] = [kit.heading("Essential reading", "doc-reading"), _dated(kit),
                             kit.para("The family asks the reader to read these first.")]
    rows: list[list[str | Flowable]] = [["Document", "Date", "Pages"]]
    for key in kit.options.essential_reading:
        title, when = document_title(kit.stores, key)
        if not title:
            continue
        ref = kit.ref(key)
        rows.append([kit.link(key, kit.t(title)),
                     kit.t(when), ref or "not in this bundle"])
    return [*story, kit.table(rows, (4.6, 1.6, 1.8))]


def document_lengths(anchors: dict[str, int], section_end: int) -> dict[str, int]:
    """Pages each preliminary document runs to (for Practice Direction 27A's limits)."""
    starts = sorted((page, name) for key, name in DOCUMENTS if (page := anchors.get(key)) is not None)
    out = {}
    for n, (page, name) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else section_end
        out[name] = max(1, end - page + 1)
    return out
