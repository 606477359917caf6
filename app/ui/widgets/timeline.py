"""Timeline: the insurance history drawn by year, one lane per scheme family.

Owns: painting a ``app.domain.timeline.Timeline`` (bars per period, gaps hatched amber,
months counted twice cross-hatched red; patterns as well as colours, so the picture does
not depend on telling red from green), the tooltips over it, and its text summary for
screen readers. It computes nothing about the history: the page hands it a new layout
when the history has changed, after the session's debounced check.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain import timeline as layout_
from app.domain.enums import Scheme

MAX_TOOLTIP_LINES = 12  # lines of the tooltip over one month; the rest as "等另外 N 处"

_BAR = {
    Scheme.EMPLOYEE: QColor("#2f6db5"),
    Scheme.RESIDENT: QColor("#2e8b57"),
    Scheme.NCMS: QColor("#6fae8a"),
    Scheme.URBAN_RESIDENT: QColor("#6fae8a"),
}
_GAP = QColor("#e0a000")
_OVERLAP = QColor("#c62828")
_GRID = QColor("#d0d0d0")
_TEXT = QColor("#333333")
_MUTED = QColor("#777777")


class Timeline(QWidget):
    """Call ``set_timeline(app.domain.timeline.layout(history))`` when the history changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline = layout_.layout([])
        self._left_px: int | None = None  # the lanes' titles' width: per font and language
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable for screen-reader users
        self.setMouseTracking(False)
        self.retranslate()

    # -- content ---------------------------------------------------------------------------
    def set_timeline(self, timeline: layout_.Timeline) -> None:
        if timeline == self._timeline:
            return  # e.g. an employer's name changed: nothing drawn changes (200 bars: ~10 ms)
        self._timeline = timeline
        self.setAccessibleDescription(self.summary_text())
        self.update()

    def timeline(self) -> layout_.Timeline:
        return self._timeline

    def retranslate(self) -> None:
        self._scheme_names = {
            Scheme.EMPLOYEE: self.tr("职工医保"), Scheme.RESIDENT: self.tr("城乡居民医保"),
            Scheme.NCMS: self.tr("新农合"), Scheme.URBAN_RESIDENT: self.tr("城镇居民医保"),
        }
        self._left_px = None
        self.setAccessibleName(self.tr("参保时间轴"))
        self.setAccessibleDescription(self.summary_text())
        self.update()

    def lane_title(self, family: Scheme) -> str:
        return self.tr("职工") if family is Scheme.EMPLOYEE else self.tr("居民")

    def scheme_short(self, scheme: Scheme) -> str:
        return self._scheme_names[scheme]

    def _segment_text(self, segment: layout_.Segment, with_row: bool = False) -> str:
        area = segment.area_name or segment.area_code
        text = self.tr("{start} 至 {end} {scheme} {area}").format(
            start=segment.start, end=segment.end, scheme=self.scheme_short(segment.scheme), area=area).strip()
        return self.tr("第 {n} 段：{text}").format(n=segment.row + 1, text=text) if with_row else text

    def _gap_text(self, first: int, last: int) -> str:
        stretch = layout_.Stretch(first, last)
        return self.tr("空档 {start} 至 {end}（{months} 个月）").format(
            start=stretch.start, end=stretch.end, months=stretch.months)

    def _overlap_text(self, overlap: layout_.Overlap) -> str:
        stretch = layout_.Stretch(overlap.first, overlap.last)
        if overlap.same_family:
            text = self.tr("重叠 {start} 至 {end}：第 {a} 段与第 {b} 段重复计算")
        else:
            text = self.tr("重复参保 {start} 至 {end}：第 {a} 段与第 {b} 段")
        return text.format(start=stretch.start, end=stretch.end, a=overlap.earlier + 1, b=overlap.later + 1)

    def summary_text(self) -> str:
        """The whole picture in words, in time order (the accessible description)."""
        if self._timeline.empty:
            return self.tr("还没有可以画出的参保记录。")
        parts = []
        for item in layout_.summary_items(self._timeline):
            if item.kind == "period" and item.segment is not None:
                parts.append(self._segment_text(item.segment))
            elif item.kind == "gap":
                parts.append(self._gap_text(item.first, item.last))
            elif item.overlap is not None:
                parts.append(self._overlap_text(item.overlap))
        return self.tr("；").join(parts)

    # -- geometry --------------------------------------------------------------------------
    def _metrics(self) -> tuple[int, int, int, int]:
        fm = self.fontMetrics()
        line = fm.height()
        axis = line + 4
        lane = max(18, line + 4)
        legend = line + 6
        return line, axis, lane, legend

    def sizeHint(self) -> QSize:
        _line, axis, lane, legend = self._metrics()
        return QSize(600, 4 + axis + 2 * lane + 6 + 6 + legend)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def _left(self) -> int:
        if self._left_px is None:  # asked for every bar painted
            fm = self.fontMetrics()
            self._left_px = 8 + max(fm.horizontalAdvance(self.lane_title(f)) for f in layout_.FAMILIES) + 8
        return self._left_px

    def _scale(self) -> tuple[float, float, int]:
        """(x of the first month, pixels per month, first month index)."""
        years = self._timeline.years
        left, right = self._left(), self.width() - 8
        total = max(1, len(years) * 12)
        return float(left), max(0.1, (right - left) / total), years.start * 12 if years else 0

    def _lane_rects(self) -> list[QRectF]:
        _line, axis, lane, _legend = self._metrics()
        top = 4 + axis
        left, right = self._left(), self.width() - 8
        return [QRectF(left, top + i * (lane + 6), right - left, lane) for i in range(len(layout_.FAMILIES))]

    def _x(self, month: int) -> float:
        x0, per, first = self._scale()
        return x0 + (month - first) * per

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        if self._timeline.empty:
            painter.setPen(_MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("填写了险种和起止年月的记录会显示在这条时间轴上。"))
            painter.end()
            return
        lanes = self._lane_rects()
        self._paint_axis(painter, lanes)
        band = QRectF(lanes[0].left(), lanes[0].top(), lanes[0].width(), lanes[-1].bottom() - lanes[0].top())
        for rect in lanes:
            painter.fillRect(rect, QColor("#f4f4f4"))
        for gap in self._timeline.gaps:
            self._paint_stretch(painter, gap.first, gap.last, band, _GAP, Qt.BrushStyle.BDiagPattern)
        for rect, lane in zip(lanes, self._timeline.lanes):
            for segment in lane.segments:
                self._paint_segment(painter, segment, rect)
            for twice in lane.overlaps:
                self._paint_stretch(painter, twice.first, twice.last, rect, _OVERLAP, Qt.BrushStyle.DiagCrossPattern)
        for both in self._timeline.duplicates:
            self._paint_stretch(painter, both.first, both.last, band, _OVERLAP, Qt.BrushStyle.DiagCrossPattern)
        self._paint_legend(painter, lanes[-1].bottom() + 6)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 1, Qt.PenStyle.DotLine))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_axis(self, painter: QPainter, lanes: list[QRectF]) -> None:
        fm = self.fontMetrics()
        years = self._timeline.years
        _x0, per, _first = self._scale()
        label_width = fm.horizontalAdvance("2000") + 6
        step = next((s for s in (1, 2, 5, 10, 20) if s * 12 * per >= label_width), 50)
        for i, family in enumerate(layout_.FAMILIES):
            painter.setPen(_TEXT)
            painter.drawText(QRectF(4, lanes[i].top(), self._left() - 8, lanes[i].height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.lane_title(family))
        for year in years:
            x = self._x(year * 12)
            painter.setPen(QPen(_GRID, 1))
            painter.drawLine(QPointF(x, lanes[0].top() - 2), QPointF(x, lanes[-1].bottom()))
            if (year - years.start) % step == 0:
                painter.setPen(_MUTED)
                painter.drawText(QPointF(x + 2, 4 + fm.ascent()), str(year))
        x_end = self._x((years.stop) * 12)
        painter.setPen(QPen(_GRID, 1))
        painter.drawLine(QPointF(x_end, lanes[0].top() - 2), QPointF(x_end, lanes[-1].bottom()))

    def _paint_segment(self, painter: QPainter, segment: layout_.Segment, rect: QRectF) -> None:
        x1, x2 = self._x(segment.first), self._x(segment.last + 1)
        bar = QRectF(x1, rect.top() + 2, max(1.0, x2 - x1), rect.height() - 4)
        painter.fillRect(bar, _BAR[segment.scheme])
        painter.setPen(QPen(QColor("white"), 1))
        painter.drawLine(QPointF(x1, bar.top()), QPointF(x1, bar.bottom()))
        text = segment.area_name or segment.area_code
        if text and bar.width() > self.fontMetrics().horizontalAdvance(text) + 6:
            painter.drawText(bar.adjusted(3, 0, -3, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_stretch(self, painter: QPainter, first: int, last: int, rect: QRectF, colour: QColor,
                       pattern: Qt.BrushStyle) -> None:
        x1, x2 = self._x(first), self._x(last + 1)
        self._hatch(painter, QRectF(x1, rect.top(), max(2.0, x2 - x1), rect.height()), colour, pattern)

    @staticmethod
    def _hatch(painter: QPainter, area: QRectF, colour: QColor, pattern: Qt.BrushStyle) -> None:
        tint = QColor(colour)
        tint.setAlpha(70)
        painter.fillRect(area, tint)
        painter.fillRect(area, QBrush(colour, pattern))
        painter.setPen(QPen(colour, 1))
        painter.drawRect(area.adjusted(0, 0, -1, -1))

    def _paint_legend(self, painter: QPainter, top: float) -> None:
        fm = self.fontMetrics()
        size = fm.height() - 4
        x = float(self._left())
        entries = [
            (self.tr("职工医保"), _BAR[Scheme.EMPLOYEE], None),
            (self.tr("城乡居民医保"), _BAR[Scheme.RESIDENT], None),
            (self.tr("新农合 / 城镇居民医保"), _BAR[Scheme.NCMS], None),
            (self.tr("空档"), _GAP, Qt.BrushStyle.BDiagPattern),
            (self.tr("重叠"), _OVERLAP, Qt.BrushStyle.DiagCrossPattern),
        ]
        for text, colour, pattern in entries:
            swatch = QRectF(x, top + 2, size * 1.6, size)
            if pattern is None:
                painter.fillRect(swatch, colour)
            else:
                self._hatch(painter, swatch, colour, pattern)
            painter.setPen(_TEXT)
            painter.drawText(QPointF(swatch.right() + 4, top + 2 + fm.ascent() - 2), text)
            x = swatch.right() + 4 + fm.horizontalAdvance(text) + 14

    # -- tooltips --------------------------------------------------------------------------
    def text_at(self, x: float, y: float) -> str:
        """What lies under a point: periods, gaps and overlaps there, one per line."""
        if self._timeline.empty:
            return ""
        x0, per, first = self._scale()
        month = first + int((x - x0) // per)
        lanes = self._lane_rects()
        lines = []
        for rect, lane in zip(lanes, self._timeline.lanes):
            if rect.top() <= y <= rect.bottom():
                lines += [self._segment_text(s, with_row=True) for s in lane.segments if s.first <= month <= s.last]
        lines += [self._gap_text(g.first, g.last) for g in self._timeline.gaps if g.first <= month <= g.last]
        lines += [self._overlap_text(o) for o in self._timeline.overlaps if o.first <= month <= o.last]
        if len(lines) > MAX_TOOLTIP_LINES:  # a long history can stack dozens of periods on one month
            more = len(lines) - MAX_TOOLTIP_LINES
            lines = lines[:MAX_TOOLTIP_LINES] + [self.tr("……等另外 {n} 处").format(n=more)]
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.text_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._left_px = None
        return super().event(event)

