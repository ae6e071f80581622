// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/machine.h"

#include <cstdint>

// When a CPU owes an expedited RCU grace period a quiescent state, and when
// it reports it (rcu_exp_handler() and rcu_all_qs(), kernel/rcu/tree_exp.h
// and tree_plugin.h). One place for the rules, so that the flavour knob
// ([machine] rcu) means the same to lru_cache_disable() and to the engine.
namespace fl {

// Does the kernel track preempt_count? FULL and RT always do, and so does
// every kernel with preemptible RCU (PREEMPT_DYNAMIC, whatever it booted
// with); a static NONE/VOLUNTARY build with non-preemptible RCU does not.
bool tracksPreemptCount(const Machine &m);

// At the IPI: does CPU `c`'s handler report a quiescent state at once? Only
// when the kernel can see that the CPU is outside any preempt-disabled
// region (here: holding or spinning on a PTL). Otherwise it sets
// need_resched and the CPU reports later (rcuReportsAfterStep).
bool rcuReportsAtIpi(const Machine &m, CpuId c);

// After a step on CPU `c` that owes the grace period a quiescent state:
// does it report now? `switched` is true when the CPU changed task (a
// context switch is always a quiescent state); `stepFlags` are the
// StepFlag bits of the kernel step that ran (0 for scheduler work).
// Preemptible RCU, or PREEMPT_COUNT: the deferred report comes once the CPU
// is outside the PTL (the model reports at that step rather than at the
// next tick: earlier by less than a tick, which no verdict depends on).
// Non-preemptible RCU without PREEMPT_COUNT: a context switch, an explicit
// cond_resched(), or under VOLUNTARY a might_sleep() point (which is a
// cond_resched() there), each through rcu_all_qs().
bool rcuReportsAfterStep(const Machine &m, CpuId c, bool switched, std::uint8_t stepFlags);

} // namespace fl
