// The one list of L0Metrics fields that the agent protocol and the --once output walk: every
// field except `healthy` (which travels as the report's health), as X(field_name) entries.
// The proto Metrics message and the JSON output use the same names.
#pragma once

#define CFN_L0_METRIC_FIELDS(X) \
  X(cpu_utilization)            \
  X(cpu_cores)                  \
  X(load_average_1)             \
  X(cpu_pressure)               \
  X(memory_utilization)         \
  X(memory_pressure)            \
  X(gpu_utilization)            \
  X(gpu_memory_free)            \
  X(gpu_memory_total)           \
  X(gpu_power_watts)            \
  X(queue_depth)                \
  X(requests_in_flight)         \
  X(processing_delay_us)        \
  X(requests_per_second)
