// Everything a user of sameas needs, in one include. The library itself never includes this.
#ifndef SAMEAS_SAMEAS_H_
#define SAMEAS_SAMEAS_H_

#include "sameas/block/blocking.h"
#include "sameas/cluster/cluster_quality.h"
#include "sameas/cluster/connected_components.h"
#include "sameas/cluster/constrained_clustering.h"
#include "sameas/cluster/stable_ids.h"
#include "sameas/compare/compare.h"
#include "sameas/io/csv.h"
#include "sameas/io/table.h"
#include "sameas/merge/profiles.h"
#include "sameas/phonetic/soundex.h"
#include "sameas/pipeline/linker.h"
#include "sameas/prepare/date.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/prepare/text.h"
#include "sameas/score/score.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/settings/settings.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"
#include "sameas/train/model.h"
#include "sameas/train/train.h"

#endif  // SAMEAS_SAMEAS_H_
