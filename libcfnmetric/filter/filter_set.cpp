// The filters of all services and the global rate cap: see filter_set.hpp.
#include "libcfnmetric/filter/filter_set.hpp"

#include <algorithm>
#include <utility>

namespace cfn::metric {

ServiceFilter& FilterSet::filter_of(std::string_view service) {
  auto it = services_.find(service);
  if (it == services_.end()) it = services_.emplace(std::string(service), params_).first;
  return it->second;
}

void FilterSet::drain_queue(FilterTime now, std::vector<FilterUpdate>& out) {
  while (!queue_.empty() && bucket_.try_take(now)) {
    out.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
}

void FilterSet::submit(FilterTime now, std::string_view service, std::uint8_t l2,
                       std::vector<FilterUpdate>& out) {
  drain_queue(now, out);
  auto waiting = std::find_if(queue_.begin(), queue_.end(),
                              [service](const FilterUpdate& u) { return u.service == service; });
  if (waiting != queue_.end()) {
    waiting->l2 = l2;
  } else if (queue_.empty() && bucket_.try_take(now)) {
    out.push_back({std::string(service), FilterUpdate::Kind::kAdvertise, l2});
  } else {
    queue_.push_back({std::string(service), FilterUpdate::Kind::kAdvertise, l2});
  }
}

std::vector<FilterUpdate> FilterSet::offer(FilterTime now, std::string_view service,
                                           std::uint8_t raw_l2) {
  std::vector<FilterUpdate> out;
  if (auto l2 = filter_of(service).offer(now, raw_l2)) {
    submit(now, service, *l2, out);
  } else {
    drain_queue(now, out);
  }
  return out;
}

std::vector<FilterUpdate> FilterSet::withdraw(FilterTime now, std::string_view service) {
  std::vector<FilterUpdate> out;
  std::erase_if(queue_, [service](const FilterUpdate& u) { return u.service == service; });
  if (filter_of(service).withdraw(now)) {
    out.push_back({std::string(service), FilterUpdate::Kind::kWithdraw, 0});
  }
  drain_queue(now, out);
  return out;
}

std::vector<FilterUpdate> FilterSet::poll(FilterTime now) {
  std::vector<FilterUpdate> out;
  drain_queue(now, out);
  std::vector<std::pair<FilterTime, const std::string*>> due;
  for (const auto& [name, filter] : services_) {
    if (auto deadline = filter.next_deadline(); deadline && *deadline <= now) {
      due.emplace_back(*deadline, &name);
    }
  }
  std::stable_sort(due.begin(), due.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [deadline, name] : due) {
    if (auto l2 = services_.at(*name).poll(now)) submit(now, *name, *l2, out);
  }
  return out;
}

std::optional<FilterTime> FilterSet::next_deadline() const {
  std::optional<FilterTime> next;
  if (!queue_.empty()) next = bucket_.next_token();
  for (const auto& [name, filter] : services_) {
    if (auto deadline = filter.next_deadline(); deadline && (!next || *deadline < *next)) {
      next = deadline;
    }
  }
  return next;
}

}  // namespace cfn::metric
