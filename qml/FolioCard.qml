// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One folio as a card: its name and where it lives (system RAM, or
// device-private on a GPU: purple), refcount (hover for where the references
// come from), mapcount, PG_locked with its owner (a blue frame and 🔒),
// waiters, PG_lru and its LRU place.
Rectangle {
    id: card

    required property string name
    required property string kind
    required property bool devicePrivate
    required property int refcount
    required property string refSources
    required property int mapcount
    required property bool locked
    required property string lockOwner
    required property bool waiters
    required property bool lru
    required property string place

    objectName: "folioCard"

    implicitWidth: Math.max(column.implicitWidth, Theme.baseFontSize * 11) + 2 * Theme.padding
    implicitHeight: column.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: card.devicePrivate ? Theme.deviceBackground : Theme.laneBackground
    border.color: card.locked ? Theme.flagAccent : card.devicePrivate ? Theme.deviceAccent : Theme.laneBorder
    border.width: card.locked ? 4 : 1

    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("folio %1, %2, refcount %3, %4").arg(card.name).arg(card.kind)
                         .arg(card.refcount).arg(card.locked ? qsTr("locked by %1").arg(card.lockOwner)
                                                             : qsTr("unlocked"))

    HoverHandler {
        id: hover
    }

    ToolTip.visible: hover.hovered
    ToolTip.delay: 300
    ToolTip.text: qsTr("references: %1").arg(card.refSources)

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: 2

        // The name and where it lives on one line: a card fits a short panel.
        RowLayout {
            spacing: Theme.spacing / 2

            Label {
                text: (card.locked ? "■ " : "") + card.name
                font.bold: true
                font.pixelSize: Theme.largeFontSize
                color: Theme.text
            }

            Label {
                Layout.alignment: Qt.AlignBaseline
                text: card.kind
                color: card.devicePrivate ? Theme.deviceAccent : Theme.mutedText
                font.bold: card.devicePrivate
            }
        }

        Label {
            text: qsTr("ref %1 · map %2").arg(card.refcount).arg(card.mapcount)
            color: Theme.text
        }

        Label {
            text: card.locked ? qsTr("PG_locked by %1").arg(card.lockOwner) : qsTr("unlocked")
            color: card.locked ? Theme.flagAccent : Theme.mutedText
            font.bold: card.locked
        }

        Label {
            visible: card.waiters
            text: qsTr("PG_waiters")
            color: Theme.flagAccent
        }

        Label {
            text: qsTr("PG_lru %1 · %2").arg(card.lru ? qsTr("on") : qsTr("off")).arg(card.place)
            color: Theme.mutedText
        }
    }
}
