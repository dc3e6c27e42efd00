// Name parsing. A name goes through four steps:
//
// 1. Decorations out: NFC, bracketed and quoted text removed ("(she/her)", "\"Bob\""), the text
//    cut at the first separator that names use only around them (| • / @ ~ : ; an en dash, a
//    hyphen with a space beside it), keeping the first piece that holds a letter.
// 2. Chunks: runs of letters, marks, apostrophes, hyphens and periods; everything else
//    (spaces, digits, emoji, symbols) separates them, and the first comma is remembered.
// 3. Titles off the front and suffixes off the back, by their letters ("Dr." and "dr" are
//    both "dr"); short degrees ("S.H.", "MA") only after a comma or with a period inside, as
//    they are also names.
// 4. Order: "Family, Given"; an ALL-CAPS run among mixed-case words is the family name;
//    otherwise given first, family from the first particle (von, van, de, bin) or last word.
//
// Each word then becomes NameTokens: split at periods (each letter of "J.K." an initial) and
// hyphens (the two parts of "Nowak-Kowalska"), in folded, diacritics-kept and German forms.
#include "sameas/prepare/names.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "internal/strings.h"
#include "prepare/embedded_name_tables.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

// ---------------------------------------------------------------------------------------------
// Word lists. Keys are folded letters only: "Dr." -> "dr", "S.Kom." -> "skom", "Inż." -> "inz".

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view key) {
  return std::find(std::begin(list), std::end(list), key) != std::end(list);
}

// Titles and forms of address, removed from the front.
constexpr std::string_view kTitles[] = {
    "dr",    "prof",  "ing",  "inz",  "mgr",   "lic",    "dipl",   "mag",  "bc",    "mudr",
    "judr",  "mr",    "mrs",  "ms",   "miss",  "mx",     "mister", "sir",  "dame",  "lord",
    "lady",  "rev",   "fr",   "herr", "frau",  "pan",    "pani",   "panna", "bapak", "bpk",
    "pak",   "ibu",   "bu",   "sdr",  "sdri",  "hj",     "haji",   "hajjah", "drs",  "dra",
    "ir",    "dott",  "ifj",  "id",   "ozv",   "profesor", "professor", "doktor", "madame",
    "monsieur", "dipling", "diplkfm", "diplinf", "diploec"};
// Words that continue a title ("dr hab.", "Dr. med.", "dr n. med.", "Mgr inż."), removed
// only right after one.
constexpr std::string_view kTitleContinuations[] = {
    "hab", "habil", "med", "rer", "nat", "phil", "jur", "oec", "hc", "n", "inz", "dent",
    "dipling", "ing"};
// Suffixes removed from the back wherever they stand.
constexpr std::string_view kSuffixes[] = {
    "jr",  "jnr", "sr",   "snr",  "ii",   "iii",  "iv",   "phd", "mba",  "msc", "bsc", "esq",
    "llm", "mph", "dphil", "meng", "beng", "bba", "cpa", "mbbs", "frcs", "dds", "dvm"};
// Degrees that are also names or words ("Ma", "Se", "St"): removed from the back only after
// a comma or when written with a period inside ("S.H.", "M.A.").
constexpr std::string_view kShortDegrees[] = {
    "ma",  "ba",   "md",  "se",  "sh",   "st",  "sp",  "mm",   "mt",  "mh",
    "si",  "ssi",  "msi", "skom", "mkom", "spd", "mpd", "sked", "sag", "amd",
    "ak",  "apt",  "sos", "ssos", "ir",  "dr",  "mgr", "inz",  "sc",  "ms"};
// Particles that begin a family name ("Ludwig van Beethoven", "Ahmad bin Salim").
constexpr std::string_view kParticles[] = {
    "von", "van", "vom", "zu",  "zum", "zur", "der", "den", "de",  "del", "della", "dela", "di",
    "da",  "dos", "das", "do",  "du",  "des", "la",  "le",  "ten", "ter", "bin",  "binti", "ibn",
    "al"};

