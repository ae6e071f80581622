// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The enabled choices: what each CPU (or each task, at a pick) would do next.
// The one F5 takes is marked ▶; clicking any of them steps exactly that one.
ColumnLayout {
    id: panel

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run

    spacing: Theme.spacing / 2

    Label {
        Layout.fillWidth: true
        text: list.count > 0 ? qsTr("Who can move next (click one to step it):") : qsTr("Nothing can move.")
        font.bold: true
        color: Theme.text
        wrapMode: Text.Wrap
    }

    ListView {
        id: list

        Layout.fillWidth: true
        Layout.fillHeight: true
        objectName: "choiceList"
        clip: true
        spacing: 4
        model: panel.run.choices
        boundsBehavior: Flickable.StopAtBounds
        delegate: Rectangle {
            id: row

            required property int index
            required property string label
            required property bool isNext

            width: list.width - Theme.spacing
            implicitHeight: choiceText.implicitHeight + Theme.spacing
            radius: Theme.radius
            color: hover.hovered ? Theme.flagBackground : Theme.laneBackground
            border.color: row.isNext ? Theme.text : Theme.laneBorder
            border.width: row.isNext ? 2 : 1

            Accessible.role: Accessible.Button
            Accessible.name: row.label
            Accessible.onPressAction: panel.run.stepChoice(row.index)

            HoverHandler {
                id: hover
            }

            TapHandler {
                onTapped: panel.run.stepChoice(row.index)
            }

            ToolTip.visible: hover.hovered
            ToolTip.delay: 600
            ToolTip.text: row.isNext ? qsTr("What F5 would do") : qsTr("Step exactly this one")

            Label {
                id: choiceText

                anchors.fill: parent
                anchors.margins: Theme.spacing / 2
                text: (row.isNext ? "▶ " : "") + row.label
                font.bold: row.isNext
                color: Theme.text
                wrapMode: Text.Wrap
            }
        }
        ScrollBar.vertical: ScrollBar {
        }
    }
}
