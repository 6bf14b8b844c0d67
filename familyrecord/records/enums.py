"""Enumerations used by records, from the project glossary (England and Wales).

Values are stable identifiers stored in the vault; labels are plain words for people.
Labels are translated in the UI layer (the core stays free of Qt).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SOCIAL_WORKER = "social_worker"
    TEAM_MANAGER = "team_manager"
    IRO = "iro"
    CONFERENCE_CHAIR = "conference_chair"
    CHILDRENS_GUARDIAN = "childrens_guardian"
    FAMILY_SUPPORT_WORKER = "family_support_worker"
    CONTACT_SUPERVISOR = "contact_supervisor"
    HEALTH_VISITOR = "health_visitor"
    MIDWIFE = "midwife"
    GP = "gp"
    SCHOOL_DSL = "school_dsl"
    POLICE = "police"
    SOLICITOR = "solicitor"
    BARRISTER = "barrister"
    PARENT_ADVOCATE = "parent_advocate"
    INTERMEDIARY = "intermediary"
    INTERPRETER = "interpreter"
    PARENT = "parent"
    KINSHIP_CARER = "kinship_carer"
    SPECIAL_GUARDIAN = "special_guardian"
    FOSTER_CARER = "foster_carer"
    CONNECTED_PERSON = "connected_person"
    FGC_COORDINATOR = "fgc_coordinator"
    FAMILY_MEMBER = "family_member"
    OTHER = "other"


ROLE_LABELS: dict[Role, str] = {
    Role.SOCIAL_WORKER: "Social worker (allocated)",
    Role.TEAM_MANAGER: "Team manager / practice manager",
    Role.IRO: "Independent Reviewing Officer (IRO)",
    Role.CONFERENCE_CHAIR: "Conference chair",
    Role.CHILDRENS_GUARDIAN: "Children's guardian (Cafcass / Cafcass Cymru)",
    Role.FAMILY_SUPPORT_WORKER: "Family support worker",
    Role.CONTACT_SUPERVISOR: "Contact supervisor",
    Role.HEALTH_VISITOR: "Health visitor",
    Role.MIDWIFE: "Midwife",
    Role.GP: "GP (family doctor)",
    Role.SCHOOL_DSL: "School designated safeguarding lead",
    Role.POLICE: "Police",
    Role.SOLICITOR: "Solicitor",
    Role.BARRISTER: "Barrister",
    Role.PARENT_ADVOCATE: "Parent advocate / peer advocate",
    Role.INTERMEDIARY: "Intermediary",
    Role.INTERPRETER: "Interpreter",
    Role.PARENT: "Parent",
    Role.KINSHIP_CARER: "Kinship carer",
    Role.SPECIAL_GUARDIAN: "Special guardian",
    Role.FOSTER_CARER: "Foster carer",
    Role.CONNECTED_PERSON: "Connected person",
    Role.FGC_COORDINATOR: "Family group conference coordinator",
    Role.FAMILY_MEMBER: "Family member",
    Role.OTHER: "Other",
}


class MeetingType(StrEnum):
    STRATEGY_DISCUSSION = "strategy_discussion"
    S47_VISIT = "s47_visit"
    ICPC = "icpc"
    RCPC = "rcpc"
    CORE_GROUP = "core_group"
    CIN = "cin"
    FGC = "fgc"
    PLO = "plo"
    LAC_REVIEW = "lac_review"
    KINSHIP_REVIEW = "kinship_review"
    CONTACT_REVIEW = "contact_review"
    COURT_HEARING = "court_hearing"
    SCHOOL_HEALTH = "school_health"
    OTHER = "other"


MEETING_TYPE_LABELS: dict[MeetingType, str] = {
    MeetingType.STRATEGY_DISCUSSION: "Strategy discussion",
    MeetingType.S47_VISIT: "Section 47 enquiry visit",
    MeetingType.ICPC: "Initial Child Protection Conference (ICPC)",
    MeetingType.RCPC: "Review Child Protection Conference (RCPC)",
    MeetingType.CORE_GROUP: "Core group meeting",
    MeetingType.CIN: "Child in Need (CIN) meeting",
    MeetingType.FGC: "Family Group Conference / family network meeting",
    MeetingType.PLO: "PLO pre-proceedings meeting",
    MeetingType.LAC_REVIEW: "Looked After Child / child-in-care review",
    MeetingType.KINSHIP_REVIEW: "Special guardianship or kinship support review",
    MeetingType.CONTACT_REVIEW: "Contact review",
    MeetingType.COURT_HEARING: "Court hearing",
    MeetingType.SCHOOL_HEALTH: "School or health meeting",
    MeetingType.OTHER: "Other meeting",
}


class Direction(StrEnum):
    RECEIVED = "received"
    SENT = "sent"


class Channel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    TEXT = "text"
    PHONE = "phone"
    PORTAL = "portal"
    OTHER = "other"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.LETTER: "Letter",
    Channel.EMAIL: "E-mail",
    Channel.TEXT: "Text message",
    Channel.PHONE: "Phone call",
    Channel.PORTAL: "Online portal",
    Channel.OTHER: "Other",
}


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HAPPENED = "happened"
    LATE = "late"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


SESSION_STATUS_LABELS: dict[SessionStatus, str] = {
    SessionStatus.PLANNED: "Planned",
    SessionStatus.HAPPENED: "Happened",
    SessionStatus.LATE: "Happened, but late",
    SessionStatus.CANCELLED: "Cancelled",
    SessionStatus.NO_SHOW: "Did not happen (no-show)",
}


class CancelledBy(StrEnum):
    NOT_CANCELLED = ""
    FAMILY = "family"
    CARER = "carer"
    COUNCIL = "council"
    CHILD = "child"
    OTHER = "other"


class EventType(StrEnum):
    VISIT = "visit"
    PHONE_CALL = "phone_call"
    INCIDENT = "incident"
    COURT_HEARING = "court_hearing"
    ASSESSMENT = "assessment"
    ORDER = "order"
    PLAN = "plan"
    STATEMENT = "statement"
    ACHIEVEMENT = "achievement"
    CAME_INTO_CARE = "came_into_care"
    CARE_APPLICATION_ISSUED = "care_application_issued"
    OTHER = "other"


class DateQualifier(StrEnum):
    """How sure the date is, as chronologies say it."""

    EXACT = ""
    APPROX = "approx"
    BEFORE = "before"
    AFTER = "after"


class Significance(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Basis(StrEnum):
    """What an entry rests on (users asked to keep these apart, in neutral words)."""

    UNSPECIFIED = ""
    SAW = "saw"
    QUOTE = "quote"
    OPINION = "opinion"
    DOCUMENT = "document"


BASIS_LABELS: dict[Basis, str] = {
    Basis.UNSPECIFIED: "Not said",
    Basis.SAW: "What I saw or heard",
    Basis.QUOTE: "A direct quote",
    Basis.OPINION: "A professional's opinion",
    Basis.DOCUMENT: "What a document says",
}


class DeadlineKind(StrEnum):
    REPLY = "reply"
    COMPLAINT_RESPONSE = "complaint_response"
    SUBJECT_ACCESS = "subject_access"
    REPORT_BEFORE_MEETING = "report_before_meeting"
    COURT = "court"
    MEETING = "meeting"
    MEETING_RECORD = "meeting_record"
    COMPLAINT_ESCALATION = "complaint_escalation"
    OTHER = "other"


class Verdict(StrEnum):
    UNMARKED = ""
    ACCURATE = "accurate"
    INACCURATE = "inaccurate"
    INCOMPLETE = "incomplete"
    NOT_DISCUSSED = "not_discussed"
    NOT_SURE = "not_sure"


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.UNMARKED: "Not looked at yet",
    Verdict.ACCURATE: "Accurate",
    Verdict.INACCURATE: "Inaccurate",
    Verdict.INCOMPLETE: "Incomplete",
    Verdict.NOT_DISCUSSED: "Not discussed",
    Verdict.NOT_SURE: "Not sure",
}


class DeadlineWho(StrEnum):
    """Whose step a deadline is: the family's own, the council's, or the court's."""

    UNSAID = ""
    YOU = "you"
    LOCAL_AUTHORITY = "local_authority"
    COURT = "court"


