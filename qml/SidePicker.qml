// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FolioLab

// What one side of the compare view runs: a fix set and a preemption model.
// (A scenario option such as the RCU flavour belongs here too, beside the model.)
RowLayout {
    id: picker

    required property string letter
    required property string fixes
    required property string preempt
    required property var fixChoices
    required property var preemptChoices

    signal fixesPicked(string value)
    signal preemptPicked(string value)

    spacing: Theme.spacing / 3

    Label {
        text: picker.letter
        font.pixelSize: Theme.largeFontSize
        font.bold: true
        color: Theme.text
    }

    ComboBox {
        id: fixBox

        objectName: "fixBox"
        Layout.preferredWidth: Theme.baseFontSize * 11
        model: picker.fixChoices
        currentIndex: model.indexOf(picker.fixes)
        displayText: picker.fixes
        onActivated: index => picker.fixesPicked(picker.fixChoices[index])
        Accessible.name: qsTr("Fix set of %1").arg(picker.letter)
        ToolTip.visible: hovered
        ToolTip.text: qsTr("The fixes run %1 runs under").arg(picker.letter)
    }

    ComboBox {
        id: preemptBox

        objectName: "preemptBox"
        Layout.preferredWidth: Theme.baseFontSize * 6.5
        model: picker.preemptChoices
        currentIndex: model.indexOf(picker.preempt)
        displayText: picker.preempt
        onActivated: index => picker.preemptPicked(picker.preemptChoices[index])
        Accessible.name: qsTr("Preemption model of %1").arg(picker.letter)
        ToolTip.visible: hovered
        ToolTip.text: qsTr("The preemption model run %1 runs under").arg(picker.letter)
    }
}
