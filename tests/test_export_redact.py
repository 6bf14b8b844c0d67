"""Redaction to initials happens in the text itself, before anything is typeset."""

from __future__ import annotations

from familyrecord.export.redact import Redactor, initials


def test_full_name_parts_and_forms() -> None:
    redact = Redactor(["Sarah Ahmed", "  jo  bennett "])
    assert initials("Sarah Ahmed") == "S.A."
    assert redact("Sarah Ahmed rang.") == "S.A. rang."
    assert redact("SARAH\nAHMED wrote") == "S.A. wrote"  # any case, split over a line
    # A part of a name alone becomes its person's initials (never a lone, ambiguous letter).
    assert redact("Sarah's letter; Ms Ahmed agreed") == "S.A.'s letter; Ms S.A. agreed"
    assert redact("Jo Bennett came") == "J.B. came"
    # A part on its own is redacted too; a longer word that merely contains a name is not.
    assert redact("Jo said; Sarahs; Ahmedabad") == "J.B. said; Sarahs; Ahmedabad"
    assert "Bennett" not in redact("Mr Bennett")


def test_no_names_changes_nothing() -> None:
    redact = Redactor([])
    assert not redact.active
    assert redact("Sarah Ahmed") == "Sarah Ahmed"
