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
    // The machine's tab of the tasks.
    readonly property int tasksTab: 1

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
        id: firstBugAction

        text: qsTr("Stop exploring at the first bug")
        checkable: true
        checked: AppSettings.exploreStopsAtFirstBug
        onTriggered: AppSettings.exploreStopsAtFirstBug = !AppSettings.exploreStopsAtFirstBug
    }

    Binding {
        target: SimController.explorer
        property: "stopAtFirstBug"
        value: AppSettings.exploreStopsAtFirstBug
    }

    Action {
        id: bookmarkAction

        text: qsTr("Bookmark")
        shortcut: "Ctrl+B"
        enabled: window.idle
        onTriggered: window.run.toggleBookmark()
    }

    // ---- Workspaces and named bookmarks (issue 14, item 6): actions ----
    Action {
        id: openWorkspaceAction

        text: qsTr("Open wor&kspace…")
        enabled: window.idle && !LessonPlayer.busy
        onTriggered: openWorkspaceDialog.open()
    }

    Action {
        id: saveWorkspaceAction

        text: qsTr("Save &workspace…")
        enabled: window.idle
        onTriggered: saveWorkspaceDialog.open()
    }

    Action {
        id: reopenWorkspaceAction

        text: qsTr("Reopen last workspace at start")
        checkable: true
        checked: AppSettings.reopenLastWorkspace
        onTriggered: AppSettings.reopenLastWorkspace = !AppSettings.reopenLastWorkspace
    }

    Action {
        id: bookmarksAction

        text: qsTr("Bookmarks…")
        shortcut: "Ctrl+Shift+B"
        enabled: window.run.loaded && !window.comparing
        onTriggered: bookmarksPanel.open()
    }
    // ---- end of workspace actions ----

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

    // ---- Presenting (issue 14): full screen, the presenter layout, enlarged panels ----
    Action {
        id: fullScreenAction

        text: qsTr("&Full screen")
        shortcut: "F11"
        checkable: true
        checked: window.visibility === Window.FullScreen
        onTriggered: window.toggleFullScreen()
    }

    Action {
        id: presenterAction

        text: qsTr("&Presenter layout (CPUs + one panel, large)")
        shortcut: "Ctrl+Shift+P"
        checkable: true
        checked: Presentation.presenter
        onTriggered: Presentation.presenter = !Presentation.presenter
    }

    Action {
        id: enlargeAction

        // The side bar's panel now on show (Why, Fixes, Choices, Plots, Lesson).
        text: qsTr("&Enlarge this panel to the window")
        shortcut: "Ctrl+Shift+F"
        onTriggered: Presentation.enlarge(["waitGraph", "fixes", "choices", "plots", "lesson"][sideTabs.currentIndex])
    }

    //! Where F11 returns to (windowed or maximized).
    property int visibilityBeforeFullScreen: Window.Windowed

    function toggleFullScreen() {
        if (window.visibility === Window.FullScreen) {
            window.visibility = window.visibilityBeforeFullScreen
        } else {
            window.visibilityBeforeFullScreen = window.visibility
            window.showFullScreen()
        }
    }
    // ---- end of presenting ----

    menuBar: MenuBar {
        ShortcutMenu {
            title: qsTr("&File")

            ShortcutMenuItem { action: openAction }

            ShortcutMenu {
                id: recentMenu

                title: qsTr("Open &recent")
                enabled: AppSettings.recentFiles.length > 0

                Instantiator {
                    model: AppSettings.recentFiles

                    delegate: ShortcutMenuItem {
                        required property string modelData

                        text: modelData
                        onTriggered: SimController.openFile(modelData)
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
            }

            ShortcutMenu {
                id: builtinMenu

                title: qsTr("&Built-in scenarios")

                Instantiator {
                    model: SimController.builtinScenarios

                    delegate: ShortcutMenuItem {
                        required property var modelData

                        text: modelData.name + " — " + modelData.description
                        onTriggered: SimController.loadScenario(modelData.name)
                    }
                    onObjectAdded: (index, object) => builtinMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => builtinMenu.removeItem(object)
                }
            }

            ShortcutMenuItem { action: saveReplayAction }
            ShortcutMenuItem { action: saveScheduleAction }
            // ---- Workspaces (issue 14, item 6) ----
            MenuSeparator {}
            ShortcutMenuItem { action: openWorkspaceAction }
            ShortcutMenuItem { action: saveWorkspaceAction }
            ShortcutMenuItem { action: reopenWorkspaceAction }
            // ---- end of workspaces ----
            MenuSeparator {}
            ShortcutMenuItem {
                text: qsTr("Export &trace (Chrome/Perfetto JSON)…")
                enabled: window.run.loaded
                onTriggered: exportTraceDialog.open()
            }
            ShortcutMenuItem {
                text: qsTr("Export &view (swimlanes PNG/SVG)…")
                enabled: window.run.loaded
                onTriggered: exportViewDialog.open()
            }
            ShortcutMenuItem {
                text: qsTr("Export wait-for &graph (PNG/PDF)…")
                enabled: window.run.loaded
                onTriggered: exportGraphDialog.open()
            }
            ShortcutMenuItem {
                text: qsTr("Export &plots (PNG/PDF)…")
                enabled: window.run.loaded
                onTriggered: exportPlotsDialog.open()
            }
            MenuSeparator {}
            ShortcutMenuItem { action: quitAction }
        }

        ShortcutMenu {
            title: qsTr("&Edit")

            ShortcutMenuItem { action: copyReportAction }
        }

        ShortcutMenu {
            title: qsTr("&Run")

            ShortcutMenuItem { action: resetAction }
            ShortcutMenuItem { action: backAction }
            ShortcutMenuItem { action: stepAction }
            ShortcutMenuItem { action: runAction }
            ShortcutMenuItem { action: verdictAction }
            ShortcutMenuItem { action: bookmarkAction }
            ShortcutMenuItem { action: bookmarksAction } // named bookmarks (issue 14, item 6)
            MenuSeparator {}
            ShortcutMenuItem { action: mergedFixAction }
            MenuSeparator {}
            ShortcutMenuItem { action: exploreAction }
            ShortcutMenuItem { action: exploreHereAction }
            ShortcutMenuItem { action: firstBugAction }
        }

        ShortcutMenu {
            title: qsTr("L&essons")

            ShortcutMenuItem { action: lessonsAction }
            MenuSeparator {}
            ShortcutMenuItem { action: showMeAction }
            ShortcutMenuItem { action: continueTourAction }
            ShortcutMenuItem { action: stopTourAction }
            ShortcutMenuItem { action: hintAction }
            ShortcutMenuItem { action: restartLessonAction }
            ShortcutMenuItem { action: previousLessonAction }
            ShortcutMenuItem { action: nextLessonAction }
        }

        ShortcutMenu {
            title: qsTr("&View")

            ShortcutMenuItem { action: compareAction }
            ShortcutMenuItem { action: timeViewAction }
            MenuSeparator {}
            // Presenting (issue 14).
            ShortcutMenuItem { action: fullScreenAction }
            ShortcutMenuItem { action: presenterAction }
            ShortcutMenuItem { action: enlargeAction }
            ShortcutMenu {
                id: enlargeMenu

                title: qsTr("Enlar&ge a panel")

                Instantiator {
                    model: Presentation.panels

                    delegate: ShortcutMenuItem {
                        required property var modelData

                        text: modelData.title
                        onTriggered: Presentation.enlarge(modelData.key)
                    }
                    onObjectAdded: (index, object) => enlargeMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => enlargeMenu.removeItem(object)
                }
            }
            MenuSeparator {}
            ShortcutMenuItem { action: themeAction }
            ShortcutMenuItem { action: biggerAction }
            ShortcutMenuItem { action: smallerAction }
        }
    }

    header: ToolBar {
        id: toolBar

        // The commands that leave the bar for the ⋯ menu when it is short of
        // room, least needed first (a lecture steps; it seldom changes speed).
        readonly property list<Item> dropOrder: [speedGroup, scenarioBox, lessonsButton, verdictButton,
                                                  resetButton, runButton, backButton, stepButton]
        // Room for them: the bar less the clock, the busy sign and the ⋯ button.
        readonly property real room: toolRow.width - clockLabel.implicitWidth - overflowButton.implicitWidth
                                     - busy.Layout.preferredWidth - 4 * toolRow.spacing

        //! Whether the command ranked `rank` in dropOrder stays on the bar:
        //! it and every command kept longer fit.
        function keeps(rank: int): bool {
            let used = 0
            for (let i = rank; i < toolBar.dropOrder.length; ++i)
                used += toolBar.dropOrder[i].implicitWidth + toolRow.spacing
            return used <= toolBar.room
        }

        objectName: "mainToolBar"
        // The compare view has its own commands; these act on the window's run.
        visible: !window.comparing

        RowLayout {
            id: toolRow

            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacing / 2

            ComboBox {
                id: scenarioBox

                objectName: "scenarioBox"
                visible: toolBar.keeps(1)
                implicitWidth: Theme.baseFontSize * 9
                // As tall as its text at any text size (Fusion's is not).
                implicitHeight: Math.ceil(scenarioMetrics.height) + 10
                model: SimController.builtinScenarios.map(s => s.name)
                currentIndex: model.indexOf(window.run.scenarioName)
                displayText: window.run.scenarioName
                enabled: window.idle
                onActivated: index => SimController.loadScenario(scenarioBox.model[index])
                Accessible.name: qsTr("Scenario")
                ToolTip.visible: scenarioBox.hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Choose a built-in scenario (Ctrl+O opens a file)")

                FontMetrics {
                    id: scenarioMetrics

                    font: scenarioBox.font
                }
            }

            CommandButton {
                id: lessonsButton

                objectName: "lessonsButton"
                visible: toolBar.keeps(2)
                action: lessonsAction
                // Short on the bar (the shortcut is in the tooltip and menu).
                text: qsTr("Lessons")
                hint: qsTr("The course: open a lesson with goals the window checks as you step")
            }

            CommandButton {
                id: resetButton

                objectName: "resetButton"
                visible: toolBar.keeps(4)
                action: resetAction
                hint: qsTr("Back to the scenario's initial state, dropping the recorded run")
            }

            CommandButton {
                id: backButton

                objectName: "backButton"
                visible: toolBar.keeps(6)
                action: backAction
                hint: qsTr("One step back in time (also Ctrl+Z)")
            }

            CommandButton {
                id: stepButton

                objectName: "stepButton"
                visible: toolBar.keeps(7)
                action: stepAction
                hint: qsTr("Apply one kernel step: the one marked ▶ in Choices")
            }

            CommandButton {
                id: runButton

                objectName: "runButton"
                visible: toolBar.keeps(5)
                action: runAction
                hint: qsTr("Step continuously at the chosen speed; pauses at the verdict")
            }

            CommandButton {
                id: verdictButton

                objectName: "verdictButton"
                visible: toolBar.keeps(3)
                action: verdictAction
                hint: qsTr("Run in the background until FolioLab can give a verdict")
            }

            RowLayout {
                id: speedGroup

                objectName: "speedGroup"
                visible: toolBar.keeps(0)
                // Its own width even while hidden (a hidden layout measures 0).
                implicitWidth: speedLabel.implicitWidth + speedSlider.Layout.preferredWidth
                               + rateLabel.Layout.preferredWidth + 2 * spacing
                spacing: Theme.spacing / 2

                Label {
                    id: speedLabel

                    text: qsTr("speed")
                    color: Theme.mutedText
                }

                Slider {
                    id: speedSlider

                    objectName: "speedSlider"
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
                    id: rateLabel

                    text: qsTr("%1/s").arg(AppSettings.speed)
                    color: Theme.mutedText
                    Layout.preferredWidth: rateWidest.advanceWidth

                    TextMetrics {
                        id: rateWidest

                        font: rateLabel.font
                        text: "1000000/s"
                    }
                }
            }

            Item {
                Layout.fillWidth: true
            }

            BusyIndicator {
                id: busy

                running: window.run.busy
                visible: window.run.busy
                Layout.preferredHeight: Theme.largeFontSize * 1.5
                Layout.preferredWidth: Theme.largeFontSize * 1.5
                Accessible.name: qsTr("Running in the background")
            }

            Label {
                id: clockLabel

                objectName: "clockText"
                text: window.run.virtualTime
                font.bold: true
                color: Theme.text
            }

            // What did not fit on the bar, as a menu.
            ToolButton {
                id: overflowButton

                objectName: "overflowButton"
                visible: overflowMenu.hiddenCount > 0
                text: "⋯"
                font.bold: true
                focusPolicy: Qt.TabFocus
                onClicked: overflowMenu.open()
                Accessible.name: qsTr("More commands")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("The commands that do not fit on the bar")

                Menu {
                    id: overflowMenu

                    readonly property int hiddenCount: {
                        let n = 0
                        for (let i = 0; i < toolBar.dropOrder.length; ++i)
                            n += toolBar.dropOrder[i].visible ? 0 : 1
                        return n
                    }

                    objectName: "overflowMenu"
                    y: overflowButton.height
                    x: overflowButton.width - width

                    Menu {
                        id: overflowScenarios

                        objectName: "overflow-scenarioBox"
                        title: qsTr("Scenario")
                        enabled: !scenarioBox.visible && window.idle

                        Instantiator {
                            model: SimController.builtinScenarios

                            delegate: MenuItem {
                                required property var modelData

                                text: modelData.name
                                checkable: true
                                checked: modelData.name === window.run.scenarioName
                                onTriggered: SimController.loadScenario(modelData.name)
                            }
                            onObjectAdded: (index, object) => overflowScenarios.insertItem(index, object)
                            onObjectRemoved: (index, object) => overflowScenarios.removeItem(object)
                        }
                    }
                    MenuItem {
                        objectName: "overflow-lessonsButton"
                        action: lessonsAction
                        visible: !lessonsButton.visible
                        height: visible ? implicitHeight : 0
                    }
                    MenuItem {
                        objectName: "overflow-resetButton"
                        action: resetAction
                        visible: !resetButton.visible
                        height: visible ? implicitHeight : 0
                    }
                    MenuItem {
                        objectName: "overflow-backButton"
                        action: backAction
                        visible: !backButton.visible
                        height: visible ? implicitHeight : 0
                    }
                    MenuItem {
                        objectName: "overflow-stepButton"
                        action: stepAction
                        visible: !stepButton.visible
                        height: visible ? implicitHeight : 0
                    }
                    MenuItem {
                        objectName: "overflow-runButton"
                        action: runAction
                        visible: !runButton.visible
                        height: visible ? implicitHeight : 0
                    }
                    MenuItem {
                        objectName: "overflow-verdictButton"
                        action: verdictAction
                        visible: !verdictButton.visible
                        height: visible ? implicitHeight : 0
                    }
                    Menu {
                        id: overflowSpeeds

                        objectName: "overflow-speedGroup"
                        title: qsTr("Speed (%1/s)").arg(AppSettings.speed)

                        Instantiator {
                            model: [1, 10, 100, 1000, 10000, 100000, 1000000]

                            delegate: MenuItem {
                                required property int modelData

                                text: qsTr("%1 steps/s").arg(modelData)
                                checkable: true
                                checked: AppSettings.speed === modelData
                                onTriggered: AppSettings.speed = modelData
                            }
                            onObjectAdded: (index, object) => overflowSpeeds.insertItem(index, object)
                            onObjectRemoved: (index, object) => overflowSpeeds.removeItem(object)
                        }
                    }
                }
            }
        }
    }

    ColumnLayout {
        id: body

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing / 2

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                text: window.run.scenarioTitle !== "" ? window.run.scenarioTitle : window.run.scenarioName
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }

            // Never cut: which fixes are on is what a lesson turns on.
            Label {
                objectName: "fixesText"
                Layout.maximumWidth: body.width / 3
                text: qsTr("fixes: %1").arg(window.run.fixes)
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
                // As tall as its text at any text size (Fusion's is not).
                implicitHeight: Math.ceil(preemptWidest.height) + 10
                model: ["none", "voluntary", "full", "rt"]
                currentIndex: model.indexOf(window.run.preempt)
                enabled: window.idle
                // Wide enough for the longest model, whatever the text size.
                implicitWidth: preemptWidest.advanceWidth + leftPadding + rightPadding + indicator.width + 8

                TextMetrics {
                    id: preemptWidest

                    font: preemptBox.font
                    text: "voluntary"
                }
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
                // As tall as its text at any text size (Fusion's is not).
                implicitHeight: Math.ceil(rcuWidest.height) + 10
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

        // The verdict, a search's result and a problem share one strip of a
        // fixed height (two lines of text), side by side when more than one
        // shows: nothing under it moves when one appears or goes (a click
        // meant for a tab once landed on a lane). Before a verdict it says
        // how to get one.
        RowLayout {
            id: bannerStrip

            objectName: "bannerStrip"
            Layout.fillWidth: true
            Layout.preferredHeight: 2 * bannerLines.lineSpacing + 2 * Theme.padding + 2
            Layout.minimumHeight: Layout.preferredHeight
            Layout.maximumHeight: Layout.preferredHeight
            spacing: Theme.spacing

            FontMetrics {
                id: bannerLines

                font.pixelSize: Theme.baseFontSize
            }

            Rectangle {
                objectName: "noVerdictYet"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 100
                visible: !verdictBanner.visible
                radius: Theme.radius
                color: "transparent"
                border.color: Theme.laneBorder
                border.width: 1

                Label {
                    anchors.fill: parent
                    anchors.margins: Theme.padding
                    verticalAlignment: Text.AlignVCenter
                    text: window.run.loaded ? qsTr("No verdict yet: F5 steps, F8 runs to the verdict.") : ""
                    color: Theme.mutedText
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
            }

            VerdictBanner {
                id: verdictBanner

                objectName: "verdictBanner"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 100
                visible: verdict !== ""
                verdict: window.run.verdict
                explanation: window.run.verdictExplanation
                note: window.run.lassoText
                maximumLines: 2
                cycle: []
            }

            ExploreBanner {
                objectName: "exploreBanner"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 100
                visible: SimController.explorer.running || SimController.explorer.verdict !== ""
            }

            MessageBanner {
                objectName: "errorBanner"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 100
                visible: text !== "" && text !== window.dismissedError
                text: window.run.errorText
                maximumLines: 2
                onCloseRequested: window.dismissedError = text
            }
        }

        // issue 14 (steplog): what just happened, beside what F5 does next
        // (one line: the lanes keep their height; the Log tab has the rest).
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                objectName: "nextStepText"
                Layout.fillWidth: true
                Layout.preferredWidth: 1 // the two halves share the row evenly
                text: window.run.nextStep === "" ? qsTr("Next: nothing can run")
                                                    : qsTr("Next (F5): %1").arg(window.run.nextStep)
                color: Theme.mutedText
                elide: Text.ElideRight
            }
            LastStepLine {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                run: window.run
            }
        }

        TimelineBar {
            objectName: "timelineBar"
            Layout.fillWidth: true
            run: window.run
            ranges: window.run.cycleRanges
            rangeColor: Theme.badAccent
            onSeekRequested: step => window.run.seek(step)
        }

        SplitView {
            objectName: "mainSplit"
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            // Lanes above, memory and tasks below; drag the handle between them.
            SplitView {
                id: machineSplit

                SplitView.fillWidth: true
                SplitView.minimumWidth: 400
                orientation: Qt.Vertical

                // Every CPU in view: in two columns when there are more than
                // four and room for both, compact (two lines each) when the
                // full lanes would take more than 62 % of the machine's height.
                // The pane's height follows the lane count and the text size,
                // never what the lanes say, so the tabs under it stay put.
                Flickable {
                    id: lanes

                    readonly property bool timeTabShown: machineTabs.currentIndex === window.timeTab
                    // Short of room, the Tasks tab takes the lanes' room too (a
                    // task card names its CPU).
                    readonly property bool yielded: lanes.timeTabShown
                                                    || (machineTabs.currentIndex === window.tasksTab && !taskPanel.fitsUnderLanes)
                    readonly property int count: laneRepeater.count
                    // One full lane (name, facts, activity, sleepers) and one compact lane (two lines).
                    readonly property real fullLaneHeight: Theme.largeFontSize * 4.6
                    readonly property real compactLaneHeight: Math.max(laneLine.height, laneSmallLine.height + 6) + laneSmallLine.height
                                                               + Theme.padding + 4
                    readonly property bool compact: lanes.count * lanes.fullLaneHeight > machineSplit.height * 0.62
                    // Compact lanes: as many rows as fit above the memory
                    // panel's share, as many columns as that takes (at least
                    // two for four lanes), none narrower than 11 characters.
                    readonly property int fittingRows: Math.max(1, Math.floor((machineSplit.height - machinePane.SplitView.minimumHeight
                                                                               - Theme.spacing + laneGrid.rowSpacing)
                                                                              / (lanes.compactLaneHeight + laneGrid.rowSpacing)))
                    readonly property int widestColumns: Math.max(1, Math.floor(lanes.width / (Theme.baseFontSize * 11)))
                    readonly property int columns: lanes.compact ? Math.min(lanes.widestColumns,
                                                                            Math.max(lanes.count >= 4 ? 2 : 1,
                                                                                     Math.ceil(lanes.count / lanes.fittingRows)))
                                                                 : 1
                    readonly property int rows: Math.ceil(lanes.count / lanes.columns)
                    // The pane's height while it shows.
                    readonly property real shownHeight: Math.min(lanes.gridHeight, machineSplit.height - machinePane.SplitView.minimumHeight)
                    readonly property real gridHeight: lanes.rows * (lanes.compact ? lanes.compactLaneHeight : lanes.fullLaneHeight)
                                                       + Math.max(0, lanes.rows - 1) * laneGrid.rowSpacing

                    objectName: "cpuLanes"
                    // The Time tab draws the CPUs over time: it takes their room.
                    visible: !lanes.yielded
                    SplitView.preferredHeight: lanes.yielded ? 0 : lanes.shownHeight
                    SplitView.minimumHeight: lanes.yielded ? 0 : Math.min(lanes.gridHeight, 100)
                    clip: true
                    contentWidth: width
                    contentHeight: laneGrid.height
                    boundsBehavior: Flickable.StopAtBounds

                    Grid {
                        id: laneGrid

                        width: lanes.width - Theme.spacing
                        columns: lanes.columns
                        rowSpacing: Theme.spacing / 2
                        columnSpacing: Theme.spacing / 2

                        Repeater {
                            id: laneRepeater

                            model: window.run.cpus

                            delegate: CpuLane {
                                width: (laneGrid.width - (laneGrid.columns - 1) * laneGrid.columnSpacing) / laneGrid.columns
                                height: lanes.compact ? lanes.compactLaneHeight : Math.max(implicitHeight, lanes.fullLaneHeight)
                                compact: lanes.compact
                                onStepRequested: cpu => window.run.stepCpu(cpu)
                            }
                        }
                    }

                    // Shown whenever lanes are out of view, not only on hover.
                    ScrollBar.vertical: ScrollBar {
                        policy: lanes.contentHeight > lanes.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
                    }

                    // A compact lane's two lines: its name (and step button), its summary.
                    FontMetrics {
                        id: laneLine

                        font.pixelSize: Theme.baseFontSize
                        font.bold: true
                    }

                    FontMetrics {
                        id: laneSmallLine

                        font.pixelSize: Theme.smallFontSize
                    }
                }

                ColumnLayout {
                    id: machinePane

                    SplitView.fillHeight: true
                    // The memory panel keeps room for a folio card: it never
                    // shrinks to a line.
                    SplitView.minimumHeight: Theme.baseFontSize * 8
                    spacing: Theme.spacing / 2

                    TabBar {
                        id: machineTabs

                        objectName: "machineTabs"
                        Layout.fillWidth: true

                        TabButton { text: qsTr("Memory") }
                        TabButton {
                            objectName: "tasksTabButton"
                            text: qsTr("Tasks")
                        }
                        TabButton {
                            objectName: "timeTabButton"
                            text: qsTr("Time")
                        }
                    }

                    StackLayout {
                        objectName: "machineStack"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        currentIndex: machineTabs.currentIndex

                        MemoryPanel {
                            objectName: "memoryPanel"
                            run: window.run
                        }
                        TaskPanel {
                            id: taskPanel

                            // The room under the lanes, whether or not they show.
                            readonly property real roomUnderLanes: machineSplit.height - lanes.shownHeight
                                                                   - machineTabs.height - 3 * Theme.spacing
                            // A card of one line, and of two (with where it is).
                            readonly property real denseRow: laneLine.height + Theme.padding + 8
                            readonly property real fullRow: taskPanel.denseRow + laneSmallLine.height + 4
                            readonly property bool fitsUnderLanes: taskPanel.count * taskPanel.denseRow <= taskPanel.roomUnderLanes

                            run: window.run
                            // Short of room, one line a task; where they still
                            // do not fit, the Tasks tab takes the lanes' room.
                            dense: taskPanel.count * taskPanel.fullRow > (lanes.yielded ? machineSplit.height - machineTabs.height - 3 * Theme.spacing
                                                                                        : taskPanel.roomUnderLanes)
                        }
                        TimeView {
                            id: timeView

                            objectName: "timeView"
                            run: window.run
                        }
                    }

                    Legend {
                        objectName: "legend"
                        Layout.fillWidth: true
                        // The time view has its own; short of room it goes (every
                        // colour also has its word or shape on screen).
                        visible: !lanes.timeTabShown && !lanes.compact
                    }
                }
            }

            ColumnLayout {
                // A third of a projector's width; more on a wide screen.
                SplitView.preferredWidth: window.width * (window.width < 1600 ? 0.34 : 0.38)
                SplitView.minimumWidth: 300
                spacing: Theme.spacing / 2

                TabBar {
                    id: sideTabs

                    objectName: "sideTabs"
                    Layout.fillWidth: true
                    // Five names in a third of a projector's width, none cut.
                    font.pixelSize: window.width < 1600 ? Math.min(Theme.smallFontSize, 20) : Theme.baseFontSize

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
                    TabButton {
                        objectName: "stepLogTabButton"
                        // Its own width: the other tabs keep theirs at 1280 px.
                        width: implicitWidth
                        text: qsTr("Log")
                    }
                }

                StackLayout {
                    objectName: "sideStack"
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
                    StepLogPanel {
                        objectName: "stepLogPanel"
                        run: window.run
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

    // ---- Workspaces and named bookmarks (issue 14, item 6) ----
    FileDialog {
        id: openWorkspaceDialog

        objectName: "openWorkspaceDialog"
        title: qsTr("Open a workspace")
        acceptLabel: qsTr("Open")
        currentFolder: SimController.documentsFolder
        nameFilters: [qsTr("FolioLab workspaces (*.flws)"), qsTr("All files (*)")]
        onAccepted: SimController.openWorkspace(openWorkspaceDialog.selectedFile)
    }

    FileDialog {
        id: saveWorkspaceDialog

        objectName: "saveWorkspaceDialog"
        title: qsTr("Save the workspace: scenario, schedule, step, bookmarks, lesson and tabs")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        currentFolder: SimController.documentsFolder
        defaultSuffix: "flws"
        nameFilters: [qsTr("FolioLab workspaces (*.flws)")]
        onAccepted: SimController.saveWorkspace(saveWorkspaceDialog.selectedFile)
    }

    BookmarksPanel {
        id: bookmarksPanel

        objectName: "bookmarksPanel"
        run: window.run
        onSeekRequested: step => window.run.seek(step)
    }

    // The tabs on screen, kept by SimController so a workspace saves them
    // and puts them back.
    Connections {
        target: machineTabs

        function onCurrentIndexChanged() { SimController.machineTab = machineTabs.currentIndex }
    }
    Connections {
        target: sideTabs

        function onCurrentIndexChanged() { SimController.sideTab = sideTabs.currentIndex }
    }
    Connections {
        target: SimController

        function onMachineTabChanged() { machineTabs.currentIndex = SimController.machineTab }
        function onSideTabChanged() { sideTabs.currentIndex = SimController.sideTab }
    }
    // ---- end of workspaces ----

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
    //! The problem whose banner the user closed (a new one shows again).
    property string dismissedError

    // A bad file named on the command line failed before the window existed.
    Component.onCompleted: {
        if (window.run.errorText !== "") {
            errorDialog.message = window.run.errorText
            errorDialog.open()
        }
    }

    // ---- Presenting (issue 14): over everything below the toolbar ----
    PresenterLayout {
        anchors.fill: parent
        run: window.run
        suspended: window.comparing
        onCourseRequested: lessonsDialog.open()
    }

    EnlargedPanel {
        anchors.fill: parent
        run: window.run
        suspended: window.comparing
        onCourseRequested: lessonsDialog.open()
    }
    // ---- end of presenting ----
}
