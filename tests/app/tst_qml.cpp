// SPDX-License-Identifier: GPL-2.0-only
// Runs tests/qml/tst_*.qml. Not QUICK_TEST_MAIN: that makes a QGuiApplication,
// and the plot item's QCustomPlot is a QWidget that needs a QApplication.
#include <QApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest/quicktest.h>

using namespace Qt::StringLiterals;

class Setup : public QObject
{
    Q_OBJECT

public slots:
    // Qt 6.4 puts module files under qrc:/<URI path>/ (see main.cpp).
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(u"qrc:/"_s); }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QQuickStyle::setStyle(u"Fusion"_s);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "foliolab_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "tst_qml.moc"
