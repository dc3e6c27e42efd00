// Handle and email parsing: see handles.h. A handle goes through four steps:
//
// 1. Chunks: "@" and a URL's path dropped; split at separators and camelCase; a LinkedIn-style
//    hexadecimal suffix dropped; each chunk folded to lower-case ASCII letters and digits.
// 2. Leetspeak: each chunk is read twice, once with the digits that can stand for letters
//    (inside a word, or at its front) as those letters, once with every digit a separator; the
//    reading whose words segment into better-known names wins ("k4sia" is kasia, "anna5nowak"
//    is anna + nowak).
// 3. Segmentation of each letter run into names, unknown pieces, initials and decorations
//    (SegmentWord), by dynamic programming over positions and phases.
// 4. The digits left are numbers; the last that reads as a plausible birth year is the year.
#include "sameas/prepare/handles.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "internal/strings.h"
#include "prepare/embedded_name_tables.h"
#include "sameas/prepare/names.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

constexpr double kImpossible = -std::numeric_limits<double>::infinity();

// Decorations at either end of a handle word, folded. Two-letter ones (country codes, "xx",
// platform abbreviations) only after a known name ("kasiapl", "annaxx") or as a word of their
// own ("kasia.nowak.pl"): inside unknown letters they are more often part of a name ("wilde").
constexpr std::string_view kDecorations[] = {
    "the",   "real",  "its",    "iam",         "official", "offical", "xxx",  "hey",  "hello",
    "just",  "insta", "tiktok", "twitter",     "youtube",  "vlog",    "blog", "page", "fanpage",
    "music", "photo", "photos", "photography", "xx",       "pl",      "de",   "hu",   "id",
    "uk",    "us",    "at",     "ch",          "ig",       "yt",      "fb",   "tt",   "tv",
    "im",    "mr",    "mrs",    "ms",          "dr"};

bool IsDecoration(std::string_view word) {
  return std::find(std::begin(kDecorations), std::end(kDecorations), word) !=
         std::end(kDecorations);
}

// Digits that stand for letters in leetspeak.
char LeetLetter(char digit) {
  switch (digit) {
    case '4':
      return 'a';
    case '3':
      return 'e';
    case '1':
      return 'i';
    case '0':
      return 'o';
    case '5':
      return 's';
    case '7':
      return 't';
    default:
      return 0;
  }
}

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }

// Lower-case ASCII letters and digits of the folded text ('$' read as s).
std::string FoldHandleText(std::string_view utf8) {
  std::string folded = FoldText(utf8);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (IsLower(c) || IsDigit(c)) {
      out.push_back(c);
    } else if (c == '$') {
      out.push_back('s');
    }
  }
  return out;
}

// Phases of a segmentation: decorations in front; an initial in front, which a lexicon name
// must follow ("jkowalski", not the "x" of "xqzv"); the name, its last piece unknown; the name,
// its last piece a lexicon word; decorations or a last initial behind, which must follow a
// lexicon word ("kowalskij").
enum Phase {
  kFront = 0,
  kAfterInitial = 1,
  kBody = 2,
  kBodyAfterName = 3,
  kBack = 4,
  kNumPhases = 5
};

// The phase after a piece of `kind` (and `length`) in phase `from`, or -1 when not allowed.
int Next(int from, PieceKind kind, size_t length) {
  switch (kind) {
    case PieceKind::kName:
      return from == kBack ? -1 : kBodyAfterName;
    case PieceKind::kUnknown:
      return from == kBack || from == kAfterInitial ? -1 : kBody;
    case PieceKind::kInitial:
      if (from == kFront) return kAfterInitial;
      return from == kBodyAfterName ? kBack : -1;
    case PieceKind::kDecoration:
      if (from == kAfterInitial) return -1;
      if (length <= 2) return from == kBodyAfterName || from == kBack ? kBack : -1;
      return from == kFront ? kFront : kBack;
  }
  return -1;
}

// A segmentation may end in any phase but kAfterInitial, unless the initial is the whole word
// (the "n" of "kasia.n").
bool CanEnd(int phase, size_t pieces) { return phase != kAfterInitial || pieces == 1; }

