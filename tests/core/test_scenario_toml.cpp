// SPDX-License-Identifier: GPL-2.0-only
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace fl;

namespace {

// The smallest scenario the parser accepts; tests append to it.
const std::string kMinimal = "name = \"t\"\n" // 1
                             "[[mm]]\n" // 2
                             "name = \"A\"\n"; // 3

ScenarioError parseError(const std::string &text, const std::string &file = "test.toml")
{
    try {
        parseScenario(text, file);
    } catch (const ScenarioError &error) {
        return error;
    }
    ADD_FAILURE() << "no ScenarioError for:\n" << text;
    return ScenarioError(file, -1, -1, "(not thrown)");
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

const FolioSpec *folio(const ScenarioSpec &spec, const std::string &name)
{
    for (const FolioSpec &f : spec.folios)
        if (f.name == name)
            return &f;
    return nullptr;
}

const TaskSpec *task(const ScenarioSpec &spec, const std::string &name)
{
    for (const TaskSpec &t : spec.tasks)
        if (t.name == name)
            return &t;
    return nullptr;
}

std::vector<std::string> mappersOf(const ScenarioSpec &spec, const std::string &folioName)
{
    std::vector<std::string> out;
    for (const MappingSpec &m : spec.mappings)
        if (m.folio == folioName)
            out.push_back(m.mm + ":" + std::to_string(m.va));
    std::sort(out.begin(), out.end());
    return out;
}

// A file that removes itself, for the loadScenario() path tests.
class TempFile
{
public:
    explicit TempFile(const std::string &text)
    {
        m_path = (std::filesystem::temp_directory_path()
                / ("fl_scenario_" + std::to_string(::getpid()) + "_" + std::to_string(s_counter++)
                        + ".toml"))
                         .string();
        std::ofstream(m_path) << text;
    }
    ~TempFile() { std::remove(m_path.c_str()); }
    const std::string &path() const { return m_path; }

private:
    static inline int s_counter = 0;
    std::string m_path;
};

} // namespace

// --- built-in scenarios ---------------------------------------------------

TEST(ScenarioBuiltins, ListedInLessonOrderWithSummaries)
{
    const std::vector<BuiltinScenario> builtins = builtinScenarios();
    ASSERT_GE(builtins.size(), 6u);
    const char *expected[]
            = {"l1", "l1-rt", "l1-single", "l1-emptybatch", "s2-storm", "s2-storm-mutex"};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(builtins[i].name, expected[i]);
        EXPECT_FALSE(builtins[i].description.empty()) << builtins[i].name;
        // Only the first line of the description, for one-line listings.
        EXPECT_FALSE(contains(builtins[i].description, "\n")) << builtins[i].name;
    }
    for (std::size_t i = 7; i < builtins.size(); ++i)
        EXPECT_LT(builtins[i - 1].name, builtins[i].name);
}

TEST(ScenarioBuiltins, EveryBuiltinParsesAndNamesItself)
{
    for (const BuiltinScenario &builtin : builtinScenarios()) {
        SCOPED_TRACE(builtin.name);
        const std::string text = builtinScenarioText(builtin.name);
        ASSERT_FALSE(text.empty());
        ScenarioSpec spec;
        ASSERT_NO_THROW(spec = parseScenario(text, builtin.name + ".toml"));
        EXPECT_EQ(spec.name, builtin.name);
        EXPECT_FALSE(spec.title.empty());
        EXPECT_EQ(spec.description.substr(0, builtin.description.size()), builtin.description);
    }
}

TEST(ScenarioBuiltins, UnknownNameHasNoText)
{
    EXPECT_EQ(builtinScenarioText("no-such-scenario"), "");
    EXPECT_TRUE(contains(builtinScenarioText("l1"), "name = \"l1\""));
}

