// Prepare parses the distinct values of a column in parallel chunks and codes them in the
// order the records first hold them: one thread and several give the same prepared table, to
// every code, feature and count, over more values than one wave of parses holds.
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "pipeline/customers.h"
#include "sameas/pipeline/threads.h"
#include "sameas/prepare/phones.h"
#include "sameas/prepare/prepared_table.h"

namespace sameas {
namespace {

std::vector<std::string> Values(const StringColumn& column) {
  std::vector<std::string> out;
  for (size_t i = 0; i < column.size(); ++i) out.emplace_back(column.value(i));
  return out;
}

// A CRM table of 60,000 customers with phones and countries, and a social table whose
// display names, month-first birth dates, handles and locations describe some of them.
std::vector<Table> CrmAndSocial() {
  Table crm = testing::MakeCustomers(60000, 23);
  std::mt19937_64 random(5);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  auto digits = [&](int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + random() % 10));
    return out;
  };
  StringColumn phone("phone"), country("country");
  for (size_t r = 0; r < crm.num_rows(); ++r) {
    // With the country code (valid and not), national with a trunk zero, or none.
    const int kind = static_cast<int>(random() % 5);
    if (kind == 0) {
      phone.Append("+48 " + digits(3) + " " + digits(3) + " " + digits(3));
    } else if (kind == 1) {
      phone.Append("+49 15" + digits(1) + " " + digits(random() % 3 + 6));
    } else if (kind == 2) {
      phone.Append("06 30 " + digits(3) + " " + digits(4));
    } else if (kind == 3) {
      phone.Append("0151-" + digits(8));
    } else {
      phone.AppendNull();
    }
    const int where = static_cast<int>(random() % 4);
    if (where <= 1) {
      country.Append("Polska");
    } else if (where == 2) {
      country.Append("DE");
    } else {
      country.AppendNull();
    }
  }
  crm.columns.push_back(std::move(phone));
  crm.columns.push_back(std::move(country));
  crm.source = "crm";

  Table social;
  social.source = "social";
  social.origin = "social (generated)";
  for (const char* name : {"id", "display_name", "birth", "handle", "location"}) {
    social.columns.emplace_back(name);
  }
  for (size_t r = 0; r < 12000; ++r) {
    const size_t c = random() % crm.num_rows();
    const std::string_view given = crm.columns[1].value(c);
    const std::string_view family = crm.columns[2].value(c);
    const std::string_view dob = crm.columns[3].value(c);
    social.columns[0].Append(fmt::format("s{}", r));
    social.columns[1].Append(chance(0.5) ? fmt::format("{} {}", given, family)
                                         : fmt::format("{}, {}", family, given));
    social.columns[2].Append(fmt::format("{}/{}/{}", dob.substr(5, 2), dob.substr(8, 2),
                                         dob.substr(0, 4)));
    std::string handle = fmt::format("{}_{}{}", given, family, digits(2));
    if (chance(0.1)) {
      social.columns[3].AppendNull();
    } else {
      social.columns[3].Append(handle);
    }
    social.columns[4].Append(fmt::format("{} 🌍", crm.columns[4].value(c)));
  }
  std::vector<Table> tables;
  tables.push_back(std::move(crm));
  tables.push_back(std::move(social));
  return tables;
}

Settings CrmAndSocialSettings() {
  Settings settings;
  settings.id_column = "id";
  ColumnSettings full{"full_name", ColumnRole::kFullName, ColumnType::kText, {}};
  full.inputs = {{"crm", {"first_name", "last_name"}}, {"social", {"display_name"}}};
  ColumnSettings dob{"date_of_birth", ColumnRole::kOther, ColumnType::kDate, {}};
  dob.inputs = {{"social", {"birth"}}};
  ColumnSettings city{"city", ColumnRole::kCity, ColumnType::kText, {}};
  city.inputs = {{"social", {"location"}}};
  city.country_columns = {"country"};
  ColumnSettings phone{"phone", ColumnRole::kPhone, ColumnType::kText, {}};
  phone.inputs = {{"social", {}}};
  phone.country_columns = {"country"};
  ColumnSettings email{"email", ColumnRole::kEmail, ColumnType::kText, {}};
  email.inputs = {{"social", {}}};
  ColumnSettings handle{"handle", ColumnRole::kHandle, ColumnType::kText, {}};
  handle.inputs = {{"crm", {}}};
  settings.columns = {{"first_name", ColumnRole::kGivenName, ColumnType::kText, {}},
                      {"last_name", ColumnRole::kFamilyName, ColumnType::kText, {}},
                      full, dob, city, phone, email, handle};
  settings.columns[0].inputs = {{"social", {}}};
  settings.columns[1].inputs = {{"social", {}}};
  return settings;
}

