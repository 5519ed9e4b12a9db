// Catch2 (v2) matchers for testing rule sets inside your own Catch2 suite.
// Header-only; needs only the public clearance headers and catch.hpp.
//
//   #include <catch2/catch.hpp>
//   #include <clearance/testing/catch2.hpp>
//   using namespace clearance::testing;
//
//   auto policy = clearance::LoadPolicy("rules/frontier-2026/base.yaml");
//   REQUIRE(policy.ok());
//   CHECK_THAT(*policy, Allows({{"model", "fable-5"}, {"country", "US"}, {"use", "research"}}).On("2026-07-01"));
//   CHECK_THAT(*policy, DeniedBy({{"model", "fable-5"}, {"country", "US"}, {"nationality", "DE"},
//                                 {"use", "research"}},
//                                "bis-letter-2026-06-12").On("2026-07-01"));
//   CHECK_THAT(*policy, Allows({{"model", "open-frontier"}, {"country", "DE"}, {"use", "research"}}).ByDefault());
//
// A failing check prints the query, the date and what the policy decided,
// e.g. `policy frontier-2026 allows model=fable-5, country=US, nationality=DE,
// ..., date=2026-07-01 (decided: deny by bis-letter-2026-06-12)`. A query that
// names an unknown dimension or value, or a bad date, fails the check with
// the error. Without On(...), queries are decided as of today (UTC).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clearance/date.hpp"
#include "clearance/decision.hpp"
#include "clearance/policy.hpp"

namespace clearance::testing {

// Matches a Policy whose decision for one query has the given effect and,
// optionally, a given decisive rule or the default as its basis. A matcher
// is a small value; each modifier returns a changed copy.
class DecisionMatcher final : public Catch::MatcherBase<Policy> {
 public:
  DecisionMatcher(Assignments query, Effect effect) : query_(std::move(query)), effect_(effect) {}

  // Decide on this date (YYYY-MM-DD; a bad date fails the match).
  DecisionMatcher On(std::string_view date) const {
    DecisionMatcher m = *this;
    m.date_text_ = std::string(date);
    return m;
  }
  DecisionMatcher On(Date date) const { return On(date.ToString()); }
  // The rule must be among the decisive rules.
  DecisionMatcher By(std::string rule) const {
    DecisionMatcher m = *this;
    m.rules_.push_back(std::move(rule));
    return m;
  }
  // No rule may match: the policy's default decides.
  DecisionMatcher ByDefault() const {
    DecisionMatcher m = *this;
    m.by_default_ = true;
    return m;
  }

  bool match(const Policy& policy) const override {
    Result<Query> query = policy.MakeQuery(query_, Date::TodayUtc());
    if (query && !date_text_.empty()) {
      Result<Date> date = ParseQueryDate(date_text_);
      if (date) {
        query->date = *date;
      } else {
        query = date.error();
      }
    }
    if (!query) {
      decided_ = "error: " + query.error().diagnostics().front().message;
      return false;
    }
    query_text_ = QueryText(policy, *query);
    const Verdict verdict = policy.Decide(*query);
    std::vector<std::string> decisive;
    for (std::uint32_t r : verdict.decisive) decisive.push_back(policy.rules()[r].id);
    decided_ = std::string(ToString(verdict.effect)) + " by " + (decisive.empty() ? "the default" : Joined(decisive));
    if (verdict.effect != effect_) return false;
    if (by_default_ && verdict.basis != Basis::kDefault) return false;
    for (const std::string& rule : rules_) {
      if (std::find(decisive.begin(), decisive.end(), rule) == decisive.end()) return false;
    }
    return true;
  }

  std::string describe() const override {
    std::string out = effect_ == Effect::kAllow ? "allows " : "denies ";
    if (!query_text_.empty()) {
      out += query_text_;
    } else {
      for (std::size_t i = 0; i < query_.size(); ++i) out += (i ? ", " : "") + query_[i].first + '=' + query_[i].second;
      if (!date_text_.empty()) out += ", date=" + date_text_;
    }
    if (by_default_) out += " by the default";
    if (!rules_.empty()) out += " by " + Joined(rules_);
    if (!decided_.empty()) out += " (decided: " + decided_ + ")";
    return out;
  }

 private:
  static std::string Joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out;
  }

  // Every dimension, defaults included, and the date actually used.
  static std::string QueryText(const Policy& policy, const Query& query) {
    std::string out;
    const auto& dims = policy.dimensions();
    for (std::size_t d = 0; d < dims.size(); ++d) out += dims[d].name + '=' + dims[d].values[query.values[d]] + ", ";
    return out + "date=" + query.date.ToString();
  }

  Assignments query_;
  Effect effect_;
  std::string date_text_;  // empty: today
  std::vector<std::string> rules_;
  bool by_default_ = false;
  // What the last match saw, for describe() (Catch2 describes after matching).
  mutable std::string query_text_;
  mutable std::string decided_;
};

inline DecisionMatcher Allows(Assignments query) { return DecisionMatcher(std::move(query), Effect::kAllow); }
inline DecisionMatcher Denies(Assignments query) { return DecisionMatcher(std::move(query), Effect::kDeny); }
// Allowed, with `rule` among the decisive rules.
inline DecisionMatcher AllowedBy(Assignments query, std::string rule) {
  return Allows(std::move(query)).By(std::move(rule));
}
// Denied, with `rule` among the decisive rules.
inline DecisionMatcher DeniedBy(Assignments query, std::string rule) {
  return Denies(std::move(query)).By(std::move(rule));
}

}  // namespace clearance::testing

namespace Catch {
template <>
struct StringMaker<clearance::Policy> {
  static std::string convert(const clearance::Policy& policy) { return "policy " + policy.name(); }
};
}  // namespace Catch
