// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import FolioLab

// Ctrl+1 … Ctrl+9 switch the first nine fixes of the catalogue, wherever the
// focus is and whichever panel is showing (a keyboard-only class demo).
Item {
    id: shortcuts

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run

    enabled: shortcuts.run.loaded && !shortcuts.run.busy

    Shortcut {
        sequence: "Ctrl+1"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(0)
    }

    Shortcut {
        sequence: "Ctrl+2"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(1)
    }

    Shortcut {
        sequence: "Ctrl+3"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(2)
    }

    Shortcut {
        sequence: "Ctrl+4"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(3)
    }

    Shortcut {
        sequence: "Ctrl+5"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(4)
    }

    Shortcut {
        sequence: "Ctrl+6"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(5)
    }

    Shortcut {
        sequence: "Ctrl+7"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(6)
    }

    Shortcut {
        sequence: "Ctrl+8"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(7)
    }

    Shortcut {
        sequence: "Ctrl+9"
        enabled: shortcuts.enabled
        onActivated: shortcuts.run.toggleFix(8)
    }
}
