// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import FolioLab

// Every task with its stack and current listing.
ListView {
    id: list

    objectName: "taskList"
    clip: true
    spacing: Theme.spacing / 2
    model: SimController.tasks
    boundsBehavior: Flickable.StopAtBounds
    delegate: TaskCard {
        width: list.width - Theme.spacing
    }
    ScrollBar.vertical: ScrollBar {}
}
