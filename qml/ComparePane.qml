// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// One side of the compare view: which run it is, how it ended, its own
// timeline with the steps that differ from the other side marked, what its
// last step did, its verdict once reached, and its CPUs. Seeking asks the
// compare view, which moves both sides together.
ColumnLayout {
    id: pane

    //! A side of SimController.compare.
    required property RunModel run
    //! "A: baseline · voluntary".
    required property string label
    //! "LIVELOCK after 533280 steps · 50 ms".
    required property string outcome
    //! The compare view's shared scale and marks.
    required property int span
    required property var ranges

    signal seekRequested(int step)

    spacing: Theme.spacing / 2

    Label {
        Layout.fillWidth: true
        text: pane.label
        font.pixelSize: Theme.baseFontSize + 2
        font.bold: true
        color: Theme.text
        elide: Text.ElideRight
    }

    Label {
        objectName: "outcome"
        Layout.fillWidth: true
        text: pane.outcome
        color: Theme.mutedText
        elide: Text.ElideRight
    }

    TimelineBar {
        Layout.fillWidth: true
        run: pane.run
        span: pane.span
        ranges: pane.ranges
        showBookmarks: false
        onSeekRequested: step => pane.seekRequested(step)
    }

    Label {
        objectName: "lastStep"
        Layout.fillWidth: true
        text: pane.run.lastStep !== "" ? pane.run.lastStep : qsTr("step 0: the initial state")
        color: Theme.text
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    VerdictBanner {
        Layout.fillWidth: true
        visible: verdict !== ""
        verdict: pane.run.verdict
        explanation: pane.run.verdictExplanation
        cycle: []
    }

    ListView {
        id: lanes

        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 120
        clip: true
        spacing: Theme.spacing / 2
        model: pane.run.cpus
        boundsBehavior: Flickable.StopAtBounds
        // The CPU that took the last step stays in view (at 1280x800 not
        // every lane fits), at the top on both sides so they line up.
        currentIndex: pane.run.lastCpu
        highlightFollowsCurrentItem: true
        highlightRangeMode: ListView.ApplyRange
        preferredHighlightBegin: 0
        preferredHighlightEnd: 0
        highlightMoveDuration: 0

        // Looking, not stepping: the two sides move together from the bar.
        delegate: CpuLane {
            width: lanes.width - Theme.spacing
            canStep: false
        }

        ScrollBar.vertical: ScrollBar {}
    }
}
