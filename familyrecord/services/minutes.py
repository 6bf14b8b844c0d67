"""The minutes verbs (reached as `services.minutes`): read the official minutes, compare them with
the meeting's recording and the family's notes, keep the family's verdicts as they go, and turn the
points they dispute into disputed points on the meeting and a letter asking for corrections.

A meeting has one review of its minutes. Every verb that changes it is one save. Times are
seconds on the meeting's timeline: with one recording that is the time in the file; several
recordings follow one another (see `moment` for the file and the time in it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from familyrecord.errors import Cancelled, InputError
from familyrecord.export.correction_letter import (
    TITLE,
    CorrectionLetter,
    LetterPoint,
    SaidSource,
    letter_docx,
    letter_pdf,
    letter_text,
    recording_time,
)
from familyrecord.importers import extract
from familyrecord.progress import CancelCheck, Progress
from familyrecord.records.enums import Channel, Direction, LetterPurpose, Role, Verdict
from familyrecord.records.minutes_review import MinutesReview, OmissionReview, StatementReview
from familyrecord.records.models import Correspondence, DisputedPoint, Meeting, Person
from familyrecord.storage.blobs import AttachmentStore
from familyrecord.storage.errors import RecordNotFound
from familyrecord.storage.readings import ReadingStore
from familyrecord.storage.record_store import RecordStore
from familyrecord.storage.transcripts import TranscriptStore
from familyrecord.timescales.workdays import add_working_days
from familyrecord.views import people
from familyrecord.views.minutes import (
    LIKELY_MATCH,
    Candidate,
    Comparison,
    Omission,
    Passage,
    SpokenLine,
    StatementMatch,
    compare,
    split_minutes,
)

log = logging.getLogger(__name__)

REPLY_WORKING_DAYS = 10
DISPUTED = (Verdict.INACCURATE, Verdict.INCOMPLETE)  # the verdicts that become disputed points
# Who the letter goes to, most fitting first: whoever chaired, else the social worker.
ADDRESSEE_ROLES = (Role.CONFERENCE_CHAIR, Role.IRO, Role.SOCIAL_WORKER)
_GAP_BETWEEN_RECORDINGS = 1.0
# Differences worth turning into a suggested "please change X to Y" (names and negations are
# too often a speech recogniser's mishearing or a matter of wording to suggest on their own).
_SUGGESTED_KINDS = ("number", "date", "time", "frequency", "role")


class MinutesNotRead(InputError):
    user_message = ("No words could be read from these minutes. Try pasting the text of the "
                    "minutes instead.")


class NoMinutes(InputError):
    user_message = "Add the minutes first: choose the file, or paste their text."


class NothingToCorrect(InputError):
    user_message = ("There is nothing to ask to be corrected yet. Mark a statement as inaccurate "
                    "or incomplete, or add something that was left out.")


@dataclass(frozen=True)
class RecordingMoment:
    """Where a time on the meeting's timeline is: which recording, how far in, and its label."""

    attachment_id: str | None
    seconds: float
    label: str  # "01:05", or "01:05 in recording 2" when the meeting has several


@dataclass(frozen=True)
class Addressee:
    name: str = ""
    person_id: str = ""
    organisation: str = ""
    address: str = ""


@dataclass(frozen=True)
class _Recording:
    attachment_id: str | None
    offset: float
    end: float


