// Tests for cgroup hierarchy detection: v2 unified, v1 + unified hybrid, co-mounted
// "cpu,cpuacct" as a directory with symlinks or alone, and no cgroup tree at all.
#include <catch2/catch.hpp>

#include "libcfnmetric/collect/cgroup_layout.hpp"
#include "test_support.hpp"

using namespace cfn::metric;

namespace {
const std::filesystem::path kTop = "sys/fs/cgroup";
}  // namespace

TEST_CASE("Classify: controllers at the top mean v2", "[collect][layout]") {
  CgroupLayout layout =
      classify_cgroup_layout({.has_controllers = true, .directories = {"system.slice"}});
  CHECK(layout.mode == CgroupMode::kV2);
  CHECK(layout.unified == kTop);
  CHECK_FALSE(layout.cpu);
  CHECK(std::string(to_string(layout.mode)) == "v2");
}

TEST_CASE("Classify: exact controller names win over co-mounted ones", "[collect][layout]") {
  CgroupLayout layout =
      classify_cgroup_layout({.has_controllers = false,
                              .directories = {"cpu", "cpu,cpuacct", "memory", "net_cls,net_prio"}});
  CHECK(layout.mode == CgroupMode::kV1);
  CHECK(layout.cpu == kTop / "cpu");
  CHECK(layout.cpuacct == kTop / "cpu,cpuacct");
  CHECK(layout.memory == kTop / "memory");
  CHECK_FALSE(layout.unified);
}

TEST_CASE("Classify: no hierarchy at all", "[collect][layout]") {
  CgroupLayout layout = classify_cgroup_layout({.has_controllers = false, .directories = {"pids"}});
  CHECK(layout.mode == CgroupMode::kNone);
  CHECK(layout.reason == "no cgroup v2 tree and no v1 cpu, cpuacct or memory hierarchy");
  CHECK(std::string(to_string(layout.mode)) == "none");
}

TEST_CASE("Detect on recorded trees", "[collect][layout]") {
  SECTION("v2") {
    CgroupLayout layout = detect_cgroup_layout(test::fixture("cgroup_v2/t0"));
    CHECK(layout.mode == CgroupMode::kV2);
    CHECK(layout.unified == kTop);
  }
  SECTION("v1 hybrid") {
    CgroupLayout layout = detect_cgroup_layout(test::fixture("cgroup_v1_hybrid/t0"));
    CHECK(layout.mode == CgroupMode::kV1);
    CHECK(layout.cpu == kTop / "cpu");
    CHECK(layout.cpuacct == kTop / "cpuacct");
    CHECK(layout.memory == kTop / "memory");
    CHECK(layout.unified == kTop / "unified");
  }
  SECTION("co-mounted, with cpu and cpuacct symlinks") {
    test::FixtureTree tree;
    tree.overlay("cgroup_v1_comount/t0");
    CgroupLayout layout = detect_cgroup_layout(tree.root());
    CHECK(layout.mode == CgroupMode::kV1);
    CHECK(layout.cpu == kTop / "cpu");
    CHECK(layout.cpuacct == kTop / "cpuacct");
    CHECK_FALSE(layout.unified);
  }
  SECTION("co-mounted, directory only") {
    test::FixtureTree tree;
    tree.overlay("cgroup_v1_comount/t0", /*keep_symlinks=*/false);
    CgroupLayout layout = detect_cgroup_layout(tree.root());
    CHECK(layout.mode == CgroupMode::kV1);
    CHECK(layout.cpu == kTop / "cpu,cpuacct");
    CHECK(layout.cpuacct == kTop / "cpu,cpuacct");
  }
  SECTION("no sys/fs/cgroup") {
    CgroupLayout layout = detect_cgroup_layout(test::fixture("host/t0"));
    CHECK(layout.mode == CgroupMode::kNone);
    CHECK(layout.reason == "sys/fs/cgroup: No such file or directory");
  }
}
