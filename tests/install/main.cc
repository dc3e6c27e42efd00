// Links two small in-memory tables through the installed sameas package and prints the
// number of entities: the two spellings of Katarzyna Nowak are one, Jan Kowalski another.
#include <iostream>

#include "sameas/sameas.h"

int main() {
  sameas::Table crm;
  crm.source = "crm";
  crm.origin = "memory";
  sameas::StringColumn id("id"), given("given"), family("family"), city("city");
  id.Append("c1"), given.Append("Katarzyna"), family.Append("Nowak"), city.Append("Warszawa");
  id.Append("c2"), given.Append("Jan"), family.Append("Kowalski"), city.Append("Kraków");
  crm.columns = {id, given, family, city};

  sameas::Table social = crm;
  social.source = "social";
  sameas::StringColumn id2("id"), given2("given"), family2("family"), city2("city");
  id2.Append("s1"), given2.Append("KATARZYNA"), family2.Append("Nowak"), city2.Append("Warszawa");
  social.columns = {id2, given2, family2, city2};

  auto settings = sameas::SettingsFromJson(R"({
    "link_type": "link_and_dedupe", "id_column": "id",
    "columns": [{"name": "given"}, {"name": "family"}, {"name": "city"}],
    "blocking_rules": ["family"],
    "comparisons": [
      {"column": "given", "levels": [{"type": "null"}, {"type": "exact"},
                                     {"type": "jaro_winkler", "threshold": 0.9}, {"type": "else"}]},
      {"column": "city", "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]
  })", "inline settings");
  if (!settings.ok()) {
    std::cerr << settings.status() << "\n";
    return 1;
  }
  auto linker = sameas::Linker::Create({crm, social}, *settings);
  if (!linker.ok()) {
    std::cerr << linker.status() << "\n";
    return 1;
  }
  sameas::Model model = sameas::InitialModel(*settings);
  model.prior = 0.1;
  if (auto status = linker->SetModel(model); !status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  auto predictions = linker->Predict();
  if (!predictions.ok()) {
    std::cerr << predictions.status() << "\n";
    return 1;
  }
  sameas::Clusters clusters = linker->Cluster(*predictions, 0.9);
  std::cout << "entities: " << clusters.num_clusters << "\n";
  return clusters.num_clusters == 2 ? 0 : 1;
}