// ---------------------------------------------------------------------------------------------
// ICU helpers.

[[noreturn]] void DieIcu(const char* what, UErrorCode status) {
  std::fprintf(stderr, "sameas: names: %s failed with %s; is ICU's data library installed?\n",
               what, u_errorName(status));
  std::abort();
}

const icu::Normalizer2& Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) DieIcu("getting the NFC normaliser", status);
    return n;
  }();
  return *nfc;
}

const icu::Normalizer2& NfkcCasefold() {
  static const icu::Normalizer2* fold = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) DieIcu("getting the NFKC_Casefold normaliser", status);
    return n;
  }();
  return *fold;
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool IsLetterOrMark(UChar32 c) { return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK)) != 0; }
bool IsLetter(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_L_MASK) != 0; }
bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == '`' || c == 0x00B4;
}
bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsDash(UChar32 c) { return c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212; }
bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == '_'; }
// Characters that end the name part of a display name: "Jan Kowalski | Marketing".
bool IsSegmentBreak(UChar32 c) {
  switch (c) {
    case '|': case 0x00A6: case 0x2022: case 0x00B7: case 0x2027: case 0x2219: case '~':
    case '/': case '\\': case '@': case '#': case ':': case ';': case '!': case '?': case '+':
    case '=': case '*': case 0x2014: case 0x2013: case 0x2015: case 0xFF5C: case 0x30FB:
      return true;
    default:
      return false;
  }
}
bool IsOpenBracket(UChar32 c) { return c == '(' || c == '[' || c == '{' || c == '<' || c == 0xFF08; }
bool IsCloseBracket(UChar32 c) { return c == ')' || c == ']' || c == '}' || c == '>' || c == 0xFF09; }
bool IsDoubleQuote(UChar32 c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB;
}

// Lower-case ASCII letters and digits of the folded text.
std::string FoldAlnum(std::string_view utf8) {
  std::string folded = FoldText(utf8);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Step 1: decorations.

// The first segment of the name that holds a letter, with bracketed and quoted text removed.
icu::UnicodeString NamePart(const icu::UnicodeString& text) {
  // Quoted text is removed only when quotes pair up; a lone quote is a separator.
  int quotes = 0;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    quotes += IsDoubleQuote(c) ? 1 : 0;
  }
  const bool drop_quoted = quotes >= 2;
  icu::UnicodeString segment;
  bool segment_has_letter = false;
  int depth = 0;
  bool in_quote = false;
  const int32_t n = text.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = text.char32At(i);
    const int32_t next = i + U16_LENGTH(c);
    if (IsOpenBracket(c)) {
      ++depth;
    } else if (IsCloseBracket(c)) {
      if (depth > 0) --depth;
      segment.append(static_cast<UChar32>(' '));
    } else if (drop_quoted && IsDoubleQuote(c)) {
      in_quote = !in_quote;
      segment.append(static_cast<UChar32>(' '));
    } else if (depth > 0 || in_quote) {
      // inside brackets or quotes: dropped
    } else {
      bool is_break = IsSegmentBreak(c) || IsDash(c);
      if (IsHyphen(c)) {
        // A hyphen joins two words only with letters on both sides: "Nowak-Kowalska", not
        // "Jan Kowalski - CEO".
        UChar32 before = i > 0 ? text.char32At(i - 1) : ' ';
        UChar32 after = next < n ? text.char32At(next) : ' ';
        is_break = IsSpace(before) || IsSpace(after);
      }
      if (is_break) {
        if (segment_has_letter) return segment;
        segment.remove();
      } else {
        segment.append(c);
        segment_has_letter |= IsLetter(c);
      }
    }
    i = next;
  }
  if (!segment_has_letter) segment.remove();
  return segment;
}

// ---------------------------------------------------------------------------------------------
// Step 2: chunks.

