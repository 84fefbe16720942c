// Tokenizing helpers shared by the procfs and cgroup text parsers.
#include "libcfnmetric/collect/text_scan.hpp"

#include <charconv>
#include <cmath>

namespace cfn::metric {

namespace {

constexpr std::string_view kBlanks = " \t";
constexpr std::string_view kWhitespace = " \t\n\r";

template <typename T>
std::optional<T> to_number(std::string_view token) {
  T value{};
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (token.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!trim(line).empty()) lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  while (true) {
    std::size_t start = line.find_first_not_of(kBlanks);
    if (start == std::string_view::npos) break;
    line.remove_prefix(start);
    std::size_t end = line.find_first_of(kBlanks);
    words.push_back(line.substr(0, end));
    if (end == std::string_view::npos) break;
    line.remove_prefix(end);
  }
  return words;
}

std::string_view trim(std::string_view text) {
  std::size_t start = text.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(start, end - start + 1);
}

std::optional<std::uint64_t> to_u64(std::string_view token) {
  return to_number<std::uint64_t>(token);
}

std::optional<std::int64_t> to_i64(std::string_view token) {
  return to_number<std::int64_t>(token);
}

std::optional<double> to_non_negative_double(std::string_view token) {
  // from_chars also accepts "inf"/"nan"; a leading '-' is refused below, '+' never parses.
  if (token.empty() || token.front() == '-') return std::nullopt;
  auto value = to_number<double>(token);
  if (!value || !std::isfinite(*value)) return std::nullopt;
  return value;
}

}  // namespace cfn::metric
