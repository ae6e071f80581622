// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "lesson/predicate.h"
#include "lesson/toml_reader.h"

#include <string>
#include <string_view>
#include <vector>

// Reads one goal predicate (lessons/README.md, "Goals") from a TOML table,
// resolving task, folio and CPU names against the lesson's scenario.
namespace fl::lessontoml {

struct NameScope
{
    std::vector<std::string> tasks; // by TaskId, kworkers included
    std::vector<std::string> folios; // by FolioId
    int cpus = 0;
    std::vector<EventFilter> *filters = nullptr; // event counters, added to as predicates need them
};

// `extraKeys` belong to the enclosing table (a goal's id and text) and are
// allowed beside the predicate's own keys.
Predicate parsePredicate(
        const TableReader &table, const std::vector<std::string_view> &extraKeys, NameScope &scope);

TaskId resolveTask(const TableReader &table, std::string_view key, const NameScope &scope);
FolioId resolveFolio(const TableReader &table, std::string_view key, const NameScope &scope);

} // namespace fl::lessontoml
