// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import FolioLab

// "Last: CPU1 T — do_swap_page: folio_trylock(D) failed": what just happened, for beside
// "Next (F5)" (the step log tab has the steps before it).
Label {
    id: line

    //! The run shown.
    required property RunModel run
    readonly property alias log: lastLog

    objectName: "lastStepLine"
    text: lastLog.lastStep === "" ? qsTr("Last: nothing yet") : qsTr("Last: %1").arg(lastLog.lastStep)
    color: Theme.text
    elide: Text.ElideRight
    ToolTip.visible: lastHover.hovered && line.truncated
    ToolTip.text: line.text

    StepLogModel {
        id: lastLog

        run: line.run
        limit: 50 // its minimum: only the last row is read
    }

    HoverHandler {
        id: lastHover
    }
}
