// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The recorded run as a scrubber: drag or click to jump to any step; ticks
// mark bookmarks (blue), the verdict (red) and where a re-run under other
// fixes diverged (amber). Arrow keys move by one step, Page keys by 1000.
RowLayout {
    id: bar

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
        to: Math.max(1, SimController.totalSteps)
        stepSize: 1
        snapMode: Slider.SnapAlways
        enabled: SimController.loaded && !SimController.busy && SimController.totalSteps > 0
        // Depends on totalSteps too: when the run grows, `to` changes after
        // `steps`, and a value clamped to the old `to` must be re-read.
        value: Math.min(SimController.steps, SimController.totalSteps)
        live: true
        onMoved: SimController.seek(Math.round(slider.value))
        Keys.onPressed: event => {
            if (event.key === Qt.Key_PageUp || event.key === Qt.Key_PageDown) {
                SimController.seek(SimController.steps + (event.key === Qt.Key_PageUp ? 1000 : -1000))
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
            model: SimController.bookmarks

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
            visible: SimController.verdictStep >= 0
            x: slider.leftPadding + slider.availableWidth * SimController.verdictStep / slider.to - width / 2
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: 4
            height: 26
            color: Theme.badAccent
            z: -1
        }

        Rectangle {
            visible: SimController.divergenceStep >= 0
            x: slider.leftPadding + slider.availableWidth * SimController.divergenceStep / slider.to - width / 2
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: 4
            height: 26
            color: Theme.neutralAccent
            z: -1
        }
    }

    Label {
        objectName: "stepCounter"
        text: qsTr("%1 / %2").arg(SimController.steps).arg(SimController.totalSteps)
        font.bold: true
        color: Theme.text
    }

    ComboBox {
        id: bookmarkBox

        Layout.preferredWidth: Theme.baseFontSize * 9
        enabled: SimController.bookmarks.length > 0
        model: SimController.bookmarks
        displayText: qsTr("bookmarks (%1)").arg(SimController.bookmarks.length)
        onActivated: index => SimController.seek(SimController.bookmarks[index])
        Accessible.name: qsTr("Bookmarks")
        ToolTip.visible: bookmarkBox.hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Jump to a bookmarked step (Ctrl+B bookmarks this step)")
    }
}
