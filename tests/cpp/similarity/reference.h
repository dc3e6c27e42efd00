// Plain reference implementations of the similarity kernels, straight from the textbook
// definitions with no cutoffs, bit tricks or shortcuts, and the random strings the property
// tests feed to both. Slow on purpose: they are what the fast kernels are checked against.
#ifndef SAMEAS_TESTS_SIMILARITY_REFERENCE_H_
#define SAMEAS_TESTS_SIMILARITY_REFERENCE_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sameas::reference {

/// Levenshtein distance by the full (m+1) x (n+1) Wagner-Fischer table.
template <typename CharT>
size_t Levenshtein(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  const size_t m = a.size();
  const size_t n = b.size();
  std::vector<std::vector<size_t>> d(m + 1, std::vector<size_t>(n + 1));
  for (size_t i = 0; i <= m; ++i) d[i][0] = i;
  for (size_t j = 0; j <= n; ++j) d[0][j] = j;
  for (size_t i = 1; i <= m; ++i) {
    for (size_t j = 1; j <= n; ++j) {
      const size_t substitute = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, substitute});
    }
  }
  return d[m][n];
}

/// Optimal string alignment distance by the full table: Levenshtein plus the transposition of
/// two adjacent characters, D[i-2][j-2] + 1.
template <typename CharT>
size_t Osa(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  const size_t m = a.size();
  const size_t n = b.size();
  std::vector<std::vector<size_t>> d(m + 1, std::vector<size_t>(n + 1));
  for (size_t i = 0; i <= m; ++i) d[i][0] = i;
  for (size_t j = 0; j <= n; ++j) d[0][j] = j;
  for (size_t i = 1; i <= m; ++i) {
    for (size_t j = 1; j <= n; ++j) {
      const size_t substitute = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[m][n];
}

/// Jaro similarity from the definition: a character of `a` matches the first unmatched equal
/// character of `b` no further than floor(max(|a|, |b|) / 2) - 1 (at least 0) away; t is half
/// the positions where the matched characters, read in order on each side, differ (rounded
/// down); Jaro = (m / |a| + m / |b| + (m - t) / m) / 3, 0 without matches, 1 for two empty
/// strings.
template <typename CharT>
double Jaro(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const long long longer = static_cast<long long>(std::max(a.size(), b.size()));
  const long long window = std::max(0LL, longer / 2 - 1);
  std::vector<bool> a_flag(a.size(), false);
  std::vector<bool> b_flag(b.size(), false);
  long long matches = 0;
  for (long long i = 0; i < static_cast<long long>(a.size()); ++i) {
    for (long long j = 0; j < static_cast<long long>(b.size()); ++j) {
      if (j < i - window || j > i + window) continue;
      if (!b_flag[j] && a[i] == b[j]) {
        a_flag[i] = true;
        b_flag[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::basic_string<CharT> a_matched;
  std::basic_string<CharT> b_matched;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a_flag[i]) a_matched.push_back(a[i]);
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (b_flag[j]) b_matched.push_back(b[j]);
  }
  long long mismatched = 0;
  for (size_t k = 0; k < a_matched.size(); ++k) {
    if (a_matched[k] != b_matched[k]) ++mismatched;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(mismatched / 2);
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) /
         3.0;
}

/// Jaro-Winkler from the definition: Jaro, plus prefix x weight x (1 - Jaro) with the common
/// prefix counted up to four characters, when Jaro exceeds the threshold.
template <typename CharT>
double JaroWinkler(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                   double prefix_weight = 0.1, double boost_threshold = 0.7) {
  const double jaro = Jaro(a, b);
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  if (jaro <= boost_threshold) return jaro;
  return jaro + static_cast<double>(prefix) * prefix_weight * (1.0 - jaro);
}

/// Length of the longest common subsequence by the full table.
template <typename CharT>
size_t Lcs(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  std::vector<std::vector<size_t>> l(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      l[i][j] = a[i - 1] == b[j - 1] ? l[i - 1][j - 1] + 1 : std::max(l[i - 1][j], l[i][j - 1]);
    }
  }
  return l[a.size()][b.size()];
}

/// Indel distance: every character outside a longest common subsequence is inserted or deleted.
template <typename CharT>
size_t Indel(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  return a.size() + b.size() - 2 * Lcs(a, b);
}

/// 1 - Indel / (|a| + |b|), 1 for two empty strings.
template <typename CharT>
double IndelSimilarity(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  const size_t total = a.size() + b.size();
  if (total == 0) return 1.0;
  return 1.0 - static_cast<double>(Indel(a, b)) / static_cast<double>(total);
}

/// 1 - Levenshtein / max(|a|, |b|), 1 for two empty strings.
template <typename CharT>
double LevenshteinSimilarity(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(Levenshtein(a, b)) / static_cast<double>(longer);
}

/// Unrestricted Damerau-Levenshtein by Lowrance and Wagner's table, written from the textbook
/// with a std::map for the last row of each character and no shortcuts.
template <typename CharT>
size_t DamerauLevenshtein(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  const size_t m = a.size();
  const size_t n = b.size();
  const size_t infinity = m + n + 1;
  // h[i + 1][j + 1] is the distance of the first i characters of a and the first j of b.
  std::vector<std::vector<size_t>> h(m + 2, std::vector<size_t>(n + 2, infinity));
  for (size_t i = 0; i <= m; ++i) h[i + 1][1] = i;
  for (size_t j = 0; j <= n; ++j) h[1][j + 1] = j;
  std::map<CharT, size_t> last_row;
  for (size_t i = 1; i <= m; ++i) {
    size_t last_column = 0;
    for (size_t j = 1; j <= n; ++j) {
      const auto found = last_row.find(b[j - 1]);
      const size_t k = found == last_row.end() ? 0 : found->second;
      const size_t l = last_column;
      const bool same = a[i - 1] == b[j - 1];
      if (same) last_column = j;
      h[i + 1][j + 1] = std::min({h[i][j] + (same ? 0 : 1), h[i + 1][j] + 1, h[i][j + 1] + 1,
                                  h[k][l] + (i - k - 1) + 1 + (j - l - 1)});
    }
    last_row[a[i - 1]] = i;
  }
  return h[m + 1][n + 1];
}

/// Hamming distance over the shorter length, plus the longer string's tail.
template <typename CharT>
size_t Hamming(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  size_t distance = std::max(a.size(), b.size()) - std::min(a.size(), b.size());
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) distance += a[i] != b[i];
  return distance;
}

/// The multiset of q-grams of `s` as counts, a q-gram as a vector of character values with the
/// markers as -1 (start) and -2 (end), padded with q - 1 of each when `padded`.
template <typename CharT>
std::map<std::vector<long long>, size_t> QGrams(std::basic_string_view<CharT> s, int q,
                                                bool padded) {
  std::vector<long long> chars;
  if (padded) chars.insert(chars.end(), q - 1, -1);
  for (CharT c : s) {
    if constexpr (sizeof(CharT) == 1) {
      chars.push_back(static_cast<unsigned char>(c));
    } else {
      chars.push_back(static_cast<long long>(c));
    }
  }
  if (padded) chars.insert(chars.end(), q - 1, -2);
  std::map<std::vector<long long>, size_t> grams;
  for (size_t i = 0; i + q <= chars.size(); ++i) {
    ++grams[std::vector<long long>(chars.begin() + i, chars.begin() + i + q)];
  }
  return grams;
}

enum class QGramMeasure { kJaccard, kDice, kCosine };

/// Jaccard |A ∩ B| / |A ∪ B| with min and max of counts, Dice 2 |A ∩ B| / (|A| + |B|), cosine
/// Σ A(g) B(g) / (|A|_2 |B|_2); with no q-gram on either side, 1 for equal strings, else 0.
template <typename CharT>
double QGramSimilarity(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b, int q,
                       bool padded, QGramMeasure measure) {
  const auto ga = QGrams(a, q, padded);
  const auto gb = QGrams(b, q, padded);
  if (ga.empty() || gb.empty()) return ga.empty() && gb.empty() && a == b ? 1.0 : 0.0;
  size_t intersection = 0, union_size = 0, size_a = 0, size_b = 0;
  double dot = 0, norm2_a = 0, norm2_b = 0;
  std::set<std::vector<long long>> all;
  for (const auto& [gram, count] : ga) all.insert(gram);
  for (const auto& [gram, count] : gb) all.insert(gram);
  for (const auto& gram : all) {
    const size_t ca = ga.count(gram) ? ga.at(gram) : 0;
    const size_t cb = gb.count(gram) ? gb.at(gram) : 0;
    intersection += std::min(ca, cb);
    union_size += std::max(ca, cb);
    size_a += ca;
    size_b += cb;
    dot += static_cast<double>(ca) * static_cast<double>(cb);
    norm2_a += static_cast<double>(ca) * static_cast<double>(ca);
    norm2_b += static_cast<double>(cb) * static_cast<double>(cb);
  }
  switch (measure) {
    case QGramMeasure::kJaccard:
      return static_cast<double>(intersection) / static_cast<double>(union_size);
    case QGramMeasure::kDice:
      return 2.0 * static_cast<double>(intersection) / static_cast<double>(size_a + size_b);
    case QGramMeasure::kCosine:
      return dot / (std::sqrt(norm2_a) * std::sqrt(norm2_b));
  }
  return 0.0;
}

/// The code points Python's str.isspace() accepts, listed.
inline bool IsPythonSpace(char32_t c) {
  static const std::u32string kSpaces =
      U"\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
      U"\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  return kSpaces.find(c) != std::u32string::npos;
}

/// Python's s.split(): runs of non-space characters; bytes from 0x80 up are never spaces.
template <typename CharT>
std::vector<std::basic_string<CharT>> Split(std::basic_string_view<CharT> s) {
  std::vector<std::basic_string<CharT>> tokens(1);
  for (CharT c : s) {
    const auto code = static_cast<char32_t>(sizeof(CharT) == 1 ? static_cast<unsigned char>(c)
                                                               : static_cast<char32_t>(c));
    const bool space = (sizeof(CharT) == 1 && code >= 0x80) ? false : IsPythonSpace(code);
    if (space) {
      if (!tokens.back().empty()) tokens.emplace_back();
    } else {
      tokens.back().push_back(c);
    }
  }
  if (tokens.back().empty()) tokens.pop_back();
  return tokens;
}

/// The tokens joined by single spaces.
template <typename CharT, typename Tokens>
std::basic_string<CharT> Join(const Tokens& tokens) {
  std::basic_string<CharT> joined;
  bool first = true;
  for (const auto& token : tokens) {
    if (!first) joined.push_back(CharT{' '});
    joined += token;
    first = false;
  }
  return joined;
}

/// fuzz.token_sort_ratio / 100: the Indel similarity of the sorted tokens joined by spaces.
template <typename CharT>
double TokenSortRatio(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  auto ta = Split(a);
  auto tb = Split(b);
  std::sort(ta.begin(), ta.end());
  std::sort(tb.begin(), tb.end());
  const std::basic_string<CharT> ja = Join<CharT>(ta);
  const std::basic_string<CharT> jb = Join<CharT>(tb);
  return IndelSimilarity(std::basic_string_view<CharT>(ja), std::basic_string_view<CharT>(jb));
}

/// fuzz.token_set_ratio / 100 as FuzzyWuzzy first wrote it: the best of three Indel
/// similarities among t0 = shared, t1 = shared + only a, t2 = shared + only b, built as
/// strings; 1 when one token set holds the other and they share a token; 0 without tokens.
template <typename CharT>
double TokenSetRatio(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  using String = std::basic_string<CharT>;
  using View = std::basic_string_view<CharT>;
  const auto split_a = Split(a);
  const auto split_b = Split(b);
  const std::set<String> sa(split_a.begin(), split_a.end());
  const std::set<String> sb(split_b.begin(), split_b.end());
  if (sa.empty() || sb.empty()) return 0.0;
  std::vector<String> shared, only_a, only_b;
  for (const String& t : sa) (sb.count(t) ? shared : only_a).push_back(t);
  for (const String& t : sb) {
    if (!sa.count(t)) only_b.push_back(t);
  }
  if (!shared.empty() && (only_a.empty() || only_b.empty())) return 1.0;
  const String t0 = Join<CharT>(shared);
  const String da = Join<CharT>(only_a);
  const String db = Join<CharT>(only_b);
  const String t1 = t0.empty() ? da : t0 + CharT{' '} + da;
  const String t2 = t0.empty() ? db : t0 + CharT{' '} + db;
  double best = IndelSimilarity(View(t1), View(t2));
  if (!t0.empty()) {
    best =
        std::max({best, IndelSimilarity(View(t0), View(t1)), IndelSimilarity(View(t0), View(t2))});
  }
  return best;
}

enum class MongeElkanInner { kJaroWinkler, kLevenshtein, kIndel, kJaccard2 };

/// Monge-Elkan: the mean over the tokens of a of the best inner similarity against b's tokens.
template <typename CharT>
double MongeElkan(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                  MongeElkanInner inner, bool symmetric) {
  using View = std::basic_string_view<CharT>;
  const auto ta = Split(a);
  const auto tb = Split(b);
  if (ta.empty() || tb.empty()) return ta.empty() && tb.empty() ? 1.0 : 0.0;
  auto similarity = [&](View x, View y) {
    switch (inner) {
      case MongeElkanInner::kJaroWinkler:
        return JaroWinkler(x, y);
      case MongeElkanInner::kLevenshtein:
        return LevenshteinSimilarity(x, y);
      case MongeElkanInner::kIndel:
        return IndelSimilarity(x, y);
      case MongeElkanInner::kJaccard2:
        return QGramSimilarity(x, y, 2, true, QGramMeasure::kJaccard);
    }
    return 0.0;
  };
  auto one_way = [&](const auto& from, const auto& to) {
    double sum = 0;
    for (const auto& x : from) {
      double best = 0;
      for (const auto& y : to) best = std::max(best, similarity(View(x), View(y)));
      sum += best;
    }
    return sum / static_cast<double>(from.size());
  };
  const double forward = one_way(ta, tb);
  return symmetric ? (forward + one_way(tb, ta)) / 2.0 : forward;
}

/// Random strings over a small alphabet, so that pairs share many characters, and pairs made
/// by editing one string a little, so that distances are small and cutoffs bite.
template <typename CharT>
class RandomStrings {
 public:
  RandomStrings(std::vector<CharT> alphabet, unsigned seed)
      : alphabet_(std::move(alphabet)), rng_(seed) {}

  std::basic_string<CharT> String(size_t max_length) {
    std::basic_string<CharT> s(Uniform(0, max_length), CharT{});
    for (CharT& c : s) c = Letter();
    return s;
  }

  /// `s` after up to `max_edits` random insertions, deletions, substitutions and adjacent
  /// transpositions.
  std::basic_string<CharT> Edited(std::basic_string<CharT> s, size_t max_edits) {
    const size_t edits = Uniform(0, max_edits);
    for (size_t e = 0; e < edits; ++e) {
      const size_t kind = Uniform(0, 3);
      if (kind == 0 || s.empty()) {
        s.insert(s.begin() + Uniform(0, s.size()), Letter());
      } else if (kind == 1) {
        s.erase(s.begin() + Uniform(0, s.size() - 1));
      } else if (kind == 2) {
        s[Uniform(0, s.size() - 1)] = Letter();
      } else if (s.size() >= 2) {
        const size_t i = Uniform(0, s.size() - 2);
        std::swap(s[i], s[i + 1]);
      }
    }
    return s;
  }

  /// A pair: half the time unrelated strings, half the time a string and an edit of it.
  std::pair<std::basic_string<CharT>, std::basic_string<CharT>> Pair(size_t max_length) {
    std::basic_string<CharT> a = String(max_length);
    if (Uniform(0, 1) == 0) return {a, String(max_length)};
    return {a, Edited(a, 1 + a.size() / 4)};
  }

  size_t Uniform(size_t lo, size_t hi) {
    return std::uniform_int_distribution<size_t>(lo, hi)(rng_);
  }

 private:
  CharT Letter() { return alphabet_[Uniform(0, alphabet_.size() - 1)]; }

  std::vector<CharT> alphabet_;
  std::mt19937_64 rng_;
};

/// A string as a test failure should show it: bytes escaped, code points in hex.
inline std::string Printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    }
  }
  return out + "\"";
}
inline std::string Printable(std::u32string_view s) {
  std::string out = "U\"";
  for (char32_t c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      char buffer[16];
      std::snprintf(buffer, sizeof(buffer), "\\U%08x", static_cast<unsigned>(c));
      out += buffer;
    }
  }
  return out + "\"";
}

