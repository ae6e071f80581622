// SPDX-License-Identifier: GPL-2.0-only
#include "io/toml_prescan.h"

#include "scenario/scenario_error.h"

namespace fl {

void checkTomlShape(std::string_view text, const std::string &sourceName)
{
    int line = 1, column = 0;
    int dots = 0; // dots since the last '=', ',', bracket or newline: key parts - 1
    int depth = 0; // open '[' and '{' outside strings and comments
    const auto fail = [&](const std::string &message) {
        throw ScenarioError(sourceName, line, column, message);
    };
    std::size_t i = 0;
    // Advances over text[i], keeping line and column as toml++ counts them
    // (columns in code points).
    const auto advance = [&] {
        const unsigned char c = static_cast<unsigned char>(text[i++]);
        if (c == '\n') {
            ++line;
            column = 0;
        } else if ((c & 0xc0) != 0x80) {
            ++column;
        }
    };
    const auto startsWith = [&](std::string_view s) {
        return text.substr(i, s.size()) == s;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n')
                advance();
            continue;
        }
        if (c == '"' || c == '\'') {
            // Strings are skipped whole; an unterminated one is the parser's
            // to report.
            const bool multi = startsWith(c == '"' ? "\"\"\"" : "'''");
            const std::string_view close
                    = multi ? (c == '"' ? "\"\"\"" : "'''") : std::string_view(&text[i], 1);
            for (std::size_t k = 0; k < close.size(); ++k)
                advance();
            while (i < text.size() && !startsWith(close)) {
                if (!multi && text[i] == '\n')
                    break;
                if (c == '"' && text[i] == '\\' && i + 1 < text.size())
                    advance();
                advance();
            }
            for (std::size_t k = 0; k < close.size() && i < text.size(); ++k)
                advance();
            continue;
        }
        advance(); // column now names c
        switch (c) {
        case '.':
            if (++dots >= MaxTomlKeyParts)
                fail("a key with more than " + std::to_string(MaxTomlKeyParts)
                        + " dotted parts; FolioLab files need only a few");
            break;
        case '[':
        case '{':
            dots = 0;
            if (++depth > MaxTomlNesting)
                fail("arrays or tables nested more than " + std::to_string(MaxTomlNesting)
                        + " deep; FolioLab files need only a few levels");
            break;
        case ']':
        case '}':
            dots = 0;
            if (depth > 0)
                --depth;
            break;
        case '=':
        case ',':
        case '\n':
            dots = 0;
            break;
        default:
            break;
        }
    }
}

} // namespace fl
