"""Letters on screen before they go on paper: the batch PDF, printing, and "it was sent".

The batch is rendered in the background (`make_letters`: its own ledger, a progress bar,
cancel), then shown page by page in a QPdfView. Printing is at A4 and 100 %, so the
address sits in the envelope window: through CUPS the PDF itself goes to the printer
(vectors); otherwise each page is drawn at its real size from the paper's corner in
full-page mode, as an image at the printer's resolution (QtPdf renders to images only;
300 dpi at most). "既定のアプリで開く" hands the file to the system's PDF viewer. Nothing is logged until the clerk says the letters were sent (architecture: the
log drives the guided steps and the limitation clock).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.letters import LetterKind
from ..domain.payment_slips import SlipKind
from ..services.changes import Changes, Kind
from ..services.letter_log import confirm_sent
from ..services.letter_settings import letter_settings, missing_settings
from ..services.letters import LetterBatch, render_batch
from ..services.payment_slips import slips_taken
from ..services.slip_batches import render_slip_batch
from .fields import DateField
from .letter_settings_form import LetterSettingsDialog
from .manual import add_manual_key
from .operations import BackgroundOp, error_message, on_own_ledger, show_error
from .scratch import remove_scratch, scratch_folder
from .screen import resize_to_fit
from .session import Session

MAX_PRINT_DPI = 300


class LetterPreview(QDialog):
    """A rendered batch: read it, print it, open it elsewhere, record that it was sent."""

    manual_anchor = "letters"  # its section of the 操作マニュアル (F1)

    recorded = Signal(object)  # the SentLetter entries written

    def __init__(self, session: Session, batch: LetterBatch, parent: QWidget | None = None):
        super().__init__(parent)
        add_manual_key(self)
        self.session, self.batch = session, batch
        self.setWindowTitle(self.tr("{kind}の確認と印刷").format(kind=batch.kind.label))
        resize_to_fit(self, 760, 900)

        self.document = QPdfDocument(self)
        self.document.load(str(batch.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        slips = sum(len(r.slips) for r in batch.letters)
        if isinstance(batch.kind, SlipKind):
            summary = self.tr("納付書 {slips}枚（{letters}通）・{pages}ページ（{path}）").format(
                slips=slips, letters=len(batch.letters), pages=batch.pages, path=batch.path.name)
        else:
            summary = self.tr("{kind} {letters}通・{pages}ページ（{path}）").format(
                kind=batch.kind.label, letters=len(batch.letters), pages=batch.pages, path=batch.path.name)
            if slips:
                summary += self.tr("　同封の納付書 {0}枚").format(slips)
        self.summary = QLabel(summary, self)
        self.skipped = QLabel(self._skipped_text(), self)
        self.skipped.setWordWrap(True)
        self.skipped.setVisible(bool(batch.skipped))
        self.slip_note = QLabel(self)
        self.slip_note.setWordWrap(True)
        self.slip_note.setStyleSheet("color: #b00020;")
        self.slip_note.hide()

        self.print_button = QPushButton(self.tr("印刷…"), self)
        self.open_button = QPushButton(self.tr("既定のアプリで開く"), self)
        self.record_button = QPushButton(self.tr("発送を記録…"), self)
        self.record_button.setToolTip(self.tr("印刷して発送した文書を、交渉記録に記録します"))
        close = QPushButton(self.tr("閉じる"), self)
        self.print_button.clicked.connect(lambda: self.print_letters())
        self.open_button.clicked.connect(self.open_external)
        self.record_button.clicked.connect(self.ask_and_record)
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        for b in (self.print_button, self.open_button, self.record_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.skipped)
        layout.addWidget(self.slip_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _skipped_text(self) -> str:
        lines = [f"{claim_id}: {why.label}" for claim_id, why in self.batch.skipped[:10]]
        more = len(self.batch.skipped) - len(lines)
        if more > 0:
            lines.append(self.tr("ほか {n}件").format(n=more))
        return self.tr("作成しなかった債権: ") + "、".join(lines)

    # --- printing ----------------------------------------------------------------------

    def print_letters(self, printer: QPrinter | None = None) -> bool:
        """Print every page at A4 and 100 %; without a printer given, the clerk chooses one first.

        On a CUPS system (Linux, macOS) the PDF itself goes to the chosen printer with
        scaling off: the printer gets vectors. Elsewhere (Windows, or a file) each page is
        drawn at its real size from the paper's corner (full-page mode), so the address
        sits in the envelope window whatever the printer's margins.
        """
        if printer is None:
            printer = letter_printer()
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(self.tr("文書の印刷"))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and system_print_available():
                return self._print_with_system(printer)
        set_up_for_letters(printer)
        printer.setDocName(self.batch.path.name)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("文書の印刷"), self.tr("プリンターを使えません"))
            return False
        try:
            for i in range(self.document.pageCount()):
                if i:
                    printer.newPage()
                draw_page(painter, printer, self.document, i)
        finally:
            painter.end()
        return True

    def _print_with_system(self, printer: QPrinter) -> bool:
        try:
            system_print(self.batch.path, printer.printerName(), printer.copyCount())
        except (OSError, subprocess.CalledProcessError) as e:
            show_error(self, self.tr("文書の印刷"), self.tr("印刷を依頼できませんでした: {0}").format(
                getattr(e, "stderr", None) or e))
            return False
        return True

    def open_external(self) -> bool:
        """Open the PDF in the system's viewer (to print with its options, or to save it elsewhere)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.batch.path)))

    # --- recording -----------------------------------------------------------------------

    def ask_and_record(self) -> None:
        """Ask the day the letters were sent, then record them."""
        ask = SentDateDialog(self.batch, self.session.today(), self)
        if ask.exec() == QDialog.DialogCode.Accepted:
            self.record_sent(ask.sent_on())

    def record_sent(self, sent_on: date, which: Sequence[int] | None = None) -> bool:
        """Log the letters as sent on `sent_on`; an error is shown, nothing half-written."""
        try:
            taken = slips_taken(self.session.ledger, self.batch.letters, which)
            entries = confirm_sent(self.session.ledger, self.batch, sent_on, which)
        except (ClaimDeskError, OSError) as e:
            show_error(self, self.tr("発送の記録"), error_message(e)[0])
            return False
        self.record_button.setEnabled(False)
        self.record_button.setText(self.tr("記録済み"))
        if taken:
            self.slip_note.setText(self.tr(
                "納付番号 {numbers} の納付書は、先に発送を記録した別の納付書と番号が同じため、記録しませんでした"
                "（債権は同じです。納付があれば金額の違いとして表示されます）。").format(
                    numbers="、".join(s.printed_number for s in taken)))
            self.slip_note.show()
        claims = {c for letter in self.batch.letters for c in letter.claim_ids}
        self.session.notify_changed(Changes.of(Kind.CASEWORK, claims=claims))
        self.recorded.emit(entries)
        return True


