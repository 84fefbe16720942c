// RtnlSocket: socket setup, packed writes, ack and dump dispatch, loss detection.
#include "libcfn/fib/rtnl_socket.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cfn::fib {

namespace {

constexpr std::size_t kReadBufferBytes = 64 * 1024;  // a dump datagram is at most 32 KiB
constexpr std::size_t kSendSlackBytes = 64;          // netlink_sendmsg needs len <= sndbuf - 32

// The FORCE variants ignore rmem_max/wmem_max (CAP_NET_ADMIN); without the capability the
// plain option gives what the sysctl allows.
void set_buffer(int fd, int force_option, int option, int bytes) {
  if (setsockopt(fd, SOL_SOCKET, force_option, &bytes, sizeof(bytes)) == 0) return;
  setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof(bytes));
}

int ack_errno(const netlink::MessageView& message) {
  auto ack = netlink::decode_ack(message);
  return ack ? -ack.value->error : EIO;
}

// NLMSG_DONE carries the dump's final status as an int (0 or a negative errno).
int done_errno(const netlink::MessageView& message) {
  int status = 0;
  if (message.payload.size() >= sizeof(status))
    std::memcpy(&status, message.payload.data(), sizeof(status));
  return -status;
}

}  // namespace

RtnlSocket::RtnlSocket(boost::asio::io_context& io)
    : descriptor_(io),
      timer_(io),
      read_buffer_(kReadBufferBytes),
      ready_buffer_(kReadBufferBytes) {}

RtnlSocket::~RtnlSocket() {
  boost::system::error_code ignored;
  timer_.cancel();
  descriptor_.close(ignored);
}

bool RtnlSocket::open(std::string& error) {
  int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  if (fd < 0) {
    error = std::string("socket(NETLINK_ROUTE): ") + std::strerror(errno);
    return false;
  }
  set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, kSocketBufferBytes);
  set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, kSocketBufferBytes);
  const int one = 1;
  // Errors carry a message and no copy of the request (RFC 3549 acks, Linux extensions).
  setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
  setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
  sockaddr_nl address{};
  address.nl_family = AF_NETLINK;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    error = std::string("bind(NETLINK_ROUTE): ") + std::strerror(errno);
    ::close(fd);
    return false;
  }
  int sndbuf = 0;
  socklen_t length = sizeof(sndbuf);
  getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &length);
  queue_.set_max_write(
      std::min(kMaxWriteBytes, static_cast<std::size_t>(sndbuf) - kSendSlackBytes));
  descriptor_.assign(fd);
  start_read();
  return true;
}

std::uint32_t RtnlSocket::take_seq() {
  const std::uint32_t seq = next_seq_;
  next_seq_ = next_seq_ == UINT32_MAX ? 1 : next_seq_ + 1;
  return seq;
}

void RtnlSocket::flush() {
  while (!queue_.empty()) {
    const std::uint32_t seq = queue_.request_ack_on_front();
    if (!write(queue_.front())) return lose(errno);
    queue_.pop_front();
    awaited_.push_back(Awaited{.seq = seq, .sent = Clock::now()});
    arm_timer();
  }
}

bool RtnlSocket::write(const netlink::Buffer& bytes) {
  if (!is_open()) {
    errno = EBADF;
    return false;
  }
  return ::send(descriptor_.native_handle(), bytes.data(), bytes.size(), 0) >= 0;
}

void RtnlSocket::dump(std::uint16_t type, std::uint8_t family, MessageHandler on_message,
                      DoneHandler on_done) {
  dumps_.push_back(Dump{.type = type,
                        .family = family,
                        .on_message = std::move(on_message),
                        .on_done = std::move(on_done),
                        .seq = 0,
                        .sent = {},
                        .interrupted = false});
  if (dumps_.size() == 1) start_next_dump();
}

void RtnlSocket::start_next_dump() {
  if (dumps_.empty() || dumps_.front().seq != 0) return;
  flush();
  Dump& dump = dumps_.front();
  dump.seq = take_seq();
  dump.sent = Clock::now();
  netlink::Buffer bytes;
  netlink::encode_dump_request(bytes, dump.type, dump.family, dump.seq);
  if (!write(bytes)) return lose(errno);
  arm_timer();
}

