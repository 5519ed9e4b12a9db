#include "expr/ast.hpp"

namespace clearance::expr {

Span SpanOf(const Expr& e) {
  return std::visit(
      [](const auto& node) -> Span {
        if constexpr (requires { node->span; }) {
          return node->span;  // Not, And, Or are held by pointer
        } else {
          return node.span;
        }
      },
      e);
}

}  // namespace clearance::expr
