"""GUI export: runs in the background, can be cancelled (writing nothing), and offers
a file name from the comparison's title and date in the last-used folder."""

from __future__ import annotations

from datetime import date

from reader.core.comparison import compare
from reader.core.export.report import ExportOptions, build_report
from reader.core.load.documents import load_document, seed_paths
from reader.gui.export_dialog import suggested_name


def test_suggested_name_is_title_and_date_made_safe():
    day = date(2026, 11, 29)
    assert suggested_name("China and Russia get closer", "pdf", day) == \
        "China and Russia get closer 2026-11-29.pdf"
    assert suggested_name('a/b: "c"?', "md", day) == "a b c 2026-11-29.md"
    assert suggested_name("   ", "html", day) == "comparison 2026-11-29.html"


def _report():
    return build_report(compare([load_document(p) for p in seed_paths()]), [], ExportOptions())


def test_export_runs_in_the_background_and_reports_pages(new_window, qtbot, tmp_path):
    window = new_window()
    from reader.gui.export_dialog import start_export
    out = tmp_path / "seeds.pdf"
    steps = []
    job = start_export(window, _report, str(out), "pdf")
    job.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(job.done, timeout=60000) as done:
        pass
    assert done.args[0] == str(out) and done.args[1] > 3
    assert out.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=5000)


def test_cancel_writes_nothing(new_window, qtbot, tmp_path):
    window = new_window()
    from reader.gui.export_dialog import start_export
    out = tmp_path / "cancelled.pdf"
    job = start_export(window, _report, str(out), "pdf")
    job.cancel()
    with qtbot.waitSignal(job.failed, timeout=60000) as failed:
        pass
    assert failed.args == [""]
    assert not out.exists() and not list(tmp_path.iterdir())


def test_a_failed_export_names_its_file_once(new_window, qtbot, tmp_path, monkeypatch):
    """The writer's error names the file already ("x.md: cannot be written (…)"): the
    window's message had put the path in front of it again."""
    window = new_window()
    from reader.gui import export_dialog
    out = tmp_path / "no such folder" / "x.md"
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *args: None)
    job = export_dialog.start_export(window, _report, str(out), "md")
    with qtbot.waitSignal(job.failed, timeout=60000) as failed:
        pass
    message = failed.args[0]
    assert message.count(str(out)) == 1 and "does not exist" in message, message
