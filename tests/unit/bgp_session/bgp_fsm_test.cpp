// Tests for the RFC 4271 section 8 FSM: the handshake, every state's answer to each event,
// error exits, back-off, manual stop, passive sessions, timer negotiation, collisions.
#include <catch2/catch.hpp>

#include <algorithm>

#include "bgpd-cfn/session/bgp_fsm.hpp"

using namespace cfn::bgp;
using std::chrono::seconds;

namespace {

const SessionTimers kTimers{};  // FRR defaults: connect 120, hold 180, keepalive 60

Transition run(const Session& session, Event event, std::uint16_t peer_hold = 180,
               const SessionTimers& timers = kTimers) {
  EventInput input;
  input.event = event;
  input.peer_hold_time = peer_hold;
  input.notification = {.code = 3, .subcode = 1, .data = {0xaa}};  // for the *Err events
  return step(session, timers, input);
}

Session in(State state) {
  Session s;
  s.state = state;
  if (state == State::kOpenConfirm || state == State::kEstablished) {
    s.hold = seconds{180};
    s.keepalive = seconds{60};
  }
  return s;
}

bool has(const Transition& t, ActionKind kind) {
  return std::any_of(t.actions.begin(), t.actions.end(),
                     [&](const Action& a) { return a.kind == kind; });
}

const Action* find(const Transition& t, ActionKind kind) {
  for (const Action& a : t.actions)
    if (a.kind == kind) return &a;
  return nullptr;
}

// The NOTIFICATION sent, as (code, subcode); (0, 0) when none.
std::pair<int, int> notified(const Transition& t) {
  const Action* a = find(t, ActionKind::kSendNotification);
  return a ? std::pair<int, int>{a->notification.code, a->notification.subcode}
           : std::pair<int, int>{0, 0};
}

}  // namespace

TEST_CASE("Active open: Idle -> Connect -> OpenSent -> OpenConfirm -> Established", "[bgp][fsm]") {
  Session s;
  auto t = run(s, Event::kManualStart);
  CHECK(t.session.state == State::kConnect);
  CHECK(has(t, ActionKind::kInitiateTcpConnection));
  CHECK(find(t, ActionKind::kStartConnectRetryTimer)->duration == seconds{120});

  t = run(t.session, Event::kTcpCrAcked);
  CHECK(t.session.state == State::kOpenSent);
  CHECK(has(t, ActionKind::kSendOpen));
  CHECK(has(t, ActionKind::kStopConnectRetryTimer));
  CHECK(find(t, ActionKind::kStartHoldTimer)->duration == seconds{240});  // "large value"

  t = run(t.session, Event::kBgpOpen, 90);  // the peer asks for 90 s
  CHECK(t.session.state == State::kOpenConfirm);
  CHECK(t.session.hold == seconds{90});
  CHECK(t.session.keepalive == seconds{30});
  CHECK(has(t, ActionKind::kSendKeepalive));
  CHECK(find(t, ActionKind::kStartHoldTimer)->duration == seconds{90});
  CHECK(find(t, ActionKind::kStartKeepaliveTimer)->duration == seconds{30});

  t = run(t.session, Event::kKeepAliveMsg);
  CHECK(t.session.state == State::kEstablished);
  CHECK(has(t, ActionKind::kSessionEstablished));
  CHECK(find(t, ActionKind::kStartHoldTimer)->duration == seconds{90});

  t = run(t.session, Event::kUpdateMsg);
  CHECK(t.session.state == State::kEstablished);
  CHECK(has(t, ActionKind::kProcessUpdate));
  CHECK(has(t, ActionKind::kStartHoldTimer));

  t = run(t.session, Event::kKeepaliveTimerExpires);
  CHECK(t.session.state == State::kEstablished);
  CHECK(has(t, ActionKind::kSendKeepalive));
  CHECK(find(t, ActionKind::kStartKeepaliveTimer)->duration == seconds{30});
}

