// Oversized blocks: a block above max_block_size is reported (rule, key, size) and paired by a
// sorted-neighbourhood window, checked against a brute-force reference that sorts each block
// by the sort columns and pairs records at most `block_window` positions apart.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pipeline/customers.h"
#include "sameas/block/blocking.h"
#include "sameas/pipeline/threads.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;
using Pair = std::pair<uint32_t, uint32_t>;

PreparedTable PrepareCustomers(size_t rows, uint64_t seed, Settings* settings) {
  static std::vector<Table> keep;  // the prepared table points into nothing, but stay safe
  keep.push_back(testing::MakeCustomers(rows, seed));
  auto parsed = SettingsFromJson(testing::CustomerSettings(0), "test settings");
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  *settings = *parsed;
  auto prepared = Prepare({&keep.back()}, *settings);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return *std::move(prepared);
}

// The reference: for each key, its records; a block above `cap` sorted by the folded
// values of `sort` (null first, ties by index) and paired within `window` positions.
std::vector<Pair> ReferencePairs(const PreparedTable& prepared, const BlockingRule& rule,
                                 uint64_t cap, uint32_t window,
                                 const std::vector<std::string>& sort) {
  const RuleKeys keys = ComputeRuleKeys(prepared, rule);
  std::map<uint32_t, std::vector<uint32_t>> members;
  for (uint32_t r = 0; r < keys.key.size(); ++r) {
    if (keys.key[r] != 0) members[keys.key[r]].push_back(r);
  }
  auto value = [&](const std::string& column, uint32_t r) {
    const PreparedColumn& c = prepared.columns[prepared.ColumnIndex(column)];
    return c.is_null(r) ? std::string() : std::string(c.folded(r));
  };
  std::vector<Pair> pairs;
  for (auto& [key, records] : members) {
    const bool oversized = records.size() > cap;
    if (oversized) {
      std::stable_sort(records.begin(), records.end(), [&](uint32_t a, uint32_t b) {
        for (const std::string& column : sort) {
          if (value(column, a) != value(column, b)) return value(column, a) < value(column, b);
        }
        return false;
      });
    }
    for (size_t i = 0; i < records.size(); ++i) {
      for (size_t j = i + 1; j < records.size(); ++j) {
        if (oversized && j - i > window) break;
        pairs.emplace_back(std::min(records[i], records[j]), std::max(records[i], records[j]));
      }
    }
  }
  return pairs;
}

std::vector<Pair> PairsOf(const CandidatePairs& candidates) {
  std::vector<Pair> pairs;
  for (size_t p = 0; p < candidates.size(); ++p) {
    pairs.emplace_back(candidates.left[p], candidates.right[p]);
  }
  return pairs;
}

TEST(SortedNeighbourhood, OversizedBlocksArePairedWithinTheWindowOnly) {
  Settings settings;
  const PreparedTable prepared = PrepareCustomers(6000, 3, &settings);
  auto rule = BlockingRule::Parse("city");
  ASSERT_TRUE(rule.ok());
  BlockingOptions options;
  options.max_block_size = 600;  // 8 cities of about 750 records each
  options.block_window = 7;
  options.window_sort_columns = {"last_name", "first_name"};

  const std::vector<RuleCount> counts = CountPairs(prepared, {*rule}, options);
  ASSERT_EQ(counts.size(), 1u);
  ASSERT_FALSE(counts[0].oversized.empty());
  for (const OversizedBlock& block : counts[0].oversized) {
    EXPECT_GT(block.size, 600u);
    EXPECT_THAT(block.key, HasSubstr("city = '"));
  }
  EXPECT_LT(counts[0].capped_pairs, counts[0].pairs);

  auto candidates = GenerateCandidates(prepared, {*rule}, options);
  ASSERT_TRUE(candidates.ok()) << candidates.status();
  std::vector<Pair> got = PairsOf(*candidates);
  EXPECT_EQ(got.size(), counts[0].capped_pairs);
  std::vector<Pair> want = ReferencePairs(prepared, *rule, 600, 7, options.window_sort_columns);
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(std::adjacent_find(got.begin(), got.end()), got.end()) << "a pair twice";
  EXPECT_EQ(got, want);
}

