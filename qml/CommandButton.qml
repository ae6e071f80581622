// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls

// A toolbar button for one Action, showing its shortcut on the button and in
// the tooltip, so a class can follow the keys the teacher presses.
ToolButton {
    id: button

    // What the command does, in a sentence (tooltip and screen readers).
    property string hint

    text: qsTr("%1  %2").arg(button.action ? button.action.text : "")
                        .arg(button.action ? button.action.shortcut : "")
    font.bold: true
    display: AbstractButton.TextOnly
    focusPolicy: Qt.TabFocus

    ToolTip.visible: button.hovered
    ToolTip.delay: 500
    ToolTip.text: qsTr("%1 (%2)").arg(button.hint).arg(button.action ? button.action.shortcut : "")

    Accessible.name: button.action ? button.action.text : ""
    Accessible.description: button.hint
}