TEST_CASE("Passive open waits in Active and never initiates", "[bgp][fsm]") {
  SessionTimers passive = kTimers;
  passive.passive = true;
  auto t = run(Session{}, Event::kManualStartWithPassiveTcpEstablishment, 180, passive);
  CHECK(t.session.state == State::kActive);
  CHECK_FALSE(has(t, ActionKind::kInitiateTcpConnection));
  t = run(t.session, Event::kConnectRetryTimerExpires, 180, passive);
  CHECK(t.session.state == State::kActive);
  CHECK_FALSE(has(t, ActionKind::kInitiateTcpConnection));
  t = run(t.session, Event::kTcpConnectionConfirmed, 180, passive);
  CHECK(t.session.state == State::kOpenSent);
  CHECK(has(t, ActionKind::kSendOpen));
}

TEST_CASE("A zero hold time runs no hold or keepalive timer", "[bgp][fsm]") {
  auto t = run(in(State::kOpenSent), Event::kBgpOpen, 0);
  CHECK(t.session.state == State::kOpenConfirm);
  CHECK(t.session.hold == seconds{0});
  CHECK(t.session.keepalive == seconds{0});
  CHECK(has(t, ActionKind::kSendKeepalive));
  CHECK_FALSE(has(t, ActionKind::kStartHoldTimer));
  CHECK_FALSE(has(t, ActionKind::kStartKeepaliveTimer));
  CHECK(has(t, ActionKind::kStopHoldTimer));
  t = run(t.session, Event::kKeepAliveMsg);
  CHECK(t.session.state == State::kEstablished);
  CHECK_FALSE(has(t, ActionKind::kStartHoldTimer));
}

TEST_CASE("Timer negotiation follows RFC 4271 4.2 and FRR's keepalive rule", "[bgp][fsm]") {
  CHECK(negotiated_hold(seconds{180}, 90) == seconds{90});
  CHECK(negotiated_hold(seconds{3}, 180) == seconds{3});
  CHECK(negotiated_hold(seconds{180}, 0) == seconds{0});
  CHECK(negotiated_keepalive(seconds{60}, seconds{180}) == seconds{60});
  CHECK(negotiated_keepalive(seconds{60}, seconds{9}) == seconds{3});
  CHECK(negotiated_keepalive(seconds{1}, seconds{3}) == seconds{1});
  CHECK(negotiated_keepalive(seconds{60}, seconds{0}) == seconds{0});
}

