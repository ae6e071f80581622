// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// Who waits for whom, now: the wait-for graph as a picture (the cycle thick
// and red); the banner above says the same in words.
ColumnLayout {
    id: panel

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run
    //! The graph item (File ▸ Export wait-for graph).
    readonly property alias graph: graph

    spacing: Theme.spacing / 2

    Label {
        Layout.fillWidth: true
        text: graph.cycleEdgeCount > 0 ? qsTr("Wait-for graph — the cycle (thick red) never breaks")
                                       : qsTr("Wait-for graph")
        font.bold: true
        color: graph.cycleEdgeCount > 0 ? Theme.badAccent : Theme.text
        wrapMode: Text.Wrap
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
        fontPixelSize: Theme.smallFontSize

        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("Wait-for graph")
        Accessible.description: panel.run.waitCycle.join("; ")
    }
}
