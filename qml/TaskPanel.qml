// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import FolioLab

// Every task with its stack and current listing.
ListView {
    id: list

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run
    //! Short of room: each folded card is one line.
    property bool dense: false

    objectName: "taskList"
    clip: true
    spacing: Theme.spacing / 2
    model: list.run.tasks
    boundsBehavior: Flickable.StopAtBounds
    delegate: TaskCard {
        run: list.run
        dense: list.dense
        width: list.width - Theme.spacing
    }
    ScrollBar.vertical: ScrollBar {}
}
