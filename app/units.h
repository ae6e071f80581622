// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

// Virtual time as people read and type it. Shared by the command line and the
// window so both say "12.5 ms" for the same run.
namespace Units {

// "850 ns", "12.5 µs", "50 ms", "2.25 s": the largest unit that keeps the
// number >= 1, at most three decimals, trailing zeros dropped.
QString formatDuration(std::uint64_t ns);

// Parses "500ms", "2s", "10us" (or "10µs"), "1500ns", "1.5s"; a plain number is
// nanoseconds. Returns nullopt for anything else, a zero duration, or a value
// that does not fit in 64 bits of nanoseconds.
std::optional<std::uint64_t> parseDuration(QStringView text);

} // namespace Units
