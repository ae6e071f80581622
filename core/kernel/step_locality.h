// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/steps.h"

namespace fl {

// Steps whose effect reads only the running task's own locals and its fixed
// job (range, owner, the fix set's listings) and writes only its locals, its
// return value and its program counter: control flow and bookkeeping such as
// drm_pagemap_migrate_to_ram()'s "nothing collected?" test or hmm_vma_fault()'s
// loop back. No other CPU, no scheduler decision and no wake-up reads what such
// a step writes, and nothing another CPU does changes what it does, so it
// commutes with every step of every other CPU. The explorer runs it at once,
// in the same transition as the step before it (explore/local_steps.h).
//
// Reviewed by reading each effect in kernel/paths/; the explorer checks every
// run of one that it merges (it may change nothing outside the task's locals)
// and fails loudly when one does.
bool stepIsTaskLocal(StepId id);

} // namespace fl
