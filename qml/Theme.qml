// SPDX-License-Identifier: GPL-2.0-only
pragma Singleton

import QtQuick
import FolioLab

// Every size and colour the views use, in one place. Sized for a projector:
// nothing smaller than 18 px at scale 1. Each colour carries one meaning, and
// every use of it also has a word or a shape next to it, so the picture works
// in greyscale and for colour-blind readers. Light and dark follow AppSettings.
QtObject {
    readonly property bool dark: AppSettings.darkTheme
    readonly property real scale: AppSettings.fontScale

    readonly property int baseFontSize: Math.round(18 * scale)
    readonly property int largeFontSize: Math.round(24 * scale)
    readonly property int smallFontSize: Math.round(16 * scale)
    readonly property int spacing: 12
    readonly property int padding: 12
    readonly property int radius: 6
    readonly property string monoFont: "DejaVu Sans Mono"

    readonly property color window: dark ? "#1e2126" : "#ffffff"
    readonly property color panel: dark ? "#262a30" : "#fafbfc"
    readonly property color text: dark ? "#eceff3" : "#1d1f23"
    readonly property color mutedText: dark ? "#b4bac3" : "#4a4f57"

    // Stuck: LIVELOCK, DEADLOCK, the wait-for cycle.
    readonly property color badBackground: dark ? "#4a1f1f" : "#fde4e4"
    readonly property color badAccent: dark ? "#ff7b72" : "#b71c1c"
    // Finished: COMPLETED; a fix switched on; a line a fix adds.
    readonly property color goodBackground: dark ? "#1f3a24" : "#e2f3e4"
    readonly property color goodAccent: dark ? "#7ee787" : "#1b5e20"
    // Anything else (LIMIT, errors of the user's file, divergence).
    readonly property color neutralBackground: dark ? "#3d3320" : "#fff4d6"
    readonly property color neutralAccent: dark ? "#e3b341" : "#8a5a00"

    readonly property color laneBackground: dark ? "#2d3239" : "#f4f5f7"
    readonly property color laneBorder: dark ? "#59606b" : "#b8bcc4"
    // A task spinning on a folio lock.
    readonly property color spinningBackground: dark ? "#4a3320" : "#fff0e0"
    readonly property color spinningAccent: dark ? "#ffa657" : "#d35400"
    // A flag that asks for attention (need_resched, drain work, PG_locked).
    readonly property color flagBackground: dark ? "#1f2f4a" : "#dbe8ff"
    readonly property color flagAccent: dark ? "#79c0ff" : "#0d47a1"
    // Device-private memory (on a GPU).
    readonly property color deviceBackground: dark ? "#35294a" : "#efe6fb"
    readonly property color deviceAccent: dark ? "#d2a8ff" : "#6a1b9a"
}
