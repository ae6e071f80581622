// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls

// A problem with what the user asked for (e.g. a scenario file that does not
// parse): shown in place, with the file:line:column from the core.
Rectangle {
    id: banner

    property string text

    implicitHeight: message.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.neutralBackground
    border.color: Theme.neutralAccent
    border.width: 2

    Accessible.role: Accessible.AlertMessage
    Accessible.name: banner.text

    Label {
        id: message

        anchors.fill: parent
        anchors.margins: Theme.padding
        text: qsTr("⚠ %1").arg(banner.text)
        color: Theme.neutralAccent
        wrapMode: Text.Wrap
    }
}
