#include "sameas/similarity/batch.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hwy/targets.h"
#include "sameas/similarity/code_points.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr size_t kNoCutoff = static_cast<size_t>(-1);

// Strings laid out as the batch functions read them.
class Strings {
 public:
  explicit Strings(const std::vector<std::string>& values) {
    for (const auto& v : values) {
      data_ += v;
      offsets_.push_back(data_.size());
    }
  }
  StringsView view() const { return {offsets_.data(), data_.data(), offsets_.size() - 1}; }

 private:
  std::string data_;
  std::vector<uint64_t> offsets_{0};
};

std::string Utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// The scalar kernels on code points, as the batch functions promise to equal.
size_t ScalarLevenshtein(std::string_view a, std::string_view b, size_t max_distance) {
  std::u32string sa, sb;
  return WithCodePoints(a, b, &sa, &sb,
                        [&](auto x, auto y) { return Levenshtein(x, y, max_distance); });
}

double ScalarJaroWinkler(std::string_view query, std::string_view candidate, double cutoff,
                         double prefix_weight, double boost_threshold) {
  std::u32string sa, sb;
  return WithCodePoints(query, candidate, &sa, &sb, [&](auto x, auto y) {
    const CachedJaroWinkler scorer(x, prefix_weight, boost_threshold);
    return scorer.Similarity(y, cutoff);
  });
}

// A query and a list of candidates: random strings of 0..80 characters and edits of the
// query, so that both small and large distances occur.
struct Lists {
  std::string query;
  std::vector<std::string> candidates;
};

Lists AsciiLists(reference::RandomStrings<char>& random, size_t query_length, size_t count) {
  Lists lists;
  while (lists.query.size() < query_length) lists.query += random.String(query_length);
  lists.query.resize(query_length);
  for (size_t i = 0; i < count; ++i) {
    if (random.Uniform(0, 2) == 0) {
      lists.candidates.push_back(random.String(80));
    } else {
      lists.candidates.push_back(random.Edited(lists.query, 1 + query_length / 3));
    }
  }
  return lists;
}

std::vector<char> WideAsciiAlphabet() {
  // More distinct characters than the comparison lookup takes: the gather path.
  std::vector<char> letters;
  for (char c = 'a'; c <= 'z'; ++c) letters.push_back(c);
  for (char c = 'A'; c <= 'Z'; ++c) letters.push_back(c);
  for (char c = '0'; c <= '9'; ++c) letters.push_back(c);
  letters.push_back(' ');
  letters.push_back('-');
  return letters;
}

// Query lengths around every lane width (8, 16, 32, 64 bits) and beyond one word; list sizes
// that are and are not multiples of any lane count.
const size_t kQueryLengths[] = {0,  1,  2,  5,  7,  8,  9,  12, 15, 16,
                                17, 24, 31, 32, 33, 48, 63, 64, 65, 80};
const size_t kListSizes[] = {0, 1, 3, 7, 15, 16, 17, 31, 33, 63, 65, 100, 257, 1001};

void ExpectBatchLevenshteinAgrees(std::span<const size_t> query_lengths,
                                  std::span<const size_t> list_sizes) {
  for (const auto& alphabet : {reference::SmallAsciiAlphabet(), WideAsciiAlphabet()}) {
    reference::RandomStrings<char> random(alphabet, 7);
    for (size_t query_length : query_lengths) {
      for (size_t count : list_sizes) {
        const Lists lists = AsciiLists(random, query_length, count);
        const Strings candidates(lists.candidates);
        for (size_t max_distance : {kNoCutoff, size_t{0}, size_t{1}, size_t{2}, size_t{5}}) {
          std::vector<size_t> out(count, 12345);
          BatchLevenshtein(lists.query, candidates.view(), max_distance, out);
          for (size_t i = 0; i < count; ++i) {
            const std::string& candidate = lists.candidates[i];
            ASSERT_EQ(out[i], ScalarLevenshtein(lists.query, candidate, max_distance))
                << reference::Printable(lists.query) << " " << reference::Printable(candidate)
                << " max_distance " << max_distance << " list of " << count;
          }
        }
      }
    }
  }
}

TEST(BatchLevenshtein, AgreesWithScalarKernelOnRandomAsciiLists) {
  ExpectBatchLevenshteinAgrees(kQueryLengths, kListSizes);
}

