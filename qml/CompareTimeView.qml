// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// Both runs of the compare view over time, A above B, on one time axis: the
// livelock's 50 ms of spinning above, the fixed run's microseconds below,
// drawn to the same scale. Zoom or pan either; the other follows. A click
// on a bar moves both runs to that step.
ColumnLayout {
    id: view

    required property CompareModel compare

    spacing: Theme.spacing / 2

    function fitBoth() {
        laneA.fitAll()
        laneA.setView(0, Math.max(laneA.traceEnd, laneB.traceEnd))
    }

    RowLayout {
        Layout.fillWidth: true

        Button {
            text: qsTr("Fit both")
            onClicked: view.fitBoth()
        }
        Button {
            text: qsTr("Zoom to A's cycle")
            onClicked: laneA.zoomToVerdict()
        }
        Button {
            text: qsTr("Zoom to B")
            onClicked: laneA.setView(0, laneB.traceEnd * 1.05)
        }
        Label {
            Layout.fillWidth: true
            text: laneA.hoverText !== "" ? "A — " + laneA.hoverText
                  : laneB.hoverText !== "" ? "B — " + laneB.hoverText
                  : qsTr("one time axis for both runs · wheel: zoom · drag: pan")
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
        }
    }

    Label {
        text: view.compare.labelA
        font.bold: true
        color: Theme.text
    }

    ScrollView {
        id: scrollA

        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredHeight: 1
        contentWidth: availableWidth
        contentHeight: laneA.contentHeight
        clip: true

        SwimlaneItem {
            id: laneA

            objectName: "compareSwimlanesA"
            width: parent.width
            height: Math.max(contentHeight, scrollA.height)
            run: view.compare.a
            textColor: Theme.text
            mutedColor: Theme.mutedText
            backgroundColor: Theme.panel
            laneColor: Theme.laneBackground
            gridColor: Theme.dark ? "#3a4048" : "#e0e2e6"
            fontPixelSize: Theme.smallFontSize
            onSeekRequested: step => view.compare.seek(step)
            onViewChanged: laneB.setView(viewStart, viewEnd)
        }
    }

    Label {
        text: view.compare.labelB
        font.bold: true
        color: Theme.text
    }

    ScrollView {
        id: scrollB

        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredHeight: 1
        contentWidth: availableWidth
        contentHeight: laneB.contentHeight
        clip: true

        SwimlaneItem {
            id: laneB

            objectName: "compareSwimlanesB"
            width: parent.width
            height: Math.max(contentHeight, scrollB.height)
            run: view.compare.b
            textColor: Theme.text
            mutedColor: Theme.mutedText
            backgroundColor: Theme.panel
            laneColor: Theme.laneBackground
            gridColor: Theme.dark ? "#3a4048" : "#e0e2e6"
            fontPixelSize: Theme.smallFontSize
            onSeekRequested: step => view.compare.seek(step)
            onViewChanged: laneA.setView(viewStart, viewEnd)
        }
    }
}
