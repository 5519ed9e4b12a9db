#include "workload.hpp"

#include <algorithm>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string_view>

namespace clearance::bench {

namespace {

// The ISO 3166-1 alpha-2 codes of iso-codes 4.15.0 (as in rules/common/countries.yaml), embedded so
// the benchmark needs no data file.
constexpr const char* kCountryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV "
    "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES "
    "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE "
    "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU "
    "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM "
    "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE "
    "VG VI VN VU WF WS YE YT ZA ZM ZW";

// Few distinct dates, as in real rule sets: the diagram's time level stays small.
const std::vector<std::string> kDates = {"2025-01-15", "2025-05-13", "2026-01-01", "2026-12-01",
                                         "2028-01-01"};

std::string ModelName(std::size_t i) {
  if (i == 0) return "fable-5";
  if (i == 1) return "mythos-5";
  std::string digits = std::to_string(i);
  return "m" + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

class Generator {
 public:
  explicit Generator(const WorkloadOptions& options) : options_(options), rng_(options.seed) {}

  std::string Make() {
    out_ << "clearance: 1\npolicy: bench-" << options_.rules << "\ndefault: deny\ncombine: deny-overrides\n";
    Dimensions();
    out_ << "rules:\n"
         << "  - id: frontier-foreign-ban\n    effect: deny\n    when: model in frontier and country != US\n"
         << "    because: Closed frontier models may not be served outside the US.\n"
         << "  - id: embargoed-destinations\n    effect: deny\n    when: country in [\"E:1\", \"E:2\"]\n"
         << "    because: Embargoed destinations.\n    outcome: prohibited\n";
    for (std::size_t i = 0; i < options_.rules; ++i) Rule(i);
    return out_.str();
  }

 private:
  std::size_t Below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  void Dimensions() {
    out_ << "dimensions:\n  model:\n    values: [";
    for (std::size_t m = 0; m < options_.models; ++m) out_ << (m ? ", " : "") << ModelName(m);
    out_ << "]\n    groups:\n      frontier: [fable-5, mythos-5]\n  country:\n    values: [";
    const auto& countries = Countries();
    for (std::size_t c = 0; c < countries.size(); ++c) out_ << (c ? ", " : "") << '"' << countries[c] << '"';
    out_ << "]\n    groups:\n      \"E:1\": [\"IR\", \"KP\", \"SY\"]\n      \"E:2\": [\"CU\"]\n  use:\n    "
            "values: [";
    for (std::size_t u = 0; u < Uses().size(); ++u) out_ << (u ? ", " : "") << Uses()[u];
    out_ << "]\n";
  }

  std::string CountryList() {
    const std::size_t k = 1 + Below(24);
    std::string list = "[";
    for (std::size_t i = 0; i < k; ++i)
      list += (i ? ", \"" : "\"") + Countries()[Below(Countries().size())] + "\"";
    return list + "]";
  }

  // 80% allow one model for one use in some countries, 15% deny a model in
  // some countries for every use, 5% allow overriding an earlier deny.
  void Rule(std::size_t i) {
    const std::string model = ModelName(Below(options_.models));
    const std::string use = Uses()[Below(Uses().size())];
    const double kind = std::uniform_real_distribution<double>(0, 1)(rng_);
    out_ << "  - id: syn-" << i << "\n";
    if (kind < 0.15) {
      out_ << "    effect: deny\n    when: model == " << model << " and country in " << CountryList() << "\n";
      denies_.push_back(i);
    } else if (Chance(0.3)) {
      out_ << "    effect: allow\n    when: {model: " << model << ", use: " << use
           << ", country: " << CountryList() << "}\n";
    } else {
      out_ << "    effect: allow\n    when: model == " << model << " and use == " << use << " and country in "
           << CountryList() << "\n";
    }
    if (kind >= 0.95 && !denies_.empty())
      out_ << "    overrides: [syn-" << denies_[Below(denies_.size())] << "]\n";
    if (Chance(0.1)) {
      const std::size_t from = Below(kDates.size() - 1);
      out_ << "    effective: " << kDates[from] << "\n";
      if (Chance(0.5)) out_ << "    expires: " << kDates[from + 1 + Below(kDates.size() - from - 1)] << "\n";
    }
    out_ << "    because: Synthetic licence " << i << ".\n";
  }

  const WorkloadOptions& options_;
  std::mt19937_64 rng_;
  std::ostringstream out_;
  std::vector<std::size_t> denies_;
};

}  // namespace

const std::vector<std::string>& Countries() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    std::istringstream in(kCountryCodes);
    for (std::string code; in >> code;) out.push_back(code);
    return out;
  }();
  return codes;
}

const std::vector<std::string>& Uses() {
  static const std::vector<std::string> uses = {"intrusion-detection",
                                                "vulnerability-analysis",
                                                "threat-response",
                                                "offensive-cyber",
                                                "research",
                                                "commercial",
                                                "military",
                                                "critical-infrastructure",
                                                "general"};
  return uses;
}

std::vector<std::int64_t> RuleSizes() {
  std::vector<std::int64_t> sizes = {10, 100, 1000, 10000};
  if (const char* big = std::getenv("CLEARANCE_BENCH_100K"); big && *big && std::string_view(big) != "0") {
    sizes.push_back(100000);
  }
  return sizes;
}

LoadOptions WorkloadLoadOptions(std::size_t rules) {
  LoadOptions options;
  // ~200 bytes and ~20 nodes per rule; twice that as headroom.
  options.limits.max_file_bytes = std::max(options.limits.max_file_bytes, rules * 400);
  options.limits.max_nodes = std::max(options.limits.max_nodes, rules * 40);
  options.limits.max_expanded_bytes = std::max(options.limits.max_expanded_bytes, rules * 400);
  return options;
}

std::string MakeWorkloadYaml(const WorkloadOptions& options) { return Generator(options).Make(); }

std::vector<Query> MakeQueries(const Policy& policy, std::size_t count, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  const auto& dims = policy.dimensions();
  const Date first = *Date::Parse("2024-06-01");
  const Date last = *Date::Parse("2029-06-01");
  std::vector<Query> out(count);
  for (Query& q : out) {
    for (const DimensionInfo& d : dims)
      q.values.push_back(static_cast<std::uint32_t>(rng() % d.values.size()));
    q.date = Date::FromDays(first.days() + static_cast<std::int32_t>(rng() % (last.days() - first.days())));
  }
  return out;
}

}  // namespace clearance::bench
