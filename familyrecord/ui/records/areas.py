"""The record areas of the left navigation and how each record type is named in them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from familyrecord.records.models import (
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
)
from familyrecord.services import Services
from familyrecord.ui.records.forms.meeting import MeetingForm
from familyrecord.ui.records.forms.simple import (
    ChildForm,
    ContactArrangementForm,
    ContactSessionForm,
    CorrespondenceForm,
    DeadlineForm,
    EventForm,
    PersonForm,
)
from familyrecord.ui.records.record_view import KindSpec, RecordArea


def tr(text: str) -> str:
    return QCoreApplication.translate("areas", text)


def build_areas(services: Services) -> dict[str, RecordArea]:
    """Keys are the navigation ids: meetings, correspondence, contact, people, events."""
    meetings = KindSpec(MeetingForm, tr("Meetings"), tr("Add a meeting"),
                        tr("No meetings yet. Add your first meeting with \"Add a meeting\": the date is "
                           "enough to start, and you can fill in the rest later."),
                        tr("New meeting"), transcript=True)
    letters = KindSpec(CorrespondenceForm, tr("Letters and messages"), tr("Add a letter or message"),
                       tr("No letters or messages yet. Add one with \"Add a letter or message\"; you can "
                          "attach the letter itself as a file."), tr("New letter or message"))
    sessions = KindSpec(ContactSessionForm, tr("Contact sessions"), tr("Log a contact session"),
                        tr("No contact sessions yet. Log each visit: whether it happened, the times, "
                           "and how the child was."), tr("New contact session"))
    arrangements = KindSpec(ContactArrangementForm, tr("Arrangements"), tr("Add an arrangement"),
                            tr("No contact arrangements yet. Add what the order or agreement says: "
                               "who, when, where, supervised or not."), tr("New contact arrangement"))
    people = KindSpec(PersonForm, tr("People"), tr("Add a person"),
                      tr("No people yet. Add the professionals and family members in your case, "
                         "with their role."), tr("New person"))
    children = KindSpec(ChildForm, tr("Children"), tr("Add a child"),
                        tr("No children yet. Add the children the case is about."), tr("New child"))
    events = KindSpec(EventForm, tr("Events"), tr("Add an event"),
                      tr("No events yet. Add anything dated that is not a meeting or a letter: a visit, "
                         "a phone call, a court hearing."), tr("New event"))
    deadlines = KindSpec(DeadlineForm, tr("Deadlines"), tr("Add a deadline"),
                         tr("No deadlines yet. Add anything that is due by a date: a reply, a complaint "
                            "response, a report."), tr("New deadline"))
    return {
        "meetings": RecordArea(services, tr("Meetings"),
                               tr("Your own record of each meeting: who was there, what was decided, "
                                  "who promised what, and the official minutes."),
                               [(Meeting, meetings)]),
        "correspondence": RecordArea(services, tr("Letters and messages"),
                                     tr("Letters, e-mails, texts and calls, sent and received. Replies "
                                        "that are overdue show on Home."),
                                     [(Correspondence, letters)]),
        "contact": RecordArea(services, tr("Contact with the children"), "",
                              [(ContactSession, sessions), (ContactArrangement, arrangements)]),
        "people": RecordArea(services, tr("People"), "", [(Person, people), (Child, children)]),
        "events": RecordArea(services, tr("Events and deadlines"), "",
                             [(Event, events), (Deadline, deadlines)]),
    }