TEST(BatchLevenshtein, AgreesWithReferenceWithoutCutoff) {
  reference::RandomStrings<char> random(reference::SmallAsciiAlphabet(), 11);
  for (size_t query_length : {3u, 10u, 20u, 40u, 64u}) {
    const Lists lists = AsciiLists(random, query_length, 200);
    const Strings candidates(lists.candidates);
    std::vector<size_t> out(lists.candidates.size());
    BatchLevenshtein(lists.query, candidates.view(), kNoCutoff, out);
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i], reference::Levenshtein<char>(lists.query, lists.candidates[i]))
          << lists.query << " " << lists.candidates[i];
    }
  }
}

TEST(BatchLevenshtein, CountsCodePointsInNonAsciiQueriesAndCandidates) {
  reference::RandomStrings<char32_t> random(reference::LatinDiacriticsAlphabet(), 3);
  for (bool ascii_query : {true, false}) {
    const std::string query = ascii_query ? "anne-marie" : Utf8(random.String(20));
    std::vector<std::string> values;
    for (size_t i = 0; i < 300; ++i) {
      // ASCII and non-ASCII candidates mixed in one list.
      values.push_back(i % 3 == 0 ? Utf8(random.String(30))
                                  : std::string("anna-maria").substr(0, i % 11));
    }
    const Strings candidates(values);
    for (size_t max_distance : {kNoCutoff, size_t{2}}) {
      std::vector<size_t> out(values.size());
      BatchLevenshtein(query, candidates.view(), max_distance, out);
      for (size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(out[i], ScalarLevenshtein(query, values[i], max_distance))
            << reference::Printable(query) << " " << reference::Printable(values[i]);
      }
    }
  }
  const std::string muller = "m\xc3\xbcller";
  const Strings one({muller});
  std::vector<size_t> out(1);
  BatchLevenshtein("muller", one.view(), kNoCutoff, out);
  EXPECT_EQ(out[0], 1u);  // one character, though two bytes
}

void ExpectBatchJaroWinklerAgrees(std::span<const size_t> query_lengths,
                                  std::span<const size_t> list_sizes) {
  struct Weights {
    double prefix_weight, boost_threshold;
  };
  for (const auto& alphabet : {reference::SmallAsciiAlphabet(), WideAsciiAlphabet()}) {
    reference::RandomStrings<char> random(alphabet, 5);
    for (size_t query_length : query_lengths) {
      for (size_t count : list_sizes) {
        const Lists lists = AsciiLists(random, query_length, count);
        const Strings candidates(lists.candidates);
        for (double cutoff : {0.0, 0.5, 0.8, 0.9, 0.95}) {
          for (Weights w : {Weights{0.1, 0.7}, Weights{0.0, 0.7}, Weights{0.2, 0.0}}) {
            std::vector<double> out(count, -1.0);
            BatchJaroWinkler(lists.query, candidates.view(), out, cutoff, w.prefix_weight,
                             w.boost_threshold);
            for (size_t i = 0; i < count; ++i) {
              const std::string& candidate = lists.candidates[i];
              // Exact equality: the same arithmetic, not merely close.
              ASSERT_EQ(out[i], ScalarJaroWinkler(lists.query, candidate, cutoff, w.prefix_weight,
                                                  w.boost_threshold))
                  << reference::Printable(lists.query) << " " << reference::Printable(candidate)
                  << " cutoff " << cutoff << " list of " << count;
            }
          }
        }
      }
    }
  }
}

TEST(BatchJaroWinkler, AgreesWithCachedScorerOnRandomAsciiLists) {
  ExpectBatchJaroWinklerAgrees(kQueryLengths, kListSizes);
}