void RtnlSocket::start_read() {
  descriptor_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [this](const boost::system::error_code& ec, std::size_t bytes) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (ec.value() == ENOBUFS) {
          lose(ENOBUFS);
        } else if (ec) {
          spdlog::error("fib: netlink read: {}", ec.message());
        } else {
          dispatch(std::span<const std::uint8_t>(read_buffer_.data(), bytes));
        }
        if (is_open()) start_read();
      });
}

bool RtnlSocket::receive_blocking(Clock::time_point deadline) {
  flush();
  std::vector<std::uint8_t> buffer(kReadBufferBytes);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || !is_open()) return false;
    pollfd fd{.fd = descriptor_.native_handle(), .events = POLLIN, .revents = 0};
    if (::poll(&fd, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t bytes = ::recv(fd.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (bytes < 0 && errno == ENOBUFS) {
      lose(ENOBUFS);
      return true;
    }
    if (bytes <= 0) continue;
    dispatch(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(bytes)));
    return true;
  }
}

void RtnlSocket::receive_ready() {
  while (is_open()) {
    const ssize_t bytes = ::recv(descriptor_.native_handle(), ready_buffer_.data(),
                                 ready_buffer_.size(), MSG_DONTWAIT);
    if (bytes < 0 && errno == ENOBUFS) return lose(ENOBUFS);
    if (bytes <= 0)
      return;  // nothing waits (EAGAIN), or the read failed: the async read reports it
    dispatch(std::span<const std::uint8_t>(ready_buffer_.data(), static_cast<std::size_t>(bytes)));
  }
}

void RtnlSocket::dispatch(std::span<const std::uint8_t> datagram) {
  auto messages = netlink::split_messages(datagram);
  if (!messages) {
    spdlog::warn("fib: malformed netlink datagram: {}", messages.error);
    return;
  }
  last_answer_ = Clock::now();
  for (const netlink::MessageView& message : *messages.value) {
    if (!dumps_.empty() && dumps_.front().seq == message.header.seq) {
      Dump& dump = dumps_.front();
      if (message.header.flags & NLM_F_DUMP_INTR) dump.interrupted = true;
      if (message.header.type == NLMSG_DONE) {
        const int error = done_errno(message);
        finish_dump(error != 0 ? error : dump.interrupted ? EINTR : 0);
      } else if (message.header.type == NLMSG_ERROR) {
        finish_dump(ack_errno(message));
      } else {
        dump.on_message(message);
      }
      continue;
    }
    if (message.header.type != NLMSG_ERROR) continue;  // no multicast groups joined
    answered(message.header.seq);
    if (on_answer_) on_answer_(message.header.seq, ack_errno(message));
  }
}

// Requests are processed in order: an answer to `seq` ends the wait for every ack up to it.
void RtnlSocket::answered(std::uint32_t seq) {
  while (!awaited_.empty() && !seq_before(seq, awaited_.front().seq)) awaited_.pop_front();
}

void RtnlSocket::finish_dump(int error) {
  DoneHandler on_done = std::move(dumps_.front().on_done);
  dumps_.pop_front();
  start_next_dump();
  on_done(error);
}

void RtnlSocket::lose(int error) {
  spdlog::warn("fib: rtnetlink answers lost ({}), {} writes and {} dumps outstanding",
               std::strerror(error), awaited_.size(), dumps_.size());
  awaited_.clear();
  dumps_.clear();
  queue_.clear();
  if (on_lost_) on_lost_(error);
}

void RtnlSocket::arm_timer() {
  if (timer_armed_) return;
  timer_armed_ = true;
  timer_.expires_after(std::chrono::seconds(1));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted) return;
    timer_armed_ = false;
    check_timeout();
  });
}

// The kernel answers in request order, and may take long over a large write (deleting
// routes costs ~20 us each): answers lost means nothing at all came back for kAckTimeout
// since the later of the last answer and the oldest awaited request's (or dump's) send.
void RtnlSocket::check_timeout() {
  if (awaited_.empty() && dumps_.empty()) return;
  Clock::time_point oldest = Clock::time_point::max();
  if (!awaited_.empty()) oldest = awaited_.front().sent;
  if (!dumps_.empty() && dumps_.front().seq != 0) oldest = std::min(oldest, dumps_.front().sent);
  if (oldest != Clock::time_point::max() &&
      Clock::now() - std::max(oldest, last_answer_) > kAckTimeout)
    return lose(ETIMEDOUT);
  arm_timer();
}

}  // namespace cfn::fib
