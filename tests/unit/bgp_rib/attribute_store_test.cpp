// Tests for the RIB's storage pieces: attribute interning (ids, reference counts, reuse),
// the IdIndex hash (against std::map, with colliding hashes) and a Destination's path list.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "bgpd-cfn/rib/attribute_store.hpp"
#include "bgpd-cfn/rib/destination.hpp"
#include "bgpd-cfn/rib/id_index.hpp"
#include "rib_test_helpers.hpp"

using namespace cfn::bgp;
namespace net = cfn::net;
using test::attributes;

TEST_CASE("Equal attribute sets share one id and count references", "[bgp][rib][intern]") {
  AttributeStore store;
  const wire::PathAttributes a = attributes({65001, 65100});
  const AttrId first = store.intern(a);
  const AttrId again = store.intern(wire::PathAttributes(a));  // an equal copy, moved in
  CHECK(again == first);
  CHECK(store.references(first) == 2);
  CHECK(store.size() == 1);
  CHECK(store.get(first) == a);

  wire::PathAttributes b = a;
  b.med = 5;
  const AttrId other = store.intern(b);
  CHECK(other != first);
  CHECK(store.size() == 2);
  CHECK(store.get(other).med == 5u);

  store.release(first);
  CHECK(store.size() == 2);
  CHECK(store.references(first) == 1);
  store.release(first);
  CHECK(store.size() == 1);  // the last reference freed it

  // The freed slot is reused; the id space does not grow.
  const AttrId third = store.intern(attributes({65003}));
  CHECK(third == first);
  CHECK(store.id_limit() == 2);
  CHECK(store.get(other) == b);
  // Re-interning a freed value makes a fresh entry with one reference.
  const AttrId a_again = store.intern(a);
  CHECK(store.references(a_again) == 1);
  CHECK(store.size() == 3);
}

TEST_CASE("Ten thousand sets intern and free exactly", "[bgp][rib][intern]") {
  AttributeStore store;
  std::vector<AttrId> ids;
  for (std::uint32_t i = 0; i < 10000; ++i) ids.push_back(store.intern(attributes({65000, i})));
  CHECK(store.size() == 10000);
  for (std::uint32_t i = 0; i < 10000; i += 7) {
    CHECK(store.intern(attributes({65000, i})) == ids[i]);
    CHECK(store.references(ids[i]) == 2);
    store.release(ids[i]);
  }
  for (std::uint32_t i = 0; i < 10000; i += 2) store.release(ids[i]);
  CHECK(store.size() == 5000);
  for (std::uint32_t i = 1; i < 10000; i += 2)
    CHECK(store.get(ids[i]).as_path->segments[0].asns[1] == i);
  for (std::uint32_t i = 1; i < 10000; i += 2) store.release(ids[i]);
  CHECK(store.size() == 0);
  CHECK(store.id_limit() == 10000);
}

TEST_CASE("IdIndex matches a std::map under colliding hashes", "[bgp][rib][index]") {
  // Keys are arbitrary numbers; hashes of 1 or 8 distinct values make long probe runs, equal
  // tags and backward shifts across the wrap-around.
  const auto hash_mod = GENERATE(std::uint64_t{1}, std::uint64_t{8}, std::uint64_t{1} << 40);
  std::vector<std::uint64_t> key_of;  // id -> key
  auto hash = [&](std::uint64_t key) { return (key * 0x9e3779b97f4a7c15ULL) % hash_mod; };
  IdIndex index;
  std::map<std::uint64_t, std::uint32_t> model;
  std::mt19937 random(7);
  for (int step = 0; step < 4000; ++step) {
    const std::uint64_t key = random() % 300;
    const std::uint32_t found =
        index.find(hash(key), [&](std::uint32_t id) { return key_of[id] == key; });
    const auto it = model.find(key);
    REQUIRE(found == (it == model.end() ? kNoId : it->second));
    if (it == model.end()) {
      const auto id = static_cast<std::uint32_t>(key_of.size());
      key_of.push_back(key);
      index.insert(id, hash(key));
      model.emplace(key, id);
    } else if (random() % 2) {
      index.erase(it->second, hash(key));
      model.erase(it);
    }
    REQUIRE(index.size() == model.size());
  }
  for (const auto& entry : model) {
    const std::uint64_t key = entry.first;
    CHECK(index.find(hash(key), [&](std::uint32_t other) { return key_of[other] == key; }) ==
          entry.second);
  }
}

TEST_CASE("A destination keeps its paths in order, inline or on the heap", "[bgp][rib][dest]") {
  Destination destination;
  auto peers = [&] {
    std::vector<PeerId> out;
    for (const Path& path : destination.paths()) out.push_back(path.peer);
    return out;
  };
  for (PeerId peer = 1; peer <= 9; ++peer)
    destination.push_back(
        Path{.attributes = peer * 10u, .next_hop = kNoNextHop, .peer = peer, .flags = 0});
  CHECK(peers() == std::vector<PeerId>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(destination.paths()[8].attributes == 90);
  CHECK(destination.heap_bytes() == 16 * sizeof(Path));
  destination.erase(0);
  destination.erase(3);  // peer 5
  destination.erase(6);  // peer 9
  CHECK(peers() == std::vector<PeerId>{2, 3, 4, 6, 7, 8});
  while (destination.size() > 2) destination.erase(1);
  CHECK(peers() == std::vector<PeerId>{2, 8});
  destination.erase(0);  // back inline
  CHECK(peers() == std::vector<PeerId>{8});
  CHECK(destination.paths()[0].attributes == 80);
  CHECK(destination.heap_bytes() == 0);
  destination.push_back(Path{.attributes = 1, .next_hop = 4, .peer = 1, .flags = 0});
  CHECK(peers() == std::vector<PeerId>{8, 1});
  CHECK(destination.paths()[1].next_hop == 4);
}
