"""E-mails (.eml and Outlook .msg): headers, body as text, attachments split out, typed errors."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.errors import UserError
from familyrecord.importers import email_message, html_text
from familyrecord.importers.email_message import Address
from familyrecord.importers.errors import UnreadableFile
from tests import intake_fixtures as fx

PDF = fx.text_pdf(["Agenda: 1. Introductions 2. The plan"])
PHOTO = fx.jpeg(fx.scan(fx.SCHOOL, dpi=40))


def test_html_only_email_with_two_attachments() -> None:
    parsed = email_message.parse_eml(fx.eml_with_attachments(PDF, PHOTO))
    assert parsed.sender == Address("Jane Smith", "jane.smith@westshire.gov.uk")
    assert parsed.to == (Address("Sarah Taylor", "sarah@example.org"),)
    assert parsed.cc == (Address("Zoë Hughes", "zoe@example.org"), Address("", "team@westshire.gov.uk"))
    assert parsed.subject == "Re: Core group meeting on 3 February"
    assert parsed.sent_at == datetime(2025, 1, 6, 23, 30, tzinfo=timezone(timedelta(hours=-8)))
    assert parsed.local_date == parsed.sent_at.astimezone().date()
    assert parsed.message_id == "<reply-2@westshire.gov.uk>"
    assert parsed.in_reply_to == "<first-1@example.org>"
    assert parsed.references == ("<first-1@example.org>", "<reply-2@westshire.gov.uk-old>")
    assert parsed.thread_ids[0] == "<first-1@example.org>"
    assert parsed.body_was_html
    assert parsed.body == (
        "Dear Sarah,\n\nThe core group meeting for Leo and Mia is on 3 February 2025 at 10:00.\n"
        "Please reply by 27 January.\n\n- Agenda attached\n- Photo of the plan\n\nSee the plan.\n\n"
        "Kind regards,\nJane Smith\nSocial Worker")
    assert [(a.file_name, a.media_type, a.data) for a in parsed.attachments] == [
        ("Agenda.pdf", "application/pdf", PDF), ("Plan photo.jpg", "image/jpeg", PHOTO)]


def test_zero_byte_attachment_is_kept_and_flagged() -> None:
    parsed = email_message.parse_eml(fx.eml_with_attachments(PDF, PHOTO, empty_attachment=True))
    assert [a.empty for a in parsed.attachments] == [False, False, True]
    assert parsed.attachments[2].file_name == "empty.doc"


def test_latin1_body_encoded_names_attached_message_and_inline_picture() -> None:
    parsed = email_message.parse_eml(fx.latin1_eml())
    assert parsed.sender == Address("Zoë Hughes", "zoe@example.org")
    assert parsed.subject == "Café meeting"
    assert parsed.body == "Café meeting moved to Tuesday. Zoë will bring the report."
    names = [(a.file_name, a.media_type, a.inline) for a in parsed.attachments]
    assert names == [("Résumé.txt", "text/plain", False), ("Attendance.eml", "message/rfc822", False),
                     ("attachment-3.png", "image/png", True)]
    inner = email_message.parse_eml(parsed.attachments[1].data)
    assert inner.subject == "Attendance" and inner.body == "Leo was in school every day."
    assert inner.sent_at == datetime(2025, 1, 7, 9, 0, tzinfo=UTC)


def test_outlook_msg_plain_body_and_attachment() -> None:
    parsed = email_message.parse_email("Review.msg", fx.outlook_msg(attachment=("Minutes.pdf", PDF)))
    assert parsed.sender == Address("Priya Patel", "priya.patel@northam.gov.uk")
    assert parsed.to == (Address("David Okafor", "david@example.org"),)
    assert parsed.subject == "Child in need review for Amara"
    assert parsed.sent_at == datetime(2025, 2, 14, 9, 0, tzinfo=UTC)
    assert parsed.message_id == "<cin-review-7@northam.gov.uk>"
    assert parsed.in_reply_to == "<question-3@example.org>"
    assert not parsed.body_was_html
    assert parsed.body.startswith("Dear Mr Okafor,\n\nThe next child in need review for Amara")
    assert parsed.body.endswith("Kind regards,\nPriya Patel\nSenior Practitioner")
    assert [(a.file_name, a.media_type, a.data) for a in parsed.attachments] == [
        ("Minutes.pdf", "application/pdf", PDF)]


def test_outlook_msg_with_html_body_only() -> None:
    parsed = email_message.parse_email("Review.msg", fx.outlook_msg(html_only=True))
    assert parsed.body_was_html
    assert "Please respond by 28 February 2025." in parsed.body
    assert "<br>" not in parsed.body and parsed.attachments == ()


def test_truncated_msg_gives_a_typed_error() -> None:
    data = fx.outlook_msg(attachment=("Minutes.pdf", PDF))
    for cut in (100, 1024, len(data) // 2, len(data) - 1000):
        with pytest.raises(UnreadableFile) as caught:
            email_message.parse_msg(data[:cut])
        assert "could not be read" in caught.value.user_message


@pytest.mark.parametrize("data", [b"", b"just some words\nwith no headers at all", b"\x00\xff" * 50])
def test_files_that_are_not_emails_give_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        email_message.parse_email("letter.eml", data)
    with pytest.raises(UnreadableFile):
        email_message.parse_email("letter.msg", data)


def test_attachment_names_cannot_climb_out_of_a_folder() -> None:
    from familyrecord.importers.email_parts import safe_file_name

    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\Users\\x\\report.pdf") == "report.pdf"
    assert safe_file_name("a\x00b?.txt") == "a_b_.txt"
    long_name = safe_file_name("x" * 500 + ".pdf")
    assert len(long_name) == 150 and long_name.endswith(".pdf")


def test_html_to_text_keeps_structure_and_drops_code() -> None:
    text = html_text.html_to_text(
        "<style>p{}</style><script>var secret=1</script><h1>Plan</h1><p>One<br>Two</p>"
        "<ol><li>First</li><li>Second</li></ol><table><tr><td>Date</td><td>Event</td></tr></table>"
        "<p>A <a href='http://x'>link</a> &amp; more&nbsp;words</p>")
    assert text == "Plan\n\nOne\nTwo\n\n1. First\n2. Second\n\nDate\tEvent\n\nA link & more words"


_EML_SEED = fx.eml_with_attachments(PDF[:200], PHOTO[:200], empty_attachment=True) + fx.latin1_eml()
_MSG_SEED = fx.outlook_msg(html_only=True, attachment=("a.txt", b"hello"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=10),
       cut=st.integers(1, 100_000))
def test_fuzz_damaged_emails_only_raise_user_errors(flips: list[tuple[int, int]], cut: int) -> None:
    for seed in (_EML_SEED, _MSG_SEED):
        data = bytearray(seed[:cut])
        for position, value in flips:
            data[position % len(data)] = value
        with contextlib.suppress(UserError):
            email_message.parse_email("x.msg" if seed is _MSG_SEED else "x.eml", bytes(data))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes_only_raise_user_errors(data: bytes) -> None:
    with contextlib.suppress(UserError):
        email_message.parse_eml(b"From: a@b.c\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n" + data)
    with contextlib.suppress(UserError):
        email_message.parse_msg(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ab p li ul br script style &;#x\"'=\n")), max_size=400))
def test_fuzz_html_never_fails(html: str) -> None:
    assert isinstance(html_text.html_to_text(html), str)
