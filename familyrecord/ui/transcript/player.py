"""The recording player under a transcript: QtMultimedia fed from memory, never a temp file.

The decrypted recording sits in a QBuffer for as long as it is shown; `unload()` stops
playback and drops the buffer (the panel calls it when the record locks). Without speakers or
headphones the player still moves through the recording silently, so following along and
jumping to a segment keep working, and a note says why nothing can be heard. FFmpeg is kept
from printing the recording's tags (quiet_media.py). The buttons sit beside the position slider
when there is room, above it when not.
"""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from familyrecord.transcription.export import clock
from familyrecord.ui.transcript import quiet_media
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.sections import FlowLayout

SKIP_MS = 5000
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class AudioPlayer(QWidget):
    position_changed = Signal(int)  # milliseconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Recording player"))
        # Made with the first recording: QtMultimedia starts audio back-ends (and logs about
        # missing ones), which a meeting without a recording does not need.
        self._player: QMediaPlayer | None = None
        self._buffer: QBuffer | None = None
        self._data: QByteArray | None = None
        self._pending_ms: int | None = None
        self._play_when_loaded = False
        self._drain = quiet_media.StderrDrain()  # only used where FFmpeg's log cannot be set

        self.play_button = button(self.tr("Play"), self, slot=self.toggle)
        self.back_button = button(self.tr("Back 5 s"), self, name=self.tr("Back five seconds"),
                                  slot=lambda: self.skip(-SKIP_MS))
        self.forward_button = button(self.tr("Forward 5 s"), self,
                                     name=self.tr("Forward five seconds"),
                                     slot=lambda: self.skip(SKIP_MS))
        self.slider = named(QSlider(Qt.Orientation.Horizontal, self), self.tr("Position in the recording"))
        self.slider.sliderMoved.connect(self.seek)
        self.time_label = QLabel("00:00:00 / 00:00:00", self)
        self.speed = named(QComboBox(self), self.tr("Playing speed"))
        for rate in SPEEDS:
            self.speed.addItem(self.tr("{0}× speed").format(f"{rate:g}"), rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(lambda _i: self._apply_speed())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setVisible(False)

        # The buttons flow onto a second line rather than being cut off; the slider has a line.
        buttons = QWidget(self)
        self._buttons = FlowLayout(buttons)
        for widget in (self.back_button, self.play_button, self.forward_button):
            self._buttons.addWidget(widget)
        position = QHBoxLayout()
        position.addWidget(self.slider, 1)
        position.addWidget(self.time_label)
        position.addWidget(self.speed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buttons)
        layout.addLayout(position)
        layout.addWidget(self.note)

        self._set_enabled(False)
        self._even_heights()

    def _even_heights(self) -> None:
        """The speed box as tall as the buttons beside it, so the row lines up."""
        self.speed.setMinimumHeight(self.play_button.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._even_heights()

    def add_to_row(self, *widgets: QWidget) -> None:
        """Put more buttons (the transcript's) in the player's row, where they flow with it."""
        for widget in widgets:
            self._buttons.addWidget(widget)

    @property
    def player(self) -> QMediaPlayer:
        if self._player is None:
            quiet_media.before_player()
            self._player = QMediaPlayer(self)
            quiet_media.after_player()
            self._player.setAudioOutput(QAudioOutput(self._player))
            self._player.positionChanged.connect(self._on_position)
            self._player.durationChanged.connect(self._on_duration)
            self._player.playbackStateChanged.connect(self._on_state)
            self._player.mediaStatusChanged.connect(self._on_status)
            self._player.errorOccurred.connect(self._on_error)
            self._apply_speed()
        return self._player

    def _apply_speed(self) -> None:
        if self._player is not None:
            self._player.setPlaybackRate(float(self.speed.currentData()))

    # ---- loading -------------------------------------------------------------------------

    def load(self, data: bytes, file_name: str) -> None:
        """Play `data` (the decrypted recording) from memory."""
        self.unload()
        player = self.player  # Qt loads FFmpeg with the first player; its log is silenced then
        if not quiet_media.after_player():
            self._drain.open()  # closed once the recording has loaded or failed
        self._data = QByteArray(data)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        # The URL only tells the decoder what kind of file this is; nothing is read from disk.
        # Only the extension is passed: FFmpeg logs the URL, and a file's name can say too much.
        player.setSourceDevice(self._buffer, QUrl("recording" + PurePath(file_name).suffix.lower()))
        self._set_enabled(True)
        if not QMediaDevices.audioOutputs():
            self._show_note(self.tr("No speakers or headphones found: the recording plays silently."))

    def unload(self) -> None:
        if self._player is not None:
            # Pause, then drop the source: stop() while playing can deadlock Qt's FFmpeg engine
            # (Qt 6.12, seen with no sound device), which would freeze Lock and Hide now.
            self._player.pause()
            self._player.setSource(QUrl())
        self._drain.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
        self._buffer = None
        self._data = None  # the decrypted bytes go with it
        self._pending_ms = None
        self._play_when_loaded = False
        self.note.setVisible(False)
        self.slider.setRange(0, 0)
        self.time_label.setText("00:00:00 / 00:00:00")
        self._set_enabled(False)

    @property
    def loaded(self) -> bool:
        return self._buffer is not None

    # ---- control -------------------------------------------------------------------------

    def position(self) -> int:
        if self._pending_ms is not None or self._player is None:
            return self._pending_ms or 0
        return int(self._player.position())

    def seek(self, ms: int) -> None:
        ms = max(0, ms)
        if self._ready():
            self.player.setPosition(ms)
        else:
            self._pending_ms = ms  # applied as soon as the recording has loaded
        self.position_changed.emit(ms)

    def play_from(self, ms: int) -> None:
        self.seek(ms)
        self.play()

    def play(self) -> None:
        if not self.loaded:
            return
        if self._ready():
            self.player.play()
        else:
            self._play_when_loaded = True

    @property
    def is_playing(self) -> bool:
        return self._play_when_loaded or (
            self._player is not None
            and self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def pause(self) -> None:
        self._play_when_loaded = False
        if self._player is not None:
            self._player.pause()

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.pause()
        else:
            self.play()

    def skip(self, delta_ms: int) -> None:
        target = self.position() + delta_ms
        duration = int(self.player.duration())
        self.seek(min(target, duration) if duration > 0 else target)

    def set_speed(self, rate: float) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(rate))

    # ---- signals from the player ---------------------------------------------------------------

    def _ready(self) -> bool:
        if self._player is None:
            return False
        return self._player.mediaStatus() in (QMediaPlayer.MediaStatus.LoadedMedia,
                                              QMediaPlayer.MediaStatus.BufferingMedia,
                                              QMediaPlayer.MediaStatus.BufferedMedia,
                                              QMediaPlayer.MediaStatus.EndOfMedia)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._drain.close()
        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            if self._pending_ms is not None:
                self.player.setPosition(self._pending_ms)
                self._pending_ms = None
            if self._play_when_loaded:
                self._play_when_loaded = False
                self.player.play()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._show_note(self.tr("This recording cannot be played here. Its transcript can "
                                    "still be read and corrected."))

    def _on_error(self, _error: QMediaPlayer.Error, _text: str) -> None:
        self._drain.close()
        self._show_note(self.tr("This recording cannot be played here. Its transcript can still "
                                "be read and corrected."))

    def _on_position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(ms))
        self._update_time(int(ms))
        self.position_changed.emit(int(ms))

    def _on_duration(self, ms: int) -> None:
        self.slider.setRange(0, int(ms))
        self._update_time(int(self.player.position()))

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setAccessibleName(self.play_button.text())

    def _update_time(self, ms: int) -> None:
        self.time_label.setText(f"{clock(ms / 1000)} / {clock(self.player.duration() / 1000)}")

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(True)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.back_button, self.forward_button, self.slider,
                       self.speed):
            widget.setEnabled(enabled)
