// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import FolioLab

// A menu item that shows its action's shortcut right-aligned, as desktop
// menus do (Qt 6.4's MenuItem shows only the text). Its implicit width holds
// the text, the shortcut and a gap between them at any text size, so a menu
// as wide as its widest item cuts nothing off.
MenuItem {
    id: item

    //! The shortcut as shown ("Ctrl+B"), "" for none.
    readonly property string shortcutText: item.action ? MenuText.shortcut(item.action.shortcut) : ""
    readonly property real indicatorPadding: item.checkable && item.indicator ? item.indicator.width + item.spacing : 0
    readonly property real arrowPadding: item.subMenu && item.arrow ? item.arrow.width + item.spacing : 0
    readonly property color textColor: item.highlighted || item.down ? item.palette.highlightedText : item.palette.text

    contentItem: Item {
        implicitWidth: item.indicatorPadding + label.implicitWidth
                       + (item.shortcutText !== "" ? item.font.pixelSize * 2 + keys.implicitWidth : 0)
                       + item.arrowPadding
        implicitHeight: Math.max(label.implicitHeight, keys.implicitHeight)

        Text {
            id: label

            x: item.indicatorPadding
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, parent.width - x - (keys.text !== "" ? keys.implicitWidth : 0))
            text: MenuText.withoutMnemonic(item.text)
            font: item.font
            color: item.textColor
            opacity: item.enabled ? 1 : 0.5
            elide: Text.ElideRight
        }

        Text {
            id: keys

            objectName: "shortcutText"
            anchors.right: parent.right
            anchors.rightMargin: item.arrowPadding
            anchors.verticalCenter: parent.verticalCenter
            text: item.shortcutText
            font: item.font
            color: item.textColor
            opacity: item.enabled ? 0.75 : 0.4
        }
    }
}
