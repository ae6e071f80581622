// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The presenter layout: the machine (the CPU lanes) and one chosen panel,
// nothing else, in large type for a lecture hall. Everything is laid out at
// the window's size divided by `zoom` and drawn `zoom` times larger, so the
// lanes and panels keep their own layout and simply read from further away.
// Shown while Presentation.presenter; Esc or "Leave" returns.
Rectangle {
    id: presenter

    required property RunModel run
    //! Set while View ▸ Compare is up: it has its own Esc and its own run.
    property bool suspended: false
    //! How much larger than the window's own text: up to 1.5 at 1080 px high,
    //! but never so large that a CPU lane falls off the bottom (refit()).
    property real zoom: 1
    readonly property real maxZoom: Math.max(1, Math.min(1.6, presenter.height / 720))
    //! With the app's text already large (125 %, 150 %), the lanes may shrink
    //! to fit, but their text never below 115 % of the normal size.
    readonly property real minZoom: Math.min(1, 1.15 / AppSettings.fontScale)

    //! The lesson panel asks for the course list.
    signal courseRequested()

    objectName: "presenterLayout"
    visible: Presentation.presenter && !presenter.suspended
    color: Theme.window

    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        onWheel: wheel => wheel.accepted = true
    }

    Item {
        id: stage

        objectName: "presenterStage"
        width: presenter.width / presenter.zoom
        height: presenter.height / presenter.zoom
        scale: presenter.zoom
        transformOrigin: Item.TopLeft

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacing / 2

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                Label {
                    objectName: "presenterStatus"
                    Layout.fillWidth: true
                    text: presenter.run.verdict !== ""
                          ? qsTr("%1 · step %2 · %3").arg(presenter.run.scenarioName).arg(presenter.run.steps).arg(presenter.run.verdict)
                          : qsTr("%1 · step %2 · %3").arg(presenter.run.scenarioName).arg(presenter.run.steps).arg(presenter.run.virtualTime)
                    font.bold: true
                    font.pixelSize: Theme.largeFontSize
                    color: presenter.run.verdict === "LIVELOCK" || presenter.run.verdict === "DEADLOCK"
                           ? Theme.badAccent : Theme.text
                    elide: Text.ElideRight
                }

                ComboBox {
                    id: panelBox

                    objectName: "presenterPanelBox"
                    model: Presentation.panels
                    textRole: "title"
                    valueRole: "key"
                    // Wide enough for the longest title at any text size.
                    Layout.preferredWidth: widest.advanceWidth + leftPadding + rightPadding + indicator.width + 16
                    // Fusion's box cut the descenders under the zoom.
                    Layout.preferredHeight: Math.max(implicitHeight, widest.height + topPadding + bottomPadding + 10)

                    TextMetrics {
                        id: widest

                        font: panelBox.font
                        text: qsTr("Wait-for graph")
                    }
                    currentIndex: Presentation.panels.findIndex(p => p.key === Presentation.presenterPanel)
                    onActivated: Presentation.presenterPanel = currentValue
                    Accessible.name: qsTr("Panel beside the CPUs")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("The panel shown beside the CPUs")
                }

                EnlargeButton {
                    panel: Presentation.presenterPanel
                }

                Button {
                    objectName: "leavePresenterButton"
                    text: qsTr("Leave (Esc)")
                    onClicked: Presentation.presenter = false
                }
            }

            Label {
                Layout.fillWidth: true
                text: presenter.run.nextStep === "" ? qsTr("Next: nothing can run")
                                                    : qsTr("Next (F5): %1").arg(presenter.run.nextStep)
                color: Theme.mutedText
                elide: Text.ElideRight
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.spacing

                ListView {
                    id: lanes

                    objectName: "presenterLanes"
                    // Both fill, in proportion to their preferred widths: 45 : 55.
                    Layout.fillWidth: true
                    Layout.preferredWidth: 45
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.spacing / 2
                    model: presenter.run.cpus
                    boundsBehavior: Flickable.StopAtBounds

                    delegate: CpuLane {
                        width: lanes.width - Theme.spacing
                        onStepRequested: cpu => presenter.run.stepCpu(cpu)
                    }

                    ScrollBar.vertical: ScrollBar {}
                }

                PanelView {
                    objectName: "presenterPanel"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 55
                    Layout.fillHeight: true
                    panel: Presentation.presenterPanel
                    run: presenter.run
                    active: presenter.visible
                    // The graph's words a size up (it shrinks them if they do not fit).
                    textScale: 1.25
                    renderScale: presenter.zoom
                    onCourseRequested: presenter.courseRequested()
                }
            }
        }
    }

    // The zoom at which every lane fits. Each fit starts at the largest zoom
    // and only ever shrinks it while the lanes overflow: a smaller zoom makes
    // the lanes wider, so they never need more height, and the rounds end.
    // Rounds run once the layout has settled (on the lanes' height changes),
    // never inside a binding, so there is no binding loop.
    function refit() {
        if (!presenter.visible || lanes.height <= 0 || lanes.contentHeight <= lanes.height + 1)
            return
        const fixed = stage.height - lanes.height
        const fit = presenter.height / (lanes.contentHeight + fixed + 1)
        const next = Math.max(presenter.minZoom, Math.min(presenter.zoom - 0.01, fit))
        if (next < presenter.zoom)
            presenter.zoom = next
    }

    function startRefit() {
        presenter.zoom = presenter.maxZoom
        Qt.callLater(presenter.refit)
    }

    onVisibleChanged: presenter.startRefit()
    onWidthChanged: presenter.startRefit()
    onHeightChanged: presenter.startRefit()
    onMaxZoomChanged: presenter.startRefit()
    onMinZoomChanged: presenter.startRefit()

    Connections {
        target: lanes

        function onContentHeightChanged() { Qt.callLater(presenter.refit) }
        function onHeightChanged() { Qt.callLater(presenter.refit) }
    }

    Shortcut {
        sequence: "Esc"
        // The enlarged panel, over this one, takes Esc first.
        enabled: presenter.visible && Presentation.enlarged === ""
        onActivated: Presentation.back()
    }
}
