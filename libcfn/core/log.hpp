// Logging on spdlog with FRR's model: per-target levels (stdout, file, syslog) named with
// FRR's level words, and DebugFlags, the registry of run-time "debug ..." toggles.
#pragma once

#include <spdlog/common.h>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfn::core {

// FRR / syslog severities, most severe first.
enum class LogLevel {
  kEmergencies,
  kAlerts,
  kCritical,
  kErrors,
  kWarnings,
  kNotifications,
  kInformational,
  kDebugging,
};

// FRR: a log target configured without a level logs at "debugging".
inline constexpr LogLevel kDefaultLogLevel = LogLevel::kDebugging;

// Exact FRR words: "emergencies" ... "debugging".
std::optional<LogLevel> parse_log_level(std::string_view name);
std::string_view log_level_name(LogLevel level);
// spdlog has fewer levels: emergencies and alerts log as critical, notifications as info.
spdlog::level::level_enum to_spdlog_level(LogLevel level);

struct FileLogTarget {
  std::string path;
  LogLevel level = kDefaultLogLevel;

  bool operator==(const FileLogTarget&) const = default;
};

// An absent target is switched off.
struct LogSettings {
  std::optional<LogLevel> stdout_level;
  std::optional<FileLogTarget> file;
  std::optional<LogLevel> syslog_level;  // LOG_DAEMON, ident = program name

  bool operator==(const LogSettings&) const = default;
};

// Replaces the sinks of spdlog's default logger. On failure (the file cannot be opened)
// sets error and leaves the current logger untouched.
bool apply_log_settings(const LogSettings& settings, std::string& error);

// Named debug toggles such as "bgp updates" or "ospf spf", all off when defined.
class DebugFlags {
 public:
  void define(std::string name);             // defining an existing name again changes nothing
  bool set(std::string_view name, bool on);  // false when name was never defined
  bool enabled(std::string_view name) const;
  std::vector<std::string> names() const;   // definition order
  std::vector<std::string> active() const;  // enabled ones, definition order

 private:
  struct Flag {
    std::string name;
    bool on = false;
  };
  // Position of name in flags_, or flags_.size() when undefined.
  std::size_t index_of(std::string_view name) const;

  std::vector<Flag> flags_;
};

}  // namespace cfn::core
