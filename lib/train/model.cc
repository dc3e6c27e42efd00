// Model: starting parameters and the JSON file format.
#include "sameas/train/model.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "fmt/format.h"
#include "internal/siphash.h"
#include "nlohmann/json.hpp"

namespace sameas {
namespace {

// What the check value of a secret hashes: a model with hashed keys stores its hash, so that a
// wrong key is an error instead of silently finding no value.
constexpr std::string_view kTfKeyCheckText = "sameas term-frequency key check";

// Gives the levels m or u the user fixed in the settings, and scales the others into what
// is left, so that the level probabilities still add up to 1.
void ApplyGivenParameters(const ComparisonSpec& spec, ComparisonParameters* parameters) {
  const size_t n = spec.levels.size();
  for (bool is_m : {true, false}) {
    double given = 0, free = 0;
    for (size_t l = 1; l < n; ++l) {
      const auto& value = is_m ? spec.levels[l].m : spec.levels[l].u;
      const LevelParameters& level = parameters->levels[l];
      if (value.has_value()) {
        given += *value;
      } else {
        free += is_m ? level.m : level.u;
      }
    }
    const double scale = free > 0 ? std::max(1.0 - given, 1e-6) / free : 1.0;
    for (size_t l = 1; l < n; ++l) {
      const auto& value = is_m ? spec.levels[l].m : spec.levels[l].u;
      LevelParameters& level = parameters->levels[l];
      double& p = is_m ? level.m : level.u;
      bool& fixed = is_m ? level.m_fixed : level.u_fixed;
      if (value.has_value()) {
        p = *value;
        fixed = true;
      } else if (given > 0) {
        p *= scale;
      }
      if (is_m ? spec.fixed_m : spec.fixed_u) fixed = true;
    }
  }
}

}  // namespace

std::string HashTfKey(std::string_view secret, std::string_view value) {
  return internal::SipHash24Hex(internal::SipKey::FromSecret(secret), value);
}

std::string TfKeyCheck(std::string_view secret) { return HashTfKey(secret, kTfKeyCheckText); }

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
    ApplyGivenParameters(spec, &parameters);
    model.comparisons.push_back(std::move(parameters));
  }
  return model;
}

std::string ModelToJson(const Model& model) {
  nlohmann::json root;
  root["format"] = "sameas-model";
  root["version"] = Model::kFormatVersion;
  root["prior"] = model.prior;
  root["training_method"] = model.training_method;
  // Keys are hashed on the way out when the settings carry a secret; a model read with
  // hashed keys keeps them as they are.
  const bool hash_keys = model.tf_keys == TfKeys::kRaw && !model.settings.tf_hash_key.empty();
  const bool hashed = hash_keys || model.tf_keys == TfKeys::kSipHash24;
  std::optional<internal::SipKey> key;
  if (hash_keys) key = internal::SipKey::FromSecret(model.settings.tf_hash_key);
  nlohmann::json comparisons = nlohmann::json::array();
  for (const auto& comparison : model.comparisons) {
    nlohmann::json c;
    c["name"] = comparison.name;
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& level : comparison.levels) {
      nlohmann::json l = {{"label", level.label},
                          {"m", level.m},
                          {"u", level.u},
                          {"m_estimated", level.m_estimated},
                          {"u_estimated", level.u_estimated}};
      if (level.m_fixed) l["m_fixed"] = true;
      if (level.u_fixed) l["u_fixed"] = true;
      if (level.has_weight) l["weight"] = level.weight;
      levels.push_back(std::move(l));
    }
    c["levels"] = std::move(levels);
    if (!comparison.term_frequencies.empty()) {
      nlohmann::json counts = nlohmann::json::object();
      for (const auto& [value, count] : comparison.term_frequencies.counts) {
        if (key.has_value()) {
          // Two values whose hashes collide (about one chance in 2^64 per pair) share a count.
          counts[internal::SipHash24Hex(*key, value)] =
              counts.value(internal::SipHash24Hex(*key, value), uint64_t{0}) + count;
        } else {
          counts[value] = count;
        }
      }
      c["term_frequencies"] = {{"total", comparison.term_frequencies.total},
                               {"counts", std::move(counts)}};
    }
    comparisons.push_back(std::move(c));
  }
  root["comparisons"] = std::move(comparisons);
  root["tf_keys"] = hashed ? "siphash-2-4" : "raw";
  if (hashed) {
    root["tf_key_check"] = hash_keys ? TfKeyCheck(model.settings.tf_hash_key) : model.tf_key_check;
  }
  root["training_log"] = model.training_log;
  // The secret never goes into the file.
  Settings settings = model.settings;
  settings.tf_hash_key.clear();
  root["settings"] = nlohmann::json::parse(SettingsToJson(settings));
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
        level.m_fixed = l.value("m_fixed", false);
        level.u_fixed = l.value("u_fixed", false);
        if (l.contains("weight")) {
          level.has_weight = true;
          level.weight = l["weight"].get<double>();
        }
        comparison.levels.push_back(std::move(level));
      }
      if (c.contains("term_frequencies")) {
        const auto& tf = c["term_frequencies"];
        comparison.term_frequencies.total = tf.at("total").get<uint64_t>();
        for (const auto& [value, count] : tf.at("counts").items()) {
          comparison.term_frequencies.counts.emplace(value, count.get<uint64_t>());
        }
      }
      model.comparisons.push_back(std::move(comparison));
    }
    if (root.contains("training_log")) {
      model.training_log = root["training_log"].get<std::vector<std::string>>();
    }
    model.training_method = root.value("training_method", std::string("em"));
    const std::string tf_keys = root.value("tf_keys", std::string("raw"));
    if (tf_keys == "siphash-2-4") {
      model.tf_keys = TfKeys::kSipHash24;
      model.tf_key_check = root.at("tf_key_check").get<std::string>();
    } else if (tf_keys != "raw") {
      return error("tf_keys", fmt::format("'{}' is not a key encoding (raw or siphash-2-4)", tf_keys));
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
      if (level.has_weight && !std::isfinite(level.weight)) {
        return error(fmt::format("comparisons[{}].levels[{}].weight", c, l), "not a finite number");
      }
    }
    const TermFrequencyTable& tf = model.comparisons[c].term_frequencies;
    if (model.settings.comparisons[c].term_frequency && tf.empty()) {
      return error(fmt::format("comparisons[{}]", c),
                   "term_frequency is on but the model holds no term-frequency table; train again");
    }
    uint64_t counted = 0;
    for (const auto& [value, count] : tf.counts) counted += count;
    if (counted > tf.total) {
      return error(fmt::format("comparisons[{}].term_frequencies", c),
                   fmt::format("the counts add up to {}, more than the total {}", counted, tf.total));
    }
  }
  return model;
}

}  // namespace sameas
