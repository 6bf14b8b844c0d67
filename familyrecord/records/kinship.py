"""Record types kinship carers and special guardians asked for: letterbox contact, the support
plan (promised against delivered), money due and received, and a child's life-story folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from familyrecord.records.enums import (
    Direction,
    LetterboxKind,
    MoneyEntryType,
    MoneyKind,
    SupportStatus,
)
from familyrecord.records.models import Record, ValidationError, _require, new_id


@dataclass(kw_only=True)
class LetterboxItem(Record):
    """A letter, card or photo sent or received through the letterbox contact service."""

    KIND: ClassVar[str] = "letterbox_item"

    direction: Direction = Direction.SENT
    item_kind: LetterboxKind = LetterboxKind.LETTER
    dated: date | None = None
    from_name: str = ""
    to_name: str = ""
    passed_on: bool | None = None  # None: not known yet
    passed_on_date: date | None = None
    notes: str = ""

    def validate(self) -> None:
        if self.dated is None:
            raise ValidationError("dated", "Please give the date it was sent or received.")

    def when(self) -> date | None:
        return self.dated

    def summary(self) -> str:
        from familyrecord.records.enums import enum_label

        way = "sent to" if self.direction is Direction.SENT else "received from"
        other = self.to_name if self.direction is Direction.SENT else self.from_name
        return f"{enum_label(self.item_kind)} {way} {other}".strip() if other else \
            f"{enum_label(self.item_kind)} ({enum_label(self.direction).lower()})"

    def search_text(self) -> str:
        return "\n".join([self.summary(), self.from_name, self.to_name, self.notes])


@dataclass(kw_only=True)
class SupportUpdate:
    """What happened to a promised piece of support, on a date, with its evidence."""

    id: str = field(default_factory=new_id)
    on: date | None = None
    status: SupportStatus = SupportStatus.PROMISED
    note: str = ""
    evidence_record_id: str = ""  # a letter or meeting that shows it


@dataclass(kw_only=True)
class SupportItem(Record):
    """One thing the support plan promised: what, by whom, when and how often."""

    KIND: ClassVar[str] = "support_item"

    what: str = ""
    provider: str = ""  # who promised to provide it
    promised_on: date | None = None
    due_on: date | None = None
    how_often: str = ""
    source_record_id: str = ""  # the plan, letter or meeting it was promised in
    updates: list[SupportUpdate] = field(default_factory=list)
    notes: str = ""

    def validate(self) -> None:
        _require(self.what, "what", "what was promised")
        for update in self.updates:
            if update.on is None:
                raise ValidationError("updates", "Each update needs its date.")

    def status_on(self, day: date) -> SupportStatus:
        """The latest status recorded on or before `day` (promised when none)."""
        dated = [u for u in self.updates if u.on is not None and u.on <= day]
        return max(dated, key=lambda u: u.on or date.min).status if dated else SupportStatus.PROMISED

    @property
    def status(self) -> SupportStatus:
        return self.status_on(date.max)

    def when(self) -> date | None:
        return self.promised_on

    def summary(self) -> str:
        return f"{self.what} ({self.provider})" if self.provider else self.what

    def search_text(self) -> str:
        return "\n".join([self.what, self.provider, self.how_often, self.notes,
                          *(u.note for u in self.updates)])


@dataclass(kw_only=True)
class MoneyEntry(Record):
    """An allowance or payment that was due, or money that arrived, in pence."""

    KIND: ClassVar[str] = "money_entry"

    money_kind: MoneyKind = MoneyKind.SGO_ALLOWANCE
    entry_type: MoneyEntryType = MoneyEntryType.DUE
    on: date | None = None
    amount_pence: int = 0
    payer: str = ""
    period: str = ""  # e.g. "April 2026" or "weeks 1-4"
    notes: str = ""

    def validate(self) -> None:
        if self.on is None:
            raise ValidationError("on", "Please give the date it was due or paid.")
        if self.amount_pence <= 0:
            raise ValidationError("amount_pence", "Please give the amount (more than nothing).")

    def when(self) -> date | None:
        return self.on

    def summary(self) -> str:
        from familyrecord.records.enums import enum_label

        pounds = f"£{self.amount_pence // 100:,}.{self.amount_pence % 100:02d}"
        return f"{enum_label(self.money_kind)}: {pounds} {enum_label(self.entry_type).lower()}"

    def search_text(self) -> str:
        return "\n".join([self.summary(), self.payer, self.period, self.notes])


@dataclass(kw_only=True)
class LifeStoryItem(Record):
    """A photo, drawing or document for a child's life-story folder. Kept out of bundles unless
    the family chooses to include it."""

    KIND: ClassVar[str] = "life_story_item"

    title: str = ""
    dated: date | None = None
    notes: str = ""
    include_in_bundle: bool = False

    def validate(self) -> None:
        _require(self.title, "title", "a few words about it")

    def when(self) -> date | None:
        return self.dated

    def summary(self) -> str:
        return self.title

    def search_text(self) -> str:
        return "\n".join([self.title, self.notes])
