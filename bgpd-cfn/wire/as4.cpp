// RFC 6793 AS4_PATH reconciliation and AS_TRANS substitution.
#include "bgpd-cfn/wire/as4.hpp"

#include <algorithm>

#include "bgpd-cfn/wire/messages.hpp"

namespace cfn::bgp::wire {

namespace {

bool is_confederation(SegmentType type) {
  return type == SegmentType::kConfedSequence || type == SegmentType::kConfedSet;
}

constexpr std::size_t kMaxSegmentAsns = 255;

}  // namespace

AsPath merge_as4_path(const AsPath& as_path, const AsPath& as4_path) {
  const std::size_t length = as_path.length();
  const std::size_t length4 = as4_path.length();
  if (length < length4) return as_path;
  std::size_t needed = length - length4;
  AsPath merged;
  bool leading = true;  // only confederation segments taken so far
  for (const AsPathSegment& segment : as_path.segments) {
    if (is_confederation(segment.type)) {
      if (!leading && needed == 0) break;
      merged.segments.push_back(segment);
      continue;
    }
    if (needed == 0) break;
    leading = false;
    if (segment.type == SegmentType::kSet) {
      merged.segments.push_back(segment);
      --needed;
      continue;
    }
    const std::size_t take = std::min(needed, segment.asns.size());
    merged.segments.push_back(
        {segment.type, {segment.asns.begin(), segment.asns.begin() + static_cast<long>(take)}});
    needed -= take;
  }
  auto next = as4_path.segments.begin();
  if (next != as4_path.segments.end() && !merged.segments.empty()) {
    AsPathSegment& seam = merged.segments.back();
    if (seam.type == SegmentType::kSequence && next->type == SegmentType::kSequence &&
        seam.asns.size() + next->asns.size() <= kMaxSegmentAsns) {
      seam.asns.insert(seam.asns.end(), next->asns.begin(), next->asns.end());
      ++next;
    }
  }
  merged.segments.insert(merged.segments.end(), next, as4_path.segments.end());
  return merged;
}

AsPath as_trans_path(const AsPath& path) {
  AsPath out = path;
  for (AsPathSegment& segment : out.segments) {
    for (std::uint32_t& asn : segment.asns) asn = two_octet_as(asn);
  }
  return out;
}

bool needs_as4_path(const AsPath& path) {
  return std::any_of(path.segments.begin(), path.segments.end(), [](const AsPathSegment& s) {
    return !is_confederation(s.type) && std::any_of(s.asns.begin(), s.asns.end(),
                                                    [](std::uint32_t asn) { return asn > 0xFFFF; });
  });
}

AsPath without_confederation_segments(const AsPath& path) {
  AsPath out;
  for (const AsPathSegment& segment : path.segments) {
    if (!is_confederation(segment.type)) out.segments.push_back(segment);
  }
  return out;
}

}  // namespace cfn::bgp::wire
