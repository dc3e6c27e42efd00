// Unicode folding of a field, done once per distinct value in prepare: NFKC, case folding and
// transliteration of any script to ASCII with ICU (Łukasz -> lukasz, Müller -> muller,
// Szőke -> szoke, Дмитрий -> dmitrij), whitespace collapsed.
#ifndef SAMEAS_PREPARE_TEXT_H_
#define SAMEAS_PREPARE_TEXT_H_

#include <string>
#include <string_view>

namespace sameas {

/// Folds UTF-8 text to lower-case ASCII: NFKC, case fold, any script to Latin, Latin to ASCII,
/// runs of whitespace to one space, trimmed. ASCII input takes a fast path without ICU.
/// Thread-safe (each thread keeps its own ICU transliterator). Input must be valid UTF-8.
std::string FoldText(std::string_view utf8);

/// The reference path of FoldText that always goes through ICU; the tests compare the two.
std::string FoldTextWithIcu(std::string_view utf8);

/// True when `text` is well-formed UTF-8; otherwise `*bad_offset` (if given) is the byte
/// offset of the first bad sequence.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

}  // namespace sameas

#endif  // SAMEAS_PREPARE_TEXT_H_
