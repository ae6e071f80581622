// SPDX-License-Identifier: GPL-2.0-only
// Workspaces and named bookmarks (issue 14, item 6) in the real window,
// offscreen at 1280x800 with 125 % text: a workspace saved with a lesson,
// two named bookmarks and a chosen tab reopens to all of them after the
// window moved on; a bad or missing file shows the error dialog and changes
// nothing; a failed save keeps the old file; the bookmarks panel renames and
// deletes; the save dialog says Save and starts in the documents folder.
// PNGs of the bookmarks panel and the save dialog go to build/screenshots/.
#include "appsettings.h"
#include "bookmarklistmodel.h"
#include "lessonplayer.h"
#include "lessonprogress.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "window_support.h"

#include <QDir>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>

using namespace Qt::StringLiterals;

class TestWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void bookmarkModelNamesRenamesAndDeletes();
    void workspaceReopensStepBookmarksLessonAndTab();
    void badWorkspaceShowsTheDialogAndChangesNothing();
    void missingWorkspaceIsReported();
    void failedSaveKeepsTheOldFile();
    void reopenLastWorkspaceSetting();
    void bookmarksPanelRenamesJumpsAndDeletes();
    void saveDialogSaysSaveInDocuments();
    void documentedExampleOpens();

private:
    struct Snapshot
    {
        QString scenario, lesson, fixes;
        int steps = 0, totalSteps = 0, sideTab = 0;
        QVariantList bookmarks;
        bool operator==(const Snapshot &) const = default;
    };
    Snapshot snapshot() const;
    QObject *errorDialog() const;

    QTemporaryDir m_dir;
    QQmlApplicationEngine *m_engine = nullptr;
    QQuickWindow *m_window = nullptr;
};

// Visible items named `name`, popups (under the overlay) included, top to
// bottom on screen (delegates are not created in row order).
static QList<QQuickItem *> visibleNamed(QQuickWindow *window, const QString &name)
{
    QQuickItem *root = window->contentItem()->parentItem() ? window->contentItem()->parentItem()
                                                           : window->contentItem();
    QList<QQuickItem *> found = allVisibleNamedIn(root, name);
    std::stable_sort(found.begin(), found.end(), [](QQuickItem *a, QQuickItem *b) {
        return a->mapToScene(QPointF()).y() < b->mapToScene(QPointF()).y();
    });
    return found;
}

TestWorkspace::Snapshot TestWorkspace::snapshot() const
{
    const RunModel &run = *SimController::instance().run();
    const LessonPlayer &player = LessonPlayer::instance();
    return {run.scenarioSource(), player.isActive() ? player.lessonId() : QString(), run.fixes(),
            run.steps(), run.totalSteps(), SimController::instance().sideTab(), run.bookmarks()};
}

QObject *TestWorkspace::errorDialog() const
{
    return m_window->findChild<QObject *>(u"errorDialog"_s);
}

void TestWorkspace::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(u"FolioLabTest"_s);
    QCoreApplication::setApplicationName(u"tst_workspace"_s);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
    AppSettings::instance().reload();
    LessonProgress::clearAll();
    QQuickStyle::setStyle(u"Fusion"_s);
    setTextScale(1.25);

    QVERIFY(SimController::instance().loadScenario(u"l1"_s));
    m_engine = new QQmlApplicationEngine(this);
    m_window = showMainWindow(*m_engine, QSize(1280, 800));
    QVERIFY(m_window);
}

void TestWorkspace::bookmarkModelNamesRenamesAndDeletes()
{
    BookmarkListModel model;
    QCOMPARE(model.add(40), 0);
    QCOMPARE(model.add(7, u"  Intro \n line "_s), 0); // sorted by step
    QCOMPARE(model.add(40, u"ignored"_s), 1); // one per step: kept as it was
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.bookmarks()[0].name, u"Intro line"_s); // one line, trimmed
    QCOMPARE(model.bookmarks()[1].name, u"Step 40"_s);
    const QModelIndex first = model.index(0);
    QCOMPARE(model.data(first, BookmarkListModel::LabelRole).toString(), u"Step 7 — Intro line"_s);
    QCOMPARE(model.data(model.index(1), BookmarkListModel::LabelRole).toString(), u"Step 40"_s);
    QVERIFY(model.rename(1, u"Livelock"_s));
    QCOMPARE(model.bookmarks()[1].name, u"Livelock"_s);
    QVERIFY(model.rename(1, u"   "_s)); // empty: the default comes back
    QCOMPARE(model.bookmarks()[1].name, u"Step 40"_s);
    QVERIFY(model.rename(0, QString(300, u'é')));
    QVERIFY(model.bookmarks()[0].name.toUtf8().size() <= BookmarkListModel::MaxNameBytes);
    model.toggle(7);
    QCOMPARE(model.indexOfStep(7), -1);
    model.toggle(9);
    QCOMPARE(model.indexOfStep(9), 0);
    model.dropAfter(20);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.remove(0));
    QVERIFY(!model.remove(0));
    QCOMPARE(model.rowCount(), 0);
}

