// BGP-4 wire constants: message types and sizes (RFC 4271 4, RFC 8654), NOTIFICATION codes
// and subcodes (RFC 4271 4.5, RFC 4486, RFC 7313), path attribute and capability codes, AFI/SAFI.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>

namespace cfn::bgp::wire {

inline constexpr std::size_t kHeaderSize = 19;  // marker 16, length 2, type 1
inline constexpr std::size_t kMaxMessageSize = 4096;
inline constexpr std::size_t kMaxExtendedMessageSize = 65535;  // RFC 8654
inline constexpr std::uint8_t kVersion = 4;
inline constexpr std::uint16_t kAsTrans = 23456;  // RFC 6793 9

enum class MessageType : std::uint8_t {
  kOpen = 1,
  kUpdate = 2,
  kNotification = 3,
  kKeepalive = 4,
  kRouteRefresh = 5,  // RFC 2918
};

// Smallest legal length of each message, header included (RFC 4271 4.2-4.5, RFC 2918 3).
inline constexpr std::size_t kMinOpenSize = 29;
inline constexpr std::size_t kMinUpdateSize = 23;
inline constexpr std::size_t kMinNotificationSize = 21;
inline constexpr std::size_t kRouteRefreshSize = 23;

// NOTIFICATION error codes (RFC 4271 4.5, RFC 7313 5).
enum class ErrorCode : std::uint8_t {
  kMessageHeader = 1,
  kOpenMessage = 2,
  kUpdateMessage = 3,
  kHoldTimerExpired = 4,
  kFiniteStateMachine = 5,
  kCease = 6,
  kRouteRefreshMessage = 7,
};

// Subcodes, one namespace per error code (RFC 4271 6.1-6.3, RFC 4486 3, RFC 7313 5).
namespace header_error {
inline constexpr std::uint8_t kConnectionNotSynchronized = 1;
inline constexpr std::uint8_t kBadMessageLength = 2;
inline constexpr std::uint8_t kBadMessageType = 3;
}  // namespace header_error

namespace open_error {
inline constexpr std::uint8_t kUnspecific = 0;
inline constexpr std::uint8_t kUnsupportedVersionNumber = 1;
inline constexpr std::uint8_t kBadPeerAs = 2;
inline constexpr std::uint8_t kBadBgpIdentifier = 3;
inline constexpr std::uint8_t kUnsupportedOptionalParameter = 4;
inline constexpr std::uint8_t kUnacceptableHoldTime = 6;
inline constexpr std::uint8_t kUnsupportedCapability = 7;  // RFC 5492 5
}  // namespace open_error

namespace update_error {
inline constexpr std::uint8_t kUnspecific = 0;  // never sent: the log label of a plain discard
inline constexpr std::uint8_t kMalformedAttributeList = 1;
inline constexpr std::uint8_t kUnrecognizedWellKnownAttribute = 2;
inline constexpr std::uint8_t kMissingWellKnownAttribute = 3;
inline constexpr std::uint8_t kAttributeFlagsError = 4;
inline constexpr std::uint8_t kAttributeLengthError = 5;
inline constexpr std::uint8_t kInvalidOriginAttribute = 6;
inline constexpr std::uint8_t kInvalidNextHopAttribute = 8;
inline constexpr std::uint8_t kOptionalAttributeError = 9;
inline constexpr std::uint8_t kInvalidNetworkField = 10;
inline constexpr std::uint8_t kMalformedAsPath = 11;
}  // namespace update_error

namespace cease {
inline constexpr std::uint8_t kMaximumPrefixes = 1;
inline constexpr std::uint8_t kAdministrativeShutdown = 2;
inline constexpr std::uint8_t kPeerDeconfigured = 3;
inline constexpr std::uint8_t kAdministrativeReset = 4;
inline constexpr std::uint8_t kConnectionRejected = 5;
inline constexpr std::uint8_t kOtherConfigurationChange = 6;
inline constexpr std::uint8_t kConnectionCollisionResolution = 7;
inline constexpr std::uint8_t kOutOfResources = 8;
}  // namespace cease

namespace route_refresh_error {
inline constexpr std::uint8_t kInvalidMessageLength = 1;
}  // namespace route_refresh_error

// Path attribute type codes (IANA "BGP Path Attributes").
namespace attr {
inline constexpr std::uint8_t kOrigin = 1;
inline constexpr std::uint8_t kAsPath = 2;
inline constexpr std::uint8_t kNextHop = 3;
inline constexpr std::uint8_t kMultiExitDisc = 4;
inline constexpr std::uint8_t kLocalPref = 5;
inline constexpr std::uint8_t kAtomicAggregate = 6;
inline constexpr std::uint8_t kAggregator = 7;
inline constexpr std::uint8_t kCommunities = 8;
inline constexpr std::uint8_t kOriginatorId = 9;
inline constexpr std::uint8_t kClusterList = 10;
inline constexpr std::uint8_t kMpReachNlri = 14;
inline constexpr std::uint8_t kMpUnreachNlri = 15;
inline constexpr std::uint8_t kExtendedCommunities = 16;
inline constexpr std::uint8_t kAs4Path = 17;
inline constexpr std::uint8_t kAs4Aggregator = 18;
inline constexpr std::uint8_t kLargeCommunities = 32;
}  // namespace attr

// Path attribute flag bits (RFC 4271 4.3); the low four bits are unused.
namespace attr_flag {
inline constexpr std::uint8_t kOptional = 0x80;
inline constexpr std::uint8_t kTransitive = 0x40;
inline constexpr std::uint8_t kPartial = 0x20;
inline constexpr std::uint8_t kExtendedLength = 0x10;
}  // namespace attr_flag

// Capability codes (IANA "Capability Codes").
namespace capability {
inline constexpr std::uint8_t kMultiprotocol = 1;        // RFC 4760
inline constexpr std::uint8_t kRouteRefresh = 2;         // RFC 2918
inline constexpr std::uint8_t kExtendedNextHop = 5;      // RFC 8950
inline constexpr std::uint8_t kExtendedMessage = 6;      // RFC 8654
inline constexpr std::uint8_t kFourOctetAs = 65;         // RFC 6793
inline constexpr std::uint8_t kRouteRefreshCisco = 128;  // pre-standard route refresh
}  // namespace capability

// OPEN optional parameter types (RFC 5492 4, RFC 9072 2).
inline constexpr std::uint8_t kParameterCapabilities = 2;
inline constexpr std::uint8_t kExtendedParametersMarker = 255;

inline constexpr std::uint16_t kAfiIpv4 = 1;
inline constexpr std::uint16_t kAfiIpv6 = 2;
inline constexpr std::uint8_t kSafiUnicast = 1;

struct AfiSafi {
  std::uint16_t afi = kAfiIpv4;
  std::uint8_t safi = kSafiUnicast;
  auto operator<=>(const AfiSafi&) const = default;
};

inline constexpr AfiSafi kIpv4Unicast{kAfiIpv4, kSafiUnicast};
inline constexpr AfiSafi kIpv6Unicast{kAfiIpv6, kSafiUnicast};

}  // namespace cfn::bgp::wire
