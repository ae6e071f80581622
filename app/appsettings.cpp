// SPDX-License-Identifier: GPL-2.0-only
#include "appsettings.h"

#include <QFileInfo>
#include <QJSEngine>
#include <QSettings>
#include <QUrl>

#include <algorithm>
#include <type_traits>

using namespace Qt::StringLiterals;

static_assert(!std::is_default_constructible_v<AppSettings>);

AppSettings::AppSettings(QObject *parent)
    : QObject(parent)
{
    reload();
}

AppSettings &AppSettings::instance()
{
    static AppSettings settings(nullptr);
    return settings;
}

AppSettings *AppSettings::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_UNUSED(jsEngine)
    AppSettings *settings = &instance();
    QJSEngine::setObjectOwnership(settings, QJSEngine::CppOwnership);
    return settings;
}

void AppSettings::reload()
{
    QSettings s;
    m_darkTheme = s.value(u"view/darkTheme"_s, false).toBool();
    m_fontScale = std::clamp(s.value(u"view/fontScale"_s, 1.0).toDouble(), 0.75, 2.0);
    m_speed = std::clamp(s.value(u"run/speed"_s, 20000).toInt(), 1, 1'000'000);
    QStringList recent;
    for (const QString &path : s.value(u"files/recent"_s).toStringList())
        if (QFileInfo::exists(path) && !recent.contains(path))
            recent << path;
    m_recentFiles = recent.mid(0, MaxRecentFiles);
    m_reopenLastWorkspace = s.value(u"files/reopenLastWorkspace"_s, false).toBool();
    m_exploreStopsAtFirstBug = s.value(u"explore/stopAtFirstBug"_s, true).toBool();
    // Kept even when the file is gone: reopening it then says so.
    m_lastWorkspace = s.value(u"files/lastWorkspace"_s).toString();
    emit darkThemeChanged();
    emit fontScaleChanged();
    emit speedChanged();
    emit recentFilesChanged();
    emit reopenLastWorkspaceChanged();
    emit exploreStopsAtFirstBugChanged();
    emit lastWorkspaceChanged();
}

void AppSettings::setReopenLastWorkspace(bool reopen)
{
    if (reopen == m_reopenLastWorkspace)
        return;
    m_reopenLastWorkspace = reopen;
    QSettings().setValue(u"files/reopenLastWorkspace"_s, reopen);
    emit reopenLastWorkspaceChanged();
}

void AppSettings::setExploreStopsAtFirstBug(bool stop)
{
    if (stop == m_exploreStopsAtFirstBug)
        return;
    m_exploreStopsAtFirstBug = stop;
    QSettings().setValue(u"explore/stopAtFirstBug"_s, stop);
    emit exploreStopsAtFirstBugChanged();
}

void AppSettings::setLastWorkspace(const QString &pathOrUrl)
{
    const QString path = pathOrUrl.startsWith(u"file:") ? QUrl(pathOrUrl).toLocalFile() : pathOrUrl;
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == m_lastWorkspace)
        return;
    m_lastWorkspace = absolute;
    QSettings().setValue(u"files/lastWorkspace"_s, absolute);
    emit lastWorkspaceChanged();
}

void AppSettings::setDarkTheme(bool dark)
{
    if (dark == m_darkTheme)
        return;
    m_darkTheme = dark;
    QSettings().setValue(u"view/darkTheme"_s, dark);
    emit darkThemeChanged();
}

void AppSettings::setFontScale(double scale)
{
    scale = std::clamp(scale, 0.75, 2.0);
    if (qFuzzyCompare(scale, m_fontScale))
        return;
    m_fontScale = scale;
    QSettings().setValue(u"view/fontScale"_s, scale);
    emit fontScaleChanged();
}

void AppSettings::setSpeed(int speed)
{
    speed = std::clamp(speed, 1, 1'000'000);
    if (speed == m_speed)
        return;
    m_speed = speed;
    QSettings().setValue(u"run/speed"_s, speed);
    emit speedChanged();
}

void AppSettings::addRecentFile(const QString &pathOrUrl)
{
    const QString path = pathOrUrl.startsWith(u"file:") ? QUrl(pathOrUrl).toLocalFile() : pathOrUrl;
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = m_recentFiles;
    recent.removeAll(absolute);
    recent.prepend(absolute);
    recent = recent.mid(0, MaxRecentFiles);
    if (recent == m_recentFiles)
        return;
    m_recentFiles = recent;
    QSettings().setValue(u"files/recent"_s, m_recentFiles);
    emit recentFilesChanged();
}

void AppSettings::clearRecentFiles()
{
    if (m_recentFiles.isEmpty())
        return;
    m_recentFiles.clear();
    QSettings().setValue(u"files/recent"_s, m_recentFiles);
    emit recentFilesChanged();
}
