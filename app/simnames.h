// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/folio_names.h"
#include "model/ids.h"

#include <QString>

#include <string_view>

namespace fl {
struct Setup;
struct Machine;
struct Task;
} // namespace fl

// The scenario's names for the machine's objects, and the small phrases every
// view shares, so a lane, a card and the listing say the same thing.
namespace SimNames {

QString fromView(std::string_view text);
QString task(const fl::Setup &setup, fl::TaskId id);
QString folio(const fl::Setup &setup, fl::FolioId id);
//! The page in slot `id` now: a slot freed and allocated again holds another
//! page, with a fresh name ("S2"; fl::folioName). `lives` null: the scenario's.
QString folio(const fl::Setup &setup, const fl::FolioLives *lives, fl::FolioId id);
QString mm(const fl::Setup &setup, fl::MmId id);
QString gpu(const fl::Setup &setup, fl::GpuId id);
//! Does the task spin on a folio lock? Not while it is on its way to sleep
//! after a failed trylock (wait-on-unlock queues a waiter first): that is
//! waiting, not spinning.
bool spinning(const fl::Setup &setup, const fl::Task &task);
//! "uninterruptible sleep: flush_work for CPU1", "spinning on D's lock", ...
QString taskState(const fl::Setup &setup, const fl::Machine &machine, fl::TaskId id,
        const fl::FolioLives *lives = nullptr);

} // namespace SimNames
