// SPDX-License-Identifier: GPL-2.0-only
#include "brokenscenario.h"
#include "../core/small_storms.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
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
    void runWithKernel();
    void matrixJson();
    void matrixTable();
    void matrixSeeds();
    void matrixConflictIsANote();
    void limitsReachEveryRun();
    void matrixBadInput_data();
    void matrixBadInput();
    void compareJson();
    void compareSameFixSet();
    void compareText();
    void compareKernelIsShorthand();
    void compareBadInput_data();
    void compareBadInput();
    void fixesList();
    void fixesDiff();
    void fixesBadName();
    void exploreJsonAndReplayRoundTrip();
    void exploreOkHasStatistics();
    void exploreLocalStepsCanBeTurnedOff();
    void exploreAndMatrixStopAtTheFirstBug();
    void exploreAndMatrixRefuseARepeatingWorkload();
    void exploreFromTheRunnersStateReplaysFromTheStart();
    void replayRefusesAForeignSchedule();
    void replayTimedReproducesTheRun();
    void rtThrottlingResolvesUnderFull();
    void rcuFlavourDecidesV4();
    void rcuFlavourBadInput();
    void rcuFlavourIsAMatrixDimensionAndSurvivesReplay();
    void scheduleSaveCheckAndReplay();
    void checkExitStatuses();
    void reportFitsAMail();
    void traceFollowsTheTraceEventFormat();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Result run(const QStringList &args);
    static QJsonDocument json(const Result &r);
};

QJsonDocument TestCli::json(const Result &r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), r.out.constData());
    return doc;
}

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

