// Test helpers: addresses and prefixes from text, failing the test on a typo.
#pragma once

#include <catch2/catch.hpp>

#include <string_view>

#include "libcfn/net/address.hpp"

namespace cfn::test {

inline net::IpAddress addr(std::string_view text) {
  const auto parsed = net::IpAddress::parse(text);
  REQUIRE(parsed);
  return *parsed;
}

inline net::Prefix pfx(std::string_view text) {
  const auto parsed = net::Prefix::parse(text);
  REQUIRE(parsed);
  return *parsed;
}

}  // namespace cfn::test
