// Golden profiles: each entity's records merged into the one customer record a CRM wants,
// field by field by survivorship rules, each value with the records it came from.
//
//   sameas::ProfileSettings rules = sameas::DefaultProfileSettings(linker.tables(),
//                                                                  linker.settings(),
//                                                                  {"platform"});
//   auto profiles = sameas::BuildProfiles(linker.tables(), linker.prepared(), clusters, rules);
//   std::vector<int64_t> ids(clusters.num_clusters);  // 0, 1, ...
//   std::iota(ids.begin(), ids.end(), 0);
//   sameas::WriteProfilesCsv("out/profiles.csv", linker.tables(), linker.prepared(), clusters,
//                            rules, {"cluster_id", std::span<const int64_t>(ids)});
#ifndef SAMEAS_MERGE_PROFILES_H_
#define SAMEAS_MERGE_PROFILES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/cluster/connected_components.h"
#include "sameas/io/csv_writer.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// Which of an entity's values of a field survives. Values are compared after Unicode
/// folding ("Müller" and "MULLER" are one value, spelt as the first record in order has it;
/// a value that folds to nothing, such as an emoji display name, counts as empty); "in
/// order" means by source priority, then input order.
enum class Survivorship {
  kMostFrequent,    // the value most records hold; ties: the first in order
  kMostRecent,      // the value of the record with the latest timestamp
  kLongest,         // the value with the most characters; ties: the first in order
  kSourcePriority,  // the most frequent value of the highest-priority source that has one
  kFirstNonEmpty,   // the value of the first record in order that has one
  kAll,             // every distinct value, optionally one per value of another column
};

std::string_view ToString(Survivorship rule);
absl::StatusOr<Survivorship> ParseSurvivorship(std::string_view text);

/// How one field of the profile is made.
struct FieldRule {
  /// The field's name, a column of profiles.csv.
  std::string name;
  Survivorship rule = Survivorship::kMostFrequent;
  /// Per source, the input columns joined with a space to make the value. A source not
  /// listed reads the column called `name`, and has no value when it lacks that column.
  std::map<std::string, std::vector<std::string>> inputs;
  /// kAll: keep one value per value of this column ("platform": one handle per platform,
  /// the most frequent when an entity has two).
  std::string per;
  /// kMostRecent: the column with each record's timestamp (ISO 8601 date or date-time,
  /// another date format prepare reads, or Unix seconds). Records without one come last.
  std::string timestamp;
  /// Sources in order of trust; sources not listed follow in input order. Orders the
  /// records for kSourcePriority and for every tie.
  std::vector<std::string> source_priority;
};

struct ProfileSettings {
  std::vector<FieldRule> fields;
};

/// JSON: {"fields": [{"name": "email", "rule": "all", "inputs": {...}, "per": "...",
/// "timestamp": "...", "source_priority": [...]}]}; only "name" is required.
std::string ProfileSettingsToJson(const ProfileSettings& settings);
absl::StatusOr<ProfileSettings> ProfileSettingsFromJson(std::string_view json,
                                                        std::string_view origin = "profile rules");

/// Rules chosen from column roles when the user says nothing. Every settings column becomes a
/// field with its per-source inputs, and so does every other input column (columns of the
/// same name across sources are one field) except ids, ground-truth labels, the `per_columns`
/// and columns that are already the sole input of a field. Names: source priority (sources in
/// input order: list the CRM first); emails and phones: all values; handles (handle,
/// username, screen_name, ...): all, one per value of the first of `per_columns` (or of a
/// column called platform / network / site) the handle's table has; the rest: most frequent.
ProfileSettings DefaultProfileSettings(const std::vector<Table>& tables, const Settings& settings,
                                       const std::vector<std::string>& per_columns = {});

/// One surviving value and where it came from.
struct ProfileValue {
  std::string value;
  /// For kAll with `per`: the folded value of the `per` column it stands for ("instagram").
  std::string per;
  /// The records (indices into the PreparedTable) that hold this value; the first is the
  /// one whose spelling was kept.
  std::vector<uint32_t> records;
};

struct Profiles {
  std::vector<std::string> fields;
  /// values[entity][field]: no value, one, or (kAll) several.
  std::vector<std::vector<std::vector<ProfileValue>>> values;
  /// Per entity, its records in input order.
  std::vector<std::vector<uint32_t>> records;

  size_t num_entities() const { return values.size(); }
};

/// The profile of every cluster, made in parallel over ranges of clusters (the same whatever
/// the thread count). Errors name the field and the source or column that does not exist.
/// O(records x fields) value reads and one fold per value.
absl::StatusOr<Profiles> BuildProfiles(const std::vector<Table>& tables,
                                       const PreparedTable& prepared, const Clusters& clusters,
                                       const ProfileSettings& settings);

/// Writes profiles.csv without holding the profiles: they are made and formatted a few
/// thousand clusters at a time, in parallel, and written in cluster order, so memory stays
/// bounded by the chunks in flight whatever the number of clusters. One row per cluster:
/// `cluster_ids` (its header name and, per cluster, its id), `records` (how many), then per
/// field its value and `<field>_from`, the records holding it as `source:record_id` joined
/// with a space. Many values are joined with " | " ("instagram:kasia_n" for a value with a
/// `per`); a field without a value is an empty field. Returns the number of rows written.
absl::StatusOr<size_t> WriteProfilesCsv(const std::string& path, const std::vector<Table>& tables,
                                        const PreparedTable& prepared, const Clusters& clusters,
                                        const ProfileSettings& settings,
                                        const CsvColumn& cluster_ids,
                                        const CsvWriteOptions& options = {});

/// Seconds since 1970-01-01 of a timestamp: "2024-03-07", "2024-03-07T10:15:00Z",
/// "2024-03-07 10:15:00+01:00", "07.03.2024", or Unix seconds; nullopt otherwise.
std::optional<int64_t> ParseTimestamp(std::string_view text);

}  // namespace sameas

#endif  // SAMEAS_MERGE_PROFILES_H_
