// SPDX-License-Identifier: GPL-2.0-only
#include "cli/usage.h"

#include "cli/lesson_command.h"

using namespace Qt::StringLiterals;

namespace Cli {

QString usage()
{
    return uR"(Usage: foliolab [COMMAND] [OPTIONS]

FolioLab simulates the Linux mm hmm_range_fault() livelock and the fixes
proposed for it. Without a command it opens the window on scenario l1, or on
the scenario file given as the only argument.

Commands:
  run SCENARIO [OPTIONS]  run SCENARIO (a built-in name or a .toml file) until
                          a verdict; print the verdict, its explanation and
                          the metrics
  matrix [OPTIONS]        run scenarios x preemption models x fix sets (every
                          built-in x voluntary, full, rt x baseline and each
                          fix and combination by default) on all cores;
                          print one row per cell
  compare SCENARIO --fix A --fix B [OPTIONS]
                          run A, then B on A's schedule; print the first step
                          where they part, both verdicts and every metric
  explore SCENARIO [OPTIONS]
                          search every schedule (ticks and timers at any
                          moment); print LIVELOCK with the shortest stem and
                          a fair cycle, DEADLOCK, SAFETY, or OK with the
                          statistics of the whole bounded space
  check FILE...           replay each schedule file (.sched) step by step and
                          compare the outcome with its Result line: PASS or
                          FAIL with the first step that no longer applies
  report SCENARIO [OPTIONS]
                          run SCENARIO and print a block for a review mail
                          (72 columns): verdict, why, wait-for cycle, key
                          metrics and the command that reproduces it
  fixes [NAME]            list the fixes (who, when, summary, risks); with
                          NAME, also its step-level diff against baseline
  list                    list the built-in scenarios and the fixes
)"_s + lessonUsage()
            + uR"(
A fix set is "baseline", a fix name, or names joined by '+'
(e.g. sleeping-lock+pincount-only).

Options of run:
  --fix SET               switch a fix (or a fix set) on; repeat for several.
                          Replaces the scenario's fix list; "baseline" means
                          no fix
  --kernel VERSION        6.14 | 6.15 | 7.0: the fix set of that kernel
                          (pre-trylock, baseline, wait-on-unlock); not
                          together with --fix
  --preempt MODEL         none | voluntary | full | rt (default: the scenario's)
  --rcu FLAVOUR           preemptible | non-preemptible: the RCU build, which
                          decides whether a CPU spinning in the kernel holds
                          up an expedited grace period (default: the
                          scenario's, else non-preemptible under none and
                          voluntary, preemptible under full and rt)
  --seed N                seed of the runner's choices (default 1)
  --max-time DURATION     virtual-time limit, e.g. 500ms, 2s, 10us, 1500ns; a
                          plain number is nanoseconds (default 5s)
  --max-steps N           step limit (default 200000000)
  --replay FILE           replay a schedule written by 'explore --out' or the
                          window: the scenario, fixes and model come from the
                          file; an explorer lasso is checked to return to
                          its start state (no SCENARIO, --fix or --preempt)
  --save-replay FILE      write the run's schedule as a replay file; a name
                          ending in .sched writes it in words (check it with
                          'foliolab check')
  --trace FILE.json       write the run as a Chrome/Perfetto trace: a track per
                          CPU and per task, events, counters, metadata
  --svg FILE.svg          draw the run's swimlanes (CPUs, tasks, events) as SVG
  --rt-throttling         RT tasks may use 950 ms of each 1 s per CPU (off in
                          the built-in scenarios; a scenario may set it)
  --json                  print one JSON object instead of text

Options of matrix (each repeatable option adds a row value):
  --scenario NAME         a built-in name or a .toml file (default: every
                          built-in)
  --fix SET               a fix set (default: baseline, each fix alone and
                          the combinations of 'foliolab fixes')
  --kernel VERSION        adds the fix set of that kernel, as --fix would
  --preempt MODEL         default: voluntary, full and rt
  --rcu FLAVOUR           default: each model's own (rt is never paired with
                          non-preemptible)
  --seeds N               run seeds 1..N per cell (default 1); the verdict
                          reads "LIVELOCK 3/5, COMPLETED 2/5" when they
                          disagree, metrics are means over the seeds
  --jobs N                threads (default: every core)
  --max-time, --max-steps as for run
  --json                  print a JSON array of cells instead of the table
  --explore               also search every schedule of each cell (one search
                          per core): the explorer's verdict beside the runs'
                          ("LIVELOCK 54+8" = stem + cycle, "OK 355k" = states;
                          PARTIAL where the bound stopped it; REFUSED for a
                          workload that repeats its jobs, as explore does).
                          A cell that ends PARTIAL while a run of it
                          livelocked or deadlocked (the first such among
                          seeds 1 to 8, or to --seeds) takes that run's own
                          fair cycle, or is searched again from the state
                          the run reached, as explore --from-run: "LIVELOCK
                          run+0+8" is a bug found so
  --explore-states N      state bound of each cell's search (default 1000000)
  --first-bug             each cell's search stops at its first bug (as
                          explore --first-bug); the cell's note says so

