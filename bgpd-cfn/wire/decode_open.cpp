// OPEN body decoding (RFC 4271 4.2 / 6.2): fixed fields, optional parameters in the classic
// or RFC 9072 extended form, and the capabilities of RFC 5492.
#include <string>

#include "bgpd-cfn/wire/byte_io.hpp"
#include "bgpd-cfn/wire/decode_internal.hpp"

namespace cfn::bgp::wire::detail {

namespace {

class OpenDecoder {
 public:
  explicit OpenDecoder(DecodeResult& result) : result_(result) {}

  void run(std::span<const std::uint8_t> body) {
    ByteReader reader(body);
    Open open;
    std::uint8_t parameters_length = 0;
    // The header check guarantees the 10 octets of fixed fields.
    reader.read_u8(open.version);
    reader.read_u16(open.my_as);
    reader.read_u16(open.hold_time);
    reader.read_u32(open.bgp_identifier);
    reader.read_u8(parameters_length);
    if (open.version != kVersion) {
      // RFC 4271 6.2: the data is the largest version we support.
      return fail(open_error::kUnsupportedVersionNumber, u16_data(kVersion),
                  "unsupported BGP version " + std::to_string(open.version));
    }
    if (!parameters(reader, parameters_length, open.capabilities)) return;
    if (!check_fields(open)) return;
    result_.message = std::move(open);
  }

 private:
  void fail(std::uint8_t subcode, std::span<const std::uint8_t> data, std::string reason) {
    result_.problems.push_back(make_problem(Action::kSessionReset, ErrorCode::kOpenMessage, subcode,
                                            data, "OPEN: " + std::move(reason)));
  }
  bool malformed(std::string reason) {
    fail(open_error::kUnspecific, {}, std::move(reason));
    return false;
  }

  // RFC 9072 2: a classic length of 255 followed by a parameter type of 255 announces a
  // 2-octet length, and every parameter then has a 2-octet length too.
  bool parameters(ByteReader& reader, std::uint8_t classic_length, Capabilities& capabilities) {
    std::size_t length = classic_length;
    bool extended = false;
    if (classic_length == 255 && !reader.empty() && reader.rest()[0] == kExtendedParametersMarker) {
      std::uint8_t marker = 0;
      std::uint16_t extended_length = 0;
      reader.read_u8(marker);
      if (!reader.read_u16(extended_length)) {
        return malformed("truncated extended optional parameters length");
      }
      length = extended_length;
      extended = true;
    }
    if (length != reader.remaining()) {
      return malformed("optional parameters length " + std::to_string(length) + " but " +
                       std::to_string(reader.remaining()) + " octets follow");
    }
    while (!reader.empty()) {
      std::uint8_t type = 0;
      std::uint16_t parameter_length = 0;
      std::uint8_t short_length = 0;
      reader.read_u8(type);
      const bool has_length =
          extended ? reader.read_u16(parameter_length) : reader.read_u8(short_length);
      if (!extended) parameter_length = short_length;
      std::span<const std::uint8_t> value;
      if (!has_length || !reader.read_bytes(parameter_length, value)) {
        return malformed("optional parameter overruns the parameters field");
      }
      if (type != kParameterCapabilities) {
        fail(open_error::kUnsupportedOptionalParameter, {},
             "unsupported optional parameter type " + std::to_string(type));
        return false;
      }
      if (!capability_list(value, capabilities)) return false;
    }
    return true;
  }

  bool capability_list(std::span<const std::uint8_t> bytes, Capabilities& capabilities) {
    ByteReader reader(bytes);
    while (!reader.empty()) {
      std::uint8_t code = 0, length = 0;
      std::span<const std::uint8_t> value;
      reader.read_u8(code);
      if (!reader.read_u8(length) || !reader.read_bytes(length, value)) {
        return malformed("capability " + std::to_string(code) + " overruns its parameter");
      }
      if (!decode_capability(code, value, capabilities)) return false;
    }
    return true;
  }

  bool decode_capability(std::uint8_t code, std::span<const std::uint8_t> value,
                         Capabilities& capabilities) {
    ByteReader reader(value);
    const auto wrong_length = [&] {
      return malformed("capability " + std::to_string(code) + " has length " +
                       std::to_string(value.size()));
    };
    switch (code) {
      case capability::kMultiprotocol: {
        AfiSafi afi_safi;
        std::uint8_t reserved = 0;
        if (value.size() != 4) return wrong_length();
        reader.read_u16(afi_safi.afi);
        reader.read_u8(reserved);
        reader.read_u8(afi_safi.safi);
        capabilities.multiprotocol.push_back(afi_safi);
        return true;
      }
      case capability::kRouteRefresh:
      case capability::kRouteRefreshCisco:
      case capability::kExtendedMessage:
        if (!value.empty()) return wrong_length();
        (code == capability::kRouteRefresh        ? capabilities.route_refresh
         : code == capability::kRouteRefreshCisco ? capabilities.route_refresh_cisco
                                                  : capabilities.extended_message) = true;
        return true;
      case capability::kFourOctetAs: {
        std::uint32_t asn = 0;
        if (value.size() != 4) return wrong_length();
        reader.read_u32(asn);
        if (!capabilities.four_octet_as) capabilities.four_octet_as = asn;
        return true;
      }
      case capability::kExtendedNextHop:
        if (value.empty() || value.size() % 6 != 0) return wrong_length();
        while (!reader.empty()) {
          ExtendedNextHop entry;
          reader.read_u16(entry.nlri_afi);
          reader.read_u16(entry.nlri_safi);
          reader.read_u16(entry.nexthop_afi);
          capabilities.extended_next_hop.push_back(entry);
        }
        return true;
      default:
        capabilities.unknown.push_back({code, {value.begin(), value.end()}});
        return true;
    }
  }

  // RFC 4271 6.2 field checks, with RFC 6793 9 / RFC 7607 for the AS and RFC 6286 for the
  // identifier. The peer's AS against the configuration is check_open's job.
  bool check_fields(const Open& open) {
    if (const auto asn = open.capabilities.four_octet_as) {
      if (*asn == 0 || *asn == kAsTrans) {
        fail(open_error::kBadPeerAs, u32_data(*asn),
             "4-octet AS capability carries AS " + std::to_string(*asn));
        return false;
      }
    }
    if (open.my_as == 0 || (open.my_as == kAsTrans && !open.capabilities.four_octet_as)) {
      fail(open_error::kBadPeerAs, u16_data(open.my_as),
           "bad My Autonomous System " + std::to_string(open.my_as));
      return false;
    }
    if (open.hold_time == 1 || open.hold_time == 2) {
      fail(open_error::kUnacceptableHoldTime, u16_data(open.hold_time),
           "hold time " + std::to_string(open.hold_time) + " (must be 0 or at least 3)");
      return false;
    }
    if (open.bgp_identifier == 0) {
      fail(open_error::kBadBgpIdentifier, u32_data(0), "BGP identifier 0");
      return false;
    }
    return true;
  }

  DecodeResult& result_;
};

}  // namespace

void decode_open(std::span<const std::uint8_t> body, DecodeResult& result) {
  OpenDecoder(result).run(body);
}

}  // namespace cfn::bgp::wire::detail