class LetterPurpose(StrEnum):
    """What a letter or message is for, when it starts a clock (complaints, records requests)."""

    NONE = ""
    COMPLAINT_STAGE_1 = "complaint_stage_1"
    COMPLAINT_STAGE_2 = "complaint_stage_2"
    COMPLAINT_STAGE_3 = "complaint_stage_3"
    SUBJECT_ACCESS_REQUEST = "subject_access_request"
    COMPLAINT_STAGE_1_RESPONSE = "complaint_stage_1_response"
    COMPLAINT_STAGE_2_RESPONSE = "complaint_stage_2_response"
    COMPLAINT_FINAL_RESPONSE = "complaint_final_response"
    CHASE = "chase"
    MINUTES_CORRECTION = "minutes_correction"


class SupportStatus(StrEnum):
    PROMISED = "promised"
    DELIVERED = "delivered"
    LATE = "late"
    PARTLY = "partly"
    NOT_DELIVERED = "not_delivered"


class MoneyKind(StrEnum):
    SGO_ALLOWANCE = "sgo_allowance"
    KINSHIP_ALLOWANCE = "kinship_allowance"
    FOSTERING_ALLOWANCE = "fostering_allowance"
    ONE_OFF = "one_off"
    CONTACT_EXPENSES = "contact_expenses"
    OTHER = "other"


