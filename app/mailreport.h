// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/runner.h"
#include "engine/setup.h"
#include "report/compare.h"

#include <QString>

// A run, or two runs compared, as a block to paste into a review mail:
// plain text within 72 columns (or Markdown for an issue tracker), ending
// with the one command that reproduces it. Shared by `foliolab report` and
// the window's Edit > Copy report.
namespace MailReport {

struct Run {
    QString scenario; // as the user named it (built-in name or path)
    const fl::Setup *setup = nullptr;
    const fl::RunResult *result = nullptr;
    std::uint64_t seed = 1;
};

QString runReport(const Run &run, bool markdown);
QString compareReport(const QString &scenario, const fl::CompareResult &result, bool markdown);

// Text wrapped at `width` columns, continuation lines indented by `indent`
// more spaces than the first.
QString wrapped(const QString &text, int width, int firstIndent, int indent);

} // namespace MailReport
