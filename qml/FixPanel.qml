// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// Every fix of the catalogue; switching one re-runs the current schedule under
// the new fix set and says where the two runs part.
ColumnLayout {
    id: panel

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run
    //! The list of cards (tests read its scroll position).
    readonly property alias list: list

    spacing: Theme.spacing

    Label {
        Layout.fillWidth: true
        text: qsTr("Fixes on: %1").arg(panel.run.fixes)
        font.bold: true
        color: Theme.text
        elide: Text.ElideRight
    }

    Label {
        objectName: "divergenceText"
        Layout.fillWidth: true
        text: panel.run.divergence !== "" ? panel.run.divergence
                                              : qsTr("Switch a fix to re-run this schedule under it.")
        color: panel.run.divergence !== "" ? Theme.neutralAccent : Theme.mutedText
        font.bold: panel.run.divergence !== ""
        elide: Text.ElideRight
    }

    ListView {
        id: list

        objectName: "fixList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: Theme.spacing
        model: panel.run.fixList
        boundsBehavior: Flickable.StopAtBounds
        delegate: FixCard {
            run: panel.run
            width: list.width - Theme.spacing
        }
        ScrollBar.vertical: ScrollBar {}
    }

    // A fix switched by Ctrl+1…9, the menu or a card: its card comes into
    // view, so the class sees which one it was and its diff.
    Connections {
        target: panel.run.fixList

        function onFixToggled(row) {
            list.positionViewAtIndex(row, ListView.Contain)
        }
    }
}
