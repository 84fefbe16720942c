#include "bench/fib_bench/raw_netlink.hpp"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace cfn::bench {
namespace {

constexpr std::uint32_t kRtaNhId = 30;  // RTA_NH_ID (linux >= 5.3)

int open_socket(int sndbuf, int rcvbuf) {
  int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) throw std::runtime_error(std::string("netlink socket: ") + std::strerror(errno));
  // Root: the FORCE variants go past net.core.{w,r}mem_max.
  if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf) < 0)
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  int one = 1;
  ::setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);  // best effort
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) < 0) {
    int e = errno;
    ::close(fd);
    throw std::runtime_error(std::string("netlink bind: ") + std::strerror(e));
  }
  return fd;
}

// Appends to a fixed buffer; the caller checks room first.
class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& buffer) : buf_(buffer) {}
  std::size_t size() const { return buf_.size(); }
  void* grow(std::size_t n) {
    std::size_t at = buf_.size();
    buf_.resize(at + NLMSG_ALIGN(n));
    std::memset(buf_.data() + at, 0, NLMSG_ALIGN(n));
    return buf_.data() + at;
  }
  void attr(std::uint16_t type, const void* data, std::size_t len) {
    auto* rta = static_cast<rtattr*>(grow(RTA_LENGTH(len)));
    rta->rta_type = type;
    rta->rta_len = static_cast<std::uint16_t>(RTA_LENGTH(len));
    std::memcpy(RTA_DATA(rta), data, len);
  }
  void u32(std::uint16_t type, std::uint32_t v) { attr(type, &v, sizeof v); }
  std::uint8_t* at(std::size_t offset) { return buf_.data() + offset; }

 private:
  std::vector<std::uint8_t>& buf_;
};

void encode(Writer& w, Op op, std::uint32_t seq, std::uint32_t i, const Shape& shape,
            std::uint32_t ifindex) {
  const std::size_t start = w.size();
  auto* nlh = static_cast<nlmsghdr*>(w.grow(NLMSG_HDRLEN));
  nlh->nlmsg_type = op == Op::kDelete ? RTM_DELROUTE : RTM_NEWROUTE;
  nlh->nlmsg_flags = NLM_F_REQUEST;
  if (op == Op::kInstall) nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
  if (op == Op::kReplace) nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_REPLACE;
  nlh->nlmsg_seq = seq;
  auto* rtm = static_cast<rtmsg*>(w.grow(sizeof(rtmsg)));
  rtm->rtm_family = AF_INET;
  rtm->rtm_dst_len = 24;
  rtm->rtm_table = RT_TABLE_MAIN;
  rtm->rtm_protocol = kProto;
  if (op == Op::kDelete) {
    rtm->rtm_scope = RT_SCOPE_NOWHERE;
  } else {
    rtm->rtm_scope = RT_SCOPE_UNIVERSE;
    rtm->rtm_type = RTN_UNICAST;
  }
  std::uint32_t dst = htonl(route_address(i));
  w.attr(RTA_DST, &dst, 4);
  w.u32(RTA_PRIORITY, kMetric);
  if (op != Op::kDelete) {
    switch (shape.kind) {
      case Shape::Kind::kSingle: {
        std::uint32_t gw = htonl(shape.gateway);
        w.attr(RTA_GATEWAY, &gw, 4);
        w.u32(RTA_OIF, ifindex);
        break;
      }
      case Shape::Kind::kMultipath: {
        const std::size_t mp = w.size();
        auto* rta = static_cast<rtattr*>(w.grow(RTA_LENGTH(0)));
        rta->rta_type = RTA_MULTIPATH;
        for (std::size_t k = 0; k < shape.weights.size(); ++k) {
          auto* rtnh = static_cast<rtnexthop*>(w.grow(sizeof(rtnexthop)));
          rtnh->rtnh_len =
              static_cast<std::uint16_t>(RTNH_ALIGN(sizeof(rtnexthop)) + RTA_LENGTH(4));
          rtnh->rtnh_hops = static_cast<std::uint8_t>(shape.weights[k] - 1);
          rtnh->rtnh_ifindex = static_cast<int>(ifindex);
          std::uint32_t gw = htonl(kGatewayBase + static_cast<std::uint32_t>(k));
          w.attr(RTA_GATEWAY, &gw, 4);  // may move the buffer: rtnh is not used after this
        }
        reinterpret_cast<rtattr*>(w.at(mp))->rta_len = static_cast<std::uint16_t>(w.size() - mp);
        break;
      }
      case Shape::Kind::kGroup:
        w.u32(kRtaNhId, shape.nexthop_id);
        break;
    }
  }
  reinterpret_cast<nlmsghdr*>(w.at(start))->nlmsg_len =
      static_cast<std::uint32_t>(w.size() - start);
}

