// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One CPU: who runs on it, what that task is doing, who waits behind it, and
// the per-CPU state the livelock turns on (need_resched, the lru_add batch
// and its folios, the mm_percpu_wq drain item), and who sleeps on it waiting
// for what. A CPU whose task spins on a folio lock gets a thick orange frame
// and a "spinning" badge. Its "▶ step" button steps exactly this CPU; in
// compact form the lane says only what is set, in a line or two.
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
    //! Stepping from the lane is offered (the compare view only looks).
    property bool canStep: true
    //! Short of room (a projector, large text): the facts that are set and
    //! the activity share a line or two; the full lane lists every fact.
    property bool compact: false
    readonly property int pad: lane.compact ? Theme.padding / 2 : Theme.padding

    signal stepRequested(int cpu)

    objectName: "cpuLane"
    implicitHeight: layout.implicitHeight + 2 * lane.pad
    radius: Theme.radius
    color: lane.spinning ? Theme.spinningBackground : Theme.laneBackground
    border.color: lane.spinning ? Theme.spinningAccent : Theme.laneBorder
    border.width: lane.spinning ? 4 : 1

    Accessible.role: Accessible.Grouping
    Accessible.name: lane.cpuName + ": " + lane.runningTask + " " + lane.activity

    // What is set on this CPU, then what runs (or sleeps) here: the compact
    // lane's second line, the flags in blue and bold as on the chips.
    readonly property string summary: {
        // The livelock's facts first: a narrow lane cuts from the end.
        const flags = []
        if (lane.workRunning || lane.workPending)
            flags.push(lane.workRunning ? qsTr("drain work running") : qsTr("drain work pending"))
        if (lane.batchCount > 0)
            flags.push(qsTr("lru_add batch %1").arg(lane.batchFolios))
        if (lane.needResched)
            flags.push(qsTr("need_resched"))
        if (lane.runqueue !== "")
            flags.push(qsTr("runqueue %1").arg(lane.runqueue))
        const words = []
        if (lane.activity !== "")
            words.push(lane.activity)
        if (lane.sleeping !== "")
            words.push(qsTr("sleeping here: %1").arg(lane.sleeping))
        const escape = t => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        const flagged = flags.length > 0 ? "<b><font color=\"%1\">%2</font></b>".arg(Theme.flagAccent).arg(escape(flags.join(" · "))) : ""
        return [flagged, escape(words.join(" · "))].filter(t => t !== "").join(" · ")
    }

    HoverHandler {
        id: hover
    }

    ToolTip.visible: hover.hovered && lane.compact
    ToolTip.delay: 400
    ToolTip.text: [lane.runningTask, lane.activity, lane.sleeping !== "" ? qsTr("sleeping here: %1").arg(lane.sleeping) : ""]
                  .filter(t => t !== "").join("\n")

    // Stepping is deliberate: the lane's own button, never a click anywhere
    // on it (a click meant for a tab once stepped a CPU).
    ColumnLayout {
        id: layout

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: lane.pad
        spacing: lane.compact ? 2 : Theme.spacing / 2

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                Layout.alignment: Qt.AlignTop
                text: lane.cpuName
                color: Theme.text
                font.bold: true
                font.pixelSize: lane.compact ? Theme.baseFontSize : Theme.largeFontSize
            }

            Label {
                objectName: "laneTask"
                Layout.fillWidth: true
                // Compact: the task's name alone ("T", not "T (hmm-faulter)");
                // its role is in the Tasks tab and the tooltip.
                text: lane.compact ? lane.runningTask.split(" (")[0] : lane.runningTask
                color: Theme.text
                font.bold: true
                font.pixelSize: lane.compact ? Theme.baseFontSize : Theme.largeFontSize
                elide: Text.ElideRight
            }

            Label {
                objectName: "spinningBadge"
                visible: lane.spinning
                text: qsTr("↻ spinning")
                color: "white"
                font.bold: true
                font.pixelSize: lane.compact ? Theme.smallFontSize : Theme.baseFontSize
                leftPadding: 8
                rightPadding: 8
                topPadding: 2
                bottomPadding: 2
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.spinningAccent
                }
            }

            Button {
                objectName: "laneStepButton"
                Layout.alignment: Qt.AlignTop
                visible: lane.canStep
                // Compact: the sign alone (the tooltip and screen readers say it).
                text: lane.compact ? "▶" : qsTr("▶ step")
                font.pixelSize: Theme.smallFontSize
                implicitWidth: implicitContentWidth + leftPadding + rightPadding
                topPadding: 2
                bottomPadding: 2
                focusPolicy: Qt.NoFocus
                onClicked: lane.stepRequested(lane.index)
                Accessible.name: qsTr("Step %1").arg(lane.cpuName)
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Step %1 exactly once").arg(lane.cpuName)
            }
        }

        Flow {
            Layout.fillWidth: true
            visible: !lane.compact
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

        // Compact: one line, flags first; the whole of it in the tooltip.
        Label {
            id: summaryText

            objectName: "laneSummary"
            Layout.fillWidth: true
            visible: lane.compact
            text: lane.summary !== "" ? lane.summary : " "
            textFormat: Text.StyledText
            color: Theme.text
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
            maximumLineCount: 1
        }

        Label {
            objectName: "laneActivity"
            Layout.fillWidth: true
            visible: !lane.compact && text !== ""
            text: lane.activity
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: !lane.compact && lane.sleeping !== ""
            text: qsTr("sleeping here: %1").arg(lane.sleeping)
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }
    }
}
