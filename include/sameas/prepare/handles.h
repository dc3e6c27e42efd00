// Handles and email addresses taken apart into name tokens: "kasia_nowak84" is kasia + nowak
// born in 1984, "jKowalski" is J. + kowalski, "k4sia.n" is kasia + N., "therealjankowalski" is
// jan + kowalski. Separators, camelCase, leetspeak, decorations ("the", "real", "official",
// "pl"), platform suffixes (LinkedIn's "-760de2bf") and glued names, which are segmented with
// the name lexicons compiled into the library (the given names of the nickname tables and of
// the Faker lists, the Faker family names). Emails are normalised (case, Gmail dots and +tags)
// and their local part read like a handle. Prepare runs this once per distinct value
// (PreparedHandles); the handle levels of compare read the result by index.
#ifndef SAMEAS_PREPARE_HANDLES_H_
#define SAMEAS_PREPARE_HANDLES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "sameas/io/table.h"

namespace sameas {

/// Known name words for segmenting glued handles: folded (lower-case ASCII) given and family
/// names of three or more letters, with the German transliteration beside the plain folding
/// (Müller: muller and mueller) and the Polish feminine of -ski/-cki/-dzki family names.
class NameLexicon {
 public:
  static constexpr uint8_t kGiven = 1, kFamily = 2;

  /// The lexicon of the library: the nickname and diminutive tables and the Faker name lists
  /// of bindings/python/sameas/data/names/, compiled in at build time. Built on first use;
  /// thread-safe.
  static const NameLexicon& Get();
  /// A lexicon of the given words (any case and script; folded here). For tests.
  static NameLexicon FromWords(const std::vector<std::string>& given,
                               const std::vector<std::string>& family);

  /// kGiven | kFamily bits of a folded word, 0 when unknown. A word in the Indonesian
  /// spelling of before 1972 is looked up in today's too (soekarno as sukarno).
  uint8_t Kind(std::string_view folded) const;
  size_t size() const { return words_.size(); }

  /// Adds a word (any case and script) as kGiven or kFamily: prepare adds the words of the
  /// data's own name columns to a copy of Get(), so that "drwiegadominik" segments when
  /// Drwięga is a customer's name though no list knows it.
  void AddWord(std::string_view word, uint8_t kind);

 private:
  absl::flat_hash_map<std::string, uint8_t> words_;
};

/// What a piece of a segmented word is.
enum class PieceKind : uint8_t {
  kName,        // a word of the lexicon: "kasia", "kowalski"
  kUnknown,     // letters the lexicon does not know, kept as a token: "drwiega"
  kInitial,     // one letter at either end of a word: the "j" of "jkowalski"
  kDecoration,  // "the", "real", "official", "xx", "pl" at either end; dropped
};

struct Piece {
  std::string text;
  PieceKind kind = PieceKind::kUnknown;
  bool operator==(const Piece&) const = default;
};

/// The score of a segmentation, which SegmentWord maximises: a lexicon word or a decoration of
/// n letters scores n * n (so longer known pieces win: "annanowak" is anna + nowak, not ann +
/// anowak; "therealjan" is the + real + jan, not the + rea + l + jan); an unknown piece of n
/// letters -(n + 2); an initial 1. Decorations stand
/// only at the front (before any other piece) or the back (after every other piece), and one
/// of two letters ("pl", "xx") only after a lexicon word; an initial stands first, followed by
/// a lexicon word, or last, after one (or alone: the "n" of "kasia.n"). Returns -infinity for
/// a sequence that breaks these rules or a piece whose kind does not fit its text.
double SegmentationScore(std::span<const Piece> pieces, const NameLexicon& lexicon);

/// Splits a word of lower-case ASCII letters into the pieces of highest SegmentationScore, by
/// dynamic programming over the end positions and the phase (decorations before, the name,
/// decorations after): O(n^2) lexicon look-ups for n letters.
///   SegmentWord("jankowalski") -> jan, kowalski
///   SegmentWord("kowalskijan") -> kowalski, jan
///   SegmentWord("jkowalski")   -> j (initial), kowalski
///   SegmentWord("therealanna") -> the, real (decorations), anna
std::vector<Piece> SegmentWord(std::string_view letters, const NameLexicon& lexicon);

/// The reference SegmentWord: every split of the word and every kind each piece's text allows,
/// scored by SegmentationScore; exponential, for the property test on words up to 12 letters.
std::vector<Piece> SegmentWordBruteForce(std::string_view letters, const NameLexicon& lexicon);

/// A handle (or an email's local part) taken apart.
struct ParsedHandle {
  /// Name and unknown pieces of two or more letters, folded, in order: kasia, nowak.
  std::vector<std::string> tokens;
  /// Letters written as initials: "j" of "jkowalski", "n" of "kasia.n".
  std::string initials;
  /// A birth year read from the digits: "84" -> 1984, "05" -> 2005, "1984"; 0 when none.
  /// Two digits are a year in 30-99 (19xx) or 00-12 (20xx); four in 1930-2015. The last
  /// such number of the handle counts; digits read as leetspeak are no number.
  int year = 0;
  /// The handle compared for equality across platforms: lower case, leetspeak read, platform
  /// suffix, decorations and separators dropped, digits kept ("Kasia_Nowak84", "kasia.nowak84"
  /// -> "kasianowak84").
  std::string normalised;

