// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// One panel over the whole window (below the menu and the toolbar, so F5 and
// the buttons still step): what a teacher points at from the front. Shown
// while Presentation.enlarged names a panel; Esc or "Return" goes back to the
// window exactly as it was (the side bar's panel was never touched).
Rectangle {
    id: overlay

    required property RunModel run
    //! Set while View ▸ Compare is up: it has its own Esc and its own run.
    property bool suspended: false

    //! The lesson panel asks for the course list.
    signal courseRequested()

    objectName: "enlargedPanel"
    visible: Presentation.enlarged !== "" && !overlay.suspended
    color: Theme.window

    // Clicks and wheel turns stop here instead of reaching the window below.
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        onWheel: wheel => wheel.accepted = true
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing / 2

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                // Where the run is; the panel says what it shows.
                text: qsTr("%1 · step %2 · %3").arg(overlay.run.scenarioName)
                                                .arg(overlay.run.steps)
                                                .arg(overlay.run.verdict !== "" ? overlay.run.verdict
                                                                                : overlay.run.virtualTime)
                font.bold: true
                color: overlay.run.verdict === "LIVELOCK" || overlay.run.verdict === "DEADLOCK"
                       ? Theme.badAccent : Theme.text
                elide: Text.ElideRight
            }

            EnlargeButton {
                objectName: "returnButton"
                panel: Presentation.enlarged
            }
        }

        PanelView {
            objectName: "enlargedView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            panel: Presentation.enlarged
            run: overlay.run
            active: overlay.visible
            // The whole window is room enough for the back row to read it.
            textScale: 1.5
            onCourseRequested: overlay.courseRequested()
        }
    }

    Shortcut {
        sequence: "Esc"
        enabled: overlay.visible
        onActivated: Presentation.back()
    }
}
