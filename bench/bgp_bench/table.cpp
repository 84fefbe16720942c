// Builds the injected table: prefix slices per peer, the K attribute sets, and the packed
// UPDATE stream (greedy: as many NLRI of one attribute set as fit in max_message octets).
#include "bench/bgp_bench/table.hpp"

#include <stdexcept>
#include <vector>

#include "bgpd-cfn/wire/nlri.hpp"

namespace cfn::bench {

namespace wire = bgp::wire;

const char* check_spec(const TableSpec& spec) {
  if (spec.length < 8 || spec.length > 32) return "prefix length must be 8..32";
  if (spec.prefixes == 0 || spec.attribute_sets == 0 || spec.peers == 0)
    return "prefixes, attribute sets and peers must be at least 1";
  if (spec.attribute_sets > spec.prefixes) return "more attribute sets than prefixes";
  if (spec.peers > spec.prefixes) return "more peers than prefixes";
  const std::uint64_t step = std::uint64_t{1} << (32 - spec.length);
  if ((spec.base & (step - 1)) != 0) return "base has host bits set for this length";
  if (spec.base + step * spec.prefixes > (std::uint64_t{1} << 32))
    return "the prefixes run past 255.255.255.255";
  return nullptr;
}

std::uint32_t slice_begin(const TableSpec& spec, std::uint32_t peer) {
  return static_cast<std::uint32_t>(std::uint64_t{spec.prefixes} * peer / spec.peers);
}

std::uint32_t set_of(const TableSpec& spec, std::uint32_t prefix_index) {
  return static_cast<std::uint32_t>(std::uint64_t{prefix_index} * spec.attribute_sets /
                                    spec.prefixes);
}

wire::PathAttributes attribute_set(std::uint32_t set, std::uint32_t asn, std::uint32_t next_hop) {
  wire::PathAttributes a;
  a.origin = wire::Origin::kIgp;
  a.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence,
                                                {asn, 64600 + set % 256, 4200000000u + set}}}};
  a.next_hop = net::IpAddress::from_v4(next_hop);
  a.med = set;
  a.communities = {((asn & 0xFFFF) << 16) | (set & 0xFFFF)};
  a.large_communities = {wire::LargeCommunity{asn, set, 0}};
  return a;
}

EncodedTable encode_table(const TableSpec& spec, std::uint32_t peer, std::uint32_t asn,
                          std::uint32_t next_hop, const wire::EncodeContext& context) {
  EncodedTable table;
  const std::uint32_t end = slice_begin(spec, peer + 1);
  wire::Update update;
  std::size_t base_size = 0;  // the UPDATE of the current set without NLRI
  std::size_t size = 0;
  auto flush = [&] {
    if (update.nlri.empty()) return;
    if (!wire::encode_update(table.bytes, update, context))
      throw std::logic_error("encode_table: an UPDATE does not fit");
    ++table.updates;
    table.prefixes += update.nlri.size();
    update.nlri.clear();
    size = base_size;
  };
  std::uint32_t current_set = UINT32_MAX;
  for (std::uint32_t i = slice_begin(spec, peer); i < end; ++i) {
    const std::uint32_t set = set_of(spec, i);
    if (set != current_set) {
      flush();
      current_set = set;
      update.attributes = attribute_set(set, asn, next_hop);
      wire::Buffer probe;
      if (!wire::encode_update(probe, update, context))
        throw std::logic_error("encode_table: attributes alone do not fit");
      base_size = size = probe.size();
    }
    const net::Prefix prefix(
        net::IpAddress::from_v4(
            spec.base + static_cast<std::uint32_t>((std::uint64_t{i} << (32 - spec.length)))),
        spec.length);
    if (size + wire::prefix_size(prefix) > spec.max_message) flush();
    update.nlri.push_back(prefix);
    size += wire::prefix_size(prefix);
  }
  flush();
  wire::Update end_of_rib;  // RFC 4724 2: an empty UPDATE
  end_of_rib.end_of_rib = wire::kIpv4Unicast;
  wire::encode_update(table.bytes, end_of_rib, context);
  return table;
}

}  // namespace cfn::bench
