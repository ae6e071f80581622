// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One CPU: who runs on it, what that task is doing, who waits behind it, and
// the per-CPU state the livelock turns on (need_resched, the lru_add batch,
// the pending drain work), and who sleeps on it waiting for what. A CPU whose task spins on a folio lock gets an
// orange frame and a "spinning" badge.
Rectangle {
    id: lane

    required property string cpuName
    required property string runningTask
    required property string runqueue
    required property bool needResched
    required property int batchCount
    required property bool workPending
    required property string activity
    required property bool spinning
    required property string sleeping

    implicitHeight: layout.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: lane.spinning ? Theme.spinningBackground : Theme.laneBackground
    border.color: lane.spinning ? Theme.spinningAccent : Theme.laneBorder
    border.width: lane.spinning ? 4 : 1

    Accessible.role: Accessible.Grouping
    Accessible.name: lane.cpuName + ": " + lane.runningTask + " " + lane.activity

    ColumnLayout {
        id: layout

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: Theme.spacing / 2

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                Layout.preferredWidth: 80
                text: lane.cpuName
                color: Theme.text
                font.bold: true
                font.pixelSize: Theme.largeFontSize
            }

            Label {
                Layout.preferredWidth: 260
                text: lane.runningTask
                color: Theme.text
                font.bold: true
                font.pixelSize: Theme.largeFontSize
                elide: Text.ElideRight
            }

            Label {
                visible: lane.spinning
                text: qsTr("↻ spinning")
                color: "white"
                font.bold: true
                leftPadding: 8
                rightPadding: 8
                topPadding: 2
                bottomPadding: 2
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.spinningAccent
                }
            }

            Item {
                Layout.fillWidth: true
            }

            LaneFact {
                name: qsTr("runqueue")
                value: lane.runqueue === "" ? qsTr("empty") : lane.runqueue
            }

            LaneFact {
                name: qsTr("need_resched")
                value: lane.needResched ? qsTr("yes") : qsTr("no")
                flagged: lane.needResched
            }

            LaneFact {
                name: qsTr("batch")
                value: lane.batchCount
                flagged: lane.batchCount > 0
            }

            LaneFact {
                name: qsTr("drain work")
                value: lane.workPending ? qsTr("pending") : qsTr("none")
                flagged: lane.workPending
            }
        }

        Label {
            Layout.fillWidth: true
            visible: text !== ""
            text: lane.activity
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: lane.sleeping !== ""
            text: qsTr("sleeping here: %1").arg(lane.sleeping)
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }
    }
}
