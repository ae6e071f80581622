// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The main window: commands, the verdict, and one lane per CPU. Everything
// shown comes from SimController; every command is forwarded to it.
ApplicationWindow {
    id: window

    width: 1280
    height: 800
    visible: true
    title: qsTr("FolioLab — %1").arg(SimController.scenarioName)
    font.pixelSize: Theme.baseFontSize

    Action {
        id: resetAction

        text: qsTr("Reset")
        shortcut: "F3"
        enabled: SimController.loaded
        onTriggered: SimController.reset()
    }

    Action {
        id: stepAction

        text: qsTr("Step")
        shortcut: "F5"
        enabled: SimController.loaded
        onTriggered: SimController.step()
    }

    Action {
        id: runAction

        text: qsTr("Run to verdict")
        shortcut: "F6"
        enabled: SimController.loaded && SimController.verdict === ""
        onTriggered: SimController.runToVerdict()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacing

            CommandButton {
                action: resetAction
                hint: qsTr("Back to the scenario's initial state")
            }

            CommandButton {
                action: stepAction
                hint: qsTr("Apply one kernel step on the CPU that acts next")
            }

            CommandButton {
                action: runAction
                hint: qsTr("Run until FolioLab can give a verdict")
            }

            ToolSeparator {}

            Label {
                Layout.fillWidth: true
                text: qsTr("%1   fixes: %2   preempt: %3").arg(SimController.scenarioName)
                                                        .arg(SimController.fixes)
                                                        .arg(SimController.preempt)
                elide: Text.ElideRight
            }

            Label {
                objectName: "clockText"
                text: qsTr("step %1   %2").arg(SimController.steps).arg(SimController.virtualTime)
                font.bold: true
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            visible: text !== ""
            text: SimController.scenarioTitle
            font.pixelSize: Theme.largeFontSize
            font.bold: true
            wrapMode: Text.Wrap
        }

        MessageBanner {
            objectName: "errorBanner"
            Layout.fillWidth: true
            visible: text !== ""
            text: SimController.errorText
        }

        VerdictBanner {
            objectName: "verdictBanner"
            Layout.fillWidth: true
            visible: verdict !== ""
            verdict: SimController.verdict
            explanation: SimController.verdictExplanation
            cycle: SimController.waitCycle
        }

        Label {
            Layout.fillWidth: true
            text: SimController.lastStep === "" ? qsTr("Last step: —")
                                                : qsTr("Last step: %1").arg(SimController.lastStep)
            color: Theme.mutedText
            elide: Text.ElideRight
        }

        ListView {
            id: lanes

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing / 2
            model: SimController.cpus
            boundsBehavior: Flickable.StopAtBounds

            delegate: CpuLane {
                width: lanes.width
            }

            ScrollBar.vertical: ScrollBar {}
        }
    }
}
