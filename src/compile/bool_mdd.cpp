#include "compile/bool_mdd.hpp"
#include "base/hash.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace clearance::compile {

namespace {

std::uint64_t PairKey(std::uint32_t a, std::uint32_t b) { return (std::uint64_t{a} << 32) | b; }

}  // namespace

std::size_t BoolMdd::NodeHash::operator()(std::uint32_t node) const {
  const Node& n = mdd->nodes_[node];
  std::size_t h = HashCombine(HashCombine(0, n.level), n.def);
  for (const Exception& e : mdd->exceptions(node)) h = HashCombine(h, PairKey(e.cls, e.child));
  return h;
}

bool BoolMdd::NodeEq::operator()(std::uint32_t a, std::uint32_t b) const {
  const Node& x = mdd->nodes_[a];
  const Node& y = mdd->nodes_[b];
  if (x.level != y.level || x.def != y.def || x.size != y.size) return false;
  const auto ex = mdd->exceptions(a);
  const auto ey = mdd->exceptions(b);
  return std::equal(ex.begin(), ex.end(), ey.begin(), ey.end(), [](const Exception& p, const Exception& q) {
    return p.cls == q.cls && p.child == q.child;
  });
}

BoolMdd::BoolMdd(std::vector<std::uint32_t> level_sizes)
    : level_sizes_(std::move(level_sizes)),
      unique_(UINT32_MAX, NodeHash{this}, NodeEq{this}, 1024),
      and_memo_(UINT64_MAX),
      or_memo_(UINT64_MAX),
      not_memo_(UINT64_MAX) {
  const std::uint32_t below = level_count();
  nodes_.push_back({below, kFalse, 0, 0});
  nodes_.push_back({below, kTrue, 0, 0});
}

std::size_t BoolMdd::memory_bytes() const {
  return nodes_.capacity() * sizeof(Node) + exceptions_.capacity() * sizeof(Exception) +
         unique_.memory_bytes() + and_memo_.memory_bytes() + or_memo_.memory_bytes() + not_memo_.memory_bytes();
}

std::uint32_t BoolMdd::Intern(std::uint32_t level, std::uint32_t def, std::span<const Exception> exceptions) {
  // Append tentatively so the table can hash and compare the candidate in
  // place; drop it again when an equal node exists.
  const auto id = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back({level, def, static_cast<std::uint32_t>(exceptions_.size()),
                    static_cast<std::uint32_t>(exceptions.size())});
  exceptions_.insert(exceptions_.end(), exceptions.begin(), exceptions.end());
  const auto [slot, inserted] = unique_.try_emplace(id, 0);
  if (!inserted) {
    exceptions_.resize(exceptions_.size() - exceptions.size());
    nodes_.pop_back();
  }
  return slot->key;
}

std::uint32_t BoolMdd::Make(std::uint32_t level, std::span<const std::uint32_t> children) {
  std::vector<std::uint32_t> sorted(children.begin(), children.end());
  std::sort(sorted.begin(), sorted.end());
  std::uint32_t def = sorted[0];
  std::size_t best = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    if (j - i > best) best = j - i, def = sorted[i];  // ascending ids: ties keep the smaller
    i = j;
  }
  if (best == children.size()) return def;
  std::vector<Exception> exceptions;
  for (std::uint32_t c = 0; c < children.size(); ++c) {
    if (children[c] != def) exceptions.push_back({c, children[c]});
  }
  return Intern(level, def, exceptions);
}

std::uint32_t BoolMdd::MakeTest(std::uint32_t level, std::span<const std::uint32_t> classes) {
  const std::size_t n = level_sizes_[level];
  if (classes.empty()) return kFalse;
  if (classes.size() == n) return kTrue;
  // The majority is the default; ties go to kFalse, the smaller id, as in Make.
  std::vector<Exception>& exceptions = test_;
  exceptions.clear();
  if (2 * classes.size() <= n) {
    for (std::uint32_t c : classes) exceptions.push_back({c, kTrue});
    return Intern(level, kFalse, exceptions);
  }
  std::size_t next = 0;
  for (std::uint32_t c = 0; c < n; ++c) {
    if (next < classes.size() && classes[next] == c) {
      ++next;
    } else {
      exceptions.push_back({c, kFalse});
    }
  }
  return Intern(level, kTrue, exceptions);
}

