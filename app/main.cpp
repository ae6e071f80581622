// SPDX-License-Identifier: GPL-2.0-only
#include "appsettings.h"
#include "cli/cli.h"
#include "runmodel.h"
#include "displaycheck.h"
#include "simcontroller.h"

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTextStream>
#include <QUrl>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // The command line must work without a display: decide before any GUI
    // object exists.
    if (Cli::isCliInvocation(argc, argv))
        return Cli::main(argc, argv);

    if (const QString message = DisplayCheck::missingDisplayMessage(argc, argv);
            !message.isEmpty()) {
        QTextStream(stderr) << message;
        return Cli::ExitBadInput;
    }

    // QApplication, not QGuiApplication: QCustomPlot is a QWidget underneath
    // and aborts without one.
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"FolioLab"_s);
    QCoreApplication::setApplicationName(u"FolioLab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FOLIOLAB_VERSION));
    // Fusion renders the same under the software backend (offscreen, tests)
    // and with OpenGL, and follows the application palette.
    QQuickStyle::setStyle(u"Fusion"_s);

    // The running speed is a preference: the controller follows it.
    AppSettings &settings = AppSettings::instance();
    SimController &sim = SimController::instance();
    RunModel &run = *sim.run();
    run.setSpeed(settings.speed());
    QObject::connect(&settings, &AppSettings::speedChanged, &run,
            [&run, &settings] { run.setSpeed(settings.speed()); });
    // Always start from the canonical scenario, so a bad file given on the
    // command line still leaves something to look at beside its error.
    sim.loadScenario(u"l1"_s);
    const QStringList args = QCoreApplication::arguments(); // Qt's own options removed
    if (args.size() >= 2)
        sim.openFile(args.at(1));
    else
        sim.reopenLastWorkspace(); // if the user asked for it (a setting)
    if (!run.errorText().isEmpty())
        QTextStream(stderr) << run.errorText() << '\n';

    QQmlApplicationEngine engine;
    // Qt 6.4 puts module files under qrc:/<URI path>/ and does not search
    // qrc:/ for imports by default (6.5 moved to qrc:/qt/qml).
    engine.addImportPath(u"qrc:/"_s);
    engine.load(QUrl(u"qrc:/FolioLab/Ui/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    return QApplication::exec();
}
