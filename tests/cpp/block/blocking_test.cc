// Blocking against a brute-force reference: on random small tables whose keys collide often,
// the candidate pairs are exactly the pairs some rule's keys join, each once and credited to
// the first rule that finds it; pair counts are exact; link-only keeps to cross-source pairs;
// a rule over the limit is refused with a message that says which and why.
#include "sameas/block/blocking.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/phonetic/soundex.h"
#include "sameas/prepare/date.h"
#include "sameas/train/labels.h"

namespace sameas {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

using Row = std::vector<std::optional<std::string>>;
const std::vector<std::string> kHeader = {"id",        "given_name", "surname",
                                          "full_name", "dob",        "postcode"};

Settings BlockingSettings() {
  Settings settings;
  settings.id_column = "id";
  settings.columns = {
      {"given_name", ColumnRole::kGivenName, ColumnType::kText, {}},
      {"surname", ColumnRole::kFamilyName, ColumnType::kText, {}},
      {"full_name", ColumnRole::kFullName, ColumnType::kText, {}},
      {"dob", ColumnRole::kBirthDate, ColumnType::kDate, {}},
      {"postcode", ColumnRole::kPostcode, ColumnType::kText, {}},
  };
  return settings;
}

Table MakeTable(std::string source, const std::vector<Row>& rows) {
  Table table;
  table.source = source;
  table.origin = source + ".csv";
  for (const auto& name : kHeader) table.columns.emplace_back(name);
  for (const Row& row : rows) {
    for (size_t c = 0; c < kHeader.size(); ++c) {
      if (row[c]) {
        table.columns[c].Append(*row[c]);
      } else {
        table.columns[c].AppendNull();
      }
    }
  }
  return table;
}

// People with few distinct values, so that keys collide often; spelling variants, case and
// accents that fold together, names that sound alike, dates in two formats and some that do
// not parse, and nulls everywhere.
std::vector<Table> RandomTables(std::mt19937& random, size_t num_sources, size_t num_records) {
  static const std::vector<std::string> kGiven = {"Anna",  "anna",  "Anne", "Jan",   "John", "Jon",
                                                  "Maria", "Mária", "Mary", "Piotr", "Peter"};
  static const std::vector<std::string> kSurnames = {"Nowak",   "Nowack", "Kowalski", "Kowalsky",
                                                     "Smith",   "Smyth",  "Schmidt",  "Müller",
                                                     "Mueller", "Wójcik", "Wojcik",   "O'Neil"};
  static const std::vector<std::string> kPostcodes = {"4011", "4101", "2600", "00-950"};
  auto pick = [&](const std::vector<std::string>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(random)];
  };
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(random); };
  std::vector<std::vector<Row>> rows(num_sources);
  for (size_t i = 0; i < num_records; ++i) {
    const size_t source = std::uniform_int_distribution<size_t>(0, num_sources - 1)(random);
    const std::string given = pick(kGiven), surname = pick(kSurnames);
    Row row(kHeader.size());
    row[0] = fmt::format("r{}", i);
    if (!chance(0.1)) row[1] = given;
    if (!chance(0.1)) row[2] = surname;
    if (!chance(0.1)) {
      switch (std::uniform_int_distribution<int>(0, 3)(random)) {
        case 0:
          row[3] = given + " " + surname;
          break;
        case 1:
          row[3] = given + " Maria " + surname;
          break;
        case 2:
          row[3] = surname;
          break;
        default:
          row[3] = "  " + given + "   " + surname + " ";
          break;
      }
    }
    if (!chance(0.1)) {
      const int year = std::uniform_int_distribution<int>(1980, 1982)(random);
      const int month = std::uniform_int_distribution<int>(1, 2)(random);
      const int day = std::uniform_int_distribution<int>(1, 3)(random);
      switch (std::uniform_int_distribution<int>(0, 5)(random)) {
        case 0:
        case 1:
          row[4] = fmt::format("{}-{:02d}-{:02d}", year, month, day);
          break;
        case 2:
        case 3:
          row[4] = fmt::format("{}.{}.{}", day, month, year);
          break;
        case 4:
          row[4] = fmt::format("{}{:02d}{:02d}", year, month, day);
          break;
        default:
          row[4] = "unknown";
          break;
      }
    }
    if (!chance(0.2)) row[5] = pick(kPostcodes);
    rows[source].push_back(std::move(row));
  }
  std::vector<Table> tables;
  for (size_t s = 0; s < num_sources; ++s) {
    tables.push_back(MakeTable(fmt::format("source{}", s), rows[s]));
  }
  return tables;
}

