// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls

// "need_resched: yes" as a small chip; a flagged fact gets a blue chip and
// bold type, so it stands out in colour and in weight.
Label {
    id: fact

    property string name
    property string value
    property bool flagged: false

    text: qsTr("%1: %2").arg(fact.name).arg(fact.value)
    font.pixelSize: Theme.smallFontSize
    font.bold: fact.flagged
    color: fact.flagged ? Theme.flagAccent : Theme.mutedText
    leftPadding: 8
    rightPadding: 8
    topPadding: 2
    bottomPadding: 2

    background: Rectangle {
        radius: Theme.radius
        color: fact.flagged ? Theme.flagBackground : "transparent"
        border.color: fact.flagged ? Theme.flagAccent : "transparent"
    }

    Accessible.name: fact.name + ": " + fact.value
}
