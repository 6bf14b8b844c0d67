"""The record areas of the left navigation, read from the record-type registry.

Which areas there are, which record types each shows (as tabs when several), and the words of
each list come from familyrecord.records.registry. Only an area's heading and introduction are
the app's own words, in `AREA_WORDS`; an area that is not there is headed by its first type's
plural, so a new record type with a new area needs no edit here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from familyrecord.records.registry import N_, RecordType, in_area, record_types
from familyrecord.services import Services
from familyrecord.ui.records.forms import form_for
from familyrecord.ui.records.record_view import KindSpec, RecordArea
from familyrecord.ui.widgets.labels import tr_records


def tr(text: str) -> str:
    return QCoreApplication.translate("areas", text)


# navigation id -> (heading, introduction); both in English, translated when shown.
AREA_WORDS: dict[str, tuple[str, str]] = {
    "meetings": (N_("Meetings"), N_("Your own record of each meeting: who was there, what was "
                                    "decided, who promised what, and the official minutes.")),
    "correspondence": (N_("Letters and messages"), N_("Letters, e-mails, texts and calls, sent and "
                                                      "received. Replies that are overdue show on "
                                                      "Home.")),
    "contact": (N_("Contact with the children"), ""),
    "people": (N_("People"), ""),
    "events": (N_("Events and deadlines"), ""),
    "support": (N_("Support and money"), ""),
}


def area_ids() -> list[str]:
    """Every area some record type lives in, in the order the types were registered."""
    return list(dict.fromkeys(t.area for t in record_types() if t.area))


def area_heading(area: str) -> str:
    words = AREA_WORDS.get(area)
    if words is not None:
        return tr(words[0])
    return tr_records(in_area(area)[0].plural)


def area_intro(area: str) -> str:
    words = AREA_WORDS.get(area)
    return tr(words[1]) if words is not None and words[1] else ""


def kind_spec(record_type: RecordType) -> KindSpec:
    """How one record type is presented: the registry's words, translated, and its form."""
    form = form_for(record_type.kind)
    add_text = tr_records(record_type.add_label) if record_type.add_label else tr("Add an entry")
    empty = (tr_records(record_type.empty_text) if record_type.empty_text
             else tr("Nothing here yet. Add the first with \"%1\".").replace("%1", add_text))
    new_title = tr_records(record_type.new_title) if record_type.new_title else tr("New entry")
    return KindSpec(form, tr_records(record_type.plural), add_text, empty, new_title,
                    transcript=form.with_recording)


def build_areas(services: Services) -> dict[str, RecordArea]:
    """Keys are the navigation ids (meetings, correspondence, contact, people, events, …)."""
    return {area: RecordArea(services, area_heading(area), area_intro(area),
                             [(t.cls, kind_spec(t)) for t in in_area(area)])
            for area in area_ids()}
