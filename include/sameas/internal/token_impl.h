// Templates behind sameas/similarity/token_ratio.h and monge_elkan.h, over the character type:
// `char` for bytes, `char32_t` for code points. Whitespace tokenisation, and the token sort and
// token set ratios built on the Indel similarity.
#ifndef SAMEAS_INTERNAL_TOKEN_IMPL_H_
#define SAMEAS_INTERNAL_TOKEN_IMPL_H_

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "sameas/internal/indel_impl.h"

namespace sameas::internal {

/// Whitespace as Python's str.split() sees it: the characters with str.isspace(), which are
/// Unicode's White_Space plus the ASCII information separators U+001C..U+001F. Bytes are read
/// as ASCII: no byte from 0x80 up is a space.
inline bool IsSpace(char32_t c) noexcept {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
inline bool IsSpace(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x80 && IsSpace(static_cast<char32_t>(byte));
}

/// The maximal runs of non-space characters of `s`, in order: Python's s.split().
template <typename CharT>
std::vector<std::basic_string_view<CharT>> Tokenize(std::basic_string_view<CharT> s) {
  std::vector<std::basic_string_view<CharT>> tokens;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    const size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
  }
  return tokens;
}

/// The tokens joined by single spaces.
template <typename CharT>
std::basic_string<CharT> JoinTokens(const std::vector<std::basic_string_view<CharT>>& tokens) {
  std::basic_string<CharT> joined;
  size_t length = tokens.empty() ? 0 : tokens.size() - 1;
  for (const auto& token : tokens) length += token.size();
  joined.reserve(length);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) joined.push_back(CharT{' '});
    joined.append(tokens[i]);
  }
  return joined;
}

/// The length of JoinTokens(tokens), without joining.
template <typename CharT>
size_t JoinedLength(const std::vector<std::basic_string_view<CharT>>& tokens) noexcept {
  size_t length = tokens.empty() ? 0 : tokens.size() - 1;
  for (const auto& token : tokens) length += token.size();
  return length;
}

/// IndelSimilarity of the two strings with their tokens sorted (by code point) and joined by
/// single spaces.
template <typename CharT>
double TokenSortRatio(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  auto tokens_a = Tokenize(a);
  auto tokens_b = Tokenize(b);
  std::sort(tokens_a.begin(), tokens_a.end());
  std::sort(tokens_b.begin(), tokens_b.end());
  const std::basic_string<CharT> sorted_a = JoinTokens(tokens_a);
  const std::basic_string<CharT> sorted_b = JoinTokens(tokens_b);
  return IndelSimilarity(std::basic_string_view<CharT>(sorted_a),
                         std::basic_string_view<CharT>(sorted_b));
}

/// The token set ratio. With S the sorted distinct tokens both strings share, and D_a, D_b the
/// sorted distinct tokens only `a` (only `b`) has, each joined by spaces, and
/// t0 = S, t1 = S + " " + D_a, t2 = S + " " + D_b (without the space when S is empty), it is
/// max(IndelSimilarity(t0, t1), IndelSimilarity(t0, t2), IndelSimilarity(t1, t2)); 1 when S is
/// not empty and one string's tokens are all in the other; 0 when either has no token.
/// The three strings share the prefix S, which the Indel distance never charges for, so the
/// first two need only lengths and the third only D_a against D_b.
template <typename CharT>
double TokenSetRatio(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  using View = std::basic_string_view<CharT>;
  auto tokens_a = Tokenize(a);
  auto tokens_b = Tokenize(b);
  if (tokens_a.empty() || tokens_b.empty()) return 0.0;
  std::sort(tokens_a.begin(), tokens_a.end());
  std::sort(tokens_b.begin(), tokens_b.end());
  tokens_a.erase(std::unique(tokens_a.begin(), tokens_a.end()), tokens_a.end());
  tokens_b.erase(std::unique(tokens_b.begin(), tokens_b.end()), tokens_b.end());
  std::vector<View> shared, only_a, only_b;
  std::set_intersection(tokens_a.begin(), tokens_a.end(), tokens_b.begin(), tokens_b.end(),
                        std::back_inserter(shared));
  std::set_difference(tokens_a.begin(), tokens_a.end(), tokens_b.begin(), tokens_b.end(),
                      std::back_inserter(only_a));
  std::set_difference(tokens_b.begin(), tokens_b.end(), tokens_a.begin(), tokens_a.end(),
                      std::back_inserter(only_b));
  if (!shared.empty() && (only_a.empty() || only_b.empty())) return 1.0;

  const std::basic_string<CharT> diff_a = JoinTokens(only_a);
  const std::basic_string<CharT> diff_b = JoinTokens(only_b);
  const size_t s = JoinedLength(shared);
  const size_t separator = s > 0 ? 1 : 0;
  const size_t t1 = s + separator + diff_a.size();
  const size_t t2 = s + separator + diff_b.size();
  // t1 against t2: S cancels, what remains is D_a against D_b.
  const size_t d12 = Indel(View(diff_a), View(diff_b), static_cast<size_t>(-1));
  double best = 1.0 - static_cast<double>(d12) / static_cast<double>(t1 + t2);
  if (s > 0) {
    // t0 is a prefix of t1: the distance is the part of t1 beyond it.
    best = std::max(best, 1.0 - static_cast<double>(t1 - s) / static_cast<double>(s + t1));
    best = std::max(best, 1.0 - static_cast<double>(t2 - s) / static_cast<double>(s + t2));
  }
  return best;
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_TOKEN_IMPL_H_
