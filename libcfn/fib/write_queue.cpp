// WriteQueue: moving a message that overflowed one write into the next; ack requests.
#include "libcfn/fib/write_queue.hpp"

#include <linux/netlink.h>

#include <cstring>
#include <iterator>

namespace cfn::fib {

std::uint32_t request_ack(netlink::Buffer& write, std::size_t offset) {
  nlmsghdr header;
  std::memcpy(&header, write.data() + offset, sizeof(header));
  header.nlmsg_flags |= NLM_F_ACK;
  std::memcpy(write.data() + offset, &header, sizeof(header));
  return header.nlmsg_seq;
}

void WriteQueue::start_write() {
  writes_.push_back(Write{.bytes = std::move(spare_), .last = 0});
  spare_ = {};
  writes_.back().bytes.clear();
  writes_.back().bytes.reserve(max_write_ + max_write_ / 8);  // room for the overflowing one
}

void WriteQueue::pop_front() {
  spare_ = std::move(writes_.front().bytes);
  writes_.pop_front();
}

// The write keeps the messages before `from`; its last is the one appended before this.
void WriteQueue::move_tail_to_new_write(std::size_t from) {
  start_write();
  Write& full = writes_[writes_.size() - 2];
  Write& next = writes_.back();
  next.bytes.assign(full.bytes.begin() + static_cast<std::ptrdiff_t>(from), full.bytes.end());
  full.bytes.resize(from);
}

}  // namespace cfn::fib
