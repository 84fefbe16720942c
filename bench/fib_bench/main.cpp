// fib_bench: kernel FIB programming rate, three ways, in one run (issue 3 item 6).
//
//   fib_bench run --netns NAME --routes N --multipath M --ifname DEV [--write-kib K] [--tsv FILE]
//                 [--rounds R] [--methods limit,ip-batch,cfn-fib]
//   fib_bench fib-child NETNS SCENARIO COUNT IFINDEX     (internal: the cfn::fib::Fib side)
//
// Must run inside the network namespace /run/netns/NAME (bench/fib_bench/run.sh creates one,
// with a dummy DEV holding 100.64.0.1/16 so that 100.64.0.2-5 are reachable next hops);
// refuses to run anywhere else. Not a test: it prints figures and PASS/FAIL lines, nothing gates.
// Fairness: each round runs the methods in a rotated order, every method starts on an empty
// table after the kernel has finished freeing the previous method's routes (slab settled),
// and the ratios compare the medians over the rounds.
#include <fcntl.h>
#include <net/if.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/fib_bench/fib_child.hpp"
#include "bench/fib_bench/raw_netlink.hpp"

namespace cfn::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Config {
  std::uint32_t routes = 1'000'000;
  std::uint32_t multipath = 100'000;
  std::string ifname = "bench0";
  std::uint32_t ifindex = 0;
  std::size_t write_bytes = 256 * 1024;
  std::string tsv;
  unsigned rounds = 3;
  std::vector<std::string> methods = {"limit", "ip-batch", "cfn-fib"};
  std::string netns;
  std::string exe;
  std::filesystem::path tmp;
};

struct Row {
  std::string scenario, method, op;
  unsigned round = 0;
  double cpu = 0;  // user + sys seconds of the sending process
  std::uint32_t routes = 0;
  double seconds = 0;
  std::uint64_t in_kernel = 0, matching = 0, errors = 0;
  bool ok = false;
  std::string note;
};

Row make_row(const std::string& scenario, const std::string& method, const std::string& op,
             std::uint32_t routes, double seconds) {
  Row r;
  r.scenario = scenario;
  r.method = method;
  r.op = op;
  r.routes = routes;
  r.seconds = seconds;
  return r;
}

struct ProcessResult {
  int status = -1;  // exit status, or 128+signal
  double seconds = 0;
  std::string out;
};

