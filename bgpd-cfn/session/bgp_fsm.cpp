// RFC 4271 section 8.2.2 transitions, state by state. Deviations, each as FRR behaves: a
// failed TCP connection in Connect or Active waits in Active for the ConnectRetryTimer (RFC:
// Idle); a passive session never initiates; a stale IdleHoldTimer_Expires outside Idle is
// ignored; every fall to Idle after an error restarts automatically after a back-off.
#include "bgpd-cfn/session/bgp_fsm.hpp"

#include <algorithm>

namespace cfn::bgp {
namespace {

using std::chrono::seconds;

class Builder {
 public:
  Builder(const Session& session, const SessionTimers& timers) : timers_(timers) {
    out_.session = session;
  }

  Session& session() { return out_.session; }
  const SessionTimers& timers() const { return timers_; }
  void act(ActionKind kind, seconds duration = seconds{0}) {
    out_.actions.push_back(Action{.kind = kind, .duration = duration, .notification = {}});
  }
  void notify(NotificationToSend notification) {
    out_.actions.push_back(Action{
        .kind = ActionKind::kSendNotification, .duration = {}, .notification = notification});
  }
  void notify(std::uint8_t code, std::uint8_t subcode) {
    notify(NotificationToSend{.code = code, .subcode = subcode, .data = {}});
  }
  Transition done() { return std::move(out_); }

