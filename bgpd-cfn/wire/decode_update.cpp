// UPDATE body decoding (RFC 4271 4.3): the three fields, the attribute walk with the length
// rules of RFC 7606 4, the End-of-RIB marker (RFC 4724 2), AS4 merging (RFC 6793 4.2.3),
// missing mandatory attributes, and the outcome: session reset, treat-as-withdraw or not.
#include <algorithm>
#include <string>
#include <utility>

#include "bgpd-cfn/wire/as4.hpp"
#include "bgpd-cfn/wire/byte_io.hpp"
#include "bgpd-cfn/wire/nlri.hpp"
#include "bgpd-cfn/wire/update_decoder.hpp"

namespace cfn::bgp::wire::detail {

namespace {

// RFC 7606 2: every route of the message becomes a withdrawal; the attributes are dropped.
void apply_treat_as_withdraw(Update& update) {
  std::vector<net::Prefix> v6;
  const auto take = [&](std::vector<net::Prefix>& prefixes) {
    for (const net::Prefix& prefix : prefixes)
      (prefix.is_v4() ? update.withdrawn : v6).push_back(prefix);
  };
  take(update.nlri);
  if (update.mp_reach) take(update.mp_reach->nlri);
  if (update.mp_unreach) take(update.mp_unreach->withdrawn);
  update.nlri.clear();
  update.mp_reach.reset();
  update.mp_unreach.reset();
  update.attributes = {};
  if (!v6.empty()) update.mp_unreach = MpUnreach{kIpv6Unicast, std::move(v6)};
}

}  // namespace

void decode_update(std::span<const std::uint8_t> body, const DecodeContext& context,
                   DecodeResult& result) {
  UpdateDecoder(context, result).run(body);
}

void UpdateDecoder::run(std::span<const std::uint8_t> body) {
  ByteReader reader(body);
  std::uint16_t withdrawn_length = 0, attributes_length = 0;
  std::span<const std::uint8_t> withdrawn_field, attribute_field;
  reader.read_u16(withdrawn_length);  // the header check guarantees 4 octets
  // RFC 4271 6.3: lengths that do not fit in the message.
  if (!reader.read_bytes(withdrawn_length, withdrawn_field) ||
      !reader.read_u16(attributes_length)) {
    reset(ErrorCode::kUpdateMessage, update_error::kMalformedAttributeList, {},
          "withdrawn routes length " + std::to_string(withdrawn_length) + " exceeds the message");
    return;
  }
  if (!reader.read_bytes(attributes_length, attribute_field)) {
    reset(ErrorCode::kUpdateMessage, update_error::kMalformedAttributeList, {},
          "total path attribute length " + std::to_string(attributes_length) +
              " exceeds the message");
    return;
  }
  const auto nlri_field = reader.rest();
  // RFC 7606 5.3: an NLRI field that cannot be parsed leaves no way to withdraw: reset.
  if (const char* error = decode_prefixes(withdrawn_field, net::Family::kV4, update_.withdrawn)) {
    reset(ErrorCode::kUpdateMessage, update_error::kInvalidNetworkField, {},
          std::string("withdrawn routes: ") + error);
    return;
  }
  if (!attributes(attribute_field)) return;
  if (const char* error = decode_prefixes(nlri_field, net::Family::kV4, update_.nlri)) {
    reset(ErrorCode::kUpdateMessage, update_error::kInvalidNetworkField, {},
          std::string("NLRI: ") + error);
    return;
  }
  const bool plain_end_of_rib = body.size() == 4;  // both lengths zero, no NLRI
  if (!finish(update_, plain_end_of_rib)) return;
  result_.message = std::move(update_);
}

bool UpdateDecoder::attributes(std::span<const std::uint8_t> field) {
  ByteReader reader(field);
  while (!reader.empty()) {
    const auto start = reader.rest();
    const bool extended = (start[0] & attr_flag::kExtendedLength) != 0;
    // RFC 7606 4: too few octets for a header, or a length past the field: treat-as-withdraw,
    // and the total attribute length still locates the NLRI.
    if (reader.remaining() < (extended ? 4u : 3u)) {
      other_attributes_ = true;
      return treat_as_withdraw(update_error::kMalformedAttributeList, start,
                               "path attributes end inside an attribute header");
    }
    AttributeView a;
    std::uint16_t length = 0;
    std::uint8_t short_length = 0;
    reader.read_u8(a.flags);
    reader.read_u8(a.type);
    extended ? reader.read_u16(length) : reader.read_u8(short_length);
    if (!extended) length = short_length;
    if (a.type != attr::kMpUnreachNlri) other_attributes_ = true;
    if (!reader.read_bytes(length, a.value)) {
      const std::string reason = "attribute " + std::to_string(a.type) + " length " +
                                 std::to_string(length) + " overruns the path attributes";
      // The routes of an MP attribute cannot be located: nothing to withdraw them with.
      if (a.type == attr::kMpReachNlri || a.type == attr::kMpUnreachNlri) {
        return reset(ErrorCode::kUpdateMessage, update_error::kAttributeLengthError, start, reason);
      }
      return treat_as_withdraw(update_error::kAttributeLengthError, start, reason);
    }
    a.whole = start.first((extended ? 4u : 3u) + length);
    ++attribute_count_;
    // RFC 7606 3.g: a repeated MP attribute resets; any other repeat is discarded.
    if (seen_[a.type]) {
      if (a.type == attr::kMpReachNlri || a.type == attr::kMpUnreachNlri) {
        return reset(ErrorCode::kUpdateMessage, update_error::kMalformedAttributeList, {},
                     "attribute " + std::to_string(a.type) + " appears twice (RFC 7606 3.g)");
      }
      discard(update_error::kMalformedAttributeList, a.whole,
              "repeated attribute " + std::to_string(a.type) + " discarded (RFC 7606 3.g)");
      continue;
    }
    seen_[a.type] = true;
    if (!attribute(a)) return false;
  }
  return true;
}

bool UpdateDecoder::finish(Update& update, bool plain_end_of_rib) {
  // RFC 4724 2: the End-of-RIB markers.
  if (plain_end_of_rib) {
    update.end_of_rib = kIpv4Unicast;
    return true;
  }
  if (empty_mp_unreach_ && attribute_count_ == 1 && update.withdrawn.empty() &&
      update.nlri.empty() && result_.problems.empty()) {
    update.mp_unreach.reset();
    update.end_of_rib = *empty_mp_unreach_;
    return true;
  }
  const bool reachable = !update.nlri.empty() || reachable_mp_;
  // RFC 7606 5.2: attributes without any reachable NLRI: the NLRI may have been misparsed,
  // so any error other than attribute discard resets the session.
  if (!reachable && other_attributes_) {
    for (const Problem& problem : result_.problems) {
      if (problem.action == Action::kTreatAsWithdraw) {
        return reset(problem.notification.code, problem.notification.subcode,
                     problem.notification.data,
                     problem.reason + " in an UPDATE without reachable NLRI (RFC 7606 5.2)");
      }
    }
  }
  if (!withdraw_) {
    keep_partial_bits(update.attributes);
    if (!context_.four_octet_as) merge_as4(update.attributes);
    if (reachable) check_mandatory(update);
  }
  if (withdraw_) apply_treat_as_withdraw(update);
  return true;
}

// RFC 4271 5: a recognized optional transitive attribute passed on keeps its Partial bit.
void UpdateDecoder::keep_partial_bits(PathAttributes& attributes) const {
  const auto keep = [&](std::uint8_t type, bool present) {
    if (present && partial_[type]) attributes.partial |= std::uint64_t{1} << type;
  };
  keep(attr::kAggregator, attributes.aggregator.has_value());
  keep(attr::kCommunities, !attributes.communities.empty());
  keep(attr::kExtendedCommunities, !attributes.extended_communities.empty());
  keep(attr::kLargeCommunities, !attributes.large_communities.empty());
}

// RFC 6793 4.2.3.
void UpdateDecoder::merge_as4(PathAttributes& attributes) {
  if (as4_aggregator_ && attributes.aggregator && attributes.aggregator->asn != kAsTrans) {
    discard(update_error::kUnspecific, {},
            "AS4_AGGREGATOR and AS4_PATH ignored: AGGREGATOR is not AS_TRANS (RFC 6793 4.2.3)");
    return;
  }
  if (as4_aggregator_ && attributes.aggregator) attributes.aggregator = as4_aggregator_;
  if (as4_path_ && attributes.as_path) {
    if (attributes.as_path->length() < as4_path_->length()) {
      discard(update_error::kUnspecific, {},
              "AS4_PATH ignored: longer than AS_PATH (RFC 6793 4.2.3)");
      return;
    }
    attributes.as_path = merge_as4_path(*attributes.as_path, *as4_path_);
  }
}

// RFC 4271 6.3 with RFC 7606 3.d (treat-as-withdraw) and RFC 4760 3 (NEXT_HOP only with
// NLRI in the NLRI field). LOCAL_PREF must reach internal peers (RFC 4271 5.1.5).
void UpdateDecoder::check_mandatory(const Update& update) {
  const auto missing = [&](std::uint8_t type, const char* name) {
    const std::uint8_t data[] = {type};
    treat_as_withdraw(update_error::kMissingWellKnownAttribute, data,
                      std::string("missing well-known attribute ") + name);
  };
  if (!seen_[attr::kOrigin]) return missing(attr::kOrigin, "ORIGIN");
  if (!seen_[attr::kAsPath]) return missing(attr::kAsPath, "AS_PATH");
  if (!update.nlri.empty() && !seen_[attr::kNextHop]) return missing(attr::kNextHop, "NEXT_HOP");
  if (!context_.is_ebgp && !seen_[attr::kLocalPref]) missing(attr::kLocalPref, "LOCAL_PREF");
}

bool UpdateDecoder::reset(ErrorCode code, std::uint8_t subcode, std::span<const std::uint8_t> data,
                          std::string reason) {
  result_.problems.push_back(
      make_problem(Action::kSessionReset, code, subcode, data, "UPDATE: " + std::move(reason)));
  return false;
}

bool UpdateDecoder::treat_as_withdraw(std::uint8_t subcode, std::span<const std::uint8_t> data,
                                      std::string reason) {
  withdraw_ = true;
  result_.problems.push_back(make_problem(Action::kTreatAsWithdraw, ErrorCode::kUpdateMessage,
                                          subcode, data, "UPDATE: " + std::move(reason)));
  return true;
}

void UpdateDecoder::discard(std::uint8_t subcode, std::span<const std::uint8_t> data,
                            std::string reason) {
  result_.problems.push_back(make_problem(Action::kAttributeDiscard, ErrorCode::kUpdateMessage,
                                          subcode, data, "UPDATE: " + std::move(reason)));
}

}  // namespace cfn::bgp::wire::detail
