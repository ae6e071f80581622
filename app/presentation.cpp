// SPDX-License-Identifier: GPL-2.0-only
#include "presentation.h"

#include <QJSEngine>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace {

struct Panel
{
    const char *key;
    const char *title;
};

// In the order of the View ▸ Enlarge menu: the wait-for graph first, it is
// what a lecture about the livelock points at.
constexpr Panel Panels[] = {
        {"waitGraph", QT_TRANSLATE_NOOP("Presentation", "Wait-for graph")},
        {"tasks", QT_TRANSLATE_NOOP("Presentation", "Tasks")},
        {"memory", QT_TRANSLATE_NOOP("Presentation", "Memory")},
        {"plots", QT_TRANSLATE_NOOP("Presentation", "Plots")},
        {"fixes", QT_TRANSLATE_NOOP("Presentation", "Fixes")},
        {"choices", QT_TRANSLATE_NOOP("Presentation", "Choices")},
        {"lesson", QT_TRANSLATE_NOOP("Presentation", "Lesson")},
};

} // namespace

Presentation::Presentation(QObject *parent)
    : QObject(parent)
{ }

Presentation &Presentation::instance()
{
    static Presentation presentation(nullptr);
    return presentation;
}

Presentation *Presentation::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_UNUSED(jsEngine)
    Presentation *p = &instance();
    QJSEngine::setObjectOwnership(p, QJSEngine::CppOwnership);
    return p;
}

QVariantList Presentation::panels()
{
    QVariantList list;
    for (const Panel &p : Panels)
        list << QVariantMap {{u"key"_s, QString::fromLatin1(p.key)}, {u"title"_s, tr(p.title)}};
    return list;
}

QStringList Presentation::panelKeys()
{
    QStringList keys;
    for (const Panel &p : Panels)
        keys << QString::fromLatin1(p.key);
    return keys;
}

QString Presentation::title(const QString &key)
{
    for (const Panel &p : Panels)
        if (key == QLatin1StringView(p.key))
            return tr(p.title);
    return {};
}

void Presentation::setPresenter(bool on)
{
    if (on == m_presenter)
        return;
    m_presenter = on;
    emit presenterChanged();
}

void Presentation::setPresenterPanel(const QString &key)
{
    if (key == m_presenterPanel || !panelKeys().contains(key))
        return;
    m_presenterPanel = key;
    emit presenterPanelChanged();
}

void Presentation::enlarge(const QString &key)
{
    const QString next = key == m_enlarged || !panelKeys().contains(key) ? QString() : key;
    if (next == m_enlarged)
        return;
    m_enlarged = next;
    emit enlargedChanged();
}

bool Presentation::back()
{
    if (!m_enlarged.isEmpty()) {
        enlarge(m_enlarged);
        return true;
    }
    if (m_presenter) {
        setPresenter(false);
        return true;
    }
    return false;
}

void Presentation::reset()
{
    enlarge(m_enlarged);
    setPresenter(false);
}
