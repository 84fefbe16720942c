// Agent: start-up, the per-interval sampling and sending, and pushed-metric bookkeeping.
#include "libcfnmetric/agent/agent.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>

namespace cfn::metric {
namespace {

std::uint64_t unix_time(auto unit) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<decltype(unit)>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace

Agent::Agent(boost::asio::io_context& io, core::TimerService& timers, const core::Clock& clock,
             AgentConfig config, std::filesystem::path root)
    : timers_(timers),
      clock_(clock),
      config_(std::move(config)),
      push_(io, [this](ServicePush push) { return on_push(std::move(push)); }),
      random_(std::random_device{}()) {
  // A restarted agent starts above every number its previous run can have reached, as long as
  // that run sent fewer than one report per microsecond.
  const std::uint64_t first_sequence = unix_time(std::chrono::microseconds{});
  for (const ServiceConfig& service : config_.services) {
    SamplerConfig sampler{root, service.cgroup, service.gpu};
    services_.push_back(
        {service, std::make_unique<Sampler>(std::move(sampler)), first_sequence, {}});
  }
  for (const RouterTarget& router : config_.routers) {
    const boost::asio::ip::tcp::endpoint endpoint(
        boost::asio::ip::make_address(router.address.to_string()), router.port);
    links_.push_back(std::make_unique<RouterLink>(io, timers, endpoint, BackoffPolicy{}, [this] {
      return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
    }));
  }
}

Agent::~Agent() {
  stop();
}

bool Agent::start(std::string& error) {
  if (config_.push_socket && !push_.open(*config_.push_socket, error)) return false;
  for (const auto& link : links_) link->start();
  for (Service& service : services_) service.sampler->sample(clock_.now());
  tick_timer_ = timers_.schedule_after(config_.interval, [this] { tick(); });
  spdlog::info("cfn-agent: site {}: {} service(s), {} router(s), every {} ms", config_.site,
               services_.size(), links_.size(), config_.interval.count());
  return true;
}

void Agent::stop() {
  timers_.cancel(tick_timer_);
  tick_timer_ = core::kNoTimer;
  for (const auto& link : links_) link->stop();
  push_.close();
}

void Agent::tick() {
  const std::uint64_t now_ms = unix_time(std::chrono::milliseconds{});
  for (Service& service : services_) report(service, now_ms);
  warn_refused_pushes();
  tick_timer_ = timers_.schedule_after(config_.interval, [this] { tick(); });
}

void Agent::report(Service& service, std::uint64_t unix_ms) {
  const core::Clock::TimePoint now = clock_.now();
  AgentReport report;
  report.site = config_.site;
  report.service = service.config.name;
  report.instance = service.config.instance;
  report.timestamp_ms = unix_ms;
  report.sequence = service.next_sequence++;
  report.metrics = service.sampler->sample(now);
  if (service.pushed && now - service.pushed->received >= config_.interval * kPushLifetimeIntervals)
    service.pushed.reset();
  if (service.pushed) overlay_pushed(service.pushed->metrics, report.metrics);
  for (std::size_t i = 0; i < links_.size(); ++i)
    links_[i]->send(encode_frame(report, config_.routers[i].key));
}

// A push names its service, and optionally the instance, which must then be this agent's.
std::string Agent::on_push(ServicePush push) {
  for (Service& service : services_) {
    if (service.config.name != push.service) continue;
    if (push.instance && *push.instance != service.config.instance)
      return fmt::format("service {} runs instance {} here, not {}", push.service,
                         service.config.instance, *push.instance);
    service.pushed = Pushed{push.metrics, clock_.now()};
    return {};
  }
  return fmt::format("no service {} configured", push.service);
}

void Agent::warn_refused_pushes() {
  const PushListener::Counters& counters = push_.counters();
  if (counters.refused == refused_pushes_warned_) return;
  spdlog::warn("cfn-agent: refused {} pushed datagram(s) since the last report; last: {}",
               counters.refused - refused_pushes_warned_, counters.last_error);
  refused_pushes_warned_ = counters.refused;
}

}  // namespace cfn::metric
