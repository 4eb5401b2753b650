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

}  // namespace imcomply
