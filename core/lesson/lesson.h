// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "lesson/predicate.h"
#include "scenario/scenario_spec.h"

#include <cstdint>
#include <string>
#include <vector>

// A lesson as read from its TOML file (format: lessons/README.md, "Lesson
// format"): the story, the scenario it plays on, what the learner may change,
// the goals the app checks, and a reference solution that reaches them all.
// Every name is already resolved and checked by the parser (lesson_toml.h).
namespace fl {

// Where something was written, for messages ("FILE:LINE:COL").
struct SourcePos
{
    int line = 0;
    int column = 0;
};

struct LessonSection
{
    std::string title;
    std::string text;
};

struct Goal
{
    std::string id; // unique in the lesson
    std::string text; // what the learner reads
    std::string hint; // optional, shown on request
    Predicate predicate;
    SourcePos pos; // the [[goal]] header
};

// One step of the reference solution (or one thing a player's learner does).
struct Action
{
    enum class Kind : std::uint8_t {
        StepTask, // let `task` act `times` times
        StepCpu, // step CPU `cpu` `times` times
        RunVerdict, // the timed chooser until the detector gives a verdict (F6)
        RunGoal, // the timed chooser until goal `goal` is met (or a verdict)
        RunSteps, // the timed chooser's next choice, `times` times (F5 each)
        ToggleFix, // switch `name` on or off, replay the choices so far
        SetPreempt, // change the preemption model to `name`, replay
        Reset, // back to the initial state; fixes and model are kept
        Explore, // the explorer searches every schedule from the initial state
    };
    Kind kind = Kind::RunSteps;
    TaskId task = NoTask;
    CpuId cpu = NoCpu;
    std::uint64_t times = 1;
    // RunVerdict, RunGoal: a bound on the run's steps (0: the runner's);
    // Explore: a bound on the states (0: the session's default).
    std::uint64_t maxSteps = 0;
    std::size_t goal = 0;
    std::string name;
    SourcePos pos;
    std::string text; // as written, e.g. `step = "T", times = 3`, for messages
};

struct Lesson
{
    std::string file; // path or "builtin:..." for messages
    std::string title;
    int level = 1; // 1 (first principles) .. 5 (review)
    int minutes = 10; // how long a class needs for it
    ScenarioSpec scenario;
    std::vector<std::string> startFixes; // the fix set at the start (names; empty = baseline)
    std::string startPreempt; // the preemption model at the start
    std::vector<std::string> toggles; // fixes the learner may switch on and off
    std::vector<std::string> preemptModels; // models the learner may choose (incl. the start one)
    std::uint64_t seed = 1; // of the timed chooser
    std::vector<LessonSection> sections;
    std::vector<std::string> hints;
    std::vector<Goal> goals;
    std::vector<Action> solution;
    std::vector<EventFilter> eventFilters; // the counters the goals' event predicates read

    // Display names of the scenario's tasks and folios, by id (as the builder
    // assigns them), for messages.
    std::vector<std::string> taskNames;
    std::vector<std::string> folioNames;
};

} // namespace fl