std::vector<const Table*> Views(const std::vector<Table>& tables) {
  std::vector<const Table*> views;
  for (const Table& table : tables) views.push_back(&table);
  return views;
}

// --- The reference ---------------------------------------------------------------------

// A rule's key part of one record, straight from the folded value; nullopt for null.
std::optional<std::string> ReferencePart(const PreparedTable& prepared, const BlockingKeyPart& part,
                                         uint32_t record) {
  const PreparedColumn& column = prepared.columns[prepared.ColumnIndex(part.column)];
  if (column.is_null(record)) return std::nullopt;
  const std::string value(column.folded(record));
  std::string derived;
  switch (part.transform) {
    case KeyTransform::kExact:
      derived = value;
      break;
    case KeyTransform::kPrefix:
      derived = value.substr(0, part.length);
      break;
    case KeyTransform::kSoundex:
      derived = Soundex(value);
      break;
    case KeyTransform::kYear:
      if (column.days.empty() || column.days[record] == kNoDate) return std::nullopt;
      derived = value.substr(0, 4);  // dates fold to YYYY-MM-DD
      break;
    case KeyTransform::kFirstToken:
      derived = value.substr(0, value.find(' '));
      break;
    case KeyTransform::kLastToken:
      derived = value.substr(value.rfind(' ') == std::string::npos ? 0 : value.rfind(' ') + 1);
      break;
  }
  if (derived.empty()) return std::nullopt;
  return derived;
}

std::optional<std::vector<std::string>> ReferenceKey(const PreparedTable& prepared,
                                                     const BlockingRule& rule, uint32_t record) {
  std::vector<std::string> key;
  for (const auto& part : rule.parts) {
    auto value = ReferencePart(prepared, part, record);
    if (!value) return std::nullopt;
    key.push_back(*value);
  }
  return key;
}

using PairSet = std::set<std::pair<uint32_t, uint32_t>>;

// Every allowed pair i < j whose keys under `rule` are equal and non-null.
PairSet ReferencePairs(const PreparedTable& prepared, const BlockingRule& rule,
                       LinkType link_type) {
  const uint32_t n = static_cast<uint32_t>(prepared.num_records());
  std::vector<std::optional<std::vector<std::string>>> keys(n);
  for (uint32_t r = 0; r < n; ++r) keys[r] = ReferenceKey(prepared, rule, r);
  PairSet pairs;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = i + 1; j < n; ++j) {
      if (!keys[i] || !keys[j] || *keys[i] != *keys[j]) continue;
      if (link_type == LinkType::kLinkOnly && prepared.source[i] == prepared.source[j]) continue;
      pairs.emplace(i, j);
    }
  }
  return pairs;
}

// The pairs generation makes of `rule`: ReferencePairs, except that a block of more than `cap`
// records (0: no cap) is sorted by the folded values of `sort` (null first, ties by record)
// and each record paired with the next `window` only.
PairSet ReferenceWindowedPairs(const PreparedTable& prepared, const BlockingRule& rule,
                               LinkType link_type, uint64_t cap, uint32_t window,
                               const std::vector<std::string>& sort) {
  std::map<std::vector<std::string>, std::vector<uint32_t>> blocks;
  for (uint32_t r = 0; r < prepared.num_records(); ++r) {
    if (auto key = ReferenceKey(prepared, rule, r)) blocks[*key].push_back(r);
  }
  auto value = [&](const std::string& name, uint32_t r) {
    const PreparedColumn& column = prepared.columns[prepared.ColumnIndex(name)];
    return column.is_null(r) ? std::string() : std::string(column.folded(r));
  };
  PairSet pairs;
  for (auto& [key, records] : blocks) {
    const bool oversized = cap > 0 && records.size() > cap;
    if (oversized) {
      std::stable_sort(records.begin(), records.end(), [&](uint32_t a, uint32_t b) {
        for (const std::string& name : sort) {
          if (value(name, a) != value(name, b)) return value(name, a) < value(name, b);
        }
        return false;
      });
    }
    for (size_t x = 0; x < records.size(); ++x) {
      for (size_t y = x + 1; y < records.size() && (!oversized || y - x <= window); ++y) {
        const uint32_t a = std::min(records[x], records[y]), b = std::max(records[x], records[y]);
        if (link_type == LinkType::kLinkOnly && prepared.source[a] == prepared.source[b]) continue;
        pairs.emplace(a, b);
      }
    }
  }
  return pairs;
}

