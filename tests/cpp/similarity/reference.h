// Plain reference implementations of the similarity kernels, straight from the textbook
// definitions with no cutoffs, bit tricks or shortcuts, and the random strings the property
// tests feed to both. Slow on purpose: they are what the fast kernels are checked against.
#ifndef SAMEAS_TESTS_SIMILARITY_REFERENCE_H_
#define SAMEAS_TESTS_SIMILARITY_REFERENCE_H_

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <random>
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