// Reads error reports without blocking; with no NLM_F_ACK only failures are reported.
void drain(int fd, std::vector<std::uint8_t>& rx, SendResult& result) {
  for (;;) {
    ssize_t n = ::recv(fd, rx.data(), rx.size(), MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOBUFS) {
        ++result.lost_errors;
        continue;
      }
      return;  // EAGAIN: nothing more
    }
    int len = static_cast<int>(n);
    for (auto* h = reinterpret_cast<nlmsghdr*>(rx.data()); NLMSG_OK(h, len);
         h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type != NLMSG_ERROR) continue;
      const auto* e = static_cast<const nlmsgerr*>(NLMSG_DATA(h));
      if (e->error != 0) {
        if (result.errors++ == 0) result.first_error = -e->error;
      }
    }
  }
}

void send_all(int fd, const std::vector<std::uint8_t>& buf, SendResult& result) {
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  for (;;) {
    ssize_t n = ::sendto(fd, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&kernel),
                         sizeof kernel);
    if (n >= 0) break;
    if (errno == EINTR || errno == ENOBUFS || errno == EAGAIN) continue;
    throw std::runtime_error(std::string("netlink send: ") + std::strerror(errno));
  }
  ++result.writes;
}

}  // namespace

Shape single_shape(std::uint32_t gateway) {
  Shape s;
  s.kind = Shape::Kind::kSingle;
  s.gateway = gateway;
  return s;
}
Shape multipath_shape(std::vector<std::uint16_t> weights) {
  Shape s;
  s.kind = Shape::Kind::kMultipath;
  s.weights = std::move(weights);
  return s;
}
Shape group_shape(std::uint32_t nexthop_id) {
  Shape s;
  s.kind = Shape::Kind::kGroup;
  s.nexthop_id = nexthop_id;
  return s;
}

const char* op_name(Op op) {
  switch (op) {
    case Op::kInstall:
      return "install";
    case Op::kReplace:
      return "replace";
    case Op::kDelete:
      return "delete";
  }
  return "?";
}

