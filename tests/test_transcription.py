"""Speech made with espeak-ng, imported as m4a, transcribed offline with the bundled model."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document

from familyrecord.records.models import Meeting, Person
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.transcription import models, speech
from familyrecord.transcription.engine import (
    EngineUnavailable,
    ModelNotUsable,
    TranscribeOptions,
    load_engine,
)
from familyrecord.transcription.export import clock
from familyrecord.transcription.jobs import JobOptions
from tests.conftest import PASSPHRASE

pytestmark = [pytest.mark.model, pytest.mark.skipif(
    not speech.espeak_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")]

LINES = (("en-us", "Leo still does not have a place at the nursery."),
         ("en-gb", "The social worker promised to send the minutes on Friday."),
         ("en-gb-x-rp", "Contact with his grandmother happens every Tuesday afternoon."))


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audio") / "core-group.m4a"
    path.write_bytes(speech.encode(speech.conversation(LINES), "m4a"))
    return path


def _meeting(services: Services) -> Meeting:
    return services.save(Meeting(title="Core group meeting", starts_at=datetime(2026, 2, 3, 13, 30)))


def _transcribe(services: Services, recording: Path) -> tuple[Meeting, str]:
    meeting = _meeting(services)
    service = services.transcription
    attachment = service.import_recording(recording, meeting.id)
    seen: list[tuple[float, float]] = []
    job = service.run(service.queue(meeting.id, attachment.id).id,
                      progress=lambda done, total: seen.append((done, total)))
    assert job.state == "done", job.error
    assert seen and seen[-1][0] == pytest.approx(seen[-1][1])
    return meeting, str(job.options["transcript_id"])


def test_speech_is_transcribed_stored_and_searchable(services: Services, recording: Path) -> None:
    meeting, transcript_id = _transcribe(services, recording)
    segments = services.transcription.segments(transcript_id)
    text = " ".join(s.text for s in segments).lower()
    for word in ("nursery", "social worker", "minutes", "friday", "tuesday"):
        assert word in text
    assert [s.idx for s in segments] == list(range(len(segments)))
    assert all(a.end <= b.start + 0.01 for a, b in itertools.pairwise(segments))
    assert all(s.original_text == s.text for s in segments)
    hits = services.search("nursery")
    assert [h.record_id for h in hits] == [meeting.id]
    assert hits[0].source.startswith("transcript:")
    transcript = services.transcription.transcripts_for(meeting.id)[0]
    assert (transcript.engine, transcript.model) == ("faster-whisper", "tiny.en")


def test_exports_carry_speakers_timestamps_and_flags(services: Services, recording: Path,
                                                     tmp_path: Path) -> None:
    _unused, transcript_id = _transcribe(services, recording)
    service = services.transcription
    first, second, *_rest = service.segments(transcript_id)
    service.edit_segment(first.id, speaker="Tom Price", disputed=True)
    service.edit_segment(second.id, speaker="Me", important=True)
    txt = service.export(transcript_id, tmp_path / "t.txt").read_text()
    assert f"[{clock(first.start)}] Tom Price: {first.text}  [DISPUTED]" in txt
    srt = service.export(transcript_id, tmp_path / "t.srt").read_text()
    assert srt.startswith("1\n" + clock(first.start, millis=True, sep=",") + " --> ")
    assert f"Me: {second.text}  [IMPORTANT]" in srt
    vtt = service.export(transcript_id, tmp_path / "t.vtt").read_text()
    assert vtt.startswith("WEBVTT") and f"<v Tom Price>{first.text}" in vtt
    docx_path = service.export(transcript_id, tmp_path / "t.docx")
    rows = [[c.text for c in r.cells] for r in Document(str(docx_path)).tables[0].rows]
    assert rows[0] == ["Time", "Speaker", "What was said"]
    assert rows[1][:2] == [clock(first.start), "Tom Price"]
    assert rows[1][2].startswith(first.text) and "disputed" in rows[1][2]


def test_find_replace_keeps_the_original(services: Services, recording: Path) -> None:
    _unused, transcript_id = _transcribe(services, recording)
    service = services.transcription
    changed = service.replace_text(transcript_id, "nursery", "NURSERY")
    assert changed == 1
    seg = next(s for s in service.segments(transcript_id) if "NURSERY" in s.text)
    assert "nursery" in seg.original_text.lower() and "NURSERY" not in seg.original_text


def test_cli_transcribe_imports_and_transcribes(vault_path: Path, recording: Path,
                                                services: Services, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from familyrecord.cli import main

    meeting = _meeting(services)
    services.lock()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "transcript.srt"
    assert main(["transcribe", "--path", str(vault_path), "--meeting", meeting.id, str(recording),
                 "--export", str(out)]) == 0
    assert "segments" in capsys.readouterr().out
    assert "minutes" in out.read_text().lower()
    reopened = Services.open(vault_path, PASSPHRASE)
    try:
        assert [h.record_id for h in reopened.search("grandmother")] == [meeting.id]
    finally:
        reopened.lock()


def test_cli_transcribe_refuses_something_that_is_not_a_meeting(
        vault_path: Path, services: Services, recording: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from familyrecord.cli import main

    person = services.save(Person(name="Tom Price"))
    services.lock()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    assert main(["transcribe", "--path", str(vault_path), "--meeting", person.id,
                 str(recording)]) == 2
    assert "could not be found" in capsys.readouterr().err


def test_demo_sample_recording_is_transcribed(demo_services: Services) -> None:
    from familyrecord.demo.recording import latest_core_group, transcribe_demo_recording

    job = transcribe_demo_recording(demo_services)
    assert job is not None and job.state == "done", job and job.error
    meeting = latest_core_group(demo_services)
    assert meeting is not None and job.meeting_id == meeting.id
    assert meeting.starts_at is not None and meeting.starts_at <= datetime.now()
    text = " ".join(s.text for s in demo_services.transcription.segments(
        str(job.options["transcript_id"]))).lower()
    assert "parenting course" in text and "milestones" in text
    assert meeting.id in [h.record_id for h in demo_services.search("milestones")]


def test_model_registry_lists_bundled_and_user_folders(tmp_path: Path) -> None:
    good = tmp_path / "usb" / "whisper-small"
    good.mkdir(parents=True)
    (good / "model.bin").write_bytes(b"\0")
    (good / "config.json").write_text(json.dumps({"lang_ids": [1, 2]}))
    (good / "vocabulary.txt").write_text("x\n" * (models.ENGLISH_ONLY_VOCABULARY + 1))
    empty = tmp_path / "empty"
    empty.mkdir()
    settings = AppSettings(model_folders=[str(good), str(empty), str(tmp_path / "unplugged")])
    found = models.available_models(settings)
    assert [m.bundled for m in found] == [True, False]
    assert found[0].multilingual is False and found[1].multilingual is True
    assert models.selected_model(settings).bundled
    settings.selected_model = found[1].id
    assert models.selected_model(settings).path == good
    with pytest.raises(models.ModelFolderInvalid):
        models.model_from_folder(empty)


def test_options_offer_the_vaults_names_and_english_for_english_models(services: Services) -> None:
    services.save(Person(name="Priya Shah"))
    services.save(Person(name="Siobhan O'Driscoll"))
    options = services.transcription.options_from_settings(AppSettings(language="fr"))
    assert "Priya Shah" in options.transcribe.initial_prompt
    assert "Siobhan O'Driscoll" in options.transcribe.initial_prompt
    assert options.transcribe.language == "en"  # tiny.en cannot do French
    typed = services.transcription.options_from_settings(AppSettings(initial_prompt="Dr Okafor"))
    assert typed.transcribe.initial_prompt == "Dr Okafor"


def test_an_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(EngineUnavailable):
        load_engine("no-such-engine", TranscribeOptions())


def test_a_model_that_will_not_load_fails_the_job_plainly(services: Services, recording: Path,
                                                          tmp_path: Path) -> None:
    broken = tmp_path / "usb" / "broken-model"
    broken.mkdir(parents=True)
    (broken / "model.bin").write_bytes(b"not a model")
    (broken / "config.json").write_text("{}")
    meeting = _meeting(services)
    service = services.transcription
    attachment = service.import_recording(recording, meeting.id)
    options = JobOptions(model="broken", transcribe=TranscribeOptions(model_path=str(broken)))
    job = service.run(service.queue(meeting.id, attachment.id, options).id)
    assert job.state == "failed"
    assert job.error == ModelNotUsable.user_message  # the engine's own words reach the person
    assert service.recordings(meeting.id) == [attachment]
    assert service.segments(str(job.options["transcript_id"])) == []