std::uint32_t BoolMdd::MakeTest(std::uint32_t level, const boost::dynamic_bitset<>& classes) {
  std::vector<std::uint32_t> list;
  for (auto c = classes.find_first(); c != boost::dynamic_bitset<>::npos; c = classes.find_next(c)) {
    list.push_back(static_cast<std::uint32_t>(c));
  }
  return MakeTest(level, list);
}

std::uint32_t BoolMdd::MakeSparse(std::uint32_t level, std::uint32_t def,
                                  std::span<const Exception> exceptions) {
  if (exceptions.empty()) return def;
  const std::size_t def_count = level_sizes_[level] - exceptions.size();
  std::vector<std::uint32_t>& others = others_;
  others.clear();
  for (const Exception& e : exceptions) others.push_back(e.child);
  std::sort(others.begin(), others.end());
  for (std::size_t i = 0; i < others.size();) {
    std::size_t j = i;
    while (j < others.size() && others[j] == others[i]) ++j;
    if (j - i > def_count || (j - i == def_count && others[i] < def)) {
      // Another child is the canonical default: rare, so rebuild densely.
      std::vector<std::uint32_t> dense(level_sizes_[level], def);
      for (const Exception& e : exceptions) dense[e.cls] = e.child;
      return Make(level, dense);
    }
    i = j;
  }
  return Intern(level, def, exceptions);
}

std::uint32_t BoolMdd::Apply(Op op, std::uint32_t a, std::uint32_t b) {
  if (a == b) return a;
  if (a > b) std::swap(a, b);  // both ops commute; terminals have the smallest ids
  if (a == kFalse) return op == Op::kAnd ? kFalse : b;
  if (a == kTrue) return op == Op::kAnd ? b : kTrue;
  auto& memo = op == Op::kAnd ? and_memo_ : or_memo_;
  if (const auto* slot = memo.find(PairKey(a, b))) return slot->value;

  const std::uint32_t lvl = std::min(level(a), level(b));
  const bool a_here = level(a) == lvl;
  const bool b_here = level(b) == lvl;
  const std::uint32_t def_a = a_here ? nodes_[a].def : a;
  const std::uint32_t def_b = b_here ? nodes_[b].def : b;
  const std::uint32_t def = Apply(op, def_a, def_b);
  // Merge the two exception lists by class. Indices, not spans: the pools
  // grow during the recursive calls.
  const std::uint32_t na = a_here ? nodes_[a].size : 0;
  const std::uint32_t nb = b_here ? nodes_[b].size : 0;
  const std::size_t out = stack_.size();  // this call's exceptions: stack_[out..]
  for (std::uint32_t i = 0, j = 0; i < na || j < nb;) {
    const Exception ea = i < na ? exceptions_[nodes_[a].begin + i] : Exception{UINT32_MAX, 0};
    const Exception eb = j < nb ? exceptions_[nodes_[b].begin + j] : Exception{UINT32_MAX, 0};
    const std::uint32_t cls = std::min(ea.cls, eb.cls);
    const std::uint32_t ca = ea.cls == cls ? (++i, ea.child) : def_a;
    const std::uint32_t cb = eb.cls == cls ? (++j, eb.child) : def_b;
    const std::uint32_t child = Apply(op, ca, cb);
    if (child != def) stack_.push_back({cls, child});
  }
  const std::uint32_t result = MakeSparse(lvl, def, std::span(stack_).subspan(out));
  stack_.resize(out);
  memo.try_emplace(PairKey(a, b), result);
  return result;
}

std::uint32_t BoolMdd::And(std::uint32_t a, std::uint32_t b) { return Apply(Op::kAnd, a, b); }
std::uint32_t BoolMdd::Or(std::uint32_t a, std::uint32_t b) { return Apply(Op::kOr, a, b); }

std::uint32_t BoolMdd::Not(std::uint32_t a) {
  if (a <= kTrue) return a ^ 1u;
  if (const auto* slot = not_memo_.find(a)) return slot->value;
  const std::uint32_t def = Not(nodes_[a].def);
  const std::size_t out = stack_.size();  // as in Apply
  for (std::uint32_t i = 0; i < nodes_[a].size; ++i) {
    const Exception e = exceptions_[nodes_[a].begin + i];
    const std::uint32_t child = Not(e.child);
    stack_.push_back({e.cls, child});
  }
  const std::uint32_t result = MakeSparse(nodes_[a].level, def, std::span(stack_).subspan(out));
  stack_.resize(out);
  not_memo_.try_emplace(a, result);
  return result;
}

}  // namespace clearance::compile