void TestCli::runWithKernel()
{
    const Result fixed = run({u"run"_s, u"l1"_s, u"--kernel"_s, u"7.0"_s, u"--json"_s});
    QVERIFY2(fixed.exitCode == 0, fixed.err.constData());
    const QJsonObject o = json(fixed).object();
    QCOMPARE(o.value(u"verdict"_s).toString(), u"COMPLETED"_s);
    QCOMPARE(o.value(u"fixes"_s).toArray(), QJsonArray {u"wait-on-unlock"_s});

    const Result old = run({u"run"_s, u"l1"_s, u"--kernel"_s, u"6.15"_s, u"--json"_s});
    QVERIFY2(old.exitCode == 0, old.err.constData());
    QCOMPARE(json(old).object().value(u"fixes"_s).toArray(), QJsonArray {});
    QCOMPARE(json(old).object().value(u"verdict"_s).toString(), u"LIVELOCK"_s);

    const Result both = run({u"run"_s, u"l1"_s, u"--kernel"_s, u"7.0"_s, u"--fix"_s,
                             u"baseline"_s});
    QCOMPARE(both.exitCode, 2);
    QVERIFY2(both.err.contains("--kernel") && both.err.contains("--fix"), both.err.constData());
    QVERIFY(both.out.isEmpty());

    const Result unknown = run({u"run"_s, u"l1"_s, u"--kernel"_s, u"5.4"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("5.4") && unknown.err.contains("6.14, 6.15, 7.0"),
             unknown.err.constData());
}

void TestCli::matrixJson()
{
    const Result r = run({u"matrix"_s, u"--scenario"_s, u"l1"_s, u"--preempt"_s, u"voluntary"_s,
                          u"--fix"_s, u"baseline"_s, u"--kernel"_s, u"7.0"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonDocument doc = json(r);
    QVERIFY(doc.isArray());
    const QJsonArray cells = doc.array();
    QCOMPARE(cells.size(), 2);
    for (const QJsonValue &v : cells) {
        const QJsonObject cell = v.toObject();
        for (const char *key : {"scenario", "preempt", "fix", "verdict", "metrics"})
            QVERIFY2(cell.contains(QLatin1String(key)), key);
        QCOMPARE(cell.value(u"scenario"_s).toString(), u"l1"_s);
        QCOMPARE(cell.value(u"preempt"_s).toString(), u"voluntary"_s);
        QVERIFY(cell.value(u"metrics"_s).toObject().contains(u"spins_per_fault"_s));
    }
    QCOMPARE(cells[0].toObject().value(u"fix"_s).toString(), u"baseline"_s);
    QCOMPARE(cells[0].toObject().value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(cells[1].toObject().value(u"fix"_s).toString(), u"wait-on-unlock"_s);
    QCOMPARE(cells[1].toObject().value(u"verdict"_s).toString(), u"COMPLETED"_s);
}

void TestCli::matrixTable()
{
    const Result r = run({u"matrix"_s, u"--scenario"_s, u"l1-single"_s, u"--scenario"_s,
                          u"l1-emptybatch"_s, u"--preempt"_s, u"full"_s, u"--fix"_s,
                          u"baseline"_s, u"--fix"_s, u"wait-on-unlock"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + 2 * 2); // header + scenarios x fix sets
    const QString header = QString::fromUtf8(lines[0]);
    for (const QString &column : {u"scenario"_s, u"preempt"_s, u"fix"_s, u"verdict"_s,
                                  u"spins/fault"_s, u"fault p50 µs"_s, u"fault p99 µs"_s,
                                  u"drain p50 µs"_s, u"drain p99 µs"_s, u"failed migr."_s,
                                  u"throughput/s"_s})
        QVERIFY2(header.contains(column), qPrintable(column));
    QVERIFY(lines[1].startsWith("l1-single "));
    QVERIFY(lines[1].contains(" baseline "));
    QVERIFY(lines[2].contains(" wait-on-unlock "));
    QVERIFY(lines[3].startsWith("l1-emptybatch "));
    for (qsizetype i = 1; i < lines.size(); ++i)
        QVERIFY2(lines[i].contains("COMPLETED"), lines[i].constData());
    // Aligned: every row's verdict starts in the header's verdict column.
    const qsizetype verdictColumn = header.indexOf(u"verdict"_s);
    for (qsizetype i = 1; i < lines.size(); ++i)
        QCOMPARE(QString::fromUtf8(lines[i]).indexOf(u"COMPLETED"_s), verdictColumn);
}

void TestCli::matrixSeeds()
{
    const Result r = run({u"matrix"_s, u"--scenario"_s, u"l1"_s, u"--preempt"_s, u"full"_s,
                          u"--fix"_s, u"wait-on-unlock"_s, u"--seeds"_s, u"3"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray cells = json(r).array();
    QCOMPARE(cells.size(), 1);
    const QJsonObject cell = cells[0].toObject();
    QCOMPARE(cell.value(u"runs"_s).toInt(), 3);
    int counted = 0;
    const QJsonObject verdicts = cell.value(u"verdicts"_s).toObject();
    for (const QJsonValue &n : verdicts)
        counted += n.toInt();
    QCOMPARE(counted, 3);
    // One verdict on every seed reads as the bare verdict.
    if (verdicts.size() == 1)
        QCOMPARE(cell.value(u"verdict"_s).toString(), verdicts.keys().front());
    else
        QVERIFY(cell.value(u"verdict"_s).toString().contains(u"/3"_s));
}

void TestCli::matrixConflictIsANote()
{
    const QStringList args = {u"matrix"_s, u"--scenario"_s, u"l1"_s, u"--preempt"_s, u"full"_s,
                              u"--fix"_s, u"pre-trylock+wait-on-unlock"_s, u"--fix"_s,
                              u"wait-on-unlock"_s};
    const Result text = run(args);
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.contains("note: skipped fix set 'pre-trylock+wait-on-unlock'"),
             text.out.constData());

    const Result j = run(args + QStringList {u"--json"_s});
    QVERIFY2(j.exitCode == 0, j.err.constData());
    QCOMPARE(json(j).array().size(), 1); // the note stays out of the JSON
    QVERIFY2(j.err.contains("pre-trylock+wait-on-unlock"), j.err.constData());
}

void TestCli::limitsReachEveryRun()
{
    // l1's livelock needs 50 ms of virtual time: a 1 ms limit comes first.
    const Result m = run({u"matrix"_s, u"--scenario"_s, u"l1"_s, u"--preempt"_s, u"voluntary"_s,
            u"--fix"_s, u"baseline"_s, u"--max-time"_s, u"1ms"_s, u"--json"_s});
    QVERIFY2(m.exitCode == 0, m.err.constData());
    QCOMPARE(json(m).array().at(0).toObject().value(u"verdict"_s).toString(), u"LIMIT"_s);

    const Result c = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
            u"wait-on-unlock"_s, u"--max-steps"_s, u"100"_s, u"--json"_s});
    QVERIFY2(c.exitCode == 0, c.err.constData());
    const QJsonObject o = json(c).object();
    QCOMPARE(o.value(u"a"_s).toObject().value(u"steps"_s).toInt(), 100);
    QCOMPARE(o.value(u"a"_s).toObject().value(u"verdict"_s).toString(), u"LIMIT"_s);

    const Result bad = run({u"matrix"_s, u"--max-time"_s, u"soon"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--max-time"), bad.err.constData());
}

void TestCli::matrixBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArrayList>("mentions");
    QTest::newRow("scenario") << QStringList {u"matrix"_s, u"--scenario"_s, u"l9"_s}
                              << QByteArrayList {"l9", "l1-single"};
    QTest::newRow("fix") << QStringList {u"matrix"_s, u"--fix"_s, u"bogus"_s}
                         << QByteArrayList {"bogus", "wait-on-unlock"};
    QTest::newRow("fix in a set") << QStringList {u"matrix"_s, u"--fix"_s, u"baseline+bogus"_s}
                                  << QByteArrayList {"bogus"};
    QTest::newRow("preempt") << QStringList {u"matrix"_s, u"--preempt"_s, u"lazy"_s}
                             << QByteArrayList {"lazy", "voluntary"};
    QTest::newRow("kernel") << QStringList {u"matrix"_s, u"--kernel"_s, u"6.1"_s}
                            << QByteArrayList {"6.1", "7.0"};
    QTest::newRow("seeds") << QStringList {u"matrix"_s, u"--seeds"_s, u"0"_s}
                           << QByteArrayList {"--seeds"};
    QTest::newRow("jobs") << QStringList {u"matrix"_s, u"--jobs"_s, u"many"_s}
                          << QByteArrayList {"--jobs"};
    QTest::newRow("positional") << QStringList {u"matrix"_s, u"l1"_s}
                                << QByteArrayList {"--scenario"};
    QTest::newRow("missing file")
            << QStringList {u"matrix"_s, u"--scenario"_s, u"/nonexistent.toml"_s}
            << QByteArrayList {"/nonexistent.toml"};
}

void TestCli::matrixBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArrayList, mentions);
    const Result r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    for (const QByteArray &m : mentions)
        QVERIFY2(r.err.contains(m), r.err.constData());
}

void TestCli::compareJson()
{
    const Result r = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                          u"wait-on-unlock"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    for (const char *key : {"scenario", "preempt", "seed", "a", "b", "divergence", "metrics"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(u"a"_s).toObject().value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(o.value(u"b"_s).toObject().value(u"verdict"_s).toString(), u"COMPLETED"_s);

    const QJsonObject d = o.value(u"divergence"_s).toObject();
    QCOMPARE(d.value(u"kind"_s).toString(), u"different-step"_s);
    QVERIFY(d.value(u"index"_s).toDouble() > 0);
    // Steps are numbered from 1, as the window numbers them; index from 0.
    QCOMPARE(d.value(u"step_number"_s).toDouble(), d.value(u"index"_s).toDouble() + 1);
    QVERIFY(!d.value(u"reason"_s).toString().isEmpty());
    const QJsonObject a = d.value(u"a"_s).toObject(), b = d.value(u"b"_s).toObject();
    QCOMPARE(a.value(u"task"_s).toString(), u"T"_s);
    QCOMPARE(a.value(u"previous_step_key"_s).toString(),
             b.value(u"previous_step_key"_s).toString());
    QVERIFY(a.value(u"step_key"_s).toString() != b.value(u"step_key"_s).toString());
    QCOMPARE(a.value(u"time_ns"_s).toDouble(), b.value(u"time_ns"_s).toDouble());

    // Every metric of both sides, with B - A.
    const QJsonObject metrics = o.value(u"metrics"_s).toObject();
    const QJsonObject steps = metrics.value(u"steps"_s).toObject();
    QCOMPARE(steps.value(u"a"_s).toDouble(), o.value(u"a"_s).toObject().value(u"steps"_s).toDouble());
    QCOMPARE(steps.value(u"diff"_s).toDouble(),
             steps.value(u"b"_s).toDouble() - steps.value(u"a"_s).toDouble());
    QCOMPARE(metrics.size(), o.value(u"a"_s).toObject().value(u"metrics"_s).toObject().size());
}

void TestCli::compareSameFixSet()
{
    const Result r = run({u"compare"_s, u"l1-emptybatch"_s, u"--fix"_s, u"wait-on-unlock"_s,
                          u"--fix"_s, u"wait-on-unlock"_s, u"--seed"_s, u"4"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    QVERIFY(o.value(u"divergence"_s).isNull());
    QCOMPARE(o.value(u"seed"_s).toInt(), 4);
    const QJsonObject metrics = o.value(u"metrics"_s).toObject();
    QVERIFY(!metrics.isEmpty());
    for (const QJsonValue &m : metrics)
        QCOMPARE(m.toObject().value(u"diff"_s).toDouble(), 0.0);
}

void TestCli::compareText()
{
    const Result r = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                          u"wait-on-unlock"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("compare  l1  preempt=voluntary  rcu=non-preemptible  seed=1\n"),
            r.out.constData());
    QVERIFY(r.out.contains("A (baseline):"));
    QVERIFY(r.out.contains("B (wait-on-unlock):"));
    // The text names the step number the JSON gives (and the window shows).
    const Result asJson = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                               u"wait-on-unlock"_s, u"--json"_s});
    const QJsonObject d = json(asJson).object().value(u"divergence"_s).toObject();
    const int number = d.value(u"step_number"_s).toInt();
    QVERIFY(number > 1);
    QVERIFY2(r.out.contains("First divergence at step " + QByteArray::number(number) + " (the "
                             + QByteArray::number(number - 1) + " steps before are the same):\n"),
             r.out.constData());
    QVERIFY(r.out.contains("do_swap_page (mm/memory.c)"));
    QVERIFY(r.out.contains("B - A"));

    const Result same = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                             u"baseline"_s, u"--max-time"_s, u"60ms"_s});
    QVERIFY2(same.exitCode == 0, same.err.constData());
    QVERIFY(same.out.contains("No divergence"));
}

void TestCli::compareKernelIsShorthand()
{
    const Result byKernel = run({u"compare"_s, u"l1"_s, u"--kernel"_s, u"6.15"_s, u"--kernel"_s,
                                 u"7.0"_s, u"--json"_s});
    const Result byFix = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                              u"wait-on-unlock"_s, u"--json"_s});
    QVERIFY2(byKernel.exitCode == 0, byKernel.err.constData());
    QCOMPARE(byKernel.out, byFix.out);

    // Mixed, in the order given: A is --kernel 7.0, B is --fix baseline.
    const Result mixed = run({u"compare"_s, u"l1"_s, u"--kernel"_s, u"7.0"_s, u"--fix"_s,
                              u"baseline"_s, u"--json"_s});
    QVERIFY2(mixed.exitCode == 0, mixed.err.constData());
    const QJsonObject o = json(mixed).object();
    QCOMPARE(o.value(u"a"_s).toObject().value(u"fix"_s).toString(), u"wait-on-unlock"_s);
    QCOMPARE(o.value(u"b"_s).toObject().value(u"fix"_s).toString(), u"baseline"_s);
}