struct Chunk {
  icu::UnicodeString text;  // letters, marks, apostrophes, hyphens, periods
  std::string key;          // folded letters and digits only
  int letters = 0;
  bool has_lower = false;
  bool has_upper = false;
  bool has_period = false;
  bool inner_period = false;  // a period with a letter after it: "S.Kom", "J.K."
  bool after_comma = false;

  bool all_caps() const { return letters >= 2 && has_upper && !has_lower; }
};

void Finish(Chunk* chunk, std::vector<Chunk>* out) {
  if (chunk->letters > 0) {
    chunk->key = FoldAlnum(ToUtf8(chunk->text));
    if (!chunk->key.empty()) out->push_back(std::move(*chunk));
  }
  *chunk = Chunk{};
}

// Splits the name part into chunks; `*comma` is the index of the first chunk after the first
// comma, or -1.
std::vector<Chunk> Chunks(const icu::UnicodeString& text, int* comma) {
  std::vector<Chunk> chunks;
  Chunk chunk;
  *comma = -1;
  bool seen_comma = false;
  const int32_t n = text.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (IsLetterOrMark(c)) {
      if (chunk.has_period && IsLetter(c)) chunk.inner_period = true;
      chunk.text.append(c);
      if (IsLetter(c)) {
        ++chunk.letters;
        chunk.has_lower |= u_isULowercase(c) != 0;
        chunk.has_upper |= u_isUUppercase(c) || u_istitle(c);
      }
    } else if ((IsApostrophe(c) || IsHyphen(c)) && chunk.letters > 0) {
      chunk.text.append(c);
    } else if (c == '.' && chunk.letters > 0) {
      chunk.text.append(c);
      chunk.has_period = true;
    } else {
      Finish(&chunk, &chunks);
      chunk.after_comma = seen_comma;
      if (c == ',' || c == 0xFF0C || c == 0x060C || c == 0x3001) {
        if (!seen_comma) *comma = static_cast<int>(chunks.size());
        seen_comma = true;
        chunk.after_comma = true;
      }
    }
  }
  Finish(&chunk, &chunks);
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Step 3: titles and suffixes.

bool IsSuffix(const Chunk& c) {
  if (In(kSuffixes, c.key)) return true;
  return In(kShortDegrees, c.key) && (c.after_comma || c.inner_period);
}

// Removes titles from the front of [begin, end) and suffixes from its back, keeping one chunk.
void StripTitlesAndSuffixes(const std::vector<Chunk>& chunks, size_t* begin, size_t* end) {
  bool after_title = false;
  while (*end - *begin > 1) {
    const Chunk& c = chunks[*begin];
    if (In(kTitles, c.key) || (after_title && In(kTitleContinuations, c.key))) {
      ++*begin;
      after_title = true;
    } else {
      break;
    }
  }
  while (*end - *begin > 1 && IsSuffix(chunks[*end - 1])) --*end;
}

// ---------------------------------------------------------------------------------------------
// Tokens.

bool HasGermanLetter(const icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length(); ++i) {
    switch (s.charAt(i)) {
      case 0x00E4: case 0x00F6: case 0x00FC: case 0x00C4: case 0x00D6: case 0x00DC:
        return true;
      default:
        break;
    }
  }
  return false;
}

icu::UnicodeString GermanTransliteration(const icu::UnicodeString& s) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < s.length(); ++i) {
    UChar c = s.charAt(i);
    switch (c) {
      case 0x00E4: out.append(u"ae"); break;
      case 0x00F6: out.append(u"oe"); break;
      case 0x00FC: out.append(u"ue"); break;
      case 0x00C4: out.append(u"Ae"); break;
      case 0x00D6: out.append(u"Oe"); break;
      case 0x00DC: out.append(u"Ue"); break;
      default: out.append(c);
    }
  }
  return out;
}

