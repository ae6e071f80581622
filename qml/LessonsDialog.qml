// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The course: every lesson with its level, length and the learner's saved
// progress. Up/Down choose, Enter opens, Escape closes; a click opens too.
Dialog {
    id: dialog

    title: qsTr("Lessons — the course")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width * 0.9 : 900, Theme.baseFontSize * 46)
    height: Math.min(Overlay.overlay ? Overlay.overlay.height * 0.9 : 700, Theme.baseFontSize * 40)
    standardButtons: Dialog.Close

    onOpened: {
        list.currentIndex = Math.max(0, LessonPlayer.lessonIndex)
        list.positionViewAtIndex(list.currentIndex, ListView.Contain)
        list.forceActiveFocus()
    }

    function openRow(row: int) {
        if (LessonPlayer.openLessonAt(row))
            dialog.close()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: qsTr("Start with lesson 1 if the livelock is new to you. Each lesson sets goals the window checks while you step; a tick and the word MET show each one reached. Your progress is saved.")
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
                required property bool current

                width: list.width - Theme.spacing
                highlighted: ListView.isCurrentItem
                focusPolicy: Qt.NoFocus
                onClicked: dialog.openRow(entry.index)
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
                        text: (entry.complete ? "✓ " : "") + entry.progressText
                        font.bold: entry.complete
                        color: entry.complete ? Theme.goodAccent : Theme.mutedText
                    }
                }
            }

            ScrollBar.vertical: ScrollBar {}
        }
    }
}