// One row per (state, event) whose outcome RFC 4271 8.2.2 fixes: next state, NOTIFICATION
// (code, subcode; 0,0 = none), and ConnectRetryCounter afterwards (it was 5: 6 = counted,
// 0 = reset by a start).
TEST_CASE("Each state answers each event as RFC 4271 8.2.2 says", "[bgp][fsm]") {
  struct Row {
    State from;
    Event event;
    State to;
    std::pair<int, int> notification;
    std::uint32_t counter;
  };
  const Row rows[] = {
      // Idle ignores everything but the starts.
      {State::kIdle, Event::kManualStop, State::kIdle, {0, 0}, 5},
      {State::kIdle, Event::kBgpOpen, State::kIdle, {0, 0}, 5},
      {State::kIdle, Event::kTcpConnectionFails, State::kIdle, {0, 0}, 5},
      {State::kIdle, Event::kAutomaticStart, State::kConnect, {0, 0}, 0},
      {State::kIdle, Event::kAutomaticStartWithPassiveTcpEstablishment, State::kActive, {0, 0}, 0},
      // Connect.
      {State::kConnect, Event::kManualStart, State::kConnect, {0, 0}, 5},
      {State::kConnect, Event::kConnectRetryTimerExpires, State::kConnect, {0, 0}, 5},
      {State::kConnect, Event::kTcpConnectionConfirmed, State::kOpenSent, {0, 0}, 5},
      {State::kConnect, Event::kTcpConnectionFails, State::kActive, {0, 0}, 5},
      {State::kConnect, Event::kHoldTimerExpires, State::kIdle, {0, 0}, 6},
      {State::kConnect, Event::kBgpOpen, State::kIdle, {0, 0}, 6},
      {State::kConnect, Event::kNotifMsgVerErr, State::kIdle, {0, 0}, 5},
      {State::kConnect, Event::kUpdateMsg, State::kIdle, {0, 0}, 6},
      // Active.
      {State::kActive, Event::kConnectRetryTimerExpires, State::kConnect, {0, 0}, 5},
      {State::kActive, Event::kTcpCrAcked, State::kOpenSent, {0, 0}, 5},
      {State::kActive, Event::kTcpConnectionFails, State::kActive, {0, 0}, 5},
      {State::kActive, Event::kKeepAliveMsg, State::kIdle, {0, 0}, 6},
      // OpenSent.
      {State::kOpenSent, Event::kAutomaticStop, State::kIdle, {6, 0}, 6},
      {State::kOpenSent, Event::kHoldTimerExpires, State::kIdle, {4, 0}, 6},
      {State::kOpenSent, Event::kTcpConnectionFails, State::kActive, {0, 0}, 5},
      {State::kOpenSent, Event::kBgpOpen, State::kOpenConfirm, {0, 0}, 5},
      {State::kOpenSent, Event::kBgpHeaderErr, State::kIdle, {3, 1}, 6},
      {State::kOpenSent, Event::kBgpOpenMsgErr, State::kIdle, {3, 1}, 6},
      {State::kOpenSent, Event::kOpenCollisionDump, State::kIdle, {6, 7}, 6},
      {State::kOpenSent, Event::kNotifMsgVerErr, State::kIdle, {0, 0}, 5},
      {State::kOpenSent, Event::kKeepAliveMsg, State::kIdle, {5, 1}, 6},
      {State::kOpenSent, Event::kUpdateMsg, State::kIdle, {5, 1}, 6},
      {State::kOpenSent, Event::kConnectRetryTimerExpires, State::kIdle, {5, 1}, 6},
      {State::kOpenSent, Event::kNotifMsg, State::kIdle, {5, 1}, 6},
      // OpenConfirm.
      {State::kOpenConfirm, Event::kHoldTimerExpires, State::kIdle, {4, 0}, 6},
      {State::kOpenConfirm, Event::kKeepaliveTimerExpires, State::kOpenConfirm, {0, 0}, 5},
      {State::kOpenConfirm, Event::kTcpConnectionFails, State::kIdle, {0, 0}, 6},
      {State::kOpenConfirm, Event::kNotifMsg, State::kIdle, {0, 0}, 6},
      {State::kOpenConfirm, Event::kNotifMsgVerErr, State::kIdle, {0, 0}, 5},
      {State::kOpenConfirm, Event::kOpenCollisionDump, State::kIdle, {6, 7}, 6},
      {State::kOpenConfirm, Event::kKeepAliveMsg, State::kEstablished, {0, 0}, 5},
      {State::kOpenConfirm, Event::kUpdateMsg, State::kIdle, {5, 2}, 6},
      {State::kOpenConfirm, Event::kBgpOpen, State::kIdle, {5, 2}, 6},
      // Established.
      {State::kEstablished, Event::kAutomaticStop, State::kIdle, {6, 0}, 6},
      {State::kEstablished, Event::kHoldTimerExpires, State::kIdle, {4, 0}, 6},
      {State::kEstablished, Event::kKeepaliveTimerExpires, State::kEstablished, {0, 0}, 5},
      {State::kEstablished, Event::kTcpConnectionFails, State::kIdle, {0, 0}, 6},
      {State::kEstablished, Event::kNotifMsg, State::kIdle, {0, 0}, 6},
      {State::kEstablished, Event::kNotifMsgVerErr, State::kIdle, {0, 0}, 5},
      {State::kEstablished, Event::kKeepAliveMsg, State::kEstablished, {0, 0}, 5},
      {State::kEstablished, Event::kUpdateMsg, State::kEstablished, {0, 0}, 5},
      {State::kEstablished, Event::kUpdateMsgErr, State::kIdle, {3, 1}, 6},
      {State::kEstablished, Event::kBgpHeaderErr, State::kIdle, {3, 1}, 6},
      {State::kEstablished, Event::kOpenCollisionDump, State::kIdle, {6, 7}, 6},
      {State::kEstablished, Event::kBgpOpen, State::kIdle, {5, 3}, 6},
      {State::kEstablished, Event::kConnectRetryTimerExpires, State::kIdle, {5, 3}, 6},
      {State::kEstablished, Event::kTcpConnectionConfirmed, State::kEstablished, {0, 0}, 5},
  };
  for (const Row& row : rows) {
    INFO(state_name(row.from) << " + " << event_name(row.event));
    Session from = in(row.from);
    from.connect_retry_counter = 5;
    const auto t = run(from, row.event);
    CHECK(t.session.state == row.to);
    CHECK(notified(t) == row.notification);
    CHECK(t.session.connect_retry_counter == row.counter);
    if (row.to == State::kIdle && row.from != State::kIdle) {
      // Every exit to Idle drops the connection, forgets the peer's routes, stops timers.
      CHECK(has(t, ActionKind::kDropTcpConnection));
      CHECK(has(t, ActionKind::kReleaseResources));
      CHECK(has(t, ActionKind::kStopHoldTimer));
      CHECK(has(t, ActionKind::kStopKeepaliveTimer));
      CHECK(t.session.hold == seconds{0});
    }
  }
}

