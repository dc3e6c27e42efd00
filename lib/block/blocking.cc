// Blocking by inverted index: records are grouped by rule key with a counting sort, and pairs
// are read off each group.
#include "sameas/block/blocking.h"

#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "internal/parallel.h"
#include "internal/strings.h"
#include "sameas/internal/status_macros.h"
#include "sameas/phonetic/soundex.h"
#include "sameas/prepare/names.h"
#include "sameas/prepare/date.h"

namespace sameas {
namespace {

// Part value per dictionary entry of a text column (prefix, soundex, tokens), densely coded.
std::vector<uint32_t> EncodeDictionary(const PreparedColumn& column, const BlockingKeyPart& part) {
  std::vector<uint32_t> entry_code(column.dictionary.size() + 1, 0);
  absl::flat_hash_map<std::string, uint32_t> codes;
  for (size_t i = 0; i < column.dictionary.size(); ++i) {
    std::string_view value = column.dictionary.value(i);
    std::string derived;
    switch (part.transform) {
      case KeyTransform::kPrefix:
        derived = std::string(value.substr(0, part.length));
        break;
      case KeyTransform::kSoundex:
        derived = Soundex(value);
        break;
      case KeyTransform::kFirstToken:
        derived = std::string(value.substr(0, value.find(' ')));
        break;
      case KeyTransform::kLastToken: {
        size_t space = value.rfind(' ');
        derived = std::string(space == std::string_view::npos ? value : value.substr(space + 1));
        break;
      }
      case KeyTransform::kSortedTokens: {
        std::vector<std::string_view> tokens = internal::Split(value, ' ');
        std::sort(tokens.begin(), tokens.end());
        derived = internal::Join(tokens, " ");
        break;
      }
      default:
        derived = std::string(value);
    }
    if (derived.empty()) continue;
    auto [it, inserted] = codes.try_emplace(derived, static_cast<uint32_t>(codes.size() + 1));
    entry_code[i + 1] = it->second;
  }
  return entry_code;
}

// Name transforms read the parsed names' keys (sameas/prepare/names.h).
NameKey NameKeyOf(KeyTransform transform) {
  return transform == KeyTransform::kFamilyStem ? NameKey::kFamilyStem
         : transform == KeyTransform::kInitials ? NameKey::kInitials
                                                : NameKey::kCanonicalGiven;
}

// Per record, the part's value as a dense code (0 = null).
std::vector<uint32_t> PartCodes(const PreparedTable& prepared, const BlockingKeyPart& part) {
  const PreparedColumn& column = prepared.columns[prepared.ColumnIndex(part.column)];
  const size_t n = prepared.num_records();
  std::vector<uint32_t> codes(n, 0);
  if (part.transform == KeyTransform::kExact) {
    return column.codes;
  }
  if (IsNameTransform(part.transform)) {
    // Keyed per distinct parsed name, then read off per record.
    const PreparedNames& names = column.names;
    if (names.empty()) return codes;
    std::vector<std::string> keys = NameKeys(names, NameKeyOf(part.transform));
    std::vector<uint32_t> name_code(names.features.size(), 0);
    absl::flat_hash_map<std::string, uint32_t> dense;
    for (size_t i = 1; i < names.features.size(); ++i) {
      if (keys[i].empty()) continue;
      name_code[i] = dense.try_emplace(std::move(keys[i]), static_cast<uint32_t>(dense.size() + 1))
                         .first->second;
    }
    for (size_t r = 0; r < n; ++r) codes[r] = name_code[names.index[r]];
    return codes;
  }
  if (part.transform == KeyTransform::kYear) {
    // The year of a full date, or a year alone ("1984" against 1984-03-07).
    for (size_t r = 0; r < n; ++r) {
      const int year = column.years.empty() ? 0 : column.years[r];
      if (year != 0) codes[r] = static_cast<uint32_t>(year + 100000);
    }
    return codes;
  }
  std::vector<uint32_t> entry_code = EncodeDictionary(column, part);
  for (size_t r = 0; r < n; ++r) codes[r] = entry_code[column.codes[r]];
  return codes;
}

struct Blocks {
  // Records grouped by key: members of key k are order[start[k], start[k + 1]).
  std::vector<uint32_t> order;
  std::vector<uint32_t> start;

