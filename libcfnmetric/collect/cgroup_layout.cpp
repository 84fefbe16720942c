// Run-time detection of the cgroup hierarchy (cgroup v2 unified, v1, or v1 + unified hybrid).
#include "libcfnmetric/collect/cgroup_layout.hpp"

#include <algorithm>
#include <string_view>
#include <system_error>
#include <utility>

namespace cfn::metric {

namespace {

bool lists_controller(std::string_view name, std::string_view controller) {
  while (true) {
    std::size_t comma = name.find(',');
    if (name.substr(0, comma) == controller) return true;
    if (comma == std::string_view::npos) return false;
    name.remove_prefix(comma + 1);
  }
}

std::optional<std::filesystem::path> hierarchy(const std::vector<std::string>& directories,
                                               std::string_view controller) {
  auto exact = std::find(directories.begin(), directories.end(), controller);
  if (exact != directories.end()) return kCgroupTop / *exact;
  auto shared = std::find_if(directories.begin(), directories.end(),
                             [&](const std::string& d) { return lists_controller(d, controller); });
  if (shared != directories.end()) return kCgroupTop / *shared;
  return std::nullopt;
}

CgroupLayout none(std::string reason) {
  CgroupLayout layout;
  layout.reason = std::move(reason);
  return layout;
}

}  // namespace

CgroupLayout classify_cgroup_layout(const CgroupTop& top) {
  CgroupLayout layout;
  if (top.has_controllers) {
    layout.mode = CgroupMode::kV2;
    layout.unified = kCgroupTop;
    return layout;
  }
  layout.cpu = hierarchy(top.directories, "cpu");
  layout.cpuacct = hierarchy(top.directories, "cpuacct");
  layout.memory = hierarchy(top.directories, "memory");
  if (!layout.cpu && !layout.cpuacct && !layout.memory) {
    return none("no cgroup v2 tree and no v1 cpu, cpuacct or memory hierarchy");
  }
  layout.mode = CgroupMode::kV1;
  if (std::find(top.directories.begin(), top.directories.end(), "unified") !=
      top.directories.end()) {
    layout.unified = kCgroupTop / "unified";
  }
  return layout;
}

CgroupLayout detect_cgroup_layout(const std::filesystem::path& root) {
  const std::filesystem::path top_path = root / kCgroupTop;
  std::error_code error;
  CgroupTop top;
  top.has_controllers = std::filesystem::exists(top_path / "cgroup.controllers", error);
  for (std::filesystem::directory_iterator it(top_path, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code entry_error;  // a dangling symlink is not a hierarchy
    if (it->is_directory(entry_error)) top.directories.push_back(it->path().filename());
  }
  if (error) return none(kCgroupTop.string() + ": " + error.message());
  std::sort(top.directories.begin(),
            top.directories.end());  // directory order is arbitrary; make "first" stable
  return classify_cgroup_layout(top);
}

const char* to_string(CgroupMode mode) {
  switch (mode) {
    case CgroupMode::kV2:
      return "v2";
    case CgroupMode::kV1:
      return "v1";
    case CgroupMode::kNone:
      break;
  }
  return "none";
}

}  // namespace cfn::metric
