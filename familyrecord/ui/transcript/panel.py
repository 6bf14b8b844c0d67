"""The transcript editor in a meeting: lines with times, synced to the recording.

A click on a line moves the player there, Space or Enter plays from it, F2 or double-click
corrects its words in place, D / I / S mark it disputed, important or say who spoke (actions.py);
the line being played is highlighted and followed. Corrections keep the machine's original;
speakers come from the meeting's attendees; a line marked disputed or important goes into the
chronology with its time. The editor can open in its own window (same player). `show_moment`
jumps to a time (search, minutes). `clear()` (on lock) drops everything decrypted: lines, the
recording in memory, and any running job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QWidget

from familyrecord.errors import UserError
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.ui.transcript.editing import EditableTranscript
from familyrecord.ui.transcript.segments import TEXT
from familyrecord.ui.widgets.errors import error_text

_recovered: set[str] = set()  # vaults whose interrupted jobs were requeued in this process


class TranscriptPanel(EditableTranscript):
    """Shows a meeting's recordings and transcript. `clear()` drops everything decrypted."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.recording.currentIndexChanged.connect(self._on_recording_chosen)
        self.add_button.clicked.connect(self.choose_recording)
        self.add_action.triggered.connect(self.choose_recording)
        self.export_action.triggered.connect(self.choose_export)
        self.resume_button.clicked.connect(self.resume)
        self.jobs.segments_arrived.connect(self.reload_segments)
        self.jobs.recording_added.connect(self._on_recording_added)
        self.jobs.job_ended.connect(self._on_job_ended)
        self._update_enabled()

    # ---- the interface the meeting view, search and the minutes use ----------------------------

    def set_meeting(self, meeting_id: str | None) -> None:
        self._reset_view()  # a transcription under way carries on in the background
        self._meeting_id = meeting_id
        if meeting_id is None or self._services.is_locked:
            return
        vault_id = self._services.vault_id
        if vault_id not in _recovered:
            _recovered.add(vault_id)
            self._services.transcription.recover()  # jobs a crash left 'running' go back in the queue
        self._fill_speakers(meeting_id)
        self.recording.blockSignals(True)
        for attachment in self._services.transcription.recordings(meeting_id):
            self.recording.addItem(attachment.file_name, attachment.id)
        self.recording.blockSignals(False)
        if self.recording.count():
            self._on_recording_chosen(self.recording.count() - 1)
        else:
            self.message.setText(self.tr("No recording for this meeting yet. Use 'Add recording…' "
                                         "to add one from your phone or recorder."))
        self._update_enabled()

    def show_moment(self, seconds: float) -> None:
        """Choose the line said at `seconds`, bring it into view and play from that moment."""
        row = self.table.row_near(seconds)
        if row >= 0:
            self.table.fit_rows()  # rows take their final heights first, so the scroll holds
            self.table.setCurrentCell(row, TEXT)
            self.table.scrollTo(self.table.model().index(row, TEXT),
                                QAbstractItemView.ScrollHint.PositionAtCenter)
        self.raise_window()
        self.table.setFocus()
        self.player.play_from(max(0, int(seconds * 1000)))

    def clear(self) -> None:
        """Drop all decrypted data: lines, the recording in memory; stop any job."""
        if self.jobs.busy:
            self.jobs.cancel()
            # Cancel ends the engine at once; wait so no worker keeps the vault open after lock.
            if self.jobs.task is not None:
                self.jobs.task.wait(5000)
        self.close_window()
        self._reset_view()

    def _reset_view(self) -> None:
        self.player.unload()
        self._meeting_id = None
        self._transcript_id = None
        self._segments = []
        self.recording.blockSignals(True)
        self.recording.clear()
        self.recording.blockSignals(False)
        self.table.clear_segments()
        self.controls.clear()
        self.message.clear()
        self.find_text.clear()
        self.replace_text.clear()
        self.show_find(False)
        self._show_segment(-1)

    # ---- recordings and jobs -------------------------------------------------------------------

    def _fill_speakers(self, meeting_id: str) -> None:
        meeting = self._services.get(meeting_id)
        names = [a.name for a in meeting.attendees] if isinstance(meeting, Meeting) else []
        self.speaker.clear()
        self.speaker.addItems(list(dict.fromkeys([self.tr("Me"), *[n for n in names if n]])))
        self.speaker.setCurrentIndex(-1)

    def _on_recording_chosen(self, index: int) -> None:
        attachment_id = self.recording_id(index)
        if not attachment_id or self._meeting_id is None:
            return
        try:
            data = self._services.read_attachment(str(attachment_id))
        except UserError as exc:
            self.message.setText(error_text(exc))
            return
        self.player.load(data, self.recording.itemText(index))
        transcripts = [t for t in self._services.transcription.transcripts_for(self._meeting_id)
                       if t.attachment_id == attachment_id]
        self._transcript_id = transcripts[-1].id if transcripts else None
        self.reload_segments()
        self._show_job_state()

    def _waiting_job(self) -> str | None:
        if self._meeting_id is None:
            return None
        attachment_id = self.recording_id()
        for job in reversed(self._services.transcription.jobs_for(self._meeting_id)):
            if job.attachment_id == attachment_id and job.state in ("queued", "cancelled", "failed"):
                return job.id
        return None

    def _show_job_state(self) -> None:
        waiting = self._waiting_job()
        self.resume_button.setVisible(waiting is not None and not self.jobs.busy)
        if waiting is not None and not self._segments:
            self.resume_button.setText(self.tr("Transcribe"))
        else:
            self.resume_button.setText(self.tr("Carry on transcribing"))
        self.resume_button.setAccessibleName(self.resume_button.text())

    def choose_recording(self) -> None:
        if self._meeting_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Add a recording"), str(Path.home()),
            self.tr("Recordings (*.m4a *.aac *.mp3 *.wav *.ogg *.oga *.opus *.flac *.amr *.webm "
                    "*.mp4 *.3gp);;All files (*)"))
        if path:
            self.add_recording(Path(path))

    def add_recording(self, path: Path) -> None:
        if self._meeting_id is not None:
            self.message.clear()
            self.jobs.add_and_transcribe(path, self._meeting_id)
            self._update_enabled()

    def _on_recording_added(self, meeting_id: str, attachment_id: str) -> None:
        """Show the new recording at once, so its transcript fills in as it is made."""
        if meeting_id == self._meeting_id and self.recording.findData(attachment_id) < 0:
            for attachment in self._services.transcription.recordings(meeting_id):
                if attachment.id == attachment_id:
                    self.message.clear()
                    self.recording.addItem(attachment.file_name, attachment.id)
                    self.recording.setCurrentIndex(self.recording.count() - 1)

    def resume(self) -> None:
        job_id = self._waiting_job()
        if job_id is not None:
            self.message.clear()
            self.jobs.resume(job_id)
            self._show_job_state()
            self._update_enabled()

    def _on_job_ended(self, _state: str, message: str) -> None:
        self.message.setText(message)
        meeting_id = self._meeting_id
        keep = self.recording_id()
        if meeting_id is not None and not self._services.is_locked:
            self.set_meeting(meeting_id)
            self.message.setText(message)
            index = self.recording.findData(keep)
            if keep is not None and index >= 0 and index != self.recording.currentIndex():
                self.recording.setCurrentIndex(index)

    def choose_export(self) -> None:
        if self._transcript_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the transcript"), str(Path.home() / self.tr("transcript.docx")),
            self.tr("Word document (*.docx);;Text (*.txt);;Subtitles (*.srt);;Web subtitles (*.vtt)"))
        if path:
            try:
                self._services.transcription.export(self._transcript_id, Path(path))
            except (UserError, OSError) as exc:
                self.message.setText(error_text(exc, os_error=self.tr(
                    "The transcript could not be saved there. Try another folder.")))
            else:
                self.message.setText(self.tr("Transcript saved to {0}").format(path))
