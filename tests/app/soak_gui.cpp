// SPDX-License-Identifier: GPL-2.0-only
//
// Soak (issue 16), run by hand through tools/soak.sh, never in CI: prints
// resident memory over time, asserts nothing.
//   soak_gui window MINUTES    the window on l1 running (F6) at 1 000 000
//                              steps/s; resumed whenever it pauses at the verdict
//   soak_gui explore ROUNDS    the explorer on l1 bounded to 200 000 states,
//                              ROUNDS times in one process
#include "runmodel.h"
#include "simcontroller.h"

#include "explore/explorer.h"
#include "io/process_memory.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

double mib(std::uint64_t bytes)
{
    return double(bytes) / double(1 << 20);
}

int soakWindow(int minutes)
{
    SimController &controller = SimController::instance();
    controller.loadScenario(u"l1"_s);
    RunModel &sim = *controller.run();
    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/"_s);
    engine.load(QUrl(u"qrc:/FolioLab/Ui/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    window->setProperty("showErrorDialogs", false);
    if (!QTest::qWaitForWindowExposed(window))
        return 1;
    sim.setSpeed(1'000'000);
    sim.setRunning(true);
    QTextStream out(stdout);
    QElapsedTimer clock;
    clock.start();
    qint64 nextSample = 0;
    int resumes = 0;
    while (clock.elapsed() < qint64(minutes) * 60'000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (!sim.isRunning()) {
            ++resumes;
            sim.setRunning(true); // as a user pressing F6 again after the verdict
        }
        if (clock.elapsed() >= nextSample) {
            out << u"window  t %1 s  steps %2  rss %3 MiB  resumes %4\n"_s
                            .arg(clock.elapsed() / 1000, 4)
                            .arg(sim.steps(), 11)
                            .arg(mib(fl::residentBytes()), 8, 'f', 1)
                            .arg(resumes);
            out.flush();
            nextSample += 10'000;
        }
    }
    sim.setRunning(false);
    return 0;
}

int soakExplorer(int rounds)
{
    const fl::Setup setup = fl::buildSetup(fl::loadScenario("l1"));
    QTextStream out(stdout);
    for (int i = 1; i <= rounds; ++i) {
        fl::ExploreOptions options;
        options.maxStates = 200'000;
        QElapsedTimer t;
        t.start();
        const fl::ExploreResult r = fl::explore(setup, options);
        out << u"explore  round %1  states %2  %3 s  rss %4 MiB\n"_s.arg(i, 3)
                        .arg(r.states)
                        .arg(double(t.elapsed()) / 1000, 0, 'f', 2)
                        .arg(mib(fl::residentBytes()), 8, 'f', 1);
        out.flush();
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(u"Fusion"_s);
    const QStringList args = QCoreApplication::arguments();
    const QString mode = args.value(1, u"window"_s);
    const int count = args.value(2, u"10"_s).toInt();
    if (mode == u"explore")
        return soakExplorer(count);
    return soakWindow(count);
}