 private:
  const SessionTimers& timers_;
  Transition out_;
};

void stop_timers(Builder& b) {
  b.act(ActionKind::kStopConnectRetryTimer);
  b.act(ActionKind::kStopHoldTimer);
  b.act(ActionKind::kStopKeepaliveTimer);
}

void to_idle(Builder& b) {
  stop_timers(b);
  b.act(ActionKind::kReleaseResources);
  b.act(ActionKind::kDropTcpConnection);
  Session& s = b.session();
  s.state = State::kIdle;
  s.hold = s.keepalive = seconds{0};
}

// The common error exit: to Idle, ConnectRetryCounter incremented (unless `count` is false,
// as for NotifMsgVerErr), then an automatic restart after the back-off, which doubles.
void fail(Builder& b, bool count = true) {
  to_idle(b);
  Session& s = b.session();
  if (count) ++s.connect_retry_counter;
  const seconds wait = s.idle_hold.count() != 0 ? s.idle_hold : b.timers().idle_hold_initial;
  b.act(ActionKind::kStartIdleHoldTimer, wait);
  s.idle_hold = std::min(wait * 2, b.timers().idle_hold_max);
}

// ManualStop: to Idle with the counter at zero and no automatic restart. Once OPEN was sent
// the peer hears why: Cease / Administrative Shutdown (RFC 4486), with the RFC 9003
// shutdown communication the operator gave.
void manual_stop(Builder& b, const EventInput& input, bool notify) {
  if (notify) {
    NotificationToSend cease = input.notification;
    cease.subcode = cease.code == kCease ? cease.subcode : kCeaseAdministrativeShutdown;
    cease.code = kCease;
    b.notify(cease);
  }
  to_idle(b);
  b.act(ActionKind::kStopIdleHoldTimer);
  Session& s = b.session();
  s.connect_retry_counter = 0;
  s.idle_hold = seconds{0};
  s.stopped = true;
}

// Idle -> Connect (active) or Active (passive): RFC 4271 8.2.2, Idle state, events 1-5.
void start(Builder& b, bool passive) {
  Session& s = b.session();
  b.act(ActionKind::kStopIdleHoldTimer);
  b.act(ActionKind::kStartConnectRetryTimer, b.timers().connect_retry);
  if (passive) {
    s.state = State::kActive;
  } else {
    b.act(ActionKind::kInitiateTcpConnection);
    s.state = State::kConnect;
  }
}

// The TCP connection is up (events 16, 17): send OPEN and wait for the peer's.
void connected(Builder& b) {
  b.act(ActionKind::kStopConnectRetryTimer);
  b.act(ActionKind::kSendOpen);
  b.act(ActionKind::kStartHoldTimer, b.timers().open_hold);
  b.session().state = State::kOpenSent;
}

// The connection failed before OPEN: wait for the next try in Active, as FRR does.
void retry_later(Builder& b) {
  b.act(ActionKind::kDropTcpConnection);
  b.act(ActionKind::kStopHoldTimer);
  b.act(ActionKind::kStartConnectRetryTimer, b.timers().connect_retry);
  b.session().state = State::kActive;
}

void restart_hold_timer(Builder& b) {
  if (b.session().hold.count() != 0) b.act(ActionKind::kStartHoldTimer, b.session().hold);
}

void send_keepalive(Builder& b) {
  b.act(ActionKind::kSendKeepalive);
  if (b.session().keepalive.count() != 0)
    b.act(ActionKind::kStartKeepaliveTimer, b.session().keepalive);
}

bool is_start(Event e) {
  return e == Event::kManualStart || e == Event::kAutomaticStart ||
         e == Event::kManualStartWithPassiveTcpEstablishment ||
         e == Event::kAutomaticStartWithPassiveTcpEstablishment;
}

// Events another part of the peer handles (a second connection is tracked for collision
// detection, RFC 4271 6.8) or that are stale (a restart timer that fired late).
bool ignored_once_started(Event e) {
  return is_start(e) || e == Event::kTcpConnectionValid || e == Event::kTcpCrInvalid ||
         e == Event::kIdleHoldTimerExpires;
}

Transition idle(Builder& b, const EventInput& input) {
  Session& s = b.session();
  switch (input.event) {
    case Event::kManualStart:
    case Event::kManualStartWithPassiveTcpEstablishment:
      s.stopped = false;
      s.connect_retry_counter = 0;
      start(b, input.event == Event::kManualStartWithPassiveTcpEstablishment);
      break;
    case Event::kAutomaticStart:
    case Event::kAutomaticStartWithPassiveTcpEstablishment:
      if (s.stopped) break;
      s.connect_retry_counter = 0;
      start(b, input.event == Event::kAutomaticStartWithPassiveTcpEstablishment);
      break;
    case Event::kIdleHoldTimerExpires:  // the back-off is over: restart automatically
      if (!s.stopped) start(b, b.timers().passive);
      break;
    default:  // RFC 4271: any other event in Idle is ignored
      break;
  }
  return b.done();
}

// Connect and Active differ only in what the ConnectRetryTimer and a failure do.
Transition connecting(Builder& b, const EventInput& input) {
  const Event e = input.event;
  if (ignored_once_started(e)) return b.done();
  switch (e) {
    case Event::kManualStop:
      manual_stop(b, input, false);
      break;
    case Event::kConnectRetryTimerExpires:
      b.act(ActionKind::kDropTcpConnection);
      b.act(ActionKind::kStartConnectRetryTimer, b.timers().connect_retry);
      if (!b.timers().passive) {
        b.act(ActionKind::kInitiateTcpConnection);
        b.session().state = State::kConnect;
      }
      break;
    case Event::kTcpCrAcked:
    case Event::kTcpConnectionConfirmed:
      connected(b);
      break;
    case Event::kTcpConnectionFails:
      retry_later(b);
      break;
    case Event::kNotifMsgVerErr:
      fail(b, false);
      break;
    default:
      fail(b);
      break;
  }
  return b.done();
}

// What OpenSent, OpenConfirm and Established answer alike (RFC 4271 8.2.2). True when
// `input` was one of these events.
bool after_open(Builder& b, const EventInput& input) {
  switch (input.event) {
    case Event::kManualStop:
      manual_stop(b, input, true);
      return true;
    case Event::kAutomaticStop:
      b.notify(kCease, 0);
      break;
    case Event::kHoldTimerExpires:
      b.notify(kHoldTimerExpired, 0);
      break;
    case Event::kBgpHeaderErr:
    case Event::kBgpOpenMsgErr:
      b.notify(input.notification);
      break;
    case Event::kOpenCollisionDump:
      b.notify(kCease, kCeaseConnectionCollisionResolution);
      break;
    case Event::kNotifMsgVerErr:
      fail(b, false);
      return true;
    default:
      return false;
  }
  fail(b);
  return true;
}

// What OpenConfirm and Established answer alike, once both OPENs are through.
bool after_open_confirmed(Builder& b, const EventInput& input) {
  switch (input.event) {
    case Event::kKeepaliveTimerExpires:
      send_keepalive(b);
      return true;
    case Event::kTcpConnectionFails:
    case Event::kNotifMsg:
      fail(b);
      return true;
    default:
      return false;
  }
}

// Any other event: RFC 6608 names the state that did not expect it.
void unexpected(Builder& b, std::uint8_t subcode) {
  b.notify(kFsmError, subcode);
  fail(b);
}

Transition open_sent(Builder& b, const EventInput& input) {
  const Event e = input.event;
  if (ignored_once_started(e) || after_open(b, input)) return b.done();
  Session& s = b.session();
  switch (e) {
    case Event::kTcpConnectionFails:
      retry_later(b);
      break;
    case Event::kBgpOpen:
      b.act(ActionKind::kStopConnectRetryTimer);
      s.hold = negotiated_hold(b.timers().hold, input.peer_hold_time);
      s.keepalive = negotiated_keepalive(b.timers().keepalive, s.hold);
      send_keepalive(b);
      if (s.hold.count() != 0) {
        b.act(ActionKind::kStartHoldTimer, s.hold);
      } else {
        b.act(ActionKind::kStopHoldTimer);
      }
      s.state = State::kOpenConfirm;
      break;
    default:
      unexpected(b, kFsmUnexpectedInOpenSent);
      break;
  }
  return b.done();
}

// A second connection's TCP events (16, 17) belong to collision detection, not to this FSM.
bool second_connection(Event e) {
  return e == Event::kTcpCrAcked || e == Event::kTcpConnectionConfirmed;
}

Transition open_confirm(Builder& b, const EventInput& input) {
  const Event e = input.event;
  if (ignored_once_started(e) || second_connection(e) || after_open(b, input) ||
      after_open_confirmed(b, input))
    return b.done();
  if (e == Event::kKeepAliveMsg) {
    restart_hold_timer(b);
    b.act(ActionKind::kSessionEstablished);
    b.session().idle_hold = seconds{0};  // the back-off starts over
    b.session().state = State::kEstablished;
  } else {
    unexpected(b, kFsmUnexpectedInOpenConfirm);
  }
  return b.done();
}

Transition established(Builder& b, const EventInput& input) {
  const Event e = input.event;
  if (ignored_once_started(e) || second_connection(e) || after_open(b, input) ||
      after_open_confirmed(b, input))
    return b.done();
  switch (e) {
    case Event::kKeepAliveMsg:
      restart_hold_timer(b);
      break;
    case Event::kUpdateMsg:
      b.act(ActionKind::kProcessUpdate);
      restart_hold_timer(b);
      break;
    case Event::kUpdateMsgErr:
      b.notify(input.notification);
      fail(b);
      break;
    default:
      unexpected(b, kFsmUnexpectedInEstablished);
      break;
  }
  return b.done();
}

}  // namespace

Transition step(const Session& session, const SessionTimers& timers, const EventInput& input) {
  Builder b(session, timers);
  switch (session.state) {
    case State::kIdle:
      return idle(b, input);
    case State::kConnect:
    case State::kActive:
      return connecting(b, input);
    case State::kOpenSent:
      return open_sent(b, input);
    case State::kOpenConfirm:
      return open_confirm(b, input);
    case State::kEstablished:
      return established(b, input);
  }
  return b.done();
}

seconds negotiated_hold(seconds mine, std::uint16_t peer) {
  return std::min(mine, seconds{peer});
}

seconds negotiated_keepalive(seconds configured, seconds hold) {
  if (hold.count() == 0) return seconds{0};
  return std::min(configured, hold / 3);
}

bool keep_locally_initiated(std::uint32_t local_id, std::uint32_t remote_id) {
  return local_id > remote_id;
}

std::string_view state_name(State state) {
  switch (state) {
    case State::kIdle:
      return "Idle";
    case State::kConnect:
      return "Connect";
    case State::kActive:
      return "Active";
    case State::kOpenSent:
      return "OpenSent";
    case State::kOpenConfirm:
      return "OpenConfirm";
    case State::kEstablished:
      return "Established";
  }
  return "Unknown";
}

std::string_view event_name(Event event) {
  switch (event) {
    case Event::kManualStart:
      return "ManualStart";
    case Event::kManualStop:
      return "ManualStop";
    case Event::kAutomaticStart:
      return "AutomaticStart";
    case Event::kManualStartWithPassiveTcpEstablishment:
      return "ManualStart_with_PassiveTcpEstablishment";
    case Event::kAutomaticStartWithPassiveTcpEstablishment:
      return "AutomaticStart_with_PassiveTcpEstablishment";
    case Event::kAutomaticStop:
      return "AutomaticStop";
    case Event::kConnectRetryTimerExpires:
      return "ConnectRetryTimer_Expires";
    case Event::kHoldTimerExpires:
      return "HoldTimer_Expires";
    case Event::kKeepaliveTimerExpires:
      return "KeepaliveTimer_Expires";
    case Event::kIdleHoldTimerExpires:
      return "IdleHoldTimer_Expires";
    case Event::kTcpConnectionValid:
      return "TcpConnection_Valid";
    case Event::kTcpCrInvalid:
      return "Tcp_CR_Invalid";
    case Event::kTcpCrAcked:
      return "Tcp_CR_Acked";
    case Event::kTcpConnectionConfirmed:
      return "TcpConnectionConfirmed";
    case Event::kTcpConnectionFails:
      return "TcpConnectionFails";
    case Event::kBgpOpen:
      return "BGPOpen";
    case Event::kBgpHeaderErr:
      return "BGPHeaderErr";
    case Event::kBgpOpenMsgErr:
      return "BGPOpenMsgErr";
    case Event::kOpenCollisionDump:
      return "OpenCollisionDump";
    case Event::kNotifMsgVerErr:
      return "NotifMsgVerErr";
    case Event::kNotifMsg:
      return "NotifMsg";
    case Event::kKeepAliveMsg:
      return "KeepAliveMsg";
    case Event::kUpdateMsg:
      return "UpdateMsg";
    case Event::kUpdateMsgErr:
      return "UpdateMsgErr";
  }
  return "Unknown";
}

}  // namespace cfn::bgp
