// File reading for the collectors (small text files under a configurable root) and the record
// of each source read: present, or absent with the reason (missing, unreadable, malformed).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "libcfnmetric/collect/parsed.hpp"

namespace cfn::metric {

struct SourceStatus {
  std::string source;  // file relative to the root ("proc/stat"), or "nvml"
  bool present = false;
  std::string reason;  // why absent
  bool operator==(const SourceStatus&) const = default;
};

// Reads a whole file of at most 1 MiB: "missing" when it does not exist, else the errno text.
Parsed<std::string> read_text_file(const std::filesystem::path& path);

class SourceLog {
 public:
  explicit SourceLog(std::filesystem::path root) : root_(std::move(root)) {}

  // Reads root/relative and parses it (`parse`: string_view -> Parsed<T>); records the outcome.
  template <typename Parse>
  auto read(const std::filesystem::path& relative, Parse&& parse)
      -> decltype(parse(std::string_view{}).value) {
    auto text = read_text_file(root_ / relative);
    if (!text) {
      record(relative, text.error);
      return std::nullopt;
    }
    auto parsed = parse(std::string_view(*text.value));
    record(relative, parsed.error);
    return std::move(parsed.value);
  }

  // Records a source that is not a file (e.g. "nvml"); an empty reason means present.
  void record(const std::filesystem::path& source, const std::string& reason);

  const std::filesystem::path& root() const { return root_; }
  std::vector<SourceStatus> take() { return std::exchange(statuses_, {}); }

 private:
  std::filesystem::path root_;
  std::vector<SourceStatus> statuses_;
};

}  // namespace cfn::metric
