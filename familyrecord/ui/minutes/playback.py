"""Playing the meeting's recording from a time on its timeline, with the transcript's own player.

The service says which recording a time falls in and how far into it (`moment`); the recording is
decrypted into memory only when first played (ui/transcript/player.py keeps it in a QBuffer, never
on disk) and dropped by `unload()` when the window closes or the record locks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from familyrecord.errors import UserError
from familyrecord.services import Services
from familyrecord.services.minutes import RecordingMoment
from familyrecord.ui.minutes.words import tr
from familyrecord.ui.transcript.player import AudioPlayer
from familyrecord.ui.widgets.errors import error_text


class MomentPlayer(QWidget):
    """The player bar (hidden until something is played) and a line that says what is playing."""

    def __init__(self, services: Services, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting_id = meeting_id
        self._moments: dict[float, RecordingMoment] = {}
        self._names = {a.id: a.file_name for a in services.transcription.recordings(meeting_id)}
        self._loaded = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.what = QLabel(self)
        self.what.setWordWrap(True)
        self.what.setAccessibleName(tr("What is playing"))
        self.player = AudioPlayer(self)
        self.player.setVisible(False)
        layout.addWidget(self.what)
        layout.addWidget(self.player)
        self.what.setVisible(False)

    def moment(self, seconds: float) -> RecordingMoment:
        """Where a time on the meeting's timeline is (kept: the transcript does not change here)."""
        found = self._moments.get(seconds)
        if found is None:
            found = self._moments[seconds] = self.services.minutes.moment(self.meeting_id, seconds)
        return found

    def label(self, seconds: float) -> str:
        return self.moment(seconds).label

    @property
    def is_playing(self) -> bool:
        return self.player.is_playing

    def pause(self) -> None:
        self.player.pause()

    def play_at(self, seconds: float | None) -> bool:
        """Play from a time on the meeting's timeline; False (with a note) when there is nothing."""
        if seconds is None:
            return self.say(tr("This comes from your notes: there is nothing to play."))
        moment = self.moment(seconds)
        if moment.attachment_id is None or moment.attachment_id not in self._names:
            return self.say(tr("The recording itself is not kept with this meeting, so it cannot "
                                "be played. Its transcript is shown."))
        if self._loaded != moment.attachment_id:
            try:
                data = self.services.read_attachment(moment.attachment_id)
            except UserError as exc:
                return self.say(error_text(exc))
            self.player.load(data, self._names[moment.attachment_id])
            self._loaded = moment.attachment_id
        self.player.setVisible(True)
        self.say(tr("Playing from {0}.").format(moment.label))
        self.player.play_from(max(0, int(moment.seconds * 1000)))
        return True

    def toggle(self, seconds: float | None) -> None:
        """Space: pause what is playing, or play from `seconds`."""
        if self.player.is_playing:
            self.player.pause()
            self.say(tr("Paused."))
        else:
            self.play_at(seconds)

    def say(self, text: str) -> bool:
        self.what.setText(text)
        self.what.setVisible(bool(text))
        return False

    def unload(self) -> None:
        """Drop the recording from memory."""
        self.player.unload()
        self.player.setVisible(False)
        self._loaded = ""
        self.say("")
