// A set of values that may differ from date to date: the meaning of a group
// with dated members (docs/language.md §7), and of every test that names one.
//
// pieces()[i] holds on [cuts()[i-1], cuts()[i]), both ends unbounded. The
// form is canonical (cuts sorted, no two adjacent pieces equal), so two
// DatedSets are equal exactly when they hold the same values on every date,
// however the groups behind them were written.
#pragma once

#include <boost/dynamic_bitset.hpp>

#include <optional>
#include <vector>

#include "clearance/date.hpp"

namespace clearance::resolve {

using ValueSet = boost::dynamic_bitset<>;  // bit i: value i of the dimension

class DatedSet {
 public:
  DatedSet() : pieces_(1) {}
  // The same values on every date.
  explicit DatedSet(ValueSet set) { pieces_.push_back(std::move(set)); }
  // `set` on [from, to), nothing on other dates; a missing bound is unbounded.
  static DatedSet Between(ValueSet set, std::optional<Date> from, std::optional<Date> to);
  // A set from its canonical parts (as cuts() and pieces() give them), for
  // reading a snapshot; nullopt unless they are canonical: cuts ascending,
  // one more piece than cuts, pieces of one size, no two adjacent equal.
  static std::optional<DatedSet> FromParts(std::vector<Date> cuts, std::vector<ValueSet> pieces);

  const ValueSet& On(Date date) const noexcept;
  bool constant() const noexcept { return cuts_.empty(); }
  const std::vector<Date>& cuts() const noexcept { return cuts_; }
  const std::vector<ValueSet>& pieces() const noexcept { return pieces_; }
  std::size_t size() const noexcept { return pieces_.front().size(); }  // the dimension's value count

  bool test(std::size_t value, Date date) const noexcept { return On(date).test(value); }
  // The values that hold on at least one date.
  ValueSet OnSomeDate() const;

  DatedSet& operator|=(const DatedSet& other);
  DatedSet& operator-=(const DatedSet& other);
  DatedSet& operator&=(const DatedSet& other);
  void flip();

  friend bool operator==(const DatedSet&, const DatedSet&) = default;

 private:
  template <class Op>
  void Combine(const DatedSet& other, Op op);
  void Canonicalize();

  std::vector<Date> cuts_;
  std::vector<ValueSet> pieces_;  // cuts_.size() + 1
};

}  // namespace clearance::resolve
