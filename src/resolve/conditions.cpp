#include "resolve/conditions.hpp"

#include <algorithm>

#include "base/strings.hpp"
#include "expr/parse.hpp"

namespace clearance::resolve {
namespace {

using Kind = Cond::Kind;

void NoteGroup(const ConditionContext& ctx, std::uint32_t dim_index, const Dimension& dim, const std::string& name) {
  if (!ctx.groups_named) return;
  auto it = dim.group_index.find(name);
  if (it == dim.group_index.end()) return;
  const std::pair<std::uint32_t, std::uint32_t> named{dim_index, it->second};
  auto& list = *ctx.groups_named;
  if (std::find(list.begin(), list.end(), named) == list.end()) list.push_back(named);
}

class ExpressionResolver {
 public:
  ExpressionResolver(const load::ExpressionWhen& when, const ConditionContext& context)
      : when_(when), ctx_(context) {}

  Cond Run() {
    expr::ParseLimits limits{ctx_.limits.max_expression_bytes, ctx_.limits.max_expression_depth};
    expr::ParseResult parsed = expr::Parse(when_.source.text, limits);
    if (auto* error = std::get_if<expr::ParseError>(&parsed)) {
      Error(error->offset, "syntax", "in 'when': " + error->message);
      return {};
    }
    return Resolve(std::get<expr::Expr>(parsed));
  }

 private:
  Mark At(std::uint32_t offset) const {
    Mark mark = when_.source.mark;
    if (when_.column_exact) mark.col += offset;
    return mark;
  }

  void Error(std::uint32_t offset, std::string code, std::string message) {
    if (!when_.column_exact && offset > 0) {
      message += " (at offset " + std::to_string(offset) + " of the expression)";
    }
    ctx_.diagnostics.Error(At(offset), std::move(code), std::move(message));
  }

  std::string TextOf(expr::Span span) const {
    return when_.source.text.substr(span.begin, span.end - span.begin);
  }

  Cond Resolve(const expr::Expr& e) {
    return std::visit([&](const auto& node) { return ResolveNode(node); }, e);
  }

  Cond ResolveNode(const expr::BoolConst& b) {
    Cond c;
    c.kind = b.value ? Kind::kTrue : Kind::kFalse;
    c.text = TextOf(b.span);
    return c;
  }

  Cond ResolveNode(const std::unique_ptr<expr::Not>& n) {
    Cond c;
    c.kind = Kind::kNot;
    c.text = TextOf(n->span);
    c.children.push_back(Resolve(n->operand));
    return c;
  }

  template <class Junction>
  Cond Junctions(const Junction& j, Kind kind) {
    Cond c;
    c.kind = kind;
    c.text = TextOf(j.span);
    for (const expr::Expr& operand : j.operands) c.children.push_back(Resolve(operand));
    return c;
  }
  Cond ResolveNode(const std::unique_ptr<expr::And>& a) { return Junctions(*a, Kind::kAnd); }
  Cond ResolveNode(const std::unique_ptr<expr::Or>& o) { return Junctions(*o, Kind::kOr); }

  const Dimension* FindDim(const expr::Name& name, std::uint32_t& index) {
    auto it = ctx_.dim_index.find(name.text);
    if (it != ctx_.dim_index.end()) {
      index = it->second;
      return &ctx_.dims[it->second];
    }
    std::vector<std::string> known;
    for (const Dimension& d : ctx_.dims) known.push_back(d.info.name);
    Error(name.span.begin, "unknown-name", "unknown dimension '" + name.text + "'" + DidYouMean(name.text, known));
    return nullptr;
  }

  Cond ResolveNode(const expr::InTest& test) {
    Cond c;
    c.kind = Kind::kTest;
    c.text = TextOf(test.span);
    const Dimension* dim = FindDim(test.dim, c.dim);
    if (!dim) return c;
    c.set = DatedSet(ValueSet(dim->size()));
    for (const expr::Name& name : test.set) {
      if (auto set = NamedSet(*dim, name.text)) {
        c.set |= *set;
        NoteGroup(ctx_, c.dim, *dim, name.text);
      } else {
        Error(name.span.begin, "unknown-name", UnknownMember(*dim, name.text));
      }
    }
    if (test.negated) c.set.flip();
    return c;
  }

  Cond ResolveNode(const expr::AttrTest& test);

 public:
  static std::optional<DatedSet> NamedSet(const Dimension& dim, const std::string& name) {
    if (name == "any") return DatedSet(ValueSet(dim.size()).set());
    if (auto v = dim.value_index.find(name); v != dim.value_index.end()) {
      ValueSet set(dim.size());
      set.set(v->second);
      return DatedSet(std::move(set));
    }
    if (auto g = dim.group_index.find(name); g != dim.group_index.end()) return dim.group_sets[g->second];
    return std::nullopt;
  }

  static std::string UnknownMember(const Dimension& dim, const std::string& name) {
    std::vector<std::string> known = dim.info.values;
    for (const GroupInfo& g : dim.info.groups) known.push_back(g.name);
    return "unknown value or group '" + name + "' of dimension '" + dim.info.name + "'" + DidYouMean(name, known);
  }

