"""The transcript's lines and what a person does to them: play, correct, mark, say who spoke.

Every change goes through `services.transcription.edit_segment` (or rename/replace), which keeps
the machine's original words; the changed line is then shown as stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QWidget

from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from familyrecord.ui.transcript.actions import LineActions, speaker_menu
from familyrecord.ui.transcript.segments import TEXT
from familyrecord.ui.transcript.view import TranscriptView


class EditableTranscript(TranscriptView):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._services = services
        self._meeting_id: str | None = None
        self._transcript_id: str | None = None
        self._segments: list[Segment] = []
        self.line_actions = LineActions(self.table, play=self.play_here, correct=self.correct_current,
                                   dispute=lambda on: self._set_flag(disputed=on),
                                   important=lambda on: self._set_flag(important=on),
                                   speaker=self.choose_speaker, find=lambda: self.show_find(True))
        self.hint.setText(self.line_actions.hint())
        self.hint.setToolTip(self.line_actions.keys_help())
        self.table.setAccessibleDescription(self.line_actions.keys_help())
        self.table.cellClicked.connect(self._on_clicked)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_segment(row))
        self.table.text_committed.connect(self.commit_line)
        self.player.position_changed.connect(self._follow)
        self.play_shortcut.activated.connect(self.play_at_cursor)
        self.find_text.returnPressed.connect(self.find_next)
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_all)
        self.save_text_button.clicked.connect(self.save_text)
        self.original_button.clicked.connect(self.controls.toggle_original)
        self.assign_button.clicked.connect(self.assign_speaker)
        self.rename_button.clicked.connect(self.choose_rename)
        self.disputed.toggled.connect(lambda on: self._set_flag(disputed=on))
        self.important.toggled.connect(lambda on: self._set_flag(important=on))

    # ---- the list ------------------------------------------------------------------------------

    def reload_segments(self) -> None:
        if self._transcript_id is None and self._meeting_id is not None:
            transcripts = [t for t in self._services.transcription.transcripts_for(self._meeting_id)
                           if t.attachment_id == self.recording_id()]
            self._transcript_id = transcripts[-1].id if transcripts else None
        self._segments = ([] if self._transcript_id is None
                          else self._services.transcription.segments(self._transcript_id))
        self.table.show_segments(self._segments)
        self._show_segment(self.table.currentRow())

    def segment_at(self, ms: int) -> int:
        return self.table.row_at(ms)

    @property
    def playing_row(self) -> int:
        return self.table.playing_row

    def _current(self) -> Segment | None:
        return self.table.current()

    def _show_segment(self, row: int) -> None:
        seg = self._segments[row] if 0 <= row < len(self._segments) else None
        self.controls.show_segment(seg)
        self.line_actions.sync(seg)
        self._update_enabled()

    def _replace_segment(self, seg: Segment) -> None:
        self.table.replace(seg)
        self._segments = self.table.segments
        current = self._current()
        if current is not None and current.id == seg.id:
            self._show_segment(self.table.currentRow())

    # ---- playing -------------------------------------------------------------------------------

    def _follow(self, ms: int) -> None:
        self.table.highlight(self.table.row_at(ms))

    def _on_clicked(self, row: int, _column: int) -> None:
        """A click moves the player to the line; it plays only if it was playing already."""
        if 0 <= row < len(self._segments):
            self.player.seek(int(self._segments[row].start * 1000))

    def play_here(self) -> None:
        """Play from the chosen line; pressed again while that line plays, pause."""
        row = max(0, self.table.currentRow())
        if self.player.is_playing and self.table.playing_row == row:
            self.player.pause()
        elif 0 <= row < len(self._segments):
            self.player.play_from(int(self._segments[row].start * 1000))

    def play_at_cursor(self) -> None:
        row = max(0, self.table.currentRow())
        if 0 <= row < len(self._segments):
            self.player.play_from(int(self._segments[row].start * 1000))

    # ---- correcting ----------------------------------------------------------------------------

    def correct_current(self) -> None:
        if self.table.currentRow() < 0 and self._segments:
            self.table.setCurrentCell(0, TEXT)
        self.table.edit_current()

    def commit_line(self, segment_id: int, text: str) -> None:
        """Save words corrected in place (Enter); the machine's original stays stored."""
        seg = next((s for s in self._segments if s.id == segment_id), None)
        if seg is not None and text != seg.text:
            self._replace_segment(self._services.transcription.edit_segment(seg.id, text=text))
            self.message.setText(self.tr("Correction saved. The machine's original is kept."))

    def save_text(self) -> None:
        seg = self._current()
        if seg is not None:
            self._replace_segment(self._services.transcription.edit_segment(
                seg.id, text=self.text.toPlainText().strip()))

    def toggle_original(self) -> None:
        self.controls.toggle_original()

    # ---- speakers ------------------------------------------------------------------------------

    def speaker_names(self) -> list[str]:
        """The meeting's people first, then anyone else named in this transcript."""
        names = [self.speaker.itemText(i) for i in range(self.speaker.count())]
        return list(dict.fromkeys([*names, *(s.speaker for s in self._segments if s.speaker)]))

    def choose_speaker(self) -> None:
        seg = self._current()
        if seg is None:
            return
        menu = speaker_menu(self.table, self.speaker_names(), seg.speaker,
                            choose=self.set_speaker, someone_else=self.ask_speaker,
                            rename=self.choose_rename)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        item = self.table.item(self.table.currentRow(), TEXT)
        rect = self.table.visualItemRect(item) if item is not None else self.table.viewport().rect()
        menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft()))

    def set_speaker(self, name: str) -> None:
        seg = self._current()
        if seg is not None and name.strip():
            self._replace_segment(self._services.transcription.edit_segment(seg.id, speaker=name.strip()))

    def ask_speaker(self) -> None:
        seg = self._current()
        if seg is None:
            return
        name, ok = QInputDialog.getText(self.table, self.tr("Who was speaking"),
                                        self.tr("Name of the person speaking in this line:"),
                                        text=seg.speaker)
        if ok:
            self.set_speaker(name)

    def assign_speaker(self) -> None:
        self.set_speaker(self.speaker.currentText())

    def choose_rename(self) -> None:
        seg = self._current()
        if seg is None or not seg.speaker:
            self.message.setText(self.tr("Choose a line whose speaker you want to rename."))
            return
        new, ok = QInputDialog.getText(self.table, self.tr("Rename speaker"),
                                       self.tr("New name for {0} in every line:").format(seg.speaker),
                                       text=seg.speaker)
        if ok and new.strip():
            self.rename_speaker(seg.speaker, new.strip())

    def rename_speaker(self, old: str, new: str) -> int:
        if self._transcript_id is None:
            return 0
        changed = self._services.transcription.rename_speaker(self._transcript_id, old, new)
        self.reload_segments()
        self.message.setText(self.tr("{0} renamed to {1} in {2} lines.").format(old, new, changed))
        return changed

    # ---- marks, find and replace ---------------------------------------------------------------

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
        self.message.setText(self.tr("Changed {0} lines. The machine's original is kept.")
                             .format(changed))

    def _update_enabled(self) -> None:
        has_meeting = self._meeting_id is not None
        has_segments = bool(self._segments)
        can_add = has_meeting and not self.jobs.busy
        self.add_button.setEnabled(can_add)
        self.add_action.setEnabled(can_add)
        self.add_button.setVisible(has_meeting and self.recording.count() == 0)
        self.recording_pair.setVisible(self.recording.count() > 1)  # a choice only with several
        self.export_action.setEnabled(has_segments)
        self.find_action.setEnabled(has_segments)
        for widget in (self.find_text, self.replace_text, self.find_button, self.replace_button):
            widget.setEnabled(has_segments)
        self.window_button.setEnabled(has_meeting or self.in_own_window)
        self.controls.set_enabled(self._current() is not None)
        if not has_meeting:
            self.resume_button.setVisible(False)
