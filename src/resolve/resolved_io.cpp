#include "resolve/resolved_io.hpp"

#include <algorithm>

#include "resolve/graphs.hpp"

namespace clearance::resolve {
namespace {

// Conditions nest no deeper than expressions may (Limits::max_expression_depth
// is 128 by default); this bound only keeps a hostile snapshot off the stack.
constexpr int kMaxCondDepth = 4096;

void WriteMark(const Mark& m, ByteWriter& out) {
  out.U32(m.file);
  out.U32(m.line);
  out.U32(m.col);
}

Mark ReadMark(ByteReader& in) {
  Mark m;
  m.file = in.U32("mark");
  m.line = in.U32("mark");
  m.col = in.U32("mark");
  return m;
}

void WriteMarks(const std::vector<Mark>& marks, ByteWriter& out) {
  out.U64(marks.size());
  for (const Mark& m : marks) WriteMark(m, out);
}

std::vector<Mark> ReadMarks(ByteReader& in, std::size_t expected, const char* what) {
  std::vector<Mark> out(in.Count(12, what));
  in.Expect(out.size() == expected, what);
  for (Mark& m : out) m = ReadMark(in);
  return out;
}

void WriteLocation(const SourceLocation& where, ByteWriter& out) {
  out.String(where.file);
  out.U32(static_cast<std::uint32_t>(where.line));
  out.U32(static_cast<std::uint32_t>(where.col));
}

SourceLocation ReadLocation(ByteReader& in) {
  SourceLocation where;
  where.file = in.String("location");
  where.line = static_cast<int>(in.U32("location"));
  where.col = static_cast<int>(in.U32("location"));
  in.Expect(where.line >= 0 && where.col >= 0, "location");
  return where;
}

void WriteDays(const std::vector<Date>& days, ByteWriter& out) {
  out.U64(days.size());
  for (Date d : days) out.Day(d);
}

// Strictly ascending, as every list of cuts and bounds is.
std::vector<Date> ReadDays(ByteReader& in, const char* what) {
  std::vector<Date> out(in.Count(4, what));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = in.Day(what);
    if (!in.Expect(i == 0 || out[i - 1] < out[i], what)) break;
  }
  return out;
}

void WriteValueSet(const ValueSet& set, ByteWriter& out) {
  out.U64(set.size());
  std::vector<ValueSet::block_type> blocks(set.num_blocks());
  boost::to_block_range(set, blocks.begin());
  for (auto b : blocks) out.U64(b);
}

// `size` bits; bits past the end of the last block must be clear, as
// dynamic_bitset keeps them.
ValueSet ReadValueSet(ByteReader& in, std::size_t size) {
  const std::uint64_t bits = in.U64("value set");
  if (!in.Expect(bits == size, "value set size")) return ValueSet(size);
  std::vector<ValueSet::block_type> blocks((size + 63) / 64);
  if (!in.Expect(blocks.size() <= in.left() / 8, "truncated: value set")) return ValueSet(size);
  for (auto& b : blocks) b = in.U64("value set");
  if (size % 64 != 0 && !blocks.empty()) {
    in.Expect((blocks.back() >> (size % 64)) == 0, "value set padding");
  }
  ValueSet set(blocks.begin(), blocks.end());
  set.resize(size);
  return set;
}

void WriteDatedSet(const DatedSet& set, ByteWriter& out) {
  WriteDays(set.cuts(), out);
  for (const ValueSet& piece : set.pieces()) WriteValueSet(piece, out);
}

DatedSet ReadDatedSet(ByteReader& in, std::size_t size) {
  std::vector<Date> cuts = ReadDays(in, "dated set cuts");
  std::vector<ValueSet> pieces;
  for (std::size_t i = 0; i <= cuts.size() && in.ok(); ++i) pieces.push_back(ReadValueSet(in, size));
  if (!in.ok()) return DatedSet(ValueSet(size));
  auto set = DatedSet::FromParts(std::move(cuts), std::move(pieces));
  if (!in.Expect(set.has_value(), "dated set is not canonical")) return DatedSet(ValueSet(size));
  return std::move(*set);
}

void WriteAttribute(const AttributeValue& value, ByteWriter& out) {
  out.U8(static_cast<std::uint8_t>(value.index()));
  if (const auto* d = std::get_if<double>(&value)) {
    std::uint64_t bits;
    std::memcpy(&bits, d, 8);
    out.U64(bits);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    out.Bool(*b);
  } else if (const auto* day = std::get_if<Date>(&value)) {
    out.Day(*day);
  } else {
    out.String(std::get<std::string>(value));
  }
}

AttributeValue ReadAttribute(ByteReader& in) {
  switch (in.U8("attribute")) {
    case 0: {
      const std::uint64_t bits = in.U64("attribute");
      double d;
      std::memcpy(&d, &bits, 8);
      return d;
    }
    case 1: return in.Bool("attribute");
    case 2: return in.Day("attribute");
    case 3: return in.String("attribute");
    default: in.Fail("attribute kind"); return false;
  }
}

void WriteGroupInfo(const GroupInfo& g, ByteWriter& out) {
  out.String(g.name);
  out.U32s(g.members);
  WriteLocation(g.where, out);
  WriteDays(g.cuts, out);
  out.U64(g.members_between.size());
  for (const auto& members : g.members_between) out.U32s(members);
}

GroupInfo ReadGroupInfo(ByteReader& in, std::size_t values) {
  GroupInfo g;
  g.name = in.String("group name");
  g.members = in.Indices(values, "group member");
  g.where = ReadLocation(in);
  g.cuts = ReadDays(in, "group cuts");
  g.members_between.resize(in.Count(8, "group members by date"));
  in.Expect(g.members_between.size() == (g.cuts.empty() ? 0 : g.cuts.size() + 1), "group members by date");
  for (auto& members : g.members_between) members = in.Indices(values, "group member");
  return g;
}

void WriteDimensionInfo(const DimensionInfo& info, ByteWriter& out) {
  out.String(info.name);
  out.Strings(info.values);
  out.Strings(info.value_names);
  out.U64(info.groups.size());
  for (const GroupInfo& g : info.groups) WriteGroupInfo(g, out);
  out.Bool(info.default_value.has_value());
  if (info.default_value) out.U32(*info.default_value);
  out.String(info.like);
}

DimensionInfo ReadDimensionInfo(ByteReader& in) {
  DimensionInfo info;
  info.name = in.String("dimension name");
  info.values = in.Strings("values");
  info.value_names = in.Strings("value names");
  in.Expect(info.value_names.size() == info.values.size(), "value names");
  info.groups.resize(in.Count(8, "groups"));
  for (GroupInfo& g : info.groups) g = ReadGroupInfo(in, info.values.size());
  if (in.Bool("default")) {
    info.default_value = in.U32("default");
    in.Expect(*info.default_value < info.values.size(), "default value");
  }
  info.like = in.String("like");
  return info;
}

void WriteDimension(const Dimension& dim, ByteWriter& out) {
  WriteDimensionInfo(dim.info, out);
  WriteMark(dim.mark, out);
  WriteMarks(dim.value_marks, out);
  for (const DatedSet& set : dim.group_sets) WriteDatedSet(set, out);
  out.U32(dim.like.value_or(UINT32_MAX));
  out.U64(dim.shared_groups);
  WriteMarks(dim.group_marks, out);
  for (const auto& refs : dim.group_refs) out.U32s(refs);
  for (const auto& codes : dim.group_lint_ignore) out.Strings(codes);
  for (const auto& attrs : dim.attributes) {
    out.U64(attrs.size());
    for (const auto& [name, value] : attrs) {
      out.String(name);
      WriteAttribute(value, out);
    }
  }
}

Dimension ReadDimension(ByteReader& in, std::size_t dims) {
  Dimension dim;
  dim.info = ReadDimensionInfo(in);
  const std::size_t values = dim.info.values.size(), groups = dim.info.groups.size();
  dim.mark = ReadMark(in);
  dim.value_marks = ReadMarks(in, values, "value marks");
  for (std::size_t g = 0; g < groups && in.ok(); ++g) dim.group_sets.push_back(ReadDatedSet(in, values));
  const std::uint32_t like = in.U32("like");
  if (like != UINT32_MAX && in.Expect(like < dims, "like")) dim.like = like;
  dim.shared_groups = in.U64("shared groups");
  in.Expect(dim.shared_groups <= groups, "shared groups");
  dim.group_marks = ReadMarks(in, groups, "group marks");
  for (std::size_t g = 0; g < groups && in.ok(); ++g) dim.group_refs.push_back(in.Indices(groups, "group refs"));
  for (std::size_t g = 0; g < groups && in.ok(); ++g) dim.group_lint_ignore.push_back(in.Strings("lint ignore"));
  for (std::size_t v = 0; v < values && in.ok(); ++v) {
    auto& attrs = dim.attributes.emplace_back();
    for (std::size_t a = in.Count(9, "attributes"); a > 0 && in.ok(); --a) {
      std::string name = in.String("attribute name");
      attrs.emplace(std::move(name), ReadAttribute(in));
    }
  }
  for (std::uint32_t v = 0; v < values; ++v) dim.value_index.emplace(dim.info.values[v], v);
  for (std::uint32_t g = 0; g < groups; ++g) dim.group_index.emplace(dim.info.groups[g].name, g);
  return dim;
}

void WriteCond(const Cond& cond, ByteWriter& out) {
  out.U8(static_cast<std::uint8_t>(cond.kind));
  out.String(cond.text);
  if (cond.kind == Cond::Kind::kTest) {
    out.U32(cond.dim);
    WriteDatedSet(cond.set, out);
  }
  out.U64(cond.children.size());
  for (const Cond& child : cond.children) WriteCond(child, out);
}

void ReadCond(ByteReader& in, const std::vector<Dimension>& dims, int depth, Cond& cond) {
  if (!in.Expect(depth < kMaxCondDepth, "condition depth")) return;
  const std::uint8_t kind = in.U8("condition");
  if (!in.Expect(kind <= static_cast<std::uint8_t>(Cond::Kind::kOr), "condition kind")) return;
  cond.kind = static_cast<Cond::Kind>(kind);
  cond.text = in.String("condition text");
  if (cond.kind == Cond::Kind::kTest) {
    cond.dim = in.U32("condition dimension");
    if (!in.Expect(cond.dim < dims.size(), "condition dimension")) return;
    cond.set = ReadDatedSet(in, dims[cond.dim].size());
  }
  cond.children.resize(in.Count(10, "condition children"));
  const bool leaf = cond.kind == Cond::Kind::kTrue || cond.kind == Cond::Kind::kFalse ||
                    cond.kind == Cond::Kind::kTest;
  const std::size_t n = cond.children.size();
  in.Expect(leaf ? n == 0 : cond.kind != Cond::Kind::kNot || n == 1, "condition children");
  for (Cond& child : cond.children) {
    if (!in.ok()) break;
    ReadCond(in, dims, depth + 1, child);
  }
}

void WriteRuleInfo(const RuleInfo& info, ByteWriter& out) {
  out.String(info.id);
  out.U8(static_cast<std::uint8_t>(info.effect));
  out.String(info.when);
  out.U32s(info.overrides);
  out.OptDay(info.effective);
  out.OptDay(info.expires);
  out.String(info.because);
  out.String(info.cite);
  out.String(info.outcome);
  out.Strings(info.obligations);
  out.Strings(info.tags);
  WriteLocation(info.where, out);
}

Effect ReadEffect(ByteReader& in) {
  const std::uint8_t e = in.U8("effect");
  in.Expect(e <= static_cast<std::uint8_t>(Effect::kDeny), "effect");
  return static_cast<Effect>(e);
}

RuleInfo ReadRuleInfo(ByteReader& in, std::size_t rules) {
  RuleInfo info;
  info.id = in.String("rule id");
  info.effect = ReadEffect(in);
  info.when = in.String("rule condition");
  info.overrides = in.Indices(rules, "overrides");
  info.effective = in.OptDay("effective");
  info.expires = in.OptDay("expires");
  info.because = in.String("because");
  info.cite = in.String("cite");
  info.outcome = in.String("outcome");
  info.obligations = in.Strings("obligations");
  info.tags = in.Strings("tags");
  info.where = ReadLocation(in);
  return info;
}

void WriteRule(const Rule& rule, ByteWriter& out) {
  WriteRuleInfo(rule.info, out);
  out.U64(rule.content_id[0]);
  out.U64(rule.content_id[1]);
  WriteCond(rule.when, out);
  out.U32s(rule.overridden_by);
  out.U64(rule.groups_named.size());
  for (auto [dim, group] : rule.groups_named) {
    out.U32(dim);
    out.U32(group);
  }
  out.Strings(rule.lint_ignore);
  WriteMark(rule.mark, out);
  WriteMark(rule.effective_mark, out);
  WriteMark(rule.expires_mark, out);
}

Rule ReadRule(ByteReader& in, const std::vector<Dimension>& dims, std::size_t rules) {
  Rule rule;
  rule.info = ReadRuleInfo(in, rules);
  // Trusted only for equality (diff skips rules whose ids match): an edited
  // id can make a diff miss a change, never read out of bounds.
  rule.content_id[0] = in.U64("content id");
  rule.content_id[1] = in.U64("content id");
  ReadCond(in, dims, 0, rule.when);
  rule.overridden_by = in.Indices(rules, "overridden by");
  rule.groups_named.resize(in.Count(8, "groups named"));
  for (auto& [dim, group] : rule.groups_named) {
    dim = in.U32("groups named");
    group = in.U32("groups named");
    if (!in.Expect(dim < dims.size() && group < dims[dim].info.groups.size(), "groups named")) break;
  }
  rule.lint_ignore = in.Strings("lint ignore");
  rule.mark = ReadMark(in);
  rule.effective_mark = ReadMark(in);
  rule.expires_mark = ReadMark(in);
  return rule;
}

// No rule overrides itself through a chain (the loader rejects override
// cycles): combining relies on it, since in any set of matching rules some
// rule is then overridden by none of the others.
bool OverridesAcyclic(const std::vector<Rule>& rules) {
  Edges edges;
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    for (std::uint32_t winner : rules[r].overridden_by) edges.emplace_back(winner, r);
  }
  return FindCycles(static_cast<std::uint32_t>(rules.size()), edges).empty();
}

}  // namespace