  bool empty() const { return normalised.empty(); }
};

/// Parses a handle: "@" and a profile URL's path stripped ("instagram.com/kasia"), split at
/// separators (. _ - and other punctuation), camelCase ("JanKowalski", "JKowalski") and digits;
/// leetspeak read inside and at the front of words (k4sia, 4nna, j0hn, ma$ter; 4 a, 3 e, 1 i,
/// 0 o, 5 s, 7 t, $ s) when that reading segments into better-known names than the digits as
/// separators; a final piece of six or more hexadecimal characters with two or more digits
/// ("-760de2bf", LinkedIn's) dropped; each word segmented by SegmentWord.
ParsedHandle ParseHandle(std::string_view handle, const NameLexicon& lexicon = NameLexicon::Get());

/// An email address taken apart.
struct ParsedEmail {
  /// Lower case; for Gmail (and googlemail.com, read as gmail.com) dots in the local part
  /// removed; a "+tag" removed for the providers that document sub-addressing (Gmail,
  /// Outlook/Hotmail/Live, iCloud, Fastmail, Proton, Yahoo's "-" is not read). Empty when the
  /// text is no address (no "@", nothing before or after it).
  std::string normalised;
  /// The domain, lower case: "gmail.com".
  std::string domain;
  /// The domain is a free-mail provider's (gmail.com, wp.pl, gmx.de, freemail.hu, yahoo.co.id,
  /// ...): sharing it says little.
  bool free_mail = false;
  /// The local part (before tags) read as a handle: kasia.nowak84 -> kasia, nowak, 1984.
  ParsedHandle local;
};

ParsedEmail ParseEmail(std::string_view email, const NameLexicon& lexicon = NameLexicon::Get());

/// True for the domains of free-mail providers (folded, lower case).
bool IsFreeMailDomain(std::string_view domain);

/// What comparisons read of one distinct handle or email.
struct HandleFeatures {
  /// Codes (index + 1 into PreparedHandles::forms) of the tokens: a range of
  /// PreparedHandles::tokens.
  uint32_t tokens_begin = 0, tokens_end = 0;
  /// Bit i set: the letter 'a' + i is written as an initial.
  uint32_t initials = 0;
  /// Birth year from the digits, 0 when none.
  int16_t year = 0;
  /// Emails: code of the domain in `forms`, and whether it is free mail.
  uint32_t domain = 0;
  bool free_mail = false;

  bool operator==(const HandleFeatures&) const = default;
};

/// The parsed handles (or emails) of one column, for every record.
struct PreparedHandles {
  /// The column holds email addresses (role email), not handles.
  bool email = false;
  /// Per record: index into `features`; records without a value point at entry 0, empty.
  std::vector<uint32_t> index;
  std::vector<HandleFeatures> features;
  /// Distinct tokens and domains; codes are index + 1.
  StringColumn forms;
  /// Token codes, in ranges named by HandleFeatures.
  std::vector<uint32_t> tokens;

  bool empty() const { return index.empty(); }
  const HandleFeatures& of(size_t record) const { return features[index[record]]; }
  std::string_view form(uint32_t code) const { return forms.value(code - 1); }
  std::span<const uint32_t> tokens_of(const HandleFeatures& f) const {
    return {tokens.data() + f.tokens_begin, f.tokens_end - f.tokens_begin};
  }
};

}  // namespace sameas

#endif  // SAMEAS_PREPARE_HANDLES_H_
