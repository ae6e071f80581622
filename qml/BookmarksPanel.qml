// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The named bookmarks of a run: a teacher marks the steps of a lecture,
// names them ("T meets D"), and jumps to them in class. Each row: the step,
// its name (type to rename; an empty name gives "Step N" back), Go, Delete.
// Not modal: the window steps on beside it.
Dialog {
    id: panel

    required property RunModel run

    //! Jump to a step (the window seeks its run).
    signal seekRequested(int step)

    title: qsTr("Bookmarks")
    modal: false
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width * 0.9 : 900, Theme.baseFontSize * 40)
    // As tall as its rows, so it hides little of the machine; scrolls beyond.
    height: Math.min(Overlay.overlay ? Overlay.overlay.height * 0.85 : 640, implicitHeight)
    standardButtons: Dialog.Close

    onOpened: list.forceActiveFocus()

    //! Bookmarks the step on screen and puts the cursor in its name.
    function bookmarkHere() {
        const row = panel.run.addBookmark()
        if (row < 0)
            return
        list.forceLayout() // the new row's delegate exists from here
        list.currentIndex = row
        list.positionViewAtIndex(row, ListView.Contain)
        const entry = list.itemAtIndex(row)
        if (entry)
            entry.editName()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Button {
                readonly property bool marked: panel.run.bookmarks.indexOf(panel.run.steps) >= 0

                objectName: "bookmarkHereButton"
                // Said in words, not only greyed out: the step is marked already.
                text: marked ? qsTr("Step %1 is bookmarked").arg(panel.run.steps)
                             : qsTr("Bookmark step %1").arg(panel.run.steps)
                enabled: panel.run.loaded && !marked
                onClicked: panel.bookmarkHere()
                Accessible.description: qsTr("Adds a bookmark at the step on screen")
            }

            Label {
                Layout.fillWidth: true
                text: qsTr("Ctrl+B bookmarks the step on screen. Type a name to rename it.")
                color: Theme.mutedText
                wrapMode: Text.Wrap
            }
        }

        ListView {
            id: list

            objectName: "bookmarkList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: Math.max(list.contentHeight + 4, Theme.baseFontSize * 5)
            clip: true
            spacing: 4
            // No delegates while closed: nothing to keep up with as a run moves.
            model: panel.visible ? panel.run.bookmarkList : null
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Bookmarks")

            Keys.onReturnPressed: panel.seekRequested(panel.run.bookmarkList.stepAt(list.currentIndex))
            Keys.onEnterPressed: panel.seekRequested(panel.run.bookmarkList.stepAt(list.currentIndex))
            Keys.onDeletePressed: panel.run.removeBookmark(list.currentIndex)

            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
            }

            delegate: Rectangle {
                id: entry

                required property int index
                required property int step
                required property string name

                readonly property bool here: entry.step === panel.run.steps

                function editName() {
                    nameField.forceActiveFocus()
                    nameField.selectAll()
                }

                width: list.width - Theme.spacing
                height: row.implicitHeight + Theme.padding
                radius: Theme.radius
                color: entry.here ? Theme.flagBackground : Theme.panel
                border.color: entry.ListView.isCurrentItem || entry.here ? Theme.flagAccent : Theme.laneBorder
                border.width: entry.ListView.isCurrentItem ? 2 : 1

                RowLayout {
                    id: row

                    anchors.fill: parent
                    anchors.leftMargin: Theme.padding
                    anchors.rightMargin: Theme.padding / 2
                    spacing: Theme.spacing

                    Label {
                        Layout.preferredWidth: stepWidest.advanceWidth
                        text: qsTr("Step %1").arg(entry.step)
                        font.bold: true
                        color: Theme.text

                        TextMetrics {
                            id: stepWidest

                            font.pixelSize: Theme.baseFontSize
                            font.bold: true
                            text: qsTr("Step %1").arg(Math.max(panel.run.totalSteps, 99999))
                        }
                    }

                    TextField {
                        id: nameField

                        objectName: "bookmarkName"
                        Layout.fillWidth: true
                        text: entry.name
                        maximumLength: 200
                        selectByMouse: true
                        Accessible.name: qsTr("Name of the bookmark at step %1").arg(entry.step)
                        onActiveFocusChanged: if (activeFocus) list.currentIndex = entry.index
                        onEditingFinished: panel.run.renameBookmark(entry.index, nameField.text)
                        // Escape gives the stored name back instead of closing.
                        Keys.onEscapePressed: event => {
                            nameField.text = entry.name
                            list.forceActiveFocus()
                            event.accepted = true
                        }
                    }

                    Button {
                        objectName: "bookmarkGoButton"
                        text: entry.here ? qsTr("Here") : qsTr("Go")
                        enabled: !entry.here
                        onClicked: panel.seekRequested(entry.step)
                        Accessible.name: qsTr("Go to step %1").arg(entry.step)
                    }

                    Button {
                        objectName: "bookmarkDeleteButton"
                        text: qsTr("Delete")
                        onClicked: panel.run.removeBookmark(entry.index)
                        Accessible.name: qsTr("Delete the bookmark at step %1").arg(entry.step)
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: list.width * 0.8
                visible: list.count === 0
                text: qsTr("No bookmarks yet. Step to a moment worth showing, press Ctrl+B, and give it a name.")
                color: Theme.mutedText
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }
}
