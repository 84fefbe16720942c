// Which cgroup hierarchy the host runs, found at run time under root/sys/fs/cgroup: v2, or v1
// (controllers possibly co-mounted, "cpu,cpuacct") with systemd's hybrid "unified" v2 tree.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cfn::metric {

enum class CgroupMode { kNone, kV2, kV1 };

// All paths are relative to the collector root.
struct CgroupLayout {
  CgroupMode mode = CgroupMode::kNone;
  std::optional<std::filesystem::path> unified;  // v2 tree: the top (kV2) or "unified" (hybrid)
  std::optional<std::filesystem::path> cpu;      // v1 hierarchies holding these controllers
  std::optional<std::filesystem::path> cpuacct;
  std::optional<std::filesystem::path> memory;
  std::string reason;  // why kNone
  bool operator==(const CgroupLayout&) const = default;
};

// What the detection looks at: whether the top holds cgroup.controllers, and the names of its
// subdirectories (symlinks to directories included).
struct CgroupTop {
  bool has_controllers = false;
  std::vector<std::string> directories;
};

inline const std::filesystem::path kCgroupTop = "sys/fs/cgroup";

// Pure: a v1 controller's hierarchy is the directory of that exact name, else the first whose
// comma-separated name lists it ("cpu,cpuacct").
CgroupLayout classify_cgroup_layout(const CgroupTop& top);
// Lists root/sys/fs/cgroup and classifies it.
CgroupLayout detect_cgroup_layout(const std::filesystem::path& root);
const char* to_string(CgroupMode mode);

}  // namespace cfn::metric