const std::vector<std::string> kRulePool = {
    "surname",
    "given_name",
    "prefix(surname, 2)",
    "soundex(surname)",
    "year(dob)",
    "dob",
    "first_token(full_name)",
    "last_token(full_name)",
    "surname & prefix(given_name, 1)",
    "soundex(surname) & year(dob)",
    "postcode & first_token(full_name)",
    "given_name & postcode & year(dob)",
};

std::vector<BlockingRule> RandomRules(std::mt19937& random) {
  std::vector<std::string> pool = kRulePool;
  std::shuffle(pool.begin(), pool.end(), random);
  const size_t count = std::uniform_int_distribution<size_t>(1, 3)(random);
  std::vector<BlockingRule> rules;
  for (size_t i = 0; i < count; ++i) rules.push_back(*BlockingRule::Parse(pool[i]));
  return rules;
}

struct Trial {
  std::vector<Table> tables;
  PreparedTable prepared;
  std::vector<BlockingRule> rules;
  LinkType link_type;
};

Trial MakeTrial(uint32_t seed) {
  std::mt19937 random(seed);
  Trial trial;
  const size_t sources = std::uniform_int_distribution<size_t>(1, 3)(random);
  const size_t records = std::uniform_int_distribution<size_t>(150, 400)(random);
  trial.tables = RandomTables(random, sources, records);
  trial.prepared = *Prepare(Views(trial.tables), BlockingSettings());
  trial.rules = RandomRules(random);
  static const LinkType kTypes[] = {LinkType::kDedupe, LinkType::kLinkOnly,
                                    LinkType::kLinkAndDedupe};
  trial.link_type =
      sources == 1 ? LinkType::kDedupe : kTypes[std::uniform_int_distribution<int>(0, 2)(random)];
  return trial;
}

std::string Describe(const Trial& trial) {
  std::vector<std::string> rules;
  for (const auto& rule : trial.rules) rules.push_back("'" + rule.ToString() + "'");
  return fmt::format("{} records in {} sources, {}, rules {}", trial.prepared.num_records(),
                     trial.prepared.sources.size(), ToString(trial.link_type),
                     fmt::join(rules, ", "));
}

constexpr uint32_t kTrials = 60;

// --- Tests -----------------------------------------------------------------------------

TEST(GenerateCandidates, UnionOfRulesEachPairOnceCreditedToTheFirstRule) {
  for (uint32_t seed = 1; seed <= kTrials; ++seed) {
    const Trial trial = MakeTrial(seed);
    SCOPED_TRACE(fmt::format("seed {}: {}", seed, Describe(trial)));
    std::map<std::pair<uint32_t, uint32_t>, uint8_t> expected;  // pair -> first rule
    for (size_t i = 0; i < trial.rules.size(); ++i) {
      for (const auto& pair : ReferencePairs(trial.prepared, trial.rules[i], trial.link_type)) {
        expected.try_emplace(pair, static_cast<uint8_t>(i));
      }
    }
    BlockingOptions options;
    options.link_type = trial.link_type;
    auto pairs = GenerateCandidates(trial.prepared, trial.rules, options);
    ASSERT_TRUE(pairs.ok()) << pairs.status();
    ASSERT_EQ(pairs->left.size(), pairs->size());
    ASSERT_EQ(pairs->right.size(), pairs->size());
    ASSERT_EQ(pairs->rule.size(), pairs->size());
    std::map<std::pair<uint32_t, uint32_t>, uint8_t> actual;
    for (size_t p = 0; p < pairs->size(); ++p) {
      EXPECT_LT(pairs->left[p], pairs->right[p]);
      const bool inserted =
          actual.emplace(std::pair(pairs->left[p], pairs->right[p]), pairs->rule[p]).second;
      EXPECT_TRUE(inserted) << "pair (" << pairs->left[p] << ", " << pairs->right[p]
                            << ") generated twice";
    }
    EXPECT_EQ(actual.size(), expected.size());
    EXPECT_TRUE(actual == expected);
    // The promised order: by rule first.
    EXPECT_TRUE(std::is_sorted(pairs->rule.begin(), pairs->rule.end()));
  }
}