// One piece of a chunk (no periods, no hyphens) as a token; false when nothing is left.
bool MakeToken(const icu::UnicodeString& piece, bool initial, NameToken* token) {
  icu::UnicodeString clean;
  int letters = 0;
  bool ascii = true;
  for (int32_t i = 0; i < piece.length();) {
    UChar32 c = piece.char32At(i);
    i += U16_LENGTH(c);
    if (IsApostrophe(c)) continue;
    clean.append(c);
    letters += IsLetter(c) ? 1 : 0;
    ascii &= c < 0x80;
  }
  if (letters == 0) return false;
  const std::string utf8 = ToUtf8(clean);
  token->folded = FoldAlnum(utf8);
  if (token->folded.empty()) return false;
  token->german.clear();
  token->initial = initial || letters == 1;
  token->particle = false;
  if (ascii) {
    // Letters only (apostrophes are gone): case folding is all NFKC_Casefold would do.
    token->diacritics = token->folded;
    return true;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString casefolded = NfkcCasefold().normalize(clean, status);
  if (U_FAILURE(status)) DieIcu("NFKC_Casefold", status);
  token->diacritics = ToUtf8(casefolded);
  if (HasGermanLetter(clean)) {
    std::string german = FoldAlnum(ToUtf8(GermanTransliteration(clean)));
    if (german != token->folded) token->german = std::move(german);
  }
  return true;
}

// The tokens of one chunk: periods split initials ("J.K." -> j, k), hyphens split compounds.
void AppendTokens(const Chunk& chunk, std::vector<NameToken>* out) {
  const icu::UnicodeString& text = chunk.text;
  icu::UnicodeString piece;
  auto flush = [&](bool period_after) {
    if (piece.isEmpty()) return;
    NameToken token;
    int letters = 0;
    for (int32_t i = 0; i < piece.length();) {
      UChar32 c = piece.char32At(i);
      i += U16_LENGTH(c);
      letters += IsLetter(c) ? 1 : 0;
    }
    if (MakeToken(piece, period_after && letters == 1, &token)) out->push_back(std::move(token));
    piece.remove();
  };
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (c == '.') {
      flush(true);
    } else if (IsHyphen(c)) {
      flush(false);
    } else {
      piece.append(c);
    }
  }
  flush(false);
}

std::vector<NameToken> TokensOf(const std::vector<Chunk>& chunks, size_t begin, size_t end,
                                bool family) {
  std::vector<NameToken> tokens;
  for (size_t i = begin; i < end; ++i) AppendTokens(chunks[i], &tokens);
  if (family) {
    // A particle is part of the family name, not a word to match on, unless it is all there
    // is ("Van" alone stays a name).
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      tokens[i].particle = In(kParticles, tokens[i].folded);
    }
  }
  return tokens;
}

bool SameWords(const std::vector<NameToken>& a, const std::vector<NameToken>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].folded != b[i].folded) return false;
  }
  return true;
}

// A name whose words are all one ("Banawi Banawi") or that has one word is a mononym, held
// in `given`.
void MarkMononym(ParsedName* name) {
  std::vector<NameToken> all = name->given;
  all.insert(all.end(), name->family.begin(), name->family.end());
  if (all.empty()) return;
  bool one = true;
  for (const auto& t : all) one &= t.folded == all[0].folded;
  if (!one) return;
  name->given = {all[0]};
  name->given[0].particle = false;
  name->family.clear();
  name->mononym = true;
}

// Chunks of one field, decorations removed; `comma` as in Chunks().
std::vector<Chunk> FieldChunks(std::string_view text, int* comma) {
  icu::UnicodeString raw = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // ASCII is in NFC already.
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return Chunks(NamePart(raw), comma);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString nfc = Nfc().normalize(raw, status);
  if (U_FAILURE(status)) DieIcu("NFC normalisation", status);
  return Chunks(NamePart(nfc), comma);
}

