#include "expr/print.hpp"

#include <charconv>
#include <string_view>

#include "clearance/date.hpp"
#include "expr/parse.hpp"

namespace clearance::expr {
namespace {

void AppendQuoted(std::string_view text, std::string& out) {
  const char quote = text.find('\'') == std::string_view::npos ? '\'' : '"';
  out += quote;
  out += text;
  out += quote;
}

// A string literal or a name: bare when it reads back as the same thing.
void AppendText(std::string_view text, bool bare_any, std::string& out) {
  if (IsIdentifier(text) || (bare_any && text == "any")) {
    out += text;
  } else {
    AppendQuoted(text, out);
  }
}

void AppendName(const Name& name, std::string& out) { AppendText(name.text, true, out); }

void AppendNumber(double value, std::string& out) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

void AppendLiteral(const Literal& literal, std::string& out) {
  switch (literal.kind) {
    case Literal::Kind::kNumber:
      AppendNumber(literal.number, out);
      break;
    case Literal::Kind::kDate:
      out += Date::FromDays(literal.date).ToString();
      break;
    case Literal::Kind::kBool:
      out += literal.boolean ? "true" : "false";
      break;
    case Literal::Kind::kString:
      AppendText(literal.text, false, out);
      break;
  }
}

std::string_view OpText(CmpOp op) {
  switch (op) {
    case CmpOp::kEq:
      return "==";
    case CmpOp::kNe:
      return "!=";
    case CmpOp::kLt:
      return "<";
    case CmpOp::kLe:
      return "<=";
    case CmpOp::kGt:
      return ">";
    case CmpOp::kGe:
      return ">=";
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(std::string& out) : out_(out) {}

  void Print(const Expr& e) {
    std::visit([this](const auto& node) { Node(node); }, e);
  }

 private:
  void Node(const BoolConst& b) { out_ += b.value ? "true" : "false"; }

  void Node(const InTest& t) {
    AppendName(t.dim, out_);
    out_ += t.negated ? " not in [" : " in [";
    for (std::size_t i = 0; i < t.set.size(); ++i) {
      if (i > 0) out_ += ", ";
      AppendName(t.set[i], out_);
    }
    out_ += ']';
  }

  void Node(const AttrTest& t) {
    AppendName(t.dim, out_);
    out_ += '.';
    AppendName(t.attr, out_);
    out_ += ' ';
    out_ += OpText(t.op);
    out_ += ' ';
    AppendLiteral(t.literal, out_);
  }

  void Node(const std::unique_ptr<Not>& n) {
    out_ += "not ";
    const bool group = IsChain(n->operand);
    Operand(n->operand, group);
  }

  void Node(const std::unique_ptr<And>& a) { Chain(a->operands, " and "); }
  void Node(const std::unique_ptr<Or>& o) { Chain(o->operands, " or "); }

  // Inside a chain, any nested chain keeps its parentheses, so the printed
  // text parses back to the same tree.
  void Chain(const std::vector<Expr>& operands, std::string_view separator) {
    for (std::size_t i = 0; i < operands.size(); ++i) {
      if (i > 0) out_ += separator;
      Operand(operands[i], IsChain(operands[i]));
    }
  }

  void Operand(const Expr& e, bool group) {
    if (group) out_ += '(';
    Print(e);
    if (group) out_ += ')';
  }

  static bool IsChain(const Expr& e) {
    return std::holds_alternative<std::unique_ptr<And>>(e) ||
           std::holds_alternative<std::unique_ptr<Or>>(e);
  }

  std::string& out_;
};

}  // namespace

std::string ToCanonicalString(const Expr& e) {
  std::string out;
  Printer(out).Print(e);
  return out;
}

}  // namespace clearance::expr