TEST(ScenarioBuiltins, L1IsTheCanonicalSetUp)
{
    const ScenarioSpec spec = loadScenario("l1");
    EXPECT_EQ(spec.sourcePath, "builtin:l1");
    EXPECT_EQ(spec.cpus, 4);
    EXPECT_EQ(spec.preempt, "voluntary");
    EXPECT_EQ(spec.hz, 250);
    EXPECT_EQ(spec.fixes, std::vector<std::string> {"baseline"});

    ASSERT_EQ(spec.gpus.size(), 2u);
    EXPECT_EQ(spec.gpus[0].name, "GPU-1");
    EXPECT_EQ(spec.gpus[1].name, "GPU-2");
    EXPECT_EQ(spec.gpus[0].owner, "xe-pagemap");
    EXPECT_EQ(spec.gpus[1].owner, "xe-pagemap");
    EXPECT_EQ(spec.gpus[0].driver, "xe");

    ASSERT_EQ(spec.mms.size(), 2u);
    EXPECT_EQ(spec.mms[0].mirrorOwner, "xe-pagemap");
    EXPECT_EQ(spec.mms[1].mirrorOwner, "gpu2-mirror");

    const FolioSpec *s = folio(spec, "S");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->kind, "system");
    EXPECT_EQ(s->location, "batch");
    EXPECT_EQ(s->batchCpu, 1);
    const FolioSpec *d = folio(spec, "D");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, "device-private");
    EXPECT_EQ(d->gpu, "GPU-1");
    EXPECT_FALSE(d->free);
    for (const char *name : {"R1", "R2", "R3"}) {
        ASSERT_NE(folio(spec, name), nullptr) << name;
        EXPECT_TRUE(folio(spec, name)->free) << name;
        EXPECT_EQ(folio(spec, name)->kind, "system") << name;
    }
    for (const char *name : {"V1", "V2"}) {
        ASSERT_NE(folio(spec, name), nullptr) << name;
        EXPECT_TRUE(folio(spec, name)->free) << name;
        EXPECT_EQ(folio(spec, name)->gpu, "GPU-2") << name;
    }
    EXPECT_EQ(mappersOf(spec, "D"), (std::vector<std::string> {"A:1", "B:1"}));
    EXPECT_EQ(mappersOf(spec, "S"), std::vector<std::string> {"A:0"});

    ASSERT_EQ(spec.tasks.size(), 3u);
    const TaskSpec *m = task(spec, "M");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->role, "migrator");
    EXPECT_EQ(m->cpu, 0);
    EXPECT_EQ(m->mm, "A");
    EXPECT_EQ(m->rangeStart, 0);
    EXPECT_EQ(m->rangeEnd, 2);
    EXPECT_EQ(m->targetGpu, "GPU-2");
    const TaskSpec *t = task(spec, "T");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->role, "hmm-faulter");
    EXPECT_EQ(t->cpu, 1);
    EXPECT_EQ(t->mm, "B");
    EXPECT_EQ(t->owner, "gpu2-mirror");
    EXPECT_EQ(t->schedClass, "fair");
    EXPECT_EQ(t->rangeStart, 0);
    EXPECT_EQ(t->rangeEnd, 2);
    const TaskSpec *x = task(spec, "X");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->role, "drainer");
    EXPECT_EQ(x->cpu, 2);
    EXPECT_EQ(x->startNs, 20000);
}

TEST(ScenarioBuiltins, L1RtMakesTheSpinnerFifo)
{
    const ScenarioSpec spec = loadScenario("l1-rt");
    const TaskSpec *t = task(spec, "T");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->schedClass, "fifo");
    EXPECT_EQ(t->priority, 50);
    EXPECT_EQ(task(spec, "M")->schedClass, "fair");
    EXPECT_EQ(mappersOf(spec, "D"), (std::vector<std::string> {"A:1", "B:1"}));
}

TEST(ScenarioBuiltins, L1SingleMapsTheDevicePageOnce)
{
    const ScenarioSpec spec = loadScenario("l1-single");
    EXPECT_EQ(mappersOf(spec, "D"), std::vector<std::string> {"A:1"});
    const TaskSpec *t = task(spec, "T");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->mm, "A");
    EXPECT_EQ(t->rangeStart, 1);
    EXPECT_EQ(t->rangeEnd, 2);
    EXPECT_EQ(t->startNs, 3000);
}

TEST(ScenarioBuiltins, L1EmptyBatchMovesSAwayFromTheSpinner)
{
    const ScenarioSpec spec = loadScenario("l1-emptybatch");
    ASSERT_NE(folio(spec, "S"), nullptr);
    EXPECT_EQ(folio(spec, "S")->batchCpu, 3);
    const TaskSpec *t = task(spec, "T");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->cpu, 1);
    EXPECT_EQ(t->mm, "B");
    EXPECT_EQ(t->rangeStart, 1);
    EXPECT_EQ(t->rangeEnd, 2);
    EXPECT_EQ(t->startNs, 3000);
    EXPECT_EQ(mappersOf(spec, "D"), (std::vector<std::string> {"A:1", "B:1"}));
}

