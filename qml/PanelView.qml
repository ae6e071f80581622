// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import FolioLab

// One of the window's panels by its key (Presentation.panels), as a second
// view of the same run: the enlarged panel and the presenter layout show it
// while the side bar's own copy stays as it was. (Not "Bound": a Loader at a
// file's root cannot create components bound to that file's context.)
Loader {
    id: view

    //! The panel's key: "waitGraph", "tasks", "memory", "plots", "fixes", "choices", "lesson".
    required property string panel
    required property RunModel run
    //! The wait-for graph's text size relative to the app's.
    property real textScale: 1
    //! The wait-for graph is drawn this many times sharper (scaled-up parent).
    property real renderScale: 1

    //! The lesson panel asks for the course list.
    signal courseRequested()

    sourceComponent: {
        switch (view.panel) {
        case "waitGraph": return waitGraphComponent
        case "tasks": return tasksComponent
        case "memory": return memoryComponent
        case "plots": return plotsComponent
        case "fixes": return fixesComponent
        case "choices": return choicesComponent
        case "lesson": return lessonComponent
        }
        return null
    }

    Component {
        id: waitGraphComponent

        WaitGraphPanel {
            run: view.run
            enlargeable: false
            textScale: view.textScale
            renderScale: view.renderScale
        }
    }
    Component {
        id: tasksComponent

        TaskPanel { run: view.run }
    }
    Component {
        id: memoryComponent

        MemoryPanel { run: view.run }
    }
    Component {
        id: plotsComponent

        PlotsPanel { run: view.run }
    }
    Component {
        id: fixesComponent

        FixPanel { run: view.run }
    }
    Component {
        id: choicesComponent

        ChoicesPanel { run: view.run }
    }
    Component {
        id: lessonComponent

        LessonPanel { onCourseRequested: view.courseRequested() }
    }
}
