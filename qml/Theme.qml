// SPDX-License-Identifier: GPL-2.0-only
pragma Singleton

import QtQuick

// Every size and colour the views use, in one place. Sized for a projector:
// nothing smaller than 18 px. Each colour carries one meaning, and every use of
// it also has a word next to it, so the picture works in greyscale.
QtObject {
    readonly property int baseFontSize: 18
    readonly property int largeFontSize: 24
    readonly property int spacing: 12
    readonly property int padding: 12
    readonly property int radius: 6

    readonly property color text: "#1d1f23"
    readonly property color mutedText: "#4a4f57"

    // Stuck: LIVELOCK, DEADLOCK.
    readonly property color badBackground: "#fde4e4"
    readonly property color badAccent: "#b71c1c"
    // Finished: COMPLETED.
    readonly property color goodBackground: "#e2f3e4"
    readonly property color goodAccent: "#1b5e20"
    // Anything else (LIMIT, errors of the user's file).
    readonly property color neutralBackground: "#fff4d6"
    readonly property color neutralAccent: "#8a5a00"

    readonly property color laneBackground: "#f4f5f7"
    readonly property color laneBorder: "#b8bcc4"
    // A task spinning on a folio lock.
    readonly property color spinningBackground: "#fff0e0"
    readonly property color spinningAccent: "#d35400"
    // A flag that asks for attention (need_resched set, drain work pending).
    readonly property color flagBackground: "#dbe8ff"
    readonly property color flagAccent: "#0d47a1"
}
