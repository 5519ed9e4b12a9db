#include "clearance/diagnostic.hpp"

namespace clearance {

std::string Diagnostic::ToString() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line) + ':' + std::to_string(where.col);
    }
    out += ": ";
  }
  out += severity == Severity::kError ? "error: " : "warning: ";
  out += message;
  if (!code.empty()) out += " [" + code + "]";
  return out;
}

Error Error::Message(std::string message, std::string code, ErrorKind kind) {
  Diagnostic d;
  d.message = std::move(message);
  d.code = std::move(code);
  return Error({std::move(d)}, kind);
}

std::string Error::message() const {
  return diagnostics_.empty() ? std::string("error") : diagnostics_.front().ToString();
}

std::string Error::ToString() const {
  std::string out;
  for (const Diagnostic& d : diagnostics_) {
    out += d.ToString();
    out += '\n';
    if (!d.context.empty()) {
      out += d.context;
      if (d.context.back() != '\n') out += '\n';
    }
  }
  return out;
}

}  // namespace clearance
