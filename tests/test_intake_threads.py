"""Threads: a reply is linked to what it answers (Message-ID chain, else the same subject), and
logging a sent reply to a letter that needs one marks that letter replied to. Also: direction
from the family's own addresses, edits over suggestions, folders, and a file changed after review."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from familyrecord.records.enums import Direction
from familyrecord.records.models import Correspondence, Person, ValidationError
from familyrecord.services import Services
from familyrecord.services.intake import FileChanged, IntakeItem
from familyrecord.services.intake_items import normalise_subject
from familyrecord.services.intake_threads import BadFieldValue, UnknownField

OWN = ("sarah@example.org",)


def _email(folder: Path, name: str, *, sender: str, to: str, subject: str, sent: str, body: str,
           message_id: str = "", in_reply_to: str = "", references: str = "") -> Path:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"], message["Date"] = sender, to, subject, sent
    ids = (("Message-ID", message_id), ("In-Reply-To", in_reply_to), ("References", references))
    for header, value in ids:
        if value:
            message[header] = value
    message.set_content(body)
    path = folder / name
    path.write_bytes(message.as_bytes())
    return path


def _one(services: Services, path: Path) -> IntakeItem:
    (item,) = services.intake.read([path], own_addresses=OWN)
    assert item.ok, item.error
    return item


def _council(folder: Path, name: str = "letter.eml", **extra: str) -> Path:
    values = {"sender": "Jane Smith <jane.smith@westshire.gov.uk>", "to": "Sarah Taylor <sarah@example.org>",
              "subject": "Contact arrangements for Leo", "sent": "Mon, 06 Jan 2025 10:00:00 +0000",
              "body": "Dear Sarah,\n\nPlease reply by 20 January 2025 with the days that suit you."
                      "\n\nJane Smith",
              "message_id": "<letter-1@westshire.gov.uk>"}
    values.update(extra)
    return _email(folder, name, **values)


def _reply(folder: Path, name: str = "reply.eml", **extra: str) -> Path:
    values = {"sender": "Sarah Taylor <sarah@example.org>", "to": "Jane Smith <jane.smith@westshire.gov.uk>",
              "subject": "RE: Contact arrangements for Leo", "sent": "Fri, 10 Jan 2025 18:00:00 +0000",
              "body": "Dear Jane,\n\nTuesdays and Thursdays suit us.\n\nSarah",
              "message_id": "<reply-9@example.org>", "in_reply_to": "<letter-1@westshire.gov.uk>"}
    values.update(extra)
    return _email(folder, name, **values)


def test_sent_reply_is_linked_by_message_id_and_marks_the_letter_replied(services: Services,
                                                                        tmp_path: Path) -> None:
    jane = services.save(Person(name="Jane Smith", email="jane.smith@westshire.gov.uk"))
    letter = services.intake.accept(_one(services, _council(tmp_path)))
    assert letter.direction == Direction.RECEIVED and letter.reply_needed_by == date(2025, 1, 20)
    item = _one(services, _reply(tmp_path, subject="Days for contact"))  # subject changed: ids link it
    assert item.fields()["direction"] == Direction.SENT
    assert item.fields()["person_id"] == jane.id  # the person it went to
    answers = item.suggestion("replies_to_id")
    assert answers is not None and answers.value == letter.id
    assert answers.words == "In-Reply-To: <letter-1@westshire.gov.uk>"
    reply = services.intake.accept(item)
    assert reply.replies_to_id == letter.id
    assert services.repo(Correspondence).get(letter.id).replied_on == date(2025, 1, 10)


def test_same_subject_links_a_reply_without_headers(services: Services, tmp_path: Path) -> None:
    letter = services.intake.accept(_one(services, _council(tmp_path, message_id="")))
    reply = services.intake.accept(_one(services, _reply(tmp_path, message_id="", in_reply_to="")))
    assert reply.replies_to_id == letter.id
    assert services.repo(Correspondence).get(letter.id).replied_on == date(2025, 1, 10)


def test_a_reply_logged_before_its_letter_is_linked_when_the_letter_arrives(services: Services,
                                                                           tmp_path: Path) -> None:
    reply = services.intake.accept(_one(services, _reply(tmp_path, subject="Days")))
    assert reply.replies_to_id == ""
    letter = services.intake.accept(_one(services, _council(tmp_path, subject="Contact")))
    assert services.repo(Correspondence).get(reply.id).replies_to_id == letter.id
    assert letter.replied_on == date(2025, 1, 10)


def test_unrelated_subjects_and_a_later_letter_are_not_linked(services: Services, tmp_path: Path) -> None:
    services.intake.accept(_one(services, _council(tmp_path, message_id="",
                                                   sent="Mon, 20 Jan 2025 10:00:00 +0000")))
    earlier = _one(services, _reply(tmp_path, message_id="", in_reply_to=""))  # sent before the letter
    assert earlier.suggestion("replies_to_id") is None
    other = _one(services, _reply(tmp_path, "other.eml", subject="School holidays", message_id="",
                                  in_reply_to="", sent="Wed, 22 Jan 2025 10:00:00 +0000"))
    assert services.intake.accept(other).replies_to_id == ""


def test_the_familys_edits_win_over_suggestions(services: Services, tmp_path: Path) -> None:
    item = _one(services, _council(tmp_path))
    saved = services.intake.accept(item, {"subject": "Contact for Leo", "dated": "07/01/2025",
                                          "reply_needed_by": None, "direction": "received"})
    assert (saved.subject, saved.dated, saved.reply_needed_by) == ("Contact for Leo", date(2025, 1, 7), None)
    with pytest.raises(UnknownField):
        services.intake.accept(item, {"colour": "red"})
    with pytest.raises(BadFieldValue):
        services.intake.accept(item, {"dated": "not a date"})


def test_nothing_is_saved_when_the_entry_is_incomplete(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Just a few words with no date.", encoding="utf-8")
    item = _one(services, path)
    assert "dated" not in item.fields()
    with pytest.raises(ValidationError):
        services.intake.accept(item)
    assert services.list_records(Correspondence) == [] and services.all_attachments() == []
    saved = services.intake.accept(item, {"dated": date(2025, 1, 6)})
    assert saved.subject == "note"  # from the file's name, shown as such
    assert item.suggestion("subject") is not None and item.suggestion("subject").where == "the file's name"  # type: ignore[union-attr]


def test_a_file_changed_after_review_is_not_saved(services: Services, tmp_path: Path) -> None:
    path = _council(tmp_path)
    item = _one(services, path)
    path.write_bytes(path.read_bytes().replace(b"20 January", b"21 January"))
    with pytest.raises(FileChanged):
        services.intake.accept(item)
    assert services.list_records(Correspondence) == []


def test_folders_add_the_letters_in_them_but_not_hidden_or_other_files(services: Services,
                                                                      tmp_path: Path) -> None:
    folder = tmp_path / "post"
    (folder / "sub").mkdir(parents=True)
    _council(folder / "sub", "a.eml")
    (folder / "b.txt").write_text("6 January 2025\n\nRe: Visits\n\nLeo visits on Fridays.", encoding="utf-8")
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    (folder / "music.mp3").write_bytes(b"ID3")
    items = services.intake.read([folder])
    assert [i.file_name for i in items] == ["b.txt", "a.eml"]


def test_subjects_are_compared_without_reply_prefixes() -> None:
    assert normalise_subject("RE: Fwd: [EXTERNAL] Re:  Contact  Review") == "contact review"
    assert normalise_subject("Re[2]: AW: contact review") == "contact review"


def test_a_file_or_email_already_in_the_record_is_flagged(services: Services, tmp_path: Path) -> None:
    path = _council(tmp_path)
    saved = services.intake.accept(_one(services, path))
    again = _one(services, path)
    assert again.already_in == (saved.id,) and "already in the record" in again.warnings[0]
    same_message = _one(services, _council(tmp_path, "copy.eml", body="The same e-mail, saved again."))
    assert same_message.already_in == (saved.id,)
    assert _one(services, _council(tmp_path, "other.eml", message_id="<other@x>")).already_in == ()
