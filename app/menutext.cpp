// SPDX-License-Identifier: GPL-2.0-only
#include "menutext.h"

#include <QKeySequence>

QString MenuText::shortcut(const QVariant &shortcut)
{
    QKeySequence sequence;
    if (shortcut.typeId() == QMetaType::QString)
        sequence = QKeySequence(shortcut.toString());
    else if (shortcut.typeId() == QMetaType::QKeySequence)
        sequence = shortcut.value<QKeySequence>();
    else if (shortcut.canConvert<int>() && shortcut.toInt() != 0)
        // A standard key: its first binding (ZoomIn is Ctrl++ and Ctrl+=).
        sequence = QKeySequence::keyBindings(
                static_cast<QKeySequence::StandardKey>(shortcut.toInt()))
                           .value(0);
    return sequence.toString(QKeySequence::NativeText);
}

QString MenuText::withoutMnemonic(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'&') {
            if (i + 1 < text.size() && text[i + 1] == u'&')
                out += u'&';
            else
                continue;
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}
