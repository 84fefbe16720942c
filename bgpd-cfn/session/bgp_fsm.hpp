// The BGP finite state machine of RFC 4271 section 8 as a pure transition function:
// (session, event) -> (next session, actions). The peer instance executes the actions
// (sockets, timers, messages, routes); nothing here does I/O or reads a clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cfn::bgp {

// RFC 4271 section 8.2.2.
enum class State : std::uint8_t { kIdle, kConnect, kActive, kOpenSent, kOpenConfirm, kEstablished };

// RFC 4271 section 8.1, numbered as there. Not modelled: the optional DelayOpen (12, 20) and
// DampPeerOscillations start variants (6, 7): back-off is always on (see SessionTimers).
enum class Event : std::uint8_t {
  kManualStart = 1,
  kManualStop = 2,
  kAutomaticStart = 3,
  kManualStartWithPassiveTcpEstablishment = 4,
  kAutomaticStartWithPassiveTcpEstablishment = 5,
  kAutomaticStop = 8,
  kConnectRetryTimerExpires = 9,
  kHoldTimerExpires = 10,
  kKeepaliveTimerExpires = 11,
  kIdleHoldTimerExpires = 13,
  kTcpConnectionValid = 14,
  kTcpCrInvalid = 15,
  kTcpCrAcked = 16,
  kTcpConnectionConfirmed = 17,
  kTcpConnectionFails = 18,
  kBgpOpen = 19,
  kBgpHeaderErr = 21,
  kBgpOpenMsgErr = 22,
  kOpenCollisionDump = 23,
  kNotifMsgVerErr = 24,
  kNotifMsg = 25,
  kKeepAliveMsg = 26,
  kUpdateMsg = 27,
  kUpdateMsgErr = 28,
};

// A NOTIFICATION to send (RFC 4271 section 4.5): error code, subcode and data.
struct NotificationToSend {
  std::uint8_t code = 0;
  std::uint8_t subcode = 0;
  std::vector<std::uint8_t> data;
  bool operator==(const NotificationToSend&) const = default;
};

// RFC 4271 section 4.5 error codes and the subcodes the FSM itself sends.
inline constexpr std::uint8_t kHoldTimerExpired = 4;
inline constexpr std::uint8_t kFsmError = 5;
inline constexpr std::uint8_t kCease = 6;
// RFC 6608: FSM error subcodes by the state that got the unexpected event.
inline constexpr std::uint8_t kFsmUnexpectedInOpenSent = 1;
inline constexpr std::uint8_t kFsmUnexpectedInOpenConfirm = 2;
inline constexpr std::uint8_t kFsmUnexpectedInEstablished = 3;
// RFC 4486: Cease subcodes.
inline constexpr std::uint8_t kCeaseAdministrativeShutdown = 2;
inline constexpr std::uint8_t kCeaseAdministrativeReset = 4;
inline constexpr std::uint8_t kCeaseConnectionCollisionResolution = 7;

struct EventInput {
  Event event = Event::kManualStart;
  std::uint16_t peer_hold_time = 0;  // kBgpOpen: the Hold Time in the peer's OPEN
  // kBgpHeaderErr, kBgpOpenMsgErr, kUpdateMsgErr: the NOTIFICATION to send; kManualStop:
  // optional Cease data (an RFC 9003 shutdown communication), and the subcode when the code
  // is Cease (Administrative Reset for `clear bgp`; else Administrative Shutdown).
  NotificationToSend notification;
};

enum class ActionKind : std::uint8_t {
  kInitiateTcpConnection,
  kDropTcpConnection,
  kSendOpen,
  kSendKeepalive,
  kSendNotification,  // `notification`
  kStartConnectRetryTimer,
  kStopConnectRetryTimer,
  kStartHoldTimer,  // `duration` (0 never happens: with a zero hold time no timer runs)
  kStopHoldTimer,
  kStartKeepaliveTimer,  // `duration`
  kStopKeepaliveTimer,
  kStartIdleHoldTimer,  // `duration`: back-off before the automatic restart
  kStopIdleHoldTimer,
  kReleaseResources,    // forget the peer's routes and negotiated state
  kSessionEstablished,  // send the initial routing table
  kProcessUpdate,
};

struct Action {
  ActionKind kind;
  std::chrono::seconds duration{0};
  NotificationToSend notification;
  bool operator==(const Action&) const = default;
};

// Configured times (FRR defaults: `timers 60 180`, `timers connect 120`).
struct SessionTimers {
  std::chrono::seconds connect_retry{120};
  std::chrono::seconds hold{180};
  std::chrono::seconds keepalive{60};
  std::chrono::seconds open_hold{240};  // RFC 4271 8.2.2: "a large value" (4 minutes)
  // Automatic restart after an error: the idle hold time starts here and doubles after every
  // consecutive failure up to the maximum; reaching Established resets it.
  std::chrono::seconds idle_hold_initial{1};
  std::chrono::seconds idle_hold_max{120};
  bool passive = false;  // `neighbor X passive`: restart with passive TCP establishment
  bool operator==(const SessionTimers&) const = default;
};

struct Session {
  State state = State::kIdle;
  std::uint32_t connect_retry_counter = 0;
  std::chrono::seconds idle_hold{0};  // next back-off; 0 = idle_hold_initial
  std::chrono::seconds hold{0};       // negotiated (after the peer's OPEN)
  std::chrono::seconds keepalive{0};  // negotiated
  bool stopped = false;               // ManualStop: no automatic restart until ManualStart
  bool operator==(const Session&) const = default;
};

struct Transition {
  Session session;
  std::vector<Action> actions;
};

Transition step(const Session& session, const SessionTimers& timers, const EventInput& input);

// RFC 4271 section 4.2: the hold time both sides use is the smaller; zero means none. The
// keepalive interval is the configured one, at most a third of it (FRR's rule).
std::chrono::seconds negotiated_hold(std::chrono::seconds mine, std::uint16_t peer);
std::chrono::seconds negotiated_keepalive(std::chrono::seconds configured,
                                          std::chrono::seconds hold);

// RFC 4271 section 6.8: of two connections to one peer, the one initiated by the speaker
// with the higher BGP Identifier survives. True when the connection we initiated stays.
bool keep_locally_initiated(std::uint32_t local_id, std::uint32_t remote_id);

std::string_view state_name(State state);  // "Idle", "Connect", ... as FRR prints them
std::string_view event_name(Event event);  // RFC 4271 section 8.1 names

}  // namespace cfn::bgp
