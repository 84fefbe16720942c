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

// The write keeps the messages before `from`; its last is the one appended before this.
void WriteQueue::move_tail_to_new_write(std::size_t from) {
  Write& full = writes_.back();
  netlink::Buffer next(full.bytes.begin() + static_cast<std::ptrdiff_t>(from), full.bytes.end());
  full.bytes.resize(from);
  writes_.push_back(Write{.bytes = std::move(next), .last = 0});
}

}  // namespace cfn::fib