TEST(ScenarioBuiltins, StormsHaveEightStaggeredFaulters)
{
    for (const char *name : {"s2-storm", "s2-storm-mutex"}) {
        SCOPED_TRACE(name);
        const ScenarioSpec spec = loadScenario(name);
        EXPECT_EQ(spec.cpus, 8);
        ASSERT_EQ(spec.gpus.size(), 1u);
        EXPECT_EQ(spec.gpus[0].driver, std::string(name) == "s2-storm" ? "xe" : "mutex");
        ASSERT_EQ(spec.mms.size(), 1u);
        EXPECT_EQ(spec.mms[0].mirrorOwner, "");
        EXPECT_EQ(mappersOf(spec, "D"), std::vector<std::string> {"A:0"});
        int freeRam = 0;
        for (const FolioSpec &f : spec.folios)
            freeRam += f.free && f.kind == "system";
        EXPECT_EQ(freeRam, 4);
        ASSERT_EQ(spec.tasks.size(), 8u);
        for (int i = 0; i < 8; ++i) {
            const TaskSpec &f = spec.tasks[i];
            EXPECT_EQ(f.name, "F" + std::to_string(i));
            EXPECT_EQ(f.role, "cpu-faulter");
            EXPECT_EQ(f.cpu, i);
            EXPECT_EQ(f.rangeStart, 0);
            EXPECT_EQ(f.rangeEnd, 1);
            EXPECT_EQ(f.startNs, 0);
        }
    }
}

// --- loading --------------------------------------------------------------

TEST(ScenarioLoad, FileSetsSourcePathAndNamesItInErrors)
{
    TempFile good(kMinimal);
    const ScenarioSpec spec = loadScenario(good.path());
    EXPECT_EQ(spec.name, "t");
    EXPECT_EQ(spec.sourcePath, good.path());

    TempFile bad(kMinimal + "[machine]\ncpus = 0\n"); // line 5
    try {
        loadScenario(bad.path());
        FAIL() << "no error";
    } catch (const ScenarioError &error) {
        EXPECT_EQ(error.file(), bad.path());
        EXPECT_EQ(error.line(), 5);
        EXPECT_EQ(error.column(), 8);
        EXPECT_EQ(std::string(error.what()),
                bad.path()
                        + ":5:8: error: [machine] 'cpus' = 0 is out of range; expected an "
                          "integer 1..8");
    }
}

TEST(ScenarioLoad, MissingFileListsTheBuiltins)
{
    const std::string path = "/nonexistent-dir/missing.toml";
    try {
        loadScenario(path);
        FAIL() << "no error";
    } catch (const ScenarioError &error) {
        EXPECT_EQ(error.file(), path);
        EXPECT_EQ(error.line(), 0);
        EXPECT_EQ(error.column(), 0);
        EXPECT_TRUE(contains(error.message(), "cannot open file: ")) << error.message();
        EXPECT_TRUE(contains(error.message(), "No such file or directory")) << error.message();
        EXPECT_TRUE(contains(error.message(), "l1, l1-rt, l1-single")) << error.message();
        EXPECT_EQ(std::string(error.what()), path + ": error: " + error.message());
    }
}

TEST(ScenarioLoad, DirectoryIsNotAScenario)
{
    const std::string dir = std::filesystem::temp_directory_path().string();
    try {
        loadScenario(dir);
        FAIL() << "no error";
    } catch (const ScenarioError &error) {
        EXPECT_EQ(error.line(), 0);
        EXPECT_TRUE(contains(error.message(), "cannot open file: ")) << error.message();
        EXPECT_TRUE(contains(error.message(), "directory")) << error.message();
        EXPECT_FALSE(contains(error.message(), "built-in")) << error.message();
    }
}

// --- accepted input and defaults ------------------------------------------

TEST(ScenarioParse, DefaultsFillWhatIsLeftOut)
{
    const ScenarioSpec spec = parseScenario(kMinimal
                    + "[[gpu]]\n"
                      "name = \"G\"\n"
                      "[[folio]]\n"
                      "name = \"P\"\n"
                      "[[folio]]\n"
                      "name = \"R\"\n"
                      "free = true\n"
                      "[[folio]]\n"
                      "name = \"V\"\n"
                      "kind = \"device-private\"\n"
                      "gpu = \"G\"\n"
                      "[[task]]\n"
                      "name = \"F\"\n"
                      "role = \"cpu-faulter\"\n"
                      "mm = \"A\"\n",
            "d.toml");
    EXPECT_EQ(spec.cpus, 4);
    EXPECT_EQ(spec.pagevecSize, 31);
    EXPECT_TRUE(spec.fixes.empty());
    EXPECT_EQ(spec.gpus.at(0).owner, "G");
    EXPECT_EQ(spec.gpus.at(0).driver, "xe");
    EXPECT_EQ(folio(spec, "P")->location, "lru");
    EXPECT_EQ(folio(spec, "R")->location, "none");
    EXPECT_EQ(folio(spec, "V")->location, "none");
    const TaskSpec &f = spec.tasks.at(0);
    EXPECT_EQ(f.cpu, 0);
    EXPECT_EQ(f.schedClass, "fair");
    EXPECT_EQ(f.priority, 0);
    EXPECT_EQ(f.rangeStart, 0);
    EXPECT_EQ(f.rangeEnd, 1);
    EXPECT_EQ(f.startNs, 0);
}

