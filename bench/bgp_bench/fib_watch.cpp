// watch_fib: an RTMGRP_IPV4_ROUTE listener over libcfn's rtnetlink codec; RTM_NEWROUTE inserts
// a prefix of the injected range, RTM_DELROUTE removes it.
#include "bench/bgp_bench/fib_watch.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench/bgp_bench/session.hpp"
#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::bench {

namespace {

class Socket {
 public:
  explicit Socket(std::uint32_t groups) {
    fd_ = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd_ < 0) fail("socket");
    int size = 256 << 20;  // a burst of 1M notifications is about 100 MB
    if (::setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    sockaddr_nl local{};
    local.nl_family = AF_NETLINK;
    local.nl_groups = groups;
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) fail("bind");
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  [[noreturn]] static void fail(const char* call) {
    throw std::runtime_error(std::string("netlink ") + call + ": " + std::strerror(errno));
  }

 private:
  int fd_ = -1;
};

class RouteSet {
 public:
  explicit RouteSet(const TableSpec& spec) : spec_(spec) { held_.reserve(spec.prefixes); }

  // Applies every route message of a datagram; true when it held NLMSG_DONE.
  bool apply(std::span<const std::uint8_t> datagram) {
    auto messages = netlink::split_messages(datagram);
    if (!messages) throw std::runtime_error("netlink: " + messages.error);
    bool done = false;
    for (const netlink::MessageView& m : *messages.value) {
      if (m.header.type == NLMSG_DONE) done = true;
      if (m.header.type != RTM_NEWROUTE && m.header.type != RTM_DELROUTE) continue;
      const auto route = netlink::decode_route(m);
      if (!route || route.value->table != netlink::kMainTable) continue;
      const net::Prefix& prefix = route.value->prefix;
      if (!prefix.is_v4() || prefix.length() != spec_.length) continue;
      const std::uint64_t index =
          (prefix.address().v4_value() - std::uint64_t{spec_.base}) >> (32 - spec_.length);
      if (prefix.address().v4_value() < spec_.base || index >= spec_.prefixes) continue;
      if (m.header.type == RTM_NEWROUTE) {
        held_.insert(static_cast<std::uint32_t>(index));
      } else {
        held_.erase(static_cast<std::uint32_t>(index));
      }
    }
    return done;
  }
  std::size_t held() const { return held_.size(); }
  void clear() { held_.clear(); }

 private:
  const TableSpec& spec_;
  std::unordered_set<std::uint32_t> held_;
};

// Recounts the table from a dump.
void resync(RouteSet& routes, std::vector<std::uint8_t>& buffer) {
  Socket dump(0);
  netlink::Buffer request;
  netlink::encode_dump_request(request, RTM_GETROUTE, AF_INET, 1);
  if (::send(dump.fd(), request.data(), request.size(), 0) < 0) Socket::fail("send");
  routes.clear();
  for (;;) {
    const ssize_t n = ::recv(dump.fd(), buffer.data(), buffer.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      Socket::fail("recv");
    }
    if (routes.apply({buffer.data(), static_cast<std::size_t>(n)})) return;
  }
}

}  // namespace

int watch_fib(const TableSpec& spec, const volatile std::sig_atomic_t& stop) {
  Socket events(RTMGRP_IPV4_ROUTE);
  std::printf("listening\n");
  std::fflush(stdout);
  std::vector<std::uint8_t> buffer(1 << 20);
  RouteSet routes(spec);
  resync(routes, buffer);
  unsigned resyncs = 0;
  bool complete = false;
  while (!stop) {
    if (!complete && routes.held() >= spec.prefixes) {
      complete = true;
      std::printf("complete mono_ns=%lld held=%zu\n", mono_ns(Session::Clock::now()),
                  routes.held());
      std::fflush(stdout);
    }
    pollfd p{events.fd(), POLLIN, 0};
    if (::poll(&p, 1, 500) <= 0) continue;
    const ssize_t n = ::recv(events.fd(), buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n >= 0) {
      routes.apply({buffer.data(), static_cast<std::size_t>(n)});
    } else if (errno == ENOBUFS) {  // notifications were lost: count again
      ++resyncs;
      resync(routes, buffer);
    } else if (errno != EAGAIN && errno != EINTR) {
      Socket::fail("recv");
    }
  }
  std::printf("final held=%zu resyncs=%u\n", routes.held(), resyncs);
  return 0;
}

}  // namespace cfn::bench
