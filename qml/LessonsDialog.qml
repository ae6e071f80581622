// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The course: every lesson with its level, length and the learner's saved
// progress. Up/Down choose, Enter or Open opens, Escape closes; a click
// opens too. "Reset my progress…" forgets it all, after asking.
Dialog {
    id: dialog

    title: qsTr("Lessons — the course")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width * 0.9 : 900, Theme.baseFontSize * 46)
    height: Math.min(Overlay.overlay ? Overlay.overlay.height * 0.9 : 700, Theme.baseFontSize * 40)

    onOpened: {
        confirmReset.visible = false
        list.currentIndex = Math.max(0, LessonPlayer.lessonIndex)
        list.positionViewAtIndex(list.currentIndex, ListView.Contain)
        list.forceActiveFocus()
    }

    function openRow(row: int) {
        if (LessonPlayer.openLessonAt(row))
            dialog.close()
    }

    footer: DialogButtonBox {
        Button {
            objectName: "resetProgressButton"
            text: qsTr("Reset my progress…")
            DialogButtonBox.buttonRole: DialogButtonBox.ResetRole
            onClicked: confirmReset.visible = true
        }

        Button {
            objectName: "lessonOpenButton"
            text: qsTr("Open")
            highlighted: true
            enabled: list.currentIndex >= 0 && !LessonPlayer.busy
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.openRow(list.currentIndex)
        }

        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: qsTr("Start with lesson 1 if the livelock is new to you. Each lesson sets goals the window checks while you step; a tick and the word MET show each one reached. \"Show me\" plays a lesson's solution: it counts as watched, not as done. Your progress is saved.")
            color: Theme.mutedText
            wrapMode: Text.Wrap
        }

        ListView {
            id: list

            objectName: "lessonList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: LessonPlayer.lessons
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Lessons")

            Keys.onReturnPressed: dialog.openRow(list.currentIndex)
            Keys.onEnterPressed: dialog.openRow(list.currentIndex)

            delegate: ItemDelegate {
                id: entry

                required property int index
                required property string title
                required property int level
                required property int minutes
                required property string progressText
                required property bool complete
                required property bool watched
                required property bool current

                width: list.width - listBar.width - 4
                highlighted: ListView.isCurrentItem
                focusPolicy: Qt.NoFocus
                // A click selects; a double click (or Open, or Enter) opens.
                onClicked: list.currentIndex = entry.index
                onDoubleClicked: dialog.openRow(entry.index)
                Accessible.name: qsTr("Lesson %1: %2, level %3, %4 minutes, %5")
                                     .arg(entry.index + 1).arg(entry.title).arg(entry.level)
                                     .arg(entry.minutes).arg(entry.progressText)

                background: Rectangle {
                    radius: Theme.radius
                    color: entry.highlighted ? Theme.flagBackground : Theme.panel
                    border.color: entry.highlighted ? Theme.flagAccent : Theme.laneBorder
                    border.width: entry.highlighted ? 2 : 1
                }

                contentItem: RowLayout {
                    spacing: Theme.spacing

                    Label {
                        Layout.preferredWidth: Theme.largeFontSize * 2
                        text: (entry.index + 1) + "."
                        font.pixelSize: Theme.largeFontSize
                        font.bold: true
                        color: Theme.text
                        horizontalAlignment: Text.AlignRight
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2

                        Label {
                            Layout.fillWidth: true
                            text: entry.title + (entry.current ? qsTr("  (open)") : "")
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }

                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Level %1 · %2 min").arg(entry.level).arg(entry.minutes)
                            font.pixelSize: Theme.smallFontSize
                            color: Theme.mutedText
                        }
                    }

                    Label {
                        text: (entry.complete ? "✓ " : entry.watched ? "◉ " : "") + entry.progressText
                        font.bold: entry.complete
                        color: entry.complete ? Theme.goodAccent
                                              : entry.watched ? Theme.flagAccent : Theme.mutedText
                    }
                }
            }

            ScrollBar.vertical: ScrollBar {
                id: listBar

                objectName: "lessonListScrollBar"
                policy: ScrollBar.AlwaysOn
                // Wide enough to see and to grab on a projector.
                implicitWidth: Math.max(12, Theme.baseFontSize * 0.7)
            }
        }

        // Progress is the learner's work: ask before forgetting it.
        Rectangle {
            id: confirmReset

            objectName: "resetProgressConfirm"
            Layout.fillWidth: true
            Layout.preferredHeight: confirmColumn.height + Theme.padding
            visible: false
            radius: Theme.radius
            color: Theme.badBackground
            border.color: Theme.badAccent
            border.width: 2

            Column {
                id: confirmColumn

                x: Theme.padding / 2
                y: Theme.padding / 2
                width: parent.width - Theme.padding
                spacing: Theme.spacing / 2

                Label {
                    width: parent.width
                    text: qsTr("Forget the goals met and the solutions watched in every lesson? The open lesson starts again. This cannot be undone.")
                    color: Theme.text
                    wrapMode: Text.Wrap
                }

                Row {
                    spacing: Theme.spacing / 2

                    Button {
                        objectName: "resetProgressYes"
                        text: qsTr("Forget my progress")
                        onClicked: {
                            LessonPlayer.resetProgress()
                            confirmReset.visible = false
                        }
                    }

                    Button {
                        objectName: "resetProgressNo"
                        text: qsTr("Keep it")
                        onClicked: confirmReset.visible = false
                    }
                }
            }
        }
    }
}
