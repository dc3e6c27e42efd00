// FoldText, FoldTextWithIcu and IsValidUtf8: named cases per script, the ASCII
// fast path against the ICU path on random ASCII, the shape of the output on
// random mixed-script text, and IsValidUtf8 against a plain reference decoder
// on random byte strings.
#include "sameas/prepare/text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace sameas {
namespace {

TEST(FoldText, PolishStrokeLFoldsToL) {
  EXPECT_EQ(FoldText("Łukasz"), "lukasz");
}

TEST(FoldText, GermanUmlautLosesItsDiaeresis) {
  EXPECT_EQ(FoldText("Müller"), "muller");
}

TEST(FoldText, HungarianDoubleAcuteFoldsToPlainVowel) {
  EXPECT_EQ(FoldText("Szőke"), "szoke");
  EXPECT_EQ(FoldText("Erdős Pál"), "erdos pal");
}

TEST(FoldText, UpperCaseAsciiIsLowerCased) {
  EXPECT_EQ(FoldText("KOWALSKA"), "kowalska");
}

TEST(FoldText, WhitespaceRunsCollapseAndEndsAreTrimmed) {
  EXPECT_EQ(FoldText("  Anna   Maria "), "anna maria");
  EXPECT_EQ(FoldText("\tAnna\r\n Maria\v\f"), "anna maria");
}

TEST(FoldText, UnicodeSpacesCollapseLikeAsciiSpaces) {
  // No-break space, ideographic space, em space, line separator, next line,
  // Ogham space mark.
  EXPECT_EQ(FoldText("Anna\u00A0Maria\u3000Nowak\u2003\u2028x\u0085y\u1680z"),
            "anna maria nowak x y z");
  EXPECT_EQ(FoldText("\u00A0\u3000Łukasz\u2029"), "lukasz");
}

TEST(FoldText, FullWidthLettersNormaliseToAscii) {
  EXPECT_EQ(FoldText("Ａｎｎａ"), "anna");
  EXPECT_EQ(FoldText("ＫＯＷＡＬＳＫＩ１２３"), "kowalski123");
}

TEST(FoldText, LigaturesAndCompatibilityFormsDecompose) {
  EXPECT_EQ(FoldText("ﬁnance"), "finance");
  EXPECT_EQ(FoldText("Ǆuro"), "dzuro");
  EXPECT_EQ(FoldText("①"), "1");
}

TEST(FoldText, SharpSFoldsToSs) { EXPECT_EQ(FoldText("Straße"), "strasse"); }

TEST(FoldText, ScandinavianLettersFoldToAscii) {
  EXPECT_EQ(FoldText("Øyvind"), "oyvind");
  EXPECT_EQ(FoldText("Ærø"), "aero");
  EXPECT_EQ(FoldText("Åsa"), "asa");
}

TEST(FoldText, VietnameseStackedDiacriticsAreRemoved) {
  EXPECT_EQ(FoldText("Nguyễn Văn Đức"), "nguyen van duc");
}

TEST(FoldText, TurkishDottedCapitalIFoldsToI) {
  EXPECT_EQ(FoldText("İstanbul"), "istanbul");
}

TEST(FoldText, CyrillicTransliterates) {
  EXPECT_EQ(FoldText("Дмитрий"), "dmitrij");
  EXPECT_EQ(FoldText("ИВАНОВ Сергей"), "ivanov sergej");
}

TEST(FoldText, GreekTransliterates) {
  EXPECT_EQ(FoldText("Ελευθέριος Παπαδόπουλος"), "eleutherios papadopoulos");
}

TEST(FoldText, ChineseTransliteratesToPinyinWithoutTones) {
  EXPECT_EQ(FoldText("李"), "li");
  EXPECT_EQ(FoldText("李小龙"), "li xiao long");
}

TEST(FoldText, ArabicTransliteratesToConsonants) {
  EXPECT_EQ(FoldText("محمد"), "mhmd");
}

TEST(FoldText, PunctuationOfEmailsAndHandlesIsKept) {
  EXPECT_EQ(FoldText("Jan.Kowalski-Nowak@Example.COM"),
            "jan.kowalski-nowak@example.com");
  EXPECT_EQ(FoldText("@Anna_K.99"), "@anna_k.99");
  EXPECT_EQ(FoldText("O'Brien"), "o'brien");
}

TEST(FoldText, TypographicPunctuationBecomesAscii) {
  EXPECT_EQ(FoldText("O’Brien — “Bob”…"), "o'brien - \"bob\"...");
}

TEST(FoldText, EmojiAndSymbolsWithoutAsciiFormAreDropped) {
  EXPECT_EQ(FoldText("Anna 😀 Maria"), "anna maria");
  EXPECT_EQ(FoldText("a😀b"), "ab");
  EXPECT_EQ(FoldText("☃ €100 ❤️"), "100");
  EXPECT_EQ(FoldText("😀"), "");
}

TEST(FoldText, AsciiControlCharactersAreDropped) {
  EXPECT_EQ(FoldText(std::string("An\x01na\x7F \0x", 9)), "anna x");
}

TEST(FoldText, EmptyAndBlankGiveEmpty) {
  EXPECT_EQ(FoldText(""), "");
  EXPECT_EQ(FoldText(" \t\n"), "");
  EXPECT_EQ(FoldText("\u3000\u00A0"), "");
}

TEST(FoldText, InvalidUtf8IsDroppedNotFatal) {
  EXPECT_EQ(FoldText("Anna\xC0\x80 \xFFMaria"), "anna maria");
}

TEST(FoldText, FoldingIsIdempotent) {
  for (const char* s :
       {"Łukasz Müller", "Дмитрий", "李小龙", " Ａｎｎａ  ", "a😀b"}) {
    std::string once = FoldText(s);
    EXPECT_EQ(FoldText(once), once) << s;
  }
}

TEST(FoldText, AsciiFastPathMatchesIcuPathOnRandomAscii) {
  std::mt19937_64 rng(20240501);
  // Bias towards letters, spaces and punctuation, but reach every ASCII byte
  // including NUL and the controls.
  const std::string common = "aAzZ  .-@_'\t\n\r\v\f09";
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 127);
  std::uniform_int_distribution<size_t> pick(0, common.size() - 1);
  for (int iteration = 0; iteration < 20000; ++iteration) {
    std::string s;
    for (int n = length(rng); n > 0; --n) {
      s.push_back(rng() % 2 ? common[pick(rng)] : static_cast<char>(byte(rng)));
    }
    ASSERT_EQ(FoldText(s), FoldTextWithIcu(s))
        << "input bytes: " << testing::PrintToString(s);
  }
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Random text mixing the scripts customer data holds, plus emoji, symbols,
// combining marks, Unicode spaces and any other scalar value.
std::string RandomMixedScriptText(std::mt19937_64& rng) {
  static constexpr char32_t kRanges[][2] = {
      {0x20, 0x7E},     {0x00A0, 0x00FF}, {0x0100, 0x017F},   {0x0180, 0x024F},
      {0x0300, 0x036F}, {0x0370, 0x03FF}, {0x0400, 0x04FF},   {0x0590, 0x05FF},
      {0x0600, 0x06FF}, {0x0900, 0x097F}, {0x0E00, 0x0E7F},   {0x1E00, 0x1EFF},
      {0x2000, 0x206F}, {0x20A0, 0x20CF}, {0x2100, 0x214F},   {0x2460, 0x24FF},
      {0x3000, 0x303F}, {0x3040, 0x30FF}, {0x4E00, 0x9FFF},   {0xAC00, 0xD7A3},
      {0xFB00, 0xFB4F}, {0xFF00, 0xFFEF}, {0x1F300, 0x1FAFF}, {0x0, 0x10FFFF},
  };
  std::uniform_int_distribution<size_t> range(0, std::size(kRanges) - 1);
  std::uniform_int_distribution<int> length(0, 24);
  std::string s;
  for (int n = length(rng); n > 0; --n) {
    const auto& r = kRanges[range(rng)];
    char32_t c = std::uniform_int_distribution<char32_t>(r[0], r[1])(rng);
    if (c >= 0xD800 && c <= 0xDFFF) c = ' ';
    AppendUtf8(c, &s);
  }
  return s;
}

TEST(FoldText, OutputIsLowerCasePrintableAsciiWithSingleSpacesOnRandomUnicode) {
  std::mt19937_64 rng(7);
  for (int iteration = 0; iteration < 5000; ++iteration) {
    const std::string input = RandomMixedScriptText(rng);
    const std::string out = FoldText(input);
    SCOPED_TRACE(testing::PrintToString(input));
    for (char c : out) {
      ASSERT_TRUE(c >= ' ' && c < 0x7F) << testing::PrintToString(out);
      ASSERT_FALSE(c >= 'A' && c <= 'Z') << out;
    }
    ASSERT_EQ(out.find("  "), std::string::npos) << out;
    if (!out.empty()) {
      ASSERT_NE(out.front(), ' ') << out;
      ASSERT_NE(out.back(), ' ') << out;
    }
  }
}

TEST(FoldText, ThreadsFoldIndependentlyAndAlike) {
  const std::vector<std::string> inputs = {"Łukasz", "Дмитрий", "李小龙",
                                           "Szőke", "Ａｎｎａ"};
  std::vector<std::string> expected;
  for (const std::string& s : inputs) expected.push_back(FoldText(s));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < inputs.size(); ++i) {
          mismatches[t] += FoldText(inputs[i]) != expected[i];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// The plain reference: decode each sequence by its lead byte's bit pattern,
// then reject overlong forms, surrogates and values above U+10FFFF by value.
// Returns the offset of the first bad sequence, or npos.
size_t ReferenceFirstBadUtf8(const std::string& s) {
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t length;
    uint32_t cp;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      length = 2, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, cp = b & 0x07;
    } else {
      return i;
    }
    if (i + length > s.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < kMinForLength[length]) return i;
    if (cp >= 0xD800 && cp <= 0xDFFF) return i;
    if (cp > 0x10FFFF) return i;
    i += length;
  }
  return std::string::npos;
}

