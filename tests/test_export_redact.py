"""Redaction to initials happens in the text itself, before anything is typeset."""

from __future__ import annotations

from familyrecord.export.redact import Redactor, initials


def test_full_name_parts_and_forms() -> None:
    redact = Redactor(["Sarah Ahmed", "  jo  bennett "])
    assert initials("Sarah Ahmed") == "S.A."
    assert redact("Sarah Ahmed rang.") == "S.A. rang."
    assert redact("SARAH\nAHMED wrote") == "S.A. wrote"  # any case, split over a line
    # A first name alone becomes its person's initials (never a lone, ambiguous letter); a
    # surname alone its initial, as letters write it.
    assert redact("Sarah's letter; Ms Ahmed agreed") == "S.A.'s letter; Ms A. agreed"
    assert redact("Jo Bennett came") == "J.B. came"
    # A part on its own is redacted too; a longer word that merely contains a name is not.
    assert redact("Jo said; Sarahs; Ahmedabad") == "J.B. said; Sarahs; Ahmedabad"
    assert "Bennett" not in redact("Mr Bennett")


def test_no_names_changes_nothing() -> None:
    redact = Redactor([])
    assert not redact.active
    assert redact("Sarah Ahmed") == "Sarah Ahmed"


def test_a_surname_alone_is_its_initial() -> None:
    redact = Redactor(["Linda Carter", "Leo Carter"])
    assert redact("The Carter family; Leo and Linda") == "The C. family; Le.C. and Li.C."
