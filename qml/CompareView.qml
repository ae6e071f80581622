// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// View ▸ Compare: runs A and B of one scenario side by side at the same step
// (SimController.compare). Pickers for each side's fix set and preemption
// model, the first divergence in words for both, each side's machine and
// timeline (the steps where they differ in amber bands), and the metrics
// table of `foliolab compare`. Everything is computed in CompareModel; this
// file binds and forwards.
Rectangle {
    id: view

    readonly property CompareModel compare: SimController.compare

    signal closeRequested()

    color: Theme.window

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing / 2

        // The two sides and what to do with them.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing / 2

            Label {
                text: qsTr("Compare")
                font.pixelSize: Theme.largeFontSize
                font.bold: true
                color: Theme.text
            }

            SidePicker {
                objectName: "pickerA"
                letter: "A"
                fixes: view.compare.fixesA
                preempt: view.compare.preemptA
                fixChoices: view.compare.fixSetChoices
                preemptChoices: view.compare.preemptChoices
                enabled: !view.compare.busy
                onFixesPicked: value => view.compare.fixesA = value
                onPreemptPicked: value => view.compare.preemptA = value
            }

            Button {
                objectName: "swapButton"
                text: qsTr("⇄ Swap")
                enabled: !view.compare.busy && view.compare.ready
                onClicked: view.compare.swap()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("B becomes A and A becomes B (Ctrl+Shift+W)")
            }

            SidePicker {
                objectName: "pickerB"
                letter: "B"
                fixes: view.compare.fixesB
                preempt: view.compare.preemptB
                fixChoices: view.compare.fixSetChoices
                preemptChoices: view.compare.preemptChoices
                enabled: !view.compare.busy
                onFixesPicked: value => view.compare.fixesB = value
                onPreemptPicked: value => view.compare.preemptB = value
            }

            Button {
                text: qsTr("Run both")
                enabled: !view.compare.busy
                onClicked: view.compare.recompute()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Run A and B as picked, on the window's schedule")
            }

            BusyIndicator {
                running: view.compare.busy
                visible: view.compare.busy
                Layout.preferredHeight: Theme.largeFontSize * 1.5
                Layout.preferredWidth: Theme.largeFontSize * 1.5
                Accessible.name: qsTr("Running both sides")
            }

            Item {
                Layout.fillWidth: true
            }

            Button {
                objectName: "closeCompareButton"
                text: qsTr("Close  Esc")
                onClicked: view.closeRequested()
            }
        }

        MessageBanner {
            Layout.fillWidth: true
            visible: text !== ""
            text: view.compare.errorText
        }

        // Where they part, in words, for both sides.
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: divergenceColumn.implicitHeight + 2 * Theme.padding
            radius: Theme.radius
            color: Theme.neutralBackground
            border.color: Theme.neutralAccent
            border.width: 2
            visible: view.compare.ready

            ColumnLayout {
                id: divergenceColumn

                anchors.fill: parent
                anchors.margins: Theme.padding
                spacing: 2

                RowLayout {
                    Layout.fillWidth: true

                    Label {
                        objectName: "divergenceTitle"
                        Layout.fillWidth: true
                        text: view.compare.divergenceTitle
                        font.bold: true
                        color: Theme.text
                        wrapMode: Text.Wrap
                    }

                    Button {
                        objectName: "jumpButton"
                        text: qsTr("Jump to it  Ctrl+J")
                        enabled: view.compare.divergenceStep >= 0
                        onClicked: view.compare.jumpToDivergence()
                    }
                }

                Label {
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: view.compare.divergenceReason
                    color: Theme.text
                    wrapMode: Text.Wrap
                }

                Label {
                    objectName: "divergenceA"
                    Layout.fillWidth: true
                    visible: view.compare.divergenceA !== ""
                    text: qsTr("A did: %1").arg(view.compare.divergenceA)
                    color: Theme.text
                    wrapMode: Text.Wrap
                    font.family: Theme.monoFont
                    font.pixelSize: Theme.smallFontSize
                }

                Label {
                    objectName: "divergenceB"
                    Layout.fillWidth: true
                    visible: view.compare.divergenceB !== ""
                    text: qsTr("B did: %1").arg(view.compare.divergenceB)
                    color: Theme.text
                    wrapMode: Text.Wrap
                    font.family: Theme.monoFont
                    font.pixelSize: Theme.smallFontSize
                }
            }
        }

        // The shared step.
        RowLayout {
            Layout.fillWidth: true
            visible: view.compare.ready

            Button {
                text: qsTr("◀ Back  F4")
                enabled: view.compare.step > 0
                onClicked: view.compare.stepBack()
            }

            Label {
                objectName: "compareStep"
                text: qsTr("both at step %1 of %2").arg(view.compare.step).arg(view.compare.totalSteps)
                font.bold: true
                color: Theme.text
            }

            Button {
                text: qsTr("Forward ▶  F5")
                enabled: view.compare.step < view.compare.totalSteps
                onClicked: view.compare.stepForward()
            }

            Label {
                Layout.fillWidth: true
                text: qsTr("amber bands: steps where A and B do something different")
                color: Theme.mutedText
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignRight
            }
        }

        TabBar {
            id: compareTabs

            Layout.fillWidth: true
            visible: view.compare.ready

            TabButton { text: qsTr("Machines") }
            TabButton {
                objectName: "compareTimeTabButton"
                text: qsTr("Time (A above B, one axis)")
            }
        }

        CompareTimeView {
            objectName: "compareTimeView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: view.compare.ready && compareTabs.currentIndex === 1
            compare: view.compare
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing
            visible: view.compare.ready && compareTabs.currentIndex === 0

            ComparePane {
                objectName: "paneA"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                run: view.compare.a
                label: view.compare.labelA
                outcome: view.compare.outcomeA
                span: view.compare.totalSteps
                ranges: view.compare.differingRanges
                onSeekRequested: step => view.compare.seek(step)
            }

            ComparePane {
                objectName: "paneB"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                run: view.compare.b
                label: view.compare.labelB
                outcome: view.compare.outcomeB
                span: view.compare.totalSteps
                ranges: view.compare.differingRanges
                onSeekRequested: step => view.compare.seek(step)
            }

            MetricsTable {
                objectName: "metricsTable"
                Layout.fillHeight: true
                Layout.preferredWidth: implicitWidth
                rows: view.compare.metrics
            }
        }
    }

    Shortcut {
        sequence: "Ctrl+J"
        enabled: view.visible
        onActivated: view.compare.jumpToDivergence()
    }

    Shortcut {
        sequence: "Ctrl+Shift+W"
        enabled: view.visible
        onActivated: view.compare.swap()
    }

    Shortcut {
        sequence: "F5"
        enabled: view.visible
        onActivated: view.compare.stepForward()
    }

    Shortcut {
        sequence: "F4"
        enabled: view.visible
        onActivated: view.compare.stepBack()
    }

    Shortcut {
        sequence: "Esc"
        enabled: view.visible
        onActivated: view.closeRequested()
    }
}
