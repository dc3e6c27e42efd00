// Steps shared by the unsupervised and the supervised trainers (train.cc, labels.cc).
#ifndef SAMEAS_LIB_TRAIN_TRAIN_INTERNAL_H_
#define SAMEAS_LIB_TRAIN_TRAIN_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"
#include "sameas/train/model.h"

namespace sameas::internal {

/// Adds a log line for each comparison whose u the user fixed, with a warning when it was
/// fixed without any value given.
void LogFixedU(const Settings& settings, Model* model);

/// The pairs u is estimated from, in chunks: every comparable pair when there are no more
/// than `settings.u_sample_pairs`, else that many pairs drawn with `settings.seed`. Returns
/// the number of pairs.
uint64_t ForEachSampledPairChunk(
    const PreparedTable& prepared, const Settings& settings,
    const std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)>& chunk);

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_TRAIN_TRAIN_INTERNAL_H_
