// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import FolioLab

// The lesson player's side panel: where the lesson stands, what to do
// (buttons), "Show me" stopping at a goal, then, scrolling, the story, the
// goals (turning green as the learner meets them in the window) and hints
// on request. Everything comes from LessonPlayer.
Item {
    id: panel

    clip: true

    // Asks the window to show the course list.
    signal courseRequested()

    // Positioners, not layouts: text that wraps and button rows that flow
    // onto a second line change their height with the lesson and the text
    // size, and a Column follows every such change (a ColumnLayout kept
    // stale heights, so one lesson's header drew over the next one's).
    Column {
        id: head

        width: panel.width
        spacing: Theme.spacing / 2

        // No lesson open yet: say how to start one.
        Column {
            width: head.width
            visible: !LessonPlayer.active
            spacing: Theme.spacing

            Label {
                width: parent.width
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
            width: head.width
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
            objectName: "lessonMeta"
            width: head.width
            font.pixelSize: Theme.smallFontSize
            visible: LessonPlayer.active
            text: qsTr("Level %1 · %2 min · %3 of %4 goals met%5%6")
                      .arg(LessonPlayer.level).arg(LessonPlayer.minutes)
                      .arg(LessonPlayer.goalsMet).arg(LessonPlayer.goalsTotal)
                      .arg(LessonPlayer.complete ? qsTr(" ✓ complete") : "")
                      .arg(LessonPlayer.watched || LessonPlayer.watching ? qsTr(" · solution watched") : "")
            font.bold: LessonPlayer.complete
            color: LessonPlayer.complete ? Theme.goodAccent : Theme.mutedText
            wrapMode: Text.Wrap
        }

        Flow {
            width: head.width
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
                enabled: !LessonPlayer.busy && !SimController.run.busy && !LessonPlayer.touring
                onClicked: LessonPlayer.showMe()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Play the reference solution step by step, stopping at each goal; it counts as watched, not as done (Ctrl+Shift+S)")
            }

            Button {
                objectName: "exploreButton"
                visible: LessonPlayer.usesExplorer
                text: qsTr("Search all schedules")
                enabled: !LessonPlayer.busy && !LessonPlayer.touring
                onClicked: LessonPlayer.explore()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The explorer tries every schedule of the current fixes and model")
            }

            Button {
                objectName: "lessonPlayCounterexampleButton"
                visible: LessonPlayer.usesExplorer && LessonPlayer.hasCounterexample
                text: qsTr("Play it")
                enabled: !LessonPlayer.busy && !SimController.run.busy && !LessonPlayer.touring
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

        Row {
            visible: LessonPlayer.active && LessonPlayer.preemptModels.length > 1
            spacing: Theme.spacing / 2

            Label {
                height: preemptBox.height
                verticalAlignment: Text.AlignVCenter
                text: qsTr("Preemption model:")
                color: Theme.text
            }

            ComboBox {
                id: preemptBox

                objectName: "lessonPreemptBox"
                width: Theme.baseFontSize * 9
            // Tall enough for its text at 150 % (the default cut it).
            implicitHeight: Theme.baseFontSize * 2
                model: LessonPlayer.preemptModels
                currentIndex: LessonPlayer.preemptModels.indexOf(LessonPlayer.preempt)
                enabled: !LessonPlayer.busy && !SimController.run.busy && !LessonPlayer.touring
                onActivated: index => LessonPlayer.setPreempt(preemptBox.model[index])
                Accessible.name: qsTr("Preemption model of the lesson")
            }
        }

        Label {
            objectName: "lessonStatus"
            width: head.width
            visible: text !== ""
            text: LessonPlayer.statusText
            color: Theme.neutralAccent
            font.bold: true
            wrapMode: Text.Wrap
        }
    }

    ScrollView {
        id: scroller

        objectName: "lessonScroller"
        y: head.height + Theme.spacing / 2
        // Never negative: with little room (a verdict banner at 1280x800)
        // the header keeps what there is.
        height: Math.max(0, panel.height - y)
        width: panel.width
        visible: LessonPlayer.active
        clip: true
        ScrollBar.horizontal.policy: ScrollBar.AlwaysOff

        Flickable {
            id: flick

            contentWidth: width
            contentHeight: body.height
            // Show me's box covers the bottom: the last lines scroll above it.
            bottomMargin: LessonPlayer.touring ? tour.height : 0
            boundsBehavior: Flickable.StopAtBounds

            // A positioner, not a layout: a ColumnLayout around Repeaters kept
            // pointers to the old lesson's rows when the next lesson replaced
            // them (its headers drew over the new ones, and it could crash).
            Column {
                id: body

                width: flick.width - Theme.spacing // room for the scroll bar
                spacing: Theme.spacing / 2

                // The story first: a lesson is read from the top.
                Label {
                    objectName: "lessonStory"
                    text: qsTr("The story")
                    font.bold: true
                    color: Theme.text
                }

                Repeater {
                    model: LessonPlayer.sections

                    delegate: Column {
                        id: section

                        required property var modelData

                        width: body.width
                        spacing: 2

                        Label {
                            width: section.width
                            text: section.modelData.title
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.Wrap
                        }

                        Label {
                            width: section.width
                            text: section.modelData.text
                            color: Theme.text
                            wrapMode: Text.Wrap
                        }
                    }
                }

                Label {
                    objectName: "lessonGoals"
                    topPadding: Theme.spacing / 2
                    text: qsTr("Goals")
                    font.bold: true
                    color: Theme.text
                }

                Repeater {
                    objectName: "goalRows"
                    model: LessonPlayer.goals

                    delegate: GoalRow {
                        objectName: "goalRow"
                        width: body.width
                    }
                }

                Flow {
                    width: body.width
                    topPadding: Theme.spacing / 2
                    spacing: Theme.spacing / 2

                    Label {
                        height: hintButton.height
                        verticalAlignment: Text.AlignVCenter
                        text: qsTr("Hints")
                        font.bold: true
                        color: Theme.text
                    }

                    Button {
                        id: hintButton

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

                        width: body.width
                        text: qsTr("%1. %2").arg(index + 1).arg(modelData)
                        color: Theme.flagAccent
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }

    // A lesson opens at its top, the story first, whatever was scrolled before.
    Connections {
        target: LessonPlayer

        function onLessonChanged() {
            flick.contentY = 0
        }

        // A hint (Ctrl+H) comes at the end: scroll there so it is seen.
        function onHintsChanged() {
            if (LessonPlayer.hints.length > 0)
                Qt.callLater(() => flick.contentY = Math.max(0, flick.contentHeight - flick.height))
        }
    }

    // Show me: what the solution does now; at a goal, the goal in large type
    // until Space. A popup over the bottom of this panel (the story, not the
    // machine), so it is seen however little room the panel has (a verdict
    // banner at 1280x800 leaves it a few lines) and on any side tab.
    Popup {
        id: tour

        parent: panel
        x: 0
        y: panel.height - height
        width: panel.width
        margins: 0 // stays inside the window
        padding: 0
        visible: LessonPlayer.touring
        closePolicy: Popup.NoAutoClose
        focus: false // Space and Esc stay with the window's shortcuts

        background: Rectangle {
            radius: Theme.radius
            color: LessonPlayer.tourPaused ? Theme.goodBackground : Theme.flagBackground
            border.color: LessonPlayer.tourPaused ? Theme.goodAccent : Theme.flagAccent
            border.width: 2
        }

        contentItem: Item {
            objectName: "tourBox"
            implicitHeight: tourColumn.height + Theme.padding

            Column {
                id: tourColumn

                x: Theme.padding / 2
                y: Theme.padding / 2
                width: parent.width - Theme.padding
                spacing: Theme.spacing / 2

                Label {
                    objectName: "tourCaption"
                    width: tourColumn.width
                    text: qsTr("Show me · %1").arg(LessonPlayer.tourCaption)
                    color: Theme.text
                    font.bold: true
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "tourGoalHeading"
                    width: tourColumn.width
                    visible: LessonPlayer.tourPaused
                    text: qsTr("✓ Goal %1 of %2 reached").arg(LessonPlayer.tourGoalNumber).arg(LessonPlayer.goalsTotal)
                    font.pixelSize: Theme.largeFontSize
                    font.bold: true
                    color: Theme.goodAccent
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "tourGoalText"
                    width: tourColumn.width
                    visible: LessonPlayer.tourPaused
                    text: LessonPlayer.tourGoalText
                    font.pixelSize: Theme.largeFontSize
                    color: Theme.text
                    wrapMode: Text.Wrap
                }

                Flow {
                    width: tourColumn.width
                    spacing: Theme.spacing / 2

                    Button {
                        objectName: "tourContinueButton"
                        visible: LessonPlayer.tourPaused
                        text: qsTr("Continue (Space)")
                        highlighted: true
                        onClicked: LessonPlayer.continueTour()
                    }

                    Button {
                        id: tourStop

                        objectName: "tourStopButton"
                        text: qsTr("Stop (Esc)")
                        onClicked: LessonPlayer.stopTour()
                    }

                    Button {
                        objectName: "tourSlowerButton"
                        text: qsTr("Slower")
                        enabled: LessonPlayer.tourIntervalMs < 3000
                        onClicked: LessonPlayer.tourIntervalMs = LessonPlayer.tourIntervalMs + 250
                        Accessible.name: qsTr("Show me slower")
                    }

                    Label {
                        height: tourStop.height
                        verticalAlignment: Text.AlignVCenter
                        text: qsTr("%1 s a step").arg((LessonPlayer.tourIntervalMs / 1000).toLocaleString(Qt.locale(), "f", 2))
                        color: Theme.text
                    }

                    Button {
                        objectName: "tourFasterButton"
                        text: qsTr("Faster")
                        enabled: LessonPlayer.tourIntervalMs > 250
                        onClicked: LessonPlayer.tourIntervalMs = LessonPlayer.tourIntervalMs - 250
                        Accessible.name: qsTr("Show me faster")
                    }

                }
            }
        }
    }
}