TEST(GenerateCandidates, TrialsExerciseOverlapBetweenRules) {
  // Guards the property test above against vacuity: some trials have pairs that a later rule
  // finds again and must skip.
  size_t overlapping = 0;
  for (uint32_t seed = 1; seed <= kTrials; ++seed) {
    const Trial trial = MakeTrial(seed);
    if (trial.rules.size() < 2) continue;
    PairSet first = ReferencePairs(trial.prepared, trial.rules[0], trial.link_type);
    for (const auto& pair : ReferencePairs(trial.prepared, trial.rules[1], trial.link_type)) {
      if (first.count(pair)) {
        ++overlapping;
        break;
      }
    }
  }
  EXPECT_GE(overlapping, 10u);
}

TEST(CountPairs, EqualsTheReferenceCountPerRule) {
  for (uint32_t seed = 1; seed <= kTrials; ++seed) {
    const Trial trial = MakeTrial(seed);
    SCOPED_TRACE(fmt::format("seed {}: {}", seed, Describe(trial)));
    std::vector<RuleCount> counts = CountPairs(trial.prepared, trial.rules, trial.link_type);
    ASSERT_EQ(counts.size(), trial.rules.size());
    for (size_t i = 0; i < trial.rules.size(); ++i) {
      EXPECT_EQ(counts[i].rule, trial.rules[i].ToString());
      EXPECT_EQ(counts[i].pairs,
                ReferencePairs(trial.prepared, trial.rules[i], trial.link_type).size())
          << counts[i].rule;
      // Blocks and the largest block, from the reference keys.
      std::map<std::vector<std::string>, uint64_t> sizes;
      for (uint32_t r = 0; r < trial.prepared.num_records(); ++r) {
        if (auto key = ReferenceKey(trial.prepared, trial.rules[i], r)) ++sizes[*key];
      }
      uint64_t blocks = 0, largest = 0;
      for (const auto& [key, size] : sizes) {
        if (size >= 2) ++blocks;
        largest = std::max(largest, size);
      }
      EXPECT_EQ(counts[i].blocks, blocks) << counts[i].rule;
      EXPECT_EQ(counts[i].largest_block, largest < 2 ? 0 : largest) << counts[i].rule;
    }
  }
}

TEST(GenerateCandidates, LinkOnlyGeneratesOnlyCrossSourcePairs) {
  std::mt19937 random(7);
  std::vector<Table> tables = RandomTables(random, 3, 300);
  PreparedTable prepared = *Prepare(Views(tables), BlockingSettings());
  const std::vector<BlockingRule> rules = {*BlockingRule::Parse("surname"),
                                           *BlockingRule::Parse("soundex(surname) & year(dob)")};
  BlockingOptions options;
  options.link_type = LinkType::kLinkOnly;
  auto link_only = GenerateCandidates(prepared, rules, options);
  ASSERT_TRUE(link_only.ok()) << link_only.status();
  ASSERT_GT(link_only->size(), 0u);
  for (size_t p = 0; p < link_only->size(); ++p) {
    EXPECT_NE(prepared.source[link_only->left[p]], prepared.source[link_only->right[p]]);
  }
  // Dedupe on the same records finds the within-source pairs too.
  options.link_type = LinkType::kLinkAndDedupe;
  auto both = GenerateCandidates(prepared, rules, options);
  ASSERT_TRUE(both.ok()) << both.status();
  size_t cross = 0;
  for (size_t p = 0; p < both->size(); ++p) {
    cross += prepared.source[both->left[p]] != prepared.source[both->right[p]];
  }
  EXPECT_EQ(cross, link_only->size());
  EXPECT_GT(both->size(), link_only->size());
}

