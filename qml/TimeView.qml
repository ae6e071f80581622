// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The run over time: swimlanes per CPU and per task, event marks and the
// failed-trylock density on one virtual-time axis, the cursor at the current
// step. A click on a bar or a mark jumps to its first step; the wheel zooms,
// a drag pans, a drag on the axis moves the cursor. Colours are explained in
// words underneath.
ColumnLayout {
    id: view

    required property RunModel run
    //! The swimlanes item (File ▸ Export uses it).
    readonly property alias swimlanes: lanes

    spacing: Theme.spacing / 2

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing / 2

        Button {
            objectName: "fitAllButton"
            text: qsTr("Fit all (0)")
            onClicked: lanes.fitAll()
        }
        Button {
            objectName: "zoomVerdictButton"
            text: qsTr("Zoom to the cycle (Z)")
            onClicked: lanes.zoomToVerdict()
        }
        Button {
            text: "−"
            Accessible.name: qsTr("Zoom out")
            onClicked: lanes.zoom(1 / 1.5)
        }
        Button {
            text: "+"
            Accessible.name: qsTr("Zoom in")
            onClicked: lanes.zoom(1.5)
        }
        Label {
            Layout.fillWidth: true
            objectName: "timeHoverText"
            text: lanes.hoverText !== "" ? lanes.hoverText
                                         : qsTr("wheel: zoom · drag: pan · click a bar: jump to its step")
            color: lanes.hoverText !== "" ? Theme.text : Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
        }
    }

    ScrollView {
        id: laneScroll

        objectName: "timeLaneScroll"
        Layout.fillWidth: true
        Layout.fillHeight: true
        contentWidth: availableWidth
        contentHeight: lanes.contentHeight
        clip: true

        SwimlaneItem {
            id: lanes

            objectName: "swimlanes"
            width: parent.width
            height: Math.max(contentHeight, laneScroll.height)
            run: view.run
            textColor: Theme.text
            mutedColor: Theme.mutedText
            backgroundColor: Theme.panel
            laneColor: Theme.laneBackground
            gridColor: Theme.dark ? "#3a4048" : "#e0e2e6"
            fontPixelSize: Theme.smallFontSize
            onSeekRequested: step => view.run.seek(step)
        }
    }

    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacing

        Repeater {
            model: [
                { swatch: "#555b63", word: qsTr("running (kernel)") },
                { swatch: "#a3a9b1", word: qsTr("running (user)") },
                { swatch: "#e8891c", word: qsTr("↻ spinning / failed trylocks") },
                { swatch: "#f2d16b", word: qsTr("runnable, no CPU") },
                { swatch: "#d9dce0", word: qsTr("asleep (on what: on the bar)") },
                { swatch: "#2e7d32", word: qsTr("✔ done") },
                { swatch: "#c62828", word: qsTr("verdict: stuck") },
                { swatch: "#2e7d32", word: qsTr("verdict: completed") }
            ]

            delegate: RowLayout {
                required property var modelData

                spacing: 4

                Rectangle {
                    width: Theme.smallFontSize
                    height: Theme.smallFontSize
                    radius: 3
                    color: modelData.swatch
                    border.color: Theme.laneBorder
                }

                Label {
                    text: modelData.word
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallFontSize
                }
            }
        }

        Label {
            width: Math.min(implicitWidth, parent.width)
            text: qsTr("▽▲ drain work queued/done · ◇◆✕ migration begun/done/failed · { } expedited GP · ↺ backoff · ⚠ hazard · | context switch")
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            wrapMode: Text.Wrap
        }
    }
}
