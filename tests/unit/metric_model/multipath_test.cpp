// Tests for select_multipath(): membership by tolerance, largest-remainder weights that sum to
// 256 with each >= 1, the 256-member limit.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "libcfnmetric/model/multipath.hpp"

using cfn::metric::MultipathMember;
using cfn::metric::PathCandidate;
using cfn::metric::select_multipath;

template <>
struct Catch::StringMaker<MultipathMember> {
  static std::string convert(const MultipathMember& m) {
    return "{" + std::to_string(m.index) + ", " + std::to_string(m.weight) + "}";
  }
};

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

unsigned total(const std::vector<MultipathMember>& members) {
  unsigned sum = 0;
  for (const MultipathMember& m : members) sum += m.weight;
  return sum;
}

}  // namespace

TEST_CASE("Members are the candidates within the tolerance of the best", "[metric][multipath]") {
  const std::vector<PathCandidate> c = {{10, 1}, {12, 1}, {15, 1}, {kInf, 1}, {11.5, 1}};
  CHECK(select_multipath(c, 2) == std::vector<MultipathMember>{{0, 86}, {1, 85}, {4, 85}});
  CHECK(select_multipath(c, 0) == std::vector<MultipathMember>{{0, 256}});
  CHECK(select_multipath(c, -1) == std::vector<MultipathMember>{{0, 256}});
  CHECK(select_multipath(c, kInf).size() == 4);  // never the infinite (drained) one
}

TEST_CASE("No finite score: no multipath set", "[metric][multipath]") {
  const std::vector<PathCandidate> c = {{kInf, 1}, {std::nan(""), 1}};
  CHECK(select_multipath(c, 100).empty());
  CHECK(select_multipath({}, 100).empty());
}

// Each gets 1; the other 256 - n are shared by quota (256 - n) * share / total, floors first, then
// the largest remainders (ties: lower index).
TEST_CASE("Weights follow the shares by largest remainder", "[metric][multipath]") {
  // Quotas 63.5 and 190.5: floors 63 + 190, the one left goes to index 0.
  CHECK(select_multipath(std::vector<PathCandidate>{{1, 1}, {1, 3}}, 0) ==
        std::vector<MultipathMember>{{0, 65}, {1, 191}});
  // Quotas 0 and 254.
  CHECK(select_multipath(std::vector<PathCandidate>{{1, 0}, {1, 2.5}}, 0) ==
        std::vector<MultipathMember>{{0, 1}, {1, 255}});
  // Three members share 253: quotas 25.3, 75.9, 151.8; floors 25 + 75 + 151 = 251, the two
  // left go to the largest remainders, .9 and .8.
  CHECK(select_multipath(std::vector<PathCandidate>{{1, 1}, {1, 3}, {1, 6}}, 0) ==
        std::vector<MultipathMember>{{0, 26}, {1, 77}, {2, 153}});
  // All shares zero (or unusable): equal.
  CHECK(select_multipath(std::vector<PathCandidate>{{1, 0}, {1, -4}, {1, std::nan("")}}, 0) ==
        std::vector<MultipathMember>{{0, 86}, {1, 85}, {2, 85}});
  // An infinite share counts as 0 too.
  CHECK(select_multipath(std::vector<PathCandidate>{{1, kInf}, {1, 1}}, 0) ==
        std::vector<MultipathMember>{{0, 1}, {1, 255}});
}

TEST_CASE("Weights always sum to 256, each at least 1", "[metric][multipath]") {
  for (std::size_t n = 1; n <= 40; ++n) {
    std::vector<PathCandidate> c;
    for (std::size_t i = 0; i < n; ++i)
      c.push_back({static_cast<double>(i % 3), static_cast<double>((i * 37) % 11)});
    auto members = select_multipath(c, 5);
    INFO("n = " << n);
    REQUIRE(members.size() == n);
    CHECK(total(members) == 256);
    for (const MultipathMember& m : members) CHECK(m.weight >= 1);
  }
}

TEST_CASE("At most 256 members, the best-scoring ones", "[metric][multipath]") {
  std::vector<PathCandidate> c(300, PathCandidate{5, 1});
  c[299].score = 4;  // the best: must stay in
  c[0].score = 6;    // the worst within tolerance: dropped
  auto members = select_multipath(c, 10);
  REQUIRE(members.size() == 256);
  CHECK(total(members) == 256);
  CHECK(members.front().index == 1);
  CHECK(members.back().index == 299);
  CHECK(members[254].index == 255);  // indexes 1..255 are the first 255 of the ties
}