/// The alphabets of the property tests.
inline std::vector<char> SmallAsciiAlphabet() { return {'a', 'b', 'c', 'd'}; }
inline std::vector<char> BytesAlphabet() {
  // Bytes above 0x7f (UTF-8 continuation bytes) check that masks index by unsigned char.
  return {'a', 'e', 'n', ' ', '\x80', '\xc3', '\xa9', '\xff'};
}
inline std::vector<char32_t> LatinDiacriticsAlphabet() {
  return {U'a', U'á', U'à', U'ä', U'e', U'é', U'ø', U'ö', U'ł', U'ß', U'ñ', U'n'};
}
inline std::vector<char32_t> CyrillicAlphabet() {
  return {U'а', U'д', U'и', U'м', U'р', U'т', U'й', U'ё'};
}
inline std::vector<char32_t> CjkAlphabet() { return {U'王', U'李', U'张', U'刘', U'陈', U'杨'}; }
/// Alphabets with spaces, for the token metrics: ASCII, and code points with the no-break
/// space, the ideographic space and a tab among the letters.
inline std::vector<char> AsciiWordsAlphabet() { return {'a', 'b', 'n', 'o', ' ', ' ', '\t'}; }
inline std::vector<char32_t> UnicodeWordsAlphabet() {
  return {U'a', U'ä', U'ł', U'ж', U'李', U' ', U'\u00a0', U'\u3000', U'\t', U'n'};
}
/// Many distinct code points, several sharing a hash slot, some beyond the BMP: fills the
/// code-point mask table of a 64-character pattern and makes its probes collide.
inline std::vector<char32_t> WideAlphabet() {
  std::vector<char32_t> letters;
  for (char32_t c = 0x4E00; c < 0x4E00 + 90; ++c) letters.push_back(c);
  for (char32_t c = 0x1F600; c < 0x1F600 + 20; ++c) letters.push_back(c);
  letters.push_back(0);
  letters.push_back(0x10FFFF);
  return letters;
}

}  // namespace sameas::reference

#endif  // SAMEAS_TESTS_SIMILARITY_REFERENCE_H_