void TestCli::compareBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArrayList>("mentions");
    QTest::newRow("one fix") << QStringList {u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s}
                             << QByteArrayList {"exactly two", "got 1"};
    QTest::newRow("three fixes")
            << QStringList {u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                            u"baseline"_s, u"--kernel"_s, u"7.0"_s}
            << QByteArrayList {"exactly two", "got 3"};
    QTest::newRow("unknown fix")
            << QStringList {u"compare"_s, u"l1"_s, u"--fix"_s, u"bogus"_s, u"--fix"_s,
                            u"baseline"_s}
            << QByteArrayList {"bogus", "wait-on-unlock"};
    QTest::newRow("conflict")
            << QStringList {u"compare"_s, u"l1"_s, u"--fix"_s, u"pre-trylock+wait-on-unlock"_s,
                            u"--fix"_s, u"baseline"_s}
            << QByteArrayList {"cannot be combined"};
    QTest::newRow("kernel") << QStringList {u"compare"_s, u"l1"_s, u"--kernel"_s, u"8"_s,
                                            u"--fix"_s, u"baseline"_s}
                            << QByteArrayList {"'8'", "6.14"};
    QTest::newRow("no scenario")
            << QStringList {u"compare"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s, u"baseline"_s}
            << QByteArrayList {"SCENARIO"};
    QTest::newRow("unknown scenario")
            << QStringList {u"compare"_s, u"l7"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                            u"baseline"_s}
            << QByteArrayList {"l7", "s2-storm"};
    QTest::newRow("preempt")
            << QStringList {u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
                            u"baseline"_s, u"--preempt"_s, u"lazy"_s}
            << QByteArrayList {"lazy"};
}

void TestCli::compareBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArrayList, mentions);
    const Result r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    for (const QByteArray &m : mentions)
        QVERIFY2(r.err.contains(m), r.err.constData());
}

