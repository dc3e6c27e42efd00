// Person names: a display or full name parsed into given, middle and family parts (titles,
// suffixes and decorations removed, "Family, Given" and "KOWALSKI Jan" understood), the
// spellings that count as the same name (German ü -> ue beside ü -> u, Indonesian spelling of
// before 1972, the variants of Muhammad), Polish gendered family names reduced to one stem, and
// the nickname and diminutive groups of the tables compiled into the library. Prepare runs
// this once per distinct value (PreparedNames); comparisons read the result by index.
#ifndef SAMEAS_PREPARE_NAMES_H_
#define SAMEAS_PREPARE_NAMES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sameas/io/table.h"

namespace sameas {

/// One word of a name, in the forms comparisons use.
struct NameToken {
  /// Lower-case ASCII letters and digits: "wojcik", "obrien", "dmitrij".
  std::string folded;
  /// Case-folded with its diacritics (NFKC_Casefold), apostrophes dropped: "wójcik".
  std::string diacritics;
  /// German transliteration when it differs from `folded`: "mueller" for Müller, "weiss"
  /// never (ß is "ss" in both); else empty.
  std::string german;
  /// Written as an initial: "K.", "K", each letter of "J.K.".
  bool initial = false;
  /// A particle that belongs to the family name (von, van, de, da, bin, binti, al).
  bool particle = false;
};

/// Which part of a name a column holds.
enum class NameField {
  kFull,    // a whole name: "Dr. Katarzyna Nowak", "KOWALSKI Jan", "Nagy Edit"
  kGiven,   // given names only: "Anna Maria"
  kFamily,  // family name only: "Nowak-Kowalska", "van Beethoven"
};

/// A name taken apart. Tokens are in reading order: the given names (the first is the given
/// name, the rest middle names), then the family name's words, whatever order the input used.
struct ParsedName {
  std::vector<NameToken> given;
  /// Family name words, hyphenated parts apart ("Nowak-Kowalska" is two), particles included.
  std::vector<NameToken> family;
  /// The input wrote the family name first, and said so: "KOWALSKI Jan", "Kowalski, Jan".
  /// (Hungarian order without such a mark cannot be told; comparisons try the swap.)
  bool family_first = false;
  /// One name only: "Banawi", "Banawi Banawi", or a lone family name. Held in `given`.
  bool mononym = false;

  bool empty() const { return given.empty() && family.empty(); }
  /// Folded tokens, given names then family, separated by one space: "katarzyna nowak".
  std::string Folded() const;
  /// The same with diacritics: "łukasz wójcik".
  std::string WithDiacritics() const;
};

/// Parses one name field. Removes titles (Dr., Prof., Ing., Mgr, dr hab., Herr, Frau, Pan,
/// Pani, Bapak, Ibu, ...), suffixes (Jr., Sr., III, PhD, MBA; "S.Kom." after a comma),
/// decorations (emoji, digits, "| Marketing", " - CEO", "(she/her)"); reads "Family, Given",
/// an ALL-CAPS family name in mixed case ("KOWALSKI Jan"), initials ("K. Nowak", "Kasia N."),
/// particles ("Ludwig van Beethoven") and the same name twice ("Banawi Banawi", a mononym).
/// Without such a mark, the first word is the given name and the last the family name.
///
///   ParseName("Dr. Anna Maria NOWAK-KOWALSKA ✨")
///     -> given {anna, maria}, family {nowak, kowalska}
///
/// Input is UTF-8 (invalid bytes are dropped); any script is transliterated with ICU.
ParsedName ParseName(std::string_view text, NameField field = NameField::kFull);

/// Parses a name held in two fields, given and family (a CRM's first and last name). Titles
/// and suffixes are removed from either; an empty part stays empty; a lone name, or the same
/// name in both, is a mononym.
ParsedName ParseNameParts(std::string_view given, std::string_view family);

/// Today's spelling of a folded name word, for names written before the Indonesian spelling
/// reform of 1972 (oe -> u, dj -> j, tj -> c, nj -> ny, sj -> sy, and j -> y in a word that
/// shows another old spelling: Soekarno -> sukarno, Djojo -> joyo), and one spelling for the
/// variants of Muhammad (mohammad, muhamad, mochammad, moh, muh, mhd, ...) and Ahmad (achmad).
/// `old_name`: another word of the name shows the old spelling, so j -> y applies to this one
/// too (Soetjipto Wirjo -> sucipto wiryo). Returns the word unchanged when no rule applies.
std::string RespellName(std::string_view folded, bool old_name = false);

/// True when a folded word shows the Indonesian spelling of before 1972 (oe, dj, tj, nj, sj).
bool ShowsOldSpelling(std::string_view folded);

/// One stem for the masculine and feminine forms of a folded family name word: Polish
/// Kowalska -> kowalski, Nowicka -> nowicki, Zawadzka -> zawadzki, Czarna -> czarny; Russian
/// Ivanova -> ivanov, Petreva -> petrev; Czech Nováková -> novak (needs the diacritics form,
/// "ová"). Returns the word unchanged otherwise.
std::string FamilyStem(std::string_view folded, std::string_view diacritics = {});

/// The nickname and diminutive tables compiled into the library (English, Polish, German,
/// Hungarian, Indonesian; bindings/python/sameas/data/names/README.md says where each comes
/// from). A formal name and its nicknames form a group; a name belongs to the group of each
/// formal name it is a nickname of, and to its own when it is a formal name. Two given names
/// are nicknames of each other when their groups meet: Kasia ~ Katarzyna, Bob ~ Robert ~ Rob,
/// Pista ~ István, Hans ~ Johannes. Thread-safe; built on first use.
class NameTables {
 public:
  /// The tables of the library, read on first use.
  static const NameTables& Get();