class MinutesService:
    def __init__(self, records: RecordStore, attachments: AttachmentStore, transcripts: TranscriptStore,
                 readings: ReadingStore) -> None:
        self._records = records
        self._attachments = attachments
        self._transcripts = transcripts
        self._readings = readings
        self._cache: dict[str, tuple[tuple[object, ...], Comparison]] = {}

    # ---- reading the minutes -------------------------------------------------------------------

    @staticmethod
    def minutes_text_from_bytes(file_name: str, data: bytes, *, progress: Progress | None = None,
                                cancelled: CancelCheck | None = None) -> str:
        """The text of minutes held in memory: .txt, .pdf, .docx, .odt, an e-mail or a photo
        (pictures and scanned pages are read by OCR, which takes a few seconds a page)."""
        return extract.extract(file_name, data, use_ocr=True, progress=progress, cancelled=cancelled).text

    def minutes_text_from_attachment(self, attachment_id: str, *, progress: Progress | None = None,
                                     cancelled: CancelCheck | None = None) -> str:
        """The text of minutes kept in the record: the file's own text and, for pictures and
        scanned pages, the reading the intake kept (with the family's corrections). Pages no one
        has read yet are read now, by OCR; the progress counts those pages."""
        attachment = self._attachments.get(attachment_id)
        data = self._attachments.read_all(attachment_id)
        extracted = extract.extract(attachment.file_name, data, use_ocr=False)
        kept = {reading.page: reading.text for reading in self._readings.for_attachment(attachment_id)}
        unread = [page.index for page in extracted.pages if page.needs_ocr and page.index not in kept]
        texts: list[str] = []
        for page in extracted.pages or ():
            if not page.needs_ocr:
                texts.append(page.text)
            elif page.index in kept:
                texts.append(kept[page.index])
            else:
                if cancelled is not None and cancelled():
                    raise Cancelled("reading the minutes was stopped")
                texts.append(extract.read_page(attachment.file_name, data, page.index).text)
                if progress is not None:
                    progress(unread.index(page.index) + 1, len(unread))
        if not extracted.pages:
            return extracted.text
        return "\n\n".join(text.strip() for text in texts if text.strip())

    # ---- the review ------------------------------------------------------------------------------

    def review_for(self, meeting_id: str) -> MinutesReview | None:
        """The meeting's review of its minutes, if one has been started."""
        return next((r for r in self._records.repo(MinutesReview).list(newest_first=True)
                     if r.meeting_id == meeting_id), None)

    def review(self, review_id: str) -> MinutesReview:
        return self._records.repo(MinutesReview).get(review_id)

    def start(self, meeting_id: str, *, attachment_id: str | None = None, text: str | None = None,
              progress: Progress | None = None, cancelled: CancelCheck | None = None) -> MinutesReview:
        """The meeting's review: the one already started, or a new one from the minutes given as
        pasted `text`, an attachment, or (neither given) the meeting's minutes attachment.

        Given new minutes (a corrected version, say), the review is rebuilt from them; statements
        worded exactly as before keep the family's verdicts and accounts."""
        meeting = self._meeting(meeting_id)
        existing = self.review_for(meeting_id)
        if text is None and attachment_id is None:
            if existing is not None:
                return existing
            attachment_id = meeting.minutes_attachment_id or None
            if attachment_id is None:
                raise NoMinutes("no minutes given and none attached to the meeting")
        if text is None:
            assert attachment_id is not None
            text = self.minutes_text_from_attachment(attachment_id, progress=progress, cancelled=cancelled)
        if not text.strip():
            raise MinutesNotRead("the minutes have no text")
        attachment_id = attachment_id or ""
        if existing is not None and existing.minutes_text == text \
                and attachment_id in ("", existing.minutes_attachment_id):
            return existing
        statements = [StatementReview(index=s.index, item=s.item, minutes_text=s.text)
                      for s in split_minutes(text).statements]
        if existing is not None:
            statements = _carry_over(existing.statements, statements)
            review = dataclasses.replace(
                existing, minutes_text=text, statements=statements,
                minutes_attachment_id=attachment_id or existing.minutes_attachment_id)
        else:
            review = MinutesReview(meeting_id=meeting_id, minutes_attachment_id=attachment_id,
                                   minutes_text=text, statements=statements,
                                   child_ids=list(meeting.child_ids))
        with self._records.together():
            saved = self._records.save(review)
            if attachment_id and not meeting.minutes_attachment_id:
                self._records.save(dataclasses.replace(meeting, minutes_attachment_id=attachment_id))
        return saved

    # ---- the comparison --------------------------------------------------------------------------

    def spoken_lines(self, meeting_id: str) -> list[SpokenLine]:
        """The meeting's transcripts as one timeline of lines (a line's id is its segment's id)."""
        return self._timeline(meeting_id)[0]

    def compare_text(self, meeting_id: str, minutes_text: str) -> Comparison:
        """Minutes (not kept) against the meeting's recording and notes: what the CLI prints."""
        meeting = self._meeting(meeting_id)
        return compare(minutes_text, self.spoken_lines(meeting_id), meeting.own_notes)

    def comparison(self, review: MinutesReview) -> Comparison:
        """The review's minutes against the recording and notes, worked out again only when the
        minutes, the transcript or the notes have changed since the last time."""
        meeting = self._meeting(review.meeting_id)
        lines = self.spoken_lines(review.meeting_id)
        key: tuple[object, ...] = (review.minutes_text, meeting.own_notes, tuple(lines))
        cached = self._cache.get(review.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        result = compare(review.minutes_text, lines, meeting.own_notes)
        self._cache[review.id] = (key, result)
        return result

    def match_for(self, review: MinutesReview, index: int) -> StatementMatch:
        """One statement of the review with its candidates and the differences flagged."""
        for match in self.comparison(review).statements:
            if match.statement.index == index:
                return match
        raise InputError(f"no statement {index}", user_message="That statement is not in these minutes.")

    def moment(self, meeting_id: str, seconds: float) -> RecordingMoment:
        """The recording to play, and how far into it, for a time on the meeting's timeline."""
        recordings = self._timeline(meeting_id)[1]
        for number, recording in enumerate(recordings, start=1):
            if seconds < recording.end + _GAP_BETWEEN_RECORDINGS or number == len(recordings):
                into = max(0.0, seconds - recording.offset)
                label = recording_time(into) + (f" in recording {number}" if len(recordings) > 1 else "")
                return RecordingMoment(recording.attachment_id, into, label)
        return RecordingMoment(None, seconds, recording_time(seconds))

    def _timeline(self, meeting_id: str) -> tuple[list[SpokenLine], list[_Recording]]:
        # The newest transcript of each recording; recordings in the order first transcribed.
        newest = {t.attachment_id: t for t in self._transcripts.for_meeting(meeting_id)}
        lines: list[SpokenLine] = []
        recordings: list[_Recording] = []
        offset = 0.0
        for attachment_id, transcript in newest.items():
            segments = [s for s in self._transcripts.segments(transcript.id) if s.text.strip()]
            if not segments:
                continue
            lines += [SpokenLine(s.id, offset + s.start, offset + s.end, s.text, s.speaker) for s in segments]
            end = offset + max(s.end for s in segments)
            recordings.append(_Recording(attachment_id, offset, end))
            offset = end + _GAP_BETWEEN_RECORDINGS
        return lines, recordings

    # ---- marking as they go ----------------------------------------------------------------------

    def mark(self, review_id: str, index: int, verdict: Verdict, account: str | None = None,
             chosen: Candidate | Passage | None = None, correction: str | None = None) -> MinutesReview:
        """Record the family's verdict on statement `index` (one save). `account` and `correction`
        replace what was written when given (None leaves it); `chosen` is the passage the family
        says is what was said. Marking a statement inaccurate or incomplete without choosing takes
        the best passage, when it is a likely match and none was chosen before."""
        review = self.review(review_id)
        position = _position(review, index)
        statement = review.statements[position]
        changes: dict[str, object] = {"verdict": verdict}
        if account is not None:
            changes["account"] = account.strip()
        if correction is not None:
            changes["correction_asked"] = correction.strip()
        passage = chosen.passage if isinstance(chosen, Candidate) else chosen
        if passage is None and verdict in DISPUTED and not statement.recording_text:
            passage = self.best_passage(review, index)
        if passage is not None:
            changes.update(recording_text=passage.text, recording_start=passage.start,
                           recording_end=passage.end)
        statements = list(review.statements)
        statements[position] = dataclasses.replace(statement, **changes)  # type: ignore[arg-type]
        return self._records.save(dataclasses.replace(review, statements=statements))

    def best_passage(self, review: MinutesReview, index: int) -> Passage | None:
        """What was said about statement `index`: its best passage when that is a likely match,
        cut down to the lines where the flagged details are (with the question a line answers)."""
        match = self.match_for(review, index)
        if not match.candidates or match.candidates[0].score < LIKELY_MATCH:
            return None
        passage = match.candidates[0].passage
        spans = [span for d in match.differences for span in d.recording_spans]
        if passage.source != "recording" or passage.first == passage.last or not spans:
            return passage
        lines = self.spoken_lines(review.meeting_id)[passage.first:passage.last + 1]
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line.text.strip()) + 1)
        kept = [n for n, (line, at) in enumerate(zip(lines, starts, strict=True))
                if any(s.start < at + len(line.text.strip()) and at < s.end for s in spans)]
        if not kept:
            return passage
        first, last = kept[0], kept[-1]
        if first > 0 and lines[first - 1].text.rstrip().endswith("?"):
            first -= 1
        chosen = lines[first:last + 1]
        return dataclasses.replace(
            passage, first=passage.first + first, last=passage.first + last, start=chosen[0].start,
            end=chosen[-1].end, text=" ".join(line.text.strip() for line in chosen),
            speakers=tuple(dict.fromkeys(line.speaker for line in chosen if line.speaker)),
            line_ids=tuple(line.id for line in chosen))

    def add_omission(self, review_id: str, said: Omission | Passage | str,
                     account: str = "") -> MinutesReview:
        """Add something said (a passage, a listed omission, or words typed in) that the minutes
        leave out; the same passage added again only updates its account (one save)."""
        review = self.review(review_id)
        passage = said.passage if isinstance(said, Omission) else said
        item = OmissionReview(recording_text=passage.strip(), account=account.strip()) \
            if isinstance(passage, str) else \
            OmissionReview(recording_text=passage.text, recording_start=passage.start,
                           recording_end=passage.end, account=account.strip())
        if not item.recording_text:
            raise InputError("empty omission", user_message="Please say what was left out.")
        omissions = list(review.omissions)
        same = next((n for n, o in enumerate(omissions) if (o.recording_text, o.recording_start)
                     == (item.recording_text, item.recording_start)), None)
        if same is None:
            omissions.append(item)
        else:
            omissions[same] = dataclasses.replace(omissions[same], account=item.account)
        return self._records.save(dataclasses.replace(review, omissions=omissions))

    def remove_omission(self, review_id: str, position: int) -> MinutesReview:
        review = self.review(review_id)
        omissions = [o for n, o in enumerate(review.omissions) if n != position]
        return self._records.save(dataclasses.replace(review, omissions=omissions))

    def suggested_correction(self, review: MinutesReview, index: int) -> str:
        """A correction to offer when the family has not written one: "change X to Y" from the
        differences flagged against the passage they chose (or the best one)."""
        statement = review.statements[_position(review, index)]
        match = self.match_for(review, index)
        chosen = statement.recording_text
        if match.candidates and chosen and chosen not in match.candidates[0].passage.text:
            return ""  # the flags were worked out against another passage
        swaps = [f"“{d.minutes}” to “{d.recording}”" for d in match.differences
                 if d.kind in _SUGGESTED_KINDS and d.recording_spans]
        return f"Please change {' and '.join(dict.fromkeys(swaps))}." if swaps else ""

    # ---- the outcome: disputed points and the letter ---------------------------------------------

    def addressee(self, meeting: Meeting) -> Addressee:
        """Who the letter goes to: the meeting's chair, else its social worker (from the attendees,
        or the person behind an attendee), else the social worker allocated now."""
        known = people.people_by_id(self._records)
        for role in ADDRESSEE_ROLES:
            for attendee in meeting.attendees:
                person = known.get(attendee.person_id)
                if attendee.role is role or (person is not None and person.role is role):
                    return _addressee(person) if person else Addressee(name=attendee.name)
        current = [p for p in people.allocation_history(self._records)
                   if not p.archived and p.allocated_to is None]
        return _addressee(current[-1]) if current else Addressee()

    def points(self, review: MinutesReview, today: date) -> list[DisputedPoint]:
        """The disputed points the review gives, as `outcome` will put them on the meeting."""
        points: list[DisputedPoint] = []
        for statement in review.statements:
            if statement.verdict not in DISPUTED:
                continue
            where = f"Minutes item {statement.item}" if statement.item else "The minutes"
            points.append(DisputedPoint(
                id=_point_id(review.id, f"s:{statement.index}"),
                text=f"{where}: “{statement.minutes_text}”", family_account=statement.account,
                raised_on=today, minutes_wording=statement.minutes_text,
                recording_wording=statement.recording_text, recording_at=statement.recording_start,
                correction_asked=statement.correction_asked or self.suggested_correction(
                    review, statement.index)))
        for omission in review.omissions:
            points.append(DisputedPoint(
                id=_point_id(review.id, f"o:{omission.recording_start}:{omission.recording_text}"),
                text=f"Left out of the minutes: “{omission.recording_text}”",
                family_account=omission.account, raised_on=today,
                recording_wording=omission.recording_text, recording_at=omission.recording_start,
                correction_asked="Please add this to the minutes."))
        return points

    def outcome(self, review_id: str, *, today: date, signed_by: str = "",
                to: Person | None = None) -> tuple[Meeting, Correspondence]:
        """Put the disputed points on the meeting and draft the letter asking for corrections,
        saved as an outgoing letter (reply needed within 10 working days) with its Word and PDF
        copies attached: all of it one change. Running it again updates the points and the draft
        (a letter already answered is kept, and a new one drafted); it never duplicates them."""
        review = self.review(review_id)
        meeting = self._meeting(review.meeting_id)
        wanted = self.points(review, today)
        if not wanted:
            raise NothingToCorrect("no disputed statements or omissions")
        merged = _merge_points(meeting.disputed_points, wanted, _point_prefix(review.id))
        addressee = _addressee(to) if to is not None else self.addressee(meeting)
        reply_by = add_working_days(today, REPLY_WORKING_DAYS)
        letter_data = CorrectionLetter(
            dated=today, meeting_title=meeting.summary(), meeting_on=meeting.when(), reply_by=reply_by,
            points=self._letter_points(review, wanted), to_name=addressee.name,
            to_organisation=addressee.organisation, to_address=addressee.address, from_name=signed_by,
            minutes_received_on=meeting.minutes_received_on)
        body = letter_text(letter_data)
        previous = self._draft_letter(review)
        letter = dataclasses.replace(
            previous or Correspondence(direction=Direction.SENT, channel=Channel.LETTER,
                                       purpose=LetterPurpose.MINUTES_CORRECTION),
            dated=today, to_name=addressee.name, person_id=addressee.person_id,
            subject=letter_data.subject, body=body, reply_needed_by=reply_by,
            child_ids=list(meeting.child_ids))
        with self._records.together():
            saved_meeting = self._records.save(dataclasses.replace(meeting, disputed_points=merged))
            unchanged = previous is not None and previous.body == body and self._letter_files(previous.id)
            saved_letter = self._records.save(letter)
            if not unchanged:
                self._attach_letter_files(saved_letter.id, letter_data)
            if review.letter_id != saved_letter.id:
                self._records.save(dataclasses.replace(review, letter_id=saved_letter.id))
        log.info("minutes review gave %d disputed points", len(wanted))
        return saved_meeting, saved_letter

    def _letter_points(self, review: MinutesReview,
                       points: Sequence[DisputedPoint]) -> tuple[LetterPoint, ...]:
        headings = {s.index: s.heading for s in split_minutes(review.minutes_text).statements}
        statements = {_point_id(review.id, f"s:{s.index}"): s for s in review.statements}
        out: list[LetterPoint] = []
        for point in points:
            statement = statements.get(point.id)
            at = point.recording_at
            source: SaidSource = "" if not point.recording_wording else \
                "recording" if at is not None else "notes"
            out.append(LetterPoint(
                item=statement.item if statement else "",
                heading=headings.get(statement.index, "") if statement else "",
                minutes_say=point.minutes_wording, said=point.recording_wording, said_source=source,
                said_at=self.moment(review.meeting_id, at).label if at is not None else "",
                account=point.family_account, correction=point.correction_asked))
        return tuple(out)

    def _draft_letter(self, review: MinutesReview) -> Correspondence | None:
        """The review's letter while it is still a draft (not answered yet)."""
        if not review.letter_id or not self._records.exists(review.letter_id):
            return None
        letter = self._records.get(review.letter_id)
        if not isinstance(letter, Correspondence) or letter.replied_on is not None:
            return None
        return letter

    def _letter_files(self, letter_id: str) -> list[str]:
        return [a.id for a in self._attachments.list(letter_id) if a.file_name.startswith(TITLE)]

    def _attach_letter_files(self, letter_id: str, letter: CorrectionLetter) -> None:
        for old in self._letter_files(letter_id):
            self._attachments.unlink(letter_id, old)
            if not self._attachments.records_for(old):
                self._attachments.delete(old)
        stem = f"{TITLE} {letter.dated.isoformat()}"
        for suffix, data in ((".docx", letter_docx(letter)), (".pdf", letter_pdf(letter))):
            self._attachments.import_stream(io.BytesIO(data), stem + suffix, link_to=letter_id)

    def _meeting(self, meeting_id: str) -> Meeting:
        if not self._records.exists(meeting_id):
            raise RecordNotFound(f"meeting {meeting_id}")
        meeting = self._records.get(meeting_id)
        if not isinstance(meeting, Meeting):
            raise RecordNotFound(f"meeting {meeting_id}")
        return meeting