def letter_printer() -> QPrinter:
    """A printer set up for letters: A4 portrait, the whole sheet, no scaling."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_for_letters(printer)
    return printer


def set_up_for_letters(printer: QPrinter) -> None:
    """A4 portrait in full-page mode: the painter's origin is the paper's corner, not the margin's."""
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    layout.setMode(QPageLayout.Mode.FullPageMode)  # margins ignored: the printer's minimum ones too
    printer.setPageLayout(layout)
    printer.setFullPage(True)


def draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """One page at its real size (1 pt = 1/72 inch) from the paper's corner.

    QtPdf renders pages to images only, so the page is an image at the printer's
    resolution (MAX_PRINT_DPI at most), but placed at 100 %: never scaled to the
    printable area, which would move the address against the envelope window.
    """
    points = document.pagePointSize(page)
    resolution = printer.resolution()
    dpi = min(resolution, MAX_PRINT_DPI)
    image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
    painter.drawImage(QRectF(0, 0, points.width() * resolution / 72, points.height() * resolution / 72), image)


def system_print_available() -> bool:
    """Whether the PDF can go to the printer as it is (CUPS's lp: Linux, macOS)."""
    return sys.platform != "win32" and shutil.which("lp") is not None


def system_print(path: Path, printer_name: str, copies: int = 1) -> None:
    """Send the PDF to `printer_name` through CUPS at A4 and 100 % (vectors, no scaling)."""
    command = ["lp", "-o", "media=A4", "-o", "print-scaling=none", "-o", "fit-to-page=false",
               "-n", str(max(1, copies))]
    if printer_name:
        command += ["-d", printer_name]
    subprocess.run([*command, "--", str(path)], check=True, capture_output=True, text=True, timeout=60)


