// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "lesson/lesson.h"
#include "scenario/scenario_error.h"
#include "scenario/toml_words.h"

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Typed, position-aware reads from one TOML table of a lesson file. Every
// failure throws ScenarioError at the offending key or value, saying what was
// expected. Internal to the lesson parser (it includes toml++).
namespace fl::lessontoml {

using fl::joined;   // scenario/toml_words.h, shared with the scenario reader
using fl::typeName;
SourcePos posOf(const toml::node &node);

class TableReader
{
public:
    // `context` names the table in messages: "[[goal]] 'spin'", "a predicate", "" (top level).
    TableReader(const std::string &file, const toml::table &table, std::string context)
        : m_file(&file)
        , m_table(&table)
        , m_context(std::move(context))
    { }

    const std::string &file() const { return *m_file; }
    const std::string &context() const { return m_context; }
    const toml::table &table() const { return *m_table; }
    SourcePos pos() const;
    SourcePos pos(std::string_view key) const;
    const toml::node *find(std::string_view key) const { return m_table->get(key); }
    bool has(std::string_view key) const { return find(key) != nullptr; }
    std::string label(std::string_view key) const;

    [[noreturn]] void fail(SourcePos at, const std::string &message) const;
    [[noreturn]] void missing(std::string_view key, const std::string &expected) const;
    // The unknown key that comes first in the file, with the keys allowed.
    void allowOnly(const std::vector<std::string_view> &allowed) const;

    std::optional<std::string> string(std::string_view key, const std::string &expected) const;
    std::string requiredString(std::string_view key, const std::string &expected) const;
    std::optional<std::int64_t> integer(
            std::string_view key, std::int64_t lo, std::int64_t hi) const;
    std::optional<double> number(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    // An array of strings, each with its position.
    std::vector<std::pair<std::string, SourcePos>> strings(
            std::string_view key, const std::string &expected) const;
    // A table value (inline or not); nullptr when absent.
    const toml::table *subtable(std::string_view key, const std::string &expected) const;

private:
    const std::string *m_file;
    const toml::table *m_table;
    std::string m_context;
};

} // namespace fl::lessontoml
