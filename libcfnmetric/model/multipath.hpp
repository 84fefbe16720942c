// The weighted multipath set: the candidates within a tolerance of the best score, with
// next-hop weights 1..256 that follow each candidate's capacity share (largest remainder).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cfn::metric {

// At most this many members (the kernel's nexthop weight range, and each weight is >= 1).
inline constexpr std::size_t kMaxMultipath = 256;
// The weights of a non-empty set add up to this.
inline constexpr std::uint16_t kWeightTotal = 256;

struct PathCandidate {
  double score = 0;  // score(); +infinity or NaN: not a candidate
  double share = 0;  // capacity_share(), or any figure weights follow; < 0, inf, NaN: 0
};

struct MultipathMember {
  std::size_t index = 0;     // into the candidates
  std::uint16_t weight = 1;  // 1..256
  bool operator==(const MultipathMember&) const = default;
};

// Members: every candidate with a finite score <= best + tolerance (tolerance < 0 counts as 0);
// beyond kMaxMultipath, the best-scoring ones (ties: lower index). Weights: each member gets 1,
// the other kWeightTotal - members are shared out in proportion to share by largest remainder
// (ties: lower index); all shares 0 means equal shares. Members are in index order.
std::vector<MultipathMember> select_multipath(std::span<const PathCandidate> candidates,
                                              double tolerance);

}  // namespace cfn::metric
