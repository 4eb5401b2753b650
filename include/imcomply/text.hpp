#pragma once
// Small text helpers the core and the programs share.
#include <string>
#include <string_view>
#include <vector>

namespace imcomply {

/// `text` without leading and trailing blanks (space, tab, CR, LF).
std::string trim(std::string_view text);

/// The non-empty parts of a comma-separated list, as written ("a,,b" → {"a", "b"}).
std::vector<std::string> split_list(std::string_view text);

/// `text` safe for a terminal, on one line (spec §1 "output"): every control character (C0 with
/// TAB, CR and LF, DEL, C1, and so ESC) and every byte of invalid UTF-8 is shown as \xNN; the rest
/// passes unchanged. The one escaping of stored text for tables, text forms and errors; CSV and
/// HTML pass `keep` (the ASCII controls their format carries: CSV's quoted line breaks).
std::string printable(std::string_view text, std::string_view keep = {});

}  // namespace imcomply