TEST(ScenarioParse, MachineDetectorAndCostsAreRead)
{
    const ScenarioSpec spec = parseScenario(kMinimal
                    + "[machine]\n"
                      "cpus = 2\n"
                      "preempt = \"rt\"\n"
                      "hz = 1000\n"
                      "pagevec_size = 15\n"
                      "wakeup_preemption = true\n"
                      "[detector]\n"
                      "no_progress_ms = 20\n"
                      "no_completion_ms = 1.5\n"
                      "[costs]\n"
                      "copy_page = 10_000_000_000\n"
                      "trylock = 0\n",
            "m.toml");
    EXPECT_EQ(spec.cpus, 2);
    EXPECT_EQ(spec.preempt, "rt");
    EXPECT_EQ(spec.hz, 1000);
    EXPECT_EQ(spec.pagevecSize, 15);
    EXPECT_TRUE(spec.wakeupPreemption);
    EXPECT_DOUBLE_EQ(spec.detector.noProgressMs, 20.0);
    EXPECT_DOUBLE_EQ(spec.detector.noCompletionMs, 1.5);
    EXPECT_EQ(spec.costs.size(), 2u);
    EXPECT_EQ(spec.costs.at("copy_page"), 10'000'000'000);
    EXPECT_EQ(spec.costs.at("trylock"), 0);
}

// --- errors ---------------------------------------------------------------

TEST(ScenarioErrors, SyntaxErrorHasItsPosition)
{
    const ScenarioError error = parseError("name = \"t\"\n" // 1
                                           "[machine]\n" // 2
                                           "cpus = = 4\n", // 3: the second '=' is column 8
            "syntax.toml");
    EXPECT_EQ(error.file(), "syntax.toml");
    EXPECT_EQ(error.line(), 3);
    EXPECT_EQ(error.column(), 8);
    EXPECT_FALSE(error.message().empty());
    EXPECT_TRUE(contains(error.what(), "syntax.toml:3:8: error: ")) << error.what();
}

TEST(ScenarioErrors, RedefinedKeyIsASyntaxError)
{
    const ScenarioError error = parseError("name = \"t\"\n"
                                           "name = \"u\"\n");
    EXPECT_EQ(error.line(), 2);
    EXPECT_TRUE(contains(error.message(), "name")) << error.message();
}

TEST(ScenarioErrors, CpuOutOfRange)
{
    const ScenarioError error = parseError(kMinimal
            + "[[task]]\n" // 4
              "name = \"X\"\n" // 5
              "role = \"drainer\"\n" // 6
              "cpu = 7\n"); // 7, value at column 7
    EXPECT_EQ(error.line(), 7);
    EXPECT_EQ(error.column(), 7);
    EXPECT_EQ(error.message(),
            "[[task]] 'cpu' = 7 is out of range; expected an integer 0..3 (the "
            "machine has 4 CPUs)");
    EXPECT_EQ(std::string(error.what()), "test.toml:7:7: error: " + error.message());
}

TEST(ScenarioErrors, CpuRangeFollowsTheMachine)
{
    const ScenarioError error = parseError("name = \"t\"\n"
                                           "[machine]\n"
                                           "cpus = 8\n"
                                           "[[mm]]\n"
                                           "name = \"A\"\n"
                                           "[[task]]\n"
                                           "name = \"X\"\n"
                                           "role = \"drainer\"\n"
                                           "cpu = 8\n"); // 9
    EXPECT_EQ(error.line(), 9);
    EXPECT_TRUE(contains(error.message(), "expected an integer 0..7 (the machine has 8 CPUs)"))
            << error.message();
    EXPECT_NO_THROW(parseScenario("name = \"t\"\n[machine]\ncpus = 8\n[[mm]]\nname = \"A\"\n"
                                  "[[task]]\nname = \"X\"\nrole = \"drainer\"\ncpu = 7\n",
            "ok.toml"));
}

TEST(ScenarioErrors, WrongTypeNamesBothTypes)
{
    const ScenarioError error = parseError(kMinimal
            + "[machine]\n" // 4
              "cpus = \"four\"\n"); // 5
    EXPECT_EQ(error.line(), 5);
    EXPECT_EQ(error.column(), 8);
    EXPECT_TRUE(contains(error.message(), "'cpus' is a string; expected an integer 1..8"))
            << error.message();
}

TEST(ScenarioErrors, UnknownKeyInAnEntry)
{
    const ScenarioError error = parseError(kMinimal
            + "[[folio]]\n" // 4
              "name = \"P\"\n" // 5
              "  colour = \"red\"\n"); // 6, key at column 3
    EXPECT_EQ(error.line(), 6);
    EXPECT_EQ(error.column(), 3);
    EXPECT_TRUE(contains(error.message(), "unknown key 'colour' in [[folio]]")) << error.message();
    EXPECT_TRUE(contains(
            error.message(), "expected one of: name, kind, gpu, location, batch_cpu, free"))
            << error.message();
}

TEST(ScenarioErrors, UnknownKeysAreReportedInFileOrder)
{
    // The table keeps keys sorted; the report must still name the first one
    // a reader meets.
    const ScenarioError error = parseError("zzz = 1\n" // 1
                                           "name = \"t\"\n" // 2
                                           "aaa = 2\n" // 3
                                           "[[mm]]\n"
                                           "name = \"A\"\n");
    EXPECT_EQ(error.line(), 1);
    EXPECT_EQ(error.column(), 1);
    EXPECT_TRUE(contains(error.message(), "unknown key 'zzz' at the top level")) << error.message();
    EXPECT_TRUE(contains(error.message(), "machine")) << error.message();
}

TEST(ScenarioErrors, UnknownFolioInAMapping)
{
    const ScenarioError error = parseError(kMinimal
            + "[[folio]]\n" // 4
              "name = \"S\"\n" // 5
              "[[mapping]]\n" // 6
              "mm = \"A\"\n" // 7
              "va = 0\n" // 8
              "folio = \"Q\"\n"); // 9, value at column 9
    EXPECT_EQ(error.line(), 9);
    EXPECT_EQ(error.column(), 9);
    EXPECT_EQ(
            error.message(), "[[mapping]] 'folio' = \"Q\" names no [[folio]]; expected one of: S");
}

TEST(ScenarioErrors, ReferenceToAFolioDefinedLaterIsFine)
{
    const ScenarioSpec spec = parseScenario(kMinimal
                    + "[[mapping]]\n"
                      "mm = \"A\"\n"
                      "va = 3\n"
                      "folio = \"S\"\n"
                      "[[folio]]\n"
                      "name = \"S\"\n",
            "later.toml");
    ASSERT_EQ(spec.mappings.size(), 1u);
    EXPECT_EQ(spec.mappings[0].va, 3);
}

TEST(ScenarioErrors, UnknownMmInATask)
{
    const ScenarioError error = parseError(kMinimal
            + "[[task]]\n" // 4
              "name = \"F\"\n" // 5
              "role = \"cpu-faulter\"\n" // 6
              "mm = \"Z\"\n"); // 7
    EXPECT_EQ(error.line(), 7);
    EXPECT_EQ(error.column(), 6);
    EXPECT_TRUE(contains(error.message(), "'mm' = \"Z\" names no [[mm]]; expected one of: A"))
            << error.message();
}

TEST(ScenarioErrors, MissingRequiredKeyPointsAtItsTable)
{
    const ScenarioError error = parseError(kMinimal
            + "\n" // 4
              "[[task]]\n" // 5
              "name = \"M\"\n" // 6
              "role = \"migrator\"\n" // 7
              "mm = \"A\"\n" // 8
              "range = [0, 2]\n"); // 9
    EXPECT_EQ(error.line(), 5);
    EXPECT_EQ(error.column(), 1);
    EXPECT_EQ(error.message(),
            "[[task]] is missing the required key 'target_gpu'; expected the "
            "name of the [[gpu]] to migrate into");
}

TEST(ScenarioErrors, MissingScenarioName)
{
    const ScenarioError error = parseError("title = \"x\"\n[[mm]]\nname = \"A\"\n");
    EXPECT_EQ(error.line(), 1);
    EXPECT_EQ(error.column(), 1);
    EXPECT_TRUE(contains(error.message(), "missing the required key 'name'")) << error.message();
}

TEST(ScenarioErrors, BadFixName)
{
    const ScenarioError error = parseError(kMinimal + "fixes = [\"baseline\", \"cond-reschd\"]\n");
    // TOML puts a key written after [[mm]] into that entry, so there it is
    // an unknown key; the fix list belongs before the first table.
    EXPECT_EQ(error.line(), 4);
    EXPECT_TRUE(contains(error.message(), "unknown key 'fixes' in [[mm]]")) << error.message();

    const ScenarioError fix = parseError("name = \"t\"\n" // 1
                                         "fixes = [\"baseline\", \"cond-reschd\"]\n" // 2
                                         "[[mm]]\n"
                                         "name = \"A\"\n");
    EXPECT_EQ(fix.line(), 2);
    EXPECT_EQ(fix.column(), 22);
    EXPECT_TRUE(contains(fix.message(), "unknown fix 'cond-reschd'")) << fix.message();
    EXPECT_TRUE(contains(fix.message(), "expected one of: baseline, pre-trylock, cond-resched"))
            << fix.message();
}

TEST(ScenarioErrors, ConflictingFixes)
{
    const ScenarioError error = parseError("name = \"t\"\n"
                                           "fixes = [\"pre-trylock\", \"wait-on-unlock\"]\n"
                                           "[[mm]]\n"
                                           "name = \"A\"\n");
    EXPECT_EQ(error.line(), 2);
    EXPECT_EQ(error.column(), 25);
    EXPECT_TRUE(contains(error.message(), "cannot be combined")) << error.message();
}

TEST(ScenarioErrors, BatchOverPagevecSize)
{
    const std::string head = "name = \"t\"\n" // 1
                             "[machine]\n" // 2
                             "pagevec_size = 2\n" // 3
                             "[[mm]]\n" // 4
                             "name = \"A\"\n"; // 5
    const auto batched = [](const char *name, int cpu) { // 4 lines each
        return std::string("[[folio]]\nname = \"") + name
                + "\"\nlocation = \"batch\"\nbatch_cpu = " + std::to_string(cpu) + "\n";
    };
    const std::string two = head + batched("a", 1) + batched("b", 1); // lines 6-13
    const ScenarioError error = parseError(two + batched("c", 1)); // lines 14-17
    EXPECT_EQ(error.line(), 17);
    EXPECT_EQ(error.column(), 13);
    EXPECT_TRUE(contains(error.message(), "3rd folio into CPU 1's batch")) << error.message();
    EXPECT_TRUE(contains(error.message(), "expected at most pagevec_size = 2")) << error.message();

    // Two are fine, and so are three spread over two CPUs.
    EXPECT_NO_THROW(parseScenario(two, "two.toml"));
    EXPECT_NO_THROW(parseScenario(two + batched("c", 2), "spread.toml"));
}

TEST(ScenarioErrors, BatchCpuRequiredForBatchAndForbiddenOtherwise)
{
    const ScenarioError missing = parseError(kMinimal
            + "[[folio]]\n" // 4
              "name = \"S\"\n"
              "location = \"batch\"\n");
    EXPECT_EQ(missing.line(), 4);
    EXPECT_TRUE(contains(missing.message(), "missing the required key 'batch_cpu'"))
            << missing.message();

    const ScenarioError stray = parseError(kMinimal
            + "[[folio]]\n"
              "name = \"S\"\n"
              "batch_cpu = 1\n"); // 6
    EXPECT_EQ(stray.line(), 6);
    EXPECT_EQ(stray.column(), 13);
    EXPECT_TRUE(contains(stray.message(), "'batch_cpu' is not allowed unless location = \"batch\""))
            << stray.message();
}

TEST(ScenarioErrors, FreeFolioCannotBeMappedOrBatched)
{
    const std::string freeFolio = kMinimal
            + "[[folio]]\n" // 4
              "name = \"R\"\n" // 5
              "free = true\n"; // 6
    const ScenarioError mapped = parseError(freeFolio
            + "[[mapping]]\n" // 7
              "mm = \"A\"\n" // 8
              "va = 0\n" // 9
              "folio = \"R\"\n"); // 10
    EXPECT_EQ(mapped.line(), 10);
    EXPECT_EQ(mapped.column(), 9);
    EXPECT_TRUE(contains(mapped.message(), "names a free folio")) << mapped.message();

    const ScenarioError batched = parseError(freeFolio + "location = \"batch\"\n"); // 7
    EXPECT_EQ(batched.line(), 7);
    EXPECT_EQ(batched.column(), 12);
    EXPECT_TRUE(contains(batched.message(), "expected \"none\"")) << batched.message();
}

TEST(ScenarioErrors, DeviceFolioNeedsAKnownGpu)
{
    const ScenarioError missing = parseError(kMinimal
            + "[[folio]]\n" // 4
              "name = \"D\"\n"
              "kind = \"device-private\"\n");
    EXPECT_EQ(missing.line(), 4);
    EXPECT_TRUE(contains(missing.message(), "missing the required key 'gpu'")) << missing.message();

    const ScenarioError unknown = parseError(kMinimal
            + "[[gpu]]\n"
              "name = \"GPU-1\"\n"
              "[[folio]]\n"
              "name = \"D\"\n"
              "kind = \"device-private\"\n"
              "gpu = \"GPU-9\"\n"); // 9
    EXPECT_EQ(unknown.line(), 9);
    EXPECT_EQ(unknown.column(), 7);
    EXPECT_TRUE(contains(unknown.message(), "names no [[gpu]]; expected one of: GPU-1"))
            << unknown.message();

    const ScenarioError onSystem = parseError(kMinimal
            + "[[gpu]]\n"
              "name = \"GPU-1\"\n"
              "[[folio]]\n"
              "name = \"S\"\n"
              "gpu = \"GPU-1\"\n"); // 8
    EXPECT_EQ(onSystem.line(), 8);
    EXPECT_TRUE(contains(onSystem.message(), "only a device-private folio has a GPU"))
            << onSystem.message();
}

TEST(ScenarioErrors, DuplicateNamesPointBack)
{
    const ScenarioError error = parseError(kMinimal
            + "[[mm]]\n" // 4
              "name = \"A\"\n"); // 5
    EXPECT_EQ(error.line(), 5);
    EXPECT_EQ(error.column(), 8);
    EXPECT_TRUE(contains(error.message(), "already used by the [[mm]] at line 3"))
            << error.message();
}

TEST(ScenarioErrors, DoubleMappingOfOnePage)
{
    const ScenarioError error = parseError(kMinimal
            + "[[folio]]\nname = \"S\"\n" // 4-5
              "[[mapping]]\nmm = \"A\"\nva = 2\nfolio = \"S\"\n" // 6-9
              "[[mapping]]\nmm = \"A\"\nva = 2\nfolio = \"S\"\n"); // 10-13
    EXPECT_EQ(error.line(), 12);
    EXPECT_EQ(error.column(), 6);
    EXPECT_TRUE(contains(error.message(), "already mapped by the [[mapping]] at line 6"))
            << error.message();
}

TEST(ScenarioErrors, TaskRoleRules)
{
    const std::string head = kMinimal + "[[task]]\nname = \"T\"\n"; // task at line 4
    struct Case
    {
        std::string body;
        int line;
        int column;
        std::string needle;
    };
    const Case cases[] = {
            {"role = \"spinner\"\n", 6, 8, "expected one of: hmm-faulter, cpu-faulter, migrator"},
            {"role = \"drainer\"\nmm = \"A\"\n", 7, 6, "not allowed for role drainer"},
            {"role = \"hmm-faulter\"\nmm = \"A\"\n", 4, 1, "missing the required key 'range'"},
            {"role = \"cpu-faulter\"\nmm = \"A\"\nrange = [2, 4]\n", 8, 9,
                    "expected exactly one page"},
            {"role = \"hmm-faulter\"\nmm = \"A\"\nrange = [3, 3]\n", 8, 9, "is empty"},
            {"role = \"hmm-faulter\"\nmm = \"A\"\nrange = [0, 9]\n", 8, 13,
                    "end = 9 is out of range"},
            {"role = \"hmm-faulter\"\nmm = \"A\"\nrange = [0]\n", 8, 9, "has 1 element"},
            {"role = \"migrator\"\nmm = \"A\"\nrange = [0, 2]\nowner = \"x\"\ntarget_gpu = \"G\"\n",
                    9, 9, "only a hmm-faulter has a dev_private_owner"},
            {"role = \"migrator\"\nmm = \"A\"\nrange = [0, 5]\ntarget_gpu = \"G\"\n", 8, 9,
                    "at most 4 pages"},
            {"role = \"hmm-faulter\"\nmm = \"A\"\nrange = [0, 1]\ntarget_gpu = \"G\"\n", 9, 14,
                    "only a migrator has a target GPU"},
            {"role = \"drainer\"\nclass = \"fifo\"\n", 4, 1, "missing the required key 'priority'"},
            {"role = \"drainer\"\nclass = \"rr\"\npriority = 100\n", 8, 12, "1..99"},
            {"role = \"drainer\"\npriority = 10\n", 7, 12, "a fair task has no RT priority"},
            {"role = \"drainer\"\nstart_ns = -1\n", 7, 12, "0..10000000000"},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.body);
        const ScenarioError error = parseError(head + c.body);
        EXPECT_EQ(error.line(), c.line);
        EXPECT_EQ(error.column(), c.column);
        EXPECT_TRUE(contains(error.message(), c.needle)) << error.message();
    }
}