size_t FirstBad(std::string_view s) {
  size_t offset = 12345;
  if (IsValidUtf8(s, &offset)) return std::string::npos;
  return offset;
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("Łukasz Müller Дмитрий 李小龙 😀"));
  // U+D7FF and U+E000 on either side of the surrogates, U+FFFF, U+10FFFF.
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));
  EXPECT_TRUE(IsValidUtf8(std::string_view("\0", 1)));
}

TEST(IsValidUtf8, RejectsOverlongForms) {
  EXPECT_EQ(FirstBad("\xC0\x80"), 0u);
  EXPECT_EQ(FirstBad("ab\xC1\xBF"), 2u);
  EXPECT_EQ(FirstBad("\xE0\x80\xAF"), 0u);
  EXPECT_EQ(FirstBad("\xE0\x9F\xBF"), 0u);
  EXPECT_EQ(FirstBad("\xF0\x80\x80\xAF"), 0u);
  EXPECT_EQ(FirstBad("\xF0\x8F\xBF\xBF"), 0u);
}

TEST(IsValidUtf8, RejectsSurrogates) {
  EXPECT_EQ(FirstBad("x\xED\xA0\x80"), 1u);  // U+D800
  EXPECT_EQ(FirstBad("\xED\xBF\xBF"), 0u);   // U+DFFF
}

