// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// One task: its state in words, its kernel call stack, and the listing of the
// function it is in with the current step highlighted (▶ and a frame), the
// kernel function and file named above it. Folded (the default) a card is two
// lines: the task and its state, and the line it is at; a click unfolds the
// stack and the listing. Its "▶ step" button steps this task (a click on the
// card never does).
Rectangle {
    id: card

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run

    required property int taskId
    required property string name
    required property string role
    required property int cpu
    required property string taskState
    required property bool spinning
    required property bool sleeping
    required property bool running
    required property var stack
    required property string functionName
    required property string file
    required property var listing
    required property int currentLine
    //! Unfolded: the stack and the whole listing.
    property bool expanded: false
    //! Folded to one line: no "where" line (a projector, a short panel).
    property bool dense: false

    objectName: "taskCard"
    readonly property int pad: card.expanded ? Theme.padding : Theme.padding / 2

    implicitHeight: column.implicitHeight + 2 * card.pad
    radius: Theme.radius
    color: card.spinning ? Theme.spinningBackground : Theme.laneBackground
    border.color: card.spinning ? Theme.spinningAccent : card.running ? Theme.text : Theme.laneBorder
    border.width: card.spinning ? 4 : card.running ? 2 : 1

    Accessible.role: Accessible.Button
    Accessible.name: qsTr("%1, %2: %3").arg(card.name).arg(card.role).arg(card.taskState)
    Accessible.description: card.expanded ? qsTr("Click to fold") : qsTr("Click to show the stack and listing")
    Accessible.onPressAction: card.expanded = !card.expanded

    TapHandler {
        onTapped: card.expanded = !card.expanded
    }

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: card.pad
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                text: card.name
                font.bold: true
                font.pixelSize: Theme.largeFontSize
                color: Theme.text
            }

            Label {
                Layout.fillWidth: true
                text: qsTr("%1 · CPU%2 · %3").arg(card.role).arg(card.cpu).arg(card.taskState)
                color: card.spinning ? Theme.spinningAccent : Theme.text
                font.bold: card.spinning
                elide: Text.ElideRight
            }

            Label {
                text: card.expanded ? "▾" : "▸"
                color: Theme.mutedText
            }

            Button {
                objectName: "taskStepButton"
                text: card.dense ? "▶" : qsTr("▶ step")
                font.pixelSize: Theme.smallFontSize
                implicitWidth: implicitContentWidth + leftPadding + rightPadding
                topPadding: 2
                bottomPadding: 2
                focusPolicy: Qt.NoFocus
                onClicked: card.run.stepTask(card.taskId)
                Accessible.name: qsTr("Step %1").arg(card.name)
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Step %1 exactly once").arg(card.name)
            }
        }

        // Folded: where it is, in one line.
        Label {
            objectName: "taskWhere"
            Layout.fillWidth: true
            visible: !card.expanded && !card.dense && card.functionName !== ""
            text: card.currentLine >= 0 && card.currentLine < card.listing.length
                  ? qsTr("%1: ▶ %2").arg(card.functionName).arg(card.listing[card.currentLine].trim())
                  : card.functionName
            font.family: Theme.monoFont
            font.pixelSize: Theme.smallFontSize
            color: Theme.flagAccent
            elide: Text.ElideRight
            maximumLineCount: 1
        }

        Label {
            Layout.fillWidth: true
            visible: card.expanded && card.stack.length > 0
            text: qsTr("stack: %1").arg(card.stack.map(f => f.split("  ")[0]).join(" → "))
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: card.expanded && card.functionName !== ""
            text: qsTr("%1  —  %2").arg(card.functionName).arg(card.file)
            font.family: Theme.monoFont
            font.bold: true
            color: Theme.flagAccent
            wrapMode: Text.Wrap
        }

        Repeater {
            model: card.expanded ? card.listing : []

            delegate: Label {
                id: line

                required property int index
                required property string modelData
                readonly property bool current: line.index === card.currentLine

                Layout.fillWidth: true
                text: (line.current ? "▶ " : "   ") + line.modelData
                font.family: Theme.monoFont
                font.pixelSize: Theme.smallFontSize
                font.bold: line.current
                color: Theme.text
                wrapMode: Text.Wrap
                background: Rectangle {
                    visible: line.current
                    color: card.spinning ? Theme.spinningBackground : Theme.flagBackground
                    border.color: card.spinning ? Theme.spinningAccent : Theme.flagAccent
                    border.width: 2
                    radius: 3
                }
            }
        }
    }
}
