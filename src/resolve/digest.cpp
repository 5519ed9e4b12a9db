// The policy digest hashes a canonical JSON of the policy's meaning: the
// default and combining mode, every dimension's values (sorted, with typed
// attributes) and default, and every rule (sorted by id) with its condition
// as resolved value sets, on every date where a group has dated members
// (docs/language.md). Group names and nesting, file layout, key order, declaration
// order and the policy's name do not enter: decisions do not depend on them.
//
// The text is written straight out, byte for byte what nlohmann's dump()
// gives for the same value (keys sorted, no spaces, its escapes and number
// form): building that DOM (a std::map per object) was a seventh of loading
// 10 000 rules. The digests stay what they were; the tests check the text
// against a dump of itself parsed back.
//
// Each rule's part of that text, with its id and its tags in written order,
// hashed on its own is the rule's content id: two rules of any two policies
// with equal ids say the same thing, so a diff passes over them with one
// compare. Value names, not indices, enter it, so the ids agree across
// policies that declare their values differently.
#include <openssl/evp.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/sha256.hpp"
#include "resolve/resolve.hpp"

namespace clearance::resolve {
namespace {

// JSON text in nlohmann's compact form. Objects' keys are written in
// bytewise order by the callers.
class CanonicalWriter {
 public:
  std::string& out() { return out_; }

  void String(std::string_view s) {
    out_ += '"';
    for (const char c : s) Char(c);
    out_ += '"';
  }
  void Key(std::string_view key) {
    Separate();
    String(key);
    out_ += ':';
    fresh_ = true;
  }
  void Open(char bracket) {
    Separate();
    out_ += bracket;
    fresh_ = true;
  }
  void Close(char bracket) {
    out_ += bracket;
    fresh_ = false;
  }
  // A scalar in a list or after a key.
  void Item(std::string_view json_text) {
    Separate();
    out_ += json_text;
  }
  void StringItem(std::string_view s) {
    Separate();
    String(s);
  }

 private:
  void Separate() {
    if (!fresh_) out_ += ',';
    fresh_ = false;
  }
  void Char(char c) {
    switch (c) {
      case '"':
        out_ += "\\\"";
        return;
      case '\\':
        out_ += "\\\\";
        return;
      case '\b':
        out_ += "\\b";
        return;
      case '\f':
        out_ += "\\f";
        return;
      case '\n':
        out_ += "\\n";
        return;
      case '\r':
        out_ += "\\r";
        return;
      case '\t':
        out_ += "\\t";
        return;
      default:
        break;
    }
    if (static_cast<unsigned char>(c) > 0x1F) {
      out_ += c;
      return;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += "\\u00";
    out_ += kHex[(c >> 4) & 15];
    out_ += kHex[c & 15];
  }

  std::string out_;
  bool fresh_ = true;  // nothing yet in the innermost list or object, or a key just written
};

void SortedNames(CanonicalWriter& w, const Dimension& dim, const ValueSet& set) {
  std::vector<std::string_view> names;
  for (auto v = set.find_first(); v != ValueSet::npos; v = set.find_next(v))
    names.push_back(dim.info.values[v]);
  std::sort(names.begin(), names.end());
  w.Open('[');
  for (std::string_view name : names) w.StringItem(name);
  w.Close(']');
}

void StringList(CanonicalWriter& w, std::vector<std::string_view> items, bool sorted) {
  if (sorted) std::sort(items.begin(), items.end());
  w.Open('[');
  for (std::string_view item : items) w.StringItem(item);
  w.Close(']');
}

void Attribute(CanonicalWriter& w, const AttributeValue& value) {
  w.Open('[');
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          w.StringItem("number");
          w.Item(nlohmann::json(v).dump());  // its shortest round-trip form
        } else if constexpr (std::is_same_v<T, bool>) {
          w.StringItem("bool");
          w.Item(v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, Date>) {
          w.StringItem("date");
          w.StringItem(v.ToString());
        } else {
          w.StringItem("string");
          w.StringItem(v);
        }
      },
      value);
  w.Close(']');
}

void DimensionJson(CanonicalWriter& w, const Dimension& dim) {
  w.Open('{');
  if (dim.info.default_value) {
    w.Key("default");
    w.StringItem(dim.info.values[*dim.info.default_value]);
  }
  std::vector<std::uint32_t> order(dim.size());
  for (std::uint32_t v = 0; v < order.size(); ++v) order[v] = v;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return dim.info.values[a] < dim.info.values[b]; });
  w.Key("values");
  w.Open('{');
  for (std::uint32_t v : order) {
    w.Key(dim.info.values[v]);
    w.Open('{');
    for (const auto& [name, value] : dim.attributes[v]) {  // a std::map: sorted
      w.Key(name);
      Attribute(w, value);
    }
    w.Close('}');
  }
  w.Close('}');
  w.Close('}');
}

void CondJson(CanonicalWriter& w, const ResolvedPolicy& policy, const Cond& c) {
  switch (c.kind) {
    case Cond::Kind::kTrue:
      w.Item("true");
      return;
    case Cond::Kind::kFalse:
      w.Item("false");
      return;
    case Cond::Kind::kTest: {
      const Dimension& dim = policy.dims[c.dim];
      w.Open('{');
      if (c.set.constant()) {
        w.Key("in");
        w.StringItem(dim.info.name);
        w.Key("values");
        SortedNames(w, dim, c.set.pieces().front());
      } else {
        w.Key("dated");  // canonical pieces: [from or null, values]
        w.Open('[');
        for (std::size_t p = 0; p < c.set.pieces().size(); ++p) {
          w.Open('[');
          if (p == 0)
            w.Item("null");
          else
            w.StringItem(c.set.cuts()[p - 1].ToString());
          SortedNames(w, dim, c.set.pieces()[p]);
          w.Close(']');
        }
        w.Close(']');
        w.Key("in");
        w.StringItem(dim.info.name);
      }
      w.Close('}');
      return;
    }
    default:
      break;
  }
  w.Open('{');
  w.Key(c.kind == Cond::Kind::kNot ? "not" : c.kind == Cond::Kind::kAnd ? "and" : "or");
  w.Open('[');
  for (const Cond& child : c.children) CondJson(w, policy, child);
  w.Close(']');
  w.Close('}');
}

