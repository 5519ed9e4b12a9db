// The fast path: records are scanned without a JSON tree, names resolved
// through flat hash tables, queries found on the decision graph. Each
// distinct recorded outcome (effect, decisive, outcomes, obligations as raw
// text) is decoded once; each pair of recorded outcome and new terminal is
// classified once.
#include "api/policy_access.hpp"
#include "analysis/replay.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "analysis/diff_change.hpp"
#include "report/record_scan.hpp"

namespace clearance::analysis {

namespace {

constexpr std::uint32_t kUnchanged = UINT32_MAX;
constexpr std::uint32_t kBadSignature = UINT32_MAX;

// A recorded outcome, decoded.
struct Recorded {
  Effect effect = Effect::kDeny;
  std::vector<std::string> decisive, outcomes, obligations;
};

bool StringArray(std::string_view raw, std::vector<std::string>& out) {
  if (raw.empty()) return true;  // absent: none
  const auto json = nlohmann::json::parse(raw, nullptr, false);
  if (!json.is_array()) return false;
  for (const auto& item : json) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

std::vector<std::string> Sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  return items;
}

class Replayer {
 public:
  Replayer(const Policy& policy, const ReplayOptions& options)
      : policy_(policy), options_(options), graph_(internal::DataOf(policy).graph) {
    pair_group_.reserve(1024);
  }

  ReplayReport Run(std::string_view log) {
    report_.policy = {policy_.name(), policy_.digest()};
    report_.by = options_.by;
    std::size_t begin = 0;
    std::size_t line = 0;
    while (begin < log.size()) {
      std::size_t end = log.find('\n', begin);
      if (end == std::string_view::npos) end = log.size();
      std::string_view text = log.substr(begin, end - begin);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      One(++line, text);
      begin = end + 1;
    }
    report_.lines = line;
    Finish();
    return std::move(report_);
  }

 private:
  void One(std::size_t line, std::string_view text) {
    if (text.empty()) return Bad(line, {}, "empty line");
    if (!scanner_.Scan(text, view_, error_)) return Bad(line, {}, "not JSON: " + error_);
    if (view_.error_record) return Bad(line, view_.id, "an error record, not a decision");
    if (!view_.has_query) return Bad(line, view_.id, "not a decision record: no \"query\"");
    if (view_.effect.empty()) return Bad(line, view_.id, "not a decision record: no \"effect\"");
    if (view_.decisive.empty()) return Bad(line, view_.id, "not a decision record: no \"decisive\"");
    const auto date = Date::Parse(view_.date);
    if (!date)
      return Bad(line, view_.id,
                 view_.date.empty() ? "no query date" : "bad query date '" + std::string(view_.date) + "'");
    const std::uint32_t signature = Signature();
    if (signature == kBadSignature)
      return Bad(line, view_.id, "not a decision record: bad effect, decisive, outcomes or obligations");
    ++report_.records;
    CountDigest();
    std::string problem;
    if (!Values(problem)) {
      report_.undecidable.push_back({{line, std::string(view_.id)}, std::move(problem)});
      return;
    }
    ++report_.decided;
    const std::uint32_t terminal = graph_.Find(values_, *date);
    const std::uint64_t key = (std::uint64_t{signature} << 32) | terminal;
    auto [it, inserted] = pair_group_.try_emplace(key, kUnchanged);
    if (inserted) it->second = Classify(signature, terminal);
    if (it->second == kUnchanged) return;
    ++report_.changed;
    Group& g = groups_[it->second];
    ++g.out.count;
    if (g.out.examples.size() < options_.max_examples)
      g.out.examples.push_back({line, std::string(view_.id)});
  }

  void Bad(std::size_t line, std::string_view id, std::string error) {
    report_.bad.push_back({{line, std::string(id)}, std::move(error)});
  }

  void CountDigest() {
    if (!digests_.empty() && view_.digest == digests_[last_digest_index_].first) {
      ++digests_[last_digest_index_].second;
      return;
    }
    const auto it = std::find_if(digests_.begin(), digests_.end(),
                                 [&](const auto& d) { return d.first == view_.digest; });
    if (it == digests_.end()) {
      digests_.emplace_back(std::string(view_.digest), 1);
      last_digest_index_ = digests_.size() - 1;
    } else {
      ++it->second;
      last_digest_index_ = static_cast<std::size_t>(it - digests_.begin());
    }
  }

