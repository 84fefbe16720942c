// WriteQueue: moving a message that overflowed one write into the next.
#include "libcfn/fib/write_queue.hpp"

#include <iterator>

namespace cfn::fib {

void WriteQueue::move_tail_to_new_write(std::size_t from) {
  netlink::Buffer& full = writes_.back();
  netlink::Buffer next(full.begin() + static_cast<std::ptrdiff_t>(from), full.end());
  full.resize(from);
  writes_.push_back(std::move(next));
}

}  // namespace cfn::fib
