// SPDX-License-Identifier: GPL-2.0-only
#include "lesson/toml_reader.h"

#include <algorithm>
#include <cmath>

namespace fl::lessontoml {

SourcePos posOf(const toml::node &node)
{
    const toml::source_region &r = node.source();
    return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

SourcePos TableReader::pos() const
{
    return posOf(*m_table);
}

SourcePos TableReader::pos(std::string_view key) const
{
    const toml::node *node = find(key);
    return node ? posOf(*node) : pos();
}

std::string TableReader::label(std::string_view key) const
{
    const std::string q = "'" + std::string(key) + "'";
    return m_context.empty() ? q : m_context + " " + q;
}

void TableReader::fail(SourcePos at, const std::string &message) const
{
    throw ScenarioError(*m_file, at.line, at.column, message);
}

void TableReader::missing(std::string_view key, const std::string &expected) const
{
    const std::string what = m_context.empty() ? "the lesson" : m_context;
    fail(pos(),
            what + " is missing the required key '" + std::string(key) + "'; expected " + expected);
}

void TableReader::allowOnly(const std::vector<std::string_view> &allowed) const
{
    const toml::key *unknown = nullptr;
    for (auto &&[key, value] : *m_table) {
        (void)value;
        if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end())
            continue;
        const auto at = [](const toml::key &k) {
            return std::pair(k.source().begin.line, k.source().begin.column);
        };
        if (!unknown || at(key) < at(*unknown))
            unknown = &key;
    }
    if (!unknown)
        return;
    std::vector<std::string> names(allowed.begin(), allowed.end());
    const std::string where = m_context.empty() ? "at the top level" : "in " + m_context;
    const toml::source_region &r = unknown->source();
    fail({static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)},
            "unknown key '" + std::string(unknown->str()) + "' " + where
                    + "; expected one of: " + joined(names));
}

std::optional<std::string> TableReader::string(
        std::string_view key, const std::string &expected) const
{
    const toml::node *node = find(key);
    if (!node)
        return std::nullopt;
    if (!node->is_string())
        fail(posOf(*node), label(key) + " is " + typeName(*node) + "; expected " + expected);
    return node->as_string()->get();
}

std::string TableReader::requiredString(std::string_view key, const std::string &expected) const
{
    const std::optional<std::string> value = string(key, expected);
    if (!value)
        missing(key, expected);
    if (value->empty())
        fail(pos(key), label(key) + " is empty; expected " + expected);
    return *value;
}

std::optional<std::int64_t> TableReader::integer(
        std::string_view key, std::int64_t lo, std::int64_t hi) const
{
    const toml::node *node = find(key);
    if (!node)
        return std::nullopt;
    const std::string expected = "an integer " + std::to_string(lo) + ".." + std::to_string(hi);
    if (!node->is_integer())
        fail(posOf(*node), label(key) + " is " + typeName(*node) + "; expected " + expected);
    const std::int64_t value = node->as_integer()->get();
    if (value < lo || value > hi)
        fail(posOf(*node),
                label(key) + " = " + std::to_string(value) + " is out of range; expected "
                        + expected);
    return value;
}

std::optional<double> TableReader::number(std::string_view key) const
{
    const toml::node *node = find(key);
    if (!node)
        return std::nullopt;
    double value = 0;
    if (node->is_integer())
        value = static_cast<double>(node->as_integer()->get());
    else if (node->is_floating_point())
        value = node->as_floating_point()->get();
    else
        fail(posOf(*node), label(key) + " is " + typeName(*node) + "; expected a number");
    if (!std::isfinite(value))
        fail(posOf(*node), label(key) + " is not a finite number; expected a number");
    return value;
}

std::optional<bool> TableReader::boolean(std::string_view key) const
{
    const toml::node *node = find(key);
    if (!node)
        return std::nullopt;
    if (!node->is_boolean())
        fail(posOf(*node),
                label(key) + " is " + typeName(*node) + "; expected a boolean (true or false)");
    return node->as_boolean()->get();
}

std::vector<std::pair<std::string, SourcePos>> TableReader::strings(
        std::string_view key, const std::string &expected) const
{
    std::vector<std::pair<std::string, SourcePos>> out;
    const toml::node *node = find(key);
    if (!node)
        return out;
    const toml::array *array = node->as_array();
    if (!array)
        fail(posOf(*node),
                label(key) + " is " + typeName(*node) + "; expected an array of " + expected);
    for (const toml::node &item : *array) {
        if (!item.is_string())
            fail(posOf(item), label(key) + " holds " + typeName(item) + "; expected " + expected);
        out.emplace_back(item.as_string()->get(), posOf(item));
    }
    return out;
}

const toml::table *TableReader::subtable(std::string_view key, const std::string &expected) const
{
    const toml::node *node = find(key);
    if (!node)
        return nullptr;
    if (!node->is_table())
        fail(posOf(*node), label(key) + " is " + typeName(*node) + "; expected " + expected);
    return node->as_table();
}

} // namespace fl::lessontoml
