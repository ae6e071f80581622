// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls

// A menu as wide as its widest item: Qt 6.4's Menu keeps its background's
// 200 px and elides the rest, which cut "Explore all schedules from the
// start" and every shortcut off at 125 % text. Never wider than the window.
Menu {
    id: menu

    width: {
        let widest = menu.implicitWidth
        for (let i = 0; i < menu.count; ++i) {
            const item = menu.itemAt(i)
            if (item)
                widest = Math.max(widest, item.implicitWidth + menu.leftPadding + menu.rightPadding)
        }
        const window = menu.parent ? menu.parent.Window.window : null
        return window ? Math.min(widest, window.width - 16) : widest
    }
}
