// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The metrics of two runs as `foliolab compare` prints them: one row per
// metric with A, B and B − A (values formatted in C++, as the command line
// formats them).
ScrollView {
    id: table

    //! {name, a, b, diff} maps.
    required property var rows

    implicitWidth: grid.implicitWidth + Theme.spacing * 2
    clip: true
    contentWidth: availableWidth
    // Visible, so a class sees there is more below.
    ScrollBar.vertical.policy: ScrollBar.AlwaysOn

    GridLayout {
        id: grid

        columns: 4
        columnSpacing: Theme.spacing
        rowSpacing: 2

        Label {
            text: qsTr("metric")
            font.bold: true
            color: Theme.text
        }
        Label {
            text: qsTr("A")
            font.bold: true
            color: Theme.text
            Layout.alignment: Qt.AlignRight
        }
        Label {
            text: qsTr("B")
            font.bold: true
            color: Theme.text
            Layout.alignment: Qt.AlignRight
        }
        Label {
            text: qsTr("B − A")
            font.bold: true
            color: Theme.text
            Layout.alignment: Qt.AlignRight
        }

        Repeater {
            model: table.rows

            delegate: Label {
                required property var modelData
                required property int index

                Layout.row: index + 1
                Layout.column: 0
                text: modelData.name
                color: Theme.text
                font.pixelSize: Theme.smallFontSize
            }
        }
        Repeater {
            model: table.rows

            delegate: Label {
                required property var modelData
                required property int index

                Layout.row: index + 1
                Layout.column: 1
                Layout.alignment: Qt.AlignRight
                text: modelData.a
                color: Theme.text
                font.pixelSize: Theme.smallFontSize
                font.family: Theme.monoFont
            }
        }
        Repeater {
            model: table.rows

            delegate: Label {
                required property var modelData
                required property int index

                Layout.row: index + 1
                Layout.column: 2
                Layout.alignment: Qt.AlignRight
                text: modelData.b
                color: Theme.text
                font.pixelSize: Theme.smallFontSize
                font.family: Theme.monoFont
            }
        }
        Repeater {
            model: table.rows

            delegate: Label {
                required property var modelData
                required property int index

                Layout.row: index + 1
                Layout.column: 3
                Layout.alignment: Qt.AlignRight
                text: modelData.diff
                color: Theme.text
                font.pixelSize: Theme.smallFontSize
                font.family: Theme.monoFont
            }
        }
    }
}
