"""Attachments in the GUI: imports on a worker thread with progress and cancel, in-memory viewers."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.documents.attachments import AttachmentsPanel
from familyrecord.ui.documents.viewers import AttachmentViewer
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui


@pytest.fixture
def letter(services: Services) -> Correspondence:
    return services.save(Correspondence(subject="Letter with files", dated=date(2026, 2, 1)))


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of our own, so the test can see that nothing was written to it."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def _panel(qtbot: QtBot, services: Services, record: Correspondence) -> AttachmentsPanel:
    panel = AttachmentsPanel(services)
    qtbot.addWidget(panel)
    panel.set_record(services.get(record.id))
    return panel


def test_import_runs_on_a_worker_thread_with_progress(qtbot: QtBot, services: Services,
                                                      letter: Correspondence, tmp_path: Path) -> None:
    source = tmp_path / "recording.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    panel = _panel(qtbot, services, letter)
    threads: list[str] = []
    progress: list[tuple[float, float]] = []
    original = services.sibling

    def spy_sibling() -> Services:
        sibling = original()
        real = sibling.import_attachment

        def import_attachment(*args: object, **kwargs: object) -> Attachment:
            threads.append(threading.current_thread().name)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        sibling.import_attachment = import_attachment  # type: ignore[method-assign]
        return sibling

    services.sibling = spy_sibling  # type: ignore[method-assign]
    panel.add_files([source])
    assert panel.task is not None
    panel.task.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(panel.imported, timeout=20000) as signal:
        pass
    attachment = signal.args[0]
    assert attachment.size == source.stat().st_size
    assert threads and threads[0] != threading.main_thread().name
    assert progress and progress[-1] == (source.stat().st_size, source.stat().st_size)
    assert [a.id for a in services.attachments_for(letter)] == [attachment.id]
    assert panel.list.count() == 1 and not panel.progress.isVisible()


def test_cancel_leaves_nothing_behind(qtbot: QtBot, services: Services, letter: Correspondence,
                                      tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(40 * 1024 * 1024))
    panel = _panel(qtbot, services, letter)
    panel.add_files([source])
    assert panel.task is not None and panel.cancel_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.task.cancelled, timeout=20000):
        panel.cancel()
    assert services.attachments_for(letter) == [] and services.all_attachments() == []
    assert "Stopped" in panel.status.text()


def test_drop_files_onto_a_record(qtbot: QtBot, services: Services, vault_path: Path,
                                  letter: Correspondence, tmp_path: Path) -> None:
    note = tmp_path / "dropped.txt"
    note.write_text("dropped words", encoding="utf-8")
    window = make_window(qtbot, vault_path, services)
    letters = view(window, "correspondence")
    letters.table.selectRow(0)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(note))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(letters.editor.files.imported, timeout=10000):
        letters.editor.dropEvent(event)
    assert [a.file_name for a in services.attachments_for(letter)] == ["dropped.txt"]
    assert letters.editor.tabs.currentWidget() is letters.editor.files


def test_unsaved_record_asks_to_save_first(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    panel = AttachmentsPanel(services)
    qtbot.addWidget(panel)
    panel.set_record(Correspondence(subject="not saved"))
    note = tmp_path / "a.txt"
    note.write_text("x", encoding="utf-8")
    panel.add_files([note])
    assert panel.task is None and "Save this entry first" in panel.status.text()
    assert not panel.add_button.isEnabled()


def test_image_opens_in_memory(qtbot: QtBot, services: Services, letter: Correspondence, tmp_path: Path,
                               private_tmp: Path) -> None:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    path = tmp_path / "photo.png"
    assert image.save(str(path))
    services.import_attachment(path, link_to=letter.id)
    panel = _panel(qtbot, services, letter)
    panel.list.setCurrentRow(0)
    viewer = panel.open_current()
    assert isinstance(viewer, AttachmentViewer) and viewer.kind == "image"
    assert list(private_tmp.iterdir()) == []
    viewer.clear()
    assert panel.opener.viewers == []


def test_pdf_opens_with_qtpdf_from_memory(qtbot: QtBot, services: Services, letter: Correspondence,
                                          tmp_path: Path, private_tmp: Path) -> None:
    pytest.importorskip("PySide6.QtPdf")
    from reportlab.pdfgen import canvas

    path = tmp_path / "minutes.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Minutes of the core group")
    pdf.showPage()
    pdf.drawString(72, 720, "Page two")
    pdf.save()
    services.import_attachment(path, link_to=letter.id)
    panel = _panel(qtbot, services, letter)
    panel.list.setCurrentRow(0)
    viewer = panel.open_current()
    assert isinstance(viewer, AttachmentViewer) and viewer.kind == "pdf"
    assert viewer.page_count == 2
    assert list(private_tmp.iterdir()) == []
    viewer.clear()


def test_gui_thread_keeps_ticking_during_an_import(qtbot: QtBot, services: Services,
                                                   letter: Correspondence, tmp_path: Path) -> None:
    """A small version of benchmarks/gui_responsiveness.py: the watchdog runs; the figure is printed."""
    source = tmp_path / "medium.bin"
    source.write_bytes(os.urandom(16 * 1024 * 1024))
    panel = _panel(qtbot, services, letter)
    ticks: list[float] = []
    watchdog = QTimer()
    watchdog.setInterval(5)
    watchdog.timeout.connect(lambda: ticks.append(time.perf_counter()))
    watchdog.start()
    with qtbot.waitSignal(panel.imported, timeout=30000):
        panel.add_files([source])
    watchdog.stop()
    assert len(ticks) > 3  # the event loop ran while the import was going on
    gaps = [b - a for a, b in pairwise(ticks)]
    print(f"longest GUI-thread gap during a 16 MB import: {max(gaps) * 1000:.1f} ms")


def test_a_photo_added_to_a_record_is_read_in_the_background(qtbot: QtBot, services: Services,
                                                             letter: Correspondence, tmp_path: Path) -> None:
    from familyrecord.storage import jobs as job_states
    from familyrecord.ui.intake.background import reader_for

    photo = tmp_path / "letter.png"
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(photo))
    panel = _panel(qtbot, services, letter)
    with qtbot.waitSignal(panel.imported, timeout=10000):
        panel.add_files([photo])
    reader = reader_for(services)
    assert reader.running and "reads the words in it in the background" in panel.status.text()
    reader.cancel()
    qtbot.waitUntil(lambda: not reader.running, timeout=5000)
    # Stopped (or done already: a blank page is read at once); never left 'running'.
    assert all(t.job.state == job_states.CANCELLED for t in services.intake.ocr_queue())