  uint64_t size(uint32_t k) const { return start[k + 1] - start[k]; }
};

Blocks GroupByKey(const RuleKeys& keys) {
  Blocks blocks;
  blocks.start.assign(keys.num_keys + 2, 0);
  for (uint32_t key : keys.key) {
    if (key != 0) ++blocks.start[key + 1];
  }
  for (size_t k = 1; k < blocks.start.size(); ++k) blocks.start[k] += blocks.start[k - 1];
  blocks.order.resize(blocks.start.back());
  std::vector<uint32_t> fill(blocks.start.begin(), blocks.start.end() - 1);
  for (uint32_t r = 0; r < keys.key.size(); ++r) {
    uint32_t key = keys.key[r];
    if (key != 0) blocks.order[fill[key]++] = r;
  }
  return blocks;
}

// Records and allowed pairs per key of a rule, with a record holding each key.
struct CountedRule {
  RuleCount count;
  std::vector<uint64_t> records;
  std::vector<uint64_t> pairs;
  std::vector<uint32_t> example;
};

// Pairs among `size` records of which `per_source[s]` come from source s: all of them, or
// for link-only those across sources.
uint64_t PairsOf(uint64_t size, const uint64_t* per_source, size_t num_sources,
                 LinkType link_type) {
  // n * (n - 1) wraps to 0 for n = 0 as well.
  uint64_t pairs = size * (size - 1) / 2;
  if (link_type != LinkType::kLinkOnly) return pairs;
  for (size_t s = 0; s < num_sources; ++s) pairs -= per_source[s] * (per_source[s] - 1) / 2;
  return pairs;
}

// Some records, each in a group (1..num_groups): the blocks of a key, or of several keys at
// once, restricted to the records that may still form a pair.
struct Groups {
  std::vector<uint32_t> record;
  std::vector<uint32_t> group;
  uint32_t num_groups = 0;
};

struct GroupCounts {
  std::vector<uint64_t> pairs;  // per group
  uint64_t total_pairs = 0;
};

Groups GroupsOfKeys(const RuleKeys& keys) {
  Groups groups;
  groups.num_groups = keys.num_keys;
  for (uint32_t r = 0; r < keys.key.size(); ++r) {
    if (keys.key[r] == 0) continue;
    groups.record.push_back(r);
    groups.group.push_back(keys.key[r]);
  }
  return groups;
}

Groups GroupsOfEntities(const std::vector<int64_t>& entity) {
  Groups groups;
  absl::flat_hash_map<int64_t, uint32_t> dense;
  for (uint32_t r = 0; r < entity.size(); ++r) {
    if (entity[r] < 0) continue;
    groups.record.push_back(r);
    groups.group.push_back(
        dense.try_emplace(entity[r], static_cast<uint32_t>(dense.size() + 1)).first->second);
  }
  groups.num_groups = static_cast<uint32_t>(dense.size());
  return groups;
}

GroupCounts CountGroups(const PreparedTable& prepared, const Groups& groups, LinkType link_type) {
  const size_t num_sources = link_type == LinkType::kLinkOnly ? prepared.sources.size() : 0;
  std::vector<uint64_t> size(groups.num_groups + 1, 0);
  std::vector<uint64_t> per_source((groups.num_groups + 1) * num_sources, 0);
  for (size_t i = 0; i < groups.record.size(); ++i) {
    ++size[groups.group[i]];
    if (num_sources) ++per_source[groups.group[i] * num_sources + prepared.source[groups.record[i]]];
  }
  GroupCounts counts;
  counts.pairs.assign(groups.num_groups + 1, 0);
  for (uint32_t g = 1; g <= groups.num_groups; ++g) {
    counts.pairs[g] = PairsOf(size[g], per_source.data() + g * num_sources, num_sources, link_type);
    counts.total_pairs += counts.pairs[g];
  }
  return counts;
}

// The groups split further by `key` (records whose key is null leave), keeping only records of
// groups that hold a pair: a pair agreeing on the result agrees on both.
Groups Refine(const Groups& groups, const GroupCounts& counts, const std::vector<uint32_t>& key) {
  Groups out;
  absl::flat_hash_map<uint64_t, uint32_t> combined;
  for (size_t i = 0; i < groups.record.size(); ++i) {
    const uint32_t r = groups.record[i], k = key[r];
    if (k == 0 || counts.pairs[groups.group[i]] == 0) continue;
    const uint64_t both = (static_cast<uint64_t>(groups.group[i]) << 32) | k;
    out.record.push_back(r);
    out.group.push_back(
        combined.try_emplace(both, static_cast<uint32_t>(combined.size() + 1)).first->second);
  }
  out.num_groups = static_cast<uint32_t>(combined.size());
  return out;
}

// Inclusion-exclusion: sign x the pairs of `groups` that agree on at least one of the rules
// [from, to), as the sum over non-empty sets S of those rules of (-1)^(|S|+1) x the pairs
// agreeing on all of S. A set whose pairs are none is not extended (no superset has any).
int64_t SharedPairs(const PreparedTable& prepared, LinkType link_type, const Groups& groups,
                    const GroupCounts& counts, const std::vector<RuleKeys>& keys, size_t from,
                    size_t to, int64_t sign) {
  int64_t total = 0;
  for (size_t j = from; j < to; ++j) {
    Groups both = Refine(groups, counts, keys[j].key);
    GroupCounts both_counts = CountGroups(prepared, both, link_type);
    if (both_counts.total_pairs == 0) continue;
    total += sign * static_cast<int64_t>(both_counts.total_pairs);
    total += SharedPairs(prepared, link_type, both, both_counts, keys, j + 1, to, -sign);
  }
  return total;
}

// The pairs of `groups` that no rule of [0, to) joins, by listing each pair and looking up
// the earlier keys as generation does: O(pairs x to), for rules after many others.
uint64_t UnsharedPairsByListing(const PreparedTable& prepared, LinkType link_type,
                                const Groups& groups, const std::vector<RuleKeys>& keys,
                                size_t to) {
  std::vector<uint32_t> start(groups.num_groups + 2, 0);
  for (uint32_t g : groups.group) ++start[g + 1];
  for (size_t g = 1; g < start.size(); ++g) start[g] += start[g - 1];
  std::vector<uint32_t> order(groups.record.size());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (size_t i = 0; i < groups.record.size(); ++i) order[fill[groups.group[i]]++] = groups.record[i];
  uint64_t count = 0;
  for (uint32_t g = 1; g <= groups.num_groups; ++g) {
    for (uint32_t x = start[g]; x < start[g + 1]; ++x) {
      for (uint32_t y = x + 1; y < start[g + 1]; ++y) {
        const uint32_t a = order[x], b = order[y];
        if (!PairAllowed(prepared, link_type, a, b)) continue;
        bool seen = false;
        for (size_t j = 0; j < to && !seen; ++j) {
          seen = keys[j].key[a] != 0 && keys[j].key[a] == keys[j].key[b];
        }
        count += !seen;
      }
    }
  }
  return count;
}

// The pairs of `groups` (a rule's blocks, maybe within entities) that no rule before `rule`
// finds.
uint64_t NewPairs(const PreparedTable& prepared, LinkType link_type, const Groups& groups,
                  const GroupCounts& counts, const std::vector<RuleKeys>& keys, size_t rule,
                  size_t max_inclusion_exclusion_rules) {
  if (rule > max_inclusion_exclusion_rules) {
    return UnsharedPairsByListing(prepared, link_type, groups, keys, rule);
  }
  return counts.total_pairs - SharedPairs(prepared, link_type, groups, counts, keys, 0, rule, 1);
}

// Pairs of the first `window` neighbours of each of `size` sorted records.
uint64_t WindowPairs(uint64_t size, uint64_t window) {
  if (size <= window + 1) return size * (size - 1) / 2;
  return window * size - window * (window + 1) / 2;
}

// A rule's keys, its blocks, and where the records of its oversized blocks sit once sorted.
struct RuleBlocks {
  RuleKeys keys;
  Blocks blocks;
  // Per record: its position in its sorted oversized block, or kNotWindowed; empty when the
  // rule has no oversized block.
  std::vector<uint32_t> window_position;
  static constexpr uint32_t kNotWindowed = UINT32_MAX;

