// SPDX-License-Identifier: GPL-2.0-only
#include "sched/rcu.h"

#include "kernel/steps.h"

namespace fl {

bool tracksPreemptCount(const Machine &m)
{
    return m.rcu == RcuFlavour::Preemptible || m.preempt == Preempt::Full
            || m.preempt == Preempt::Rt;
}

bool rcuReportsAtIpi(const Machine &m, CpuId c)
{
    const TaskId current = m.cpus[c].current;
    return current == NoTask || (tracksPreemptCount(m) && !inPtlSection(m, current));
}

bool rcuReportsAfterStep(const Machine &m, CpuId c, bool switched, std::uint8_t stepFlags)
{
    const TaskId current = m.cpus[c].current;
    if (switched || current == NoTask)
        return true;
    if (tracksPreemptCount(m))
        return !inPtlSection(m, current);
    if (stepFlags & FlagCondResched)
        return true;
    return m.preempt == Preempt::Voluntary && (stepFlags & FlagMightSleep);
}

} // namespace fl
