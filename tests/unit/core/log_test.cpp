// Tests for FRR log level names, apply_log_settings (file/stdout/syslog sinks) and DebugFlags.
#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include "libcfn/core/log.hpp"
#include "tests/unit/core/temp_dir.hpp"

using cfn::core::apply_log_settings;
using cfn::core::DebugFlags;
using cfn::core::FileLogTarget;
using cfn::core::LogLevel;
using cfn::core::LogSettings;
using cfn::core::test::read_file;
using cfn::core::test::TempDir;
using cfn::core::test::write_file;
namespace level = spdlog::level;

namespace {

// Restores a logger with no sinks so later tests do not write into a deleted directory.
struct ResetLoggingAtEnd {
  ~ResetLoggingAtEnd() {
    std::string error;
    apply_log_settings(LogSettings{}, error);
  }
};

}  // namespace

TEST_CASE("FRR level names map both ways and onto spdlog", "[core][log]") {
  const auto [name, frr, spdlog_level] = GENERATE(table<std::string, LogLevel, level::level_enum>({
      {"emergencies", LogLevel::kEmergencies, level::critical},
      {"alerts", LogLevel::kAlerts, level::critical},
      {"critical", LogLevel::kCritical, level::critical},
      {"errors", LogLevel::kErrors, level::err},
      {"warnings", LogLevel::kWarnings, level::warn},
      {"notifications", LogLevel::kNotifications, level::info},
      {"informational", LogLevel::kInformational, level::info},
      {"debugging", LogLevel::kDebugging, level::debug},
  }));
  CAPTURE(name);
  CHECK(cfn::core::parse_log_level(name) == frr);
  CHECK(cfn::core::log_level_name(frr) == name);
  CHECK(cfn::core::to_spdlog_level(frr) == spdlog_level);
}

TEST_CASE("unknown level names are rejected", "[core][log]") {
  const auto name = GENERATE(as<std::string>{}, "", "debug", "Debugging", "warning", "error",
                             "info", "debugging ", "trace");
  CAPTURE(name);
  CHECK_FALSE(cfn::core::parse_log_level(name));
}

TEST_CASE("the default level is debugging, as in FRR", "[core][log]") {
  CHECK(cfn::core::kDefaultLogLevel == LogLevel::kDebugging);
  CHECK(FileLogTarget{}.level == LogLevel::kDebugging);
}

TEST_CASE("a file target receives records at or above its level", "[core][log]") {
  const ResetLoggingAtEnd reset;
  const TempDir dir;
  const std::string path = dir.file("cfn.log");
  LogSettings settings;
  settings.file = FileLogTarget{path, LogLevel::kWarnings};
  std::string error;
  REQUIRE(apply_log_settings(settings, error));

  spdlog::debug("hidden debug");
  spdlog::info("hidden info");
  spdlog::warn("shown warning {}", 1);
  spdlog::error("shown error {}", 2);
  const std::string content = read_file(path);
  CHECK(content.find("shown warning 1") != std::string::npos);
  CHECK(content.find("shown error 2") != std::string::npos);
  CHECK(content.find("hidden") == std::string::npos);
  CHECK(spdlog::default_logger()->level() == level::warn);
}

TEST_CASE("re-applying settings changes levels and closes old targets", "[core][log]") {
  const ResetLoggingAtEnd reset;
  const TempDir dir;
  const std::string first = dir.file("first.log");
  const std::string second = dir.file("second.log");
  std::string error;
  LogSettings settings;
  settings.file = FileLogTarget{first, LogLevel::kErrors};
  REQUIRE(apply_log_settings(settings, error));
  spdlog::info("dropped");

  settings.file = FileLogTarget{second, LogLevel::kDebugging};
  REQUIRE(apply_log_settings(settings, error));
  spdlog::debug("to second");
  CHECK(read_file(first).empty());
  CHECK(read_file(second).find("to second") != std::string::npos);

  REQUIRE(apply_log_settings(LogSettings{}, error));
  spdlog::critical("nowhere");
  CHECK(read_file(second).find("nowhere") == std::string::npos);
  CHECK(spdlog::default_logger()->sinks().empty());
  CHECK(spdlog::default_logger()->level() == level::off);
}

TEST_CASE("a file that cannot be opened leaves logging unchanged", "[core][log]") {
  const ResetLoggingAtEnd reset;
  const TempDir dir;
  write_file(dir.file("plain"), "not a directory");
  std::string error;
  REQUIRE(apply_log_settings(LogSettings{}, error));
  const auto before = spdlog::default_logger();

  LogSettings settings;
  settings.file = FileLogTarget{dir.file("plain/sub/cfn.log"), LogLevel::kDebugging};
  CHECK_FALSE(apply_log_settings(settings, error));
  CHECK_FALSE(error.empty());
  CHECK(spdlog::default_logger() == before);
}

TEST_CASE("stdout and syslog targets get their own levels", "[core][log]") {
  const ResetLoggingAtEnd reset;
  LogSettings settings;
  settings.stdout_level = LogLevel::kInformational;
  settings.syslog_level = LogLevel::kErrors;
  std::string error;
  REQUIRE(apply_log_settings(settings, error));
  const auto& sinks = spdlog::default_logger()->sinks();
  REQUIRE(sinks.size() == 2);
  CHECK(sinks[0]->level() == level::info);
  CHECK(sinks[1]->level() == level::err);
  CHECK(spdlog::default_logger()->level() == level::info);

  // The process keeps one syslog sink (openlog/closelog are process-wide).
  const auto syslog_sink = sinks[1];
  settings.stdout_level.reset();
  REQUIRE(apply_log_settings(settings, error));
  REQUIRE(spdlog::default_logger()->sinks().size() == 1);
  CHECK(spdlog::default_logger()->sinks()[0] == syslog_sink);
  CHECK(spdlog::default_logger()->level() == level::err);
}

TEST_CASE("debug flags are defined, toggled and listed in order", "[core][log][debug]") {
  DebugFlags flags;
  for (const char* name :
       {"bgp updates", "bgp neighbor-events", "ospf packet", "ospf lsa", "ospf spf", "fib"}) {
    flags.define(name);
  }
  flags.define("bgp updates");  // no duplicate
  CHECK(flags.names() == std::vector<std::string>{"bgp updates", "bgp neighbor-events",
                                                  "ospf packet", "ospf lsa", "ospf spf", "fib"});
  CHECK(flags.active().empty());
  CHECK_FALSE(flags.enabled("ospf spf"));

  CHECK(flags.set("ospf spf", true));
  CHECK(flags.set("bgp updates", true));
  CHECK(flags.enabled("ospf spf"));
  CHECK(flags.active() == std::vector<std::string>{"bgp updates", "ospf spf"});

  CHECK(flags.set("bgp updates", false));
  CHECK_FALSE(flags.enabled("bgp updates"));
  CHECK(flags.active() == std::vector<std::string>{"ospf spf"});

  CHECK_FALSE(flags.set("bgp nonsense", true));
  CHECK_FALSE(flags.enabled("bgp nonsense"));
  CHECK(flags.names().size() == 6);
}

TEST_CASE("redefining an enabled flag keeps it enabled", "[core][log][debug]") {
  DebugFlags flags;
  flags.define("fib");
  flags.set("fib", true);
  flags.define("fib");
  CHECK(flags.enabled("fib"));
}
