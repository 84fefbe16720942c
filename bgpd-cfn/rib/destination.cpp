// Destination's path storage: inline for one path, a power-of-two heap array for more.
#include "bgpd-cfn/rib/destination.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace cfn::bgp {

static_assert(sizeof(Path) == 12);
static_assert(sizeof(Destination) == 36);

Path* Destination::heap() const {
  Path* array;
  std::memcpy(&array, &storage_, sizeof array);
  return array;
}

void Destination::set_heap(Path* array) {
  std::memcpy(static_cast<void*>(&storage_), &array, sizeof array);
}

Path* Destination::data() const {
  return size_ > 1 ? heap() : const_cast<Path*>(&storage_);
}

void Destination::push_back(const Path& path) {
  if (size_ == 0) {
    storage_ = path;
  } else if (size_ == 1) {
    Path* array = new Path[2]{storage_, path};
    set_heap(array);
  } else {
    Path* array = heap();
    if (std::has_single_bit(size_)) {
      Path* grown = new Path[2 * std::size_t{size_}];
      std::copy_n(array, size_, grown);
      delete[] array;
      set_heap(array = grown);
    }
    array[size_] = path;
  }
  ++size_;
}

void Destination::erase(std::size_t index) {
  if (size_ == 2) {
    Path* array = heap();
    storage_ = array[1 - index];
    delete[] array;
  } else if (size_ > 2) {
    Path* array = heap();
    std::copy(array + index + 1, array + size_, array + index);
  }
  --size_;
}

void Destination::clear() {
  if (size_ > 1) delete[] heap();
  size_ = 0;
}

std::size_t Destination::heap_bytes() const {
  return size_ > 1 ? std::bit_ceil(std::size_t{size_}) * sizeof(Path) : 0;
}

}  // namespace cfn::bgp
