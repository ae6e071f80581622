// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What each colour means; each also comes with a word or a shape on screen.
Flow {
    spacing: Theme.spacing

    Repeater {
        model: [
            { swatch: Theme.spinningAccent, word: qsTr("↻ spinning on a lock") },
            { swatch: Theme.badAccent, word: qsTr("✖ stuck / wait-for cycle") },
            { swatch: Theme.goodAccent, word: qsTr("✔ completed / fix on") },
            { swatch: Theme.flagAccent, word: qsTr("locked / flag set") },
            { swatch: Theme.deviceAccent, word: qsTr("device-private (GPU)") }
        ]

        delegate: RowLayout {
            required property var modelData

            spacing: 4

            Rectangle {
                width: Theme.smallFontSize
                height: Theme.smallFontSize
                radius: 3
                color: modelData.swatch
            }

            Label {
                text: modelData.word
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
            }
        }
    }
}
