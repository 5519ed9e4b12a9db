// The C API: converts at the border. Every entry point is noexcept and
// catches everything, so no C++ exception unwinds into C or through a
// foreign runtime's frames; results and messages are malloc'd copies.
#include "clearance/clearance.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "capi/border.hpp"
#include "clearance/diff.hpp"
#include "clearance/json.hpp"
#include "clearance/lint.hpp"
#include "clearance/policy.hpp"
#include "clearance/report.hpp"
#include "clearance/snapshot.hpp"
#include "clearance/version.hpp"

namespace {

using clearance::Date;
using clearance::Error;
using clearance::Policy;
using clearance::Result;
using clearance::capi::CopyOut;
using clearance::capi::Guard;
using clearance::capi::SetError;
using clearance::capi::SetLoadError;
using clearance::capi::SetQueryError;

clearance_policy* Wrap(Result<Policy> loaded, char** err) {
  if (!loaded) {
    SetLoadError(err, loaded.error());
    return nullptr;
  }
  return new clearance_policy{std::move(*loaded)};
}

// The as-of date: `date`, or today (UTC) for NULL.
bool AsOfDate(const char* date, Date& out, char** err) {
  if (!date) {
    out = Date::TodayUtc();
    return true;
  }
  if (const std::optional<Date> day = Date::Parse(date)) {  // the hot path: no Result to build
    out = *day;
    return true;
  }
  Result<Date> parsed = clearance::ParseQueryDate(date);
  if (!parsed) {
    SetQueryError(err, parsed.error());
    return false;
  }
  out = *parsed;
  return true;
}

void ExplainBadQuery(const Policy& policy, const char* const* dims, const char* const* values, size_t n,
                     char** err) {
  clearance::Assignments assignments;
  for (size_t i = 0; i < n; ++i) assignments.emplace_back(dims[i], values[i]);
  Result<clearance::Query> query = policy.MakeQuery(assignments, Date::TodayUtc());
  if (query) {
    SetError(err, "error: the query could not be resolved");
  } else {
    SetQueryError(err, query.error());
  }
}

// Dimensions named in the policy's order, each with a value (the usual
// call): the positional path, which looks up values only. Nullopt for
// anything else, which the name-keyed path decides or explains.
std::optional<int> DecideInOrder(const Policy& policy, const char* const* dims, const char* const* values, size_t n,
                                 Date day) {
  const std::vector<clearance::DimensionInfo>& dimensions = policy.dimensions();
  constexpr std::size_t kMost = 16;
  if (n != dimensions.size() || n > kMost) return std::nullopt;
  std::array<std::string_view, kMost> names;
  for (size_t i = 0; i < n; ++i) {
    if (values[i][0] == '\0' || std::strcmp(dims[i], dimensions[i].name.c_str()) != 0) return std::nullopt;
    names[i] = values[i];
  }
  const std::optional<clearance::Verdict> verdict = policy.Decide(std::span(names.data(), n), day);
  if (!verdict) return std::nullopt;
  return verdict->effect == clearance::Effect::kAllow ? 1 : 0;
}

int DecideFast(const clearance_policy* policy, const char* const* dims, const char* const* values, size_t n,
               const char* date, char** err) {
  if (!policy || (n > 0 && (!dims || !values))) {
    SetError(err, "error: clearance_decide: policy, dims or values is NULL");
    return -1;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!dims[i] || !values[i]) {
      SetError(err, "error: clearance_decide: dims[" + std::to_string(i) + "] or values[" + std::to_string(i) +
                        "] is NULL");
      return -1;
    }
  }
  Date day;
  if (!AsOfDate(date, day, err)) return -1;
  if (const std::optional<int> effect = DecideInOrder(policy->policy(), dims, values, n, day)) return *effect;
  // Reused per thread: this path allocates nothing once warm either.
  thread_local clearance::Query query;
  thread_local std::vector<clearance::NameValue> names;
  names.clear();
  for (size_t i = 0; i < n; ++i) names.emplace_back(dims[i], values[i]);
  if (!policy->policy().ResolveQuery(names, day, query)) {
    ExplainBadQuery(policy->policy(), dims, values, n, err);
    return -1;
  }
  return policy->policy().Decide(query).effect == clearance::Effect::kAllow ? 1 : 0;
}

char* DiffJson(const clearance_policy* old_policy, const clearance_policy* new_policy, const char* date, char** err) {
  if (!old_policy || !new_policy) {
    SetError(err, "error: clearance_diff_json: old_policy or new_policy is NULL");
    return nullptr;
  }
  clearance::DiffOptions options;
  if (!AsOfDate(date, options.date, err)) return nullptr;
  auto report = clearance::Diff(old_policy->policy(), new_policy->policy(), options);
  if (!report) {
    SetQueryError(err, report.error());
    return nullptr;
  }
  return CopyOut(clearance::DiffToJson(*report));
}

