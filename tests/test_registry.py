"""One record-type registry: a type registered here is stored, listed and found by search without
editing any other module (the list model's half of this is in tests/ui/)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import pytest

from familyrecord.records import registry
from familyrecord.records.models import Record
from familyrecord.services import Services


@dataclass(kw_only=True)
class Gadget(Record):
    KIND: ClassVar[str] = "test_gadget"

    name: str = ""
    bought_on: date | None = None

    def when(self) -> date | None:
        return self.bought_on

    def summary(self) -> str:
        return self.name

    def search_text(self) -> str:
        return self.name


@pytest.fixture
def gadget_type() -> Iterator[registry.RecordType]:
    registered = registry.register(registry.RecordType(
        Gadget, "Gadget", "Gadgets", "gadgets",
        (registry.Column("Name", lambda r: r.name), registry.Column("Bought", lambda r: r.bought_on))))
    yield registered
    registry.unregister(Gadget.KIND)


def test_a_registered_type_is_stored_listed_and_found(gadget_type: registry.RecordType,
                                                      services: Services) -> None:
    saved = services.save(Gadget(name="Zither of Quendle", bought_on=date(2026, 5, 1)))
    assert services.get(saved.id) == saved
    assert [g.name for g in services.list_records(Gadget)] == ["Zither of Quendle"]
    assert [h.record_id for h in services.search("quendle")] == [saved.id]
    assert [v.action for v in services.history(saved)] == ["create"]
    assert registry.in_area("gadgets") == [gadget_type]


def test_unregistered_kinds_are_left_out_of_the_search_rebuild(gadget_type: registry.RecordType,
                                                               services: Services) -> None:
    from tests.vault_access import vault_of

    services.save(Gadget(name="Zither of Quendle"))
    registry.unregister(Gadget.KIND)
    with vault_of(services).transaction() as conn:
        from familyrecord.storage import search

        search.rebuild(conn)  # an unknown kind is skipped, not a crash
    assert services.search("quendle") == []


def test_every_built_in_type_is_registered_once() -> None:
    kinds = [t.kind for t in registry.record_types()]
    assert len(kinds) == len(set(kinds))
    assert {"person", "child", "meeting", "correspondence", "contact_arrangement", "contact_session",
            "event", "deadline", "chronology_entry"} <= set(kinds)
    for record_type in registry.record_types():
        assert registry.by_class(record_type.cls) is record_type
