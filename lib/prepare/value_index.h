// The distinct values of one column in prepare, numbered in the order the records first hold
// them: each is parsed once, on any thread, and coded in that order, so that the codes are the
// same whatever the thread count.
#ifndef SAMEAS_LIB_PREPARE_VALUE_INDEX_H_
#define SAMEAS_LIB_PREPARE_VALUE_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace sameas::internal {

class ValueIndex {
 public:
  /// The number of a record that holds no value.
  static constexpr uint32_t kNone = UINT32_MAX;

  /// The number of the value (`text`, `other`, `tag`), new values numbered from 0 up. `other`
  /// is what the value is read with besides its text (the family name of a name in two
  /// fields, the record's country), `tag` how it is read (a date's day/month order).
  uint32_t Add(std::string_view text, std::string_view other, uint8_t tag) {
    key_.assign(text);
    key_.append(other);
    key_.push_back(static_cast<char>(tag));
    // The length of `text` ends the key, so that ("ab", "c") and ("a", "bc") differ.
    const uint32_t split = static_cast<uint32_t>(text.size());
    key_.append(reinterpret_cast<const char*>(&split), sizeof split);
    auto it = index_.find(key_);
    if (it != index_.end()) return it->second;
    const uint32_t number = static_cast<uint32_t>(keys_.size());
    const std::string_view stored = Store(key_);
    keys_.push_back(stored);
    index_.emplace(stored, number);
    return number;
  }

  size_t size() const { return keys_.size(); }
  std::string_view text(uint32_t value) const { return keys_[value].substr(0, Split(value)); }
  std::string_view other(uint32_t value) const {
    const std::string_view key = keys_[value];
    return key.substr(Split(value), key.size() - Split(value) - 1 - sizeof(uint32_t));
  }
  uint8_t tag(uint32_t value) const {
    const std::string_view key = keys_[value];
    return static_cast<uint8_t>(key[key.size() - 1 - sizeof(uint32_t)]);
  }

 private:
  static constexpr size_t kBlock = 1 << 20;

  uint32_t Split(uint32_t value) const {
    uint32_t split;
    std::memcpy(&split, keys_[value].data() + keys_[value].size() - sizeof split, sizeof split);
    return split;
  }
  // Copies `key` into blocks that never move, so that the views stay valid.
  std::string_view Store(std::string_view key) {
    if (blocks_.empty() || used_ + key.size() > block_size_) {
      block_size_ = std::max(kBlock, key.size());
      blocks_.push_back(std::make_unique<char[]>(block_size_));
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, key.data(), key.size());
    used_ += key.size();
    return {at, key.size()};
  }

  std::string key_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_size_ = 0;
  size_t used_ = 0;
  std::vector<std::string_view> keys_;
  absl::flat_hash_map<std::string_view, uint32_t> index_;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_VALUE_INDEX_H_
