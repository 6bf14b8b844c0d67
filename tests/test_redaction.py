"""Redaction that protects: nobody chosen can be found anywhere in the bundle's file (its text,
its decoded objects, bookmarks or document information), and no two people share a name."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from familyrecord.export.options import ExportOptions, Hide
from familyrecord.export.redact import Redactor, initials_plan, unique_initials
from familyrecord.records.enums import Role
from familyrecord.records.models import Child, ContactSession, Correspondence, Person
from familyrecord.services import Services

SECRET_PLACES = ("Northfield", "Anne's", "Elm Road", "NF1 2AB")
NICKNAMES = {"Nan": "Linda Carter", "Mimi": "Mia Carter"}


@pytest.fixture
def identifying(demo_services: Services) -> Services:
    """The demo family with the details a jigsaw is made of: a school, a home address, an
    e-mail address, a phone number, a date of birth written out, and nicknames."""
    mia = next(c for c in demo_services.children() if c.name == "Mia Carter")
    mia.school = "St Anne's Primary, Northfield"
    demo_services.save(mia)
    nan = next(p for p in demo_services.list_records(Person) if p.name == "Linda Carter")
    nan.address = "12 Elm Road\nNorthfield\nNF1 2AB"
    demo_services.save(nan)
    demo_services.save(Correspondence(
        subject="Health visitor letter about Mimi", dated=date(2024, 5, 2),
        from_name="Priya Shah", to_name="Me", child_ids=[mia.id],
        body="Mimi (born 14th March 2019, 14/03/2019) was seen at home, 12 Elm Road, NF1 2AB. "
             "Call 01632 960 101 or write to priya.shah@northfield.example. Nan was there."))
    session = next(s for s in demo_services.list_records(ContactSession) if s.child_wellbeing)
    assert "Nan" in session.child_wellbeing
    return demo_services


def _everything(path: Path) -> dict[str, str]:
    """Every way a name could survive in the file, by where it was found."""
    reader = PdfReader(path)
    found = {"pypdf text": " ".join(p.extract_text() or "" for p in reader.pages),
             "metadata": str(dict(reader.metadata or {}))}
    titles = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    found["outline"] = " ".join(titles)
    decoded = []
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    for number in sorted(numbers):
        obj = reader.get_object(IndirectObject(number, 0, reader))
        if isinstance(obj, StreamObject):
            decoded.append(obj.get_data().decode("latin-1"))
        if isinstance(obj, DictionaryObject | ArrayObject):
            decoded.append(str(obj))
    found["decoded objects"] = " ".join(decoded)
    tool = shutil.which("pdftotext")
    if tool is not None:
        found["pdftotext"] = subprocess.run([tool, str(path), "-"], capture_output=True, check=True,
                                            timeout=60).stdout.decode()
    return found


def _absent(word: str, where: dict[str, str], *, case: bool = False) -> None:
    pattern = re.compile(rf"(?<![\w]){re.escape(word)}(?![\w])", 0 if case else re.IGNORECASE)
    for place, text in where.items():
        assert not pattern.search(text), f"{word!r} found in the {place}"


def test_pseudonyms_hide_names_dates_places_schools_and_nicknames(identifying: Services,
                                                                   tmp_path: Path) -> None:
    options = ExportOptions(pseudonyms=True, hide=list(Hide), nicknames=dict(NICKNAMES),
                            court="Northfield Family Court", case_number="NF24C001")
    result = identifying.exports.bundle(options, tmp_path / "bundle.pdf")
    found = _everything(result.path)
    assert "pdftotext" in found or shutil.which("pdftotext") is None
    people = [p.name for p in identifying.list_records(Person)] + [c.name for c in identifying.children()]
    for name in people:
        for part in {name, *name.split()}:
            # Everyday words among name parts ("Price", "Mark") may stay in lower case.
            _absent(part, found, case=part.lower() in ("mark", "price", "grace"))
    for word in (*SECRET_PLACES, "14/03/2019", "14th March 2019", "02/08/2022", "01632",
                 "priya.shah", "Elm"):
        _absent(word, found)
    for nickname in NICKNAMES:
        _absent(nickname, found, case=True)
    text = found["pypdf text"]
    assert "Child 1" in text and "Child 2" in text and "Social worker 1" in text
    assert "Grandmother" in text and "Age " in text and "[place]" in text
    # The key is a separate file: it has the real names, the bundle does not name it.
    assert result.redaction_key is not None and result.redaction_key.exists()
    key = " ".join(p.extract_text() for p in PdfReader(result.redaction_key).pages)
    assert "Linda Carter" in " ".join(key.split()) and result.export_id in key
    assert result.redaction_key.name not in text


def test_initials_never_collide_and_parts_say_whose(identifying: Services, tmp_path: Path) -> None:
    result = identifying.exports.bundle(
        ExportOptions(redact_names=["Leo Carter", "Linda Carter", "Mia Carter"]),
        tmp_path / "b.pdf")
    found = _everything(result.path)
    for word in ("Leo", "Linda", "Mia", "Carter"):
        _absent(word, found)
    text = " ".join(found["pypdf text"].split())
    assert "Le.C." in text and "Li.C." in text and "M.C." in text


def test_pseudonyms_by_role_age_and_relationship(identifying: Services) -> None:
    plan = identifying.exports.redaction_preview(ExportOptions(pseudonyms=True))
    shown = {r.original: r.shown for r in plan.replacements if r.what == "name"}
    assert shown["Mia Carter"] == "Child 1" and shown["Leo Carter"] == "Child 2"  # eldest first
    assert shown["Sarah Ahmed"] == "Social worker 1" and shown["Tom Price"] == "Social worker 2"
    assert shown["Linda Carter"] == "Grandmother"  # her record says she is the grandmother
    assert len(set(shown.values())) == len(shown)
    # Every replacement is listed for the preview, the family's surname included.
    rows = plan.preview()
    assert ("Part of a name", "Carter", "[surname]") in rows


def test_two_people_never_share_a_pseudonym(services: Services) -> None:
    for n in range(3):
        services.save(Person(name=f"Alex Worker{n}", role=Role.SOCIAL_WORKER))
        services.save(Person(name=f"Sam Carer{n}", role=Role.KINSHIP_CARER,
                             notes="The children's aunt."))
        services.save(Child(name=f"Kid Number{n}", date_of_birth=date(2015 + n, 1, 1)))
    plan = services.exports.redaction_preview(ExportOptions(pseudonyms=True))
    names = [r for r in plan.replacements if r.what == "name"]
    assert len({r.shown for r in names}) == len(names) == 9
    assert {r.shown for r in names if r.original.startswith("Sam")} == {"Aunt 1", "Aunt 2", "Aunt 3"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Leo", "Linda", "Lee", "Li", "Lia", "Lionel", "Mo"]),
                          st.sampled_from(["Carter", "Chen", "Cole", "Smith"])),
                min_size=1, max_size=12))
def test_unique_initials_property(pairs: list[tuple[str, str]]) -> None:
    names = [f"{first} {last}" for first, last in pairs]
    shown = unique_initials(names)
    assert len(set(shown.values())) == len(shown) == len(set(names))
    redact = Redactor(names)
    for name in set(names):
        out = redact(f"Today {name} said hello.")
        assert name.split()[0] not in out.split() and name not in out
    assert all(r.shown for r in initials_plan(names))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_redactor_never_crashes_and_removes_the_name(text: str) -> None:
    redact = Redactor(["Sarah Ahmed"])
    out = redact(f"{text} Sarah Ahmed {text}")
    assert "Sarah Ahmed" not in out or "Sarah Ahmed" in text
