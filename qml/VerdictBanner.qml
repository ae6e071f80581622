// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The verdict in words: red for a stuck machine (LIVELOCK, DEADLOCK), green for
// COMPLETED, amber for a run that hit its limit. The verdict word and a symbol
// say the same as the colour. In the window it is a fixed-height strip (the
// explanation cut to its lines, whole in the tooltip).
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

    //! One more line under the explanation (a lasso's rounds), or "".
    property string note
    //! Lines the explanation may take before it is cut with "…" (the whole
    //! text is in the tooltip and for screen readers); 0: as many as needed.
    property int maximumLines: 0

    implicitHeight: content.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: banner.stuck ? Theme.badBackground
                        : banner.completed ? Theme.goodBackground : Theme.neutralBackground
    border.color: banner.accent
    border.width: 3
    clip: true

    Accessible.role: Accessible.AlertMessage
    Accessible.name: banner.verdict + ": " + banner.explanation

    HoverHandler {
        id: hover
    }

    ToolTip.visible: hover.hovered && (explanationText.truncated || noteText.truncated)
    ToolTip.delay: 300
    ToolTip.text: banner.explanation + (banner.note !== "" ? "\n" + banner.note : "")

    // The verdict word beside its explanation: a short banner of a fixed
    // height, so that nothing under it moves when it appears.
    RowLayout {
        id: content

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: Theme.spacing

        Label {
            objectName: "verdictText"
            Layout.alignment: Qt.AlignTop
            text: (banner.stuck ? "✖ " : banner.completed ? "✔ " : "⚠ ") + banner.verdict
            color: banner.accent
            font.bold: true
            font.pixelSize: Theme.largeFontSize
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: 0

            Label {
                id: explanationText

                objectName: "verdictExplanation"
                Layout.fillWidth: true
                visible: text !== ""
                text: banner.explanation
                color: Theme.text
                wrapMode: Text.Wrap
                maximumLineCount: banner.maximumLines > 0 ? Math.max(1, banner.maximumLines - (banner.note !== "" ? 1 : 0))
                                                          : 1000
                elide: Text.ElideRight
            }

            Label {
                id: noteText

                objectName: "lassoText"
                Layout.fillWidth: true
                visible: text !== ""
                text: banner.note !== "" ? "↻ " + banner.note : ""
                color: Theme.badAccent
                font.bold: true
                wrapMode: Text.Wrap
                maximumLineCount: banner.maximumLines > 0 ? 1 : 1000
                elide: Text.ElideRight
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
}
