// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Layouts
import FolioLab

// Three QCustomPlot charts over virtual time, up to the current step: T's
// failed trylocks climb while the progress counters stay flat and the drain
// grows old.
ColumnLayout {
    id: panel

    //! The run plotted: the window's, or a side of the compare view.
    required property RunModel run
    //! The time range shown (virtual ns), shared with the swimlanes; an
    //! empty range (the default) shows the run up to the current step.
    property real viewStart: 0
    property real viewEnd: 0
    //! The three plots (File ▸ Export plots).
    readonly property list<Item> plots: [trylockPlot, progressPlot, drainPlot]

    spacing: Theme.spacing / 2

    PlotItem {
        id: trylockPlot

        objectName: "plotTrylock"
        Layout.fillWidth: true
        Layout.fillHeight: true
        // Room for the legend, the axis and a few ticks: never squashed flat.
        Layout.minimumHeight: Theme.smallFontSize * 4.5
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
        Layout.fillHeight: true
        // Room for the legend, the axis and a few ticks: never squashed flat.
        Layout.minimumHeight: Theme.smallFontSize * 4.5
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
        Layout.fillHeight: true
        // Room for the legend, the axis and a few ticks: never squashed flat.
        Layout.minimumHeight: Theme.smallFontSize * 4.5
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