TEST(GenerateCandidates, RuleOverTheLimitIsResourceExhaustedNamingRuleAndLargestBlock) {
  std::vector<Row> rows;
  for (int i = 0; i < 60; ++i) {
    rows.push_back({fmt::format("n{}", i), "Jan", "Nowak", std::nullopt, std::nullopt, "4011"});
  }
  for (int i = 0; i < 20; ++i) {
    rows.push_back({fmt::format("k{}", i), "Anna", "Kowalski", std::nullopt, std::nullopt,
                    i % 2 ? "4011" : "2600"});
  }
  Table table = MakeTable("crm", rows);
  PreparedTable prepared = *Prepare({&table}, BlockingSettings());
  const std::vector<BlockingRule> rules = {*BlockingRule::Parse("given_name & postcode"),
                                           *BlockingRule::Parse("surname")};
  std::vector<RuleCount> counts = CountPairs(prepared, rules, LinkType::kDedupe);
  ASSERT_EQ(counts[0].pairs, 60u * 59 / 2 + 10u * 9 / 2 * 2);
  ASSERT_EQ(counts[1].pairs, 60u * 59 / 2 + 20u * 19 / 2);
  BlockingOptions options;
  options.max_pairs_per_rule = counts[0].pairs;  // the first fits exactly, the second does not
  auto pairs = GenerateCandidates(prepared, rules, options);
  ASSERT_FALSE(pairs.ok());
  EXPECT_EQ(pairs.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(pairs.status().message()),
              AllOf(HasSubstr("'surname'"), HasSubstr("'nowak'"), HasSubstr("60 records"),
                    HasSubstr(std::to_string(counts[1].pairs))));
  options.max_pairs_per_rule = counts[1].pairs;
  EXPECT_TRUE(GenerateCandidates(prepared, rules, options).ok());
}

TEST(GenerateCandidates, RepeatedRunsGiveIdenticalOutput) {
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    const Trial trial = MakeTrial(seed);
    BlockingOptions options;
    options.link_type = trial.link_type;
    auto first = GenerateCandidates(trial.prepared, trial.rules, options);
    auto second = GenerateCandidates(trial.prepared, trial.rules, options);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->left, second->left);
    EXPECT_EQ(first->right, second->right);
    EXPECT_EQ(first->rule, second->rule);
    // Preparing the same tables again changes nothing either.
    PreparedTable again = *Prepare(Views(trial.tables), BlockingSettings());
    auto third = GenerateCandidates(again, trial.rules, options);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(first->left, third->left);
    EXPECT_EQ(first->right, third->right);
  }
}

TEST(ComputeRuleKeys, NullPartMakesTheWholeKeyNull) {
  Table table = MakeTable("crm", {{"1", "Jan", "Nowak", std::nullopt, "1984-03-07", "4011"},
                                  {"2", std::nullopt, "Nowak", std::nullopt, "1984-03-07", "4011"},
                                  {"3", "Jan", "Nowak", std::nullopt, "unknown", "4011"}});
  PreparedTable prepared = *Prepare({&table}, BlockingSettings());
  RuleKeys keys = ComputeRuleKeys(prepared, *BlockingRule::Parse("surname & given_name"));
  EXPECT_NE(keys.key[0], 0u);
  EXPECT_EQ(keys.key[1], 0u);
  // An unparsed date has no year.
  RuleKeys years = ComputeRuleKeys(prepared, *BlockingRule::Parse("year(dob)"));
  EXPECT_EQ(years.key[0], years.key[1]);
  EXPECT_NE(years.key[0], 0u);
  EXPECT_EQ(years.key[2], 0u);
  EXPECT_EQ(years.num_keys, 1u);
}

