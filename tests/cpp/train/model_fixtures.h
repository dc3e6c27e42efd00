// Shared by the model tests (train and score): small tables of people built in memory, the
// public data sets with their ground truth, and pairwise F1 of a clustering.
#ifndef SAMEAS_TESTS_TRAIN_MODEL_FIXTURES_H_
#define SAMEAS_TESTS_TRAIN_MODEL_FIXTURES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "sameas/cluster/connected_components.h"
#include "sameas/io/csv.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas::testing_model {

struct Person {
  std::string id;
  std::optional<std::string> first_name;
  std::optional<std::string> surname;
};

inline Table MakePeople(const std::string& source, const std::vector<Person>& people) {
  Table table;
  table.source = source;
  table.origin = source + ".csv";
  table.columns = {StringColumn("id"), StringColumn("first_name"), StringColumn("surname")};
  for (const Person& p : people) {
    table.columns[0].Append(p.id);
    for (auto [column, value] : {std::pair{1, &p.first_name}, std::pair{2, &p.surname}}) {
      if (value->has_value()) {
        table.columns[column].Append(**value);
      } else {
        table.columns[column].AppendNull();
      }
    }
  }
  return table;
}

inline LevelSpec Level(LevelKind kind, double threshold = 0) {
  LevelSpec level;
  level.kind = kind;
  level.threshold = threshold;
  return level;
}

/// first_name (exact, Jaro-Winkler >= 0.9, else) and surname (exact, else), blocked on
/// surname; term frequencies on first_name when `tf`.
inline Settings PeopleSettings(bool tf) {
  Settings s;
  s.id_column = "id";
  s.columns = {{"first_name", ColumnRole::kGivenName, ColumnType::kText, {}},
               {"surname", ColumnRole::kFamilyName, ColumnType::kText, {}}};
  s.blocking_rules = {*BlockingRule::Parse("surname")};
  ComparisonSpec first{"first_name",
                       "first_name",
                       {Level(LevelKind::kNull), Level(LevelKind::kExact),
                        Level(LevelKind::kJaroWinkler, 0.9), Level(LevelKind::kElse)}};
  first.term_frequency = tf;
  ComparisonSpec surname{
      "surname",
      "surname",
      {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kElse)}};
  s.comparisons = {first, surname};
  return s;
}

/// Pairwise precision, recall and F1 of `predicted` clusters against `truth` entities
/// (aligned per record).
struct PairwiseScores {
  double precision = 0, recall = 0, f1 = 0;
};
template <typename P, typename T>
PairwiseScores Pairwise(const std::vector<P>& predicted, const std::vector<T>& truth) {
  auto pairs = [](const auto& counts) {
    double total = 0;
    for (const auto& [key, n] : counts) total += static_cast<double>(n) * (n - 1) / 2;
    return total;
  };
  absl::flat_hash_map<P, int64_t> by_predicted;
  absl::flat_hash_map<T, int64_t> by_truth;
  absl::flat_hash_map<std::pair<P, T>, int64_t> by_both;
  for (size_t i = 0; i < predicted.size(); ++i) {
    ++by_predicted[predicted[i]];
    ++by_truth[truth[i]];
    ++by_both[{predicted[i], truth[i]}];
  }
  const double tp = pairs(by_both), pp = pairs(by_predicted), tt = pairs(by_truth);
  PairwiseScores s;
  s.precision = pp > 0 ? tp / pp : 1;
  s.recall = tt > 0 ? tp / tt : 1;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

/// The person of a FEBRL record id: "rec-12-org" and "rec-12-dup-0" are both 12.
inline int64_t FebrlEntity(std::string_view id) {
  const size_t start = id.find('-') + 1;
  return std::stoll(std::string(id.substr(start, id.find('-', start) - start)));
}

inline std::string SharedData(const std::string& path) {
  return std::string(SAMEAS_SHARED_DATA_DIR) + "/" + path;
}

}  // namespace sameas::testing_model

#endif  // SAMEAS_TESTS_TRAIN_MODEL_FIXTURES_H_
