"""The month calendar a date field opens (F4, Alt+Down or its icon) to pick a date."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QCalendarWidget, QFrame, QVBoxLayout, QWidget


def calendar_icon(color: QColor) -> QIcon:
    """A small calendar drawn in `color`, so it follows the theme's text colour."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(color)
    p.drawRoundedRect(QRectF(4.5, 6.5, 23, 21), 3, 3)
    p.fillRect(QRectF(5, 7, 22, 5), color)
    p.fillRect(QRectF(9, 3, 2, 6), color)
    p.fillRect(QRectF(21, 3, 2, 6), color)
    for row in range(2):
        for col in range(3):
            p.fillRect(QRectF(9 + col * 6, 15 + row * 6, 3, 3), color)
    p.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """A month calendar under a date field; a click or Enter picks the date."""

    picked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, qdate: QDate) -> None:
        self.picked.emit(qdate.toPython())
        self.close()

    def show_below(self, field: QWidget) -> None:
        """Show the calendar under `field`, or above it where the screen ends below."""
        self.adjustSize()
        where = field.mapToGlobal(QPoint(0, field.height()))
        screen = (field.screen() or QApplication.primaryScreen()).availableGeometry()
        where.setX(max(screen.left(), min(where.x(), screen.right() - self.width())))
        if where.y() + self.height() > screen.bottom():
            where.setY(field.mapToGlobal(QPoint(0, 0)).y() - self.height())
        self.move(where)
        self.show()
        self.calendar.setFocus()
