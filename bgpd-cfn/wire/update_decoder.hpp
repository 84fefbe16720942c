// Internal to the decoder: the state of decoding one UPDATE. decode_update.cpp walks the
// fields and applies the outcome (RFC 7606 3-5); decode_path_attribute.cpp decodes and checks
// each attribute (RFC 4271 6.3, RFC 7606 7).
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "bgpd-cfn/wire/decode_internal.hpp"

namespace cfn::bgp::wire::detail {

struct AttributeView {
  std::uint8_t flags = 0;
  std::uint8_t type = 0;
  std::span<const std::uint8_t> value;
  std::span<const std::uint8_t> whole;  // flags, type, length and value: the NOTIFICATION data
};

class UpdateDecoder {
 public:
  UpdateDecoder(const DecodeContext& context, DecodeResult& result)
      : context_(context), result_(result) {}

  void run(std::span<const std::uint8_t> body);

 private:
  // decode_update.cpp
  bool attributes(std::span<const std::uint8_t> field);
  bool finish(Update& update, bool plain_end_of_rib);
  void merge_as4(PathAttributes& attributes);
  void keep_partial_bits(PathAttributes& attributes) const;
  void check_mandatory(const Update& update);

  // decode_path_attribute.cpp
  bool attribute(const AttributeView& a);
  bool unknown_attribute(const AttributeView& a);
  bool as_path(const AttributeView& a);
  bool as4_path(const AttributeView& a);
  bool aggregator(const AttributeView& a, std::optional<Aggregator>& out, bool four_octet);
  bool mp_reach(const AttributeView& a);
  bool mp_unreach(const AttributeView& a);
  void large_communities(std::span<const std::uint8_t> value);

  // Problems. Each returns false when the session must be reset, true to go on.
  bool reset(ErrorCode code, std::uint8_t subcode, std::span<const std::uint8_t> data,
             std::string reason);
  bool treat_as_withdraw(std::uint8_t subcode, std::span<const std::uint8_t> data,
                         std::string reason);
  void discard(std::uint8_t subcode, std::span<const std::uint8_t> data, std::string reason);
  // The RFC 7606 action for a malformed attribute of this type.
  bool malformed(const AttributeView& a, std::uint8_t subcode, const std::string& what);

  const DecodeContext& context_;
  DecodeResult& result_;
  Update update_;
  std::bitset<256> seen_;
  std::bitset<256> partial_;  // attributes that arrived with the Partial bit
  std::size_t attribute_count_ = 0;
  bool other_attributes_ = false;  // any attribute but MP_UNREACH_NLRI (RFC 7606 5.2)
  bool reachable_mp_ = false;      // MP_REACH_NLRI with NLRI octets, whatever its family
  bool withdraw_ = false;
  std::optional<AfiSafi> empty_mp_unreach_;  // an MP_UNREACH_NLRI without routes
  std::optional<AsPath> as4_path_;
  std::optional<Aggregator> as4_aggregator_;
};

}  // namespace cfn::bgp::wire::detail
