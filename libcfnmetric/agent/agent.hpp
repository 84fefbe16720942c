// The cfn-agent runtime on one io_context: every interval it samples each configured service,
// overlays what the service last pushed, and sends one signed report per service to every
// router; sequence numbers start at the agent's start time in unix microseconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "libcfn/core/clock.hpp"
#include "libcfn/core/timer_service.hpp"
#include "libcfnmetric/agent/agent_config.hpp"
#include "libcfnmetric/agent/push_listener.hpp"
#include "libcfnmetric/agent/router_link.hpp"
#include "libcfnmetric/collect/sampler.hpp"

namespace cfn::metric {

// Pushed metrics older than this many intervals are no longer reported: the service went quiet.
inline constexpr int kPushLifetimeIntervals = 3;

class Agent {
 public:
  // root: where the collectors read /proc and /sys from ("/" in production). timers and clock
  // must outlive every handler the io_context may still run.
  Agent(boost::asio::io_context& io, core::TimerService& timers, const core::Clock& clock,
        AgentConfig config, std::filesystem::path root);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Opens the push socket (if configured), connects to the routers, takes the first sample of
  // each service and schedules the reports.
  bool start(std::string& error);
  void stop();

  const std::vector<std::unique_ptr<RouterLink>>& routers() const { return links_; }
  const PushListener& push_listener() const { return push_; }

 private:
  struct Pushed {
    L0Metrics metrics;
    core::Clock::TimePoint received;
  };
  struct Service {
    ServiceConfig config;
    std::unique_ptr<Sampler> sampler;
    std::uint64_t next_sequence = 0;
    std::optional<Pushed> pushed;
  };

  void tick();
  void report(Service& service, std::uint64_t unix_ms);
  std::string on_push(ServicePush push);
  // One warning per interval at most for refused pushes, however many arrive.
  void warn_refused_pushes();

  core::TimerService& timers_;
  const core::Clock& clock_;
  AgentConfig config_;
  std::vector<Service> services_;
  std::vector<std::unique_ptr<RouterLink>> links_;  // one per config_.routers entry, same order
  PushListener push_;
  std::mt19937 random_;
  core::TimerId tick_timer_ = core::kNoTimer;
  std::uint64_t refused_pushes_warned_ = 0;
};

}  // namespace cfn::metric
