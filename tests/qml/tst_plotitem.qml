// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtTest
import FolioLab

// The QCustomPlot item follows the simulation: after steps it plots one point
// per step (up to its thinning), renders an image, and re-renders on theme
// changes.
Item {
    width: 600
    height: 300

    PlotItem {
        id: plot

        anchors.fill: parent
        run: SimController.run
        series: PlotItem.Progress
    }

    TestCase {
        name: "PlotItem"
        when: windowShown

        function test_plotsTheStepsTaken() {
            verify(SimController.loadScenario("l1"))
            for (let i = 0; i < 40; ++i)
                SimController.run.step()
            tryVerify(() => plot.pointCount === 40)
            verify(plot.renderMs > 0)
            SimController.run.seek(10)
            tryVerify(() => plot.pointCount === 10)
        }

        function test_rendersAnImage() {
            const image = grabImage(plot)
            // Background plus at least axis, grid and line colours.
            const colours = {}
            for (let x = 0; x < image.width; x += 5)
                for (let y = 0; y < image.height; y += 5)
                    colours[image.pixel(x, y)] = true
            verify(Object.keys(colours).length > 3)
        }

        function test_themeChangeRerenders() {
            let rendered = 0
            const count = () => ++rendered
            plot.rendered.connect(count)
            plot.backgroundColor = "#1e2126"
            tryVerify(() => rendered > 0)
            plot.rendered.disconnect(count)
            compare(grabImage(plot).pixel(2, 2), Qt.color("#1e2126"))
        }
    }
}
