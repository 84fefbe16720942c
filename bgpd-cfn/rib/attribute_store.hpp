// AttributeStore: interned (hash-consed) path attributes. One shared immutable copy per
// distinct wire::PathAttributes, named by a 32-bit AttrId, reference counted, freed with its
// last reference. Intern and release are O(1) on average.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "bgpd-cfn/rib/id_index.hpp"
#include "bgpd-cfn/rib/rib_ids.hpp"
#include "bgpd-cfn/wire/attributes.hpp"

namespace cfn::bgp {

class AttributeStore {
 public:
  // The id of the set equal to `attributes`, stored on first sight. The caller owns one new
  // reference and gives it back with release(): intern a set once per UPDATE, hand the id to
  // RibTable::announce for each NLRI (each path takes its own reference), then release it.
  AttrId intern(const wire::PathAttributes& attributes);
  AttrId intern(wire::PathAttributes&& attributes);
  void retain(AttrId id) { ++slots_[id].references; }
  void release(AttrId id);

  // Valid while `id` has references; the address never moves.
  const wire::PathAttributes& get(AttrId id) const { return slots_[id].attributes; }
  std::uint32_t references(AttrId id) const { return slots_[id].references; }

  std::size_t size() const { return index_.size(); }      // distinct sets held
  std::size_t id_limit() const { return slots_.size(); }  // every id is below it
  // Bytes held: slots, their attributes' heap parts, the index (counted, not malloc's).
  std::size_t memory_usage() const;

 private:
  struct Slot {
    wire::PathAttributes attributes;
    std::uint64_t hash = 0;
    std::uint32_t references = 0;
  };

  template <typename Attributes>
  AttrId intern_value(Attributes&& attributes);

  std::deque<Slot> slots_;  // a deque: references stay valid as it grows
  std::vector<AttrId> free_;
  IdIndex index_;
};

}  // namespace cfn::bgp