void TestWorkspace::workspaceReopensStepBookmarksLessonAndTab()
{
    SimController &sim = SimController::instance();
    RunModel &run = *sim.run();
    LessonPlayer &player = LessonPlayer::instance();

    // Prepare: lesson 1, two named bookmarks, the Plots tab picked by a click.
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    player.waitForIdle();
    for (int i = 0; i < 3; ++i)
        run.step();
    run.toggleBookmark();
    QVERIFY(run.renameBookmark(0, u"T faults in a page"_s));
    for (int i = 0; i < 9; ++i)
        run.step();
    QCOMPARE(run.addBookmark(), 1);
    QVERIFY(run.renameBookmark(1, u"M holds D's lock"_s));
    run.step();
    run.step();
    run.seek(8); // the recorded future (steps 9..14) is kept too
    QList<QQuickItem *> plotsTab = visibleNamed(m_window, u"plotsTabButton"_s);
    QVERIFY(!plotsTab.isEmpty());
    clickCentre(m_window, plotsTab.constFirst());
    QTRY_COMPARE(sim.sideTab(), 3);
    sim.setMachineTab(1); // the window follows: the Tasks tab
    const QString path = m_dir.filePath(u"lecture"_s);
    QVERIFY(sim.saveWorkspace(path));
    QVERIFY(QFile::exists(path + u".flws"_s)); // the suffix is added
    QCOMPARE(AppSettings::instance().lastWorkspace(), path + u".flws"_s);
    const Snapshot saved = snapshot();
    QCOMPARE(saved.steps, 8);
    QCOMPARE(saved.totalSteps, 14);

    // The window moves on: another lesson, another scenario, another tab.
    QVERIFY(player.openLesson(u"02-lru-batches"_s));
    player.waitForIdle();
    QVERIFY(sim.loadScenario(u"l1-single"_s));
    run.step();
    sim.setSideTab(0);
    QVERIFY(!(snapshot() == saved));

    // Open: the same step, bookmarks, lesson and tab.
    QVERIFY(sim.openWorkspace(path + u".flws"_s));
    player.waitForIdle();
    QCOMPARE(snapshot(), saved);
    QCOMPARE(run.errorText(), QString());
    QCOMPARE(run.bookmarkList()->bookmarks()[0].name, u"T faults in a page"_s);
    QCOMPARE(run.bookmarkList()->bookmarks()[1].name, u"M holds D's lock"_s);
    QCOMPARE(player.lessonId(), u"01-device-private-fault"_s);
    QVERIFY(player.isFollowing()); // the goals follow the reopened run
    QVERIFY(plotsTab.constFirst()->property("checked").toBool()); // on screen too
    QCOMPARE(sim.machineTab(), 1);
    QVERIFY(saveScreenshot(m_window, u"workspace-reopened-1280x800-125.png"_s));
    // F5 goes on along the saved future.
    run.step();
    QCOMPARE(run.totalSteps(), 14);
}