PreparedTable PrepareWith(int threads, const std::vector<Table>& tables, const Settings& settings) {
  ScopedThreads scope(threads);
  std::vector<const Table*> views;
  for (const Table& table : tables) views.push_back(&table);
  auto prepared = Prepare(views, settings);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  return *std::move(prepared);
}

void ExpectSameColumn(const PreparedColumn& a, const PreparedColumn& b) {
  SCOPED_TRACE(a.name);
  EXPECT_EQ(Values(a.dictionary), Values(b.dictionary));
  EXPECT_EQ(a.codes, b.codes);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.days, b.days);
  EXPECT_EQ(a.years, b.years);
  EXPECT_EQ(a.unparsed_dates, b.unparsed_dates);
  EXPECT_EQ(a.invalid_phones, b.invalid_phones);
  EXPECT_EQ(a.names.index, b.names.index);
  EXPECT_EQ(a.names.features, b.names.features);
  EXPECT_EQ(Values(a.names.forms), Values(b.names.forms));
  EXPECT_EQ(a.names.tokens, b.names.tokens);
  EXPECT_EQ(a.names.groups, b.names.groups);
  EXPECT_EQ(a.handles.index, b.handles.index);
  EXPECT_EQ(a.handles.features, b.handles.features);
  EXPECT_EQ(Values(a.handles.forms), Values(b.handles.forms));
  EXPECT_EQ(a.handles.tokens, b.handles.tokens);
  EXPECT_EQ(a.places.index, b.places.index);
  EXPECT_EQ(a.places.features, b.places.features);
}

TEST(PrepareThreads, OneAndManyThreadsPrepareTheSameTable) {
  const std::vector<Table> tables = CrmAndSocial();
  const Settings settings = CrmAndSocialSettings();
  const PreparedTable one = PrepareWith(1, tables, settings);
  // More distinct emails than one wave of parses, so that several waves and many chunks run.
  const PreparedColumn& email = one.columns[6];
  ASSERT_GT(email.dictionary.size(), 32768u);
  ASSERT_GT(one.columns[5].invalid_phones, 1000u);
  ASSERT_GT(one.columns[7].handles.features.size(), 1000u);
  for (int threads : {2, 3}) {
    SCOPED_TRACE(threads);
    const PreparedTable many = PrepareWith(threads, tables, settings);
    ASSERT_EQ(one.columns.size(), many.columns.size());
    for (size_t c = 0; c < one.columns.size(); ++c) ExpectSameColumn(one.columns[c], many.columns[c]);
  }
}

TEST(PrepareThreads, EveryPhoneReadsAsInItsRecordsCountryOrTheMostCommonRegion) {
  // The numbers are parsed once per distinct value, a number with its country code once for
  // every region: each record still gets what ParsePhone gives in its region.
  const std::vector<Table> tables = CrmAndSocial();
  const PreparedTable prepared = PrepareWith(2, tables, CrmAndSocialSettings());
  const PreparedColumn& phones = prepared.columns[5];
  const Table& crm = tables[0];
  const StringColumn& raw = crm.columns[crm.ColumnIndex("phone")];
  const StringColumn& country = crm.columns[crm.ColumnIndex("country")];
  // Half the records are Polish by their country, a quarter German: the others read as Polish.
  size_t checked = 0, valid = 0;
  for (size_t r = 0; r < crm.num_rows(); ++r) {
    if (raw.is_null(r)) {
      EXPECT_TRUE(phones.is_null(r));
      continue;
    }
    const std::string region =
        country.is_null(r) ? "PL" : country.value(r) == "DE" ? "DE" : "PL";
    const PhoneNumber expected = ParsePhone(raw.value(r), region);
    ASSERT_EQ(phones.folded(r), expected.normalised) << raw.value(r) << " in " << region;
    ++checked;
    valid += expected.valid;
  }
  EXPECT_GT(checked, 40000u);
  EXPECT_GT(valid, checked / 4);
  EXPECT_LT(valid, checked);
}

}  // namespace
}  // namespace sameas
