// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// Run ▸ Explore all schedules: while the search runs, its progress in words
// and Cancel; then its verdict in words, coloured as the verdict banner
// (red: a schedule that livelocks, deadlocks or breaks an invariant; green:
// none does; amber: stopped early), with "Play it" for a counterexample.
Rectangle {
    id: banner

    readonly property ExploreModel explorer: SimController.explorer
    readonly property bool bad: ["LIVELOCK", "DEADLOCK", "SAFETY"].includes(banner.explorer.verdict)
    readonly property bool good: banner.explorer.verdict === "OK"

    implicitHeight: row.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: banner.explorer.running ? Theme.flagBackground
                                   : banner.bad ? Theme.badBackground
                                                : banner.good ? Theme.goodBackground : Theme.neutralBackground
    border.color: banner.explorer.running ? Theme.flagAccent
                                          : banner.bad ? Theme.badAccent
                                                       : banner.good ? Theme.goodAccent : Theme.neutralAccent
    border.width: 3

    Accessible.role: Accessible.AlertMessage
    Accessible.name: banner.explorer.running ? banner.explorer.progressText : banner.explorer.resultText

    RowLayout {
        id: row

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: Theme.spacing

        BusyIndicator {
            visible: banner.explorer.running
            running: banner.explorer.running
            Layout.preferredHeight: Theme.largeFontSize * 1.5
            Layout.preferredWidth: Theme.largeFontSize * 1.5
        }

        Label {
            objectName: "exploreText"
            Layout.fillWidth: true
            text: banner.explorer.running ? banner.explorer.progressText : banner.explorer.resultText
            color: Theme.text
            font.bold: banner.explorer.running
            wrapMode: Text.Wrap
            // In the window's fixed strip: two lines, the rest in the tooltip.
            maximumLineCount: 2
            elide: Text.ElideRight
            ToolTip.visible: exploreHover.hovered && truncated
            ToolTip.text: text

            HoverHandler {
                id: exploreHover
            }
        }

        Button {
            objectName: "cancelExploreButton"
            visible: banner.explorer.running
            text: qsTr("Cancel  Esc")
            onClicked: banner.explorer.cancel()
        }

        Button {
            objectName: "playCounterexampleButton"
            visible: !banner.explorer.running && banner.explorer.hasCounterexample
            text: qsTr("Play it")
            onClicked: banner.explorer.showCounterexample()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Put the schedule in the window (untimed; a cycle loops on F6)")
        }

        Button {
            visible: !banner.explorer.running
            text: qsTr("Dismiss")
            onClicked: banner.explorer.dismiss()
        }
    }

    Shortcut {
        sequence: "Esc"
        enabled: banner.explorer.running
        onActivated: banner.explorer.cancel()
    }
}
