// Links a social-account table to a CRM table and, for each social account, prints the
// customer it most likely is: what a CRM backend asks of sameas.
//
//   who_is_this crm.csv social.csv [threshold]
#include <cstdlib>
#include <iostream>
#include <map>

#include "sameas/sameas.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: who_is_this crm.csv social.csv [threshold]\n";
    return 2;
  }
  const double threshold = argc > 3 ? std::atof(argv[3]) : 0.5;
  std::vector<sameas::Table> tables;
  for (int i = 1; i <= 2; ++i) {
    auto table = sameas::ReadCsv(argv[i]);
    if (!table.ok()) {
      std::cerr << table.status().message() << "\n";
      return 1;
    }
    tables.push_back(*std::move(table));
  }
  sameas::AutoSettingsOptions options;
  options.link_type = sameas::LinkType::kLinkOnly;
  auto settings = sameas::InferSettings({&tables[0], &tables[1]}, options);
  if (!settings.ok()) {
    std::cerr << settings.status().message() << "\n";
    return 1;
  }
  auto linker = sameas::Linker::Create(tables, *settings);
  if (!linker.ok()) {
    std::cerr << linker.status().message() << "\n";
    return 1;
  }
  if (auto model = linker->Train(); !model.ok()) {
    std::cerr << model.status().message() << "\n";
    return 1;
  }
  auto predictions = linker->Predict();
  if (!predictions.ok()) {
    std::cerr << predictions.status().message() << "\n";
    return 1;
  }
  // The best CRM record for each social account.
  const sameas::PreparedTable& records = linker->prepared();
  std::map<uint32_t, std::pair<uint32_t, double>> best;
  for (size_t p = 0; p < predictions->pairs.size(); ++p) {
    uint32_t crm = predictions->pairs.left[p], social = predictions->pairs.right[p];
    if (records.source[crm] != 0) std::swap(crm, social);
    double probability = predictions->scores.probability[p];
    auto [it, inserted] = best.try_emplace(social, crm, probability);
    if (!inserted && probability > it->second.second) it->second = {crm, probability};
  }
  size_t matched = 0;
  for (const auto& [social, match] : best) {
    if (match.second < threshold) continue;
    ++matched;
    std::cout << records.sources[1] << ":" << records.ids.value(social) << " is "
              << records.sources[0] << ":" << records.ids.value(match.first)
              << " (probability " << match.second << ")\n";
  }
  std::cerr << matched << " of " << tables[1].num_rows() << " accounts matched a customer\n";
  return 0;
}