void TestWorkspace::badWorkspaceShowsTheDialogAndChangesNothing()
{
    SimController &sim = SimController::instance();
    RunModel &run = *sim.run();
    const Snapshot before = snapshot();
    QVERIFY(before.steps > 0);
    m_window->setProperty("showErrorDialogs", true);

    struct Bad
    {
        QString name, text, expected;
    };
    const Bad cases[] = {
            {u"syntax.flws"_s, u"version = 1\nstep = = 3\n"_s, u"syntax.flws:2:"_s},
            {u"range.flws"_s,
                    u"version = 1\nstep = 5\n[run]\nversion = 1\nscenario = \"l1\"\nchoices = "
                    "[[0, -1]]\n"_s,
                    u"range.flws:2:8: error: 'step' must be between 0 and 1"_s},
            {u"scenario.flws"_s,
                    u"version = 1\nstep = 0\n[run]\nversion = 1\nscenario = \"l7\"\nchoices = "
                    "[]\n"_s,
                    u"scenario.flws:5:12: error: unknown scenario 'l7'"_s},
            {u"choice.flws"_s,
                    u"version = 1\nstep = 0\n[run]\nversion = 1\nscenario = \"l1\"\nchoices = "
                    "[[0, 5], [3, -1]]\n"_s,
                    u"choice.flws:6:12: error: choice 1 [0, 5] is not possible"_s},
            {u"models.flws"_s,
                    u"version = 1\nstep = 0\n[run]\nversion = 1\nscenario = \"l1\"\npreempt = "
                    "\"rt\"\nrcu = \"non-preemptible\"\nchoices = []\n"_s,
                    u"models.flws:3:1: error: [run] cannot be set up:"_s},
    };
    for (const Bad &bad : cases) {
        const QString path = m_dir.filePath(bad.name);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bad.text.toUtf8());
        file.close();
        QVERIFY(!sim.openWorkspace(path));
        QVERIFY2(run.errorText().contains(bad.expected), qPrintable(run.errorText()));
        QObject *dialog = errorDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("opened").toBool());
        QVERIFY(dialog->property("message").toString().contains(bad.expected));
        QCOMPARE(snapshot(), before);
        QMetaObject::invokeMethod(dialog, "close");
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }
    m_window->setProperty("showErrorDialogs", false);
}

void TestWorkspace::missingWorkspaceIsReported()
{
    SimController &sim = SimController::instance();
    const Snapshot before = snapshot();
    const QString path = m_dir.filePath(u"gone/lecture.flws"_s);
    QVERIFY(!sim.openWorkspace(path));
    // No line or column for a file that is not there: "PATH: error: ...".
    QVERIFY2(sim.run()->errorText().startsWith(path + u": error: cannot open"_s),
            qPrintable(sim.run()->errorText()));
    QCOMPARE(snapshot(), before);
}

