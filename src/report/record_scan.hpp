// One decision record (a line of `batch --format jsonl` or `check --format
// json` on one line) read without building a JSON tree: the few fields a
// replay needs, as views into the line, everything else only checked and
// skipped. Strings with escapes are decoded into the scanner's own storage,
// so a view stays valid until the next Scan.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clearance::report {

struct RecordView {
  std::string_view id;  // the raw JSON text of "id"; empty when absent
  std::vector<std::pair<std::string_view, std::string_view>> query;  // dimension -> value
  std::string_view date;                                             // query.date
  std::string_view effect;
  std::string_view decisive, outcomes, obligations;  // raw JSON arrays; empty when absent
  std::string_view digest;                           // policy.digest
  bool has_query = false;
  bool error_record = false;  // the line is {"line", "id", "error"}
};

class RecordScanner {
 public:
  // Fills `out` from `line`; on malformed JSON returns false with a message
  // naming what is wrong and the byte column.
  bool Scan(std::string_view line, RecordView& out, std::string& error);

 private:
  bool Fail(const char* what);
  void SkipSpace();
  bool Expect(char c);
  bool String(std::string_view& out);
  bool Skip(int depth);  // any value
  bool Query(RecordView& out);
  bool Policy(RecordView& out);
  bool Raw(std::string_view& out, int depth);

  std::string_view text_;
  std::size_t at_ = 0;
  std::string error_;
  std::deque<std::string> decoded_;
};

}  // namespace clearance::report
