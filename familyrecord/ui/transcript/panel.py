"""The transcript editor in a meeting: segments with times, synced to the recording.

Click a segment to play from there; the segment being played is highlighted and followed;
Ctrl+Space plays from the segment at the cursor. Corrections keep the machine's original
(shown on demand); speakers come from the meeting's attendees; a segment can be marked
disputed or important, which puts it in the chronology with its time. `clear()` (on lock)
drops everything decrypted: segments, the recording in memory, and any running job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from familyrecord.ui.transcript.jobs import JobBar
from familyrecord.ui.transcript.player import AudioPlayer
from familyrecord.ui.transcript.segments import SegmentTable, StatusNote
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text

_recovered: set[str] = set()  # vaults whose interrupted jobs were requeued in this process


class TranscriptPanel(QWidget):
    """Shows a meeting's recordings and transcript. `clear()` drops everything decrypted."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._meeting_id: str | None = None
        self._transcript_id: str | None = None
        self._segments: list[Segment] = []
        self.setAccessibleName(self.tr("Recording and transcript"))

        self.recording = named(QComboBox(self), self.tr("Recording"))
        self.recording.currentIndexChanged.connect(self._on_recording_chosen)
        self.add_button = button(self.tr("Add recording…"), self, slot=self.choose_recording)
        self.export_button = button(self.tr("Save transcript as…"), self, slot=self.choose_export)
        self.resume_button = button(self.tr("Carry on transcribing"), self, slot=self.resume)
        self.message = StatusNote(self)
        self.jobs = JobBar(services, self)
        self.jobs.segments_arrived.connect(self.reload_segments)
        self.jobs.recording_added.connect(self._on_recording_added)
        self.jobs.job_ended.connect(self._on_job_ended)
        self.player = AudioPlayer(self)
        self.player.position_changed.connect(self._follow)

        self.find_text = named(QLineEdit(self), self.tr("Find in transcript"))
        self.find_text.setPlaceholderText(self.tr("Find…"))
        self.find_text.returnPressed.connect(self.find_next)
        self.replace_text = named(QLineEdit(self), self.tr("Replace with"))
        self.replace_text.setPlaceholderText(self.tr("Replace with…"))
        self.find_button = button(self.tr("Find next"), self, slot=self.find_next)
        self.replace_button = button(self.tr("Replace all"), self, slot=self.replace_all)

        self.table = SegmentTable(self)
        self.table.cellClicked.connect(self._on_clicked)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_segment(row))

        self.speaker = named(QComboBox(self), self.tr("Speaker of this segment"))
        self.speaker.setEditable(True)
        self.assign_button = button(self.tr("Set speaker"), self, slot=self.assign_speaker)
        self.rename_button = button(self.tr("Rename this speaker everywhere…"), self,
                                    slot=self.choose_rename)
        self.text = named(QPlainTextEdit(self), self.tr("Text of this segment"))
        self.text.setMaximumHeight(90)
        self.save_text_button = button(self.tr("Save correction"), self, slot=self.save_text)
        self.original_button = button(self.tr("Show the machine's original"), self,
                                      slot=self.toggle_original)
        self.original = QLabel(self)
        self.original.setWordWrap(True)
        self.original.setVisible(False)
        self.disputed = named(QCheckBox(self.tr("I dispute this"), self),
                              self.tr("Mark as disputed"))
        self.important = named(QCheckBox(self.tr("Important"), self), self.tr("Mark as important"))
        self.disputed.toggled.connect(lambda on: self._set_flag(disputed=on))
        self.important.toggled.connect(lambda on: self._set_flag(important=on))

        self._layout()
        play_here = QShortcut(QKeySequence("Ctrl+Space"), self)
        play_here.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        play_here.activated.connect(self.play_at_cursor)
        self._update_enabled()

    def _layout(self) -> None:
        top, find, speaker_row, flags = (QHBoxLayout(), QHBoxLayout(), QHBoxLayout(), QHBoxLayout())
        top.addWidget(QLabel(self.tr("Recording:"), self))
        top.addWidget(self.recording, 1)
        speaker_row.addWidget(QLabel(self.tr("Speaker:"), self))
        speaker_row.addWidget(self.speaker, 1)
        for row, widgets in (
                (top, (self.add_button, self.resume_button, self.export_button)),
                (find, (self.find_text, self.find_button, self.replace_text, self.replace_button)),
                (speaker_row, (self.assign_button, self.rename_button)),
                (flags, (self.save_text_button, self.original_button, self.disputed,
                         self.important))):
            for widget in widgets:
                row.addWidget(widget)
        flags.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.jobs)
        layout.addWidget(self.player)
        layout.addLayout(find)
        layout.addWidget(self.table, 1)
        layout.addLayout(speaker_row)
        layout.addWidget(self.text)
        layout.addWidget(self.original)
        layout.addLayout(flags)

    # ---- the interface the meeting view uses ----------------------------------------------------

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

    def clear(self) -> None:
        """Drop all decrypted data: segments, the recording in memory; stop any job."""
        if self.jobs.busy:
            self.jobs.cancel()
            # Cancel ends the engine at once; wait so no worker keeps the vault open after lock.
            if self.jobs.task is not None:
                self.jobs.task.wait(5000)
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
        self.speaker.clear()
        self.text.clear()
        self.original.clear()
        self.original.setVisible(False)
        self.message.clear()
        self.find_text.clear()
        self.replace_text.clear()
        self._update_enabled()

    # ---- recordings and jobs -------------------------------------------------------------------

    def _fill_speakers(self, meeting_id: str) -> None:
        meeting = self._services.get(meeting_id)
        names = [a.name for a in meeting.attendees] if isinstance(meeting, Meeting) else []
        self.speaker.clear()
        self.speaker.addItems(list(dict.fromkeys([self.tr("Me"), *[n for n in names if n]])))
        self.speaker.setCurrentIndex(-1)

    def _on_recording_chosen(self, index: int) -> None:
        attachment_id = self.recording.itemData(index)
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
        attachment_id = self.recording.currentData()
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
        keep = self.recording.currentData()
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

    # ---- the segment list ----------------------------------------------------------------------

    def reload_segments(self) -> None:
        if self._transcript_id is None and self._meeting_id is not None:
            transcripts = [t for t in self._services.transcription.transcripts_for(self._meeting_id)
                           if t.attachment_id == self.recording.currentData()]
            self._transcript_id = transcripts[-1].id if transcripts else None
        self._segments = ([] if self._transcript_id is None
                          else self._services.transcription.segments(self._transcript_id))
        self.table.show_segments(self._segments)
        self._update_enabled()

    def segment_at(self, ms: int) -> int:
        return self.table.row_at(ms)

    def _follow(self, ms: int) -> None:
        self.table.highlight(self.table.row_at(ms))

    @property
    def playing_row(self) -> int:
        return self.table.playing_row

    def _on_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._segments):
            self.player.play_from(int(self._segments[row].start * 1000))

    def play_at_cursor(self) -> None:
        self._on_clicked(max(0, self.table.currentRow()), 0)

    def _current(self) -> Segment | None:
        return self.table.current()

    def _show_segment(self, row: int) -> None:
        seg = self._segments[row] if 0 <= row < len(self._segments) else None
        for box, value in ((self.disputed, seg.disputed if seg else False),
                           (self.important, seg.important if seg else False)):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.text.setPlainText(seg.text if seg else "")
        self.speaker.setCurrentText(seg.speaker if seg else "")
        self.original.setText(self.tr("The machine heard: {0}").format(seg.original_text) if seg else "")
        self._update_enabled()

    def _replace_segment(self, seg: Segment) -> None:
        self.table.replace(seg)
        self._segments = self.table.segments

    # ---- editing ---------------------------------------------------------------------------

    def save_text(self) -> None:
        seg = self._current()
        if seg is not None:
            self._replace_segment(self._services.transcription.edit_segment(
                seg.id, text=self.text.toPlainText().strip()))

    def toggle_original(self) -> None:
        showing = not self.original.isVisible()
        self.original.setVisible(showing)
        self.original_button.setText(self.tr("Hide the machine's original") if showing
                                     else self.tr("Show the machine's original"))
        self.original_button.setAccessibleName(self.original_button.text())

    def assign_speaker(self) -> None:
        seg = self._current()
        if seg is not None:
            self._replace_segment(self._services.transcription.edit_segment(
                seg.id, speaker=self.speaker.currentText().strip()))

    def choose_rename(self) -> None:
        seg = self._current()
        if seg is None or not seg.speaker:
            self.message.setText(self.tr("Choose a segment whose speaker you want to rename."))
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename speaker"),
                                       self.tr("New name for {0} in every segment:").format(seg.speaker),
                                       text=seg.speaker)
        if ok and new.strip():
            self.rename_speaker(seg.speaker, new.strip())

    def rename_speaker(self, old: str, new: str) -> int:
        if self._transcript_id is None:
            return 0
        changed = self._services.transcription.rename_speaker(self._transcript_id, old, new)
        self.reload_segments()
        self.message.setText(self.tr("{0} renamed to {1} in {2} segments.").format(old, new, changed))
        return changed

    def _set_flag(self, *, disputed: bool | None = None, important: bool | None = None) -> None:
        seg = self._current()
        if seg is not None:
            self._replace_segment(self._services.transcription.edit_segment(
                seg.id, disputed=disputed, important=important))

    def find_next(self) -> None:
        if self._segments and not self.table.find_next(self.find_text.text()):
            self.message.setText(self.tr("'{0}' is not in this transcript.")
                                 .format(self.find_text.text()))

    def replace_all(self) -> None:
        if self._transcript_id is None or not self.find_text.text():
            return
        changed = self._services.transcription.replace_text(
            self._transcript_id, self.find_text.text(), self.replace_text.text())
        self.reload_segments()
        self.message.setText(self.tr("Changed {0} segments. The machine's original is kept.")
                             .format(changed))

    def _update_enabled(self) -> None:
        has_meeting = self._meeting_id is not None
        has_segments = bool(self._segments)
        has_current = self._current() is not None
        self.add_button.setEnabled(has_meeting and not self.jobs.busy)
        self.export_button.setEnabled(has_segments)
        find_widgets: tuple[QWidget, ...] = (self.find_text, self.replace_text, self.find_button,
                                             self.replace_button)
        for widget in find_widgets:
            widget.setEnabled(has_segments)
        edit_widgets: tuple[QWidget, ...] = (self.speaker, self.assign_button, self.rename_button, self.text,
                                             self.save_text_button, self.original_button,
                                             self.disputed, self.important)
        for widget in edit_widgets:
            widget.setEnabled(has_current)
        if not has_meeting:
            self.resume_button.setVisible(False)
