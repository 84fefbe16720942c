// Kernel listener: see kernel_listener.hpp.
#include "libcfn/kernel/kernel_listener.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/generic/raw_protocol.hpp>
#include <boost/asio/post.hpp>

#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::kernel {
namespace {

using Protocol = boost::asio::generic::raw_protocol;
constexpr int kReceiveBuffer = 8 * 1024 * 1024;
constexpr std::size_t kDatagramSize = 256 * 1024;
constexpr unsigned kGroups[] = {RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR,
                                RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE};
// The dump runs one request at a time (the kernel allows one dump per socket).
constexpr std::uint16_t kDumpSteps[] = {RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE};

}  // namespace

struct KernelListener::Impl {
  using Subscribers = std::vector<Handler>;

  Impl(boost::asio::io_context& io_context, std::uint8_t ignored)
      : io(io_context), socket(io_context), ignored_protocol(ignored), state(ignored) {}

  bool open(std::string& error);
  void receive();
  void on_datagram(std::size_t size);
  void on_dump_message(const netlink::MessageView& message);
  void start_dump();
  void send_dump_step();
  void finish_dump();
  void post(std::vector<KernelEvent> events);

  boost::asio::io_context& io;
  boost::asio::basic_raw_socket<Protocol> socket;
  std::uint32_t port_id = 0;
  std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(kDatagramSize);
  std::shared_ptr<Subscribers> subscribers = std::make_shared<Subscribers>();
  std::uint8_t ignored_protocol;
  KernelState state;
  std::optional<KernelState> dumped;  // being filled by a dump in progress
  std::size_t dump_step = 0;
  std::uint32_t dump_seq = 0;
  bool dump_again = false;  // ENOBUFS or NLM_F_DUMP_INTR while dumping
  bool synced = false;
  std::uint64_t dumps = 0;
};

bool KernelListener::Impl::open(std::string& error) {
  int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  if (fd < 0) {
    error = std::string("rtnetlink socket: ") + std::strerror(errno);
    return false;
  }
  auto fail = [&](const char* what) {
    error = std::string("rtnetlink ") + what + ": " + std::strerror(errno);
    ::close(fd);
    return false;
  };
  // SO_RCVBUFFORCE passes rmem_max when privileged; SO_RCVBUF is the fallback.
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kReceiveBuffer, sizeof kReceiveBuffer) != 0 &&
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &kReceiveBuffer, sizeof kReceiveBuffer) != 0) {
    return fail("receive buffer");
  }
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) return fail("bind");
  socklen_t length = sizeof local;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) {
    return fail("getsockname");
  }
  port_id = local.nl_pid;
  for (unsigned group : kGroups) {
    if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group) != 0) {
      return fail("group membership");
    }
  }
  boost::system::error_code ec;
  socket.assign(Protocol(AF_NETLINK, NETLINK_ROUTE), fd, ec);
  if (ec) {
    ::close(fd);
    error = "rtnetlink socket: " + ec.message();
    return false;
  }
  start_dump();
  receive();
  return true;
}

void KernelListener::Impl::receive() {
  socket.async_receive(boost::asio::buffer(buffer),
                       [this](const boost::system::error_code& ec, std::size_t size) {
                         if (ec == boost::asio::error::operation_aborted) return;
                         if (ec == boost::asio::error::no_buffer_space) {
                           // Notifications were lost: only a fresh dump tells what changed.
                           spdlog::warn("kernel: rtnetlink ENOBUFS, dumping again");
                           if (dumped) {
                             dump_again = true;
                           } else {
                             start_dump();
                           }
                         } else if (ec) {
                           spdlog::error("kernel: rtnetlink receive: {}", ec.message());
                           return;
                         } else {
                           on_datagram(size);
                         }
                         receive();
                       });
}

void KernelListener::Impl::on_datagram(std::size_t size) {
  auto messages = netlink::split_messages(std::span(buffer.data(), size));
  if (!messages) {
    spdlog::warn("kernel: malformed rtnetlink datagram: {}", messages.error);
    return;
  }
  std::vector<KernelEvent> events;
  for (const auto& message : *messages.value) {
    if (dumped && message.header.pid == port_id && message.header.seq == dump_seq) {
      on_dump_message(message);
      continue;
    }
    // A notification: applied to the tables, and to a dump in progress so that a change
    // the dump has already passed is not lost when the dump replaces the tables.
    for (auto& event : state.apply(message)) events.push_back(std::move(event));
    if (dumped) dumped->apply(message);
  }
  post(std::move(events));
}

void KernelListener::Impl::on_dump_message(const netlink::MessageView& message) {
  if (message.header.flags & NLM_F_DUMP_INTR) dump_again = true;
  switch (message.header.type) {
    case NLMSG_DONE:
      ++dump_step;
      if (dump_step < std::size(kDumpSteps)) {
        send_dump_step();
      } else {
        finish_dump();
      }
      break;
    case NLMSG_ERROR: {
      auto ack = netlink::decode_ack(message);
      // Abandoned, not retried at once (that could spin); the next ENOBUFS dumps again.
      spdlog::error("kernel: rtnetlink dump refused: {}",
                    ack ? std::strerror(-ack.value->error) : ack.error);
      dumped.reset();
      break;
    }
    default:
      dumped->apply(message);
  }
}

void KernelListener::Impl::start_dump() {
  dumped.emplace(ignored_protocol);
  dump_step = 0;
  dump_again = false;
  send_dump_step();
}

void KernelListener::Impl::send_dump_step() {
  netlink::Buffer request;
  netlink::encode_dump_request(request, kDumpSteps[dump_step], AF_UNSPEC, ++dump_seq);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(socket.native_handle(), request.data(), request.size(), 0,
               reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    spdlog::error("kernel: rtnetlink dump request: {}", std::strerror(errno));
  }
}

void KernelListener::Impl::finish_dump() {
  if (dump_again) {
    start_dump();
    return;
  }
  if (synced) ++dumps;
  synced = true;
  post(state.replace_with(std::move(*dumped)));
  dumped.reset();
}

void KernelListener::Impl::post(std::vector<KernelEvent> events) {
  if (events.empty()) return;
  boost::asio::post(io, [weak = std::weak_ptr(subscribers), events = std::move(events)] {
    for (const auto& event : events) {
      auto handlers = weak.lock();
      if (!handlers) return;
      for (const auto& handler : *handlers) handler(event);
    }
  });
}

KernelListener::KernelListener(boost::asio::io_context& io, std::uint8_t ignored_protocol)
    : impl_(std::make_unique<Impl>(io, ignored_protocol)) {}

KernelListener::~KernelListener() {
  close();
}

bool KernelListener::open(std::string& error) {
  return impl_->open(error);
}

void KernelListener::close() {
  boost::system::error_code ignored;
  impl_->socket.close(ignored);
}

void KernelListener::subscribe(Handler handler) {
  impl_->subscribers->push_back(std::move(handler));
}

const InterfaceTable& KernelListener::interfaces() const {
  return impl_->state.interfaces();
}

const KernelRoutes& KernelListener::routes() const {
  return impl_->state.routes();
}

bool KernelListener::synced() const {
  return impl_->synced;
}

std::uint64_t KernelListener::resyncs() const {
  return impl_->dumps;
}

}  // namespace cfn::kernel