  // The recorded outcome's number, decoding it the first time it is seen.
  std::uint32_t Signature() {
    scratch_.assign(view_.effect);
    for (std::string_view raw : {view_.decisive, view_.outcomes, view_.obligations}) {
      scratch_ += '\x1f';
      scratch_ += raw;
    }
    const auto it = signature_index_.find(scratch_);
    if (it != signature_index_.end()) return it->second;
    Recorded r;
    bool ok = view_.effect == "allow" || view_.effect == "deny";
    r.effect = view_.effect == "allow" ? Effect::kAllow : Effect::kDeny;
    ok = ok && StringArray(view_.decisive, r.decisive) && StringArray(view_.outcomes, r.outcomes) &&
         StringArray(view_.obligations, r.obligations);
    const std::uint32_t id = ok ? static_cast<std::uint32_t>(recorded_.size()) : kBadSignature;
    if (ok) recorded_.push_back(std::move(r));
    signature_index_.emplace(scratch_, id);
    return id;
  }

  bool Values(std::string& problem) {
    const auto& dims = policy_.dimensions();
    values_.assign(dims.size(), UINT32_MAX);
    for (const auto& [key, value] : view_.query) {
      const auto d = policy_.FindDimension(key);
      if (!d) {
        problem = "unknown dimension '" + std::string(key) + "'";
        return false;
      }
      const auto v = policy_.FindValue(*d, value);
      if (!v) {
        problem = "unknown value '" + std::string(value) + "' of dimension '" + std::string(key) + "'";
        return false;
      }
      values_[*d] = *v;
    }
    for (std::size_t d = 0; d < dims.size(); ++d) {
      if (values_[d] != UINT32_MAX) continue;
      if (!dims[d].default_value) {
        problem = "no value for dimension '" + dims[d].name + "', which has no default";
        return false;
      }
      values_[d] = *dims[d].default_value;
    }
    return true;
  }

  // The group of (recorded outcome, new terminal), or kUnchanged.
  std::uint32_t Classify(std::uint32_t signature, std::uint32_t terminal) {
    const Recorded& before = recorded_[signature];
    const eval::Outcome& after = graph_.terminal(terminal).outcome;
    std::vector<std::string> ids;
    for (std::uint32_t r : after.decisive) ids.push_back(policy_.rules()[r].id);
    Returned returned = ReturnedBy(internal::DataOf(policy_).resolved, after.decisive);
    bool changed = before.effect != after.effect;
    if (!changed && options_.by != DiffBy::kEffect) {
      changed = Sorted(before.outcomes) != Sorted(returned.outcomes) ||
                Sorted(before.obligations) != Sorted(returned.obligations);
    }
    if (!changed && options_.by == DiffBy::kDecisive) changed = Sorted(before.decisive) != Sorted(ids);
    if (!changed) return kUnchanged;
    const auto key = std::make_tuple(signature, after.effect, ids);
    const auto [it, inserted] = group_index_.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
    if (inserted) {
      Group g;
      g.out.from = before.effect;
      g.out.to = after.effect;
      g.out.old_decisive = before.decisive;
      g.out.new_decisive = std::move(ids);
      g.out.old_outcomes = before.outcomes;
      g.out.new_outcomes = std::move(returned.outcomes);
      g.out.old_obligations = before.obligations;
      g.out.new_obligations = std::move(returned.obligations);
      groups_.push_back(std::move(g));
    }
    return it->second;
  }

  void Finish() {
    for (Group& g : groups_) report_.groups.push_back(std::move(g.out));
    std::stable_sort(report_.groups.begin(), report_.groups.end(),
                     [](const ReplayGroup& a, const ReplayGroup& b) {
                       return std::tie(b.count, a.from, a.to) < std::tie(a.count, b.from, b.to);
                     });
    report_.recorded_policies = std::move(digests_);
    std::stable_sort(report_.recorded_policies.begin(), report_.recorded_policies.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }

  struct Group {
    ReplayGroup out;
  };

  const Policy& policy_;
  const ReplayOptions& options_;
  const compile::DecisionGraph& graph_;
  report::RecordScanner scanner_;
  report::RecordView view_;
  std::string error_;
  std::string scratch_;
  std::vector<std::uint32_t> values_;
  std::unordered_map<std::string, std::uint32_t> signature_index_;
  std::vector<Recorded> recorded_;
  std::unordered_map<std::uint64_t, std::uint32_t> pair_group_;
  std::map<std::tuple<std::uint32_t, Effect, std::vector<std::string>>, std::uint32_t> group_index_;
  std::vector<Group> groups_;
  std::vector<std::pair<std::string, std::uint64_t>> digests_;
  std::size_t last_digest_index_ = 0;
  ReplayReport report_;
};

}  // namespace

ReplayReport Replay(std::string_view log, const Policy& policy, const ReplayOptions& options) {
  return Replayer(policy, options).Run(log);
}

}  // namespace clearance::analysis
