// SPDX-License-Identifier: GPL-2.0-only
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// The memory side of the machine: the lru_add_drain_all mutex with its
// waiters, the folio cards, then each mm's page table (the cards first: on a
// projector they are what a lesson points at).
ScrollView {
    id: view

    //! The run shown: the window's, or a side of the compare view.
    required property RunModel run

    contentWidth: availableWidth
    clip: true

    ColumnLayout {
        width: view.availableWidth
        spacing: Theme.spacing

        Label {
            objectName: "drainMutexText"
            Layout.fillWidth: true
            text: view.run.drainMutex
            font.bold: true
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Repeater {
                model: view.run.folios

                delegate: FolioCard {}
            }
        }

        Repeater {
            model: view.run.pageTables

            delegate: Label {
                required property string modelData

                Layout.fillWidth: true
                text: qsTr("page table %1").arg(modelData)
                font.family: Theme.monoFont
                color: Theme.text
                wrapMode: Text.Wrap
            }
        }
    }
}
