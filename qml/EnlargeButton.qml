// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import FolioLab

// "Enlarge": shows one panel over the whole window (Presentation.enlarge);
// on the enlarged panel the same button, checked, returns (as Esc does).
ToolButton {
    id: button

    //! The panel's key in Presentation.panels ("waitGraph", "tasks", …).
    required property string panel
    readonly property bool isEnlarged: Presentation.enlarged === button.panel

    objectName: "enlargeButton"
    text: button.isEnlarged ? qsTr("⤡ Return (Esc)") : qsTr("⤢ Enlarge")
    checkable: false
    checked: button.isEnlarged
    font.bold: true
    focusPolicy: Qt.TabFocus
    onClicked: Presentation.enlarge(button.panel)

    ToolTip.visible: button.hovered
    ToolTip.delay: 500
    ToolTip.text: button.isEnlarged ? qsTr("Back to the window as it was (Esc)")
                                    : qsTr("Show %1 over the whole window, for the back row (Esc returns)")
                                          .arg(Presentation.title(button.panel))
    Accessible.name: button.isEnlarged ? qsTr("Return from the enlarged %1").arg(Presentation.title(button.panel))
                                       : qsTr("Enlarge %1").arg(Presentation.title(button.panel))
}