class SentDateDialog(QDialog):
    """"These letters were sent on …": the date (和暦, not before the issue), and what will be written."""

    manual_anchor = "letters"  # its section of the 操作マニュアル (F1)

    def __init__(self, batch: LetterBatch, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        add_manual_key(self)
        self.setWindowTitle(self.tr("発送の記録"))
        issued = batch.issued_on
        self.date = DateField(self)
        self.date.set_constraint(lambda d: self.tr("発行日（{0}）より前の日付です").format(format_wareki(issued))
                                 if d < issued else None)
        self.date.set_date(today)
        text = self.tr("{kind} {n}通を発送したことを、各債権の交渉記録に記録します。"
                       "印刷したPDFの控えを台帳のフォルダに保存します。").format(kind=batch.kind.label,
                                                                n=len(batch.letters))
        note = QLabel(text, self)
        note.setWordWrap(True)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.date)
        column.addWidget(self.date.message_label)
        form = QFormLayout()
        form.addRow(self.tr("発送日"), column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.date.validity_changed.connect(self.ok_button.setEnabled)
        self.ok_button.setEnabled(self.date.is_valid())
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.date.is_valid():
            super().accept()

    def sent_on(self) -> date:
        return self.date.value()


def make_letters(parent: QWidget | None, session: Session, kind: LetterKind | SlipKind, *,
                 claim_ids: Sequence[str] | None = None, due: bool = False,
                 output: Path | None = None, with_payment_slip: bool = False) -> BackgroundOp | LetterSettingsDialog:
    """Render a batch in the background (progress, cancel), then open its preview.

    `kind` may be SlipKind.PAYMENT_SLIP (納付書 alone); `with_payment_slip` encloses a
    納付書 after each letter for the claims it lists.

    While who sends letters or whom to call is not set, no letter is made: the 文書の設定
    dialog opens instead (and is returned); once it is saved complete, the batch starts
    and the dialog's `follow_up` holds its operation.
    """
    missing = missing_settings(letter_settings(session.ledger))
    if missing:
        dialog = LetterSettingsDialog(session, parent, missing=missing)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.follow_up = None

        def retry() -> None:
            if dialog.complete():
                dialog.follow_up = make_letters(parent, session, kind, claim_ids=claim_ids, due=due, output=output,
                                                with_payment_slip=with_payment_slip)

        dialog.accepted.connect(retry)
        dialog.open()
        return dialog
    # Without an output named, the batch goes to a temporary folder for the preview alone
    # (a copy of what is recorded as sent is kept in the ledger's folder): it is removed
    # when the preview closes, or at once if nothing is shown.
    scratch = scratch_folder("claimdesk-letters-") if output is None else None
    output = output or scratch / f"{kind.value}.pdf"
    issued_on = session.today()
    ids = list(claim_ids) if claim_ids is not None else None

    def work(ledger, progress):
        if isinstance(kind, SlipKind):
            return render_slip_batch(ledger, output, issued_on, claim_ids=ids, due=due, progress=progress)
        return render_batch(ledger, kind, output, issued_on, claim_ids=ids, due=due, progress=progress,
                            with_payment_slip=with_payment_slip)

    def show(batch: LetterBatch) -> None:
        preview = LetterPreview(session, batch, parent)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if scratch is not None:
            preview.finished.connect(lambda _result: remove_scratch(scratch))
        op.preview = preview  # for whoever wants to follow up (and for tests)
        preview.open()

    title = parent.tr("文書の作成") if parent else "文書の作成"
    op = BackgroundOp(parent, on_own_ledger(session.path, work)).with_progress(title, f"{kind.label}を作成しています…")
    op.preview = None
    if scratch is not None:  # failed or cancelled: no preview will remove it
        op.ended(lambda: op.result is None and remove_scratch(scratch))
    return op.success(show).run_in_background()