TEST_CASE("ManualStop sends Cease/Administrative Shutdown with the shutdown message",
          "[bgp][fsm]") {
  for (State state : {State::kOpenSent, State::kOpenConfirm, State::kEstablished}) {
    EventInput stop;
    stop.event = Event::kManualStop;
    stop.notification.data = {4, 'm', 'a', 'i', 'n'};  // RFC 9003: length, UTF-8
    Session from = in(state);
    from.connect_retry_counter = 3;
    const auto t = step(from, kTimers, stop);
    CHECK(t.session.state == State::kIdle);
    CHECK(t.session.stopped);
    CHECK(t.session.connect_retry_counter == 0);
    const Action* cease = find(t, ActionKind::kSendNotification);
    REQUIRE(cease != nullptr);
    CHECK(cease->notification ==
          NotificationToSend{.code = 6, .subcode = 2, .data = {4, 'm', 'a', 'i', 'n'}});
    CHECK_FALSE(has(t, ActionKind::kStartIdleHoldTimer));
  }
  // Before OPEN went out there is nobody to tell.
  const auto t = run(in(State::kConnect), Event::kManualStop);
  CHECK(t.session.state == State::kIdle);
  CHECK_FALSE(has(t, ActionKind::kSendNotification));
}

TEST_CASE("A stopped session restarts only on ManualStart", "[bgp][fsm]") {
  auto t = run(in(State::kEstablished), Event::kManualStop);
  REQUIRE(t.session.stopped);
  CHECK(run(t.session, Event::kAutomaticStart).session.state == State::kIdle);
  CHECK(run(t.session, Event::kIdleHoldTimerExpires).session.state == State::kIdle);
  const auto started = run(t.session, Event::kManualStart);
  CHECK(started.session.state == State::kConnect);
  CHECK_FALSE(started.session.stopped);
}

TEST_CASE("Errors restart automatically after a back-off that doubles up to its cap",
          "[bgp][fsm]") {
  SessionTimers timers = kTimers;
  timers.idle_hold_initial = seconds{1};
  timers.idle_hold_max = seconds{10};
  Session s = in(State::kOpenSent);
  std::vector<seconds> waits;
  for (int attempt = 0; attempt < 6; ++attempt) {
    auto t = run(s, Event::kHoldTimerExpires, 180, timers);
    REQUIRE(t.session.state == State::kIdle);
    waits.push_back(find(t, ActionKind::kStartIdleHoldTimer)->duration);
    t = run(t.session, Event::kIdleHoldTimerExpires, 180, timers);  // restarts on its own
    REQUIRE(t.session.state == State::kConnect);
    REQUIRE(has(t, ActionKind::kInitiateTcpConnection));
    s = t.session;
    s.state = State::kOpenSent;
  }
  CHECK(waits == std::vector<seconds>{seconds{1}, seconds{2}, seconds{4}, seconds{8}, seconds{10},
                                      seconds{10}});

  // Reaching Established starts the back-off over.
  s.state = State::kOpenConfirm;
  auto t = run(s, Event::kKeepAliveMsg, 180, timers);
  REQUIRE(t.session.state == State::kEstablished);
  t = run(t.session, Event::kHoldTimerExpires, 180, timers);
  CHECK(find(t, ActionKind::kStartIdleHoldTimer)->duration == seconds{1});
}