  /// The groups of a folded given name, sorted ids; empty for a name no table knows.
  std::span<const uint32_t> Groups(std::string_view folded) const;
  /// The folded formal name of a group: "katarzyna".
  std::string_view GroupName(uint32_t group) const;
  /// Number of distinct names (formal and nicknames) the tables know.
  size_t num_names() const { return names_.size(); }

  /// Tables from CSV texts (name, bytes) of the two shipped layouts: "formal,gender,diminutive"
  /// and carltonnorthern's "name1,relationship,name2". For tests; the library uses Get().
  static NameTables FromCsv(const std::vector<std::pair<std::string, std::string>>& files);

 private:
  struct Entry {
    uint32_t begin = 0, end = 0;  // into groups_
  };
  std::vector<std::string> group_names_;        // id - 1 -> folded formal name
  std::vector<std::pair<std::string, Entry>> names_;  // sorted by name
  std::vector<uint32_t> groups_;
  const Entry* Find(std::string_view folded) const;
};

/// The codes of one part of a name (a given name, a family name), each an index + 1 into
/// PreparedNames::forms; 0 where the form is absent or equal to `plain`.
struct NamePartCodes {
  uint32_t plain = 0;       // "muller"
  uint32_t german = 0;      // "mueller"
  uint32_t respelled = 0;   // "sukarno" for soekarno
  uint32_t diacritics = 0;  // "müller"

  bool operator==(const NamePartCodes&) const = default;
};

/// What comparisons read of one distinct parsed name.
struct NameFeatures {
  /// The whole name (given, middle, family names); the first given name; the family name,
  /// its words joined by a space.
  NamePartCodes whole, given, family;
  /// The family name with gendered endings reduced (kowalska -> kowalski), plain folded.
  uint32_t family_stem = 0;
  /// Nickname groups of the given name, and of a one-word family name (for swapped order):
  /// ranges of PreparedNames::groups.
  uint32_t given_groups_begin = 0, given_groups_end = 0;
  uint32_t family_groups_begin = 0, family_groups_end = 0;
  /// All given-name words (first and middle) and the family's words without particles:
  /// ranges of PreparedNames::tokens, which hold plain folded codes.
  uint32_t given_tokens_begin = 0, given_tokens_end = 0;
  uint32_t family_tokens_begin = 0, family_tokens_end = 0;
  /// First letters of the given and family names ('\0' when absent).
  char given_initial = 0, family_initial = 0;
  bool given_is_initial = false, family_is_initial = false;
  bool mononym = false, family_first = false;

  bool operator==(const NameFeatures&) const = default;
};

/// The parsed names of one name column, for every record: features per distinct name, and
/// the dictionaries their codes point into.
struct PreparedNames {
  /// Which part of a name the column holds.
  NameField field = NameField::kFull;
  /// Per record: index into `features`; records without a name point at entry 0, which is
  /// empty.
  std::vector<uint32_t> index;
  std::vector<NameFeatures> features;
  /// Distinct forms (folded, German, respelled, with diacritics, stems); codes are index + 1.
  StringColumn forms;
  /// Nickname group ids (NameTables), in ranges named by NameFeatures.
  std::vector<uint32_t> groups;
  /// Codes of name words, in ranges named by NameFeatures.
  std::vector<uint32_t> tokens;

  bool empty() const { return index.empty(); }
  const NameFeatures& of(size_t record) const { return features[index[record]]; }
  std::string_view form(uint32_t code) const { return forms.value(code - 1); }
  std::span<const uint32_t> given_groups(const NameFeatures& f) const {
    return {groups.data() + f.given_groups_begin, f.given_groups_end - f.given_groups_begin};
  }
  std::span<const uint32_t> family_groups(const NameFeatures& f) const {
    return {groups.data() + f.family_groups_begin, f.family_groups_end - f.family_groups_begin};
  }
  std::span<const uint32_t> given_tokens(const NameFeatures& f) const {
    return {tokens.data() + f.given_tokens_begin, f.given_tokens_end - f.given_tokens_begin};
  }
  std::span<const uint32_t> family_tokens(const NameFeatures& f) const {
    return {tokens.data() + f.family_tokens_begin, f.family_tokens_end - f.family_tokens_begin};
  }
};

/// What the names of a column show, for choosing comparison levels.
struct NameTraits {
  /// Some name is written with a letter that folding changes (Łukasz, Müller, Дмитрий).
  bool diacritics = false;
  /// Some family name has a gendered ending (Kowalska, Ivanova).
  bool gendered = false;
};
NameTraits DescribeNames(const PreparedNames& names);

/// Blocking keys of parsed names.
enum class NameKey {
  /// The formal form of the given name: of its nickname groups, the one most records of the
  /// column belong to (kasia -> katarzyna in Polish data, though Kasia is also Kasandra's);
  /// today's spelling for a name no table knows (Moh. and Muhammad share "muhammad").
  kCanonicalGiven,
  /// The family name with gendered endings reduced (kowalska -> kowalski); a mononym's word.
  kFamilyStem,
  /// The first letters of given and family name: "kn" for Kasia N. and Katarzyna Nowak.
  kInitials,
};

/// The key of each distinct name of a column, indexed like PreparedNames::features; empty
/// where a name has no such key (no given name, an initial, which would block with every name
/// of its letter). O(records + names).
std::vector<std::string> NameKeys(const PreparedNames& names, NameKey key);

}  // namespace sameas

#endif  // SAMEAS_PREPARE_NAMES_H_
