#include "sameas/merge/profiles.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <set>
#include <span>
#include <iterator>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "internal/parallel.h"
#include "internal/strings.h"
#include "sameas/io/csv.h"
#include "nlohmann/json.hpp"
#include "sameas/prepare/date.h"
#include "sameas/prepare/text.h"
#include "sameas/settings/auto_settings.h"

namespace sameas {
namespace {

using json = nlohmann::json;

constexpr std::array<std::pair<Survivorship, std::string_view>, 6> kRuleNames = {{
    {Survivorship::kMostFrequent, "most_frequent"},
    {Survivorship::kMostRecent, "most_recent"},
    {Survivorship::kLongest, "longest"},
    {Survivorship::kSourcePriority, "source_priority"},
    {Survivorship::kFirstNonEmpty, "first_non_empty"},
    {Survivorship::kAll, "all"},
}};

std::string Lower(std::string_view name) {
  std::string out;
  for (char c : internal::Strip(name)) {
    out.push_back(c == ' ' || c == '-' ? '_' : (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

bool IsHandleName(std::string_view name) {
  static const std::array<std::string_view, 10> kHandles = {
      "handle",   "username", "user_name", "screen_name", "screenname",
      "nickname", "login",    "user",      "profile",     "profile_url"};
  const std::string n = Lower(name);
  return std::find(kHandles.begin(), kHandles.end(), n) != kHandles.end() || n.ends_with("_handle");
}

bool IsPlatformName(std::string_view name) {
  const std::string n = Lower(name);
  return n == "platform" || n == "network" || n == "site" || n == "service";
}

// Columns that hold the answer, not data about the person.
bool IsLabelName(std::string_view name) {
  static const std::array<std::string_view, 11> kLabels = {
      "cluster", "cluster_id",  "true_id", "person_id",    "entity_id",     "match_id",
      "label",   "simulant_id", "truth",   "ground_truth", "source_dataset"};
  const std::string n = Lower(name);
  return std::find(kLabels.begin(), kLabels.end(), n) != kLabels.end();
}

Survivorship RuleForRole(ColumnRole role) {
  switch (role) {
    case ColumnRole::kGivenName:
    case ColumnRole::kFamilyName:
    case ColumnRole::kFullName:
      return Survivorship::kSourcePriority;
    case ColumnRole::kEmail:
    case ColumnRole::kPhone:
      return Survivorship::kAll;
    default:
      return Survivorship::kMostFrequent;
  }
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Fold(std::string_view s) { return IsValidUtf8(s) ? FoldText(s) : std::string(s); }

// Where one field's value comes from in each source: column indices into the table, empty
// when the source has no value for the field.
struct FieldSources {
  std::vector<std::vector<int>> columns;  // per source
  std::vector<int> per;                   // per source, -1 when none
  std::vector<int> timestamp;             // per source, -1 when none
  std::vector<uint32_t> rank;             // per source: its place in the priority order
};

absl::StatusOr<FieldSources> Resolve(const std::vector<Table>& tables, const FieldRule& field) {
  FieldSources out;
  const size_t s = tables.size();
  out.columns.resize(s);
  out.per.assign(s, -1);
  out.timestamp.assign(s, -1);
  out.rank.resize(s);
  for (const auto& [source, inputs] : field.inputs) {
    if (std::none_of(tables.begin(), tables.end(),
                     [&](const Table& t) { return t.source == source; })) {
      return absl::InvalidArgumentError(
          fmt::format("profile field '{}': inputs name source '{}', which is not an input source",
                      field.name, source));
    }
  }
  bool any = false, any_timestamp = false;
  for (size_t t = 0; t < s; ++t) {
    const Table& table = tables[t];
    auto listed = field.inputs.find(table.source);
    if (listed != field.inputs.end()) {
      for (const std::string& column : listed->second) {
        const int c = table.ColumnIndex(column);
        if (c < 0) {
          return absl::InvalidArgumentError(
              fmt::format("profile field '{}': {} has no column '{}' (columns: {})", field.name,
                          table.origin, column, internal::Join(table.ColumnNames(), ", ")));
        }
        out.columns[t].push_back(c);
      }
    } else if (const int c = table.ColumnIndex(field.name); c >= 0) {
      out.columns[t].push_back(c);
    }
    any = any || !out.columns[t].empty();
    if (!field.per.empty()) out.per[t] = table.ColumnIndex(field.per);
    if (!field.timestamp.empty()) {
      out.timestamp[t] = table.ColumnIndex(field.timestamp);
      any_timestamp = any_timestamp || out.timestamp[t] >= 0;
    }
  }
  if (!any) {
    return absl::InvalidArgumentError(
        fmt::format("profile field '{}': no input table has a column '{}' and no inputs are given",
                    field.name, field.name));
  }
  if (field.rule == Survivorship::kMostRecent && !any_timestamp) {
    return absl::InvalidArgumentError(fmt::format(
        "profile field '{}': most_recent needs a timestamp column{}", field.name,
        field.timestamp.empty() ? ""
                                : fmt::format(", and no input table has '{}'", field.timestamp)));
  }
  // Priority: the listed sources first, then the rest in input order.
  std::vector<uint32_t> order;
  for (const std::string& source : field.source_priority) {
    auto it = std::find_if(tables.begin(), tables.end(),
                           [&](const Table& t) { return t.source == source; });
    if (it == tables.end()) {
      return absl::InvalidArgumentError(fmt::format(
          "profile field '{}': source_priority names '{}', which is not an input source",
          field.name, source));
    }
    const uint32_t t = static_cast<uint32_t>(it - tables.begin());
    if (std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
  }
  for (uint32_t t = 0; t < s; ++t) {
    if (std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
  }
  for (uint32_t i = 0; i < s; ++i) out.rank[order[i]] = i;
  return out;
}

// One record's value of a field within an entity.
struct Candidate {
  uint32_t record;
  std::string value;  // as spelt, inputs joined with a space
  std::string key;    // folded, for equality
  std::string per;    // folded value of the `per` column
};

// The surviving values among `candidates` (in priority order). `order_keys` holds per
// candidate its timestamp for kMostRecent and its source rank for kSourcePriority.
std::vector<ProfileValue> Survive(const FieldRule& field, std::vector<Candidate>& candidates,
                                  const std::vector<int64_t>& order_keys) {
  std::vector<ProfileValue> out;
  if (candidates.empty()) return out;
  // Value of candidate `i`, with every record holding the same key; `i` first.
  auto value_of = [&](size_t i, const std::vector<size_t>* within = nullptr) {
    ProfileValue v;
    v.value = candidates[i].value;
    v.per = candidates[i].per;
    v.records.push_back(candidates[i].record);
    for (size_t j = 0; j < candidates.size(); ++j) {
      if (j == i || candidates[j].key != candidates[i].key) continue;
      if (within && std::find(within->begin(), within->end(), j) == within->end()) continue;
      v.records.push_back(candidates[j].record);
    }
    return v;
  };
  // The most frequent key among `subset`; ties: the first in order. Returns its first holder.
  auto most_frequent = [&](const std::vector<size_t>& subset) {
    absl::flat_hash_map<std::string_view, std::pair<uint32_t, size_t>> counts;  // count, first
    for (size_t i : subset) {
      auto [it, inserted] = counts.try_emplace(candidates[i].key, 0, i);
      ++it->second.first;
    }
    size_t best = subset.front();
    uint32_t best_count = 0;
    for (size_t i : subset) {
      const auto& [count, first] = counts[candidates[i].key];
      if (first == i && count > best_count) {
        best = i;
        best_count = count;
      }
    }
    return best;
  };
  std::vector<size_t> all(candidates.size());
  std::iota(all.begin(), all.end(), size_t{0});

  switch (field.rule) {
    case Survivorship::kMostFrequent:
      out.push_back(value_of(most_frequent(all)));
      break;
    case Survivorship::kFirstNonEmpty:
      out.push_back(value_of(0));
      break;
    case Survivorship::kLongest: {
      size_t best = 0;
      for (size_t i = 1; i < candidates.size(); ++i) {
        if (CodePoints(candidates[i].value) > CodePoints(candidates[best].value)) best = i;
      }
      out.push_back(value_of(best));
      break;
    }
    case Survivorship::kMostRecent: {
      size_t best = 0;
      for (size_t i = 1; i < candidates.size(); ++i) {
        if (order_keys[i] > order_keys[best]) best = i;
      }
      out.push_back(value_of(best));
      break;
    }
    case Survivorship::kSourcePriority: {
      // Candidates are in priority order: the first one's source is the best that has a value.
      std::vector<size_t> best_source;
      for (size_t i : all) {
        if (order_keys[i] == order_keys[0]) best_source.push_back(i);
      }
      out.push_back(value_of(most_frequent(best_source)));
      break;
    }
    case Survivorship::kAll: {
      if (field.per.empty()) {
        std::set<std::string_view> seen;
        for (size_t i : all) {
          if (seen.insert(candidates[i].key).second) out.push_back(value_of(i));
        }
      } else {
        // One value per `per` group, groups in order of their first record.
        std::vector<std::string_view> groups;
        for (size_t i : all) {
          if (std::find(groups.begin(), groups.end(), candidates[i].per) == groups.end()) {
            groups.push_back(candidates[i].per);
          }
        }
        for (std::string_view group : groups) {
          std::vector<size_t> members;
          for (size_t i : all) {
            if (candidates[i].per == group) members.push_back(i);
          }
          out.push_back(value_of(most_frequent(members), &members));
        }
      }
      break;
    }
  }
  return out;
}

}  // namespace

std::string_view ToString(Survivorship rule) {
  for (const auto& [r, name] : kRuleNames) {
    if (r == rule) return name;
  }
  return "unknown";
}

absl::StatusOr<Survivorship> ParseSurvivorship(std::string_view text) {
  const std::string lowered = Lower(text);
  for (const auto& [rule, name] : kRuleNames) {
    if (lowered == name) return rule;
  }
  std::vector<std::string_view> names;
  for (const auto& [rule, name] : kRuleNames) names.push_back(name);
  return absl::InvalidArgumentError(
      fmt::format("unknown survivorship rule '{}' (known: {})", text, internal::Join(names, ", ")));
}

std::string ProfileSettingsToJson(const ProfileSettings& settings) {
  json fields = json::array();
  for (const FieldRule& field : settings.fields) {
    json f;
    f["name"] = field.name;
    f["rule"] = std::string(ToString(field.rule));
    if (!field.inputs.empty()) f["inputs"] = field.inputs;
    if (!field.per.empty()) f["per"] = field.per;
    if (!field.timestamp.empty()) f["timestamp"] = field.timestamp;
    if (!field.source_priority.empty()) f["source_priority"] = field.source_priority;
    fields.push_back(f);
  }
  json root;
  root["fields"] = fields;
  return root.dump(2);
}

absl::StatusOr<ProfileSettings> ProfileSettingsFromJson(std::string_view text,
                                                        std::string_view origin) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return absl::InvalidArgumentError(fmt::format("{}: not valid JSON: {}", origin, e.what()));
  }
  if (!root.is_object() || !root.contains("fields") || !root["fields"].is_array()) {
    return absl::InvalidArgumentError(fmt::format("{}: expected {{\"fields\": [...]}}", origin));
  }
  ProfileSettings settings;
  std::set<std::string> names;
  for (size_t i = 0; i < root["fields"].size(); ++i) {
    const json& f = root["fields"][i];
    const std::string where = fmt::format("{}: fields[{}]", origin, i);
    try {
      if (!f.is_object() || !f.contains("name") || !f["name"].is_string()) {
        return absl::InvalidArgumentError(where + ": needs a \"name\"");
      }
      FieldRule field;
      field.name = f["name"].get<std::string>();
      if (!names.insert(field.name).second) {
        return absl::InvalidArgumentError(
            fmt::format("{}: field '{}' is named twice", where, field.name));
      }
      if (f.contains("rule")) {
        absl::StatusOr<Survivorship> rule = ParseSurvivorship(f["rule"].get<std::string>());
        if (!rule.ok()) {
          return absl::InvalidArgumentError(fmt::format("{} ('{}'): {}", where, field.name,
                                                        std::string(rule.status().message())));
        }
        field.rule = *rule;
      }
      if (f.contains("inputs")) {
        for (const auto& [source, columns] : f["inputs"].items()) {
          if (columns.is_string()) {
            field.inputs[source] = {columns.get<std::string>()};
          } else {
            field.inputs[source] = columns.get<std::vector<std::string>>();
          }
        }
      }
      if (f.contains("per")) field.per = f["per"].get<std::string>();
      if (f.contains("timestamp")) field.timestamp = f["timestamp"].get<std::string>();
      if (f.contains("source_priority")) {
        field.source_priority = f["source_priority"].get<std::vector<std::string>>();
      }
      settings.fields.push_back(std::move(field));
    } catch (const json::exception& e) {
      return absl::InvalidArgumentError(fmt::format("{}: {}", where, e.what()));
    }
  }
  return settings;
}

ProfileSettings DefaultProfileSettings(const std::vector<Table>& tables, const Settings& settings,
                                       const std::vector<std::string>& per_columns) {
  ProfileSettings out;
  std::set<std::string> names;
  // (source, column) pairs that are already the sole input of a field.
  std::set<std::pair<std::string, std::string>> covered;
  auto is_per = [&](std::string_view column) {
    return std::find(per_columns.begin(), per_columns.end(), column) != per_columns.end() ||
           IsPlatformName(column);
  };

  for (const ColumnSettings& column : settings.columns) {
    // A handle, and a column that some source leaves empty ("inputs": {"crm": []}: a handle,
    // email or birth date only one table has), are profiled from their input columns below,
    // under those columns' names: handles one per platform.
    const bool one_sided = std::any_of(column.inputs.begin(), column.inputs.end(),
                                       [](const auto& entry) { return entry.second.empty(); });
    if (column.role == ColumnRole::kHandle || one_sided) continue;
    FieldRule field;
    field.name = column.name;
    field.rule = RuleForRole(column.role);
    bool any = false;
    for (const Table& table : tables) {
      std::vector<std::string> inputs = column.InputsFor(table.source);
      const bool present =
          !inputs.empty() && std::all_of(inputs.begin(), inputs.end(), [&](const std::string& c) {
            return table.ColumnIndex(c) >= 0;
          });
      if (!present) continue;
      any = true;
      if (inputs.size() == 1) covered.insert({table.source, inputs[0]});
      if (inputs != std::vector<std::string>{column.name}) field.inputs[table.source] = inputs;
    }
    if (!any || !names.insert(field.name).second) continue;
    out.fields.push_back(std::move(field));
  }

  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
    const std::string& id = settings.IdColumnFor(table.source);
    for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
      const std::string& name = table.columns[c].name();
      if (name == id || IsLabelName(name) || is_per(name)) continue;
      if (covered.count({table.source, name}) || names.count(name)) continue;
      FieldRule field;
      field.name = name;
      if (IsHandleName(name)) {
        field.rule = Survivorship::kAll;
        for (const std::string& per : per_columns) {
          if (table.ColumnIndex(per) >= 0) {
            field.per = per;
            break;
          }
        }
        if (field.per.empty()) {
          for (const StringColumn& other : table.columns) {
            if (IsPlatformName(other.name())) {
              field.per = other.name();
              break;
            }
          }
        }
      } else {
        field.rule = RuleForRole(InferColumn(table, c).role);
      }
      names.insert(name);
      out.fields.push_back(std::move(field));
    }
  }
  return out;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  text = internal::Strip(text);
  if (text.empty()) return std::nullopt;
  auto digits = [&](size_t at, size_t n, int* out) {
    if (at + n > text.size()) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, mo, d;
  if (text.size() >= 10 && digits(0, 4, &y) && text[4] == '-' && digits(5, 2, &mo) &&
      text[7] == '-' && digits(8, 2, &d)) {
    std::optional<Date> date = ParseDate(text.substr(0, 10));
    if (!date) return std::nullopt;
    int64_t seconds = int64_t{date->DaysSinceEpoch()} * 86400;
    size_t at = 10;
    int h = 0, mi = 0, s = 0;
    if (at < text.size() && (text[at] == 'T' || text[at] == ' ')) {
      if (!digits(at + 1, 2, &h) || at + 3 >= text.size() || text[at + 3] != ':' ||
          !digits(at + 4, 2, &mi)) {
        return std::nullopt;
      }
      at += 6;
      if (at < text.size() && text[at] == ':') {
        if (!digits(at + 1, 2, &s)) return std::nullopt;
        at += 3;
      }
      while (at < text.size() && (text[at] == '.' || (text[at] >= '0' && text[at] <= '9'))) ++at;
      seconds += h * 3600 + mi * 60 + s;
      if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        int oh = 0, om = 0;
        const int sign = text[at] == '+' ? 1 : -1;
        if (!digits(at + 1, 2, &oh)) return std::nullopt;
        size_t m = at + 3;
        if (m < text.size() && text[m] == ':') ++m;
        digits(m, 2, &om);
        seconds -= sign * (oh * 3600 + om * 60);
      }
    }
    return seconds;
  }
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      text.size() != 8 && text.size() <= 12) {
    int64_t v = 0;
    for (char c : text) v = v * 10 + (c - '0');
    return v;
  }
  if (std::optional<Date> date = ParseDate(text)) return int64_t{date->DaysSinceEpoch()} * 86400;
  return std::nullopt;
}

namespace {

// Entities per task when profiles are built or written: each task's profiles are made (and
// for the CSV formatted and dropped) on one thread, so memory holds a few tasks' worth.
constexpr size_t kEntitiesPerTask = 4096;

// The fields' rules resolved against the tables, and every entity's records, from which the
// profile of any one entity is made on its own: profiles can be built for ranges of
// entities on several threads, in any order, and come out the same.
class ProfileMaker {
 public:
  static absl::StatusOr<ProfileMaker> Make(const std::vector<Table>& tables,
                                           const PreparedTable& prepared,
                                           const Clusters& clusters,
                                           const ProfileSettings& settings) {
    if (tables.size() != prepared.sources.size()) {
      return absl::InvalidArgumentError(fmt::format("{} tables but {} prepared sources",
                                                    tables.size(), prepared.sources.size()));
    }
    if (clusters.cluster_of.size() != prepared.num_records()) {
      return absl::InvalidArgumentError(fmt::format("{} clustered records but {} prepared",
                                                    clusters.cluster_of.size(),
                                                    prepared.num_records()));
    }
    ProfileMaker maker(tables, prepared, settings);
    for (const FieldRule& field : settings.fields) {
      absl::StatusOr<FieldSources> resolved = Resolve(tables, field);
      if (!resolved.ok()) return resolved.status();
      maker.sources_.push_back(*std::move(resolved));
    }
    // Records by entity, in input order within each (a counting sort keeps it).
    maker.start_.assign(size_t{clusters.num_clusters} + 1, 0);
    for (uint32_t c : clusters.cluster_of) {
      if (c >= clusters.num_clusters) {
        return absl::InvalidArgumentError(
            fmt::format("cluster {} of a record is past the {} clusters", c, clusters.num_clusters));
      }
      ++maker.start_[c + 1];
    }
    for (size_t e = 1; e < maker.start_.size(); ++e) maker.start_[e] += maker.start_[e - 1];
    maker.member_.resize(clusters.cluster_of.size());
    std::vector<uint32_t> fill(maker.start_.begin(), maker.start_.end() - 1);
    for (uint32_t r = 0; r < clusters.cluster_of.size(); ++r) {
      maker.member_[fill[clusters.cluster_of[r]]++] = r;
    }
    return maker;
  }

  size_t num_entities() const { return start_.size() - 1; }
  std::span<const uint32_t> records(uint32_t e) const {
    return {member_.data() + start_[e], member_.data() + start_[e + 1]};
  }

  // Reused buffers of one thread.
  struct Scratch {
    std::vector<Candidate> candidates;
    std::vector<int64_t> order_keys;
    std::vector<uint32_t> ordered;
  };

  // The surviving values of each field of entity `e`.
  void Build(uint32_t e, Scratch& scratch, std::vector<std::vector<ProfileValue>>* values) const {
    values->resize(settings_.fields.size());
    const std::span<const uint32_t> members = records(e);
    for (size_t f = 0; f < settings_.fields.size(); ++f) {
      const FieldRule& field = settings_.fields[f];
      const FieldSources& from = sources_[f];
      // Records in priority order: by source rank, then input order.
      std::vector<uint32_t>& ordered = scratch.ordered;
      ordered.assign(members.begin(), members.end());
      std::stable_sort(ordered.begin(), ordered.end(), [&](uint32_t a, uint32_t b) {
        return from.rank[prepared_.source[a]] < from.rank[prepared_.source[b]];
      });
      std::vector<Candidate>& candidates = scratch.candidates;
      std::vector<int64_t>& order_keys = scratch.order_keys;
      candidates.clear();
      order_keys.clear();
      for (uint32_t r : ordered) {
        const uint16_t t = prepared_.source[r];
        const uint32_t row = prepared_.row[r];
        if (from.columns[t].empty()) continue;
        std::string value;
        for (int c : from.columns[t]) {
          const StringColumn& column = tables_[t].columns[c];
          if (column.is_null(row)) continue;
          std::string_view part = internal::Strip(column.value(row));
          if (part.empty()) continue;
          if (!value.empty()) value.push_back(' ');
          value.append(part);
        }
        if (value.empty()) continue;
        Candidate candidate{r, value, Fold(value), ""};
        if (candidate.key.empty()) continue;
        if (from.per[t] >= 0 && !tables_[t].columns[from.per[t]].is_null(row)) {
          candidate.per = Fold(tables_[t].columns[from.per[t]].value(row));
        }
        int64_t key = 0;
        if (field.rule == Survivorship::kMostRecent) {
          key = std::numeric_limits<int64_t>::min();
          if (from.timestamp[t] >= 0 && !tables_[t].columns[from.timestamp[t]].is_null(row)) {
            key = ParseTimestamp(tables_[t].columns[from.timestamp[t]].value(row))
                      .value_or(std::numeric_limits<int64_t>::min());
          }
        } else if (field.rule == Survivorship::kSourcePriority) {
          key = from.rank[t];
        }
        candidates.push_back(std::move(candidate));
        order_keys.push_back(key);
      }
      (*values)[f] = Survive(field, candidates, order_keys);
    }
  }

 private:
  ProfileMaker(const std::vector<Table>& tables, const PreparedTable& prepared,
               const ProfileSettings& settings)
      : tables_(tables), prepared_(prepared), settings_(settings) {}

  const std::vector<Table>& tables_;
  const PreparedTable& prepared_;
  const ProfileSettings& settings_;
  std::vector<FieldSources> sources_;
  std::vector<uint32_t> start_;   // entity e's records: member_[start_[e], start_[e + 1])
  std::vector<uint32_t> member_;
};

// Appends `parts` joined by VALUE_SEPARATOR's " | ", escaped as one CSV field; nothing for
// no parts (an empty field, as a missing value is written).
void AppendJoinedField(const std::vector<std::string>& parts, char delimiter, std::string* out) {
  if (parts.empty()) return;
  std::string joined = parts.front();
  for (size_t i = 1; i < parts.size(); ++i) {
    joined += " | ";
    joined += parts[i];
  }
  out->append(CsvEscape(joined, delimiter));
}

}  // namespace

absl::StatusOr<Profiles> BuildProfiles(const std::vector<Table>& tables,
                                       const PreparedTable& prepared, const Clusters& clusters,
                                       const ProfileSettings& settings) {
  absl::StatusOr<ProfileMaker> maker = ProfileMaker::Make(tables, prepared, clusters, settings);
  if (!maker.ok()) return maker.status();
  Profiles profiles;
  for (const FieldRule& field : settings.fields) profiles.fields.push_back(field.name);
  profiles.records.resize(maker->num_entities());
  profiles.values.resize(maker->num_entities());
  internal::ParallelChunks(maker->num_entities(), kEntitiesPerTask,
                           [&](size_t, size_t begin, size_t end) {
                             ProfileMaker::Scratch scratch;
                             for (size_t e = begin; e < end; ++e) {
                               const auto members = maker->records(static_cast<uint32_t>(e));
                               profiles.records[e].assign(members.begin(), members.end());
                               maker->Build(static_cast<uint32_t>(e), scratch, &profiles.values[e]);
                             }
                           });
  return profiles;
}

absl::StatusOr<size_t> WriteProfilesCsv(const std::string& path, const std::vector<Table>& tables,
                                        const PreparedTable& prepared, const Clusters& clusters,
                                        const ProfileSettings& settings,
                                        const CsvColumn& cluster_ids,
                                        const CsvWriteOptions& options) {
  absl::StatusOr<ProfileMaker> maker = ProfileMaker::Make(tables, prepared, clusters, settings);
  if (!maker.ok()) return maker.status();
  const size_t entities = maker->num_entities();
  const size_t ids = cluster_ids.size();
  if (ids != entities) {
    return absl::InvalidArgumentError(
        fmt::format("{}: {} cluster ids for {} clusters", path, ids, entities));
  }
  if (const auto* dictionary = std::get_if<CsvDictionary>(&cluster_ids.values)) {
    for (size_t e = 0; e < entities; ++e) {
      if (dictionary->codes[e] >= static_cast<int64_t>(dictionary->values.size())) {
        return absl::InvalidArgumentError(
            fmt::format("{}: cluster id code {} of cluster {} is past its {} values", path,
                        dictionary->codes[e], e, dictionary->values.size()));
      }
    }
  }
  std::vector<std::string> names = {cluster_ids.name, "records"};
  for (const FieldRule& field : settings.fields) {
    names.push_back(field.name);
    names.push_back(field.name + "_from");
  }
  const char delimiter = options.delimiter;
  auto record_name = [&](uint32_t r, std::string* out) {
    out->append(prepared.sources[prepared.source[r]]);
    out->push_back(':');
    out->append(prepared.ids.value(r));
  };
  const absl::Status written = WriteCsvRows(
      path, names, entities, kEntitiesPerTask,
             [&](size_t begin, size_t end, std::string* out) {
               ProfileMaker::Scratch scratch;
               std::vector<std::vector<ProfileValue>> values;
               std::vector<std::string> shown, origin;
               for (size_t e = begin; e < end; ++e) {
                 maker->Build(static_cast<uint32_t>(e), scratch, &values);
                 AppendCsvField(cluster_ids, e, options, nullptr, out);
                 fmt::format_to(std::back_inserter(*out), "{}{}", delimiter,
                                maker->records(static_cast<uint32_t>(e)).size());
                 for (const std::vector<ProfileValue>& field : values) {
                   shown.clear();
                   origin.clear();
                   for (const ProfileValue& v : field) {
                     shown.push_back(v.per.empty() ? v.value : v.per + ":" + v.value);
                     std::string& holders = origin.emplace_back();
                     for (size_t i = 0; i < v.records.size(); ++i) {
                       if (i > 0) holders.push_back(' ');
                       record_name(v.records[i], &holders);
                     }
                   }
                   out->push_back(delimiter);
                   AppendJoinedField(shown, delimiter, out);
                   out->push_back(delimiter);
                   AppendJoinedField(origin, delimiter, out);
                 }
                 out->push_back('\n');
               }
             },
      options);
  if (!written.ok()) return written;
  return entities;
}

}  // namespace sameas