SendResult raw_send(Op op, std::uint32_t count, const Shape& shape, std::uint32_t ifindex,
                    std::size_t write_bytes) {
  const int bufsize = static_cast<int>(write_bytes * 4 + (1 << 20));
  int fd = open_socket(bufsize, 32 << 20);
  SendResult result;
  std::vector<std::uint8_t> buf;
  buf.reserve(write_bytes + 4096);
  std::vector<std::uint8_t> rx(1 << 16);
  Writer w(buf);
  constexpr std::size_t kMaxMessage = 256;  // one route request is at most ~150 bytes
  const auto t0 = std::chrono::steady_clock::now();
  const CpuTimes cpu0 = cpu_times();
  for (std::uint32_t i = 0; i < count; ++i) {
    if (buf.size() + kMaxMessage > write_bytes) {
      send_all(fd, buf, result);
      buf.clear();
      drain(fd, rx, result);
    }
    encode(w, op, i + 1, i, shape, ifindex);
    ++result.messages;
  }
  if (!buf.empty()) send_all(fd, buf, result);
  drain(fd, rx, result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.cpu = cpu_times() - cpu0;
  ::close(fd);
  return result;
}

DumpResult dump_routes(const Shape* expected) {
  DumpResult result;
  int fd;
  try {
    fd = open_socket(1 << 20, 8 << 20);
  } catch (const std::exception& e) {
    result.error = e.what();
    return result;
  }
  struct {
    nlmsghdr nlh;
    rtmsg rtm;
  } req{};
  req.nlh.nlmsg_len = sizeof req;
  req.nlh.nlmsg_type = RTM_GETROUTE;
  req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.nlh.nlmsg_seq = 1;
  req.rtm.rtm_family = AF_INET;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    result.error = std::string("dump send: ") + std::strerror(errno);
    ::close(fd);
    return result;
  }
  std::vector<std::uint8_t> rx(1 << 20);
  bool done = false;
  while (!done) {
    ssize_t n = ::recv(fd, rx.data(), rx.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.error = std::string("dump recv: ") + std::strerror(errno);
      break;
    }
    int len = static_cast<int>(n);
    for (auto* h = reinterpret_cast<nlmsghdr*>(rx.data()); NLMSG_OK(h, len);
         h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type == NLMSG_DONE) {
        done = true;
        break;
      }
      if (h->nlmsg_type == NLMSG_ERROR) {
        result.error = "dump: kernel error";
        done = true;
        break;
      }
      if (h->nlmsg_type != RTM_NEWROUTE) continue;
      const auto* rtm = static_cast<const rtmsg*>(NLMSG_DATA(h));
      if (rtm->rtm_protocol != kProto) continue;
      std::uint32_t table = rtm->rtm_table;
      std::uint32_t gateway = 0, nhid = 0;
      bool has_gateway = false;
      std::vector<std::pair<std::uint32_t, std::uint16_t>> hops;  // gateway, weight
      int alen = static_cast<int>(RTM_PAYLOAD(h));
      for (auto* a = RTM_RTA(rtm); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
        switch (a->rta_type) {
          case RTA_TABLE:
            std::memcpy(&table, RTA_DATA(a), 4);
            break;
          case RTA_GATEWAY:
            std::memcpy(&gateway, RTA_DATA(a), 4);
            gateway = ntohl(gateway);
            has_gateway = true;
            break;
          case kRtaNhId:
            std::memcpy(&nhid, RTA_DATA(a), 4);
            break;
          case RTA_MULTIPATH: {
            int mlen = static_cast<int>(RTA_PAYLOAD(a));
            auto* nh = static_cast<rtnexthop*>(RTA_DATA(a));
            while (RTNH_OK(nh, mlen)) {
              std::uint32_t gw = 0;
              int nlen = nh->rtnh_len - static_cast<int>(RTNH_ALIGN(sizeof(rtnexthop)));
              for (auto* na = RTNH_DATA(nh); RTA_OK(na, nlen); na = RTA_NEXT(na, nlen)) {
                if (na->rta_type == RTA_GATEWAY) {
                  std::memcpy(&gw, RTA_DATA(na), 4);
                  gw = ntohl(gw);
                }
              }
              hops.emplace_back(gw, static_cast<std::uint16_t>(nh->rtnh_hops + 1));
              mlen -= static_cast<int>(RTNH_ALIGN(nh->rtnh_len));
              nh = RTNH_NEXT(nh);
            }
            break;
          }
          default:
            break;
        }
      }
      if (table != kTable) continue;
      ++result.ours;
      if (!expected) continue;
      bool ok = false;
      switch (expected->kind) {
        case Shape::Kind::kSingle:
          ok = nhid == 0 && hops.empty() && has_gateway && gateway == expected->gateway;
          break;
        case Shape::Kind::kMultipath:
          ok = nhid == 0 && hops.size() == expected->weights.size();
          for (std::size_t k = 0; ok && k < hops.size(); ++k)
            ok = hops[k].first == kGatewayBase + k && hops[k].second == expected->weights[k];
          break;
        case Shape::Kind::kGroup:
          ok = nhid == expected->nexthop_id;
          break;
      }
      if (ok) ++result.matching;
    }
  }
  ::close(fd);
  return result;
}

CpuTimes cpu_times() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return CpuTimes{.user = seconds(usage.ru_utime), .sys = seconds(usage.ru_stime)};
}

CpuTimes children_cpu_times() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return CpuTimes{.user = seconds(usage.ru_utime), .sys = seconds(usage.ru_stime)};
}

CpuTimes operator-(const CpuTimes& a, const CpuTimes& b) {
  return CpuTimes{.user = a.user - b.user, .sys = a.sys - b.sys};
}

std::uint64_t peak_rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

bool in_netns(const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos) return false;
  struct stat self {
  }, named{}, init{};
  if (::stat("/proc/self/ns/net", &self) != 0) return false;
  if (::stat(("/run/netns/" + name).c_str(), &named) != 0) return false;
  if (self.st_ino != named.st_ino || self.st_dev != named.st_dev) return false;
  if (::stat("/proc/1/ns/net", &init) == 0 && init.st_ino == self.st_ino &&
      init.st_dev == self.st_dev)
    return false;
  return true;
}

}  // namespace cfn::bench