TEST(ScenarioErrors, KworkerNamesAreReserved)
{
    const ScenarioError error = parseError(kMinimal
            + "[[task]]\n" // 4
              "name = \"K1\"\n" // 5
              "role = \"drainer\"\n");
    EXPECT_EQ(error.line(), 5);
    EXPECT_EQ(error.column(), 8);
    EXPECT_TRUE(contains(error.message(), "reserved for the per-CPU kworkers")) << error.message();
    EXPECT_NO_THROW(
            parseScenario(kMinimal + "[[task]]\nname = \"Kx\"\nrole = \"drainer\"\n", "ok.toml"));
}

TEST(ScenarioErrors, TooManyTasksForTheMachine)
{
    std::string text = kMinimal; // 3 lines
    // 4 CPUs leave 20 task slots; each task takes 3 lines.
    for (int i = 0; i < 21; ++i)
        text += "[[task]]\nname = \"D" + std::to_string(i) + "\"\nrole = \"drainer\"\n";
    const ScenarioError error = parseError(text);
    EXPECT_EQ(error.line(), 3 + 20 * 3 + 1);
    EXPECT_EQ(error.column(), 1);
    EXPECT_TRUE(contains(error.message(), "expected at most 20")) << error.message();
}

TEST(ScenarioErrors, MachineChoices)
{
    const ScenarioError preempt = parseError(kMinimal + "[machine]\npreempt = \"lazy\"\n"); // 5
    EXPECT_EQ(preempt.line(), 5);
    EXPECT_EQ(preempt.column(), 11);
    EXPECT_TRUE(contains(preempt.message(), "expected one of: none, voluntary, full, rt"))
            << preempt.message();

    const ScenarioError hz = parseError(kMinimal + "[machine]\nhz = 200\n");
    EXPECT_EQ(hz.line(), 5);
    EXPECT_EQ(hz.column(), 6);
    EXPECT_TRUE(contains(hz.message(), "expected one of 100, 250, 300, 1000")) << hz.message();

    const ScenarioError pagevec = parseError(kMinimal + "[machine]\npagevec_size = 32\n");
    EXPECT_TRUE(contains(pagevec.message(), "expected an integer 1..31")) << pagevec.message();
}

