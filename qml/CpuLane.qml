// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One CPU: who runs on it, what that task is doing, who waits behind it, and
// the per-CPU state the livelock turns on (need_resched, the lru_add batch
// and its folios, the mm_percpu_wq drain item), and who sleeps on it waiting
// for what. A CPU whose task spins on a folio lock gets a thick orange frame
// and a "spinning" badge. Clicking the lane steps exactly this CPU.
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
    required property string batchFolios
    required property bool workRunning
    required property int index
    //! This CPU has an enabled choice (clicking it steps it).
    property bool canStep: true

    signal stepRequested(int cpu)

    implicitHeight: layout.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: lane.spinning ? Theme.spinningBackground : Theme.laneBackground
    border.color: lane.spinning ? Theme.spinningAccent : Theme.laneBorder
    border.width: lane.spinning ? 4 : 1

    Accessible.role: Accessible.Button
    Accessible.name: lane.cpuName + ": " + lane.runningTask + " " + lane.activity
    Accessible.description: qsTr("Click to step %1").arg(lane.cpuName)
    Accessible.onPressAction: lane.stepRequested(lane.index)

    HoverHandler {
        id: hover
    }

    TapHandler {
        enabled: lane.canStep
        onTapped: lane.stepRequested(lane.index)
    }

    ToolTip.visible: hover.hovered && lane.canStep
    ToolTip.delay: 600
    ToolTip.text: qsTr("Click to step %1 exactly once").arg(lane.cpuName)

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
                Layout.preferredWidth: Theme.largeFontSize * 3.4
                text: lane.cpuName
                color: Theme.text
                font.bold: true
                font.pixelSize: Theme.largeFontSize
            }

            Label {
                Layout.fillWidth: true
                text: lane.runningTask
                color: Theme.text
                font.bold: true
                font.pixelSize: Theme.largeFontSize
                elide: Text.ElideRight
            }

            Label {
                objectName: "spinningBadge"
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

        }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing / 2

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
                name: qsTr("lru_add batch")
                value: lane.batchCount > 0 ? lane.batchFolios : qsTr("empty")
                flagged: lane.batchCount > 0
            }

            LaneFact {
                name: qsTr("drain work")
                value: lane.workRunning ? qsTr("running") : lane.workPending ? qsTr("pending")
                                                                             : qsTr("none")
                flagged: lane.workPending || lane.workRunning
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
