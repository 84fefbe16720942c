// select_multipath(): membership by score tolerance, then weights by largest remainder.
#include "libcfnmetric/model/multipath.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cfn::metric {
namespace {

double usable_share(double share) {
  return std::isfinite(share) && share > 0 ? share : 0.0;
}

// Gives every member 1, then kWeightTotal - members in proportion to the shares: floor of
// each quota, the rest one by one to the largest remainders.
void apportion(std::span<const PathCandidate> candidates, std::vector<MultipathMember>& members) {
  double total_share = 0;
  for (const MultipathMember& m : members) total_share += usable_share(candidates[m.index].share);
  const bool equal = !(total_share > 0) || !std::isfinite(total_share);
  const double spare = static_cast<double>(kWeightTotal - members.size());

  std::vector<double> remainders(members.size());
  std::size_t given = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const double share = equal ? 1.0 : usable_share(candidates[members[i].index].share);
    const double quota =
        spare * share / (equal ? static_cast<double>(members.size()) : total_share);
    const double whole = std::floor(quota);
    members[i].weight = static_cast<std::uint16_t>(1 + whole);
    remainders[i] = quota - whole;
    given += static_cast<std::size_t>(whole);
  }
  std::vector<std::size_t> order(members.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  const std::size_t all = static_cast<std::size_t>(spare);
  const std::size_t left = given < all ? all - given : 0;
  for (std::size_t k = 0; k < left && k < order.size(); ++k) ++members[order[k]].weight;
}

}  // namespace

std::vector<MultipathMember> select_multipath(std::span<const PathCandidate> candidates,
                                              double tolerance) {
  double best = std::numeric_limits<double>::infinity();
  for (const PathCandidate& c : candidates)
    if (std::isfinite(c.score)) best = std::min(best, c.score);
  std::vector<MultipathMember> members;
  if (!std::isfinite(best)) return members;

  const double limit = best + (tolerance > 0 ? tolerance : 0.0);
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (std::isfinite(candidates[i].score) && candidates[i].score <= limit)
      members.push_back({.index = i, .weight = 1});
  if (members.size() > kMaxMultipath) {
    std::stable_sort(members.begin(), members.end(), [&](const auto& a, const auto& b) {
      return candidates[a.index].score < candidates[b.index].score;
    });
    members.resize(kMaxMultipath);
    std::sort(members.begin(), members.end(),
              [](const auto& a, const auto& b) { return a.index < b.index; });
  }
  apportion(candidates, members);
  return members;
}

}  // namespace cfn::metric