TEST(IsValidUtf8, RejectsCodePointsAboveTheUnicodeRange) {
  EXPECT_EQ(FirstBad("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(FirstBad("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(FirstBad("\xFF"), 0u);
}

TEST(IsValidUtf8, RejectsTruncatedSequencesAndStrayContinuations) {
  EXPECT_EQ(FirstBad("abc\xE2\x82"), 3u);
  EXPECT_EQ(FirstBad("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(FirstBad("\xC3"), 0u);
  EXPECT_EQ(FirstBad("\xC3x"), 0u);
  EXPECT_EQ(FirstBad("abcdefghij\x80"), 10u);
  EXPECT_EQ(FirstBad("Łukasz\xA0"), 7u);
}

TEST(IsValidUtf8, LeavesOffsetAloneAndAcceptsNullWhenValid) {
  size_t offset = 99;
  EXPECT_TRUE(IsValidUtf8("Łukasz", &offset));
  EXPECT_EQ(offset, 99u);
  EXPECT_FALSE(IsValidUtf8("\xC0", nullptr));
}

// Random strings built from valid sequences, ASCII runs longer than the 8-byte
// fast path, and the bad pieces above, plus raw random bytes.
std::string RandomUtf8ish(std::mt19937_64& rng) {
  static const std::vector<std::string> kPieces = {
      "a",
      "abcdefghijklmnop",
      " ",
      "\xC3\xA9",
      "\xC5\x81",
      "\xE6\x9D\x8E",
      "\xF0\x9F\x98\x80",
      "\xF4\x8F\xBF\xBF",
      "\xED\x9F\xBF",
      "\xEE\x80\x80",
      "\xC0\x80",
      "\xE0\x80\xAF",
      "\xF0\x80\x80\xAF",
      "\xED\xA0\x80",
      "\xF4\x90\x80\x80",
      "\xE2\x82",
      "\x80",
      "\xBF",
      "\xF8\x88\x80\x80\x80",
      "\xFE",
      "\xFF",
  };
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::string s;
  for (int n = length(rng); n > 0; --n) {
    switch (rng() % 4) {
      case 0:
        s.push_back(static_cast<char>(rng() & 0xFF));
        break;
      case 1:
        // Any value below 0x110000, surrogates included.
        AppendUtf8(static_cast<char32_t>(rng() % 0x110000), &s);
        break;
      default:
        s += kPieces[piece(rng)];
    }
  }
  return s;
}

TEST(IsValidUtf8, AgreesWithReferenceDecoderOnRandomBytes) {
  std::mt19937_64 rng(42);
  int invalid = 0;
  for (int iteration = 0; iteration < 200000; ++iteration) {
    const std::string s = RandomUtf8ish(rng);
    const size_t expected = ReferenceFirstBadUtf8(s);
    invalid += expected != std::string::npos;
    ASSERT_EQ(FirstBad(s), expected) << testing::PrintToString(s);
  }
  // Both outcomes must be well represented for the comparison to mean anything.
  EXPECT_GT(invalid, 20000);
  EXPECT_LT(invalid, 180000);
}

}  // namespace
}  // namespace sameas