def _position(review: MinutesReview, index: int) -> int:
    for position, statement in enumerate(review.statements):
        if statement.index == index:
            return position
    raise InputError(f"no statement {index}", user_message="That statement is not in these minutes.")


def _carry_over(old: Sequence[StatementReview], new: list[StatementReview]) -> list[StatementReview]:
    """New statements worded exactly as old ones keep what the family made of them."""
    unused = list(old)
    out: list[StatementReview] = []
    for statement in new:
        same = next((s for s in unused if s.minutes_text == statement.minutes_text), None)
        if same is not None:
            unused.remove(same)
            statement = dataclasses.replace(same, index=statement.index, item=statement.item)
        out.append(statement)
    return out


def _point_prefix(review_id: str) -> str:
    return hashlib.sha256(review_id.encode()).hexdigest()[:12]


def _point_id(review_id: str, key: str) -> str:
    """A stable id for a point a review gives, so running the outcome again finds it."""
    return _point_prefix(review_id) + hashlib.sha256(f"{review_id}\0{key}".encode()).hexdigest()[:20]


def _merge_points(existing: Sequence[DisputedPoint], wanted: Sequence[DisputedPoint],
                  prefix: str) -> list[DisputedPoint]:
    """The meeting's points with the review's brought up to date: its points keep their place,
    the date raised and any answer; new ones go at the end. A point of the review's that it no
    longer gives goes, unless it has been answered."""
    by_id = {p.id: p for p in wanted}
    merged: list[DisputedPoint] = []
    for point in existing:
        if point.id in by_id:
            new = by_id.pop(point.id)
            merged.append(dataclasses.replace(
                new, raised_on=point.raised_on or new.raised_on, response=point.response,
                resolved=point.resolved, reached_court_bundle=point.reached_court_bundle))
        elif not point.id.startswith(prefix) or point.response or point.resolved:
            merged.append(point)
    return merged + list(by_id.values())


def _addressee(person: Person) -> Addressee:
    return Addressee(name=person.name, person_id=person.id, organisation=person.organisation,
                     address=person.address)