// Queries and candidates in one script or mixed, as UTF-8: the lanes take them recoded to one
// byte per code point, and must agree with the code-point kernels.
void ExpectBatchAgreesOnUnicode(std::span<const size_t> query_lengths,
                                std::span<const size_t> list_sizes) {
  for (const auto& alphabet :
       {reference::LatinDiacriticsAlphabet(), reference::CyrillicAlphabet(),
        reference::CjkAlphabet(), reference::UnicodeWordsAlphabet(), reference::WideAlphabet()}) {
    reference::RandomStrings<char32_t> random(alphabet, 31);
    reference::RandomStrings<char> ascii(reference::SmallAsciiAlphabet(), 37);
    for (size_t query_length : query_lengths) {
      std::u32string query32;
      while (query32.size() < query_length) query32 += random.String(query_length);
      query32.resize(query_length);
      const std::string query = Utf8(query32);
      for (size_t count : list_sizes) {
        std::vector<std::string> values;
        for (size_t i = 0; i < count; ++i) {
          if (i % 5 == 4) {
            values.push_back(ascii.String(20));  // ASCII among them
          } else if (i % 2 == 0) {
            values.push_back(Utf8(random.Edited(query32, 1 + query_length / 3)));
          } else {
            values.push_back(Utf8(random.String(70)));
          }
        }
        const Strings candidates(values);
        for (size_t max_distance : {kNoCutoff, size_t{1}, size_t{3}}) {
          std::vector<size_t> out(count);
          BatchLevenshtein(query, candidates.view(), max_distance, out);
          for (size_t i = 0; i < count; ++i) {
            ASSERT_EQ(out[i], ScalarLevenshtein(query, values[i], max_distance))
                << reference::Printable(query) << " " << reference::Printable(values[i]);
          }
        }
        for (double cutoff : {0.0, 0.85}) {
          std::vector<double> out(count);
          BatchJaroWinkler(query, candidates.view(), out, cutoff);
          for (size_t i = 0; i < count; ++i) {
            ASSERT_EQ(out[i], ScalarJaroWinkler(query, values[i], cutoff, 0.1, 0.7))
                << reference::Printable(query) << " " << reference::Printable(values[i]);
          }
        }
      }
    }
  }
}

TEST(Batch, DecodesMalformedUtf8AsTheScalarPathDoes) {
  // Stray continuation bytes, truncated sequences and 0xff: each a U+FFFD, as DecodeUtf8 reads
  // them, in the query and in the candidates.
  reference::RandomStrings<char> random(reference::BytesAlphabet(), 41);
  for (size_t query_length : {1u, 5u, 12u, 30u}) {
    std::string query;
    while (query.size() < query_length) query += random.String(query_length);
    query.resize(query_length);
    std::vector<std::string> values;
    for (size_t i = 0; i < 200; ++i) values.push_back(random.String(40));
    const Strings candidates(values);
    std::vector<size_t> distances(values.size());
    BatchLevenshtein(query, candidates.view(), kNoCutoff, distances);
    std::vector<double> similarities(values.size());
    BatchJaroWinkler(query, candidates.view(), similarities);
    for (size_t i = 0; i < values.size(); ++i) {
      ASSERT_EQ(distances[i], ScalarLevenshtein(query, values[i], kNoCutoff))
          << reference::Printable(query) << " " << reference::Printable(values[i]);
      ASSERT_EQ(similarities[i], ScalarJaroWinkler(query, values[i], 0, 0.1, 0.7))
          << reference::Printable(query) << " " << reference::Printable(values[i]);
    }
  }
}

TEST(Batch, AgreesWithCodePointKernelsOnRandomUnicodeLists) {
  const size_t query_lengths[] = {1, 3, 8, 9, 16, 17, 32, 40, 64, 65};
  const size_t list_sizes[] = {1, 7, 33, 100, 257};
  ExpectBatchAgreesOnUnicode(query_lengths, list_sizes);
}

// The run-time dispatch picks the best target of this machine; every other target it was
// built for (SSSE3, SSE4, AVX2, AVX-512 where the CPU has them) must agree as well.
TEST(Batch, EveryCompiledSimdTargetAgrees) {
  const size_t query_lengths[] = {5, 8, 13, 16, 20, 32, 40, 64};
  const size_t list_sizes[] = {5, 17, 33, 100};
  for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
    SCOPED_TRACE(hwy::TargetName(target));
    hwy::SetSupportedTargetsForTest(target);
    ExpectBatchLevenshteinAgrees(query_lengths, list_sizes);
    ExpectBatchJaroWinklerAgrees(query_lengths, list_sizes);
    ExpectBatchAgreesOnUnicode(query_lengths, list_sizes);
  }
  hwy::SetSupportedTargetsForTest(0);
}

