// SPDX-License-Identifier: GPL-2.0-only
#include "units.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Units {

static QString trimmedDecimal(double value)
{
    QString s = QString::number(value, 'f', 3);
    // "12.500" reads as more precise than it is; "12.5" does not.
    while (s.endsWith(u'0'))
        s.chop(1);
    if (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

QString formatDuration(std::uint64_t ns)
{
    if (ns < 1'000)
        return u"%1 ns"_s.arg(ns);
    if (ns < 1'000'000)
        return u"%1 µs"_s.arg(trimmedDecimal(static_cast<double>(ns) / 1e3));
    if (ns < 1'000'000'000)
        return u"%1 ms"_s.arg(trimmedDecimal(static_cast<double>(ns) / 1e6));
    return u"%1 s"_s.arg(trimmedDecimal(static_cast<double>(ns) / 1e9));
}

std::optional<std::uint64_t> parseDuration(QStringView text)
{
    static const QRegularExpression pattern(uR"(^\s*(\d+)(?:\.(\d+))?\s*(ns|us|µs|ms|s)?\s*$)"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;

    const QStringView unit = match.capturedView(3);
    std::uint64_t scale = 1;
    if (unit == u"us" || unit == u"µs")
        scale = 1'000;
    else if (unit == u"ms")
        scale = 1'000'000;
    else if (unit == u"s")
        scale = 1'000'000'000;

    bool ok = false;
    const qulonglong whole = match.capturedView(1).toULongLong(&ok);
    if (!ok || whole > std::numeric_limits<std::uint64_t>::max() / scale)
        return std::nullopt;
    std::uint64_t ns = whole * scale;

    // The fraction goes through a double only for its own part, so "1500ns"
    // and "2s" stay exact.
    const QStringView fraction = match.capturedView(2);
    if (!fraction.isEmpty()) {
        const double frac = (u"0."_s + fraction.toString()).toDouble();
        const auto extra
                = static_cast<std::uint64_t>(std::llround(frac * static_cast<double>(scale)));
        if (extra > std::numeric_limits<std::uint64_t>::max() - ns)
            return std::nullopt;
        ns += extra;
    }
    if (ns == 0)
        return std::nullopt;
    return ns;
}

} // namespace Units
