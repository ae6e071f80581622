// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The verdict in words: red for a stuck machine (LIVELOCK, DEADLOCK), green for
// COMPLETED, amber for a run that hit its limit. The verdict word and a symbol
// say the same as the colour.
Rectangle {
    id: banner

    property string verdict
    property string explanation
    // The wait-for cycle, one edge per entry.
    property var cycle: []

    readonly property bool stuck: banner.verdict === "LIVELOCK" || banner.verdict === "DEADLOCK"
    readonly property bool completed: banner.verdict === "COMPLETED"
    readonly property color accent: banner.stuck ? Theme.badAccent
                                                 : banner.completed ? Theme.goodAccent
                                                                    : Theme.neutralAccent

    implicitHeight: content.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: banner.stuck ? Theme.badBackground
                        : banner.completed ? Theme.goodBackground : Theme.neutralBackground
    border.color: banner.accent
    border.width: 3

    Accessible.role: Accessible.AlertMessage
    Accessible.name: banner.verdict + ": " + banner.explanation

    ColumnLayout {
        id: content

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: Theme.spacing / 2

        Label {
            objectName: "verdictText"
            text: (banner.stuck ? "✖ " : banner.completed ? "✔ " : "⚠ ") + banner.verdict
            color: banner.accent
            font.bold: true
            font.pixelSize: Theme.largeFontSize
        }

        Label {
            objectName: "verdictExplanation"
            Layout.fillWidth: true
            visible: text !== ""
            text: banner.explanation
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Label {
            visible: banner.cycle.length > 0
            text: qsTr("Wait-for cycle:")
            color: Theme.text
            font.bold: true
        }

        Repeater {
            model: banner.cycle

            delegate: Label {
                required property string modelData

                Layout.fillWidth: true
                leftPadding: Theme.spacing
                text: "→ " + modelData
                color: Theme.text
                wrapMode: Text.Wrap
            }
        }
    }
}