TEST(DescribeKey, NamesEachPartAndItsValue) {
  Table table = MakeTable("crm", {{"1", "Jan", "Nowak", std::nullopt, "07.03.1984", "4011"}});
  PreparedTable prepared = *Prepare({&table}, BlockingSettings());
  EXPECT_EQ(DescribeKey(prepared, *BlockingRule::Parse("soundex(surname) & year(dob)"), 0),
            "soundex(surname) = 'N200', year(dob) = '1984'");
  EXPECT_EQ(DescribeKey(prepared, *BlockingRule::Parse("surname & prefix(given_name, 1)"), 0),
            "surname = 'nowak', prefix(given_name, 1) = 'j'");
}

TEST(DescribeKey, TokenPartsShowTheToken) {
  Table table = MakeTable("crm", {{"1", "Jan", "Nowak", "Jan Maria Nowak", std::nullopt, "4011"}});
  PreparedTable prepared = *Prepare({&table}, BlockingSettings());
  EXPECT_EQ(DescribeKey(prepared,
                        *BlockingRule::Parse("first_token(full_name) & last_token(full_name)"), 0),
            "first_token(full_name) = 'jan', last_token(full_name) = 'nowak'");
}

TEST(GenerateCandidates, OverTheLimitMessageShowsTheKeyNotTheWholeValue) {
  // Everyone called Nowak, with different first names: the block is the surname token.
  std::vector<Row> rows;
  for (const char* given : {"Jan", "Anna", "Piotr", "Maria", "Tomasz", "Ewa"}) {
    rows.push_back({fmt::format("{}", given), given, "Nowak", fmt::format("{} Nowak", given),
                    std::nullopt, std::nullopt});
  }
  Table table = MakeTable("crm", rows);
  PreparedTable prepared = *Prepare({&table}, BlockingSettings());
  BlockingOptions options;
  options.max_pairs_per_rule = 10;
  auto pairs =
      GenerateCandidates(prepared, {*BlockingRule::Parse("last_token(full_name)")}, options);
  ASSERT_FALSE(pairs.ok());
  EXPECT_EQ(pairs.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(pairs.status().message()),
              AllOf(HasSubstr("last_token(full_name) = 'nowak'"), HasSubstr("15 pairs"),
                    HasSubstr("6 records")));
}

// --- Blocking analysis against the reference -----------------------------------------------

// An entity per record, from a few people per surname spelling so that blocks hold true pairs
// and miss some; a tenth unknown.
std::vector<int64_t> RandomTruth(std::mt19937& random, size_t n) {
  std::vector<int64_t> truth(n);
  for (auto& entity : truth) {
    entity = std::bernoulli_distribution(0.1)(random)
                 ? Labels::kUnknown
                 : std::uniform_int_distribution<int64_t>(0, static_cast<int64_t>(n / 4))(random);
  }
  return truth;
}

// Counted by inclusion-exclusion (the default reaches sets of five earlier rules) or by
// listing the pairs of every rule after the first; with every block paired all with all, or
// with a size cap that sends the larger blocks to a sorted-neighbourhood window.
class AnalyseBlockingBothWays : public ::testing::TestWithParam<std::tuple<size_t, bool>> {};

INSTANTIATE_TEST_SUITE_P(CountedAndListed, AnalyseBlockingBothWays,
                         ::testing::Combine(::testing::Values(10, 0), ::testing::Bool()));

