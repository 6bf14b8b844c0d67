"""A plain form for a record type that has no form of its own, built from its dataclass fields.

Text becomes a line (several lines for notes and the like), a yes/no a tick box, an enumeration
a drop-down in plain words, a date a date field. Anything else (lists, numbers, links to other
records) is left out: a type that needs those gets its own form in this package.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime, time
from enum import StrEnum

from familyrecord.records.models import Record
from familyrecord.ui.records.forms.base import RecordForm
from familyrecord.ui.widgets.labels import field_caption

# Fields every record has; the record view looks after them (or nobody edits them).
SHARED_FIELDS = frozenset(field.name for field in dataclasses.fields(Record))
# Text fields that hold more than a line.
LONG_TEXT = frozenset({"notes", "body", "text", "description"})


def _plain_type(hint: object) -> object:
    """`date | None` -> date; a union of two real types is left as it is (and skipped)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        real = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return real[0] if len(real) == 1 else hint
    return hint


def editable_fields(cls: type[Record]) -> list[tuple[str, object]]:
    """(name, type) of each field a generic form can edit, in the order the class declares them."""
    hints = typing.get_type_hints(cls)
    return [(field.name, _plain_type(hints[field.name])) for field in dataclasses.fields(cls)
            if field.name not in SHARED_FIELDS and field.init and not _is_link(field.name)]


def _is_link(field_name: str) -> bool:
    """Ids of other records or files: chosen from lists by a form of its own, never typed."""
    return field_name.endswith(("_id", "_ids"))


def generic_form(cls: type[Record]) -> type[RecordForm]:
    """A RecordForm subclass for `cls`, with one field per plain dataclass field."""

    class GenericForm(RecordForm):
        record_type = cls

        def build(self) -> None:
            self.page(self.tr("Details"))
            for name, kind in editable_fields(cls):
                self.add_field(name, kind)

        def add_field(self, name: str, kind: object) -> None:
            text = field_caption(name)
            if kind is str:
                if name in LONG_TEXT:
                    self.text(name, text)
                else:
                    self.line(name, text)
            elif kind is bool:
                self.check(name, text.rstrip(":"))
            elif isinstance(kind, type) and issubclass(kind, StrEnum):
                self.choice(name, text, list(kind))
            elif kind is datetime:
                self.datetime(name, text)
            elif kind is date:
                self.date(name, text)
            elif kind is time:
                self.time(name, text)

    GenericForm.__name__ = GenericForm.__qualname__ = f"{cls.__name__}Form"
    return GenericForm
