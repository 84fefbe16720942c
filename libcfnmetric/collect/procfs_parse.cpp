// Pure parsers for /proc/stat, /proc/loadavg, PSI files and /proc/meminfo (see proc(5) and
// Documentation/accounting/psi.rst in the kernel tree).
#include "libcfnmetric/collect/procfs_parse.hpp"

#include <array>
#include <limits>
#include <string>

#include "libcfnmetric/collect/text_scan.hpp"

namespace cfn::metric {

namespace {

constexpr std::array<const char*, 8> kCpuFields = {"user",   "nice", "system",  "idle",
                                                   "iowait", "irq",  "softirq", "steal"};

std::string line_prefix(std::size_t index) {
  return "line " + std::to_string(index + 1) + ": ";
}

// "cpu" -> nullopt index; "cpu12" -> 12. Refuses anything else.
Parsed<std::optional<unsigned>> cpu_index(std::string_view label) {
  std::string_view digits = label.substr(3);
  if (digits.empty()) return present<std::optional<unsigned>>(std::nullopt);
  auto index = to_u64(digits);
  if (!index || *index > std::numeric_limits<unsigned>::max()) {
    return absent<std::optional<unsigned>>("bad CPU label '" + std::string(label) + "'");
  }
  return present<std::optional<unsigned>>(static_cast<unsigned>(*index));
}

Parsed<CpuTimes> cpu_times(const std::vector<std::string_view>& words) {
  if (words.size() < kCpuFields.size() + 1) {
    return absent<CpuTimes>("truncated: " + std::to_string(words.size() - 1) + " of " +
                            std::to_string(kCpuFields.size()) + " fields");
  }
  std::array<std::uint64_t, kCpuFields.size()> values{};
  for (std::size_t i = 0; i < kCpuFields.size(); ++i) {
    auto value = to_u64(words[i + 1]);
    if (!value) return absent<CpuTimes>(std::string(kCpuFields[i]) + " is not a number");
    values[i] = *value;
  }
  return present(CpuTimes{values[0], values[1], values[2], values[3], values[4], values[5],
                          values[6], values[7]});
}

Parsed<PressureLine> pressure_line(const std::vector<std::string_view>& words) {
  constexpr std::array<std::string_view, 4> kKeys = {"avg10", "avg60", "avg300", "total"};
  if (words.size() != kKeys.size() + 1) return absent<PressureLine>("expected 4 fields");
  PressureLine line;
  std::array<double*, 3> averages = {&line.avg10, &line.avg60, &line.avg300};
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    std::string_view word = words[i + 1];
    std::size_t eq = word.find('=');
    if (eq == std::string_view::npos || word.substr(0, eq) != kKeys[i]) {
      return absent<PressureLine>("expected " + std::string(kKeys[i]) + "=");
    }
    std::string_view number = word.substr(eq + 1);
    if (i < averages.size()) {
      auto value = to_non_negative_double(number);
      if (!value || *value > 100.0) {
        return absent<PressureLine>(std::string(kKeys[i]) + " is not a percentage");
      }
      *averages[i] = *value;
    } else {
      auto value = to_u64(number);
      if (!value) return absent<PressureLine>("total is not a number");
      line.total_us = *value;
    }
  }
  return present(line);
}

// "MemTotal:       24684084 kB" -> bytes.
Parsed<std::uint64_t> meminfo_bytes(const std::vector<std::string_view>& words) {
  if (words.size() != 3 || words[2] != "kB") return absent<std::uint64_t>("expected 'N kB'");
  auto kib = to_u64(words[1]);
  if (!kib) return absent<std::uint64_t>("not a number");
  if (*kib > std::numeric_limits<std::uint64_t>::max() / 1024) {
    return absent<std::uint64_t>("too large");
  }
  return present(*kib * 1024);
}

}  // namespace

Parsed<ProcStat> parse_proc_stat(std::string_view text) {
  ProcStat stat;
  bool seen_all = false;
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto words = split_words(lines[i]);
    if (words.front().substr(0, 3) != "cpu") continue;
    auto index = cpu_index(words.front());
    if (!index) return absent<ProcStat>(line_prefix(i) + index.error);
    auto times = cpu_times(words);
    if (!times) return absent<ProcStat>(line_prefix(i) + times.error);
    if (!index.value->has_value()) {
      if (seen_all) return absent<ProcStat>(line_prefix(i) + "second aggregate cpu line");
      stat.all = *times.value;
      seen_all = true;
    } else {
      stat.per_cpu.push_back({**index.value, *times.value});
    }
  }
  if (!seen_all) return absent<ProcStat>("no aggregate cpu line");
  return present(std::move(stat));
}

Parsed<LoadAverage> parse_loadavg(std::string_view text) {
  // "0.46 1.44 2.18 2/88 2885": the three averages come first.
  auto words = split_words(trim(text));
  if (words.size() < 3) return absent<LoadAverage>("truncated: fewer than 3 averages");
  std::array<double, 3> values{};
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto value = to_non_negative_double(words[i]);
    if (!value) return absent<LoadAverage>("average " + std::to_string(i + 1) + " is not a number");
    values[i] = *value;
  }
  return present(LoadAverage{values[0], values[1], values[2]});
}

Parsed<Pressure> parse_pressure(std::string_view text) {
  std::optional<PressureLine> some;
  std::optional<PressureLine> full;
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto words = split_words(lines[i]);
    std::optional<PressureLine>* slot = nullptr;
    if (words.front() == "some") slot = &some;
    if (words.front() == "full") slot = &full;
    if (slot == nullptr) {
      return absent<Pressure>(line_prefix(i) + "expected 'some' or 'full'");
    }
    if (slot->has_value())
      return absent<Pressure>(line_prefix(i) + "repeated " + std::string(words.front()));
    auto line = pressure_line(words);
    if (!line) return absent<Pressure>(line_prefix(i) + line.error);
    *slot = *line.value;
  }
  if (!some) return absent<Pressure>("no 'some' line");
  return present(Pressure{*some, full});
}

Parsed<MemInfo> parse_meminfo(std::string_view text) {
  std::optional<std::uint64_t> total;
  std::optional<std::uint64_t> available;
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto words = split_words(lines[i]);
    std::optional<std::uint64_t>* slot = nullptr;
    if (words.front() == "MemTotal:") slot = &total;
    if (words.front() == "MemAvailable:") slot = &available;
    if (slot == nullptr) continue;
    auto bytes = meminfo_bytes(words);
    if (!bytes) {
      return absent<MemInfo>(line_prefix(i) + std::string(words.front()) + " " + bytes.error);
    }
    *slot = *bytes.value;
  }
  if (!total) return absent<MemInfo>("no MemTotal");
  if (!available) return absent<MemInfo>("no MemAvailable");
  if (*total == 0) return absent<MemInfo>("MemTotal is 0");
  return present(MemInfo{*total, *available});
}

}  // namespace cfn::metric
