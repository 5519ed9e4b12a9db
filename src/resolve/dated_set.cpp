#include "resolve/dated_set.hpp"

#include <algorithm>

namespace clearance::resolve {

DatedSet DatedSet::Between(ValueSet set, std::optional<Date> from, std::optional<Date> to) {
  DatedSet out;
  const ValueSet none(set.size());
  out.pieces_.clear();
  if (from) {
    out.cuts_.push_back(*from);
    out.pieces_.push_back(none);
  }
  out.pieces_.push_back(std::move(set));
  if (to) {
    out.cuts_.push_back(*to);
    out.pieces_.push_back(none);
  }
  out.Canonicalize();
  return out;
}

std::optional<DatedSet> DatedSet::FromParts(std::vector<Date> cuts, std::vector<ValueSet> pieces) {
  if (pieces.size() != cuts.size() + 1) return std::nullopt;
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    if (pieces[i].size() != pieces[0].size() || pieces[i] == pieces[i - 1]) return std::nullopt;
    if (i >= 2 && !(cuts[i - 2] < cuts[i - 1])) return std::nullopt;
  }
  DatedSet out;
  out.cuts_ = std::move(cuts);
  out.pieces_ = std::move(pieces);
  return out;
}

const ValueSet& DatedSet::On(Date date) const noexcept {
  if (cuts_.empty()) return pieces_.front();
  const auto i = std::upper_bound(cuts_.begin(), cuts_.end(), date) - cuts_.begin();
  return pieces_[static_cast<std::size_t>(i)];
}

ValueSet DatedSet::OnSomeDate() const {
  ValueSet out = pieces_.front();
  for (std::size_t i = 1; i < pieces_.size(); ++i) out |= pieces_[i];
  return out;
}

// Both sides are constant between consecutive cuts of either, so the result
// is computed once per interval of the merged cuts, at its first day.
template <class Op>
void DatedSet::Combine(const DatedSet& other, Op op) {
  if (other.cuts_.empty() && cuts_.empty()) {
    op(pieces_.front(), other.pieces_.front());
    return;
  }
  std::vector<Date> cuts;
  std::set_union(cuts_.begin(), cuts_.end(), other.cuts_.begin(), other.cuts_.end(), std::back_inserter(cuts));
  std::vector<ValueSet> pieces;
  pieces.reserve(cuts.size() + 1);
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const Date at = i == 0 ? Date::Min() : cuts[i - 1];
    ValueSet piece = i == 0 ? pieces_.front() : On(at);
    op(piece, i == 0 ? other.pieces_.front() : other.On(at));
    pieces.push_back(std::move(piece));
  }
  cuts_ = std::move(cuts);
  pieces_ = std::move(pieces);
  Canonicalize();
}

DatedSet& DatedSet::operator|=(const DatedSet& other) {
  Combine(other, [](ValueSet& a, const ValueSet& b) { a |= b; });
  return *this;
}

DatedSet& DatedSet::operator-=(const DatedSet& other) {
  Combine(other, [](ValueSet& a, const ValueSet& b) { a -= b; });
  return *this;
}

DatedSet& DatedSet::operator&=(const DatedSet& other) {
  Combine(other, [](ValueSet& a, const ValueSet& b) { a &= b; });
  return *this;
}

void DatedSet::flip() {
  for (ValueSet& piece : pieces_) piece.flip();
}

void DatedSet::Canonicalize() {
  std::size_t kept = 0;
  for (std::size_t i = 1; i < pieces_.size(); ++i) {
    if (pieces_[i] == pieces_[kept]) continue;
    ++kept;
    cuts_[kept - 1] = cuts_[i - 1];
    if (kept != i) pieces_[kept] = std::move(pieces_[i]);
  }
  cuts_.resize(kept);
  pieces_.resize(kept + 1);
}

}  // namespace clearance::resolve
