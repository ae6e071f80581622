#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the schedule file of each claim of the thread (domain spec §5.3 and
# §5.5) that FolioLab reproduces: one run each, by its seed's chooser, saved
# in words with its verdict. CI checks them with `foliolab check`; after a
# deliberate change to the model, run this again and review the diff.
#   tests/schedules/regenerate.sh [path/to/foliolab]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
foliolab=${1:-$here/../../build/app/foliolab}

# name  scenario  fix set  preemption model
rows=(
    "l1-baseline-voluntary            l1             baseline                    voluntary"
    "l1-baseline-full                 l1             baseline                    full"
    "l1-rt-baseline-voluntary         l1-rt          baseline                    voluntary"
    "l1-rt-baseline-full              l1-rt          baseline                    full"
    "l1-single-baseline               l1-single      baseline                    voluntary"
    "l1-emptybatch-baseline           l1-emptybatch  baseline                    voluntary"
    "l1-cond-resched                  l1             cond-resched                voluntary"
    "l1-rt-cond-resched               l1-rt          cond-resched                voluntary"
    "l1-msleep                        l1             msleep                      voluntary"
    "l1-rt-msleep                     l1-rt          msleep                      voluntary"
    "l1-lru-cache-disable             l1             lru-cache-disable           voluntary"
    "s2-mixed-lru-cache-disable       s2-mixed       lru-cache-disable           voluntary"
    "l1-drain-backoff                 l1             drain-backoff               voluntary"
    "l1-drain-at-start                l1             drain-at-start              voluntary"
    "l1-drain-after-unmap             l1             drain-after-unmap           voluntary"
    "l1-sleeping-lock                 l1             sleeping-lock               voluntary"
    "l1-rt-sleeping-lock              l1-rt          sleeping-lock               voluntary"
    "l1-sleeping-lock-pincount-only   l1             sleeping-lock+pincount-only voluntary"
    "l1-migration-entry-in-fault      l1             migration-entry-in-fault    voluntary"
    "l1-single-migration-entry-in-fault l1-single    migration-entry-in-fault    voluntary"
    "l1-wait-on-unlock                l1             wait-on-unlock              voluntary"
    "l1-rt-wait-on-unlock             l1-rt          wait-on-unlock              voluntary"
    "s2-storm-baseline                s2-storm       baseline                    voluntary"
    "s2-storm-wait-on-unlock          s2-storm       wait-on-unlock              voluntary"
    "s2-storm-pre-trylock             s2-storm       pre-trylock                 voluntary"
    "s2-storm-mutex-pre-trylock       s2-storm-mutex pre-trylock                 voluntary"
    "s2-storm-sleeping-lock           s2-storm       sleeping-lock               voluntary"
)
for row in "${rows[@]}"; do
    read -r name scenario fixes preempt <<<"$row"
    "$foliolab" run "$scenario" --fix "$fixes" --preempt "$preempt" \
        --save-replay "$here/$name.sched" >/dev/null
done
# The explorer's shortest livelock of l1, a lasso that loops forever.
"$foliolab" explore l1 --quiet --out "$here/l1-baseline-lasso.sched" >/dev/null
echo "wrote $((${#rows[@]} + 1)) schedules to $here"
