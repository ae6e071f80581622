// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The lesson player's side panel: where the lesson stands (goals, turning
// green as the learner meets them in the window), what to do (buttons), the
// story, and hints on request. Everything comes from LessonPlayer.
ColumnLayout {
    id: panel

    // Asks the window to show the course list.
    signal courseRequested()

    spacing: Theme.spacing / 2

    // No lesson open yet: say how to start one.
    ColumnLayout {
        Layout.fillWidth: true
        visible: !LessonPlayer.active
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: qsTr("No lesson is open. The course walks a class through the livelock, from a single device-private fault to the merged fix.")
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Button {
            objectName: "openCourseButton"
            text: qsTr("Open the course… (Ctrl+L)")
            onClicked: panel.courseRequested()
        }
    }

    Label {
        objectName: "lessonTitle"
        Layout.fillWidth: true
        visible: LessonPlayer.active
        text: qsTr("Lesson %1 of %2: %3").arg(LessonPlayer.lessonIndex + 1)
                                          .arg(LessonPlayer.lessonCount)
                                          .arg(LessonPlayer.title)
        font.pixelSize: Theme.largeFontSize
        font.bold: true
        color: Theme.text
        wrapMode: Text.Wrap
    }

    Label {
        Layout.fillWidth: true
        visible: LessonPlayer.active
        text: qsTr("Level %1 · %2 min · %3 of %4 goals met%5")
                  .arg(LessonPlayer.level).arg(LessonPlayer.minutes)
                  .arg(LessonPlayer.goalsMet).arg(LessonPlayer.goalsTotal)
                  .arg(LessonPlayer.complete ? qsTr(" ✓ complete") : "")
        font.bold: LessonPlayer.complete
        color: LessonPlayer.complete ? Theme.goodAccent : Theme.mutedText
        wrapMode: Text.Wrap
    }

    Flow {
        Layout.fillWidth: true
        visible: LessonPlayer.active
        spacing: Theme.spacing / 2

        Button {
            objectName: "previousLessonButton"
            text: qsTr("◀ Previous")
            enabled: LessonPlayer.hasPrevious && !LessonPlayer.busy
            onClicked: LessonPlayer.openPrevious()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The previous lesson (Ctrl+PgUp)")
        }

        Button {
            objectName: "restartLessonButton"
            text: qsTr("Restart")
            enabled: !LessonPlayer.busy && !SimController.run.busy
            onClicked: LessonPlayer.restart()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Back to the lesson's start; goals to do again (your saved progress stays)")
        }

        Button {
            objectName: "showMeButton"
            text: qsTr("Show me")
            enabled: !LessonPlayer.busy && !SimController.run.busy
            onClicked: LessonPlayer.showMe()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Play the reference solution from the start and replay it in the window (Ctrl+Shift+S)")
        }

        Button {
            objectName: "exploreButton"
            visible: LessonPlayer.usesExplorer
            text: qsTr("Search all schedules")
            enabled: !LessonPlayer.busy
            onClicked: LessonPlayer.explore()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The explorer tries every schedule of the current fixes and model")
        }

        Button {
            objectName: "lessonPlayCounterexampleButton"
            visible: LessonPlayer.usesExplorer && LessonPlayer.hasCounterexample
            text: qsTr("Play it")
            enabled: !LessonPlayer.busy && !SimController.run.busy
            onClicked: LessonPlayer.showCounterexample()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Play the schedule the explorer found in the window (untimed; its cycle loops on F6). Restart comes back to the goals.")
        }

        Button {
            objectName: "nextLessonButton"
            text: qsTr("Next ▶")
            enabled: LessonPlayer.hasNext && !LessonPlayer.busy
            highlighted: LessonPlayer.complete
            onClicked: LessonPlayer.openNext()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The next lesson (Ctrl+PgDown)")
        }

        BusyIndicator {
            running: LessonPlayer.busy
            visible: LessonPlayer.busy
            implicitHeight: Theme.largeFontSize * 1.5
            implicitWidth: Theme.largeFontSize * 1.5
            Accessible.name: qsTr("The lesson is working")
        }
    }

    RowLayout {
        Layout.fillWidth: true
        visible: LessonPlayer.active && LessonPlayer.preemptModels.length > 1
        spacing: Theme.spacing / 2

        Label {
            text: qsTr("Preemption model:")
            color: Theme.text
        }

        ComboBox {
            id: preemptBox

            objectName: "lessonPreemptBox"
            Layout.preferredWidth: Theme.baseFontSize * 9
            model: LessonPlayer.preemptModels
            currentIndex: LessonPlayer.preemptModels.indexOf(LessonPlayer.preempt)
            enabled: !LessonPlayer.busy && !SimController.run.busy
            onActivated: index => LessonPlayer.setPreempt(preemptBox.model[index])
            Accessible.name: qsTr("Preemption model of the lesson")
        }
    }

    Label {
        objectName: "lessonStatus"
        Layout.fillWidth: true
        visible: text !== ""
        text: LessonPlayer.statusText
        color: Theme.neutralAccent
        font.bold: true
        wrapMode: Text.Wrap
    }

    ScrollView {
        id: scroller

        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: LessonPlayer.active
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroller.availableWidth
            spacing: Theme.spacing / 2

            Label {
                text: qsTr("Goals")
                font.bold: true
                color: Theme.text
            }

            Repeater {
                objectName: "goalRows"
                model: LessonPlayer.goals

                delegate: GoalRow {
                    objectName: "goalRow"
                    Layout.fillWidth: true
                    Layout.rightMargin: Theme.spacing
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing / 2

                Label {
                    text: qsTr("Hints")
                    font.bold: true
                    color: Theme.text
                }

                Button {
                    objectName: "hintButton"
                    text: LessonPlayer.hintsLeft > 0 ? qsTr("Give me a hint (%1 left)").arg(LessonPlayer.hintsLeft)
                                                     : qsTr("No more hints")
                    enabled: LessonPlayer.hintsLeft > 0
                    onClicked: LessonPlayer.showHint()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("One hint at a time (Ctrl+H)")
                }
            }

            Repeater {
                model: LessonPlayer.hints

                delegate: Label {
                    required property string modelData
                    required property int index

                    Layout.fillWidth: true
                    Layout.rightMargin: Theme.spacing
                    text: qsTr("%1. %2").arg(index + 1).arg(modelData)
                    color: Theme.flagAccent
                    wrapMode: Text.Wrap
                }
            }

            Label {
                Layout.topMargin: Theme.spacing / 2
                text: qsTr("The story")
                font.bold: true
                color: Theme.text
            }

            Repeater {
                model: LessonPlayer.sections

                delegate: ColumnLayout {
                    id: section

                    required property var modelData

                    Layout.fillWidth: true
                    Layout.topMargin: Theme.spacing / 2
                    Layout.rightMargin: Theme.spacing
                    spacing: 4

                    Label {
                        Layout.fillWidth: true
                        text: section.modelData.title
                        font.bold: true
                        color: Theme.text
                        wrapMode: Text.Wrap
                    }

                    Label {
                        Layout.fillWidth: true
                        text: section.modelData.text
                        color: Theme.text
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }
}