TEST_CASE("A passive session restarts passively after an error", "[bgp][fsm]") {
  SessionTimers passive = kTimers;
  passive.passive = true;
  auto t = run(in(State::kEstablished), Event::kNotifMsg, 180, passive);
  t = run(t.session, Event::kIdleHoldTimerExpires, 180, passive);
  CHECK(t.session.state == State::kActive);
  CHECK_FALSE(has(t, ActionKind::kInitiateTcpConnection));
}

TEST_CASE("Late restart timers are ignored once the session runs", "[bgp][fsm]") {
  for (State state : {State::kConnect, State::kActive, State::kOpenSent, State::kOpenConfirm,
                      State::kEstablished}) {
    const auto t = run(in(state), Event::kIdleHoldTimerExpires);
    CHECK(t.session == in(state));
    CHECK(t.actions.empty());
  }
}

TEST_CASE("Every state and event gives a defined answer", "[bgp][fsm]") {
  const Event events[] = {Event::kManualStart,
                          Event::kManualStop,
                          Event::kAutomaticStart,
                          Event::kManualStartWithPassiveTcpEstablishment,
                          Event::kAutomaticStartWithPassiveTcpEstablishment,
                          Event::kAutomaticStop,
                          Event::kConnectRetryTimerExpires,
                          Event::kHoldTimerExpires,
                          Event::kKeepaliveTimerExpires,
                          Event::kIdleHoldTimerExpires,
                          Event::kTcpConnectionValid,
                          Event::kTcpCrInvalid,
                          Event::kTcpCrAcked,
                          Event::kTcpConnectionConfirmed,
                          Event::kTcpConnectionFails,
                          Event::kBgpOpen,
                          Event::kBgpHeaderErr,
                          Event::kBgpOpenMsgErr,
                          Event::kOpenCollisionDump,
                          Event::kNotifMsgVerErr,
                          Event::kNotifMsg,
                          Event::kKeepAliveMsg,
                          Event::kUpdateMsg,
                          Event::kUpdateMsgErr};
  for (State state : {State::kIdle, State::kConnect, State::kActive, State::kOpenSent,
                      State::kOpenConfirm, State::kEstablished}) {
    for (Event event : events) {
      INFO(state_name(state) << " + " << event_name(event));
      const auto t = run(in(state), event);
      CHECK(state_name(t.session.state) != "Unknown");
      CHECK(event_name(event) != "Unknown");
      // Nothing is sent on a connection that the same step drops, except a NOTIFICATION.
      if (has(t, ActionKind::kDropTcpConnection)) {
        CHECK_FALSE(has(t, ActionKind::kSendOpen));
        CHECK_FALSE(has(t, ActionKind::kSendKeepalive));
      }
      // Established is reached only from OpenConfirm on a KEEPALIVE.
      if (t.session.state == State::kEstablished && state != State::kEstablished)
        CHECK((state == State::kOpenConfirm && event == Event::kKeepAliveMsg));
    }
  }
}

TEST_CASE("Collision resolution keeps the higher BGP Identifier's connection",
          "[bgp][fsm][collision]") {
  // RFC 4271 6.8: compare the identifiers as host-order integers.
  CHECK(keep_locally_initiated(0x0a000002, 0x0a000001));
  CHECK_FALSE(keep_locally_initiated(0x0a000001, 0x0a000002));
  CHECK_FALSE(keep_locally_initiated(0x01000000, 0xc0000001));
}