// capture: stdout into out; stderr_file: stderr there (else inherited).
ProcessResult run_process(const std::vector<std::string>& argv, bool capture,
                          const std::string& stderr_file = "") {
  int fds[2] = {-1, -1};
  if (capture && ::pipe(fds) != 0) throw std::runtime_error("pipe");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ProcessResult r;
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    if (capture) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
    }
    if (!stderr_file.empty()) {
      int fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd >= 0) ::dup2(fd, 2);
    }
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  if (capture) {
    ::close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
      if (n > 0) r.out.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

int shell(const std::string& command) {
  return run_process({"/bin/sh", "-c", command}, false).status;
}

std::string v4(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
         std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

// Leaves no route of ours and no nexthop object in the namespace (not timed).
void clear_table() {
  if (dump_routes(nullptr).ours > 0) shell("ip -4 route flush proto " + std::to_string(kProto));
  shell("ip nexthop flush >/dev/null 2>&1");
  auto left = dump_routes(nullptr).ours;
  if (left != 0)
    std::fprintf(stderr, "warning: %llu routes left after flush\n",
                 static_cast<unsigned long long>(left));
}

// Kernel slab memory in KiB (Slab: in /proc/meminfo), 0 if unknown.
std::uint64_t slab_kib() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  while (in >> key >> kib)
    if (key == "Slab:") return kib;
  return 0;
}

// Waits (untimed, at most 30 s) until the kernel has finished freeing what the previous
// method deleted: RCU frees route memory in the background, and a method that started while
// that runs would pay for its predecessor. Settled = slab shrinks by < 1 MiB in 500 ms.
void quiesce() {
  std::uint64_t before = slab_kib();
  for (int i = 0; i < 60; ++i) {
    ::usleep(500'000);
    const std::uint64_t now = slab_kib();
    if (now + 1024 >= before) return;
    before = now;
  }
}

void nexthops_via_ip(const Config& c, bool add) {
  if (!add) {
    shell("ip nexthop flush >/dev/null 2>&1");
    return;
  }
  std::string cmd;
  for (std::uint32_t k = 0; k < 4; ++k)
    cmd += "ip nexthop add id " + std::to_string(kNhObjectBase + k) + " via " +
           v4(kGatewayBase + k) + " dev " + c.ifname + " proto " + std::to_string(kProto) + " && ";
  cmd += "ip nexthop add id " + std::to_string(kGroupA) + " group 1,1/2,2/3,3/4,4 proto " +
         std::to_string(kProto) + " && ";
  cmd += "ip nexthop add id " + std::to_string(kGroupB) + " group 1,4/2,3/3,2/4,1 proto " +
         std::to_string(kProto);
  if (shell(cmd) != 0) throw std::runtime_error("cannot create nexthop objects: " + cmd);
}

Row verify(Row row, Op op, const Shape& shape) {
  DumpResult d = dump_routes(op == Op::kDelete ? nullptr : &shape);
  row.in_kernel = d.ours;
  row.matching = op == Op::kDelete ? 0 : d.matching;
  row.ok = d.error.empty() && row.errors == 0 &&
           (op == Op::kDelete ? d.ours == 0 : (d.ours == row.routes && d.matching == row.routes));
  if (!d.error.empty()) row.note += " " + d.error;
  return row;
}

struct Scenario {
  std::string name;
  std::uint32_t count;
  Shape install, replace;
  bool groups;
};

std::string cpu_note(const CpuTimes& cpu) {
  char text[64];
  std::snprintf(text, sizeof text, "cpu user %.3f sys %.3f s", cpu.user, cpu.sys);
  return text;
}

// ---- 1. the kernel limit: raw batched sender, no acks ----
void run_limit(const Config& c, const Scenario& s, std::vector<Row>& rows) {
  clear_table();
  if (s.groups) nexthops_via_ip(c, true);
  for (Op op : {Op::kInstall, Op::kReplace, Op::kDelete}) {
    const Shape& shape = op == Op::kReplace ? s.replace : s.install;
    SendResult r = raw_send(op, s.count, shape, c.ifindex, c.write_bytes);
    Row row = make_row(s.name, "limit", op_name(op), s.count, r.seconds);
    row.errors = r.errors + r.lost_errors;
    row.cpu = r.cpu.user + r.cpu.sys;
    row.note = cpu_note(r.cpu) + ", " + std::to_string(r.writes) + " writes";
    if (r.errors) row.note += ", first error " + std::string(std::strerror(r.first_error));
    if (r.lost_errors) row.note += ", error reports lost";
    rows.push_back(verify(row, op, shape));
  }
  if (s.groups) nexthops_via_ip(c, false);
}

// ---- 2. ip -batch: one request, one ack, at a time ----
std::string ip_line(const Config& c, Op op, std::uint32_t i, const Shape& shape) {
  std::string line = op == Op::kInstall   ? "route add "
                     : op == Op::kReplace ? "route replace "
                                          : "route del ";
  line += v4(route_address(i)) + "/24 proto " + std::to_string(kProto) + " metric " +
          std::to_string(kMetric);
  if (op != Op::kDelete) {
    switch (shape.kind) {
      case Shape::Kind::kSingle:
        line += " via " + v4(shape.gateway) + " dev " + c.ifname;
        break;
      case Shape::Kind::kMultipath:  // "nexthop" clauses must come last
        for (std::size_t k = 0; k < shape.weights.size(); ++k)
          line += " nexthop via " + v4(kGatewayBase + static_cast<std::uint32_t>(k)) + " dev " +
                  c.ifname + " weight " + std::to_string(shape.weights[k]);
        break;
      case Shape::Kind::kGroup:
        line += " nhid " + std::to_string(shape.nexthop_id);
        break;
    }
  }
  return line + "\n";
}

void run_ip_batch(const Config& c, const Scenario& s, std::vector<Row>& rows) {
  clear_table();
  if (s.groups) nexthops_via_ip(c, true);
  for (Op op : {Op::kInstall, Op::kReplace, Op::kDelete}) {
    const Shape& shape = op == Op::kReplace ? s.replace : s.install;
    const auto file = c.tmp / ("ip-" + s.name + "-" + op_name(op) + ".batch");
    {
      std::ofstream out(file);
      for (std::uint32_t i = 0; i < s.count; ++i) out << ip_line(c, op, i, shape);
    }
    const auto errors = c.tmp / "ip.stderr";
    const CpuTimes cpu0 = children_cpu_times();
    ProcessResult p =
        run_process({"ip", "-force", "-batch", file.string()}, false, errors.string());
    const CpuTimes cpu = children_cpu_times() - cpu0;
    std::filesystem::remove(file);
    Row row = make_row(s.name, "ip-batch", op_name(op), s.count, p.seconds);
    row.cpu = cpu.user + cpu.sys;
    row.note = cpu_note(cpu);
    if (p.status != 0) {
      std::ifstream in(errors);
      std::string first, line;
      std::getline(in, first);
      while (std::getline(in, line)) ++row.errors;
      row.errors = row.errors / 2 + 1;  // ip prints two lines per failed command
      row.note = "ip exit status " + std::to_string(p.status) + ": " + first;
    }
    rows.push_back(verify(row, op, shape));
  }
  if (s.groups) nexthops_via_ip(c, false);
}

// ---- 3. cfn::fib::Fib, in a child process ----
double run_cfn(const Config& c, const Scenario& s, std::vector<Row>& rows) {
  clear_table();
  if (!fib_available()) {
    for (Op op : {Op::kInstall, Op::kReplace, Op::kDelete}) {
      Row row = make_row(s.name, "cfn-fib", op_name(op), s.count, 0);
      row.note = "PENDING: libcfn/fib (cfn_fib) not built";
      rows.push_back(row);
    }
    return 0;
  }
  ProcessResult p = run_process(
      {c.exe, "fib-child", c.netns, s.name, std::to_string(s.count), std::to_string(c.ifindex)},
      true);
  double rss_mb = 0;
  std::istringstream in(p.out);
  std::string line;
  int ops = 0;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string key;
    f >> key;
    if (key == "op") {
      Row row = make_row(s.name, "cfn-fib", "", s.count, 0);
      int first_error = 0;
      std::string settled;
      double queued = 0;
      CpuTimes cpu;
      f >> row.op >> row.seconds >> queued >> row.in_kernel >> row.matching >> row.errors >>
          first_error >> settled >> cpu.user >> cpu.sys;
      char split[64];
      std::snprintf(split, sizeof split, ", %.3f s in set_route/remove_route", queued);
      row.cpu = cpu.user + cpu.sys;
      row.note = cpu_note(cpu) + split;
      const bool del = row.op == "delete";
      row.ok = settled == "settled" && row.errors == 0 &&
               (del ? row.in_kernel == 0 : row.in_kernel == s.count && row.matching == s.count);
      if (del) row.matching = 0;
      if (row.errors) row.note += "; first error " + std::string(std::strerror(first_error));
      if (settled != "settled") row.note += "; never idle";
      rows.push_back(row);
      ++ops;
    } else if (key == "rss_kib") {
      std::uint64_t kib = 0;
      f >> kib;
      rss_mb = static_cast<double>(kib) / 1024.0;
    } else if (key == "rss_base_kib" || key == "stats") {
      std::printf("  [cfn-fib %s] %s\n", s.name.c_str(), line.c_str());
    } else if (key == "error") {
      std::printf("  [cfn-fib %s] %s\n", s.name.c_str(), line.c_str());
    }
  }
  if (p.status != 0 || ops != 3) {
    std::printf("  [cfn-fib %s] child exit status %d, %d of 3 operations reported\n",
                s.name.c_str(), p.status, ops);
    for (int k = ops; k < 3; ++k) {
      Row row = make_row(s.name, "cfn-fib", op_name(static_cast<Op>(k)), s.count, 0);
      row.note = "FAILED (child exit status " + std::to_string(p.status) + ")";
      rows.push_back(row);
    }
  }
  clear_table();
  return rss_mb;
}

bool pending(const Row& r) {
  return r.note.rfind("PENDING", 0) == 0;
}

// The median over the rounds of one scenario/method/op by `key` (wall or CPU seconds); ok only
// if every round was.
std::optional<Row> median(const std::vector<Row>& rows, const std::string& scenario,
                          const std::string& method, const std::string& op,
                          double Row::*key = &Row::seconds) {
  std::vector<const Row*> found;
  for (const auto& r : rows)
    if (r.scenario == scenario && r.method == method && r.op == op) found.push_back(&r);
  if (found.empty()) return std::nullopt;
  std::sort(found.begin(), found.end(),
            [&](const Row* a, const Row* b) { return a->*key < b->*key; });
  Row m = *found[found.size() / 2];
  for (const Row* r : found) m.ok = m.ok && r->ok;
  return m;
}

bool usable(const std::optional<Row>& r) {
  return r && r->ok && r->seconds > 0;
}

int run(Config c) {
  if (!in_netns(c.netns)) {
    std::fprintf(stderr,
                 "fib_bench: not inside the network namespace named by --netns (%s); "
                 "use run.sh\n",
                 c.netns.c_str());
    return 2;
  }
  c.ifindex = ::if_nametoindex(c.ifname.c_str());
  if (c.ifindex == 0) {
    std::fprintf(stderr, "fib_bench: no interface %s in this namespace\n", c.ifname.c_str());
    return 2;
  }
  if (c.routes > kMaxRoutes || c.multipath > kMaxRoutes || c.routes == 0 || c.multipath == 0) {
    std::fprintf(stderr, "fib_bench: route counts must be 1..%u\n", kMaxRoutes);
    return 2;
  }
  if (c.rounds == 0) {
    std::fprintf(stderr, "fib_bench: --rounds must be at least 1\n");
    return 2;
  }
  char tmpl[] = "/tmp/fib_bench.XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
  c.tmp = tmpl;

  const std::vector<Scenario> scenarios = {
      {"single", c.routes, single_shape(kGatewayBase), single_shape(kGatewayBase + 1), false},
      {"multipath", c.multipath, multipath_shape({1, 2, 3, 4}), multipath_shape({4, 3, 2, 1}),
       false},
      {"nhgroup", c.multipath, group_shape(kGroupA), group_shape(kGroupB), true},
  };
  std::printf(
      "fib_bench: %u IPv4 /24 single-path routes; %u routes on 4-way weighted multipath "
      "(RTA_MULTIPATH) and on nexthop groups; %zu KiB per write for the limit sender\n",
      c.routes, c.multipath, c.write_bytes / 1024);
  std::fflush(stdout);
  std::vector<Row> rows;
  std::map<std::string, double> rss;
  for (const auto& s : scenarios) {
    for (unsigned round = 0; round < c.rounds; ++round) {
      std::vector<std::string> order = c.methods;
      std::rotate(order.begin(), order.begin() + round % order.size(), order.end());
      for (const auto& method : order) {
        std::printf("-- %s (%u routes), round %u: %s...\n", s.name.c_str(), s.count, round + 1,
                    method.c_str());
        std::fflush(stdout);
        clear_table();
        quiesce();
        const std::size_t first = rows.size();
        if (method == "limit") run_limit(c, s, rows);
        if (method == "ip-batch") run_ip_batch(c, s, rows);
        if (method == "cfn-fib") rss[s.name] = std::max(rss[s.name], run_cfn(c, s, rows));
        for (std::size_t i = first; i < rows.size(); ++i) rows[i].round = round + 1;
      }
    }
  }
  clear_table();
  std::filesystem::remove_all(c.tmp);

  std::printf("\n%-10s %-9s %-8s %5s %9s %9s %11s  %-6s %s\n", "scenario", "method", "op", "round",
              "routes", "seconds", "routes/s", "check", "note");
  for (const auto& r : rows) {
    const double rate = r.seconds > 0 ? r.routes / r.seconds : 0;
    std::printf("%-10s %-9s %-8s %5u %9u %9.3f %11.0f  %-6s %s\n", r.scenario.c_str(),
                r.method.c_str(), r.op.c_str(), r.round, r.routes, r.seconds, rate,
                r.ok         ? "ok"
                : pending(r) ? "-"
                             : "BAD",
                r.note.c_str());
  }

  std::printf(
      "\nratios of the median times over %u round(s): cfn/limit (1.0 = the kernel's own limit; "
      "lower is better), "
      "ip-batch/cfn (how many times faster than ip -batch), ip-batch/limit\n",
      c.rounds);
  std::printf("%-10s %-8s %10s %13s %15s %15s\n", "scenario", "op", "cfn/limit", "ip-batch/cfn",
              "ip-batch/limit", "cfn/limit cpu");
  double worst_single = 0, worst_single_cpu = 0;
  bool single_complete = true;
  for (const auto& s : scenarios) {
    for (Op op : {Op::kInstall, Op::kReplace, Op::kDelete}) {
      const auto lim = median(rows, s.name, "limit", op_name(op));
      const auto ipb = median(rows, s.name, "ip-batch", op_name(op));
      const auto cfn = median(rows, s.name, "cfn-fib", op_name(op));
      auto ratio = [](const std::optional<Row>& a, const std::optional<Row>& b) {
        return usable(a) && usable(b) ? std::to_string(a->seconds / b->seconds).substr(0, 5) + "x"
                                      : std::string("n/a");
      };
      // CPU time of the sender (user + kernel): what the ratio would be on an idle machine,
      // whatever else runs on this one.
      const auto lim_cpu = median(rows, s.name, "limit", op_name(op), &Row::cpu);
      const auto cfn_cpu = median(rows, s.name, "cfn-fib", op_name(op), &Row::cpu);
      const bool cpu_known = usable(lim_cpu) && usable(cfn_cpu) && lim_cpu->cpu > 0;
      const double cpu_ratio = cpu_known ? cfn_cpu->cpu / lim_cpu->cpu : 0;
      const std::string cpu_text =
          cpu_known ? std::to_string(cpu_ratio).substr(0, 5) + "x" : std::string("n/a");
      std::printf("%-10s %-8s %10s %13s %15s %15s\n", s.name.c_str(), op_name(op),
                  ratio(cfn, lim).c_str(), ratio(ipb, cfn).c_str(), ratio(ipb, lim).c_str(),
                  cpu_text.c_str());
      if (s.name == "single") {
        if (usable(cfn) && usable(lim))
          worst_single = std::max(worst_single, cfn->seconds / lim->seconds);
        else
          single_complete = false;
        worst_single_cpu = std::max(worst_single_cpu, cpu_ratio);
      }
    }
  }
  for (const auto& [name, mb] : rss)
    if (mb > 0)
      std::printf("cfn-fib peak RSS (VmHWM of the Fib process), %s: %.1f MB\n", name.c_str(), mb);

  const bool full = c.routes >= 1'000'000;
  const std::string scale =
      full ? "" : "  (N=" + std::to_string(c.routes) + " < 1M: indicative only)";
  std::printf("\n");
  if (!fib_available() || !single_complete) {
    std::printf("%s: cfn within 1.3x of the kernel-limit sender (single, N=%u): %s%s\n",
                fib_available() ? "FAIL" : "PENDING", c.routes,
                fib_available() ? "an operation failed or was not measured" : "Fib not built",
                scale.c_str());
  } else {
    std::printf("%s: cfn within 1.3x of the kernel-limit sender (single, N=%u): worst op %.2fx%s\n",
                worst_single <= 1.3 ? "PASS" : "FAIL", c.routes, worst_single, scale.c_str());
    std::printf(
        "      by CPU time of the sender (user + kernel; insensitive to other load): worst "
        "op %.2fx\n",
        worst_single_cpu);
  }
  const double mb = rss["single"];
  if (!fib_available() || mb <= 0) {
    std::printf("%s: cfn peak RSS < 200 MB for N=%u routes: not measured%s\n",
                fib_available() ? "FAIL" : "PENDING", c.routes, scale.c_str());
  } else {
    std::printf("%s: cfn peak RSS < 200 MB for N=%u routes: %.1f MB%s\n",
                mb < 200 ? "PASS" : "FAIL", c.routes, mb, scale.c_str());
  }

  if (!c.tsv.empty()) {
    std::ofstream out(c.tsv);
    out << "scenario\tmethod\top\tround\troutes\tseconds\tok\n";
    for (const auto& r : rows)
      out << r.scenario << '\t' << r.method << '\t' << r.op << '\t' << r.round << '\t' << r.routes
          << '\t' << r.seconds << '\t' << (r.ok ? 1 : 0) << '\n';
    for (const auto& [name, m] : rss)
      out << name << "\tcfn-fib\tpeak_rss_mb\t0\t0\t" << m << "\t1\n";
  }
  bool all_ok = true;
  for (const auto& r : rows) all_ok = all_ok && (r.ok || pending(r));
  return all_ok ? 0 : 1;
}

std::vector<std::string> split_methods(const std::string& list) {
  std::vector<std::string> out;
  std::istringstream in(list);
  for (std::string m; std::getline(in, m, ',');) {
    if (m != "limit" && m != "ip-batch" && m != "cfn-fib")
      throw std::runtime_error("unknown method " + m + " (limit, ip-batch, cfn-fib)");
    out.push_back(m);
  }
  if (out.empty()) throw std::runtime_error("--methods names none");
  return out;
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: fib_bench run --netns NAME [--routes N] [--multipath M] [--ifname DEV] "
               "[--write-kib K] [--tsv FILE] [--rounds R] [--methods M,M,...]\n"
               "       fib_bench fib-child NETNS SCENARIO COUNT IFINDEX\n"
               "Run it through bench/fib_bench/run.sh, which creates the network namespace.\n");
  std::exit(2);
}

}  // namespace
}  // namespace cfn::bench

