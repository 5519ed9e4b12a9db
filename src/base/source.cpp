#include "base/source.hpp"

#include <algorithm>
#include <cctype>

namespace clearance {

std::uint32_t SourceTable::Add(std::string name, std::string text) {
  std::vector<std::size_t> starts = {0};
  for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) starts.push_back(i + 1);
  files_.push_back({std::move(name), std::move(text), std::move(starts)});
  return static_cast<std::uint32_t>(files_.size() - 1);
}

SourceLocation SourceTable::Locate(Mark mark) const {
  if (mark.file >= files_.size()) return {};
  return {files_[mark.file].name, static_cast<int>(mark.line), static_cast<int>(mark.col)};
}

std::string SourceTable::Where(Mark mark) const {
  return ShortLocation(mark) + ':' + std::to_string(mark.col);
}

std::string SourceTable::ShortLocation(Mark mark) const {
  if (mark.file >= files_.size()) return {};
  return files_[mark.file].name + ':' + std::to_string(mark.line);
}

std::string SourceTable::Context(Mark mark) const {
  if (mark.file >= files_.size() || mark.line == 0) return {};
  const SourceFile& file = files_[mark.file];
  if (mark.line > file.line_starts.size()) return {};
  std::string_view text = file.text;
  const std::size_t begin = file.line_starts[mark.line - 1];
  std::size_t end = text.find('\n', begin);
  std::string_view line = text.substr(begin, end == std::string_view::npos ? end : end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > 200) return {};
  std::string out(line);
  out += '\n';
  const std::size_t caret = mark.col > 0 ? mark.col - 1 : 0;
  for (std::size_t i = 0; i < caret && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

void Diagnostics::Report(Severity severity, Mark mark, std::string code, std::string message) {
  Diagnostic d;
  d.where = sources_->Locate(mark);
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.context = sources_->Context(mark);
  list_.push_back(std::move(d));
  if (severity == Severity::kError) ++errors_;
}

void Diagnostics::Error(Mark mark, std::string code, std::string message) {
  Report(Severity::kError, mark, std::move(code), std::move(message));
}

void Diagnostics::Warning(Mark mark, std::string code, std::string message) {
  Report(Severity::kWarning, mark, std::move(code), std::move(message));
}

clearance::Error Diagnostics::ToError() const {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : list_) {
    if (d.severity == Severity::kError) errors.push_back(d);
  }
  return clearance::Error(std::move(errors), kind_);
}

namespace {

// Optimal string alignment distance: a swap of two neighbours is one edit,
// so "modle" is close to "model". Case is ignored.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  const auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::vector<std::string> ClosestNames(std::string_view name, const std::vector<std::string>& candidates,
                                      std::size_t most) {
  // Close enough to be a typo: a third of the name, and never the whole of it.
  const std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  for (const std::string& c : candidates) {
    const std::size_t d = EditDistance(name, c);
    if (d <= limit && d < name.size()) scored.emplace_back(d, &c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < most; ++i) out.push_back(*scored[i].second);
  return out;
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  const std::vector<std::string> close = ClosestNames(name, candidates);
  if (close.empty()) return {};
  std::string out = " (did you mean ";
  for (std::size_t i = 0; i < close.size(); ++i) {
    if (i > 0) out += i + 1 == close.size() ? " or " : ", ";
    out += '\'' + close[i] + '\'';
  }
  return out + "?)";
}

}  // namespace clearance