  bool Oversized(uint32_t k, const BlockingOptions& options) const {
    return options.max_block_size > 0 && blocks.size(k) > options.max_block_size;
  }
  // Whether this rule generates the pair (a, b), both allowed.
  bool Generates(uint32_t a, uint32_t b, uint32_t window) const {
    if (keys.key[a] == 0 || keys.key[a] != keys.key[b]) return false;
    if (window_position.empty() || window_position[a] == kNotWindowed) return true;
    const uint32_t pa = window_position[a], pb = window_position[b];
    return (pa > pb ? pa - pb : pb - pa) <= window;
  }
  // Whether the pair (a, b) is one of this rule's windows' pairs (in an oversized block).
  bool Windowed(uint32_t a, uint32_t b, uint32_t window) const {
    return !window_position.empty() && window_position[a] != kNotWindowed &&
           Generates(a, b, window);
  }
  // Calls fn(a, b) with a < b for every pair block `k` generates, before the link type and
  // earlier rules are applied: all with all, or for an oversized block each record with the
  // next `window` in sorted order.
  template <typename Fn>
  void ForEachPair(uint32_t k, const BlockingOptions& options, Fn&& fn) const {
    const uint32_t begin = blocks.start[k], end = blocks.start[k + 1];
    const bool windowed = Oversized(k, options);
    for (uint32_t x = begin; x < end; ++x) {
      const uint32_t last =
          windowed ? std::min<uint64_t>(end, uint64_t{x} + 1 + options.block_window) : end;
      for (uint32_t y = x + 1; y < last; ++y) {
        const uint32_t a = blocks.order[x], b = blocks.order[y];
        if (a < b) {
          fn(a, b);
        } else {
          fn(b, a);
        }
      }
    }
  }
};

// The prepared columns that sort oversized blocks: the settings' when given, else the name
// columns (family name first) and then the others, in order.
std::vector<const PreparedColumn*> SortColumns(const PreparedTable& prepared,
                                               const BlockingOptions& options) {
  std::vector<const PreparedColumn*> columns;
  if (!options.window_sort_columns.empty()) {
    for (const std::string& name : options.window_sort_columns) {
      const int index = prepared.ColumnIndex(name);
      if (index >= 0) columns.push_back(&prepared.columns[index]);
    }
    return columns;
  }
  for (ColumnRole role : {ColumnRole::kFamilyName, ColumnRole::kFullName, ColumnRole::kGivenName}) {
    for (const PreparedColumn& column : prepared.columns) {
      if (column.settings.role == role) columns.push_back(&column);
    }
  }
  for (const PreparedColumn& column : prepared.columns) {
    if (std::find(columns.begin(), columns.end(), &column) == columns.end()) {
      columns.push_back(&column);
    }
  }
  return columns;
}

// Sorts the members of each oversized block by the folded values of `columns` (null first,
// ties by record index) and records each member's position.
void SortOversized(const std::vector<const PreparedColumn*>& columns,
                   const BlockingOptions& options, RuleBlocks* rule) {
  for (uint32_t k = 1; k <= rule->keys.num_keys; ++k) {
    if (!rule->Oversized(k, options)) continue;
    if (rule->window_position.empty()) {
      rule->window_position.assign(rule->keys.key.size(), RuleBlocks::kNotWindowed);
    }
    auto first = rule->blocks.order.begin() + rule->blocks.start[k];
    auto last = rule->blocks.order.begin() + rule->blocks.start[k + 1];
    std::sort(first, last, [&](uint32_t a, uint32_t b) {
      for (const PreparedColumn* column : columns) {
        const std::string_view va = column->is_null(a) ? std::string_view() : column->folded(a);
        const std::string_view vb = column->is_null(b) ? std::string_view() : column->folded(b);
        if (const int order = va.compare(vb); order != 0) return order < 0;
      }
      return a < b;
    });
    for (auto it = first; it != last; ++it) {
      rule->window_position[*it] = static_cast<uint32_t>(it - first);
    }
  }
}

RuleBlocks MakeRuleBlocks(const PreparedTable& prepared, const BlockingRule& rule,
                          const std::vector<const PreparedColumn*>& sort_columns,
                          const BlockingOptions& options) {
  RuleBlocks blocks;
  blocks.keys = ComputeRuleKeys(prepared, rule);
  blocks.blocks = GroupByKey(blocks.keys);
  SortOversized(sort_columns, options, &blocks);
  return blocks;
}

// Every rule's blocks, one rule per thread.
std::vector<RuleBlocks> MakeAllRuleBlocks(const PreparedTable& prepared,
                                          const std::vector<BlockingRule>& rules,
                                          const BlockingOptions& options) {
  const std::vector<const PreparedColumn*> sort_columns = SortColumns(prepared, options);
  std::vector<RuleBlocks> all(rules.size());
  internal::ParallelFor(rules.size(), [&](size_t i) {
    all[i] = MakeRuleBlocks(prepared, rules[i], sort_columns, options);
  });
  return all;
}

RuleCount CountRuleBlocks(const PreparedTable& prepared, const BlockingRule& rule,
                          const RuleBlocks& rule_blocks, const BlockingOptions& options) {
  const size_t num_sources = prepared.sources.size();
  const Blocks& blocks = rule_blocks.blocks;
  RuleCount count;
  count.rule = rule.ToString();
  std::vector<uint64_t> per_source(options.link_type == LinkType::kLinkOnly ? num_sources : 0);
  uint32_t largest = 0;
  for (uint32_t k = 1; k <= rule_blocks.keys.num_keys; ++k) {
    const uint64_t s = blocks.size(k);
    if (s < 2) continue;
    ++count.blocks;
    uint64_t pairs = s * (s - 1) / 2;
    if (!per_source.empty()) {
      std::fill(per_source.begin(), per_source.end(), 0);
      for (uint32_t x = blocks.start[k]; x < blocks.start[k + 1]; ++x) {
        ++per_source[prepared.source[blocks.order[x]]];
      }
      for (uint64_t c : per_source) pairs -= c * (c - 1) / 2;
    }
    count.pairs += pairs;
    if (rule_blocks.Oversized(k, options)) {
      count.capped_pairs += std::min(pairs, WindowPairs(s, options.block_window));
      count.oversized.push_back(
          {DescribeKey(prepared, rule, blocks.order[blocks.start[k]]), s});
    } else {
      count.capped_pairs += pairs;
    }
    if (s > count.largest_block) {
      count.largest_block = s;
      largest = k;
    }
  }
  if (largest != 0) {
    // The example record is the block's first in record order, whatever the sort did.
    uint32_t example = UINT32_MAX;
    for (uint32_t x = blocks.start[largest]; x < blocks.start[largest + 1]; ++x) {
      example = std::min(example, blocks.order[x]);
    }
    count.largest_key = DescribeKey(prepared, rule, example);
  }
  std::sort(count.oversized.begin(), count.oversized.end(), [](const auto& a, const auto& b) {
    return a.size != b.size ? a.size > b.size : a.key < b.key;
  });
  return count;
}

// Pairs per task of pair generation: blocks are taken in key order into tasks of about this
// many pairs, so a task's bounds depend on the block sizes alone.
constexpr uint64_t kPairsPerTask = 1 << 18;
// Tasks generated together before their pairs are handed to the consumer: about 4 million
// pairs (36 MiB) in flight, whatever the size of the run.
constexpr size_t kTasksPerWave = 16;

}  // namespace

RuleKeys ComputeRuleKeys(const PreparedTable& prepared, const BlockingRule& rule) {
  RuleKeys keys;
  const size_t n = prepared.num_records();
  keys.key = PartCodes(prepared, rule.parts.at(0));
  for (size_t p = 1; p < rule.parts.size(); ++p) {
    std::vector<uint32_t> part = PartCodes(prepared, rule.parts[p]);
    absl::flat_hash_map<uint64_t, uint32_t> combined;
    for (size_t r = 0; r < n; ++r) {
      if (keys.key[r] == 0 || part[r] == 0) {
        keys.key[r] = 0;
        continue;
      }
      uint64_t both = (static_cast<uint64_t>(keys.key[r]) << 32) | part[r];
      auto [it, inserted] = combined.try_emplace(both, static_cast<uint32_t>(combined.size() + 1));
      keys.key[r] = it->second;
    }
  }
  // Make the ids dense in order of first appearance, whatever the parts' codes were.
  absl::flat_hash_map<uint32_t, uint32_t> dense;
  for (size_t r = 0; r < n; ++r) {
    if (keys.key[r] == 0) continue;
    auto [it, inserted] = dense.try_emplace(keys.key[r], static_cast<uint32_t>(dense.size() + 1));
    keys.key[r] = it->second;
  }
  keys.num_keys = static_cast<uint32_t>(dense.size());
  return keys;
}

std::string DescribeKey(const PreparedTable& prepared, const BlockingRule& rule, uint32_t record) {
  std::vector<std::string> parts;
  for (const auto& part : rule.parts) {
    const PreparedColumn& column = prepared.columns[prepared.ColumnIndex(part.column)];
    BlockingRule single;
    single.parts = {part};
    std::string value = column.is_null(record) ? "null" : std::string(column.folded(record));
    if (part.transform == KeyTransform::kPrefix) value = value.substr(0, part.length);
    if (part.transform == KeyTransform::kSoundex) value = Soundex(value);
    if (part.transform == KeyTransform::kYear) value = value.substr(0, 4);
    if (part.transform == KeyTransform::kFirstToken) value = value.substr(0, value.find(' '));
    if (part.transform == KeyTransform::kLastToken) value = value.substr(value.rfind(' ') + 1);
    if (part.transform == KeyTransform::kSortedTokens) {
      std::vector<std::string_view> tokens = internal::Split(value, ' ');
      std::sort(tokens.begin(), tokens.end());
      value = internal::Join(tokens, " ");
    }
    if (IsNameTransform(part.transform)) {
      value = column.names.empty()
                  ? "null"
                  : NameKeys(column.names, NameKeyOf(part.transform))[column.names.index[record]];
    }
    parts.push_back(fmt::format("{} = '{}'", single.ToString(), value));
  }
  return internal::Join(parts, ", ");
}

namespace {

CountedRule CountRule(const PreparedTable& prepared, const BlockingRule& rule,
                      const RuleKeys& keys, LinkType link_type) {
  const size_t num_sources = link_type == LinkType::kLinkOnly ? prepared.sources.size() : 0;
  CountedRule counted;
  counted.count.rule = rule.ToString();
  counted.records.assign(keys.num_keys + 1, 0);
  counted.pairs.assign(keys.num_keys + 1, 0);
  counted.example.assign(keys.num_keys + 1, 0);
  std::vector<uint64_t> per_source((keys.num_keys + 1) * num_sources, 0);
  for (uint32_t r = 0; r < keys.key.size(); ++r) {
    const uint32_t k = keys.key[r];
    if (k == 0) continue;
    if (counted.records[k]++ == 0) counted.example[k] = r;
    if (num_sources) ++per_source[k * num_sources + prepared.source[r]];
  }
  uint32_t largest = 0;
  for (uint32_t k = 1; k <= keys.num_keys; ++k) {
    const uint64_t s = counted.records[k];
    if (s < 2) continue;
    ++counted.count.blocks;
    counted.pairs[k] = PairsOf(s, per_source.data() + k * num_sources, num_sources, link_type);
    counted.count.pairs += counted.pairs[k];
    if (s > counted.count.largest_block) {
      counted.count.largest_block = s;
      largest = k;
    }
  }
  if (largest != 0) counted.count.largest_key = DescribeKey(prepared, rule, counted.example[largest]);
  return counted;
}

}  // namespace

BlockingOptions BlockingOptionsFor(const Settings& settings) {
  BlockingOptions options;
  options.link_type = settings.link_type;
  options.max_pairs_per_rule = settings.max_pairs_per_rule;
  options.max_block_size = settings.max_block_size;
  options.block_window = settings.block_window;
  options.window_sort_columns = settings.window_sort_columns;
  return options;
}

std::vector<RuleCount> CountPairs(const PreparedTable& prepared,
                                  const std::vector<BlockingRule>& rules,
                                  const BlockingOptions& options) {
  std::vector<RuleBlocks> all = MakeAllRuleBlocks(prepared, rules, options);
  std::vector<RuleCount> counts;
  for (size_t i = 0; i < rules.size(); ++i) {
    counts.push_back(CountRuleBlocks(prepared, rules[i], all[i], options));
  }
  return counts;
}

std::vector<RuleCount> CountPairs(const PreparedTable& prepared,
                                  const std::vector<BlockingRule>& rules, LinkType link_type) {
  BlockingOptions options;
  options.link_type = link_type;
  return CountPairs(prepared, rules, options);
}

BlockingAnalysis AnalyseBlocking(const PreparedTable& prepared,
                                 const std::vector<BlockingRule>& rules,
                                 const BlockingAnalysisOptions& options) {
  const LinkType link_type = options.link_type;
  BlockingOptions blocking;
  blocking.link_type = link_type;
  blocking.max_block_size = options.max_block_size;
  blocking.block_window = options.block_window;
  blocking.window_sort_columns = options.window_sort_columns;
  const uint32_t window = options.block_window;
  BlockingAnalysis analysis;
  const std::vector<RuleBlocks> all = MakeAllRuleBlocks(prepared, rules, blocking);
  // A rule generates the pairs of its whole blocks (those that agree on `whole[i]`, its key
  // with the records of oversized blocks set to null) and, apart, its windows' pairs.
  std::vector<RuleKeys> whole;
  for (const RuleBlocks& rule : all) {
    RuleKeys keys = rule.keys;
    if (!rule.window_position.empty()) {
      for (size_t r = 0; r < keys.key.size(); ++r) {
        if (rule.window_position[r] != RuleBlocks::kNotWindowed) keys.key[r] = 0;
      }
    }
    whole.push_back(std::move(keys));
  }
  auto agrees = [&](size_t i, uint32_t a, uint32_t b) {
    return whole[i].key[a] != 0 && whole[i].key[a] == whole[i].key[b];
  };

  // The true pairs: records grouped by entity.
  const bool with_truth = !options.truth.empty();
  Groups truth;
  GroupCounts truth_counts;
  if (with_truth) {
    truth = GroupsOfEntities(options.truth);
    truth_counts = CountGroups(prepared, truth, link_type);
    analysis.true_pairs = truth_counts.total_pairs;
  }
  auto is_true = [&](uint32_t a, uint32_t b) {
    return with_truth && options.truth[a] >= 0 && options.truth[a] == options.truth[b];
  };

  uint64_t cumulative = 0, cumulative_true = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    RuleAnalysis rule;
    CountedRule counted = CountRule(prepared, rules[i], all[i].keys, link_type);
    rule.count = CountRuleBlocks(prepared, rules[i], all[i], blocking);

    // Whole blocks: the pairs no earlier rule's whole blocks hold, by inclusion-exclusion
    // (or listing) over the whole-block keys.
    Groups blocks = GroupsOfKeys(whole[i]);
    GroupCounts counts = CountGroups(prepared, blocks, link_type);
    int64_t fresh = static_cast<int64_t>(NewPairs(prepared, link_type, blocks, counts, whole, i,
                                                  options.max_inclusion_exclusion_rules));
    int64_t fresh_true = 0;
    if (with_truth) {
      Groups found = Refine(truth, truth_counts, whole[i].key);
      GroupCounts found_counts = CountGroups(prepared, found, link_type);
      fresh_true = static_cast<int64_t>(NewPairs(prepared, link_type, found, found_counts, whole,
                                                 i, options.max_inclusion_exclusion_rules));
    }
    // ... less those an earlier rule's window generates (each counted once, for the first
    // such rule).
    for (size_t j = 0; j < i; ++j) {
      if (all[j].window_position.empty()) continue;
      for (uint32_t k = 1; k <= all[j].keys.num_keys; ++k) {
        if (!all[j].Oversized(k, blocking)) continue;
        all[j].ForEachPair(k, blocking, [&](uint32_t a, uint32_t b) {
          if (!agrees(i, a, b) || !PairAllowed(prepared, link_type, a, b)) return;
          for (size_t e = 0; e < i; ++e) {
            if (agrees(e, a, b) || (e < j && all[e].Windowed(a, b, window))) return;
          }
          --fresh;
          fresh_true -= is_true(a, b);
        });
      }
    }
    // Windows: each pair listed and looked up in the earlier rules, as generation does.
    rule.pairs = counts.total_pairs;
    for (uint32_t k = 1; k <= all[i].keys.num_keys; ++k) {
      if (!all[i].Oversized(k, blocking)) continue;
      counted.pairs[k] = 0;
      all[i].ForEachPair(k, blocking, [&](uint32_t a, uint32_t b) {
        if (!PairAllowed(prepared, link_type, a, b)) return;
        ++counted.pairs[k];
        ++rule.pairs;
        for (size_t e = 0; e < i; ++e) {
          if (all[e].Generates(a, b, window)) return;
        }
        ++fresh;
        fresh_true += is_true(a, b);
      });
    }
    rule.new_pairs = static_cast<uint64_t>(fresh);
    cumulative += rule.new_pairs;
    rule.cumulative_pairs = cumulative;

    // The blocks with most pairs; ties by more records, then by key (first seen first).
    std::vector<uint32_t> order;
    for (uint32_t k = 1; k <= all[i].keys.num_keys; ++k) {
      if (counted.pairs[k] > 0) order.push_back(k);
    }
    const size_t top = std::min(order.size(), options.largest_blocks);
    std::partial_sort(order.begin(), order.begin() + top, order.end(), [&](uint32_t a, uint32_t b) {
      if (counted.pairs[a] != counted.pairs[b]) return counted.pairs[a] > counted.pairs[b];
      if (counted.records[a] != counted.records[b]) return counted.records[a] > counted.records[b];
      return a < b;
    });
    for (size_t t = 0; t < top; ++t) {
      const uint32_t k = order[t];
      rule.largest_blocks.push_back(
          {counted.records[k], counted.pairs[k], DescribeKey(prepared, rules[i], counted.example[k])});
    }

    if (with_truth) {
      rule.new_true_pairs = static_cast<uint64_t>(fresh_true);
      cumulative_true += rule.new_true_pairs;
      rule.cumulative_true_pairs = cumulative_true;
    }
    analysis.rules.push_back(std::move(rule));
  }
  return analysis;
}