class MoneyEntryType(StrEnum):
    DUE = "due"
    RECEIVED = "received"


class LetterboxKind(StrEnum):
    LETTER = "letter"
    CARD = "card"
    PHOTO = "photo"
    GIFT = "gift"
    OTHER = "other"


# Pairs, not a dict: members of different enumerations can share a value (""), and a StrEnum
# hashes as its value, so a dict keyed by members would let one label overwrite another.
_OTHER_LABELS: tuple[tuple[StrEnum, str], ...] = (
    (Direction.RECEIVED, "Received"),
    (Direction.SENT, "Sent"),
    (CancelledBy.NOT_CANCELLED, "Not cancelled"),
    (CancelledBy.FAMILY, "Cancelled by us (the family)"),
    (CancelledBy.CARER, "Cancelled by the carer"),
    (CancelledBy.COUNCIL, "Cancelled by the council"),
    (CancelledBy.CHILD, "Cancelled by the child"),
    (CancelledBy.OTHER, "Cancelled by someone else"),
    (EventType.VISIT, "Visit"),
    (EventType.PHONE_CALL, "Phone call"),
    (EventType.INCIDENT, "Incident"),
    (EventType.COURT_HEARING, "Court hearing"),
    (EventType.ASSESSMENT, "Assessment"),
    (EventType.ORDER, "Court order"),
    (EventType.PLAN, "Plan"),
    (EventType.STATEMENT, "Statement"),
    (EventType.ACHIEVEMENT, "Something that went well"),
    (EventType.CAME_INTO_CARE, "Came into care"),
    (EventType.CARE_APPLICATION_ISSUED, "Care application issued at court"),
    (EventType.OTHER, "Other"),
    (DateQualifier.EXACT, "On this date"),
    (DateQualifier.APPROX, "About this date"),
    (DateQualifier.BEFORE, "Before this date"),
    (DateQualifier.AFTER, "After this date"),
    (Significance.LOW, "Less important"),
    (Significance.NORMAL, "Normal"),
    (Significance.HIGH, "Very important"),
    (DeadlineKind.REPLY, "A reply"),
    (DeadlineKind.COMPLAINT_RESPONSE, "A complaint response"),
    (DeadlineKind.SUBJECT_ACCESS, "A request for my records"),
    (DeadlineKind.REPORT_BEFORE_MEETING, "A report before a meeting"),
    (DeadlineKind.COURT, "Court"),
    (DeadlineKind.MEETING, "A meeting that should happen"),
    (DeadlineKind.MEETING_RECORD, "Minutes or a plan to be sent"),
    (DeadlineKind.COMPLAINT_ESCALATION, "Taking a complaint further"),
    (DeadlineWho.UNSAID, "Not said"),
    (DeadlineWho.YOU, "You"),
    (DeadlineWho.LOCAL_AUTHORITY, "The council"),
    (DeadlineWho.COURT, "The court"),
    (LetterPurpose.NONE, "Nothing special"),
    (LetterPurpose.COMPLAINT_STAGE_1, "Complaint (stage 1)"),
    (LetterPurpose.COMPLAINT_STAGE_2, "Complaint (stage 2: investigation)"),
    (LetterPurpose.COMPLAINT_STAGE_3, "Complaint (stage 3: review panel)"),
    (LetterPurpose.SUBJECT_ACCESS_REQUEST, "Request for my records (subject access)"),
    (LetterPurpose.COMPLAINT_STAGE_1_RESPONSE, "Reply to a stage 1 complaint"),
    (LetterPurpose.COMPLAINT_STAGE_2_RESPONSE, "Reply to a stage 2 complaint"),
    (LetterPurpose.COMPLAINT_FINAL_RESPONSE, "Final reply to a complaint"),
    (LetterPurpose.CHASE, "Chasing a late reply"),
    (LetterPurpose.MINUTES_CORRECTION, "Asking for the minutes to be corrected"),
    (SupportStatus.PROMISED, "Promised"),
    (SupportStatus.DELIVERED, "Delivered"),
    (SupportStatus.LATE, "Late"),
    (SupportStatus.PARTLY, "Partly delivered"),
    (SupportStatus.NOT_DELIVERED, "Not delivered"),
    (MoneyKind.SGO_ALLOWANCE, "Special guardianship allowance"),
    (MoneyKind.KINSHIP_ALLOWANCE, "Kinship allowance"),
    (MoneyKind.FOSTERING_ALLOWANCE, "Fostering allowance"),
    (MoneyKind.ONE_OFF, "One-off payment"),
    (MoneyKind.CONTACT_EXPENSES, "Contact travel expenses"),
    (MoneyKind.OTHER, "Other"),
    (MoneyEntryType.DUE, "Due"),
    (MoneyEntryType.RECEIVED, "Received"),
    (LetterboxKind.LETTER, "Letter"),
    (LetterboxKind.CARD, "Card"),
    (LetterboxKind.PHOTO, "Photo"),
    (LetterboxKind.GIFT, "Gift"),
    (LetterboxKind.OTHER, "Other"),
    (DeadlineKind.OTHER, "Other"),
)


# Keyed by (enumeration, value) for the same reason.
ENUM_LABELS: dict[tuple[type[StrEnum], str], str] = {}
for _table in (ROLE_LABELS, MEETING_TYPE_LABELS, CHANNEL_LABELS, SESSION_STATUS_LABELS, BASIS_LABELS,
               VERDICT_LABELS):
    ENUM_LABELS.update(((type(member), member.value), label) for member, label in _table.items())
ENUM_LABELS.update(((type(member), member.value), label) for member, label in _OTHER_LABELS)


def enum_label(value: StrEnum) -> str:
    """The plain-words English label of an enumeration value (the UI translates it)."""
    return ENUM_LABELS.get((type(value), value.value), str(value.value).replace("_", " ").capitalize())