std::string_view DateOrEmpty(const std::optional<Date>& date, std::string& buffer) {
  buffer = date ? date->ToString() : std::string();
  return buffer;
}

// Keys in bytewise order: because, cite, effect, effective, expires,
// obligations, outcome, overrides, tags, when.
void RuleJson(CanonicalWriter& w, const ResolvedPolicy& policy, const Rule& rule) {
  const RuleInfo& info = rule.info;
  std::string date;
  w.Open('{');
  w.Key("because");
  w.StringItem(info.because);
  w.Key("cite");
  w.StringItem(info.cite);
  w.Key("effect");
  w.StringItem(ToString(info.effect));
  w.Key("effective");
  w.StringItem(DateOrEmpty(info.effective, date));
  w.Key("expires");
  w.StringItem(DateOrEmpty(info.expires, date));
  w.Key("obligations");
  StringList(w, {info.obligations.begin(), info.obligations.end()}, false);
  w.Key("outcome");
  w.StringItem(info.outcome);
  std::vector<std::string_view> overrides;
  for (std::uint32_t r : info.overrides) overrides.push_back(policy.rules[r].info.id);
  w.Key("overrides");
  StringList(w, std::move(overrides), true);
  w.Key("tags");
  StringList(w, {info.tags.begin(), info.tags.end()}, true);
  w.Key("when");
  CondJson(w, policy, rule.when);
  w.Close('}');
}

// SHA-256 of many short texts through one context and one fetched
// algorithm: EVP_Digest fetches SHA-256 again on every call, a cost that
// would dominate hashing each of 10 000 rules.
class Sha256Context {
 public:
  Sha256Context() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {}
  ~Sha256Context() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Sha256Context(const Sha256Context&) = delete;
  Sha256Context& operator=(const Sha256Context&) = delete;

  ContentId First16(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    ContentId out{};
    if (md_ && ctx_ && EVP_DigestInit_ex2(ctx_, md_, nullptr) &&
        EVP_DigestUpdate(ctx_, text.data(), text.size()) && EVP_DigestFinal_ex(ctx_, digest, &length)) {
      for (std::size_t i = 0; i < 16; ++i) out[i / 8] = (out[i / 8] << 8) | digest[i];
    }
    return out;  // all zero on failure: never equal to anything (SameContent)
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

// The text a rule's content id hashes: its id, its digest text, and its
// tags in their written order (the digest sorts them, the diff compares
// them as written).
std::string ContentText(const Rule& rule, std::string_view digest_text) {
  CanonicalWriter w;
  w.Open('[');
  w.StringItem(rule.info.id);
  w.Item(digest_text);
  StringList(w, {rule.info.tags.begin(), rule.info.tags.end()}, false);
  w.Close(']');
  return std::move(w.out());
}

// Where each rule's text lies in the canonical JSON.
struct RuleSpan {
  const Rule* rule;
  std::size_t begin, end;
};

template <typename T, typename NameOf>
std::vector<const T*> SortedByName(const std::vector<T>& items, NameOf name_of) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(&item);
  std::sort(out.begin(), out.end(), [&](const T* a, const T* b) { return name_of(*a) < name_of(*b); });
  return out;
}

std::string CanonicalText(const ResolvedPolicy& policy, std::vector<RuleSpan>* spans) {
  CanonicalWriter w;
  w.Open('{');
  w.Key("clearance-digest");
  w.Item("1");
  w.Key("combine");
  w.StringItem(ToString(policy.combine));
  w.Key("default");
  w.StringItem(ToString(policy.default_effect));
  w.Key("dimensions");
  w.Open('{');
  for (const Dimension* dim :
       SortedByName(policy.dims, [](const Dimension& d) -> const std::string& { return d.info.name; })) {
    w.Key(dim->info.name);
    DimensionJson(w, *dim);
  }
  w.Close('}');
  w.Key("rules");
  w.Open('{');
  for (const Rule* rule :
       SortedByName(policy.rules, [](const Rule& r) -> const std::string& { return r.info.id; })) {
    w.Key(rule->info.id);
    const std::size_t begin = w.out().size();
    RuleJson(w, policy, *rule);
    if (spans) spans->push_back({rule, begin, w.out().size()});
  }
  w.Close('}');
  w.Close('}');
  return std::move(w.out());
}

}  // namespace

std::string CanonicalJson(const ResolvedPolicy& policy) { return CanonicalText(policy, nullptr); }

std::string ComputeDigest(const ResolvedPolicy& policy) {
  return "sha256:" + Sha256Hex(CanonicalJson(policy));
}

void Fingerprint(ResolvedPolicy& policy) {
  std::vector<RuleSpan> spans;
  const std::string text = CanonicalText(policy, &spans);
  policy.digest = "sha256:" + Sha256Hex(text);
  Sha256Context sha;
  for (const RuleSpan& span : spans) {
    Rule& rule = policy.rules[static_cast<std::size_t>(span.rule - policy.rules.data())];
    rule.content_id =
        sha.First16(ContentText(rule, std::string_view(text).substr(span.begin, span.end - span.begin)));
  }
}

}  // namespace clearance::resolve