 private:
  const load::ExpressionWhen& when_;
  const ConditionContext& ctx_;
};

template <class T>
bool Compare(const T& a, expr::CmpOp op, const T& b) {
  switch (op) {
    case expr::CmpOp::kEq: return a == b;
    case expr::CmpOp::kNe: return a != b;
    case expr::CmpOp::kLt: return a < b;
    case expr::CmpOp::kLe: return a <= b;
    case expr::CmpOp::kGt: return a > b;
    case expr::CmpOp::kGe: return a >= b;
  }
  return false;
}

// A value lacking the attribute, or holding another type, fails the test
// (for != too).
bool AttributeHolds(const AttributeValue& value, expr::CmpOp op, const expr::Literal& literal) {
  using LK = expr::Literal::Kind;
  switch (literal.kind) {
    case LK::kNumber:
      if (auto* d = std::get_if<double>(&value)) return Compare(*d, op, literal.number);
      return false;
    case LK::kDate:
      if (auto* d = std::get_if<Date>(&value)) return Compare(*d, op, Date::FromDays(literal.date));
      return false;
    case LK::kBool:
      if (auto* b = std::get_if<bool>(&value)) return Compare(*b, op, literal.boolean);
      return false;
    case LK::kString:
      if (auto* s = std::get_if<std::string>(&value)) return Compare(*s, op, literal.text);
      return false;
  }
  return false;
}

Cond ExpressionResolver::ResolveNode(const expr::AttrTest& test) {
  Cond c;
  c.kind = Kind::kTest;
  c.text = TextOf(test.span);
  const Dimension* dim = FindDim(test.dim, c.dim);
  if (!dim) return c;
  std::vector<std::string> attributes;
  for (const auto& attrs : dim->attributes) {
    for (const auto& [name, value] : attrs) attributes.push_back(name);
  }
  std::sort(attributes.begin(), attributes.end());
  attributes.erase(std::unique(attributes.begin(), attributes.end()), attributes.end());
  if (!std::binary_search(attributes.begin(), attributes.end(), test.attr.text)) {
    Error(test.attr.span.begin, "unknown-name",
          "unknown attribute '" + test.attr.text + "' of dimension '" + dim->info.name + "'" +
              DidYouMean(test.attr.text, attributes));
    return c;
  }
  const bool ordering = test.op != expr::CmpOp::kEq && test.op != expr::CmpOp::kNe;
  using LK = expr::Literal::Kind;
  if (ordering && test.literal.kind != LK::kNumber && test.literal.kind != LK::kDate) {
    Error(test.literal.span.begin, "type",
          "ordering comparisons take a number or a date, not '" + TextOf(test.literal.span) + "'");
    return c;
  }
  ValueSet holds(dim->size());
  for (std::size_t v = 0; v < dim->size(); ++v) {
    auto it = dim->attributes[v].find(test.attr.text);
    if (it != dim->attributes[v].end() && AttributeHolds(it->second, test.op, test.literal)) holds.set(v);
  }
  c.set = DatedSet(std::move(holds));
  return c;
}

std::string JoinNames(const std::vector<load::Text>& names) {
  return Join(names, ", ", &load::Text::text);
}

Cond ResolveMapWhen(const load::MapWhen& when, const ConditionContext& ctx) {
  Cond all;
  all.kind = Kind::kAnd;
  for (const load::MapWhenEntry& entry : when.entries) {
    Cond c;
    c.kind = Kind::kTest;
    // As written: `country: tier-1` reads "country in tier-1".
    c.text = entry.dimension.text + " in " +
             (entry.list ? "[" + JoinNames(entry.names) + "]" : JoinNames(entry.names));
    auto it = ctx.dim_index.find(entry.dimension.text);
    if (it == ctx.dim_index.end()) {
      std::vector<std::string> known;
      for (const Dimension& d : ctx.dims) known.push_back(d.info.name);
      ctx.diagnostics.Error(entry.dimension.mark, "unknown-name",
                            "unknown dimension '" + entry.dimension.text + "'" + DidYouMean(entry.dimension.text, known));
      continue;
    }
    const Dimension& dim = ctx.dims[it->second];
    c.dim = it->second;
    c.set = DatedSet(ValueSet(dim.size()));
    for (const load::Text& name : entry.names) {
      if (auto set = ExpressionResolver::NamedSet(dim, name.text)) {
        c.set |= *set;
        NoteGroup(ctx, c.dim, dim, name.text);
      } else {
        ctx.diagnostics.Error(name.mark, "unknown-name", ExpressionResolver::UnknownMember(dim, name.text));
      }
    }
    all.children.push_back(std::move(c));
  }
  if (all.children.size() == 1) return std::move(all.children.front());
  if (all.children.empty()) all.kind = Kind::kTrue;
  all.text = "{";
  for (const Cond& c : all.children) all.text += (all.text.size() > 1 ? " and " : "") + c.text;
  all.text += "}";
  return all;
}

}  // namespace

Cond ResolveWhen(const load::WhenDoc& when, const ConditionContext& context) {
  if (auto* e = std::get_if<load::ExpressionWhen>(&when)) return ExpressionResolver(*e, context).Run();
  if (auto* m = std::get_if<load::MapWhen>(&when)) return ResolveMapWhen(*m, context);
  return Cond{};
}

}  // namespace clearance::resolve
