// Folding of UTF-8 text to lower-case ASCII. The ICU path runs three steps:
//
// 1. NFKC_Casefold (one ICU normaliser): compatibility forms (full-width,
//    ligatures, circled digits) to plain letters, case folded (ß -> ss),
//    default-ignorables (soft hyphen, ZWJ) removed.
// 2. The compound transliterator "Any-Latin; Latin-ASCII": other scripts to
//    Latin (Дмитрий -> dmitrij, 李 -> li), then Latin letters to ASCII
//    (ł -> l, ø -> o, æ -> ae) and typographic punctuation to ASCII
//    (“ ” ‘ ’ — … -> " " ' ' - ...). A global filter keeps it off ASCII
//    characters: they pass through unchanged (without it, Greek rules turn ';'
//    into '?' and Han rules add spaces before ASCII punctuation), each run of
//    non-ASCII text is transliterated on its own, and it runs 2x (Latin) to
//    15x (ASCII) faster.
// 3. One pass, shared with the ASCII fast path, that lower-cases, turns every
//    white space (ASCII or Unicode) into a separator, collapses separators to
//    one ASCII space, trims, and drops what is left outside printable ASCII:
//    emoji and symbols without an ASCII form (€, ☃, 😀), ASCII control
//    characters and U+FFFD from invalid input. Dropping rather than replacing
//    with a space keeps "a😀b" one token; "a 😀 b" still becomes "a b".
//
// Because ASCII passes steps 1 and 2 unchanged, the fast path (step 3 alone)
// gives the ICU path's result on ASCII input; a test checks it on random text.
//
// Creating the transliterator parses ICU's rule data (milliseconds) and a
// Transliterator is not thread-safe, so each thread lazily builds its own and
// keeps it (thread_local). Failure to build it means ICU's data is missing
// from the installation, which no caller can recover from and which would
// otherwise silently fold differently per machine: we abort with a message.
#include "sameas/prepare/text.h"

#include "internal/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace sameas {
namespace {

constexpr char16_t kTransliteratorId[] =
    u"[^\\u0000-\\u007F]; Any-Latin; Latin-ASCII";

[[noreturn]] void DieIcu(const char* what, UErrorCode status) {
  std::fprintf(stderr,
               "sameas: FoldText: %s failed with %s; is the ICU data "
               "library (libicudata) installed and complete?\n",
               what, u_errorName(status));
  std::abort();
}

// One per thread: the normaliser is an immutable ICU singleton, the
// transliterator is ours.
struct IcuFolder {
  IcuFolder() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
      DieIcu("getting the ICU NFKC_Casefold normaliser", status);
    }
    UParseError parse_error;
    to_ascii.reset(icu::Transliterator::createInstance(
        icu::UnicodeString(kTransliteratorId), UTRANS_FORWARD, parse_error,
        status));
    if (U_FAILURE(status) || to_ascii == nullptr) {
      DieIcu(
          "creating the ICU transliterator \"[^\\u0000-\\u007F]; Any-Latin; "
          "Latin-ASCII\"",
          status);
    }
  }

  const icu::Normalizer2* nfkc_casefold = nullptr;
  std::unique_ptr<icu::Transliterator> to_ascii;
};

IcuFolder& ThreadIcuFolder() {
  thread_local IcuFolder folder;
  return folder;
}

// Step 3 above, one code point at a time. `pending_space_` holds a separator
// until a character follows it, which both collapses runs and trims the end;
// none is held at the start.
class AsciiSink {
 public:
  explicit AsciiSink(std::string* out) : out_(out) {}

  void Ascii(unsigned char c) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      pending_space_ = !out_->empty();
    } else if (c > ' ' && c < 0x7F) {
      if (pending_space_) {
        out_->push_back(' ');
        pending_space_ = false;
      }
      out_->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A'))
                                           : static_cast<char>(c));
    }
    // Other ASCII controls (NUL, ESC, DEL, ...) are dropped.
  }

  void CodePoint(UChar32 c) {
    if (c < 0x80) {
      Ascii(static_cast<unsigned char>(c));
    } else if (u_isUWhiteSpace(c)) {
      pending_space_ = !out_->empty();
    }
    // Anything else outside ASCII has no ASCII form after transliteration:
    // dropped.
  }

 private:
  std::string* out_;
  bool pending_space_ = false;
};

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Length of the all-ASCII prefix of `text`, 8 bytes at a time.
size_t AsciiPrefixLength(std::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & kHighBits) break;
  }
  while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
  return i;
}

}  // namespace

std::string FoldTextWithIcu(std::string_view utf8) {
  IcuFolder& folder = ThreadIcuFolder();
  // fromUTF8 turns invalid sequences into U+FFFD, which step 3 drops.
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = folder.nfkc_casefold->normalize(text, status);
  if (U_FAILURE(status)) DieIcu("ICU NFKC_Casefold normalisation", status);
  folder.to_ascii->transliterate(folded);

  std::string out;
  out.reserve(static_cast<size_t>(folded.length()));
  AsciiSink sink(&out);
  const UChar* units = folded.getBuffer();
  const int32_t length = folded.length();
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    sink.CodePoint(c);
  }
  return out;
}

std::string FoldText(std::string_view utf8) {
  if (AsciiPrefixLength(utf8) != utf8.size()) return FoldTextWithIcu(utf8);
  std::string out;
  out.reserve(utf8.size());
  AsciiSink sink(&out);
  for (char c : utf8) sink.Ascii(static_cast<unsigned char>(c));
  return out;
}

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  const size_t bad = internal::FindInvalidUtf8(text);
  if (bad == std::string_view::npos) return true;
  if (bad_offset != nullptr) *bad_offset = bad;
  return false;
}

}  // namespace sameas
