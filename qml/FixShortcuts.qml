// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import FolioLab

// Ctrl+1 … Ctrl+9 switch the first nine fixes of the catalogue, wherever the
// focus is and whichever panel is showing (a keyboard-only class demo).
Item {
    id: shortcuts

    enabled: SimController.loaded && !SimController.busy

    Shortcut {
        sequence: "Ctrl+1"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(0)
    }

    Shortcut {
        sequence: "Ctrl+2"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(1)
    }

    Shortcut {
        sequence: "Ctrl+3"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(2)
    }

    Shortcut {
        sequence: "Ctrl+4"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(3)
    }

    Shortcut {
        sequence: "Ctrl+5"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(4)
    }

    Shortcut {
        sequence: "Ctrl+6"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(5)
    }

    Shortcut {
        sequence: "Ctrl+7"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(6)
    }

    Shortcut {
        sequence: "Ctrl+8"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(7)
    }

    Shortcut {
        sequence: "Ctrl+9"
        enabled: shortcuts.enabled
        onActivated: SimController.toggleFix(8)
    }
}