namespace {

// Generation: checks each rule against the limit, tells `on_total` the pairs to come at most,
// then hands waves of pairs to `consume` in order.
absl::Status Generate(const PreparedTable& prepared, const std::vector<BlockingRule>& rules,
                      const BlockingOptions& options,
                      const std::function<void(uint64_t)>& on_total,
                      const CandidateConsumer& consume) {
  if (rules.size() > 255) return absl::InvalidArgumentError("at most 255 blocking rules");
  std::vector<RuleBlocks> all = MakeAllRuleBlocks(prepared, rules, options);
  uint64_t total = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleCount count = CountRuleBlocks(prepared, rules[i], all[i], options);
    if (count.capped_pairs > options.max_pairs_per_rule) {
      return absl::ResourceExhaustedError(fmt::format(
          "blocking rule {} '{}' would generate {} pairs, more than the limit of {} "
          "(max_pairs_per_rule); its largest block, {}, holds {} records. Add a column to the "
          "rule, or raise the limit.",
          i, count.rule, count.capped_pairs, options.max_pairs_per_rule, count.largest_key,
          count.largest_block));
    }
    total += count.capped_pairs;
  }
  on_total(total);
  const uint32_t window = options.block_window;
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleBlocks& rule = all[i];
    const Blocks& blocks = rule.blocks;
    // Tasks: ranges of blocks [task_start[t], task_start[t + 1]) of about kPairsPerTask pairs.
    std::vector<uint32_t> task_start = {1};
    uint64_t budget = 0;
    for (uint32_t k = 1; k <= rule.keys.num_keys; ++k) {
      const uint64_t s = blocks.size(k);
      budget += rule.Oversized(k, options) ? WindowPairs(s, window) : s * (s - 1) / 2;
      if (budget >= kPairsPerTask) {
        task_start.push_back(k + 1);
        budget = 0;
      }
    }
    if (task_start.back() != rule.keys.num_keys + 1) task_start.push_back(rule.keys.num_keys + 1);
    const size_t tasks = task_start.size() - 1;
    // A wave of tasks is generated in parallel, concatenated in task order and handed over.
    for (size_t wave = 0; wave < tasks; wave += kTasksPerWave) {
      const size_t wave_tasks = std::min(kTasksPerWave, tasks - wave);
      std::vector<CandidatePairs> parts(wave_tasks);
      internal::ParallelFor(wave_tasks, [&](size_t w) {
        CandidatePairs& out = parts[w];
        auto add = [&](uint32_t a, uint32_t b) {
          if (!PairAllowed(prepared, options.link_type, a, b)) return;
          for (size_t e = 0; e < i; ++e) {
            if (all[e].Generates(a, b, window)) return;
          }
          out.Append(a, b, static_cast<uint8_t>(i));
        };
        for (uint32_t k = task_start[wave + w]; k < task_start[wave + w + 1]; ++k) {
          rule.ForEachPair(k, options, add);
        }
      });
      CandidatePairs chunk;
      size_t size = 0;
      for (const CandidatePairs& part : parts) size += part.size();
      if (size == 0) continue;
      chunk.left.reserve(size);
      chunk.right.reserve(size);
      chunk.rule.reserve(size);
      for (CandidatePairs& part : parts) {
        chunk.left.insert(chunk.left.end(), part.left.begin(), part.left.end());
        chunk.right.insert(chunk.right.end(), part.right.begin(), part.right.end());
        chunk.rule.insert(chunk.rule.end(), part.rule.begin(), part.rule.end());
        part = CandidatePairs();
      }
      SAMEAS_RETURN_IF_ERROR(consume(std::move(chunk)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status GenerateCandidatesInChunks(const PreparedTable& prepared,
                                        const std::vector<BlockingRule>& rules,
                                        const BlockingOptions& options,
                                        const CandidateConsumer& consume) {
  return Generate(prepared, rules, options, [](uint64_t) {}, consume);
}

absl::StatusOr<CandidatePairs> GenerateCandidates(const PreparedTable& prepared,
                                                  const std::vector<BlockingRule>& rules,
                                                  const BlockingOptions& options) {
  CandidatePairs pairs;
  auto reserve = [&](uint64_t total) {
    pairs.left.reserve(total);
    pairs.right.reserve(total);
    pairs.rule.reserve(total);
  };
  SAMEAS_RETURN_IF_ERROR(Generate(prepared, rules, options, reserve, [&](CandidatePairs&& chunk) {
    pairs.left.insert(pairs.left.end(), chunk.left.begin(), chunk.left.end());
    pairs.right.insert(pairs.right.end(), chunk.right.begin(), chunk.right.end());
    pairs.rule.insert(pairs.rule.end(), chunk.rule.begin(), chunk.rule.end());
    return absl::OkStatus();
  }));
  return pairs;
}

}  // namespace sameas