bool IsInitialChunk(const Chunk& c) { return c.letters == 1 || (c.inner_period && c.letters <= 3); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// ParsedName.

std::string ParsedName::Folded() const {
  std::string out;
  for (const auto* part : {&given, &family}) {
    for (const auto& token : *part) {
      if (!out.empty()) out.push_back(' ');
      out.append(token.folded);
    }
  }
  return out;
}

std::string ParsedName::WithDiacritics() const {
  std::string out;
  for (const auto* part : {&given, &family}) {
    for (const auto& token : *part) {
      if (!out.empty()) out.push_back(' ');
      out.append(token.diacritics);
    }
  }
  return out;
}

ParsedName ParseName(std::string_view text, NameField field) {
  ParsedName name;
  int comma = -1;
  std::vector<Chunk> chunks = FieldChunks(text, &comma);
  if (chunks.empty()) return name;
  if (field != NameField::kFull) {
    size_t begin = 0, end = chunks.size();
    StripTitlesAndSuffixes(chunks, &begin, &end);
    if (field == NameField::kGiven) {
      name.given = TokensOf(chunks, begin, end, false);
    } else {
      name.family = TokensOf(chunks, begin, end, true);
    }
    return name;
  }

  // "Kowalski, Jan": family before the first comma, given after it, unless all that follows
  // the comma is suffixes ("Jan Kowalski, MBA").
  if (comma > 0 && comma < static_cast<int>(chunks.size())) {
    size_t after_begin = comma, after_end = chunks.size();
    while (after_end > after_begin && IsSuffix(chunks[after_end - 1])) --after_end;
    if (after_end > after_begin) {
      size_t before_begin = 0, before_end = comma;
      StripTitlesAndSuffixes(chunks, &before_begin, &before_end);
      StripTitlesAndSuffixes(chunks, &after_begin, &after_end);
      name.family = TokensOf(chunks, before_begin, before_end, true);
      name.given = TokensOf(chunks, after_begin, after_end, false);
      name.family_first = true;
      if (name.given.empty() || name.family.empty()) name.family_first = false;
      MarkMononym(&name);
      return name;
    }
    chunks.resize(comma);
  }

  size_t begin = 0, end = chunks.size();
  StripTitlesAndSuffixes(chunks, &begin, &end);
  const size_t n = end - begin;
  if (n == 1) {
    name.given = TokensOf(chunks, begin, end, false);
    MarkMononym(&name);
    return name;
  }

  // An ALL-CAPS run among mixed-case words is the family name: "KOWALSKI Jan", "Jan KOWALSKI".
  size_t caps = 0, mixed = 0;
  for (size_t i = begin; i < end; ++i) {
    if (IsInitialChunk(chunks[i])) continue;
    if (chunks[i].all_caps()) {
      ++caps;
    } else if (chunks[i].has_lower) {
      ++mixed;
    }
  }
  if (caps > 0 && mixed > 0) {
    size_t lead = 0, trail = 0;
    while (begin + lead < end && chunks[begin + lead].all_caps()) ++lead;
    while (trail < n && chunks[end - 1 - trail].all_caps()) ++trail;
    if (lead == caps) {
      name.family = TokensOf(chunks, begin, begin + lead, true);
      name.given = TokensOf(chunks, begin + lead, end, false);
      name.family_first = true;
    } else if (trail == caps) {
      name.given = TokensOf(chunks, begin, end - trail, false);
      name.family = TokensOf(chunks, end - trail, end, true);
    }
    if (!name.empty()) {
      MarkMononym(&name);
      return name;
    }
  }

  // Given names first; the family name from the first particle after the first word, or the
  // last word.
  size_t family_begin = end - 1;
  for (size_t i = begin + 1; i + 1 < end; ++i) {
    if (In(kParticles, chunks[i].key)) {
      family_begin = i;
      break;
    }
  }
  name.given = TokensOf(chunks, begin, family_begin, false);
  name.family = TokensOf(chunks, family_begin, end, true);
  MarkMononym(&name);
  return name;
}

ParsedName ParseNameParts(std::string_view given, std::string_view family) {
  ParsedName name;
  int comma = -1;
  std::vector<Chunk> g = FieldChunks(given, &comma);
  std::vector<Chunk> f = FieldChunks(family, &comma);
  // Family and given swapped and marked by capitals: given "KOWALSKI", family "Jan".
  auto all_caps = [](const std::vector<Chunk>& chunks) {
    if (chunks.empty()) return false;
    for (const auto& c : chunks) {
      if (!c.all_caps()) return false;
    }
    return true;
  };
  auto has_lower = [](const std::vector<Chunk>& chunks) {
    for (const auto& c : chunks) {
      if (c.has_lower) return true;
    }
    return false;
  };
  if (all_caps(g) && has_lower(f) && !all_caps(f)) {
    std::swap(g, f);
    name.family_first = true;
  }
  size_t gb = 0, ge = g.size(), fb = 0, fe = f.size();
  if (ge > 0) StripTitlesAndSuffixes(g, &gb, &ge);
  if (fe > 0) StripTitlesAndSuffixes(f, &fb, &fe);
  name.given = TokensOf(g, gb, ge, false);
  name.family = TokensOf(f, fb, fe, true);
  if (name.given.empty() || name.family.empty()) name.family_first = false;
  if (SameWords(name.given, name.family)) name.family.clear();
  MarkMononym(&name);
  return name;
}

// ---------------------------------------------------------------------------------------------
// Spelling variants and stems.

bool ShowsOldSpelling(std::string_view w) {
  for (std::string_view mark : {"oe", "dj", "tj", "nj", "sj"}) {
    if (w.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

std::string RespellName(std::string_view w, bool old_name) {
  static constexpr std::string_view kMuhammad[] = {
      "mohammad", "mohammed", "mohamed", "mohamad",  "muhamad",  "muhammed", "muhamed",  "mohamud",
      "muhamaad", "mochammad", "mochamad", "mochamat", "muchammad", "muchamad", "mohd",   "moh",
      "muh",      "mhd",      "mochd",   "moch",     "muhammet", "mohammod", "muhamd",  "mohamd"};
  static constexpr std::string_view kAhmad[] = {"achmad", "akhmad", "ahmed", "achmat",
                                                             "ahmat",  "achmed"};
  if (In(kMuhammad, w)) return "muhammad";
  if (In(kAhmad, w)) return "ahmad";
  if (!old_name && !ShowsOldSpelling(w)) return std::string(w);
  // The old j is today's y, except in the digraphs dj, tj, nj, sj, which are rewritten next.
  std::string s(w);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 'j') continue;
    const char before = i > 0 ? s[i - 1] : ' ';
    if (before != 'd' && before != 't' && before != 'n' && before != 's') s[i] = 'y';
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i], next = i + 1 < s.size() ? s[i + 1] : ' ';
    if (c == 'o' && next == 'e') {
      out.push_back('u');
      ++i;
    } else if (c == 'd' && next == 'j') {
      out.push_back('j');
      ++i;
    } else if (c == 't' && next == 'j') {
      out.push_back('c');
      ++i;
    } else if ((c == 'n' || c == 's') && next == 'j') {
      out.push_back(c);
      out.push_back('y');
      ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string FamilyStem(std::string_view folded, std::string_view diacritics) {
  auto ends = [&](std::string_view suffix) {
    return folded.size() > suffix.size() + 2 && folded.ends_with(suffix);
  };
  std::string s(folded);
  // Czech: Nováková -> novak (the feminine adds -ová to the masculine).
  if (diacritics.ends_with("ová") && folded.size() >= 6) return s.substr(0, s.size() - 3);
  // Polish adjectival names: -ska/-cka/-dzka are the feminine of -ski/-cki/-dzki.
  if (ends("ska") || ends("cka") || ends("zka")) {
    s.back() = 'i';
    return s;
  }
  // Russian and Bulgarian: Ivanova -> ivanov, Petreva -> petrev.
  if (ends("ova") || ends("eva")) {
    s.pop_back();
    return s;
  }
  // Polish -ny/-na after a consonant (Czarny/Czarna); not after a vowel (Malina, Permana).
  if (ends("na")) {
    const char before = s[s.size() - 3];
    if (std::string_view("aeiouy").find(before) == std::string_view::npos) {
      s.back() = 'y';
      return s;
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// NameTables.

namespace {

// Fields of one CSV line; the shipped tables quote nothing, but a quoted field is read right.
std::vector<std::string> CsvFields(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

}  // namespace

NameTables NameTables::FromCsv(const std::vector<std::pair<std::string, std::string>>& files) {
  NameTables tables;
  absl::flat_hash_map<std::string, uint32_t> group_ids;
  // name -> its groups, in order of first appearance.
  absl::flat_hash_map<std::string, std::vector<uint32_t>> memberships;
  auto group_of = [&](const std::string& formal) {
    auto [it, inserted] = group_ids.try_emplace(formal, 0);
    if (inserted) {
      tables.group_names_.push_back(formal);
      it->second = static_cast<uint32_t>(tables.group_names_.size());
    }
    return it->second;
  };
  auto join = [&](const std::string& name, uint32_t group) {
    auto& list = memberships[name];
    if (std::find(list.begin(), list.end(), group) == list.end()) list.push_back(group);
  };
  for (const auto& [file_name, text] : files) {
    std::vector<std::string_view> lines = internal::Split(text, '\n');
    if (lines.empty()) continue;
    std::vector<std::string> header = CsvFields(lines[0]);
    // "formal,gender,diminutive" or "name1,relationship,name2": formal first, nickname third.
    const bool relationship = header.size() >= 2 && header[1] == "relationship";
    for (size_t i = 1; i < lines.size(); ++i) {
      std::vector<std::string> fields = CsvFields(lines[i]);
      if (fields.size() < 3) continue;
      if (relationship && fields[1] != "has_nickname") continue;
      std::string formal = FoldAlnum(fields[0]), nickname = FoldAlnum(fields[2]);
      if (formal.empty() || nickname.empty()) continue;
      const uint32_t group = group_of(formal);
      join(formal, group);
      if (nickname != formal) join(nickname, group);
    }
  }
  tables.names_.reserve(memberships.size());
  for (auto& [name, list] : memberships) tables.names_.push_back({name, Entry{}});
  std::sort(tables.names_.begin(), tables.names_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [name, entry] : tables.names_) {
    std::vector<uint32_t> list = memberships[name];
    std::sort(list.begin(), list.end());
    entry.begin = static_cast<uint32_t>(tables.groups_.size());
    tables.groups_.insert(tables.groups_.end(), list.begin(), list.end());
    entry.end = static_cast<uint32_t>(tables.groups_.size());
  }
  return tables;
}

const NameTables& NameTables::Get() {
  static const NameTables* tables = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (size_t i = 0; i < internal::kNumEmbeddedNameTables; ++i) {
      const auto& file = internal::kEmbeddedNameTables[i];
      // faker/ holds name lists, not nickname tables (NameLexicon reads them).
      if (std::string_view(file.name).starts_with("faker/")) continue;
      files.emplace_back(file.name, std::string(file.data, file.size));
    }
    return new NameTables(FromCsv(files));
  }();
  return *tables;
}

const NameTables::Entry* NameTables::Find(std::string_view folded) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), folded,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it == names_.end() || it->first != folded) return nullptr;
  return &it->second;
}

std::span<const uint32_t> NameTables::Groups(std::string_view folded) const {
  const Entry* entry = Find(folded);
  if (entry == nullptr) return {};
  return {groups_.data() + entry->begin, entry->end - entry->begin};
}

std::string_view NameTables::GroupName(uint32_t group) const {
  if (group == 0 || group > group_names_.size()) return {};
  return group_names_[group - 1];
}

}  // namespace sameas
