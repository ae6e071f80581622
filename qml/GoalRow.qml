// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One goal of the open lesson. Met: green with a tick and the word "MET";
// reached by Show me (the learner watched, did not do it): blue with a dot
// and "SHOWN"; not yet: a plain frame with an empty circle and "TO DO", so
// the state reads in greyscale and from the back of the room.
Rectangle {
    id: row

    required property string text
    required property bool met
    required property bool shown
    required property string statusText
    required property string detail

    implicitHeight: layout.implicitHeight + 2 * Theme.padding / 2
    radius: Theme.radius
    color: row.met ? Theme.goodBackground : row.shown ? Theme.flagBackground : Theme.panel
    border.color: row.met ? Theme.goodAccent : row.shown ? Theme.flagAccent : Theme.laneBorder
    border.width: row.met || row.shown ? 2 : 1

    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1: %2").arg(row.statusText).arg(row.text)

    RowLayout {
        id: layout

        anchors.fill: parent
        anchors.margins: Theme.padding / 2
        spacing: Theme.spacing / 2

        Label {
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: Theme.largeFontSize * 1.2
            text: row.met ? "✓" : row.shown ? "◉" : "○"
            font.pixelSize: Theme.largeFontSize
            font.bold: true
            color: row.met ? Theme.goodAccent : row.shown ? Theme.flagAccent : Theme.mutedText
            horizontalAlignment: Text.AlignHCenter
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            // "MET · at step 60, baseline": the state in a word, then where.
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2

                Label {
                    objectName: "goalStatus"
                    text: row.statusText.toUpperCase()
                    font.pixelSize: Theme.smallFontSize
                    font.bold: true
                    color: row.met ? Theme.goodAccent : row.shown ? Theme.flagAccent : Theme.mutedText
                }

                Label {
                    Layout.fillWidth: true
                    visible: row.detail !== ""
                    text: "· " + row.detail
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.mutedText
                    elide: Text.ElideRight
                }
            }

            Label {
                Layout.fillWidth: true
                text: row.text
                color: Theme.text
                wrapMode: Text.Wrap
            }
        }
    }
}
