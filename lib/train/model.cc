// Model: starting parameters and the JSON file format.
#include "sameas/train/model.h"

#include <cmath>

#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace sameas {

Model InitialModel(const Settings& settings) {
  Model model;
  model.settings = settings;
  for (const auto& spec : settings.comparisons) {
    ComparisonParameters parameters;
    parameters.name = spec.name;
    const size_t n = spec.levels.size();  // null, k similarity levels, else
    double m_total = 0, u_total = 0;
    std::vector<double> m(n, 0), u(n, 0);
    for (size_t l = 1; l < n; ++l) {
      // Each looser level is a quarter as likely among matches and four times as likely among
      // non-matches; else holds most non-matches.
      m[l] = (l + 1 == n) ? 0.05 : std::pow(0.25, static_cast<double>(l - 1));
      u[l] = (l + 1 == n) ? 0.9 : 0.01 * std::pow(4.0, static_cast<double>(l - 1));
      m_total += m[l];
      u_total += u[l];
    }
    parameters.levels.resize(n);
    for (size_t l = 0; l < n; ++l) {
      LevelParameters& level = parameters.levels[l];
      level.label = DescribeLevel(spec.levels[l]);
      level.m = l == 0 ? 1.0 : m[l] / m_total;
      level.u = l == 0 ? 1.0 : u[l] / u_total;
    }
    model.comparisons.push_back(std::move(parameters));
  }
  return model;
}

std::string ModelToJson(const Model& model) {
  nlohmann::json root;
  root["format"] = "sameas-model";
  root["version"] = Model::kFormatVersion;
  root["prior"] = model.prior;
  nlohmann::json comparisons = nlohmann::json::array();
  for (const auto& comparison : model.comparisons) {
    nlohmann::json c;
    c["name"] = comparison.name;
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& level : comparison.levels) {
      levels.push_back({{"label", level.label},
                        {"m", level.m},
                        {"u", level.u},
                        {"m_estimated", level.m_estimated},
                        {"u_estimated", level.u_estimated}});
    }
    c["levels"] = std::move(levels);
    comparisons.push_back(std::move(c));
  }
  root["comparisons"] = std::move(comparisons);
  root["training_log"] = model.training_log;
  root["settings"] = nlohmann::json::parse(SettingsToJson(model.settings));
  return root.dump(2);
}

absl::StatusOr<Model> ModelFromJson(std::string_view text, std::string_view origin) {
  auto error = [&](std::string_view path, std::string_view message) {
    return absl::InvalidArgumentError(fmt::format("{}: {}: {}", origin, path, message));
  };
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return absl::InvalidArgumentError(
        fmt::format("{}: not valid JSON at byte {}: {}", origin, e.byte, e.what()));
  }
  // Types are checked before reading: json::value() throws on a type mismatch.
  if (!root.is_object() || !root.contains("format") || root["format"] != "sameas-model") {
    return error("format", "not a sameas model file");
  }
  if (!root.contains("version") || !root["version"].is_number_integer()) {
    return error("version",
                 fmt::format("{} is not a format version number",
                             root.contains("version") ? root["version"].dump() : "none"));
  }
  const int64_t version = root["version"].get<int64_t>();
  if (version < 1 || version > Model::kFormatVersion) {
    return error("version", fmt::format("format version {} is not one this sameas reads (1 to {})",
                                        version, Model::kFormatVersion));
  }
  Model model;
  if (!root.contains("settings")) return error("settings", "missing");
  auto settings = SettingsFromJson(root["settings"].dump(), origin);
  if (!settings.ok()) return settings.status();
  model.settings = *std::move(settings);
  try {
    model.prior = root.at("prior").get<double>();
    for (const auto& c : root.at("comparisons")) {
      ComparisonParameters comparison;
      comparison.name = c.at("name").get<std::string>();
      for (const auto& l : c.at("levels")) {
        LevelParameters level;
        level.label = l.at("label").get<std::string>();
        level.m = l.at("m").get<double>();
        level.u = l.at("u").get<double>();
        level.m_estimated = l.value("m_estimated", false);
        level.u_estimated = l.value("u_estimated", false);
        comparison.levels.push_back(std::move(level));
      }
      model.comparisons.push_back(std::move(comparison));
    }
    if (root.contains("training_log")) {
      model.training_log = root["training_log"].get<std::vector<std::string>>();
    }
  } catch (const nlohmann::json::exception& e) {
    return error("comparisons", e.what());
  }
  if (!(model.prior > 0 && model.prior < 1)) {
    return error("prior", fmt::format("{} is not a probability in (0, 1)", model.prior));
  }
  if (model.comparisons.size() != model.settings.comparisons.size()) {
    return error("comparisons", "the parameters do not match the settings' comparisons");
  }
  for (size_t c = 0; c < model.comparisons.size(); ++c) {
    if (model.comparisons[c].levels.size() != model.settings.comparisons[c].levels.size()) {
      return error(fmt::format("comparisons[{}]", c),
                   "the number of levels differs from the settings");
    }
    for (size_t l = 1; l < model.comparisons[c].levels.size(); ++l) {
      const auto& level = model.comparisons[c].levels[l];
      if (!(level.m > 0 && level.m <= 1 && level.u > 0 && level.u <= 1)) {
        return error(fmt::format("comparisons[{}].levels[{}]", c, l),
                     "m and u are probabilities in (0, 1]");
      }
    }
  }
  return model;
}

}  // namespace sameas
