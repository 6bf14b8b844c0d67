"""Record forms: the one table of which record type has a form of its own.

A type that is not in `FORMS` gets a generic form built from its dataclass fields
(forms/generic.py), so a new record type works in the app before anyone writes its form.
"""

from __future__ import annotations

from familyrecord.records.registry import class_for
from familyrecord.ui.records.forms.base import RecordForm
from familyrecord.ui.records.forms.contact import ContactArrangementForm, ContactSessionForm
from familyrecord.ui.records.forms.events import DeadlineForm, EventForm
from familyrecord.ui.records.forms.generic import generic_form
from familyrecord.ui.records.forms.letters import CorrespondenceForm
from familyrecord.ui.records.forms.meeting import MeetingForm
from familyrecord.ui.records.forms.people import ChildForm, PersonForm
from familyrecord.ui.records.forms.support import MoneyEntryForm, SupportItemForm

# kind -> its own form (each form names the record type it edits).
FORMS: dict[str, type[RecordForm]] = {form.record_type.KIND: form for form in (
    MeetingForm, CorrespondenceForm, ContactSessionForm, ContactArrangementForm, PersonForm,
    ChildForm, EventForm, DeadlineForm, SupportItemForm, MoneyEntryForm)}


def form_for(kind: str) -> type[RecordForm]:
    """The form for records of `kind`: its own, or a generic one."""
    own = FORMS.get(kind)
    return own if own is not None else generic_form(class_for(kind))


__all__ = ["FORMS", "RecordForm", "form_for"]
