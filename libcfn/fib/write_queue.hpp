// WriteQueue: encoded netlink messages packed into writes of bounded size, each message
// whole, so that one sendmsg carries many requests; only the last message of each write asks
// for an ack (the kernel answers a socket's requests in order and reports refusals anyway).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::fib {

inline constexpr std::size_t kMaxWriteBytes = 256 * 1024;

// Whether sequence number `a` was given out before `b` (RFC 1982 serial number arithmetic:
// they wrap; a window far below 2^31 keeps this exact).
inline bool seq_before(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int32_t>(a - b) < 0;
}

// Sets NLM_F_ACK on the netlink message at `offset` of `write`; its sequence number.
std::uint32_t request_ack(netlink::Buffer& write, std::size_t offset);

class WriteQueue {
 public:
  explicit WriteQueue(std::size_t max_write = kMaxWriteBytes) : max_write_(max_write) {}

  // Lets `encode` append one message; a message that would overflow the current write
  // starts the next one (a single message larger than max_write gets a write of its own).
  template <typename Encode>
  void append(Encode&& encode) {
    if (writes_.empty()) start_write();
    Write& current = writes_.back();
    const std::size_t before = current.bytes.size();
    encode(current.bytes);
    if (before != 0 && current.bytes.size() > max_write_) return move_tail_to_new_write(before);
    current.last = before;
  }

  bool empty() const { return writes_.empty(); }
  std::size_t writes() const { return writes_.size(); }
  const netlink::Buffer& front() const { return writes_.front().bytes; }

  // Sets NLM_F_ACK on the front write's last message; that message's sequence number.
  std::uint32_t request_ack_on_front() {
    return request_ack(writes_.front().bytes, writes_.front().last);
  }
  // The written buffer is kept for the next write (no allocation and page faults per write).
  void pop_front();
  void clear() { writes_.clear(); }
  void set_max_write(std::size_t max_write) { max_write_ = max_write; }

 private:
  struct Write {
    netlink::Buffer bytes;
    std::size_t last = 0;  // offset of the last message
  };

  void move_tail_to_new_write(std::size_t from);
  void start_write();

  std::size_t max_write_;
  std::deque<Write> writes_;
  netlink::Buffer spare_;  // a written buffer, empty, capacity kept
};

}  // namespace cfn::fib
