// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// What just happened: the last steps of the run in words, newest first, the
// current one marked ▶. Clicking a row (or Enter on it) jumps the run to that
// step; the rows stay put, and those after the current step show muted as
// the recorded future that F5 replays.
ColumnLayout {
    id: panel

    //! The run shown.
    required property RunModel run
    //! The log itself (tests and the window read it).
    readonly property alias log: stepLog
    readonly property alias list: list

    spacing: Theme.spacing / 2

    StepLogModel {
        id: stepLog

        run: panel.run
    }

    Label {
        Layout.fillWidth: true
        text: list.count > 0 ? qsTr("The last %1 steps, newest first (click one to go back to it):").arg(list.count)
                             : qsTr("No step taken yet: F5 takes one.")
        font.bold: true
        color: Theme.text
        wrapMode: Text.Wrap
    }

    ListView {
        id: list

        Layout.fillWidth: true
        Layout.fillHeight: true
        objectName: "stepLogList"
        clip: true
        spacing: 2
        model: stepLog
        currentIndex: stepLog.currentRow
        boundsBehavior: Flickable.StopAtBounds
        keyNavigationEnabled: true
        activeFocusOnTab: true
        Keys.onReturnPressed: stepLog.jumpTo(list.currentIndex)
        Keys.onEnterPressed: stepLog.jumpTo(list.currentIndex)

        delegate: Rectangle {
            id: row

            required property int index
            required property int step
            required property string text
            required property bool current
            required property bool ahead

            width: list.width - Theme.spacing
            implicitHeight: rowText.implicitHeight + Theme.spacing / 2
            radius: Theme.radius
            color: row.current ? Theme.flagBackground : hover.hovered ? Theme.laneBackground : "transparent"
            border.color: row.current ? Theme.flagAccent : list.activeFocus && list.currentIndex === row.index ? Theme.laneBorder : "transparent"
            border.width: row.current ? 2 : 1

            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Step %1: %2").arg(row.step).arg(row.text)
            Accessible.onPressAction: stepLog.jumpTo(row.index)

            HoverHandler {
                id: hover
            }

            TapHandler {
                onTapped: stepLog.jumpTo(row.index)
            }

            ToolTip.visible: hover.hovered
            ToolTip.delay: 600
            ToolTip.text: row.current ? qsTr("The run is here") : qsTr("Go to step %1").arg(row.step)

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing / 2
                anchors.rightMargin: Theme.spacing / 2
                spacing: Theme.spacing / 2

                Label {
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: stepNumbers.advanceWidth
                    text: (row.current ? "▶" : "") + row.step
                    horizontalAlignment: Text.AlignRight
                    font.pixelSize: Theme.smallFontSize
                    font.bold: row.current
                    color: row.ahead ? Theme.mutedText : Theme.text
                }
                Label {
                    id: rowText

                    Layout.fillWidth: true
                    text: row.text
                    font.pixelSize: Theme.smallFontSize
                    font.bold: row.current
                    font.italic: row.ahead
                    color: row.ahead ? Theme.mutedText : Theme.text
                    wrapMode: Text.Wrap
                }
            }
        }

        TextMetrics {
            id: stepNumbers

            font.pixelSize: Theme.smallFontSize
            font.bold: true
            text: "▶00000"
        }

        ScrollBar.vertical: ScrollBar {
            policy: ScrollBar.AsNeeded
        }
    }
}
