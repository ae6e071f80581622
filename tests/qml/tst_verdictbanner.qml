// SPDX-License-Identifier: GPL-2.0-only
import QtQuick
import QtTest
import FolioLab.Ui

// The banner's words, symbol and colour follow the verdict; the item under
// test is a sibling of the TestCase (a TestCase is invisible).
Item {
    width: 800
    height: 300

    VerdictBanner {
        id: banner

        width: 800
    }

    TestCase {
        name: "VerdictBanner"
        when: windowShown

        function findText(item, objectName) {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.objectName === objectName)
                    return child
                const found = findText(child, objectName)
                if (found)
                    return found
            }
            return null
        }

        function test_stuckIsRedWithACross() {
            banner.verdict = "LIVELOCK"
            banner.explanation = "T spins on folio D's lock"
            verify(banner.stuck)
            compare(banner.color, Theme.badBackground)
            compare(banner.accent, Theme.badAccent)
            compare(findText(banner, "verdictText").text, "✖ LIVELOCK")
            compare(findText(banner, "verdictExplanation").text, "T spins on folio D's lock")
        }

        function test_completedIsGreenWithATick() {
            banner.verdict = "COMPLETED"
            verify(banner.completed)
            verify(!banner.stuck)
            compare(banner.color, Theme.goodBackground)
            compare(findText(banner, "verdictText").text, "✔ COMPLETED")
        }

        function test_limitIsAmber() {
            banner.verdict = "LIMIT"
            compare(banner.color, Theme.neutralBackground)
            compare(findText(banner, "verdictText").text, "⚠ LIMIT")
        }
    }
}
