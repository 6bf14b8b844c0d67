"""A sample vault with a realistic, entirely made-up family, for trying the app.

Four months of a child protection case: a strategy discussion, an initial conference, core
groups, a change of social worker, letters and e-mails (some unanswered), weekly supervised
contact with a grandmother, and the deadlines that follow. Dates are relative to today so the
Home screen always has something upcoming.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

from familyrecord.progress import Progress
from familyrecord.records.enums import (
    Basis,
    CancelledBy,
    Channel,
    DeadlineKind,
    Direction,
    EventType,
    MeetingType,
    Role,
    SessionStatus,
    Significance,
    SupportStatus,
)
from familyrecord.records.kinship import SupportItem, SupportUpdate
from familyrecord.records.models import (
    Action,
    Attendee,
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    DisputedPoint,
    Event,
    Meeting,
    Person,
)
from familyrecord.services import Services

FAMILY_NAME = "The Carter family"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def build_demo(services: Services, today: date | None = None, progress: Progress | None = None) -> None:
    """Fill an empty vault with the sample family. Every write goes through the services."""
    today = today or date.today()
    start = today - timedelta(days=120)
    steps = 9

    def step(n: int) -> None:
        if progress is not None:
            progress(n, steps)

    services.set_family_name(FAMILY_NAME)
    mia = services.save(Child(name="Mia Carter", date_of_birth=date(2019, 3, 14),
                              notes="Loves drawing and the swings at the park.",
                              school="Northfield Primary, Year 2",
                              what_matters="Seeing Nan every week; her drawings on the fridge.",
                              worries="Loud voices; being late for school."))
    leo = services.save(Child(name="Leo Carter", date_of_birth=date(2022, 8, 2)))
    kids = [mia.id, leo.id]
    step(1)

    def person(name: str, role: Role, org: str, **kw: object) -> Person:
        return services.save(Person(name=name, role=role, organisation=org, **kw))  # type: ignore[arg-type]

    sarah = person("Sarah Ahmed", Role.SOCIAL_WORKER, "Northfield Council Children's Services",
                   phone="01632 960 101", email="sarah.ahmed@northfield.example",
                   allocated_from=start, allocated_to=start + timedelta(days=55))
    tom = person("Tom Price", Role.SOCIAL_WORKER, "Northfield Council Children's Services",
                 phone="01632 960 144", email="tom.price@northfield.example",
                 allocated_from=start + timedelta(days=56))
    manager = person("Grace Okafor", Role.TEAM_MANAGER, "Northfield Council Children's Services",
                     email="grace.okafor@northfield.example")
    chair = person("David Lin", Role.CONFERENCE_CHAIR, "Northfield Safeguarding Unit")
    hv = person("Priya Shah", Role.HEALTH_VISITOR, "Northfield Community Health")
    dsl = person("Mark Evans", Role.SCHOOL_DSL, "St Anne's Primary School")
    solicitor = person("Helen Morris", Role.SOLICITOR, "Morris & Daly Solicitors",
                       phone="01632 960 500")
    advocate = person("Jo Bennett", Role.PARENT_ADVOCATE, "Family Voices")
    supervisor = person("Amir Khan", Role.CONTACT_SUPERVISOR, "Northfield Family Centre")
    nan = person("Linda Carter", Role.KINSHIP_CARER, "", notes="Mia and Leo's grandmother.")
    step(2)

    def attendee(p: Person, present: bool = True) -> Attendee:
        return Attendee(person_id=p.id, name=p.name, role=p.role, present=present)

    services.save(Meeting(
        meeting_type=MeetingType.STRATEGY_DISCUSSION, title="Strategy discussion",
        starts_at=_at(start, 14), child_ids=kids, place="By phone (I was not invited)",
        attendees=[attendee(sarah), attendee(dsl), attendee(hv)],
        own_notes="I was told afterwards by phone that a section 47 enquiry would start.",
        significance=Significance.HIGH))
    services.save(Meeting(
        meeting_type=MeetingType.ICPC, title="Initial child protection conference",
        starts_at=_at(start + timedelta(days=14), 10), ends_at=_at(start + timedelta(days=14), 12),
        child_ids=kids, place="Northfield Civic Centre, room 4",
        attendees=[attendee(chair), attendee(sarah), attendee(hv), attendee(dsl),
                   attendee(advocate)],
        reports_received_on=start + timedelta(days=13), recording_announced=True,
        agenda="Introductions; social work report; agency reports; parents' views; decision.",
        own_notes=("The social work report arrived the night before. I said Mia's attendance had "
                   "improved to 96% since January. The chair asked the school to confirm."),
        decisions=["Mia and Leo to be subject to child protection plans (neglect).",
                   "First core group within 10 working days."],
        actions=[Action(description="Refer Mum to the parenting course", owner_person_id=sarah.id,
                        owner_name=sarah.name, due_on=start + timedelta(days=28)),
                 Action(description="Send the attendance figures to the social worker",
                        owner_person_id=dsl.id, owner_name=dsl.name,
                        due_on=start + timedelta(days=21), done=True,
                        done_on=start + timedelta(days=20)),
                 Action(description="Arrange a nursery place for Leo", owner_person_id=tom.id,
                        owner_name=tom.name, due_on=today + timedelta(days=9))],
        minutes_received_on=start + timedelta(days=40),
        disputed_points=[DisputedPoint(
            text="Minutes say 'mother refused to engage with the health visitor'.",
            family_account="I missed one appointment because Leo was ill and I rang to rebook.",
            raised_on=start + timedelta(days=42))],
        significance=Significance.HIGH))
    step(3)

    for n, offset in enumerate((24, 52, 80, 108), start=1):
        worker = sarah if offset < 56 else tom
        services.save(Meeting(
            meeting_type=MeetingType.CORE_GROUP, title=f"Core group meeting {n}",
            starts_at=_at(start + timedelta(days=offset), 13, 30), child_ids=kids,
            place="Northfield Family Centre",
            attendees=[attendee(worker), attendee(hv), attendee(dsl), attendee(supervisor)],
            recording_announced=n > 1,
            own_notes=("No official minute was taken again." if n == 2 else
                       f"We went through the plan. Meeting {n} went calmly."),
            decisions=["Keep the plan as it is."] if n < 4 else ["Plan to be reviewed at RCPC."],
            actions=[Action(description="Confirm the date of the review conference",
                            owner_person_id=worker.id, owner_name=worker.name,
                            due_on=start + timedelta(days=offset + 14), done=n < 3)]))
    services.save(Meeting(
        meeting_type=MeetingType.RCPC, title="Review child protection conference",
        starts_at=_at(today + timedelta(days=6), 10), child_ids=kids,
        place="Northfield Civic Centre, room 2",
        attendees=[attendee(chair), attendee(tom), attendee(hv), attendee(dsl),
                   attendee(solicitor), attendee(advocate)],
        agenda="Review of the child protection plan.", significance=Significance.HIGH))
    step(4)

    letters = [
        (Direction.RECEIVED, Channel.LETTER, 10, sarah.name, "Letter about the section 47 enquiry",
         "We are making enquiries under section 47 of the Children Act 1989.", None),
        (Direction.SENT, Channel.EMAIL, 30, tom.name, "Request for the ICPC minutes",
         "Please could you send me the minutes of the conference? I have not received them.", 40),
        (Direction.SENT, Channel.EMAIL, 44, sarah.name, "Correction to the conference minutes",
         "The minutes say I refused to engage. I missed one appointment because Leo was ill.", 58),
        (Direction.RECEIVED, Channel.EMAIL, 57, tom.name, "Introduction from your new social worker",
         "I am your new social worker from today. Sarah has moved to another team.", None),
        (Direction.SENT, Channel.LETTER, 95, manager.name, "Nursery place for Leo",
         "The nursery place promised at the conference has still not been arranged.", 109),
        (Direction.RECEIVED, Channel.PHONE, 100, tom.name, "Phone call about contact times",
         "Tom rang to say contact would move to Thursdays.", None),
    ]
    letter_ids = []
    for direction, channel, offset, other, subject, body, reply_by in letters:
        sent = direction is Direction.SENT
        letter = services.save(Correspondence(
            direction=direction, channel=channel, dated=start + timedelta(days=offset),
            from_name="Me" if sent else other, to_name=other if sent else "Me",
            subject=subject, body=body, child_ids=kids,
            reply_needed_by=start + timedelta(days=reply_by) if reply_by else None,
            replied_on=start + timedelta(days=50) if reply_by == 40 else None))
        letter_ids.append(letter.id)
    services.import_attachment_stream(
        io.BytesIO(_sample_letter_text().encode("utf-8")), "section47-letter.txt",
        link_to=letter_ids[0], text_content=_sample_letter_text())
    step(5)

    # Contact is on Tuesdays, from the first Tuesday twenty days into the case.
    first = start + timedelta(days=20 + (1 - (start + timedelta(days=20)).weekday()) % 7)
    arrangement = services.save(ContactArrangement(
        with_whom="Linda Carter (grandmother)", child_ids=kids,
        schedule="Weekly, Tuesdays 16:00 to 17:30", place="Northfield Family Centre",
        supervised=True, supervisor=supervisor.name, starts_on=first,
        repeat_rule="FREQ=WEEKLY;BYDAY=TU", session_start=time(16, 0), session_end=time(17, 30),
        review_on=today + timedelta(days=30), terms="Supervised; no discussion of the case."))
    for week in range(14):
        day = first + timedelta(weeks=week)
        if day >= today:
            break
        status, by, late_start = SessionStatus.HAPPENED, CancelledBy.NOT_CANCELLED, time(16, 0)
        if week in (3, 9):
            status, by = SessionStatus.CANCELLED, CancelledBy.COUNCIL
        elif week == 6:
            status, late_start = SessionStatus.LATE, time(16, 35)
        services.save(ContactSession(
            arrangement_id=arrangement.id, with_whom=nan.name, child_ids=kids, session_date=day,
            planned_start=time(16, 0), planned_end=time(17, 30),
            actual_start=late_start if status is not SessionStatus.CANCELLED else None,
            actual_end=time(17, 30) if status is not SessionStatus.CANCELLED else None,
            status=status, cancelled_by=by, supervisor=supervisor.name,
            notice_given="Told at 15:10 on the day" if by is CancelledBy.COUNCIL else "",
            notice_hours=0.8 if by is CancelledBy.COUNCIL else None,
            late_minutes=35 if status is SessionStatus.LATE else None,
            child_wellbeing="Happy, played with Nan" if status is not SessionStatus.CANCELLED else "",
            notes="Taxi arrived 35 minutes late." if status is SessionStatus.LATE else "",
            expenses_pence=640 if status is not SessionStatus.CANCELLED else 0))
    step(6)

    services.save(Event(event_type=EventType.VISIT, occurred_on=start + timedelta(days=35),
                        title="Unannounced home visit by the social worker", child_ids=kids,
                        description="Sarah looked round the kitchen and the children's bedroom.",
                        people=sarah.name, basis=Basis.SAW))
    services.save(Event(event_type=EventType.ACHIEVEMENT, occurred_on=start + timedelta(days=70),
                        title="Finished the Triple P parenting course", basis=Basis.DOCUMENT,
                        description="Certificate received.", significance=Significance.HIGH))
    services.save(Event(event_type=EventType.INCIDENT, occurred_on=start + timedelta(days=88),
                        title="Allegation about bruising found unsubstantiated", child_ids=[mia.id],
                        description="The GP confirmed the bruise came from a fall at school.",
                        basis=Basis.DOCUMENT, significance=Significance.HIGH))
    step(7)

    nursery = services.save(SupportItem(
        what="Nursery place for Leo (15 hours a week)", provider=sarah.name,
        promised_on=start + timedelta(days=30), due_on=start + timedelta(days=60),
        how_often="15 hours a week", child_ids=[leo.id],
        notes="Promised at the child protection conference."))
    nursery.updates.append(SupportUpdate(on=start + timedelta(days=61), status=SupportStatus.LATE,
                                         note="Not arranged by the date promised."))
    services.save(nursery)
    services.save(SupportItem(
        what="Family support worker visits", provider="Northfield Family Support Team",
        promised_on=start + timedelta(days=30), how_often="Weekly", child_ids=kids,
        updates=[SupportUpdate(on=start + timedelta(days=45), status=SupportStatus.DELIVERED,
                               note="Visits started."),
                 SupportUpdate(on=start + timedelta(days=90), status=SupportStatus.PARTLY,
                               note="Two visits missed this month.")]))
    step(8)

    services.save(Deadline(deadline_kind=DeadlineKind.REPORT_BEFORE_MEETING,
                           title="Reports due before the review conference",
                           due_on=today + timedelta(days=4)))
    services.save(Deadline(deadline_kind=DeadlineKind.SUBJECT_ACCESS,
                           title="Reply to my subject access request",
                           due_on=today + timedelta(days=12),
                           notes="Asked for all records held about me and the children."))
    services.save(Deadline(deadline_kind=DeadlineKind.COMPLAINT_RESPONSE,
                           title="Stage 1 complaint response (10 working days)",
                           due_on=start + timedelta(days=74), done_on=start + timedelta(days=79)))
    step(9)


def _sample_letter_text() -> str:
    return (
        "Northfield Council Children's Services\n\n"
        "Dear Ms Carter,\n\n"
        "We are writing to tell you that we are making enquiries under section 47 of the "
        "Children Act 1989 about Mia and Leo. This is because we have received information "
        "that we have to look into. A social worker, Sarah Ahmed, will contact you.\n\n"
        "Yours sincerely,\nChildren's Services\n"
    )
