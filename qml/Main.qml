// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import QtQuick.Window
import FolioLab

// The main window: commands, the verdict, the timeline, the machine (CPU
// lanes, memory, tasks, plots) and the side panel (why it is stuck, fixes,
// choices). Everything shown comes from SimController; every command is
// forwarded to it. Each command is one Action, reused by menu and toolbar, so
// its shortcut shows in both and in the tooltip.
ApplicationWindow {
    id: window

    // At least 1280x800; on a larger screen (a projector at 1080p) most of it.
    width: Math.max(1280, Math.round(Screen.desktopAvailableWidth * 0.95))
    height: Math.max(800, Math.round(Screen.desktopAvailableHeight * 0.92))
    visible: true
    title: qsTr("FolioLab — %1").arg(window.run.scenarioName)
    font.pixelSize: Theme.baseFontSize
    color: Theme.window

    // Fusion follows the palette: this is how the theme reaches the controls.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panel
    palette.alternateBase: Theme.laneBackground
    palette.text: Theme.text
    palette.button: Theme.laneBackground
    palette.buttonText: Theme.text
    palette.toolTipBase: Theme.panel
    palette.toolTipText: Theme.text
    palette.highlight: Theme.flagAccent
    palette.highlightedText: Theme.window
    palette.placeholderText: Theme.mutedText
    palette.brightText: Theme.text

    //! The run the window shows (the compare view shows two more).
    readonly property RunModel run: SimController.run
    //! View ▸ Compare is up: the window's own stepping keys rest meanwhile.
    property bool comparing: false
    readonly property bool idle: window.run.loaded && !window.run.busy && !window.comparing
    // The side panel's tab of the lesson player.
    readonly property int lessonTab: 4
    // The machine's tab of the swimlanes (View ▸ Time view).
    readonly property int timeTab: 2

    Action {
        id: openAction

        text: qsTr("&Open…")
        shortcut: StandardKey.Open
        onTriggered: openDialog.open()
    }

    Action {
        id: saveReplayAction

        text: qsTr("&Save replay…")
        shortcut: StandardKey.Save
        enabled: window.idle
        onTriggered: saveDialog.open()
    }

    Action {
        id: saveScheduleAction

        text: qsTr("Save schedule in &words…")
        shortcut: "Ctrl+Alt+S"
        enabled: window.idle
        onTriggered: saveScheduleDialog.open()
    }

    Action {
        id: copyReportAction

        text: qsTr("Copy &report")
        shortcut: "Ctrl+Shift+R"
        enabled: window.idle
        onTriggered: SimController.copyReport()
    }

    Action {
        id: timeViewAction

        text: qsTr("&Time view (swimlanes)")
        shortcut: "F9"
        onTriggered: {
            machineTabs.currentIndex = window.timeTab
            timeView.swimlanes.forceActiveFocus()
        }
    }

    Action {
        id: quitAction

        text: qsTr("&Quit")
        shortcut: StandardKey.Quit
        onTriggered: Qt.quit()
    }

    Action {
        id: resetAction

        text: qsTr("Reset")
        shortcut: "F3"
        enabled: window.idle
        onTriggered: window.run.reset()
    }

    Action {
        id: backAction

        text: qsTr("Back")
        shortcut: "F4"
        enabled: window.idle && window.run.steps > 0
        onTriggered: window.run.stepBack()
    }

    Shortcut {
        sequences: [StandardKey.Undo]
        enabled: backAction.enabled
        onActivated: window.run.stepBack()
    }

    Action {
        id: stepAction

        text: qsTr("Step")
        shortcut: "F5"
        enabled: window.idle
        onTriggered: window.run.step()
    }

    Action {
        id: runAction

        text: window.run.running ? qsTr("Pause") : qsTr("Run")
        shortcut: "F6"
        enabled: window.idle
        onTriggered: window.run.toggleRunning()
    }

    Action {
        id: verdictAction

        text: qsTr("To verdict")
        shortcut: "F8"
        enabled: window.idle && window.run.verdict === ""
        onTriggered: window.run.runToVerdict()
    }

    Action {
        id: exploreAction

        text: qsTr("&Explore all schedules from the start")
        shortcut: "Ctrl+E"
        enabled: window.idle && !SimController.explorer.running
        onTriggered: SimController.explorer.start(false)
    }

    Action {
        id: exploreHereAction

        text: qsTr("Explore all schedules from &this step")
        shortcut: "Ctrl+Shift+E"
        enabled: window.idle && !SimController.explorer.running
        onTriggered: SimController.explorer.start(true)
    }

    Action {
        id: bookmarkAction

        text: qsTr("Bookmark")
        shortcut: "Ctrl+B"
        enabled: window.idle
        onTriggered: window.run.toggleBookmark()
    }

    Action {
        id: mergedFixAction

        text: qsTr("Switch %1").arg(SimController.mergedFix)
        shortcut: "Ctrl+M"
        enabled: window.idle
        onTriggered: window.run.toggleFixNamed(SimController.mergedFix)
    }

    Action {
        id: compareAction

        text: qsTr("&Compare two runs")
        shortcut: "Ctrl+Shift+C"
        enabled: window.run.loaded && !window.run.busy
        onTriggered: {
            if (!window.comparing)
                SimController.compare.openFromSource()
            window.comparing = !window.comparing
        }
    }

    Action {
        id: themeAction

        text: qsTr("Dark theme")
        shortcut: "Ctrl+T"
        checkable: true
        checked: AppSettings.darkTheme
        onTriggered: AppSettings.darkTheme = !AppSettings.darkTheme
    }

    Action {
        id: biggerAction

        text: qsTr("Larger text")
        shortcut: StandardKey.ZoomIn
        onTriggered: AppSettings.fontScale = AppSettings.fontScale + 0.125
    }

    Action {
        id: smallerAction

        text: qsTr("Smaller text")
        shortcut: StandardKey.ZoomOut
        onTriggered: AppSettings.fontScale = AppSettings.fontScale - 0.125
    }

    // The course: the lesson list, and the lesson player's commands.
    Action {
        id: lessonsAction

        text: qsTr("&Lessons…")
        shortcut: "Ctrl+L"
        onTriggered: lessonsDialog.open()
    }

    Action {
        id: showMeAction

        text: qsTr("&Show me")
        shortcut: "Ctrl+Shift+S"
        enabled: LessonPlayer.active && !LessonPlayer.busy && window.idle
        onTriggered: LessonPlayer.showMe()
    }

    // Show me stops at each goal: Space goes on, Esc ends the tour.
    Action {
        id: continueTourAction

        text: qsTr("&Continue Show me")
        shortcut: "Space"
        enabled: LessonPlayer.tourPaused
        onTriggered: LessonPlayer.continueTour()
    }

    Action {
        id: stopTourAction

        text: qsTr("S&top Show me")
        shortcut: "Esc"
        enabled: LessonPlayer.touring
        onTriggered: LessonPlayer.stopTour()
    }

    Action {
        id: hintAction

        text: qsTr("&Hint")
        shortcut: "Ctrl+H"
        enabled: LessonPlayer.active && LessonPlayer.hintsLeft > 0
        onTriggered: {
            sideTabs.currentIndex = window.lessonTab
            LessonPlayer.showHint()
        }
    }

    Action {
        id: restartLessonAction

        text: qsTr("&Restart lesson")
        enabled: LessonPlayer.active && !LessonPlayer.busy && window.idle
        onTriggered: LessonPlayer.restart()
    }

    Action {
        id: nextLessonAction

        text: qsTr("&Next lesson")
        shortcut: "Ctrl+PgDown"
        enabled: LessonPlayer.hasNext && !LessonPlayer.busy && window.idle
        onTriggered: LessonPlayer.openNext()
    }

    Action {
        id: previousLessonAction

        text: qsTr("&Previous lesson")
        shortcut: "Ctrl+PgUp"
        enabled: LessonPlayer.hasPrevious && !LessonPlayer.busy && window.idle
        onTriggered: LessonPlayer.openPrevious()
    }

    menuBar: MenuBar {
        Menu {
            title: qsTr("&File")

            MenuItem { action: openAction }

            Menu {
                id: recentMenu

                title: qsTr("Open &recent")
                enabled: AppSettings.recentFiles.length > 0

                Instantiator {
                    model: AppSettings.recentFiles

                    delegate: MenuItem {
                        required property string modelData

                        text: modelData
                        onTriggered: SimController.openFile(modelData)
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
            }

            Menu {
                id: builtinMenu

                title: qsTr("&Built-in scenarios")

                Instantiator {
                    model: SimController.builtinScenarios

                    delegate: MenuItem {
                        required property var modelData

                        text: modelData.name + " — " + modelData.description
                        onTriggered: SimController.loadScenario(modelData.name)
                    }
                    onObjectAdded: (index, object) => builtinMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => builtinMenu.removeItem(object)
                }
            }

            MenuItem { action: saveReplayAction }
            MenuItem { action: saveScheduleAction }
            MenuSeparator {}
            MenuItem {
                text: qsTr("Export &trace (Chrome/Perfetto JSON)…")
                enabled: window.run.loaded
                onTriggered: exportTraceDialog.open()
            }
            MenuItem {
                text: qsTr("Export &view (swimlanes PNG/SVG)…")
                enabled: window.run.loaded
                onTriggered: exportViewDialog.open()
            }
            MenuItem {
                text: qsTr("Export wait-for &graph (PNG/PDF)…")
                enabled: window.run.loaded
                onTriggered: exportGraphDialog.open()
            }
            MenuItem {
                text: qsTr("Export &plots (PNG/PDF)…")
                enabled: window.run.loaded
                onTriggered: exportPlotsDialog.open()
            }
            MenuSeparator {}
            MenuItem { action: quitAction }
        }

        Menu {
            title: qsTr("&Edit")

            MenuItem { action: copyReportAction }
        }

        Menu {
            title: qsTr("&Run")

            MenuItem { action: resetAction }
            MenuItem { action: backAction }
            MenuItem { action: stepAction }
            MenuItem { action: runAction }
            MenuItem { action: verdictAction }
            MenuItem { action: bookmarkAction }
            MenuSeparator {}
            MenuItem { action: mergedFixAction }
            MenuSeparator {}
            MenuItem { action: exploreAction }
            MenuItem { action: exploreHereAction }
        }

        Menu {
            title: qsTr("L&essons")

            MenuItem { action: lessonsAction }
            MenuSeparator {}
            MenuItem { action: showMeAction }
            MenuItem { action: continueTourAction }
            MenuItem { action: stopTourAction }
            MenuItem { action: hintAction }
            MenuItem { action: restartLessonAction }
            MenuItem { action: previousLessonAction }
            MenuItem { action: nextLessonAction }
        }

        Menu {
            title: qsTr("&View")

            MenuItem { action: compareAction }
            MenuItem { action: timeViewAction }
            MenuSeparator {}
            MenuItem { action: themeAction }
            MenuItem { action: biggerAction }
            MenuItem { action: smallerAction }
        }
    }

    header: ToolBar {
        // The compare view has its own commands; these act on the window's run.
        visible: !window.comparing
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacing / 2

            ComboBox {
                id: scenarioBox

                objectName: "scenarioBox"
                Layout.preferredWidth: Theme.baseFontSize * 9
                model: SimController.builtinScenarios.map(s => s.name)
                currentIndex: model.indexOf(window.run.scenarioName)
                displayText: window.run.scenarioName
                enabled: window.idle
                onActivated: index => SimController.loadScenario(scenarioBox.model[index])
                Accessible.name: qsTr("Scenario")
                ToolTip.visible: scenarioBox.hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Choose a built-in scenario (Ctrl+O opens a file)")
            }

            CommandButton {
                objectName: "lessonsButton"
                action: lessonsAction
                // Short on the bar (the shortcut is in the tooltip and menu):
                // the toolbar must fit 1280 px.
                text: qsTr("Lessons")
                hint: qsTr("The course: open a lesson with goals the window checks as you step")
            }

            CommandButton {
                action: resetAction
                hint: qsTr("Back to the scenario's initial state, dropping the recorded run")
            }

            CommandButton {
                action: backAction
                hint: qsTr("One step back in time (also Ctrl+Z)")
            }

            CommandButton {
                action: stepAction
                hint: qsTr("Apply one kernel step: the one marked ▶ in Choices")
            }

            CommandButton {
                action: runAction
                hint: qsTr("Step continuously at the chosen speed; pauses at the verdict")
            }

            CommandButton {
                action: verdictAction
                hint: qsTr("Run in the background until FolioLab can give a verdict")
            }

            Label {
                text: qsTr("speed")
                color: Theme.mutedText
            }

            Slider {
                id: speedSlider

                objectName: "speedSlider"
                // Narrow enough that the toolbar, with Lessons, fits 1280 px.
                Layout.preferredWidth: 110
                // Logarithmic: 1 to 1 000 000 steps per second.
                from: 0
                to: 6
                value: Math.log(AppSettings.speed) / Math.LN10
                onMoved: AppSettings.speed = Math.round(Math.pow(10, speedSlider.value))
                Accessible.name: qsTr("Speed")
                Accessible.description: qsTr("%1 steps per second").arg(AppSettings.speed)
                ToolTip.visible: speedSlider.hovered || speedSlider.pressed
                ToolTip.text: qsTr("Running speed: %1 steps per second (F6 runs)").arg(AppSettings.speed)
            }

            Label {
                text: qsTr("%1/s").arg(AppSettings.speed)
                color: Theme.mutedText
                Layout.preferredWidth: Theme.baseFontSize * 5
            }

            Item {
                Layout.fillWidth: true
            }

            BusyIndicator {
                running: window.run.busy
                visible: window.run.busy
                Layout.preferredHeight: Theme.largeFontSize * 1.5
                Layout.preferredWidth: Theme.largeFontSize * 1.5
                Accessible.name: qsTr("Running in the background")
            }

            Label {
                objectName: "clockText"
                text: window.run.virtualTime
                font.bold: true
                color: Theme.text
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing / 2

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                text: qsTr("%1 — fixes: %2").arg(window.run.scenarioTitle !== "" ? window.run.scenarioTitle : window.run.scenarioName)
                                            .arg(window.run.fixes)
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }

            // The kernel's build: switching either re-runs the schedule under
            // it, as a fix toggle does.
            Label {
                text: qsTr("Preemption:")
                color: Theme.text
            }
            ComboBox {
                id: preemptBox

                objectName: "preemptBox"
                model: ["none", "voluntary", "full", "rt"]
                currentIndex: model.indexOf(window.run.preempt)
                enabled: window.idle
                Accessible.name: qsTr("Preemption model")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The kernel's preemption model; the schedule is re-run under it")
                onActivated: index => window.run.setModels(model[index], "")
            }
            Label {
                text: qsTr("RCU:")
                color: Theme.text
            }
            ComboBox {
                id: rcuBox

                objectName: "rcuBox"
                model: ["non-preemptible", "preemptible"]
                currentIndex: model.indexOf(window.run.rcu)
                enabled: window.idle
                // Wide enough for the longest flavour, whatever the text size.
                implicitWidth: rcuWidest.advanceWidth + leftPadding + rightPadding + indicator.width + 8

                TextMetrics {
                    id: rcuWidest

                    font: rcuBox.font
                    text: "non-preemptible"
                }
                Accessible.name: qsTr("RCU flavour")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Preemptible RCU (every PREEMPT_DYNAMIC kernel) reports an expedited grace period's quiescent state at once; non-preemptible RCU waits for a context switch")
                onActivated: index => window.run.setModels("", model[index])
            }
            // A refused or re-run model shows in the boxes again (a user's
            // pick breaks their bindings).
            Connections {
                target: window.run

                function onPreemptChanged() { preemptBox.currentIndex = preemptBox.model.indexOf(window.run.preempt) }
                function onRcuChanged() { rcuBox.currentIndex = rcuBox.model.indexOf(window.run.rcu) }
            }
        }

        MessageBanner {
            objectName: "errorBanner"
            Layout.fillWidth: true
            visible: text !== ""
            text: window.run.errorText
        }

        VerdictBanner {
            objectName: "verdictBanner"
            Layout.fillWidth: true
            visible: verdict !== ""
            verdict: window.run.verdict
            explanation: window.run.verdictExplanation
            cycle: []
        }

        ExploreBanner {
            objectName: "exploreBanner"
            Layout.fillWidth: true
            visible: SimController.explorer.running || SimController.explorer.verdict !== ""
        }

        Label {
            objectName: "lassoText"
            Layout.fillWidth: true
            visible: text !== ""
            text: window.run.lassoText !== "" ? "↻ " + window.run.lassoText : ""
            color: Theme.badAccent
            font.bold: true
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            text: window.run.nextStep === "" ? qsTr("Next: nothing can run")
                                                : qsTr("Next (F5): %1").arg(window.run.nextStep)
            color: Theme.mutedText
            elide: Text.ElideRight
        }

        TimelineBar {
            Layout.fillWidth: true
            run: window.run
            ranges: window.run.cycleRanges
            rangeColor: Theme.badAccent
            onSeekRequested: step => window.run.seek(step)
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            // Lanes above, memory and tasks below; drag the handle between them.
            SplitView {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 400
                orientation: Qt.Vertical

                ListView {
                    id: lanes

                    readonly property bool timeTabShown: machineTabs.currentIndex === window.timeTab

                    objectName: "cpuLanes"
                    // The Time tab draws the CPUs over time: it takes their room.
                    visible: !lanes.timeTabShown
                    SplitView.preferredHeight: lanes.timeTabShown ? 0 : Math.min(contentHeight, window.height * 0.36)
                    SplitView.minimumHeight: lanes.timeTabShown ? 0 : 100
                    clip: true
                    spacing: Theme.spacing / 2
                    model: window.run.cpus
                    boundsBehavior: Flickable.StopAtBounds

                    delegate: CpuLane {
                        width: lanes.width - Theme.spacing
                        onStepRequested: cpu => window.run.stepCpu(cpu)
                    }

                    ScrollBar.vertical: ScrollBar {}
                }

                ColumnLayout {
                    SplitView.fillHeight: true
                    SplitView.minimumHeight: 120
                    spacing: Theme.spacing / 2

                    TabBar {
                        id: machineTabs

                        Layout.fillWidth: true

                        TabButton { text: qsTr("Memory") }
                        TabButton { text: qsTr("Tasks") }
                        TabButton {
                            objectName: "timeTabButton"
                            text: qsTr("Time")
                        }
                    }

                    StackLayout {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        currentIndex: machineTabs.currentIndex

                        MemoryPanel {
                            run: window.run
                        }
                        TaskPanel {
                            run: window.run
                        }
                        TimeView {
                            id: timeView

                            objectName: "timeView"
                            run: window.run
                        }
                    }

                    Legend {
                        Layout.fillWidth: true
                        visible: !lanes.timeTabShown // the time view has its own
                    }
                }
            }

            ColumnLayout {
                SplitView.preferredWidth: window.width * 0.38
                SplitView.minimumWidth: 300
                spacing: Theme.spacing / 2

                TabBar {
                    id: sideTabs

                    Layout.fillWidth: true

                    TabButton { text: qsTr("Why") }
                    TabButton { text: qsTr("Fixes") }
                    TabButton { text: qsTr("Choices") }
                    TabButton {
                        objectName: "plotsTabButton"
                        text: qsTr("Plots")
                    }
                    TabButton {
                        objectName: "lessonTabButton"
                        text: qsTr("Lesson")
                    }
                }

                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: sideTabs.currentIndex

                    WaitGraphPanel {
                        id: waitGraphPanel

                        run: window.run
                    }
                    FixPanel {
                        run: window.run
                    }
                    ChoicesPanel {
                        run: window.run
                    }
                    PlotsPanel {
                        id: plotsPanel

                        run: window.run
                        // On the swimlanes' time axis.
                        viewStart: timeView.swimlanes.viewStart
                        viewEnd: timeView.swimlanes.viewEnd
                    }
                    LessonPanel {
                        objectName: "lessonPanel"
                        onCourseRequested: lessonsDialog.open()
                    }
                }
            }
        }
    }

    FixShortcuts {
        run: window.run
    }

    // Over the machine, under the menu bar: the window's run stays as it was.
    CompareView {
        objectName: "compareView"
        anchors.fill: parent
        visible: window.comparing
        onCloseRequested: window.comparing = false
    }

    LessonsDialog {
        id: lessonsDialog

        objectName: "lessonsDialog"
    }

    // A lesson just opened: show its panel.
    Connections {
        target: LessonPlayer

        function onLessonChanged() {
            sideTabs.currentIndex = window.lessonTab
        }
    }

    // Files dropped on the window open like File ▸ Open.
    DropArea {
        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: drop => {
            if (drop.hasUrls && drop.urls.length > 0)
                SimController.openFile(drop.urls[0])
        }
    }

    FileDialog {
        id: openDialog

        title: qsTr("Open a scenario or replay")
        nameFilters: [qsTr("FolioLab files (*.toml *.flab)"), qsTr("All files (*)")]
        onAccepted: SimController.openFile(openDialog.selectedFile)
    }

    FileDialog {
        id: saveDialog

        title: qsTr("Save the schedule as a replay file")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "flab"
        nameFilters: [qsTr("Replay files (*.flab)")]
        onAccepted: SimController.saveReplay(saveDialog.selectedFile)
    }

    FileDialog {
        id: saveScheduleDialog

        title: qsTr("Save the schedule in words (checked by foliolab check)")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "sched"
        nameFilters: [qsTr("Schedules in words (*.sched)")]
        onAccepted: SimController.saveSchedule(saveScheduleDialog.selectedFile)
    }

    FileDialog {
        id: exportTraceDialog

        title: qsTr("Export the run as a trace (opens in ui.perfetto.dev)")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "json"
        nameFilters: [qsTr("Chrome trace JSON (*.json)")]
        onAccepted: window.reportExport(timeView.swimlanes.exportTrace(exportTraceDialog.selectedFile))
    }

    FileDialog {
        id: exportViewDialog

        title: qsTr("Export the swimlanes as a picture")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "png"
        nameFilters: [qsTr("PNG picture of this view (*.png)"), qsTr("SVG of the whole run (*.svg)")]
        onAccepted: window.reportExport(timeView.swimlanes.exportPicture(exportViewDialog.selectedFile, 1920, 0))
    }

    PictureExporter {
        id: pictureExporter
    }

    FileDialog {
        id: exportGraphDialog

        title: qsTr("Export the wait-for graph as a picture")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "png"
        nameFilters: [qsTr("PNG picture (*.png)"), qsTr("PDF (*.pdf)")]
        onAccepted: {
            sideTabs.currentIndex = 0 // drawn at the size it has on screen
            window.reportExport(pictureExporter.saveItem(waitGraphPanel.graph, exportGraphDialog.selectedFile, 2))
        }
    }

    FileDialog {
        id: exportPlotsDialog

        title: qsTr("Export the plots as a picture")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "png"
        nameFilters: [qsTr("PNG picture (*.png)"), qsTr("PDF (*.pdf)")]
        onAccepted: {
            sideTabs.currentIndex = 3
            window.reportExport(pictureExporter.savePlots(plotsPanel.plots, exportPlotsDialog.selectedFile, 2))
        }
    }

    //! An export's error (if any) in the error dialog.
    function reportExport(error: string) {
        if (error === "")
            return
        errorDialog.message = error
        if (window.showErrorDialogs)
            errorDialog.open()
    }

    // A bad file or a refused fix combination: said in a dialog as well as the
    // banner, with the FILE:LINE:COL the core gives.
    Dialog {
        id: errorDialog

        objectName: "errorDialog"
        property string message

        anchors.centerIn: parent
        width: Math.min(window.width * 0.7, 900)
        title: qsTr("FolioLab cannot do that")
        modal: true
        standardButtons: Dialog.Ok

        Label {
            width: errorDialog.availableWidth
            text: errorDialog.message
            wrapMode: Text.Wrap
            color: Theme.text
        }
    }

    Connections {
        target: window.run

        function onErrorOccurred(message) {
            errorDialog.message = message
            if (window.showErrorDialogs)
                errorDialog.open()
        }

        function onVerdictChanged() {
            // When the machine gets stuck, show why at once; in a lesson the
            // goals stay in view (the banner above says why).
            if (!LessonPlayer.active && (window.run.verdict === "LIVELOCK" || window.run.verdict === "DEADLOCK"))
                sideTabs.currentIndex = 0
        }

        function onDivergenceChanged() {
            if (window.run.divergence !== "")
                sideTabs.currentIndex = 1
        }
    }

    //! Tests switch the modal dialog off so a scripted error does not block input.
    property bool showErrorDialogs: true

    // A bad file named on the command line failed before the window existed.
    Component.onCompleted: {
        if (window.run.errorText !== "") {
            errorDialog.message = window.run.errorText
            errorDialog.open()
        }
    }
}
