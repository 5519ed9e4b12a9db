#include "eval/why.hpp"

#include <algorithm>

#include "eval/interpreter.hpp"

namespace clearance::eval {

namespace {

using Kind = resolve::Cond::Kind;

// The dimensions `cond` tests, first test first, each once.
void TestedDims(const resolve::Cond& cond, std::vector<std::uint32_t>& out) {
  if (cond.kind == Kind::kTest) {
    if (std::find(out.begin(), out.end(), cond.dim) == out.end()) out.push_back(cond.dim);
    return;
  }
  for (const resolve::Cond& child : cond.children) TestedDims(child, out);
}

// Whether the parentheses opening `text` close at its end.
bool Wrapped(const std::string& text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0 && i + 1 < text.size()) return false;
  }
  return true;
}

std::string Unwrapped(const std::string& text) {
  std::string out = text;
  while (Wrapped(out)) {
    out = out.substr(1, out.size() - 2);
    const auto first = out.find_first_not_of(" \t\n\r");
    const auto last = out.find_last_not_of(" \t\n\r");
    out = first == std::string::npos ? std::string() : out.substr(first, last - first + 1);
  }
  return out;
}

class Explainer {
 public:
  Explainer(const resolve::ResolvedPolicy& policy, const Query& query) : policy_(policy), query_(query) {}

  void Add(const resolve::Cond& cond, std::vector<Reason>& out) const {
    switch (cond.kind) {
      case Kind::kTrue:
      case Kind::kFalse:
        return;
      case Kind::kTest:
        out.push_back(Make(Unwrapped(cond.text), cond));
        return;
      case Kind::kNot:
        if (!Tests(cond)) return;
        out.push_back(Make("not (" + Unwrapped(cond.children[0].text) + ")", cond));
        return;
      case Kind::kAnd:
        for (const resolve::Cond& child : cond.children) Add(child, out);
        return;
      case Kind::kOr:
        for (const resolve::Cond& child : cond.children) {
          if (Holds(child, query_)) return Add(child, out);
        }
        return;
    }
  }

 private:
  static bool Tests(const resolve::Cond& cond) {
    if (cond.kind == Kind::kTest) return true;
    return std::any_of(cond.children.begin(), cond.children.end(), Tests);
  }

  Reason Make(std::string test, const resolve::Cond& cond) const {
    Reason r;
    r.test = std::move(test);
    std::vector<std::uint32_t> dims;
    TestedDims(cond, dims);
    for (std::uint32_t d : dims) r.values.push_back(policy_.dims[d].info.values[query_.values[d]]);
    return r;
  }

  const resolve::ResolvedPolicy& policy_;
  const Query& query_;
};

}  // namespace

std::vector<Reason> WhyHolds(const resolve::ResolvedPolicy& policy, const resolve::Cond& cond,
                             const Query& query) {
  std::vector<Reason> out;
  Explainer(policy, query).Add(cond, out);
  return out;
}

}  // namespace clearance::eval
