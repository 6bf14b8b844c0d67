"""Turn records into canonical JSON and back.

Canonical JSON (sorted keys, no spaces, UTF-8) is what the journal hashes, so one record
always gives the same bytes. Conversion follows each dataclass's type hints; an unknown key
in stored data is ignored (a newer field dropped by an older build stays harmless) and a
missing key takes the field's default.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")

_SKIPPED_FIELDS = frozenset({"created_at", "updated_at"})


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def to_plain(value: object) -> Any:
    """A JSON-ready copy of a record (or any value inside one)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SKIPPED_FIELDS
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


def record_json(record: object) -> str:
    return canonical_json(to_plain(record))


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """Build a dataclass of type `cls` from `to_plain` output."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data and f.init:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None:
            return None
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], raw)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in raw]
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_plain(hint, raw)
        if issubclass(hint, Enum):
            return hint(raw)
        if hint is datetime:
            return datetime.fromisoformat(raw)
        if hint is date:
            return date.fromisoformat(raw)
        if hint is time:
            return time.fromisoformat(raw)
    return raw
