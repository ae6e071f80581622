// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

// How the machine's list models take the rows they rebuilt from a new state:
// a reset when the number of rows changes, otherwise one dataChanged per row
// that differs, so views repaint only what moved. `reset(assign)` wraps
// assign() in beginResetModel()/endResetModel(); `changed(i, was, now)` is
// called after row i took its new value, to emit dataChanged.
template<typename Row, typename Reset, typename Changed>
void replaceRows(std::vector<Row> &rows, std::vector<Row> next, Reset reset, Changed changed)
{
    if (next.size() != rows.size()) {
        reset([&] { rows = std::move(next); });
        return;
    }
    for (std::size_t i = 0; i < next.size(); ++i) {
        if (next[i] == rows[i])
            continue;
        const Row was = std::exchange(rows[i], std::move(next[i]));
        changed(i, was, rows[i]);
    }
}