void TestCli::fixesList()
{
    const Result r = run({u"fixes"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // A header line per fix (with its spec label and status), then who.
    for (const char *fix : {"pre-trylock", "cond-resched", "sleeping-lock", "wait-on-unlock"})
        QVERIFY2(QRegularExpression(u"\n%1 \\([^)]*\\)\n  who:"_s.arg(QLatin1String(fix)))
                         .match(QString::fromUtf8(r.out))
                         .hasMatch(),
                fix);
    QVERIFY(r.out.contains("\n  sleeping-lock+pincount-only\n"));
    QVERIFY(r.out.contains("\n  7.0   wait-on-unlock: "));
    // Every fix has its four fields.
    QCOMPARE(r.out.count("  who:"), r.out.count("  risks:"));
    QCOMPARE(r.out.count("  when:"), r.out.count("  summary:"));
    QVERIFY(r.out.count("  who:") >= 2);
}

void TestCli::fixesDiff()
{
    const Result r = run({u"fixes"_s, u"wait-on-unlock"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("wait-on-unlock (F7)\n  who:"), r.out.constData());
    QVERIFY(r.out.contains("\n  status:  merged"));
    QVERIFY2(r.out.contains("\n--- baseline/mm/memory.c\n+++ wait-on-unlock/mm/memory.c\n@@ "),
             r.out.constData());
    QVERIFY(r.out.contains("@@ do_swap_page()\n"));
    // Removals come before additions inside a change, as in diff(1).
    const qsizetype removed = r.out.indexOf("\n-");
    const qsizetype added = r.out.indexOf("\n+", r.out.indexOf("@@"));
    QVERIFY(removed > 0);
    QVERIFY(added > removed);

    const Result base = run({u"fixes"_s, u"baseline"_s});
    QCOMPARE(base.exitCode, 0);
    QVERIFY(!base.out.contains("---"));
}

void TestCli::fixesBadName()
{
    const Result r = run({u"fixes"_s, u"bogus"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("bogus") && r.err.contains("wait-on-unlock"), r.err.constData());
    QVERIFY(r.out.isEmpty());

    const Result many = run({u"fixes"_s, u"baseline"_s, u"wait-on-unlock"_s});
    QCOMPARE(many.exitCode, 2);
}

// explore l1 finds the livelock; the lasso it writes replays as LIVELOCK.
void TestCli::exploreJsonAndReplayRoundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"l1-livelock.toml"_s);
    const Result r = run({u"explore"_s, u"l1"_s, u"--quiet"_s, u"--json"_s, u"--out"_s, file});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    for (const char *key : {"verdict", "states", "transitions", "depth", "seconds",
                 "bytes_per_state", "stem_length", "cycle_length"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QVERIFY(o.value(u"cycle_length"_s).toDouble() > 0);
    // bytes_per_state is null exactly where the process's memory before the
    // search is half its peak or more.
    const double before = o.value(u"resident_before_bytes"_s).toDouble();
    QVERIFY(before > 0);
    QCOMPARE(o.value(u"bytes_per_state"_s).isNull(),
            o.value(u"peak_rss_bytes"_s).toDouble() < 2 * before);
    QCOMPARE(o.value(u"stem"_s).toArray().size(), o.value(u"stem_length"_s).toInt());
    QVERIFY(QFileInfo::exists(file));

    const Result replay = run({u"run"_s, u"--replay"_s, file, u"--json"_s});
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    const QJsonObject p = json(replay).object();
    QCOMPARE(p.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(p.value(u"time"_s).toString(), u"untimed"_s);
    QCOMPARE(p.value(u"cycle_start"_s).toInt(), o.value(u"stem_length"_s).toInt());
    QVERIFY(!p.value(u"wait_for_cycle"_s).toArray().isEmpty());
}

void TestCli::exploreOkHasStatistics()
{
    const Result r = run({u"explore"_s, u"l1"_s, u"--fix"_s, u"wait-on-unlock"_s, u"--quiet"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("OK  l1  wait-on-unlock"), r.out.constData());
    QVERIFY2(r.out.contains("bytes/state"), r.out.constData());
    const Result bounded = run({u"explore"_s, u"l1"_s, u"--max-states"_s, u"500"_s, u"--quiet"_s});
    QCOMPARE(bounded.exitCode, 0);
    QVERIFY2(bounded.out.startsWith("PARTIAL"), bounded.out.constData());
    QVERIFY2(bounded.out.contains("'explore --from-run'"), bounded.out.constData());
    QCOMPARE(run({u"explore"_s, u"l1"_s, u"--max-states"_s, u"many"_s}).exitCode, 2);
    QCOMPARE(run({u"explore"_s}).exitCode, 2);
}

// --no-local-steps stores the states between a task's own bookkeeping steps
// too: more states, the same verdict and lasso, and --json says which.
// A 3-faulter storm under sleeping-lock+wait-refcount deadlocks (the
// explorer's own test): --first-bug reports the same shallowest deadlock
// from fewer states, says so, and the matrix cell notes it.
void TestCli::exploreAndMatrixStopAtTheFirstBug()
{
    QTemporaryDir dir;
    const QString trio = dir.filePath(u"trio.toml"_s);
    {
        QFile f(trio);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(fl::test::smallStorm(3)));
    }
    const QStringList args {u"explore"_s, trio, u"--fix"_s, u"sleeping-lock+wait-refcount"_s,
            u"--quiet"_s, u"--json"_s};
    const Result whole = run(args);
    const Result first = run(args + QStringList {u"--first-bug"_s});
    QVERIFY2(whole.exitCode == 0, whole.err.constData());
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QJsonObject a = json(whole).object();
    const QJsonObject b = json(first).object();
    QCOMPARE(a.value(u"verdict"_s).toString(), u"DEADLOCK"_s);
    QCOMPARE(b.value(u"verdict"_s).toString(), u"DEADLOCK"_s);
    QCOMPARE(a.value(u"stopped_at_bug"_s).toBool(), false);
    QCOMPARE(b.value(u"stopped_at_bug"_s).toBool(), true);
    QCOMPARE(b.value(u"complete"_s).toBool(), false);
    QVERIFY(b.value(u"states"_s).toDouble() < a.value(u"states"_s).toDouble());
    QCOMPARE(b.value(u"stem_length"_s).toDouble(), a.value(u"stem_length"_s).toDouble());
    QVERIFY(b.value(u"summary"_s).toString().contains(u"first bug"_s));

    const Result matrix = run({u"matrix"_s, u"--scenario"_s, trio, u"--fix"_s,
            u"sleeping-lock+wait-refcount"_s, u"--preempt"_s, u"voluntary"_s, u"--first-bug"_s,
            u"--json"_s});
    QVERIFY2(matrix.exitCode == 0, matrix.err.constData());
    const QJsonArray cells = json(matrix).array();
    QCOMPARE(cells.size(), 1);
    const QJsonObject explored = cells.at(0).toObject().value(u"explore"_s).toObject();
    QCOMPARE(explored.value(u"verdict"_s).toString(), u"DEADLOCK"_s);
    QCOMPARE(explored.value(u"states"_s).toDouble(), b.value(u"states"_s).toDouble());
    QVERIFY2(explored.value(u"note"_s).toString().contains(u"first bug"_s),
            qPrintable(explored.value(u"note"_s).toString()));
}

// w-alloc repeats its jobs: REFUSED with the reason, at once and with exit
// 0 (a verdict, not bad input), in text, JSON and the matrix's explorer
// column; --search-repeats searches it within the bounds.
void TestCli::exploreAndMatrixRefuseARepeatingWorkload()
{
    const Result text = run({u"explore"_s, u"w-alloc"_s});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.startsWith("REFUSED  w-alloc"), text.out.constData());
    QVERIFY2(text.out.contains("repeat their jobs"), text.out.constData());
    QVERIFY2(!text.out.contains("states "), text.out.constData()); // no search, no statistics

    const Result refused = run({u"explore"_s, u"w-alloc"_s, u"--quiet"_s, u"--json"_s});
    QVERIFY2(refused.exitCode == 0, refused.err.constData());
    const QJsonObject a = json(refused).object();
    QCOMPARE(a.value(u"verdict"_s).toString(), u"REFUSED"_s);
    QCOMPARE(a.value(u"states"_s).toDouble(), 0.0);
    QVERIFY(a.value(u"summary"_s).toString().contains(u"--search-repeats"_s));

    const Result searched = run({u"explore"_s, u"w-alloc"_s, u"--search-repeats"_s,
            u"--max-states"_s, u"3000"_s, u"--quiet"_s, u"--json"_s});
    QVERIFY2(searched.exitCode == 0, searched.err.constData());
    const QJsonObject b = json(searched).object();
    QCOMPARE(b.value(u"verdict"_s).toString(), u"PARTIAL"_s);
    QVERIFY(b.value(u"states"_s).toDouble() >= 3000);

    const Result matrix = run({u"matrix"_s, u"--scenario"_s, u"w-alloc"_s, u"--fix"_s,
            u"baseline"_s, u"--preempt"_s, u"voluntary"_s, u"--explore"_s, u"--json"_s});
    QVERIFY2(matrix.exitCode == 0, matrix.err.constData());
    const QJsonArray cells = json(matrix).array();
    QCOMPARE(cells.size(), 1);
    const QJsonObject explored = cells.at(0).toObject().value(u"explore"_s).toObject();
    QCOMPARE(explored.value(u"verdict"_s).toString(), u"REFUSED"_s);
    QVERIFY2(explored.value(u"note"_s).toString().contains(u"repeat their jobs"_s),
            qPrintable(explored.value(u"note"_s).toString()));

    // In the table, the cell is the word alone and the reason a note below.
    const Result table = run({u"matrix"_s, u"--scenario"_s, u"w-alloc"_s, u"--fix"_s, u"baseline"_s,
            u"--fix"_s, u"wait-on-unlock"_s, u"--preempt"_s, u"voluntary"_s, u"--explore"_s});
    QVERIFY2(table.exitCode == 0, table.err.constData());
    QVERIFY2(!table.out.contains("REFUSED 0"), table.out.constData());
    QCOMPARE(table.out.count("REFUSED"), 2);
    QCOMPARE(table.out.count("note: the explorer refused w-alloc: Not searched"), 1);
}

// explore --from-run: the run's own fair cycle, or every schedule from the
// state the runner's run left; the lasso is written after the run's timed
// choices and `run --replay` checks it from the start. A run that completed
// leaves nothing to search. matrix --explore does the same for a PARTIAL
// cell whose run got stuck (a deadlock: searched from the run's state).
void TestCli::exploreFromTheRunnersStateReplaysFromTheStart()
{
    QTemporaryDir dir;
    const QString lasso = dir.filePath(u"l1-from-run.toml"_s);
    const Result found = run(
            {u"explore"_s, u"l1"_s, u"--from-run"_s, u"--out"_s, lasso, u"--quiet"_s, u"--json"_s});
    QVERIFY2(found.exitCode == 0, found.err.constData());
    const QJsonObject a = json(found).object();
    QCOMPARE(a.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    const QJsonObject fromRun = a.value(u"from_run"_s).toObject();
    QCOMPARE(fromRun.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QVERIFY(fromRun.value(u"run_cycle"_s).toBool()); // l1's run goes round the 8 steps itself
    QCOMPARE(a.value(u"stem_length"_s).toInt(), 0);
    const auto timed = std::int64_t(fromRun.value(u"steps"_s).toDouble());
    QVERIFY(timed > 0);
    QFile file(lasso);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("\nuntimed_from = " + QByteArray::number(qint64(timed)) + '\n'));
    const qint64 cycleStart = timed + qint64(a.value(u"stem_length"_s).toDouble());
    QVERIFY(written.contains("\ncycle_start = " + QByteArray::number(cycleStart) + '\n'));

    const Result replayed = run({u"run"_s, u"--replay"_s, lasso, u"--json"_s});
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    const QJsonObject b = json(replayed).object();
    QCOMPARE(b.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(std::int64_t(b.value(u"untimed_from"_s).toDouble()), timed);
    const Result text = run({u"run"_s, u"--replay"_s, lasso});
    QVERIFY2(text.out.contains(
                     QByteArray("(after ") + QByteArray::number(qint64(timed)) + " timed steps)"),
            text.out.constData());

    const Result completed = run({u"explore"_s, u"l1"_s, u"--fix"_s, u"wait-on-unlock"_s,
            u"--from-run"_s, u"--quiet"_s, u"--json"_s});
    QVERIFY2(completed.exitCode == 0, completed.err.constData());
    QCOMPARE(json(completed).object().value(u"verdict"_s).toString(), u"REFUSED"_s);
    QVERIFY(json(completed).object().value(u"summary"_s).toString().contains(u"seeds 1 to 8"_s));
    // Without --seed, a completed run of seed 1 gives way to the first
    // stuck one: s2-mixed x rt x pre-trylock livelocks with seed 2.
    const Result seedTwo = run({u"explore"_s, u"s2-mixed"_s, u"--fix"_s, u"pre-trylock"_s,
            u"--preempt"_s, u"rt"_s, u"--from-run"_s, u"--first-bug"_s, u"--max-states"_s,
            u"2000"_s, u"--quiet"_s, u"--json"_s});
    QVERIFY2(seedTwo.exitCode == 0, seedTwo.err.constData());
    const QJsonObject two = json(seedTwo).object();
    QCOMPARE(two.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(two.value(u"from_run"_s).toObject().value(u"seed"_s).toInt(), 2);
    QCOMPARE(run({u"explore"_s, u"l1"_s, u"--seed"_s, u"2"_s}).exitCode, 2);
    // A schedule file holds the same lasso: the run's timed lines, then
    // 'untimed:'; `check` replays it from the start.
    const QString schedPath = dir.filePath(u"l.sched"_s);
    const Result sched
            = run({u"explore"_s, u"l1"_s, u"--from-run"_s, u"--out"_s, schedPath, u"--quiet"_s});
    QVERIFY2(sched.exitCode == 0, sched.err.constData());
    QFile schedFile(schedPath);
    QVERIFY(schedFile.open(QIODevice::ReadOnly));
    const QByteArray schedText = schedFile.readAll();
    QVERIFY2(schedText.contains("\nuntimed:") && schedText.contains("\ncycle:")
                    && schedText.indexOf("\nuntimed:") < schedText.indexOf("\ncycle:"),
            schedText.constData());
    const Result checked = run({u"check"_s, schedPath});
    QVERIFY2(checked.exitCode == 0 && checked.out.startsWith("PASS"), checked.out.constData());
    // A run that deadlocked: its own steps are the counterexample.
    const QString deadlockPath = dir.filePath(u"deadlock.sched"_s);
    const Result deadlock
            = run({u"explore"_s, u"s2-mixed"_s, u"--fix"_s, u"sleeping-lock+wait-refcount"_s,
                    u"--from-run"_s, u"--first-bug"_s, u"--out"_s, deadlockPath, u"--quiet"_s});
    QVERIFY2(deadlock.out.startsWith("DEADLOCK"), deadlock.out.constData());
    const Result deadlockChecked = run({u"check"_s, deadlockPath});
    QVERIFY2(deadlockChecked.exitCode == 0 && deadlockChecked.out.contains("DEADLOCK"),
            deadlockChecked.out.constData());

    const Result matrix = run({u"matrix"_s, u"--scenario"_s, u"s2-mixed"_s, u"--fix"_s,
            u"sleeping-lock+wait-refcount"_s, u"--preempt"_s, u"voluntary"_s, u"--explore"_s,
            u"--explore-states"_s, u"20000"_s, u"--json"_s});
    QVERIFY2(matrix.exitCode == 0, matrix.err.constData());
    const QJsonObject cell = json(matrix).array().at(0).toObject();
    QCOMPARE(cell.value(u"verdicts"_s).toObject().keys(), QStringList {u"DEADLOCK"_s});
    const QJsonObject explored = cell.value(u"explore"_s).toObject();
    QCOMPARE(explored.value(u"verdict"_s).toString(), u"DEADLOCK"_s);
    QVERIFY(explored.value(u"from_run_steps"_s).toDouble() > 0);
    QVERIFY2(explored.value(u"note"_s).toString().startsWith(u"found from step"_s),
            qPrintable(explored.value(u"note"_s).toString()));
}

void TestCli::exploreLocalStepsCanBeTurnedOff()
{
    const Result merged = run({u"explore"_s, u"l1"_s, u"--quiet"_s, u"--json"_s});
    const Result every
            = run({u"explore"_s, u"l1"_s, u"--quiet"_s, u"--json"_s, u"--no-local-steps"_s});
    QVERIFY2(merged.exitCode == 0, merged.err.constData());
    QVERIFY2(every.exitCode == 0, every.err.constData());
    const QJsonObject a = json(merged).object();
    const QJsonObject b = json(every).object();
    QCOMPARE(a.value(u"local_steps"_s).toBool(), true);
    QCOMPARE(b.value(u"local_steps"_s).toBool(), false);
    QCOMPARE(a.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(b.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QVERIFY(a.value(u"states"_s).toDouble() < b.value(u"states"_s).toDouble());
    QCOMPARE(a.value(u"stem_length"_s).toDouble(), b.value(u"stem_length"_s).toDouble());
    QCOMPARE(a.value(u"cycle_length"_s).toDouble(), b.value(u"cycle_length"_s).toDouble());
}

// A lasso of l1 replayed on another scenario: a clear error, exit 2.
void TestCli::replayRefusesAForeignSchedule()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"lasso.toml"_s);
    QCOMPARE(run({u"explore"_s, u"l1"_s, u"--quiet"_s, u"--out"_s, file}).exitCode, 0);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    text.replace("scenario = \"l1\"", "scenario = \"s2-storm\"");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
    f.close();
    const Result r = run({u"run"_s, u"--replay"_s, file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("is not possible"), r.err.constData());
    QCOMPARE(run({u"run"_s, u"--replay"_s, dir.filePath(u"missing.toml"_s)}).exitCode, 2);
    QCOMPARE(run({u"run"_s, u"l1"_s, u"--replay"_s, file}).exitCode, 2);
}

// A timed replay of a saved run gives the same trace.
void TestCli::replayTimedReproducesTheRun()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"run.toml"_s);
    const Result first = run({u"run"_s, u"s2-storm"_s, u"--fix"_s, u"pre-trylock"_s, u"--seed"_s,
            u"7"_s, u"--json"_s, u"--save-replay"_s, file});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const Result again = run({u"run"_s, u"--replay"_s, file, u"--json"_s});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(json(again).object().value(u"trace_hash"_s).toString(),
            json(first).object().value(u"trace_hash"_s).toString());
}

void TestCli::rtThrottlingResolvesUnderFull()
{
    const Result r = run({u"run"_s, u"l1-rt"_s, u"--preempt"_s, u"full"_s, u"--rt-throttling"_s,
            u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = json(r).object();
    QCOMPARE(o.value(u"verdict"_s).toString(), u"COMPLETED"_s);
    QVERIFY(o.value(u"virtual_ns"_s).toDouble() >= 950e6);
    QVERIFY(o.value(u"metrics"_s).toObject().value(u"rt_throttle_events"_s).toDouble() >= 1);
}

// V4 on s2-mixed under lru-cache-disable: with non-preemptible RCU the
// spinner withholds the grace period; preemptible RCU reports at once, and
// with no batch pending on the spinner's CPU the run completes.
void TestCli::rcuFlavourDecidesV4()
{
    const Result hang = run({u"run"_s, u"s2-mixed"_s, u"--fix"_s, u"lru-cache-disable"_s,
            u"--rcu"_s, u"non-preemptible"_s, u"--json"_s});
    QVERIFY2(hang.exitCode == 0, hang.err.constData());
    QCOMPARE(json(hang).object().value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(json(hang).object().value(u"rcu"_s).toString(), u"non-preemptible"_s);
    const Result done = run({u"run"_s, u"s2-mixed"_s, u"--fix"_s, u"lru-cache-disable"_s,
            u"--rcu"_s, u"preemptible"_s, u"--json"_s});
    QVERIFY2(done.exitCode == 0, done.err.constData());
    QCOMPARE(json(done).object().value(u"verdict"_s).toString(), u"COMPLETED"_s);
    const Result text = run({u"run"_s, u"l1"_s, u"--preempt"_s, u"full"_s});
    QVERIFY2(text.out.startsWith("COMPLETED  l1  baseline  preempt=full  rcu=preemptible  "),
            text.out.constData());
}

void TestCli::rcuFlavourBadInput()
{
    const Result bogus = run({u"run"_s, u"l1"_s, u"--rcu"_s, u"tree"_s});
    QCOMPARE(bogus.exitCode, 2);
    QVERIFY2(bogus.err.contains("--rcu") && bogus.err.contains("preemptible, non-preemptible"),
            bogus.err.constData());
    const Result rt
            = run({u"run"_s, u"l1"_s, u"--preempt"_s, u"rt"_s, u"--rcu"_s, u"non-preemptible"_s});
    QCOMPARE(rt.exitCode, 2);
    QVERIFY2(rt.err.contains("PREEMPT_RT"), rt.err.constData());
    const Result matrix = run({u"matrix"_s, u"--rcu"_s, u"classic"_s});
    QCOMPARE(matrix.exitCode, 2);
    const Result compare = run({u"compare"_s, u"l1"_s, u"--fix"_s, u"baseline"_s, u"--fix"_s,
            u"wait-on-unlock"_s, u"--rcu"_s, u"x"_s});
    QCOMPARE(compare.exitCode, 2);
}

void TestCli::rcuFlavourIsAMatrixDimensionAndSurvivesReplay()
{
    const Result m = run({u"matrix"_s, u"--scenario"_s, u"s2-mixed"_s, u"--preempt"_s,
            u"voluntary"_s, u"--preempt"_s, u"rt"_s, u"--rcu"_s, u"non-preemptible"_s, u"--rcu"_s,
            u"preemptible"_s, u"--fix"_s, u"lru-cache-disable"_s, u"--json"_s});
    QVERIFY2(m.exitCode == 0, m.err.constData());
    const QJsonArray cells = json(m).array();
    QCOMPARE(cells.size(), 3); // rt with non-preemptible RCU is skipped with a note
    QVERIFY2(m.err.contains("PREEMPT_RT"), m.err.constData());
    QCOMPARE(cells[0].toObject().value(u"rcu"_s).toString(), u"non-preemptible"_s);
    QCOMPARE(cells[0].toObject().value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(cells[1].toObject().value(u"rcu"_s).toString(), u"preemptible"_s);
    QCOMPARE(cells[1].toObject().value(u"verdict"_s).toString(), u"COMPLETED"_s);
    QCOMPARE(cells[2].toObject().value(u"preempt"_s).toString(), u"rt"_s);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"run.flab"_s);
    const Result saved = run({u"run"_s, u"s2-mixed"_s, u"--fix"_s, u"lru-cache-disable"_s,
            u"--rcu"_s, u"preemptible"_s, u"--save-replay"_s, path, u"--json"_s});
    QVERIFY2(saved.exitCode == 0, saved.err.constData());
    const Result replayed = run({u"run"_s, u"--replay"_s, path, u"--json"_s});
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    QCOMPARE(json(replayed).object().value(u"rcu"_s).toString(), u"preemptible"_s);
    QCOMPARE(json(replayed).object().value(u"trace_hash"_s).toString(),
            json(saved).object().value(u"trace_hash"_s).toString());
}

void TestCli::scheduleSaveCheckAndReplay()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"l1.sched"_s);
    const Result saved = run({u"run"_s, u"l1"_s, u"--save-replay"_s, path, u"--json"_s});
    QVERIFY2(saved.exitCode == 0, saved.err.constData());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY2(text.contains("Result: LIVELOCK") && text.contains("CPU1 T swap.trylock"),
            text.left(400).constData());
    const Result check = run({u"check"_s, path});
    QVERIFY2(check.exitCode == 0, check.err.constData());
    QVERIFY2(check.out.startsWith("PASS  "), check.out.constData());
    // run --replay reads the words back: the same run, the same trace.
    const Result replayed = run({u"run"_s, u"--replay"_s, path, u"--json"_s});
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    QCOMPARE(json(replayed).object().value(u"trace_hash"_s).toString(),
            json(saved).object().value(u"trace_hash"_s).toString());
    // explore --out FILE.sched writes a lasso that checks too.
    const QString lasso = dir.filePath(u"lasso.sched"_s);
    const Result explored = run({u"explore"_s, u"l1"_s, u"--quiet"_s, u"--out"_s, lasso});
    QVERIFY2(explored.exitCode == 0, explored.err.constData());
    const Result lassoCheck = run({u"check"_s, lasso});
    QVERIFY2(lassoCheck.exitCode == 0, lassoCheck.err.constData());
    QVERIFY2(lassoCheck.out.contains("LIVELOCK"), lassoCheck.out.constData());
}

void TestCli::checkExitStatuses()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString good = dir.filePath(u"good.sched"_s);
    QVERIFY(run({u"run"_s, u"l1"_s, u"--fix"_s, u"wait-on-unlock"_s, u"--save-replay"_s, good})
                    .exitCode
            == 0);
    QFile in(good);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray text = in.readAll();
    in.close();
    const QString wrong = dir.filePath(u"wrong.sched"_s);
    QFile out(wrong);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray(text).replace("Result: COMPLETED", "Result: LIVELOCK"));
    out.close();
    const QString bad = dir.filePath(u"bad.sched"_s);
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("scenario: l1\nResult: LIVELOCK\nCPU1 T nonsense\n");
    b.close();

    QCOMPARE(run({u"check"_s, good}).exitCode, 0);
    const Result failed = run({u"check"_s, good, wrong});
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.out.contains("FAIL  ") && failed.err.contains("expected Result: LIVELOCK"),
            failed.err.constData());
    const Result malformed = run({u"check"_s, good, wrong, bad});
    QCOMPARE(malformed.exitCode, 2);
    QVERIFY2(malformed.err.contains("bad.sched:3:8: error: unknown step"),
            malformed.err.constData());
    QCOMPARE(run({u"check"_s}).exitCode, 2);
    QCOMPARE(run({u"check"_s, dir.filePath(u"missing.sched"_s)}).exitCode, 2);
    // An old TOML replay file still replays.
    const QString flab = dir.filePath(u"old.flab"_s);
    QVERIFY(run({u"run"_s, u"l1"_s, u"--save-replay"_s, flab}).exitCode == 0);
    const Result old = run({u"run"_s, u"--replay"_s, flab});
    QVERIFY2(old.exitCode == 0 && old.out.startsWith("LIVELOCK"), old.err.constData());
}

void TestCli::reportFitsAMail()
{
    for (const QStringList &args :
            {QStringList {u"report"_s, u"l1"_s}, QStringList {u"report"_s, u"l1"_s,
                                                          u"--compare"_s, u"wait-on-unlock"_s}}) {
        const Result r = run(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        for (const QString &line : text.split(u'\n'))
            QVERIFY2(line.size() <= 72, qPrintable(line));
        QVERIFY2(text.contains(u"LIVELOCK"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Reproduce:"_s), qPrintable(text));
    }
    const Result compare = run({u"report"_s, u"l1"_s, u"--compare"_s, u"wait-on-unlock"_s});
    QVERIFY2(compare.out.contains("First divergence at step")
                    && compare.out.contains("foliolab compare l1 --fix baseline --fix")
                    && compare.out.contains("wait-on-unlock"),
            compare.out.constData());
    const Result markdown = run({u"report"_s, u"l1"_s, u"--markdown"_s});
    QVERIFY2(markdown.out.startsWith("### FolioLab: l1") && markdown.out.contains("| metric |")
                    && markdown.out.contains("```sh\nfoliolab run l1"),
            markdown.out.constData());
    QCOMPARE(run({u"report"_s, u"l1"_s, u"--compare"_s, u"bogus"_s}).exitCode, 2);
}

// run --trace: the Chrome Trace Event format as Perfetto reads it: metadata
// names every track, complete slices never overlap on a track, timestamps
// never go back, every task has a track, the run's set-up is metadata.
void TestCli::traceFollowsTheTraceEventFormat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"l1.json"_s);
    const QString svg = dir.filePath(u"l1.svg"_s);
    const Result r = run({u"run"_s, u"l1"_s, u"--trace"_s, path, u"--svg"_s, svg});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    const QJsonObject meta = root.value(u"metadata"_s).toObject();
    QCOMPARE(meta.value(u"scenario"_s).toString(), u"l1"_s);
    QCOMPARE(meta.value(u"verdict"_s).toString(), u"LIVELOCK"_s);
    QCOMPARE(meta.value(u"preempt"_s).toString(), u"voluntary"_s);
    QCOMPARE(meta.value(u"fixes"_s).toString(), u"baseline"_s);

    const QJsonArray events = root.value(u"traceEvents"_s).toArray();
    QSet<QString> taskTracks;
    QMap<QPair<int, int>, double> trackEnd;
    double lastTs = -1;
    int slices = 0, instants = 0, counters = 0;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString ph = e.value(u"ph"_s).toString();
        QVERIFY2(QStringList({u"M"_s, u"X"_s, u"i"_s, u"C"_s}).contains(ph), qPrintable(ph));
        if (ph == u"M") {
            if (e.value(u"pid"_s).toInt() == 2 && e.value(u"name"_s).toString() == u"thread_name")
                taskTracks.insert(e.value(u"args"_s).toObject().value(u"name"_s).toString());
            continue;
        }
        const double ts = e.value(u"ts"_s).toDouble();
        QVERIFY2(ts >= lastTs, "timestamps go back");
        lastTs = ts;
        if (ph == u"X") {
            ++slices;
            const QPair<int, int> track {e.value(u"pid"_s).toInt(), e.value(u"tid"_s).toInt()};
            QVERIFY2(ts >= trackEnd.value(track, 0) - 1e-9, "slices overlap on a track");
            trackEnd[track] = ts + e.value(u"dur"_s).toDouble();
        }
        instants += ph == u"i";
        counters += ph == u"C";
    }
    for (const char *task : {"M (migrator)", "T (hmm-faulter)", "X (drainer)", "K1 (kworker)"})
        QVERIFY2(taskTracks.contains(QLatin1String(task)), task);
    QVERIFY(slices > 5);
    QVERIFY(instants > 0);
    QVERIFY(counters > 2);
    QVERIFY(QFileInfo(svg).size() > 1000);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
