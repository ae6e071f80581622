// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// One proposed fix: a switch, who and when, what it does and risks, and the
// diff of the step listings it changes against the baseline (− removed in
// red, + added in green, the function and file as a heading).
Rectangle {
    id: card

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run

    required property int index
    required property string name
    required property string who
    required property string when
    required property string summary
    required property string risks
    required property bool active
    required property var diff

    implicitHeight: column.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: card.active ? Theme.goodBackground : Theme.laneBackground
    border.color: card.active ? Theme.goodAccent : Theme.laneBorder
    border.width: card.active ? 3 : 1

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: Theme.spacing / 2

        CheckBox {
            id: toggle

            objectName: "fixToggle-" + card.name
            Layout.fillWidth: true
            text: card.name
            font.bold: true
            font.pixelSize: Theme.largeFontSize
            checked: card.active
            enabled: !card.run.busy
            onToggled: card.run.setFixEnabled(card.name, toggle.checked)
            Accessible.name: qsTr("Fix %1").arg(card.name)
            Accessible.description: card.summary
            ToolTip.visible: toggle.hovered
            ToolTip.delay: 600
            ToolTip.text: card.name === SimController.mergedFix
                          ? qsTr("Re-run this schedule with %1 switched (Ctrl+M)").arg(card.name)
                          : card.index < 9 ? qsTr("Re-run this schedule with %1 switched (Ctrl+%2)").arg(card.name).arg(card.index + 1)
                                           : qsTr("Re-run this schedule with %1 switched (Tab to it, Space)").arg(card.name)
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("%1 · %2").arg(card.who).arg(card.when)
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            text: card.summary
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: card.risks !== ""
            text: qsTr("Risks: %1").arg(card.risks)
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: card.diff.length === 0
            text: qsTr("No listing changes: this fix changes what existing steps do.")
            color: Theme.mutedText
            font.italic: true
            wrapMode: Text.Wrap
        }

        Repeater {
            model: card.diff

            delegate: Label {
                required property var modelData

                Layout.fillWidth: true
                text: modelData.op === "@" ? modelData.text : modelData.op + " " + modelData.text
                font.family: Theme.monoFont
                font.pixelSize: Theme.smallFontSize
                font.bold: modelData.op !== " "
                wrapMode: Text.Wrap
                color: modelData.op === "+" ? Theme.goodAccent
                     : modelData.op === "-" ? Theme.badAccent
                     : modelData.op === "@" ? Theme.flagAccent : Theme.mutedText
                topPadding: modelData.op === "@" ? Theme.spacing / 2 : 0
            }
        }
    }
}