TEST_P(AnalyseBlockingBothWays, NewCumulativeAndTruePairsEqualTheReference) {
  const auto [max_inclusion_exclusion_rules, capped] = GetParam();
  size_t shared = 0, windowed_rules = 0, windowed_shared = 0, shared_after_window = 0;
  for (uint32_t seed = 1; seed <= kTrials; ++seed) {
    Trial trial = MakeTrial(seed);
    std::mt19937 random(seed * 7919);
    // Up to six rules, so that inclusion-exclusion reaches sets of five earlier rules.
    std::vector<std::string> pool = kRulePool;
    std::shuffle(pool.begin(), pool.end(), random);
    trial.rules.clear();
    const size_t count = std::uniform_int_distribution<size_t>(2, 6)(random);
    for (size_t i = 0; i < count; ++i) trial.rules.push_back(*BlockingRule::Parse(pool[i]));
    SCOPED_TRACE(fmt::format("seed {}: {}", seed, Describe(trial)));
    BlockingAnalysisOptions options;
    options.link_type = trial.link_type;
    options.largest_blocks = 3;
    options.max_inclusion_exclusion_rules = max_inclusion_exclusion_rules;
    options.truth = RandomTruth(random, trial.prepared.num_records());
    // Blocks of 150 to 400 records over few distinct values: a cap of 6 to 40 makes many of
    // them oversized, and a window of 1 to 5 pairs far fewer than the whole block.
    options.max_block_size = capped ? std::uniform_int_distribution<uint64_t>(6, 40)(random) : 0;
    options.block_window = std::uniform_int_distribution<uint32_t>(1, 5)(random);
    options.window_sort_columns = {"surname", "given_name", "dob"};
    const BlockingAnalysis analysis = AnalyseBlocking(trial.prepared, trial.rules, options);
    ASSERT_EQ(analysis.rules.size(), trial.rules.size());
    SCOPED_TRACE(fmt::format("cap {}, window {}", options.max_block_size, options.block_window));

    // Generation with the same options credits each rule with its new pairs.
    BlockingOptions blocking;
    blocking.link_type = trial.link_type;
    blocking.max_block_size = options.max_block_size;
    blocking.block_window = options.block_window;
    blocking.window_sort_columns = options.window_sort_columns;
    auto generated = GenerateCandidates(trial.prepared, trial.rules, blocking);
    ASSERT_TRUE(generated.ok()) << generated.status();
    std::vector<uint64_t> credited(trial.rules.size(), 0);
    for (uint8_t r : generated->rule) ++credited[r];

    const uint32_t n = static_cast<uint32_t>(trial.prepared.num_records());
    auto is_true = [&](const std::pair<uint32_t, uint32_t>& p) {
      return options.truth[p.first] >= 0 && options.truth[p.first] == options.truth[p.second];
    };
    uint64_t true_pairs = 0;
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t j = i + 1; j < n; ++j) {
        if (trial.link_type == LinkType::kLinkOnly &&
            trial.prepared.source[i] == trial.prepared.source[j])
          continue;
        true_pairs += is_true({i, j});
      }
    }
    EXPECT_EQ(analysis.true_pairs, true_pairs);

    PairSet seen;
    uint64_t seen_true = 0;
    bool after_window = false;  // an earlier rule has an oversized block
    for (size_t i = 0; i < trial.rules.size(); ++i) {
      const RuleAnalysis& rule = analysis.rules[i];
      const PairSet agreeing = ReferencePairs(trial.prepared, trial.rules[i], trial.link_type);
      const PairSet pairs =
          ReferenceWindowedPairs(trial.prepared, trial.rules[i], trial.link_type,
                                 options.max_block_size, options.block_window,
                                 options.window_sort_columns);
      uint64_t fresh = 0, fresh_true = 0;
      for (const auto& pair : pairs) {
        if (seen.insert(pair).second) {
          ++fresh;
          fresh_true += is_true(pair);
        }
      }
      seen_true += fresh_true;
      shared += pairs.size() - fresh;
      if (!rule.count.oversized.empty()) {
        ++windowed_rules;
        windowed_shared += pairs.size() - fresh;
      }
      if (after_window) shared_after_window += pairs.size() - fresh;
      after_window = after_window || !rule.count.oversized.empty();
      EXPECT_EQ(rule.count.pairs, agreeing.size()) << rule.count.rule;
      EXPECT_EQ(rule.pairs, pairs.size()) << rule.count.rule;
      EXPECT_EQ(rule.new_pairs, fresh) << rule.count.rule;
      EXPECT_EQ(rule.new_pairs, credited[i]) << rule.count.rule;
      EXPECT_EQ(rule.cumulative_pairs, seen.size()) << rule.count.rule;
      EXPECT_EQ(rule.new_true_pairs, fresh_true) << rule.count.rule;
      EXPECT_EQ(rule.cumulative_true_pairs, seen_true) << rule.count.rule;

      // The largest blocks: pairs per reference key, most first.
      std::map<std::vector<std::string>, PairSet> by_key;
      for (const auto& pair : pairs) {
        by_key[*ReferenceKey(trial.prepared, trial.rules[i], pair.first)].insert(pair);
      }
      std::vector<uint64_t> expected_pairs;
      for (const auto& [key, block] : by_key) expected_pairs.push_back(block.size());
      std::sort(expected_pairs.rbegin(), expected_pairs.rend());
      expected_pairs.resize(std::min<size_t>(expected_pairs.size(), 3));
      std::vector<uint64_t> actual_pairs;
      for (const BlockSize& block : rule.largest_blocks) {
        actual_pairs.push_back(block.pairs);
        // The key names the rule's parts, and its block holds the pairs it claims.
        EXPECT_THAT(block.key, HasSubstr(trial.rules[i].parts[0].column));
        EXPECT_GE(block.records * (block.records - 1) / 2, block.pairs);
      }
      EXPECT_EQ(actual_pairs, expected_pairs) << rule.count.rule;
    }
  }
  EXPECT_GT(shared, 1000u);  // the trials exercise overlap between rules
  if (capped) {
    // ... and rules with oversized blocks, sharing pairs with the rules before them.
    EXPECT_GT(windowed_rules, 50u);
    EXPECT_GT(windowed_shared, 100u);
    EXPECT_GT(shared_after_window, 100u);
  }
}

