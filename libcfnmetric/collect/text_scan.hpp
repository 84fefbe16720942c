// Tokenizing helpers shared by the procfs and cgroup text parsers: lines, whitespace-separated
// words and strict numbers (the whole token must be a number, nothing else).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cfn::metric {

// Non-empty lines of `text` (a trailing newline or none, '\n' separated).
std::vector<std::string_view> split_lines(std::string_view text);
// Words separated by spaces or tabs.
std::vector<std::string_view> split_words(std::string_view line);
// `text` without leading and trailing whitespace (spaces, tabs, newlines).
std::string_view trim(std::string_view text);

std::optional<std::uint64_t> to_u64(std::string_view token);
std::optional<std::int64_t> to_i64(std::string_view token);
// A finite, non-negative decimal ("0.46", "12.50"); "inf", "nan" and signs are refused.
std::optional<double> to_non_negative_double(std::string_view token);

}  // namespace cfn::metric
