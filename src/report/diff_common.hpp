// What the diff and matrix renderers share: value lists folded into group
// names, counts by transition, and escaping for HTML and XML (CSV's is
// batch_input's CsvField).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/escape.hpp"
#include "clearance/diff.hpp"
#include "clearance/policy.hpp"
#include "report/batch_input.hpp"  // CsvField

namespace clearance::report {

// One item of a folded value list: a group of the policy that the list
// covers whole, or a single value.
struct FoldedItem {
  std::string name;
  std::size_t size = 1;  // values it stands for
  bool group = false;
  std::string display;   // a value's display name ("Germany"), or ""
};

// `values` (names of `dimension`, in its declaration order) as the largest
// groups of `policy` they cover whole, disjoint, then the remaining values.
// A list holding every value of the dimension folds to the one item "any"
// (unless allow_any is false). Groups of fewer than two values are not used.
std::vector<FoldedItem> FoldValues(const Policy& policy, std::string_view dimension,
                                   const std::vector<std::string>& values, bool allow_any = true);

// "tier-1 (18)", "DE", "tier-1 (18), CN, RU"; with max_items, the items past
// it become "… N more"; with names, values show their display names
// ("CN (China)").
std::string DescribeFolded(const std::vector<FoldedItem>& items, std::size_t max_items = SIZE_MAX,
                           bool names = false);

// "DE (Germany)": a value of `dimension` in `policy` with its display name
// (the bare value when it has none or the policy does not declare it).
std::string ValueLabel(const Policy& policy, std::string_view dimension, const std::string& value);

struct TransitionTotal {
  Effect from = Effect::kDeny;
  Effect to = Effect::kDeny;
  std::uint64_t queries = 0;
  std::size_t regions = 0;
};
// Changed queries per (from, to), in the order the regions list them.
std::vector<TransitionTotal> TotalsByTransition(const DiffReport& report);

// "deny → allow"
std::string TransitionText(Effect from, Effect to);
// What --by counted: "effect", "effect, outcomes or obligations", ...
std::string ByText(DiffBy by);
// The JSON/CLI name of --by: "effect", "outcome", "decisive".
std::string_view ByName(DiffBy by);
// "adds 450 queries, decided there: 300 allow, 150 deny" ("adds no query"
// when it adds none).
std::string OneSidedText(const OneSidedQueries& q);
// Whether the report lists any one-sided value or fixed dimension.
bool HasNotCompared(const DiffReport& r);

// A region's date range (with all_dates): "every date", "before 2026-06-12",
// "from 2026-06-12", "from 2026-06-12 before 2027-01-01".
std::string DateRangeText(const DiffRegion& region);

// With all_dates: on each date where some region starts or ends, which
// (1-based region numbers), by date.
struct TimelineStep {
  Date date;
  std::vector<std::size_t> starting;
  std::vector<std::size_t> ending;
};
std::vector<TimelineStep> Timeline(const DiffReport& report);

// "2, 3" — region numbers.
std::string NumberList(const std::vector<std::size_t>& numbers);

// "a, b" or `none` when empty.
std::string JoinOr(const std::vector<std::string>& items, std::string_view separator, std::string_view none);


// The rule's location as "FILE:LINE", or "" when it has none.
std::string RuleSource(const RuleInfo& rule);

// The dimensions a heat map of a report uses: "country" and "use" when both
// are compared, else the first two compared dimensions (cols is npos when
// only one dimension is compared).
struct HeatAxes {
  std::size_t rows = SIZE_MAX;
  std::size_t cols = SIZE_MAX;
};
HeatAxes ChooseHeatAxes(const std::vector<std::string>& dimensions);

}  // namespace clearance::report
