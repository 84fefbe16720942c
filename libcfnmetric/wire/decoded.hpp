// The result of every CFN wire decoder: a value, or the reason it was refused.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace cfn::metric::wire {

template <typename T>
struct Decoded {
  std::optional<T> value;
  std::string error;  // why not, when value is empty
  explicit operator bool() const { return value.has_value(); }
};

template <typename T>
Decoded<T> refuse(std::string reason) {
  return {std::nullopt, std::move(reason)};
}

}  // namespace cfn::metric::wire
