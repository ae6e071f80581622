// SPDX-License-Identifier: GPL-2.0-only
#include "brokenscenario.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The command line as a user or CI meets it: the real executable, run without
// a display, judged by exit status, stdout and stderr.
class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help();
    void list();
    void runJson();
    void runWithFixCompletes();
    void runTextShowsVerdictLine();
    void missingFile();
    void malformedFile();
    void badOptionValues_data();
    void badOptionValues();
    void unknownCommand();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Result run(const QStringList &args);
};

TestCli::Result TestCli::run(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The CLI must not need a display: take away every way to reach one.
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FOLIOLAB_EXECUTABLE), args);
    Result result;
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(FOLIOLAB_EXECUTABLE)), FOLIOLAB_EXECUTABLE);
}

void TestCli::help()
{
    const Result r = run({u"--help"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("run SCENARIO"));
    QVERIFY(r.out.contains("--max-time"));

    const Result v = run({u"--version"_s});
    QCOMPARE(v.exitCode, 0);
    QVERIFY(v.out.startsWith("foliolab "));
}

void TestCli::list()
{
    const Result r = run({u"list"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("l1"), r.out.constData());
    QVERIFY2(r.out.contains("wait-on-unlock"), r.out.constData());
    QVERIFY2(r.out.contains("baseline"), r.out.constData());
}

void TestCli::runJson()
{
    const Result r = run({u"run"_s, u"l1"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(doc.isObject());
    const QJsonObject o = doc.object();
    for (const char *key : {"scenario", "fixes", "preempt", "seed", "verdict", "steps",
                 "virtual_ns", "explanation", "metrics", "trace_hash"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(o.value(u"scenario"_s).toString(), u"l1"_s);
    QVERIFY(o.value(u"steps"_s).toDouble() > 0);
    QVERIFY(o.value(u"virtual_ns"_s).toDouble() > 0);
    QVERIFY(o.value(u"explanation"_s).toObject().contains(u"summary"_s));
    QVERIFY(o.value(u"explanation"_s).toObject().value(u"cycle"_s).isArray());
    QVERIFY(o.value(u"metrics"_s).isObject());
    QVERIFY(QRegularExpression(u"^[0-9a-f]{16}$"_s)
                    .match(o.value(u"trace_hash"_s).toString())
                    .hasMatch());
}

void TestCli::runWithFixCompletes()
{
    const Result r = run({u"run"_s, u"l1"_s, u"--fix"_s, u"wait-on-unlock"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("COMPLETED"), r.out.constData());
}

void TestCli::runTextShowsVerdictLine()
{
    const Result r = run({u"run"_s, u"l1"_s, u"--seed"_s, u"1"_s, u"--max-time"_s, u"2s"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray firstLine = r.out.left(r.out.indexOf('\n'));
    QVERIFY2(firstLine.startsWith("LIVELOCK  l1  baseline  preempt="), firstLine.constData());
    QVERIFY2(firstLine.endsWith("seed=1"), firstLine.constData());
    QVERIFY(r.out.contains("Metrics:"));
}

void TestCli::missingFile()
{
    const Result r = run({u"run"_s, u"/nonexistent.toml"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("/nonexistent.toml"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCli::malformedFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"broken.toml"_s);
    QVERIFY(writeBrokenScenario(path));

    const Result r = run({u"run"_s, path});
    QCOMPARE(r.exitCode, 2);
    // FILE:LINE:COL, so editors and terminals can jump to it.
    const QRegularExpression position(QRegularExpression::escape(path) + u":\\d+:\\d+"_s);
    QVERIFY2(position.match(QString::fromUtf8(r.err)).hasMatch(), r.err.constData());
}

void TestCli::badOptionValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("preempt") << QStringList {u"run"_s, u"l1"_s, u"--preempt"_s, u"bogus"_s}
                             << QByteArray("--preempt");
    QTest::newRow("fix") << QStringList {u"run"_s, u"l1"_s, u"--fix"_s, u"bogus"_s}
                         << QByteArray("--fix");
    QTest::newRow("max-time") << QStringList {u"run"_s, u"l1"_s, u"--max-time"_s, u"soon"_s}
                              << QByteArray("--max-time");
    QTest::newRow("seed") << QStringList {u"run"_s, u"l1"_s, u"--seed"_s, u"-3"_s}
                          << QByteArray("--seed");
    QTest::newRow("max-steps") << QStringList {u"run"_s, u"l1"_s, u"--max-steps"_s, u"0"_s}
                               << QByteArray("--max-steps");
    QTest::newRow("unknown option")
            << QStringList {u"run"_s, u"l1"_s, u"--bogus"_s} << QByteArray("bogus");
    QTest::newRow("no scenario") << QStringList {u"run"_s} << QByteArray("SCENARIO");
}

void TestCli::badOptionValues()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mentions);
    const Result r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), r.err.constData());
}

void TestCli::unknownCommand()
{
    const Result r = run({u"frobnicate"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("frobnicate"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
