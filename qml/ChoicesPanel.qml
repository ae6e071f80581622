// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The enabled choices: what each CPU (or each task, at a pick) would do next.
// The one F5 takes is marked ▶; clicking any of them steps exactly that one.
ListView {
    id: list

    objectName: "choiceList"
    clip: true
    spacing: 4
    model: SimController.choices
    boundsBehavior: Flickable.StopAtBounds
    header: Label {
        width: list.width
        bottomPadding: Theme.spacing / 2
        text: list.count > 0 ? qsTr("Who can move next (click one to step it):")
                             : qsTr("Nothing can move.")
        font.bold: true
        color: Theme.text
        wrapMode: Text.Wrap
    }
    delegate: ItemDelegate {
        id: row

        required property int index
        required property string label
        required property bool isNext

        width: list.width - Theme.spacing
        text: (row.isNext ? "▶ " : "   ") + row.label
        font.bold: row.isNext
        onClicked: SimController.stepChoice(row.index)
        Accessible.name: row.label
        ToolTip.visible: row.hovered
        ToolTip.delay: 600
        ToolTip.text: row.isNext ? qsTr("What F5 would do") : qsTr("Step exactly this one")
        contentItem: Label {
            text: row.text
            font: row.font
            color: Theme.text
            wrapMode: Text.Wrap
        }
    }
    ScrollBar.vertical: ScrollBar {}
}
