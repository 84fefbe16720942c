// Reads the host's procfs sources (proc(5), Documentation/accounting/psi.rst).
#include "libcfnmetric/collect/host_collector.hpp"

namespace cfn::metric {

HostSnapshot read_host(SourceLog& log) {
  return HostSnapshot{
      .stat = log.read("proc/stat", parse_proc_stat),
      .load_average = log.read("proc/loadavg", parse_loadavg),
      .memory = log.read("proc/meminfo", parse_meminfo),
      .cpu_pressure = log.read("proc/pressure/cpu", parse_pressure),
      .memory_pressure = log.read("proc/pressure/memory", parse_pressure),
      .io_pressure = log.read("proc/pressure/io", parse_pressure),
  };
}

}  // namespace cfn::metric