TEST(AnalyseBlocking, LargestBlockNamesItsKeyAndCounts) {
  std::vector<Row> rows;
  for (int i = 0; i < 6; ++i) {
    rows.push_back({fmt::format("n{}", i), "Jan", "Nowak", std::nullopt, std::nullopt, "4011"});
  }
  for (int i = 0; i < 4; ++i) {
    rows.push_back({fmt::format("s{}", i), "Zoltán", "Szűcs", std::nullopt, std::nullopt, "2600"});
  }
  rows.push_back({"w", "Ewa", "Wójcik", std::nullopt, std::nullopt, "4011"});
  Table table = MakeTable("crm", rows);
  PreparedTable prepared = *Prepare({&table}, BlockingSettings());
  BlockingAnalysisOptions options;
  options.truth = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, -1};
  const BlockingAnalysis analysis = AnalyseBlocking(
      prepared, {*BlockingRule::Parse("surname"), *BlockingRule::Parse("postcode")}, options);
  ASSERT_EQ(analysis.rules.size(), 2u);
  const RuleAnalysis& surname = analysis.rules[0];
  ASSERT_EQ(surname.largest_blocks.size(), 2u);
  EXPECT_EQ(surname.largest_blocks[0].key, "surname = 'nowak'");
  EXPECT_EQ(surname.largest_blocks[0].records, 6u);
  EXPECT_EQ(surname.largest_blocks[0].pairs, 15u);
  EXPECT_EQ(surname.largest_blocks[1].pairs, 6u);
  EXPECT_EQ(surname.new_pairs, 21u);
  // The postcode 4011 block (7 records, 21 pairs) repeats the 15 Nowak pairs: 6 new, and
  // 2600 repeats the 6 Szűcs pairs.
  EXPECT_EQ(analysis.rules[1].count.pairs, 21u + 6u);
  EXPECT_EQ(analysis.rules[1].new_pairs, 6u);
  EXPECT_EQ(analysis.rules[1].cumulative_pairs, 27u);
  // True pairs: 3 + 3 + 6 = 12; every one within a surname block.
  EXPECT_EQ(analysis.true_pairs, 12u);
  EXPECT_EQ(surname.new_true_pairs, 12u);
  EXPECT_EQ(analysis.rules[1].new_true_pairs, 0u);
  EXPECT_EQ(analysis.rules[1].cumulative_true_pairs, 12u);
}

}  // namespace
}  // namespace sameas
