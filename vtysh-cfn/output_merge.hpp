// One answer from several daemons: their configs merged by block (running config and the
// integrated config file) and their JSON objects merged by key.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace cfn::vtysh {

// `show running-config` for the daemons' `write terminal` texts, in daemon order.
std::string merged_running_config(std::span<const std::string> configs);
// The integrated config file (FRR's frr.conf layout, ending in "end").
std::string integrated_config(std::span<const std::string> configs);
// The name in the merged configs' `hostname` line, if any.
std::optional<std::string> configured_hostname(std::span<const std::string> configs);
// Deep merge of JSON objects: objects by key, arrays appended, the first scalar kept. Blank
// texts are skipped; nullopt if any other text is not a JSON object. Printed as FRR does.
std::optional<std::string> merge_json_objects(std::span<const std::string> texts);
// Text answers one after another, each distinct text once: a setting both daemons share
// (`show cfn`) is not printed twice.
std::string concatenate_distinct(std::span<const std::string> texts);

}  // namespace cfn::vtysh
