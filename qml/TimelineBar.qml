// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The recorded run as a scrubber: drag or click to jump to any step; ticks
// mark bookmarks (blue), the verdict (red) and where a re-run under other
// fixes diverged (amber); amber bands mark steps where a compared run does
// something else. Arrow keys move by one step, Page keys by 1000. A jump is
// asked for with seekRequested, so the compare view can move both its runs.
RowLayout {
    id: bar

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run
    //! The slider's length: the run's, or the longer of two compared runs.
    property int span: bar.run.totalSteps
    //! Steps that differ from a compared run: {from, to} maps.
    property var ranges: []
    //! Amber for steps that differ from a compared run; red for a lasso's cycle.
    property color rangeColor: Theme.neutralAccent
    property bool showBookmarks: true

    signal seekRequested(int step)

    spacing: Theme.spacing

    Label {
        text: qsTr("step")
        color: Theme.mutedText
    }

    Slider {
        id: slider

        objectName: "timelineSlider"
        Layout.fillWidth: true
        from: 0
        to: Math.max(1, bar.span)
        stepSize: 1
        snapMode: Slider.SnapAlways
        enabled: bar.run.loaded && !bar.run.busy && bar.run.totalSteps > 0
        // Depends on totalSteps too: when the run grows, `to` changes after
        // `steps`, and a value clamped to the old `to` must be re-read.
        value: Math.min(bar.run.steps, bar.span)
        live: true
        onMoved: bar.seekRequested(Math.round(slider.value))
        Keys.onPressed: event => {
            if (event.key === Qt.Key_PageUp || event.key === Qt.Key_PageDown) {
                bar.seekRequested(bar.run.steps + (event.key === Qt.Key_PageUp ? 1000 : -1000))
                event.accepted = true
            }
        }

        Accessible.name: qsTr("Timeline")
        Accessible.description: qsTr("Jump to any recorded step")
        ToolTip.visible: slider.hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Jump to any recorded step (←/→ one step, PgUp/PgDn 1000)")

        // Markers sit on the groove, under the handle.
        Repeater {
            model: bar.ranges

            delegate: Rectangle {
                required property var modelData

                x: slider.leftPadding + slider.availableWidth * (modelData.from - 1) / slider.to
                y: slider.topPadding + slider.availableHeight / 2 - height / 2
                width: Math.max(3, slider.availableWidth * (modelData.to - modelData.from + 1) / slider.to)
                height: 12
                color: bar.rangeColor
                opacity: 0.55
                z: -1
            }
        }

        Repeater {
            model: bar.run.bookmarks

            delegate: Rectangle {
                required property int modelData

                x: slider.leftPadding + slider.availableWidth * modelData / slider.to - width / 2
                y: slider.topPadding + slider.availableHeight / 2 - height / 2
                width: 4
                height: 22
                color: Theme.flagAccent
                z: -1
            }
        }

        Rectangle {
            visible: bar.run.verdictStep >= 0
            x: slider.leftPadding + slider.availableWidth * bar.run.verdictStep / slider.to - width / 2
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: 4
            height: 26
            color: Theme.badAccent
            z: -1
        }

        Rectangle {
            visible: bar.run.divergenceStep >= 0
            x: slider.leftPadding + slider.availableWidth * bar.run.divergenceStep / slider.to - width / 2
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: 4
            height: 26
            color: Theme.neutralAccent
            z: -1
        }
    }

    Label {
        objectName: "stepCounter"
        text: qsTr("%1 / %2").arg(bar.run.steps).arg(bar.run.totalSteps)
        font.bold: true
        color: Theme.text
    }

    ComboBox {
        id: bookmarkBox

        visible: bar.showBookmarks
        Layout.preferredWidth: Theme.baseFontSize * 9
        // As tall as its text at any text size (Fusion's is not).
        implicitHeight: Math.ceil(bookmarkMetrics.height) + 10
        enabled: bar.run.bookmarks.length > 0
        model: bar.run.bookmarkList
        textRole: "label" // "Step 542 — T meets D"
        displayText: qsTr("bookmarks (%1)").arg(bar.run.bookmarks.length)
        onActivated: index => bar.seekRequested(bar.run.bookmarkList.stepAt(index))
        Accessible.name: qsTr("Bookmarks")
        ToolTip.visible: bookmarkBox.hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Jump to a bookmarked step (Ctrl+B bookmarks this step)")

        FontMetrics {
            id: bookmarkMetrics

            font: bookmarkBox.font
        }
    }
}
