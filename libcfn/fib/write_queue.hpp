// WriteQueue: encoded netlink messages packed into writes of bounded size, each message
// whole, so that one sendmsg carries many requests.
#pragma once

#include <cstddef>
#include <deque>

#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::fib {

inline constexpr std::size_t kMaxWriteBytes = 256 * 1024;

class WriteQueue {
 public:
  explicit WriteQueue(std::size_t max_write = kMaxWriteBytes) : max_write_(max_write) {}

  // Lets `encode` append one message; a message that would overflow the current write
  // starts the next one (a single message larger than max_write gets a write of its own).
  template <typename Encode>
  void append(Encode&& encode) {
    if (writes_.empty()) writes_.emplace_back();
    netlink::Buffer& current = writes_.back();
    const std::size_t before = current.size();
    encode(current);
    if (before != 0 && current.size() > max_write_) move_tail_to_new_write(before);
  }

  bool empty() const { return writes_.empty(); }
  std::size_t writes() const { return writes_.size(); }
  const netlink::Buffer& front() const { return writes_.front(); }
  void pop_front() { writes_.pop_front(); }
  void clear() { writes_.clear(); }
  void set_max_write(std::size_t max_write) { max_write_ = max_write; }

 private:
  void move_tail_to_new_write(std::size_t from);

  std::size_t max_write_;
  std::deque<netlink::Buffer> writes_;
};

}  // namespace cfn::fib
