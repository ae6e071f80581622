// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// Who waits for whom, now: the wait-for graph as a picture (the cycle thick
// and red); the banner above says the same in words. Its "Enlarge" button
// shows it over the whole window (EnlargedPanel), where the text stays at the
// app's text size and the ring gets the room.
ColumnLayout {
    id: panel

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run
    //! The graph item (File ▸ Export wait-for graph).
    readonly property alias graph: graph
    //! Text size relative to the app's (the presenter layout asks for more).
    property real textScale: 1
    //! Drawn this many times sharper (the panel sits in a scaled-up view).
    property real renderScale: 1
    //! The compare view shows two graphs and no enlarge button.
    property bool enlargeable: true

    spacing: Theme.spacing / 2

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing / 2

        Label {
            Layout.fillWidth: true
            text: graph.cycleEdgeCount > 0 ? qsTr("Wait-for graph — the cycle (thick red) never breaks")
                                           : qsTr("Wait-for graph")
            font.bold: true
            font.pixelSize: Math.round(Theme.baseFontSize * panel.textScale)
            color: graph.cycleEdgeCount > 0 ? Theme.badAccent : Theme.text
            wrapMode: Text.Wrap
        }

        EnlargeButton {
            visible: panel.enlargeable
            panel: "waitGraph"
            Layout.alignment: Qt.AlignTop
        }
    }

    WaitGraphItem {
        id: graph

        objectName: "waitGraph"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 200
        edges: panel.run.waitGraph
        textColor: Theme.text
        edgeColor: Theme.mutedText
        cycleColor: Theme.badAccent
        nodeColor: Theme.panel
        // The verbs and names are what the class reads: the app's body size.
        fontPixelSize: Math.round(Theme.baseFontSize * panel.textScale)

        // Under a scaled-up parent, painted at the size it is seen at.
        Binding on textureSize {
            when: panel.renderScale !== 1
            value: Qt.size(Math.ceil(graph.width * panel.renderScale),
                           Math.ceil(graph.height * panel.renderScale))
        }

        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("Wait-for graph")
        Accessible.description: panel.run.waitCycle.join("; ")
    }
}
