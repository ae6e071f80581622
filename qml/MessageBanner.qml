// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls

// A problem with what the user asked for (e.g. a scenario file that does not
// parse): shown in place, with the file:line:column from the core.
Rectangle {
    id: banner

    property string text
    //! Lines shown before the text is cut with "…" (whole in the tooltip).
    property int maximumLines: 1000

    signal closeRequested()

    implicitHeight: message.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.neutralBackground
    border.color: Theme.neutralAccent
    border.width: 2

    Accessible.role: Accessible.AlertMessage
    Accessible.name: banner.text

    HoverHandler {
        id: hover
    }

    ToolTip.visible: hover.hovered && message.truncated
    ToolTip.delay: 300
    ToolTip.text: banner.text

    Label {
        id: message

        anchors.left: parent.left
        anchors.right: closeButton.left
        anchors.top: parent.top
        anchors.margins: Theme.padding
        text: qsTr("⚠ %1").arg(banner.text)
        color: Theme.neutralAccent
        wrapMode: Text.Wrap
        maximumLineCount: banner.maximumLines
        elide: Text.ElideRight
    }

    ToolButton {
        id: closeButton

        objectName: "closeMessageButton"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 4
        text: "✕"
        onClicked: banner.closeRequested()
        Accessible.name: qsTr("Close the message")
    }
}