TEST(ScenarioErrors, DetectorAndCosts)
{
    const ScenarioError zero = parseError(kMinimal + "[detector]\nno_progress_ms = 0\n"); // 5
    EXPECT_EQ(zero.line(), 5);
    EXPECT_EQ(zero.column(), 18);
    EXPECT_TRUE(contains(zero.message(), "expected a number > 0 and <= 1000000")) << zero.message();

    const ScenarioError cost = parseError(kMinimal
            + "[costs]\n" // 4
              "copy_page = 5\n" // 5
              "copy_pages = 5\n"); // 6
    EXPECT_EQ(cost.line(), 6);
    EXPECT_EQ(cost.column(), 1);
    EXPECT_TRUE(contains(cost.message(), "unknown cost 'copy_pages'")) << cost.message();
    EXPECT_TRUE(contains(cost.message(), "copy_page, hmm_caller")) << cost.message();

    const ScenarioError big = parseError(kMinimal + "[costs]\ntick = 10_000_000_001\n");
    EXPECT_EQ(big.line(), 5);
    EXPECT_EQ(big.column(), 8);
    EXPECT_TRUE(contains(big.message(), "expected an integer 0..10000000000")) << big.message();
}

TEST(ScenarioErrors, StructureMustMatch)
{
    const ScenarioError noMm = parseError("name = \"t\"\n");
    EXPECT_EQ(noMm.line(), 1);
    EXPECT_TRUE(contains(noMm.message(), "no [[mm]]")) << noMm.message();

    const ScenarioError tableNotArray = parseError(kMinimal + "[gpu]\nname = \"G\"\n"); // 4
    EXPECT_EQ(tableNotArray.line(), 4);
    EXPECT_TRUE(
            contains(tableNotArray.message(), "expected an array of tables, written as [[gpu]]"))
            << tableNotArray.message();

    const ScenarioError tooManyGpus = parseError(
            kMinimal + "[[gpu]]\nname = \"a\"\n[[gpu]]\nname = \"b\"\n[[gpu]]\nname = \"c\"\n");
    EXPECT_EQ(tooManyGpus.line(), 8);
    EXPECT_TRUE(contains(tooManyGpus.message(), "expected at most 2")) << tooManyGpus.message();

    const ScenarioError emptyOwner = parseError(kMinimal + "[[gpu]]\nname = \"G\"\nowner = \"\"\n");
    EXPECT_EQ(emptyOwner.line(), 6);
    EXPECT_TRUE(contains(emptyOwner.message(), "non-empty pgmap owner")) << emptyOwner.message();
}
