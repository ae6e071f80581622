// SPDX-License-Identifier: GPL-2.0-only
// Issue 16 through the real executable: bad input gets a sentence and exit
// status 2, never a crash, a hang or a silent fallback.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

using namespace Qt::StringLiterals;

class TestCliHardening : public QObject
{
    Q_OBJECT

private slots:
    void noDisplayIsExplained();
    void largestSeedRoundTrips();
    void fixGivenTwiceIsRefused();
    void timedReplayWithImpossibleChoiceNamesIt();
    void endlessInputsAreRefused();
    void replayScenarioIsRelativeToTheReplay();
    void nonUtf8FileNameOpens();
    void maxMemoryBoundsTheProcess();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Result run(const QStringList &args, const QString &workDir = {});
};

TestCliHardening::Result TestCliHardening::run(const QStringList &args, const QString &workDir)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
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

// Fix 8: the window without a display aborted (SIGABRT).
void TestCliHardening::noDisplayIsExplained()
{
    for (const QStringList &args : {QStringList {}, QStringList {u"some-scenario.toml"_s}}) {
        const Result r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("needs a display"), r.err.constData());
        QVERIFY2(r.err.contains("xvfb-run"), r.err.constData());
        QVERIFY2(r.err.contains("foliolab run l1"), r.err.constData());
    }
}

// Fix 5: a run with the largest seed saves a replay that run --replay reads.
void TestCliHardening::largestSeedRoundTrips()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"r.flab"_s);
    const QString seed = u"18446744073709551615"_s;
    const Result first = run({u"run"_s, u"l1"_s, u"--seed"_s, seed, u"--save-replay"_s, file});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const Result again = run({u"run"_s, u"--replay"_s, file});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.out.contains("seed=" + seed.toUtf8()), again.out.constData());
    // Same verdict line both times.
    QCOMPARE(again.out.left(again.out.indexOf('\n')), first.out.left(first.out.indexOf('\n')));
}

void TestCliHardening::fixGivenTwiceIsRefused()
{
    for (const QStringList &fixes : {QStringList {u"--fix"_s, u"wait-on-unlock+wait-on-unlock"_s},
                 QStringList {u"--fix"_s, u"wait-on-unlock"_s, u"--fix"_s, u"wait-on-unlock"_s}}) {
        const Result r = run(QStringList {u"run"_s, u"l1"_s} + fixes);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("given twice"), r.err.constData());
    }
}

// Fix 5: the choice that does not fit stops the replay, by its index (it
// fell back to the chooser silently).
void TestCliHardening::timedReplayWithImpossibleChoiceNamesIt()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"r.flab"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("version = 1\nscenario = \"l1\"\nseed = 1\nchoices = [[0, -1], [1, -1], [7, -1]]\n");
    out.close();
    const Result r = run({u"run"_s, u"--replay"_s, file});
    QCOMPARE(r.exitCode, 2);
    // At the choice's place in the file (line 4, column 30).
    QVERIFY2(r.err.contains(file.toUtf8() + ":4:30: error: choice 2 ([7, -1]) is not possible"),
            r.err.constData());

    // A scenario the replay names that cannot be opened: at the 'scenario' value.
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write("version = 1\nscenario = \"missing.toml\"\nchoices = []\n");
    out.close();
    const Result missing = run({u"run"_s, u"--replay"_s, file});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(file.toUtf8() + ":2:12: error: scenario '"),
            missing.err.constData());
    QVERIFY2(missing.err.contains("cannot open file: No such file"), missing.err.constData());
}

// Fix 3: devices and FIFOs are refused at once (they were read without end).
void TestCliHardening::endlessInputsAreRefused()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(u"pipe.toml"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const QString &input : {u"/dev/zero"_s, u"/dev/urandom"_s, fifo}) {
        for (const QStringList &args :
                {QStringList {u"run"_s, input}, QStringList {u"run"_s, u"--replay"_s, input},
                        QStringList {u"lesson"_s, u"verify"_s, input}}) {
            const Result r = run(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        }
    }
}

// Fix 5: the README says a replay's scenario path is relative to the replay.
void TestCliHardening::replayScenarioIsRelativeToTheReplay()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"a/b"_s));
    const Result save
            = run({u"run"_s, u"l1-single"_s, u"--save-replay"_s, dir.filePath(u"a/b/r.flab"_s)});
    QCOMPARE(save.exitCode, 0);
    // A scenario file beside the replay, named relatively inside it.
    QVERIFY(QFile::copy(QStringLiteral(FOLIOLAB_SOURCE_DIR "/lessons/scenarios/l1-single.toml"),
            dir.filePath(u"a/b/mine.toml"_s)));
    QFile file(dir.filePath(u"a/b/r.flab"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    file.close();
    text.replace("scenario = \"l1-single\"", "scenario = \"mine.toml\"");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
    file.close();
    const Result r = run({u"run"_s, u"--replay"_s, u"a/b/r.flab"_s}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.left(r.out.indexOf(' ')), save.out.left(save.out.indexOf(' ')));
}

// Fix 8: a file name that is not UTF-8 opens.
void TestCliHardening::nonUtf8FileNameOpens()
{
    QTemporaryDir dir;
    const QByteArray name = QFile::encodeName(dir.path()) + "/sc\xe9nario.toml";
    QVERIFY(QFile::copy(QStringLiteral(FOLIOLAB_SOURCE_DIR "/lessons/scenarios/l1-single.toml"),
            dir.filePath(u"plain.toml"_s)));
    QCOMPARE(::rename(QFile::encodeName(dir.filePath(u"plain.toml"_s)).constData(),
                     name.constData()),
            0);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(env);
    // QProcess passes arguments as QString: go through a shell to hand over
    // the raw bytes.
    process.start(u"/bin/sh"_s,
            {u"-c"_s, u"exec \"$0\" run \"$(printf '%s/sc\\351nario.toml' \"$1\")\""_s,
                    QStringLiteral(FOLIOLAB_EXECUTABLE), dir.path()});
    QVERIFY(process.waitForFinished(60'000));
    const QByteArray err = process.readAllStandardError();
    ::unlink(name.constData()); // QTemporaryDir cannot name it
    QVERIFY2(process.exitCode() == 0, err.constData());
}

// Fix 7: --max-memory 50 peaked at 463 MiB (it counted the graph and the
// visited set only). The child's peak resident memory, from wait4().
void TestCliHardening::maxMemoryBoundsTheProcess()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's shadow memory and quarantine are outside any bound; the "
          "release build checks this");
#endif
    const QByteArray exe = FOLIOLAB_EXECUTABLE;
    const char *argv[] = {exe.constData(), "explore", "l1", "--preempt", "full", "--max-memory",
            "64", "--quiet", nullptr};
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    QCOMPARE(posix_spawn(&pid, argv[0], &actions, nullptr, const_cast<char **>(argv), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage {};
    QCOMPARE(::wait4(pid, &status, 0, &usage), pid);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    // ru_maxrss is in KiB.
    QVERIFY2(usage.ru_maxrss <= 64 * 1024, QByteArray::number(qint64(usage.ru_maxrss)).constData());
}

QTEST_GUILESS_MAIN(TestCliHardening)
#include "tst_cli_hardening.moc"