void TestWorkspace::failedSaveKeepsTheOldFile()
{
    SimController &sim = SimController::instance();
    RunModel &run = *sim.run();
    const QString path = m_dir.filePath(u"atomic.flws"_s);
    QVERIFY(sim.saveWorkspace(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray old = file.readAll();
    file.close();
    for (int i = 0; i < 300; ++i)
        run.step();
    // A file size limit makes the write fail part-way (EFBIG), even for root.
    rlimit was {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &was), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = was;
    small.rlim_cur = rlim_t(old.size());
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const bool saved = sim.saveWorkspace(path);
    ::setrlimit(RLIMIT_FSIZE, &was);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!saved);
    QVERIFY2(run.errorText().startsWith(path), qPrintable(run.errorText()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), old);
    QCOMPARE(QDir(m_dir.path()).entryList({u"atomic*"_s}, QDir::Files | QDir::Hidden).size(), 1);
}

void TestWorkspace::reopenLastWorkspaceSetting()
{
    SimController &sim = SimController::instance();
    AppSettings &settings = AppSettings::instance();
    QVERIFY(!settings.reopenLastWorkspace()); // off by default
    const QString path = m_dir.filePath(u"lecture.flws"_s);
    settings.setLastWorkspace(path);
    QVERIFY(!sim.reopenLastWorkspace()); // not asked for: nothing happens
    QVERIFY(sim.loadScenario(u"l1-single"_s));

    settings.setReopenLastWorkspace(true);
    settings.reload(); // as at the next start
    QVERIFY(settings.reopenLastWorkspace());
    QVERIFY(sim.reopenLastWorkspace());
    LessonPlayer::instance().waitForIdle();
    QCOMPARE(sim.run()->steps(), 8);
    QCOMPARE(sim.run()->bookmarks().size(), 2);

    // A last workspace that is gone is said, not fatal.
    settings.setLastWorkspace(m_dir.filePath(u"deleted.flws"_s));
    QVERIFY(!sim.reopenLastWorkspace());
    QVERIFY(sim.run()->errorText().contains(u"deleted.flws"_s));
    QCOMPARE(sim.run()->steps(), 8);
    settings.setReopenLastWorkspace(false);
}

void TestWorkspace::bookmarksPanelRenamesJumpsAndDeletes()
{
    SimController &sim = SimController::instance();
    RunModel &run = *sim.run();
    QVERIFY(sim.openWorkspace(m_dir.filePath(u"lecture.flws"_s)));
    LessonPlayer::instance().waitForIdle();
    QCOMPARE(run.bookmarkList()->rowCount(), 2);

    QTest::keyClick(m_window, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QObject *panel = m_window->findChild<QObject *>(u"bookmarksPanel"_s);
    QVERIFY(panel);
    QTRY_VERIFY(panel->property("opened").toBool());
    QTRY_COMPARE(visibleNamed(m_window, u"bookmarkName"_s).size(), 2);

    // "Bookmark step 8" adds a third, named "Step 8", with the cursor in its name.
    QList<QQuickItem *> here = visibleNamed(m_window, u"bookmarkHereButton"_s);
    QCOMPARE(here.size(), 1);
    clickCentre(m_window, here.constFirst());
    QTRY_COMPARE(run.bookmarkList()->rowCount(), 3);
    QCOMPARE(run.bookmarkList()->bookmarks()[1].name, u"Step 8"_s);
    QVERIFY(!here.constFirst()->isEnabled()); // one per step
    // Typed over the selected default name, Enter keeps it.
    for (const char c : QByteArrayLiteral("Before the drain")) // no keyClicks for a QWindow
        if (c)
            QTest::keyClick(m_window, c);
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_COMPARE(run.bookmarkList()->bookmarks()[1].name, u"Before the drain"_s);
    QVERIFY(saveScreenshot(m_window, u"workspace-bookmarks-1280x800-125.png"_s));

    // Go jumps; Delete deletes.
    QList<QQuickItem *> go = visibleNamed(m_window, u"bookmarkGoButton"_s);
    QCOMPARE(go.size(), 3);
    clickCentre(m_window, go.constFirst());
    QTRY_COMPARE(run.steps(), 3);
    QList<QQuickItem *> del = visibleNamed(m_window, u"bookmarkDeleteButton"_s);
    clickCentre(m_window, del.constLast());
    QTRY_COMPARE(run.bookmarkList()->rowCount(), 2);
    QCOMPARE(run.bookmarks(), (QVariantList {3, 8}));
    // Switching a fix re-runs the same schedule: the bookmarks stay.
    QVERIFY(run.toggleFixNamed(SimController::mergedFix()));
    run.waitForIdle();
    QCOMPARE(run.bookmarks(), (QVariantList {3, 8}));
    QCOMPARE(run.bookmarkList()->bookmarks()[1].name, u"Before the drain"_s);
    QVERIFY(run.toggleFixNamed(SimController::mergedFix()));
    run.waitForIdle();
    QVERIFY(QMetaObject::invokeMethod(panel, "close"));
    QTRY_VERIFY(!panel->property("visible").toBool());
    QTRY_VERIFY(visibleNamed(m_window, u"bookmarkHereButton"_s).isEmpty());
}

void TestWorkspace::saveDialogSaysSaveInDocuments()
{
    QObject *dialog = m_window->findChild<QObject *>(u"saveWorkspaceDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->property("acceptLabel").toString(), u"Save"_s);
    QCOMPARE(dialog->property("fileMode").toInt(), 2); // FileDialog.SaveFile
    const QUrl documents = QUrl::fromLocalFile(
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    QCOMPARE(dialog->property("currentFolder").toUrl(), documents);
    // The File menu with the workspace entries (Alt+F opens it).
    QTest::keyClick(m_window, Qt::Key_F, Qt::AltModifier);
    QVERIFY(saveScreenshot(m_window, u"workspace-file-menu-1280x800-125.png"_s));
    QTest::keyClick(m_window, Qt::Key_Escape);
    QDir().mkpath(documents.toLocalFile()); // so the dialog can list it
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("visible").toBool());
    QVERIFY(saveScreenshot(m_window, u"workspace-save-dialog-1280x800-125.png"_s));
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
}

void TestWorkspace::documentedExampleOpens()
{
    // The whole workspace shown in docs/file-formats.md opens in the window.
    QFile doc(QStringLiteral(FOLIOLAB_SOURCE_DIR) + u"/docs/file-formats.md"_s);
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(doc.readAll());
    const qsizetype begin = text.indexOf(u"```toml\n# FolioLab workspace"_s);
    QVERIFY(begin >= 0);
    const qsizetype start = text.indexOf(u'\n', begin) + 1;
    const QString example = text.mid(start, text.indexOf(u"```"_s, start) - start);
    const QString path = m_dir.filePath(u"documented.flws"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(example.toUtf8());
    file.close();
    SimController &sim = SimController::instance();
    QVERIFY2(sim.openWorkspace(path), qPrintable(sim.run()->errorText()));
    LessonPlayer::instance().waitForIdle();
    QCOMPARE(sim.run()->steps(), 2);
    QCOMPARE(sim.run()->bookmarks(), (QVariantList {1, 3}));
    QCOMPARE(sim.sideTab(), 3);
    QCOMPARE(LessonPlayer::instance().lessonId(), u"01-device-private-fault"_s);
}

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
