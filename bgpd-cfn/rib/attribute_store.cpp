// AttributeStore: slots recycled through a free list, found through an IdIndex on the
// attributes' own hash (kept in the slot for the equality check's first test).
#include "bgpd-cfn/rib/attribute_store.hpp"

#include <utility>

namespace cfn::bgp {
namespace {

template <typename T>
std::size_t vector_bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t heap_bytes(const wire::PathAttributes& a) {
  std::size_t bytes = vector_bytes(a.communities) + vector_bytes(a.cluster_list) +
                      vector_bytes(a.extended_communities) + vector_bytes(a.large_communities) +
                      vector_bytes(a.unknown);
  if (a.as_path) {
    bytes += vector_bytes(a.as_path->segments);
    for (const wire::AsPathSegment& segment : a.as_path->segments)
      bytes += vector_bytes(segment.asns);
  }
  for (const wire::UnknownAttribute& attribute : a.unknown) bytes += vector_bytes(attribute.value);
  return bytes;
}

}  // namespace

AttrId AttributeStore::intern(const wire::PathAttributes& attributes) {
  return intern_value(attributes);
}

AttrId AttributeStore::intern(wire::PathAttributes&& attributes) {
  return intern_value(std::move(attributes));
}

template <typename Attributes>
AttrId AttributeStore::intern_value(Attributes&& attributes) {
  const std::uint64_t hash = attributes.hash_value();
  AttrId id = index_.find(hash, [&](AttrId candidate) {
    const Slot& slot = slots_[candidate];
    return slot.hash == hash && slot.attributes == attributes;
  });
  if (id == kNoId) {
    if (free_.empty()) {
      id = static_cast<AttrId>(slots_.size());
      slots_.emplace_back();
    } else {
      id = free_.back();
      free_.pop_back();
    }
    Slot& slot = slots_[id];
    slot.attributes = std::forward<Attributes>(attributes);
    slot.hash = hash;
    index_.insert(id, hash);
  }
  ++slots_[id].references;
  return id;
}

void AttributeStore::release(AttrId id) {
  Slot& slot = slots_[id];
  if (--slot.references != 0) return;
  index_.erase(id, slot.hash);
  slot.attributes = wire::PathAttributes{};  // gives the vectors' memory back
  free_.push_back(id);
}

std::size_t AttributeStore::memory_usage() const {
  std::size_t bytes = slots_.size() * sizeof(Slot) + vector_bytes(free_) + index_.memory_usage();
  for (const Slot& slot : slots_) bytes += heap_bytes(slot.attributes);
  return bytes;
}

}  // namespace cfn::bgp
