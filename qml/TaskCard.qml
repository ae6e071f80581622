// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// One task: its state in words, its kernel call stack, and the listing of the
// function it is in with the current step highlighted (▶ and a frame), the
// kernel function and file named above it. Clicking steps this task.
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

    implicitHeight: column.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: card.spinning ? Theme.spinningBackground : Theme.laneBackground
    border.color: card.spinning ? Theme.spinningAccent : card.running ? Theme.text : Theme.laneBorder
    border.width: card.spinning ? 4 : card.running ? 2 : 1

    Accessible.role: Accessible.Button
    Accessible.name: qsTr("%1, %2: %3").arg(card.name).arg(card.role).arg(card.taskState)
    Accessible.description: qsTr("Click to step %1").arg(card.name)
    Accessible.onPressAction: card.run.stepTask(card.taskId)

    TapHandler {
        onTapped: card.run.stepTask(card.taskId)
    }

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
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
        }

        Label {
            Layout.fillWidth: true
            visible: card.stack.length > 0
            text: qsTr("stack: %1").arg(card.stack.map(f => f.split("  ")[0]).join(" → "))
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: card.functionName !== ""
            text: qsTr("%1  —  %2").arg(card.functionName).arg(card.file)
            font.family: Theme.monoFont
            font.bold: true
            color: Theme.flagAccent
            wrapMode: Text.Wrap
        }

        Repeater {
            model: card.listing

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
