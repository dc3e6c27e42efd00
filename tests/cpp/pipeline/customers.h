// A generated customer table for the pipeline tests: people with German, Polish, Hungarian,
// Indonesian and English names, about one row in five a duplicate of another row's person
// with a typo, a missing value or a swapped day and month. Deterministic for a seed.
#ifndef SAMEAS_TESTS_CPP_PIPELINE_CUSTOMERS_H_
#define SAMEAS_TESTS_CPP_PIPELINE_CUSTOMERS_H_

#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "sameas/io/table.h"

namespace sameas::testing {

// `rows` customers: id, first_name, last_name, date_of_birth, city, email. The person of row
// r is `person[r]`.
inline Table MakeCustomers(size_t rows, uint64_t seed, std::vector<uint32_t>* person = nullptr) {
  static const std::vector<std::string> kGiven = {
      "Katarzyna", "Małgorzata", "Agnieszka", "Krzysztof", "Wojciech", "Jürgen", "Jörg",
      "Käthe",     "Wolfgang",   "Sabine",    "Zsófia",    "Erzsébet", "László", "Gábor",
      "Siti",      "Dewi",       "Budi",      "Agus",      "Oliver",   "Charlotte", "Harry",
      "Amelia",    "Anna",       "Jan",       "Piotr",     "Stefan",   "Ewa"};
  static const std::vector<std::string> kFamily = {
      "Nowak",   "Kowalski", "Wiśniewska", "Wójcik",   "Kamińska", "Müller",    "Schmidt",
      "Schäfer", "Weiß",     "Nagy",       "Kovács",   "Tóth",     "Szabó",     "Horváth",
      "Santoso", "Wijaya",   "Kusuma",     "Hartono",  "Smith",    "Jones",     "Taylor",
      "Brown",   "Lewandowski", "Zieliński", "Fischer"};
  static const std::vector<std::string> kCity = {"Warszawa", "Kraków", "Berlin", "München",
                                                 "Budapest", "Jakarta", "London", "Leeds"};
  std::mt19937_64 random(seed);
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  struct Person {
    std::string given, family, dob, city, email;
  };
  std::vector<Person> people;
  Table table;
  table.source = "customers";
  table.origin = "customers (generated)";
  for (const char* name : {"id", "first_name", "last_name", "date_of_birth", "city", "email"}) {
    table.columns.emplace_back(name);
  }
  for (size_t r = 0; r < rows; ++r) {
    size_t who;
    if (!people.empty() && chance(0.2)) {
      who = std::uniform_int_distribution<size_t>(0, people.size() - 1)(random);
    } else {
      Person p{pick(kGiven), pick(kFamily), "", pick(kCity), ""};
      p.dob = fmt::format("{:04d}-{:02d}-{:02d}",
                          std::uniform_int_distribution<int>(1940, 2005)(random),
                          std::uniform_int_distribution<int>(1, 12)(random),
                          std::uniform_int_distribution<int>(1, 28)(random));
      p.email = fmt::format("{}.{}{}@example.com", p.given.substr(0, 1), p.family.substr(0, 3),
                            people.size());
      people.push_back(p);
      who = people.size() - 1;
    }
    Person p = people[who];
    if (chance(0.15) && p.family.size() > 3) {  // a typo: two letters swapped
      const size_t at = std::uniform_int_distribution<size_t>(1, p.family.size() - 3)(random);
      if (static_cast<unsigned char>(p.family[at]) < 0x80 &&
          static_cast<unsigned char>(p.family[at + 1]) < 0x80) {
        std::swap(p.family[at], p.family[at + 1]);
      }
    }
    if (chance(0.05)) std::swap(p.dob[5], p.dob[8]);  // day and month mixed up
    table.columns[0].Append(fmt::format("c{}", r));
    table.columns[1].Append(p.given);
    table.columns[2].Append(p.family);
    table.columns[3].Append(p.dob);
    table.columns[4].Append(p.city);
    if (chance(0.2)) {
      table.columns[5].AppendNull();
    } else {
      table.columns[5].Append(p.email);
    }
    if (person != nullptr) person->push_back(static_cast<uint32_t>(who));
  }
  return table;
}

// Settings for MakeCustomers tables; `max_block_size` caps blocks (the city rule's blocks
// hold rows / 8 records each). EM runs on a sample of 40,000 pairs of each training rule.
inline std::string CustomerSettings(uint64_t max_block_size) {
  return fmt::format(R"json({{
    "link_type": "dedupe", "id_column": "id",
    "columns": [{{"name": "first_name", "role": "given_name"}},
                {{"name": "last_name", "role": "family_name"}},
                {{"name": "date_of_birth", "type": "date"}},
                {{"name": "city"}}, {{"name": "email"}}],
    "blocking_rules": ["last_name", "date_of_birth", "city & prefix(first_name, 1)"],
    "comparisons": [
      {{"column": "first_name", "levels": [{{"type": "null"}}, {{"type": "exact"}},
        {{"type": "jaro_winkler", "threshold": 0.9}}, {{"type": "else"}}]}},
      {{"column": "last_name", "term_frequency": true, "levels": [{{"type": "null"}},
        {{"type": "exact"}}, {{"type": "damerau_levenshtein", "threshold": 1}},
        {{"type": "else"}}]}},
      {{"column": "date_of_birth", "levels": [{{"type": "null"}}, {{"type": "exact"}},
        {{"type": "damerau_levenshtein", "threshold": 1}}, {{"type": "else"}}]}},
      {{"column": "email", "levels": [{{"type": "null"}}, {{"type": "exact"}},
        {{"type": "else"}}]}}],
    "deterministic_rules": ["email"],
    "u_sample_pairs": 300000, "em_sample_pairs": 40000,
    "max_block_size": {}, "block_window": 20
  }})json",
                     max_block_size);
}

}  // namespace sameas::testing

#endif  // SAMEAS_TESTS_CPP_PIPELINE_CUSTOMERS_H_