Options of report:
  --fix SET, --kernel VERSION, --preempt MODEL, --rcu FLAVOUR, --seed N,
  --max-time, --max-steps  as for run
  --compare SET           also run SET on the same schedule: the first
                          divergence and the key metrics of both, with B - A
  --markdown              Markdown for an issue tracker instead of mail text

Options of compare:
  --fix SET, --kernel VERSION
                          exactly two in all, in order: A then B
  --preempt MODEL         for both runs (default: the scenario's)
  --rcu FLAVOUR           for both runs, as for run
  --seed N                seed of A's chooser (default 1)
  --max-time, --max-steps as for run
  --json                  print one JSON object instead of text

Options of explore:
  --fix SET, --kernel VERSION, --preempt MODEL, --rcu FLAVOUR
                          as for run
  --max-states N          stop after N states (default 20000000)
  --max-depth N           do not look deeper than N steps
  --max-memory MIB        stop before the process's resident memory reaches this
                          (default: half the machine's RAM); the search ends
                          PARTIAL with its statistics
  --out REPLAY            write the counterexample as a replay file (.sched:
                          in words, with its cycle marked)
  --threads N             worker threads (default: every core)
  --no-symmetry           store every state, not one per orbit of
                          interchangeable CPUs (to cross-check the reduction)
  --no-local-steps        store the states between a task's own bookkeeping
                          steps too (to cross-check that reduction)
  --first-bug             stop at the first bug met instead of searching on
                          for the most severe kind: SAFETY and DEADLOCK end
                          the search at once, and the fair-cycle check runs
                          on the states searched so far each time they
                          double (from 262144 to a quarter of --max-states),
                          so a LIVELOCK deep in a big space comes without
                          the rest of the space
  --from-run              run the runner first (seed --seed N; without it,
                          seed 1, or if that run completes the first of
                          seeds 2 to 8 whose run gets stuck):
                          a way into a space too big to search from the
                          start, where the run livelocks or deadlocks. A
                          livelocked run that goes round a fair cycle of the
                          untimed model is itself the lasso; else every
                          schedule from the state its run reached is
                          searched. --out writes the run's timed choices
                          before the counterexample (untimed_from; in a
                          .sched file, 'untimed:' after them), so
                          'run --replay' and 'check' check it from the
                          start; a run that completed is REFUSED
  --search-repeats        search a workload whose tasks repeat their jobs
                          (w-alloc) within the bounds; without it such a
                          workload is REFUSED, since every round multiplies
                          the schedules and its measure is the runner's
                          throughput metric
  --quiet                 no progress line on stderr
  --json                  print one JSON object: verdict, states, transitions,
                          depth, seconds, bytes_per_state (peak resident
                          memory per state; null when half of it was there
                          before the search), resident_before_bytes,
                          peak_rss_bytes, symmetry (the
                          group used, or "none"), symmetry_note,
                          reduced_states, local_steps, stopped_at_bug,
                          livelock_checks, stem_length,
                          cycle_length, stem, cycle, ...
  Ctrl+C stops the search and prints the verdict so far (PARTIAL unless
  something was found).

General options:
  -h, --help              show this help
  --version               show the version

Exit status:
  0  the command did its work (any verdict)
  1  internal error: the simulation broke one of its own invariants
  2  bad input: unknown command or option, bad option value, bad scenario
)"_s;
}

} // namespace Cli
