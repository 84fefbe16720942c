// --once output: the JSON document, and the text rendering made from it.
#include "libcfnmetric/agent/once_report.hpp"

#include <fmt/format.h>

#include "libcfnmetric/agent/l0_fields.hpp"

namespace cfn::metric {
namespace {

template <typename T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json metrics_json(const L0Metrics& m) {
  Json out = Json::object();
#define CFN_TO_JSON(field) out[#field] = optional_json(m.field);
  CFN_L0_METRIC_FIELDS(CFN_TO_JSON)
#undef CFN_TO_JSON
  out["healthy"] = optional_json(m.healthy);
  return out;
}

Json costs_json(const Evaluation& e) {
  return {{"l1",
           {{"compute", optional_json(e.l1.compute)},
            {"gpu", optional_json(e.l1.gpu)},
            {"memory", optional_json(e.l1.memory)},
            {"delay", optional_json(e.l1.delay)}}},
          {"l2", e.l2},
          {"drain", e.drain},
          {"capacity", e.capacity},
          {"weight", e.weight},
          {"completion_time_us", optional_json(e.completion_time_us)}};
}

Json host_json(const HostReport& host) {
  Json per_cpu = Json::array();
  for (const PerCpuUtilization& cpu : host.cpu_utilization.per_cpu)
    per_cpu.push_back({{"cpu", cpu.cpu}, {"utilization", optional_json(cpu.utilization)}});
  return {{"cpu_utilization", optional_json(host.cpu_utilization.all)},
          {"online_cores", optional_json(host.online_cores)},
          {"memory_utilization", optional_json(host.memory_utilization)},
          {"per_cpu", std::move(per_cpu)}};
}

Json gpu_json(const SamplerReport& report) {
  if (report.gpus.empty()) {
    const SourceStatus* nvml = report.find("nvml");
    std::string reason = nvml && !nvml->reason.empty() ? nvml->reason : "no GPU found";
    return {{"status", "absent"}, {"reason", std::move(reason)}};
  }
  Json gpus = Json::array();
  for (const GpuSample& gpu : report.gpus)
    gpus.push_back({{"index", gpu.index},
                    {"utilization", optional_json(gpu.utilization)},
                    {"memory_utilization", optional_json(gpu.memory_utilization)},
                    {"memory_total_bytes", optional_json(gpu.memory_total_bytes)},
                    {"memory_free_bytes", optional_json(gpu.memory_free_bytes)},
                    {"memory_used_bytes", optional_json(gpu.memory_used_bytes)},
                    {"power_watts", optional_json(gpu.power_watts)}});
  return {{"status", "present"}, {"gpus", std::move(gpus)}};
}

Json service_json(const ServiceSnapshot& s) {
  Json absent = Json::array();
  for (const SourceStatus& source : s.report.sources)
    if (!source.present) absent.push_back({{"source", source.source}, {"reason", source.reason}});
  return {{"service", s.config.name},
          {"instance", s.config.instance},
          {"cgroup", optional_json(s.config.cgroup)},
          {"metrics", metrics_json(s.metrics)},
          {"costs", costs_json(s.evaluation)},
          {"absent_sources", std::move(absent)}};
}

// Text for one JSON value: "-" for null, shares (0..1) as percentages where asked.
std::string value_text(const Json& value, bool percent = false) {
  if (value.is_null()) return "-";
  if (percent) return fmt::format("{:.1f}%", value.get<double>() * 100);
  if (value.is_number_float()) return fmt::format("{:.3f}", value.get<double>());
  return value.dump();
}

}  // namespace

Json once_json(std::string_view site, std::chrono::milliseconds interval,
               const std::vector<ServiceSnapshot>& services) {
  Json out = {{"site", site}, {"interval_ms", interval.count()}};
  if (!services.empty()) {
    out["host"] = host_json(services.front().report.host);
    const auto with_gpu = std::find_if(services.begin(), services.end(),
                                       [](const ServiceSnapshot& s) { return s.config.gpu; });
    out["gpu"] = gpu_json((with_gpu == services.end() ? services.front() : *with_gpu).report);
  }
  Json list = Json::array();
  for (const ServiceSnapshot& s : services) list.push_back(service_json(s));
  out["services"] = std::move(list);
  return out;
}

std::string once_text(const Json& once) {
  std::string out = fmt::format("site {}, sampled over {} ms\n", once["site"].get<std::string>(),
                                once["interval_ms"].get<long>());
  if (once.contains("host")) {
    const Json& host = once["host"];
    out += fmt::format("host: cpu {} of {} cores, memory {}\n",
                       value_text(host["cpu_utilization"], true), value_text(host["online_cores"]),
                       value_text(host["memory_utilization"], true));
    for (const Json& cpu : host["per_cpu"])
      out += fmt::format("  cpu{} {}\n", cpu["cpu"].get<unsigned>(),
                         value_text(cpu["utilization"], true));
    const Json& gpu = once["gpu"];
    if (gpu["status"] == "absent") {
      out += fmt::format("gpu: absent ({})\n", gpu["reason"].get<std::string>());
    } else {
      for (const Json& g : gpu["gpus"])
        out += fmt::format("gpu{}: utilization {}, memory free {} of {} bytes, power {} W\n",
                           g["index"].get<unsigned>(), value_text(g["utilization"], true),
                           value_text(g["memory_free_bytes"]), value_text(g["memory_total_bytes"]),
                           value_text(g["power_watts"]));
    }
  }
  for (const Json& s : once["services"]) {
    out += fmt::format("service {} instance {}{}\n", s["service"].get<std::string>(),
                       s["instance"].get<std::string>(),
                       s["cgroup"].is_null() ? "" : ", cgroup " + s["cgroup"].get<std::string>());
    for (const auto& [name, value] : s["metrics"].items())
      out += fmt::format("  {:<22} {}\n", name, value_text(value));
    const Json& costs = s["costs"];
    const Json& l1 = costs["l1"];
    out += fmt::format(
        "  costs: l1 compute {} gpu {} memory {} delay {}; l2 {}{}; capacity {} cores; weight {}\n",
        value_text(l1["compute"]), value_text(l1["gpu"]), value_text(l1["memory"]),
        value_text(l1["delay"]), value_text(costs["l2"]),
        costs["drain"].get<bool>() ? " (drain)" : "", value_text(costs["capacity"]),
        value_text(costs["weight"]));
    for (const Json& absent : s["absent_sources"])
      out += fmt::format("  absent: {}: {}\n", absent["source"].get<std::string>(),
                         absent["reason"].get<std::string>());
  }
  return out;
}

}  // namespace cfn::metric