char* LintJson(const clearance_policy* policy, const char* date, char** err) {
  if (!policy) {
    SetError(err, "error: clearance_lint_json: policy is NULL");
    return nullptr;
  }
  clearance::LintOptions options;
  if (!AsOfDate(date, options.as_of, err)) return nullptr;
  return CopyOut(clearance::LintToJson(clearance::Lint(policy->policy(), options), -1));
}

char* LintFileJson(const char* path, const char* date, char** err) {
  if (!path) {
    SetError(err, "error: clearance_lint_file_json: path is NULL");
    return nullptr;
  }
  clearance::LintOptions options;
  if (!AsOfDate(date, options.as_of, err)) return nullptr;
  auto found = clearance::LintPolicyFile(path, options);
  if (!found) {
    SetLoadError(err, found.error());
    return nullptr;
  }
  return CopyOut(clearance::LintToJson(*found, -1));
}

}  // namespace

extern "C" {

const char* clearance_version(void) { return CLEARANCE_VERSION_STRING; }

clearance_policy* clearance_load_file(const char* path, char** err) {
  return Guard<clearance_policy*>(err, nullptr, [&]() -> clearance_policy* {
    if (!path) {
      SetError(err, "error: clearance_load_file: path is NULL");
      return nullptr;
    }
    return Wrap(clearance::LoadPolicy(path), err);
  });
}

clearance_policy* clearance_load_string(const char* name, const char* yaml, char** err) {
  return Guard<clearance_policy*>(err, nullptr, [&]() -> clearance_policy* {
    if (!yaml) {
      SetError(err, "error: clearance_load_string: yaml is NULL");
      return nullptr;
    }
    const std::string file = name && *name ? name : "<string>";
    // A single-file policy: the resolver knows this one file and no disk.
    clearance::LoadOptions options;
    options.resolver = clearance::MakeMemoryResolver({{file, yaml}});
    return Wrap(clearance::LoadPolicyFromString(file, yaml, options), err);
  });
}

clearance_policy* clearance_load_compiled(const char* path, const char* key, char** err) {
  return Guard<clearance_policy*>(err, nullptr, [&]() -> clearance_policy* {
    if (!path) {
      SetError(err, "error: clearance_load_compiled: path is NULL");
      return nullptr;
    }
    return Wrap(clearance::LoadCompiled(path, {key ? key : ""}), err);
  });
}

int clearance_save_compiled(const clearance_policy* policy, const char* path, const char* key, char** err) {
  return Guard<int>(err, -1, [&]() -> int {
    if (!policy || !path) {
      SetError(err, "error: clearance_save_compiled: policy or path is NULL");
      return -1;
    }
    auto info = clearance::SaveCompiled(policy->policy(), path, {key ? key : ""});
    if (!info) {
      SetError(err, info.error().message());
      return -1;
    }
    return 0;
  });
}

char* clearance_decide_json(const clearance_policy* policy, const char* query_json, char** err) {
  return Guard<char*>(err, nullptr, [&]() -> char* {
    if (!policy || !query_json) {
      SetError(err, "error: clearance_decide_json: policy or query_json is NULL");
      return nullptr;
    }
    auto decision = clearance::DecideQueryJson(policy->policy(), query_json, Date::TodayUtc());
    if (!decision) {
      SetQueryError(err, decision.error());
      return nullptr;
    }
    return CopyOut(*decision);
  });
}

char* clearance_decide_json_alternatives(const clearance_policy* policy, const char* query_json, char** err) {
  return Guard<char*>(err, nullptr, [&]() -> char* {
    if (!policy || !query_json) {
      SetError(err, "error: clearance_decide_json_alternatives: policy or query_json is NULL");
      return nullptr;
    }
    auto decision = clearance::DecideQueryJson(policy->policy(), query_json, Date::TodayUtc(), true);
    if (!decision) {
      SetQueryError(err, decision.error());
      return nullptr;
    }
    return CopyOut(*decision);
  });
}

int clearance_decide(const clearance_policy* policy, const char* const* dims, const char* const* values, size_t n,
                     const char* date, char** err) {
  return Guard<int>(err, -1, [&] { return DecideFast(policy, dims, values, n, date, err); });
}

char* clearance_diff_json(const clearance_policy* old_policy, const clearance_policy* new_policy, const char* date,
                          char** err) {
  return Guard<char*>(err, nullptr, [&] { return DiffJson(old_policy, new_policy, date, err); });
}

char* clearance_lint_json(const clearance_policy* policy, const char* date, char** err) {
  return Guard<char*>(err, nullptr, [&] { return LintJson(policy, date, err); });
}

char* clearance_lint_file_json(const char* path, const char* date, char** err) {
  return Guard<char*>(err, nullptr, [&] { return LintFileJson(path, date, err); });
}

const char* clearance_policy_digest(const clearance_policy* policy) {
  return policy ? policy->policy().digest().c_str() : nullptr;
}

const char* clearance_policy_name(const clearance_policy* policy) {
  return policy ? policy->policy().name().c_str() : nullptr;
}

void clearance_policy_free(clearance_policy* policy) { delete policy; }

void clearance_free(void* p) { std::free(p); }

}  // extern "C"