// The score of one piece, or kImpossible when the kind does not fit the text.
double PieceScore(std::string_view text, PieceKind kind, const NameLexicon& lexicon) {
  const double n = static_cast<double>(text.size());
  switch (kind) {
    case PieceKind::kName:
      return text.size() >= 3 && lexicon.Kind(text) != 0 ? n * n : kImpossible;
    case PieceKind::kUnknown:
      return text.empty() ? kImpossible : -(n + 2);
    case PieceKind::kInitial:
      return text.size() == 1 ? 1 : kImpossible;
    case PieceKind::kDecoration:
      // As much as a lexicon word: "real" in "therealjan" beats the name Rea and an "l".
      return IsDecoration(text) ? n * n : kImpossible;
  }
  return kImpossible;
}

constexpr PieceKind kKinds[] = {PieceKind::kName, PieceKind::kUnknown, PieceKind::kInitial,
                                PieceKind::kDecoration};

// A German transliteration of lower-case UTF-8 umlauts (ä -> ae), for the lexicon.
std::string GermanUmlauts(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const unsigned char c = utf8[i];
    if (c == 0xC3 && i + 1 < utf8.size()) {
      const unsigned char d = utf8[i + 1];
      const char* with = d == 0xA4 || d == 0x84   ? "ae"
                         : d == 0xB6 || d == 0x96 ? "oe"
                         : d == 0xBC || d == 0x9C ? "ue"
                                                  : nullptr;
      if (with != nullptr) {
        out.append(with);
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// NameLexicon.

void NameLexicon::AddWord(std::string_view word, uint8_t kind) {
  for (const std::string& form : {FoldHandleText(word), FoldHandleText(GermanUmlauts(word))}) {
    if (form.size() < 3) continue;
    if (std::any_of(form.begin(), form.end(), IsDigit)) continue;
    words_[form] |= kind;
  }
  if (kind & kFamily) {
    // Polish feminine forms of adjectival family names: Kowalski -> Kowalska.
    std::string folded = FoldHandleText(word);
    if (folded.size() > 4 &&
        (folded.ends_with("ski") || folded.ends_with("cki") || folded.ends_with("zki"))) {
      folded.back() = 'a';
      words_[folded] |= kFamily;
    }
  }
}

NameLexicon NameLexicon::FromWords(const std::vector<std::string>& given,
                                   const std::vector<std::string>& family) {
  NameLexicon lexicon;
  for (const auto& word : given) lexicon.AddWord(word, kGiven);
  for (const auto& word : family) lexicon.AddWord(word, kFamily);
  return lexicon;
}

const NameLexicon& NameLexicon::Get() {
  static const NameLexicon* lexicon = [] {
    auto* out = new NameLexicon;
    for (size_t i = 0; i < internal::kNumEmbeddedNameTables; ++i) {
      const auto& file = internal::kEmbeddedNameTables[i];
      const std::string_view name = file.name;
      const std::string_view text(file.data, file.size);
      std::vector<std::string_view> lines = internal::Split(text, '\n');
      if (name.starts_with("faker/")) {
        // "name,weight": given names in first_names_*, family names in *last_names*.
        const uint8_t kind = name.find("last_names") != std::string_view::npos ? kFamily : kGiven;
        for (size_t l = 1; l < lines.size(); ++l) {
          std::string_view word = internal::Strip(lines[l].substr(0, lines[l].find(',')));
          // Faker's compound entries ("Hans-H.", "Koch II") add their words one by one.
          for (std::string_view part : internal::Split(word, '-')) {
            for (std::string_view w : internal::Split(part, ' ')) out->AddWord(w, kind);
          }
        }
      } else {
        // Nickname tables: formal name first, nickname third (both layouts).
        for (size_t l = 1; l < lines.size(); ++l) {
          std::vector<std::string_view> fields = internal::Split(lines[l], ',');
          if (fields.size() < 3) continue;
          out->AddWord(internal::Strip(fields[0]), kGiven);
          out->AddWord(internal::Strip(fields[2]), kGiven);
        }
      }
    }
    return out;
  }();
  return *lexicon;
}

uint8_t NameLexicon::Kind(std::string_view folded) const {
  auto it = words_.find(internal::ToAbsl(folded));
  if (it != words_.end()) return it->second;
  if (ShowsOldSpelling(folded)) {
    it = words_.find(RespellName(folded));
    if (it != words_.end()) return it->second;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Segmentation.

double SegmentationScore(std::span<const Piece> pieces, const NameLexicon& lexicon) {
  int phase = kFront;
  double score = 0;
  for (const Piece& piece : pieces) {
    const double s = PieceScore(piece.text, piece.kind, lexicon);
    if (s == kImpossible) return kImpossible;
    phase = Next(phase, piece.kind, piece.text.size());
    if (phase < 0) return kImpossible;
    score += s;
  }
  return CanEnd(phase, pieces.size()) ? score : kImpossible;
}

std::vector<Piece> SegmentWord(std::string_view letters, const NameLexicon& lexicon) {
  const size_t n = letters.size();
  if (n == 0) return {};
  struct Cell {
    double score = kImpossible;
    uint32_t from = 0;  // start of the last piece
    int8_t from_phase = -1;
    PieceKind kind = PieceKind::kUnknown;
  };
  // best[i][p]: the best segmentation of letters[0, i) that ends in phase p.
  std::vector<std::array<Cell, kNumPhases>> best(n + 1);
  best[0][kFront].score = 0;
  for (size_t i = 0; i < n; ++i) {
    for (int p = 0; p < kNumPhases; ++p) {
      const double base = best[i][p].score;
      if (base == kImpossible) continue;
      for (size_t j = i + 1; j <= n; ++j) {
        const std::string_view text = letters.substr(i, j - i);
        for (PieceKind kind : kKinds) {
          const int q = Next(p, kind, text.size());
          if (q < 0) continue;
          const double s = PieceScore(text, kind, lexicon);
          if (s == kImpossible) continue;
          Cell& cell = best[j][q];
          if (base + s > cell.score) {
            cell = {base + s, static_cast<uint32_t>(i), static_cast<int8_t>(p), kind};
          }
        }
      }
    }
  }
  int phase = kFront;
  for (int p = 1; p < kNumPhases; ++p) {
    // Ending after a lone initial: only when it is the whole word.
    if (p == kAfterInitial && n != 1) continue;
    if (best[n][p].score > best[n][phase].score) phase = p;
  }
  std::vector<Piece> pieces;
  for (size_t end = n; end > 0;) {
    const Cell& cell = best[end][phase];
    pieces.push_back({std::string(letters.substr(cell.from, end - cell.from)), cell.kind});
    end = cell.from;
    phase = cell.from_phase;
  }
  std::reverse(pieces.begin(), pieces.end());
  return pieces;
}

std::vector<Piece> SegmentWordBruteForce(std::string_view letters, const NameLexicon& lexicon) {
  const size_t n = letters.size();
  if (n == 0) return {};
  std::vector<Piece> best_pieces;
  double best = kImpossible;
  std::vector<Piece> pieces;
  // Every split: bit i of `cuts` set cuts between letters i and i + 1.
  for (uint32_t cuts = 0; cuts < (1u << (n - 1)); ++cuts) {
    pieces.clear();
    size_t start = 0;
    for (size_t i = 0; i < n; ++i) {
      if (i + 1 == n || (cuts >> i) & 1) {
        pieces.push_back({std::string(letters.substr(start, i + 1 - start)), PieceKind::kUnknown});
        start = i + 1;
      }
    }
    // Every kind of every piece among those its text allows, as a mixed-radix counter.
    const size_t k = pieces.size();
    std::vector<std::vector<PieceKind>> allowed(k);
    for (size_t i = 0; i < k; ++i) {
      for (PieceKind kind : kKinds) {
        if (PieceScore(pieces[i].text, kind, lexicon) != kImpossible) allowed[i].push_back(kind);
      }
    }
    std::vector<size_t> choice(k, 0);
    while (true) {
      for (size_t i = 0; i < k; ++i) pieces[i].kind = allowed[i][choice[i]];
      const double score = SegmentationScore(pieces, lexicon);
      if (score > best) {
        best = score;
        best_pieces = pieces;
      }
      size_t i = 0;
      while (i < k && ++choice[i] == allowed[i].size()) choice[i++] = 0;
      if (i == k) break;
    }
  }
  return best_pieces;
}

// ---------------------------------------------------------------------------------------------
// Handles.

namespace {

// Raw chunks of a handle: split at every character that is not an ASCII letter or digit, '$',
// or a non-ASCII byte (letters of other scripts are folded later), and at camelCase.
std::vector<std::string> RawChunks(std::string_view text) {
  std::vector<std::string> chunks;
  std::string chunk;
  auto flush = [&] {
    if (!chunk.empty()) chunks.push_back(std::move(chunk));
    chunk.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool word_char =
        IsLower(c) || IsUpper(c) || IsDigit(c) || c == '$' || static_cast<unsigned char>(c) >= 0x80;
    if (!word_char) {
      flush();
      continue;
    }
    if (IsUpper(c) && !chunk.empty()) {
      const char before = chunk.back();
      const char after = i + 1 < text.size() ? text[i + 1] : ' ';
      // "janKowalski" -> jan | Kowalski; "JKowalski" -> J | Kowalski; "JAN" stays.
      if (IsLower(before) || (IsUpper(before) && IsLower(after))) flush();
    }
    chunk.push_back(c);
  }
  flush();
  return chunks;
}

// A platform's random suffix: "760de2bf".
bool IsPlatformSuffix(std::string_view folded) {
  if (folded.size() < 6) return false;
  size_t digits = 0;
  for (char c : folded) {
    if (!IsHex(c)) return false;
    digits += IsDigit(c) ? 1 : 0;
  }
  return digits >= 2;
}

struct Reading {
  // Runs of letters and of digits, in order; digits runs are numbers.
  std::vector<std::string> runs;
  double score = 0;
  std::vector<std::vector<Piece>> segments;  // per letter run
};

// Reads a folded chunk with (leet) or without leetspeak; segments its letter runs.
Reading Read(std::string_view chunk, bool leet, const NameLexicon& lexicon) {
  Reading reading;
  std::string letters, digits;
  auto flush_letters = [&] {
    if (letters.empty()) return;
    reading.runs.push_back(letters);
    letters.clear();
  };
  for (size_t i = 0; i < chunk.size();) {
    if (!IsDigit(chunk[i])) {
      letters.push_back(chunk[i++]);
      continue;
    }
    size_t j = i;
    while (j < chunk.size() && IsDigit(chunk[j])) ++j;
    // Inside a word or at its front (k4sia, 4nna); at its end digits are a number (anna1).
    bool as_letters = leet && j < chunk.size() && j - i <= 2;
    for (size_t k = i; k < j && as_letters; ++k) as_letters = LeetLetter(chunk[k]) != 0;
    if (as_letters) {
      for (size_t k = i; k < j; ++k) letters.push_back(LeetLetter(chunk[k]));
    } else {
      flush_letters();
      reading.runs.emplace_back(chunk.substr(i, j - i));
    }
    i = j;
  }
  flush_letters();
  for (const std::string& run : reading.runs) {
    if (IsDigit(run[0])) continue;
    std::vector<Piece> pieces = SegmentWord(run, lexicon);
    reading.score += SegmentationScore(pieces, lexicon);
    reading.segments.push_back(std::move(pieces));
  }
  return reading;
}

int YearOf(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  if (digits.size() == 4) return value >= 1930 && value <= 2015 ? value : 0;
  if (digits.size() == 2) {
    if (value >= 30) return 1900 + value;
    if (value <= 12) return 2000 + value;
  }
  return 0;
}

}  // namespace

ParsedHandle ParseHandle(std::string_view handle, const NameLexicon& lexicon) {
  ParsedHandle out;
  handle = internal::Strip(handle);
  // A profile URL: the last part of its path, without a query.
  if (size_t q = handle.find('?'); q != std::string_view::npos) handle = handle.substr(0, q);
  while (!handle.empty() && handle.back() == '/') handle.remove_suffix(1);
  if (size_t slash = handle.rfind('/'); slash != std::string_view::npos) {
    handle = handle.substr(slash + 1);
  }
  std::vector<std::string> chunks;
  for (const std::string& raw : RawChunks(handle)) {
    std::string folded = FoldHandleText(raw);
    if (!folded.empty()) chunks.push_back(std::move(folded));
  }
  if (chunks.size() > 1 && IsPlatformSuffix(chunks.back())) chunks.pop_back();
  // A chunk that is one decoration ("the.cookie", "kasia.nowak.pl") is dropped whole.
  std::erase_if(chunks, [](const std::string& c) { return IsDecoration(c); });

  for (const std::string& chunk : chunks) {
    Reading plain = Read(chunk, false, lexicon);
    const bool has_leet =
        std::any_of(chunk.begin(), chunk.end(), [](char c) { return LeetLetter(c) != 0; });
    Reading reading = std::move(plain);
    if (has_leet) {
      Reading leet = Read(chunk, true, lexicon);
      if (leet.score > reading.score) reading = std::move(leet);
    }
    size_t segment = 0;
    for (const std::string& run : reading.runs) {
      if (IsDigit(run[0])) {
        out.normalised.append(run);
        if (int year = YearOf(run)) out.year = year;
        continue;
      }
      for (const Piece& piece : reading.segments[segment]) {
        switch (piece.kind) {
          case PieceKind::kDecoration:
            continue;
          case PieceKind::kInitial:
            out.initials.append(piece.text);
            break;
          case PieceKind::kName:
          case PieceKind::kUnknown:
            if (piece.text.size() >= 2) out.tokens.push_back(piece.text);
            break;
        }
        out.normalised.append(piece.text);
      }
      ++segment;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Emails.

bool IsFreeMailDomain(std::string_view domain) {
  static constexpr std::string_view kFree[] = {
      "gmail.com",    "googlemail.com", "yahoo.com",      "yahoo.co.uk",     "yahoo.de",
      "yahoo.co.id",  "yahoo.pl",       "ymail.com",      "hotmail.com",     "hotmail.co.uk",
      "hotmail.de",   "hotmail.hu",     "outlook.com",    "outlook.de",      "live.com",
      "live.co.uk",   "msn.com",        "icloud.com",     "me.com",          "mac.com",
      "aol.com",      "proton.me",      "protonmail.com", "gmx.de",          "gmx.net",
      "gmx.at",       "gmx.com",        "web.de",         "t-online.de",     "freenet.de",
      "posteo.de",    "mail.de",        "wp.pl",          "onet.pl",         "op.pl",
      "o2.pl",        "interia.pl",     "interia.eu",     "poczta.fm",       "tlen.pl",
      "gazeta.pl",    "vp.pl",          "freemail.hu",    "citromail.hu",    "indamail.hu",
      "t-online.hu",  "btinternet.com", "sky.com",        "virginmedia.com", "talktalk.net",
      "mail.com",     "yandex.ru",      "yandex.com",     "mail.ru",         "zoho.com",
      "fastmail.com", "rocketmail.com"};
  return std::find(std::begin(kFree), std::end(kFree), domain) != std::end(kFree);
}

ParsedEmail ParseEmail(std::string_view email, const NameLexicon& lexicon) {
  ParsedEmail out;
  std::string text = internal::ToLower(internal::Strip(email));
  if (text.starts_with("mailto:")) text.erase(0, 7);
  const size_t at = text.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 >= text.size()) return out;
  std::string local = text.substr(0, at);
  std::string domain = text.substr(at + 1);
  while (!domain.empty() && domain.back() == '.') domain.pop_back();
  if (domain.empty()) return out;
  if (domain == "googlemail.com") domain = "gmail.com";
  // Sub-addressing ("anna+shop@"): Gmail, Microsoft, Apple, Fastmail and Proton document it.
  static constexpr std::string_view kPlusTags[] = {
      "gmail.com", "outlook.com",  "hotmail.com", "hotmail.co.uk", "hotmail.de",
      "live.com",  "live.co.uk",   "msn.com",     "icloud.com",    "me.com",
      "mac.com",   "fastmail.com", "proton.me",   "protonmail.com"};
  if (std::find(std::begin(kPlusTags), std::end(kPlusTags), domain) != std::end(kPlusTags)) {
    if (size_t plus = local.find('+'); plus != std::string::npos && plus > 0) local.resize(plus);
  }
  // The local part as written, before Gmail's dots go: they separate name words.
  out.local = ParseHandle(local, lexicon);
  if (domain == "gmail.com") std::erase(local, '.');
  if (local.empty()) return out;
  out.normalised = local + "@" + domain;
  out.domain = std::move(domain);
  out.free_mail = IsFreeMailDomain(out.domain);
  return out;
}

}  // namespace sameas
