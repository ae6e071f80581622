// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// Three QCustomPlot charts over virtual time, up to the current step: T's
// failed trylocks climb while the progress counters stay flat and the drain
// grows old. Each keeps a readable height (legend, a few ticks, the axis):
// in a short panel (a projector, large text) they scroll rather than squash.
ScrollView {
    id: panel

    //! The run plotted: the window's, or a side of the compare view.
    required property RunModel run
    //! The time range shown (virtual ns), shared with the swimlanes; an
    //! empty range (the default) shows the run up to the current step.
    property real viewStart: 0
    property real viewEnd: 0
    //! The three plots (File ▸ Export plots).
    readonly property list<Item> plots: [trylockPlot, progressPlot, drainPlot]
    // A plot's least height: the legend, three ticks and the time axis.
    readonly property real plotMinimum: Theme.smallFontSize * 10
    readonly property real plotHeight: Math.max(panel.plotMinimum, (panel.availableHeight - 2 * column.spacing) / 3)

    contentWidth: availableWidth
    contentHeight: column.implicitHeight
    clip: true

    ColumnLayout {
        id: column

        width: panel.availableWidth
        spacing: Theme.spacing / 2

        PlotItem {
            id: trylockPlot

            objectName: "plotTrylock"
            Layout.fillWidth: true
            Layout.preferredHeight: panel.plotHeight
            run: panel.run
            viewStart: panel.viewStart
            viewEnd: panel.viewEnd
            series: PlotItem.TrylockFailures
            textColor: Theme.text
            backgroundColor: Theme.window
            fontPixelSize: Theme.smallFontSize
            Accessible.role: Accessible.Chart
            Accessible.name: qsTr("T's failed folio_trylock over virtual time")
        }

        PlotItem {
            id: progressPlot

            objectName: "plotProgress"
            Layout.fillWidth: true
            Layout.preferredHeight: panel.plotHeight
            run: panel.run
            viewStart: panel.viewStart
            viewEnd: panel.viewEnd
            series: PlotItem.Progress
            textColor: Theme.text
            backgroundColor: Theme.window
            fontPixelSize: Theme.smallFontSize
            Accessible.role: Accessible.Chart
            Accessible.name: qsTr("Progress counters over virtual time")
        }

        PlotItem {
            id: drainPlot

            objectName: "plotDrain"
            Layout.fillWidth: true
            Layout.preferredHeight: panel.plotHeight
            run: panel.run
            viewStart: panel.viewStart
            viewEnd: panel.viewEnd
            series: PlotItem.DrainLatency
            textColor: Theme.text
            backgroundColor: Theme.window
            fontPixelSize: Theme.smallFontSize
            Accessible.role: Accessible.Chart
            Accessible.name: qsTr("Age of the lru_add_drain_all in flight over virtual time")
        }
    }
}
