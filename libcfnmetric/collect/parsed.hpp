// The result of reading or parsing one metric source: a value, or absent with the reason why.
// Absent is never zero: callers propagate the empty optional and report the reason.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace cfn::metric {

template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // why absent, when value is empty
  explicit operator bool() const { return value.has_value(); }
};

template <typename T>
Parsed<T> absent(std::string reason) {
  return Parsed<T>{std::nullopt, std::move(reason)};
}

template <typename T>
Parsed<T> present(T value) {
  return Parsed<T>{std::move(value), {}};
}

}  // namespace cfn::metric