TEST(BatchJaroWinkler, AgreesWithFreeFunctionAndReference) {
  reference::RandomStrings<char> random(reference::SmallAsciiAlphabet(), 13);
  for (size_t query_length : {1u, 4u, 9u, 20u, 40u, 64u}) {
    const Lists lists = AsciiLists(random, query_length, 300);
    const Strings candidates(lists.candidates);
    std::vector<double> out(lists.candidates.size());
    BatchJaroWinkler(lists.query, candidates.view(), out);
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i], JaroWinkler(lists.query, lists.candidates[i]));
      EXPECT_NEAR(out[i], reference::JaroWinkler<char>(lists.query, lists.candidates[i], 0.1, 0.7),
                  1e-12);
    }
  }
}

TEST(BatchJaroWinkler, ScoresNamesAsTheScalarKernelDoes) {
  const Strings names({"marhta", "martha", "", "dwayne", "m\xc3\xa4rtha", "mart", "ahtram"});
  std::vector<double> out(7);
  BatchJaroWinkler("martha", names.view(), out);
  EXPECT_NEAR(out[0], 0.9611, 1e-4);
  EXPECT_EQ(out[1], 1.0);
  EXPECT_EQ(out[2], 0.0);
  EXPECT_EQ(out[4], JaroWinkler(U"martha", U"märtha"));
}

TEST(PairwiseLevenshtein, AgreesWithScalarKernelWithAnyThreadCount) {
  reference::RandomStrings<char> random(WideAsciiAlphabet(), 17);
  reference::RandomStrings<char32_t> unicode(reference::CyrillicAlphabet(), 19);
  std::vector<std::string> a, b;
  for (size_t i = 0; i < 10001; ++i) {  // five chunks and a bit
    if (i % 10 == 0) {
      auto [x, y] = unicode.Pair(30);
      a.push_back(Utf8(x));
      b.push_back(Utf8(y));
    } else {
      auto [x, y] = random.Pair(80);
      a.push_back(x);
      b.push_back(y);
    }
  }
  const Strings sa(a), sb(b);
  for (size_t max_distance : {kNoCutoff, size_t{3}}) {
    std::vector<size_t> one_thread(a.size());
    PairwiseLevenshtein(sa.view(), sb.view(), one_thread, max_distance, {.threads = 1});
    for (size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(one_thread[i], ScalarLevenshtein(a[i], b[i], max_distance)) << i;
    }
    for (int threads : {2, 3, 8, 0}) {
      std::vector<size_t> many(a.size());
      PairwiseLevenshtein(sa.view(), sb.view(), many, max_distance, {.threads = threads});
      EXPECT_EQ(many, one_thread) << threads << " threads";
    }
  }
}

TEST(PairwiseJaroWinkler, AgreesWithScalarKernelWithAnyThreadCount) {
  reference::RandomStrings<char> random(reference::SmallAsciiAlphabet(), 23);
  reference::RandomStrings<char32_t> unicode(reference::LatinDiacriticsAlphabet(), 29);
  std::vector<std::string> a, b;
  for (size_t i = 0; i < 9999; ++i) {
    if (i % 7 == 0) {
      auto [x, y] = unicode.Pair(30);
      a.push_back(Utf8(x));
      b.push_back(Utf8(y));
    } else {
      auto [x, y] = random.Pair(80);
      a.push_back(x);
      b.push_back(y);
    }
  }
  const Strings sa(a), sb(b);
  for (double cutoff : {0.0, 0.85}) {
    std::vector<double> one_thread(a.size());
    PairwiseJaroWinkler(sa.view(), sb.view(), one_thread, cutoff, 0.1, 0.7, {.threads = 1});
    for (size_t i = 0; i < a.size(); ++i) {
      std::u32string xa, xb;
      const double expected =
          WithCodePoints(a[i], b[i], &xa, &xb, [](auto x, auto y) { return JaroWinkler(x, y); });
      ASSERT_EQ(one_thread[i], expected >= cutoff ? expected : 0.0) << i;
    }
    for (int threads : {2, 5, 0}) {
      std::vector<double> many(a.size());
      PairwiseJaroWinkler(sa.view(), sb.view(), many, cutoff, 0.1, 0.7, {.threads = threads});
      EXPECT_EQ(many, one_thread) << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace sameas
