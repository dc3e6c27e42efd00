// Phone numbers to E.164: the ways people in Poland, Germany, Hungary, Indonesia and Britain
// write their mobile numbers, national and international, read as one number; a number
// without its country code read in the record's country, a setting or the column's most
// common region; invalid numbers kept as digits and counted.
#include "sameas/prepare/phones.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "prepare/contact_features.h"
#include "sameas/prepare/prepared_table.h"

namespace sameas {
namespace {

std::string E164(std::string_view text, std::string_view region) {
  PhoneNumber number = ParsePhone(text, region);
  EXPECT_TRUE(number.valid) << text << " in " << region;
  return number.normalised;
}

TEST(ParsePhone, PolishMobileInEveryCommonWriting) {
  for (const char* text : {"+48 697 725 942", "697 725 942", "697-725-942", "+48697725942",
                           "0048 697 725 942", "697725942", "(+48) 697-725-942"}) {
    EXPECT_EQ(E164(text, "PL"), "+48697725942") << text;
  }
}

TEST(ParsePhone, GermanMobileWithTrunkZeroSlashAndBracketedZero) {
  for (const char* text : {"0151 23456789", "+49 151 23456789", "0049 151 23456789",
                           "0151/23456789", "0151-23456789", "+49 (0)151 23456789"}) {
    EXPECT_EQ(E164(text, "DE"), "+4915123456789") << text;
  }
}

TEST(ParsePhone, HungarianMobileWithNationalPrefix06) {
  for (const char* text : {"06 30 004 6063", "06-30-004-6063", "+36 30 004 6063", "+36300046063",
                           "06300046063", "+36-30/004-6063"}) {
    EXPECT_EQ(E164(text, "HU"), "+36300046063") << text;
  }
}

TEST(ParsePhone, IndonesianMobileWithAndWithoutPlus) {
  for (const char* text :
       {"0895-9724-796", "08959724796", "+62 895-9724-796", "+62 895 9724 796", "628959724796"}) {
    EXPECT_EQ(E164(text, "ID"), "+628959724796") << text;
  }
}

TEST(ParsePhone, BritishMobileWithBracketedTrunkZero) {
  for (const char* text : {"07911 123456", "+44 7911 123456", "+44 (0)7911 123456",
                           "0044 7911 123456", "07911123456"}) {
    EXPECT_EQ(E164(text, "GB"), "+447911123456") << text;
  }
}

TEST(ParsePhone, CountryCodeWinsOverTheDefaultRegion) {
  // A German number in a Polish customer's record stays German.
  EXPECT_EQ(E164("+49 151 23456789", "PL"), "+4915123456789");
  EXPECT_EQ(RegionOfInternationalNumber("+36 30 004 6063"), "HU");
  EXPECT_EQ(RegionOfInternationalNumber("0151 23456789"), "");
}

TEST(ParsePhone, NationalNumberWithoutRegionIsKeptAsDigits) {
  PhoneNumber number = ParsePhone("0151 23456789", "");
  EXPECT_FALSE(number.valid);
  EXPECT_EQ(number.normalised, "015123456789");
}

TEST(ParsePhone, InvalidNumbersAreKeptAsDigitsNotDropped) {
  PhoneNumber short_number = ParsePhone("12-34", "PL");
  EXPECT_FALSE(short_number.valid);
  EXPECT_EQ(short_number.normalised, "1234");
  EXPECT_EQ(ParsePhone("+48 123", "PL").normalised, "48123");
  EXPECT_EQ(ParsePhone("n/a", "PL").normalised, "");
}

// ---- ParsePhone parses a number written with its country code without its spaces, and
// finds its region once: the reference is libphonenumber on the text as written.

using i18n::phonenumbers::PhoneNumberUtil;

PhoneNumber ParseAsWritten(const std::string& text, const std::string& region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber out;
  i18n::phonenumbers::PhoneNumber number;
  if (util.Parse(text, region.empty() ? "ZZ" : region, &number) ==
          PhoneNumberUtil::NO_PARSING_ERROR &&
      util.IsValidNumber(number)) {
    util.Format(number, PhoneNumberUtil::E164, &out.normalised);
    util.GetRegionCodeForNumber(number, &out.region);
    out.valid = true;
    return out;
  }
  out.normalised = PhoneDigits(text);
  return out;
}

TEST(ParsePhone, CompactsOnlyAPlusFollowedByDigitsAndSpaces) {
  EXPECT_EQ(internal::CompactInternationalNumber("+48 697 725 942"), "+48697725942");
  EXPECT_EQ(internal::CompactInternationalNumber("+ 36  30 004 6063"), "+36300046063");
  EXPECT_EQ(internal::CompactInternationalNumber("+49 (0)151 2345"), "+49 (0)151 2345");
  EXPECT_EQ(internal::CompactInternationalNumber("+44 7911-123456"), "+44 7911-123456");
  EXPECT_EQ(internal::CompactInternationalNumber("+1 555 0100 ext 12"), "+1 555 0100 ext 12");
  EXPECT_EQ(internal::CompactInternationalNumber("0048 697 725 942"), "0048 697 725 942");
  EXPECT_EQ(internal::CompactInternationalNumber(" +48 697"), " +48 697");
}

TEST(ParsePhone, AgreesWithLibphonenumberOnTheTextAsWritten) {
  // Property: example numbers of twenty countries, mobile and fixed line, with digits
  // changed, dropped or added and spaced every which way, some with other punctuation;
  // read in no region and in four.
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::mt19937_64 random(20261122);
  auto below = [&](size_t n) { return static_cast<size_t>(random() % n); };
  std::vector<std::string> texts;
  for (const char* region : {"PL", "DE", "HU", "ID", "GB", "US", "FR", "IT", "BR", "AR", "MX",
                             "RU", "IN", "CN", "JP", "AU", "NL", "CH", "AT", "CZ"}) {
    for (auto type : {PhoneNumberUtil::MOBILE, PhoneNumberUtil::FIXED_LINE}) {
      i18n::phonenumbers::PhoneNumber example;
      ASSERT_TRUE(util.GetExampleNumberForType(region, type, &example)) << region;
      std::string e164;
      util.Format(example, PhoneNumberUtil::E164, &e164);
      const size_t code = std::to_string(example.country_code()).size() + 1;
      for (int variant = 0; variant < 40; ++variant) {
        std::string digits = e164.substr(1);
        const int change = variant % 4;  // none, a digit changed, dropped, added
        const size_t at = code - 1 + below(digits.size() - code + 1);
        if (change == 1 && at < digits.size()) digits[at] = static_cast<char>('0' + below(10));
        if (change == 2 && at < digits.size()) digits.erase(at, 1);
        if (change == 3) digits.insert(at, 1, static_cast<char>('0' + below(10)));
        std::string text = "+";
        if (below(8) == 0) text.push_back(' ');
        const char* separator = variant % 10 == 9 ? "-" : below(6) == 0 ? "  " : " ";
        for (size_t i = 0; i < digits.size(); ++i) {
          if (i > 0 && below(3) == 0) text.append(separator);
          text.push_back(digits[i]);
        }
        if (variant % 13 == 12) text.append(" ext 12");
        texts.push_back(std::move(text));
      }
    }
  }
  size_t valid = 0;
  for (const std::string& text : texts) {
    for (const std::string region : {"", "PL", "DE", "US", "GB"}) {
      const PhoneNumber reference = ParseAsWritten(text, region);
      const PhoneNumber fast = ParsePhone(text, region);
      ASSERT_EQ(fast.normalised, reference.normalised) << "'" << text << "' in '" << region << "'";
      ASSERT_EQ(fast.valid, reference.valid) << "'" << text << "' in '" << region << "'";
      ASSERT_EQ(fast.region, reference.region) << "'" << text << "' in '" << region << "'";
      valid += reference.valid;
    }
  }
  EXPECT_GT(valid, texts.size() * 5 / 4);  // a quarter of them, over five regions
  EXPECT_LT(valid, texts.size() * 5);
}

// ---- In prepare: the record's country, the setting, the most common region.

Table Customers(std::vector<std::vector<std::optional<std::string>>> rows) {
  Table table;
  table.source = "crm";
  table.origin = "crm.csv";
  for (const char* name : {"id", "phone", "country"}) table.columns.emplace_back(name);
  for (size_t r = 0; r < rows.size(); ++r) {
    table.columns[0].Append(std::to_string(r));
    for (size_t c = 0; c < 2; ++c) {
      if (rows[r][c]) {
        table.columns[c + 1].Append(*rows[r][c]);
      } else {
        table.columns[c + 1].AppendNull();
      }
    }
  }
  return table;
}

PreparedColumn PreparePhones(const Table& table, std::string default_region = "") {
  Settings settings;
  settings.id_column = "id";
  ColumnSettings phone{"phone", ColumnRole::kPhone, ColumnType::kText, {}};
  phone.country_columns = {"country"};
  phone.default_region = std::move(default_region);
  settings.columns = {phone};
  auto prepared = Prepare({&table}, settings);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return prepared->columns[0];
}

TEST(PreparePhones, DefaultRegionFromTheRecordsCountryInItsLanguage) {
  Table table = Customers({{"697 725 942", "Polska"},
                           {"0151 23456789", "Deutschland"},
                           {"06 30 004 6063", "Magyarország"},
                           {"0895-9724-796", "Indonesia"},
                           {"07911 123456", "United Kingdom"},
                           {"0151/23456789", "DE"},
                           {"697-725-942", "PL"}});
  PreparedColumn column = PreparePhones(table);
  std::vector<std::string> e164;
  for (size_t r = 0; r < table.num_rows(); ++r) e164.emplace_back(column.folded(r));
  EXPECT_EQ(e164, (std::vector<std::string>{"+48697725942", "+4915123456789", "+36300046063",
                                            "+628959724796", "+447911123456", "+4915123456789",
                                            "+48697725942"}));
  EXPECT_EQ(column.codes[0], column.codes[6]);
  EXPECT_EQ(column.codes[1], column.codes[5]);
  EXPECT_EQ(column.invalid_phones, 0u);
}

TEST(PreparePhones, WithoutCountryTheSettingThenTheMostCommonRegion) {
  // Most records are Hungarian: a number without country reads as Hungarian.
  Table table = Customers({{"+36 30 004 6063", std::nullopt},
                           {"+36 20 123 4567", std::nullopt},
                           {"06 70 765 4321", "Magyarország"},
                           {"06 30 111 2233", std::nullopt}});
  PreparedColumn column = PreparePhones(table);
  EXPECT_EQ(column.folded(3), "+36301112233");
  // A setting overrides the data: in Germany "06 30 111 2233" is a landline in area 06301.
  PreparedColumn german = PreparePhones(table, "DE");
  EXPECT_EQ(german.folded(0), "+36300046063");  // its own country code still counts
  EXPECT_EQ(german.folded(2), "+36707654321");  // and so does the record's country
  EXPECT_EQ(german.folded(3), "+496301112233");
}

TEST(PreparePhones, InvalidNumbersAreCountedAndKept) {
  Table table =
      Customers({{"697 725 942", "PL"}, {"123", "PL"}, {"tel: 55-12", "PL"}, {std::nullopt, "PL"}});
  PreparedColumn column = PreparePhones(table);
  EXPECT_EQ(column.folded(1), "123");
  EXPECT_EQ(column.folded(2), "5512");
  EXPECT_TRUE(column.is_null(3));
  EXPECT_EQ(column.invalid_phones, 2u);
}

}  // namespace
}  // namespace sameas
