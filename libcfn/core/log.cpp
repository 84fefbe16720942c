// FRR level names, rebuilding spdlog's default logger from LogSettings, and DebugFlags.
#include "libcfn/core/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/spdlog.h>
#include <syslog.h>
#include <algorithm>
#include <array>
#include <memory>

namespace cfn::core {
namespace {

struct LevelInfo {
  LogLevel level;
  std::string_view name;
  spdlog::level::level_enum spdlog_level;
};

// Indexed by LogLevel.
constexpr std::array<LevelInfo, 8> kLevels{{
    {LogLevel::kEmergencies, "emergencies", spdlog::level::critical},
    {LogLevel::kAlerts, "alerts", spdlog::level::critical},
    {LogLevel::kCritical, "critical", spdlog::level::critical},
    {LogLevel::kErrors, "errors", spdlog::level::err},
    {LogLevel::kWarnings, "warnings", spdlog::level::warn},
    {LogLevel::kNotifications, "notifications", spdlog::level::info},
    {LogLevel::kInformational, "informational", spdlog::level::info},
    {LogLevel::kDebugging, "debugging", spdlog::level::debug},
}};

const LevelInfo& level_info(LogLevel level) {
  return kLevels[static_cast<std::size_t>(level)];
}

constexpr const char* kPattern = "%Y/%m/%d %H:%M:%S.%e [%l] %v";

// One syslog sink for the whole process: spdlog's sink calls closelog() when destroyed,
// which would undo the openlog() of a replacement created before it.
std::shared_ptr<spdlog::sinks::syslog_sink_mt> process_syslog_sink() {
  static const auto sink =
      std::make_shared<spdlog::sinks::syslog_sink_mt>("", LOG_PID, LOG_DAEMON, false);
  return sink;
}

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view name) {
  for (const LevelInfo& entry : kLevels) {
    if (entry.name == name) return entry.level;
  }
  return std::nullopt;
}

std::string_view log_level_name(LogLevel level) {
  return level_info(level).name;
}

spdlog::level::level_enum to_spdlog_level(LogLevel level) {
  return level_info(level).spdlog_level;
}

bool apply_log_settings(const LogSettings& settings, std::string& error) {
  std::vector<spdlog::sink_ptr> sinks;
  const auto add = [&sinks](spdlog::sink_ptr sink, LogLevel level) {
    sink->set_level(to_spdlog_level(level));
    sinks.push_back(std::move(sink));
  };
  if (settings.stdout_level) {
    // Colours only when stdout is a terminal (color_mode::automatic).
    add(std::make_shared<spdlog::sinks::stdout_color_sink_mt>(), *settings.stdout_level);
  }
  if (settings.file) {
    try {
      add(std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.file->path),
          settings.file->level);
    } catch (const spdlog::spdlog_ex& e) {
      error = e.what();
      return false;
    }
  }
  if (settings.syslog_level) add(process_syslog_sink(), *settings.syslog_level);

  auto logger = std::make_shared<spdlog::logger>("", sinks.begin(), sinks.end());
  logger->set_pattern(kPattern);
  const auto most_verbose =
      std::min_element(sinks.begin(), sinks.end(),
                       [](const auto& a, const auto& b) { return a->level() < b->level(); });
  logger->set_level(most_verbose == sinks.end() ? spdlog::level::off : (*most_verbose)->level());
  logger->flush_on(spdlog::level::trace);  // every record reaches the file at once
  spdlog::set_default_logger(std::move(logger));
  return true;
}

void DebugFlags::define(std::string name) {
  if (index_of(name) == flags_.size()) flags_.push_back(Flag{std::move(name)});
}

bool DebugFlags::set(std::string_view name, bool on) {
  const std::size_t index = index_of(name);
  if (index == flags_.size()) return false;
  flags_[index].on = on;
  return true;
}

bool DebugFlags::enabled(std::string_view name) const {
  const std::size_t index = index_of(name);
  return index < flags_.size() && flags_[index].on;
}

std::vector<std::string> DebugFlags::names() const {
  std::vector<std::string> out;
  for (const Flag& flag : flags_) out.push_back(flag.name);
  return out;
}

std::vector<std::string> DebugFlags::active() const {
  std::vector<std::string> out;
  for (const Flag& flag : flags_) {
    if (flag.on) out.push_back(flag.name);
  }
  return out;
}

std::size_t DebugFlags::index_of(std::string_view name) const {
  const auto it = std::find_if(flags_.begin(), flags_.end(),
                               [name](const Flag& flag) { return flag.name == name; });
  return static_cast<std::size_t>(it - flags_.begin());
}

}  // namespace cfn::core