int main(int argc, char** argv) {
  using namespace cfn::bench;
  if (argc < 2) usage();
  const std::string mode = argv[1];
  try {
    if (mode == "fib-child") {
      if (argc != 6) usage();
      if (!in_netns(argv[2])) return 2;
      return fib_child_main(argv[3], static_cast<std::uint32_t>(std::stoul(argv[4])),
                            static_cast<std::uint32_t>(std::stoul(argv[5])));
    }
    if (mode != "run") usage();
    Config c;
    for (int i = 2; i < argc; ++i) {
      const std::string a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) usage();
        return argv[++i];
      };
      if (a == "--routes")
        c.routes = static_cast<std::uint32_t>(std::stoul(value()));
      else if (a == "--multipath")
        c.multipath = static_cast<std::uint32_t>(std::stoul(value()));
      else if (a == "--ifname")
        c.ifname = value();
      else if (a == "--write-kib")
        c.write_bytes = std::stoul(value()) * 1024;
      else if (a == "--tsv")
        c.tsv = value();
      else if (a == "--netns")
        c.netns = value();
      else if (a == "--rounds")
        c.rounds = static_cast<unsigned>(std::stoul(value()));
      else if (a == "--methods")
        c.methods = split_methods(value());
      else
        usage();
    }
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) throw std::runtime_error("readlink /proc/self/exe");
    exe[n] = 0;
    c.exe = exe;
    return run(c);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fib_bench: %s\n", e.what());
    return 2;
  }
}