TEST(GenerateCandidatesInChunks, TheSamePairsInTheSameOrderInChunksThatDoNotDependOnThreads) {
  Settings settings;
  const PreparedTable prepared = PrepareCustomers(6000, 9, &settings);
  std::vector<BlockingRule> rules;
  for (const char* text : {"city", "last_name", "year(date_of_birth)"}) {
    auto rule = BlockingRule::Parse(text);
    ASSERT_TRUE(rule.ok()) << text;
    rules.push_back(*rule);
  }
  BlockingOptions options;
  options.max_block_size = 600;
  options.block_window = 9;
  auto whole = GenerateCandidates(prepared, rules, options);
  ASSERT_TRUE(whole.ok()) << whole.status();
  std::vector<std::vector<size_t>> sizes;
  for (int threads : {1, 2}) {
    ScopedThreads scoped(threads);
    CandidatePairs joined;
    std::vector<size_t>& chunk_sizes = sizes.emplace_back();
    absl::Status status =
        GenerateCandidatesInChunks(prepared, rules, options, [&](CandidatePairs&& chunk) {
          EXPECT_GT(chunk.size(), 0u);
          // A chunk holds one rule's pairs.
          EXPECT_EQ(std::count(chunk.rule.begin(), chunk.rule.end(), chunk.rule.front()),
                    static_cast<std::ptrdiff_t>(chunk.size()));
          chunk_sizes.push_back(chunk.size());
          for (size_t p = 0; p < chunk.size(); ++p) {
            joined.Append(chunk.left[p], chunk.right[p], chunk.rule[p]);
          }
          return absl::OkStatus();
        });
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(joined.left, whole->left);
    EXPECT_EQ(joined.right, whole->right);
    EXPECT_EQ(joined.rule, whole->rule);
  }
  EXPECT_GE(sizes[0].size(), 3u);
  EXPECT_EQ(sizes[0], sizes[1]);

  // The consumer's error stops generation and comes back.
  size_t calls = 0;
  absl::Status stopped =
      GenerateCandidatesInChunks(prepared, rules, options, [&](CandidatePairs&&) {
        ++calls;
        return absl::CancelledError("out/pairs.csv: disk full");
      });
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(stopped.code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(std::string(stopped.message()), HasSubstr("disk full"));
}

TEST(SortedNeighbourhood, ALaterRuleAddsThePairsOutsideAnEarlierWindow) {
  Settings settings;
  const PreparedTable prepared = PrepareCustomers(5000, 5, &settings);
  auto city = BlockingRule::Parse("city");
  auto surname = BlockingRule::Parse("last_name");
  ASSERT_TRUE(city.ok() && surname.ok());
  BlockingOptions options;
  options.max_block_size = 400;
  options.block_window = 5;
  options.window_sort_columns = {"first_name", "date_of_birth"};
  auto candidates = GenerateCandidates(prepared, {*city, *surname}, options);
  ASSERT_TRUE(candidates.ok()) << candidates.status();
  // The union of both rules' reference pairs, each once, credited to the first that has it.
  std::vector<Pair> first = ReferencePairs(prepared, *city, 400, 5, options.window_sort_columns);
  std::vector<Pair> second =
      ReferencePairs(prepared, *surname, 400, 5, options.window_sort_columns);
  std::set<Pair> in_first(first.begin(), first.end());
  std::set<Pair> want(first.begin(), first.end());
  size_t from_second = 0;
  for (const Pair& p : second) {
    if (!in_first.count(p)) ++from_second;
    want.insert(p);
  }
  std::vector<Pair> got = PairsOf(*candidates);
  const std::set<Pair> got_set(got.begin(), got.end());
  EXPECT_EQ(got.size(), got_set.size()) << "a pair twice";
  EXPECT_EQ(got_set, want);
  size_t credited_second = 0;
  for (size_t p = 0; p < candidates->size(); ++p) credited_second += candidates->rule[p] == 1;
  EXPECT_EQ(credited_second, from_second);
}

TEST(SortedNeighbourhood, SameCandidatesOnOneThreadAndMany) {
  Settings settings;
  const PreparedTable prepared = PrepareCustomers(8000, 9, &settings);
  BlockingOptions options = BlockingOptionsFor(settings);
  options.max_block_size = 500;
  options.block_window = 11;
  CandidatePairs one, many;
  {
    ScopedThreads scope(1);
    one = *GenerateCandidates(prepared, settings.blocking_rules, options);
  }
  {
    ScopedThreads scope(4);
    many = *GenerateCandidates(prepared, settings.blocking_rules, options);
  }
  EXPECT_GT(one.size(), 10000u);
  EXPECT_EQ(one.left, many.left);
  EXPECT_EQ(one.right, many.right);
  EXPECT_EQ(one.rule, many.rule);
}

TEST(SortedNeighbourhood, WindowBeyondTheLimitIsStillResourceExhausted) {
  Settings settings;
  const PreparedTable prepared = PrepareCustomers(3000, 1, &settings);
  auto rule = BlockingRule::Parse("city");
  ASSERT_TRUE(rule.ok());
  BlockingOptions options;
  options.max_block_size = 100;
  options.block_window = 50;
  options.max_pairs_per_rule = 1000;
  auto candidates = GenerateCandidates(prepared, {*rule}, options);
  ASSERT_FALSE(candidates.ok());
  EXPECT_EQ(candidates.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(candidates.status().message(), HasSubstr("'city'"));
}

}  // namespace
}  // namespace sameas
