"""Home lists recordings whose transcription a restart, a cancel or an error left unfinished."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.transcription import speech
from tests.ui.uihelpers import make_window
from tests.vault_access import vault_of

pytestmark = pytest.mark.gui


def test_unfinished_recordings_show_on_home_and_open_the_meeting(qtbot: QtBot, services: Services,
                                                                 vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    home = window.main.home
    home.refresh()
    assert not home.recordings.isVisibleTo(home)  # nothing recorded: no section at all

    meeting = services.save(Meeting(title="Core group 3", starts_at=datetime(2026, 3, 3, 10)))
    two_seconds_of_quiet = np.zeros(2 * 16_000, dtype=np.float32)
    audio = vault_of(services).attachments.import_stream(
        io.BytesIO(speech.encode(two_seconds_of_quiet, "m4a")), "m.m4a", link_to=meeting.id)
    job = services.transcription.queue(meeting.id, audio.id)
    home.refresh()
    assert home.recordings.isVisibleTo(home)
    item = home.recordings.list.item(0)
    assert "Core group 3" in item.text() and "waiting" in item.text()
    with qtbot.waitSignal(home.open_record) as opened:
        home.recordings.list.itemActivated.emit(item)
    assert opened.args == [meeting.id]

    # Once a job for that recording has finished, it is no longer listed.
    services.transcription.jobs.store.set_state(job.id, "done")
    home.refresh()
    assert not home.recordings.isVisibleTo(home)