void WriteResolved(const ResolvedPolicy& policy, ByteWriter& out) {
  out.String(policy.name);
  out.String(policy.description);
  out.U8(static_cast<std::uint8_t>(policy.default_effect));
  out.U8(static_cast<std::uint8_t>(policy.combine));
  out.String(policy.digest);
  WriteDays(policy.member_bounds, out);
  WriteMark(policy.root_mark, out);
  out.U64(policy.dims.size());
  for (const Dimension& dim : policy.dims) WriteDimension(dim, out);
  out.U64(policy.rules.size());
  for (const Rule& rule : policy.rules) WriteRule(rule, out);
}

std::optional<ResolvedPolicy> ReadResolved(ByteReader& in) {
  ResolvedPolicy p;
  p.name = in.String("policy name");
  p.description = in.String("description");
  p.default_effect = ReadEffect(in);
  const std::uint8_t combine = in.U8("combine");
  in.Expect(combine <= static_cast<std::uint8_t>(Combine::kStrict), "combine");
  p.combine = static_cast<Combine>(combine);
  p.digest = in.String("digest");
  p.member_bounds = ReadDays(in, "member bounds");
  p.root_mark = ReadMark(in);
  const std::size_t dims = in.Count(16, "dimensions");
  for (std::size_t d = 0; d < dims && in.ok(); ++d) p.dims.push_back(ReadDimension(in, dims));
  const std::size_t rules = in.Count(16, "rules");
  for (std::size_t r = 0; r < rules && in.ok(); ++r) p.rules.push_back(ReadRule(in, p.dims, rules));
  if (in.ok()) in.Expect(OverridesAcyclic(p.rules), "override cycle");
  if (!in.ok()) return std::nullopt;
  for (std::uint32_t d = 0; d < p.dims.size(); ++d) p.dim_index.emplace(p.dims[d].info.name, d);
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) p.rule_index.emplace(p.rules[r].info.id, r);
  return p;
}

}  // namespace clearance::resolve
