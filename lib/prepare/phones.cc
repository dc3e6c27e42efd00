// Phone numbers through libphonenumber's PhoneNumberUtil, whose Parse strips national
// prefixes (0, 06), international prefixes (00, +) and a trunk "(0)" per region.
#include "sameas/prepare/phones.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "prepare/contact_features.h"

namespace sameas {
namespace {

using i18n::phonenumbers::PhoneNumberUtil;

PhoneNumberUtil& Util() { return *PhoneNumberUtil::GetInstance(); }

// libphonenumber's region for "no region": only numbers with a country code parse.
constexpr char kUnknownRegion[] = "ZZ";

}  // namespace

namespace internal {

std::string CompactInternationalNumber(std::string_view text) {
  if (text.size() < 2 || text[0] != '+') return std::string(text);
  std::string compact;
  compact.reserve(text.size());
  compact.push_back('+');
  for (char c : text.substr(1)) {
    if (c >= '0' && c <= '9') {
      compact.push_back(c);
    } else if (c != ' ') {
      return std::string(text);
    }
  }
  return compact;
}

PhoneNumber ParsePhone(std::string_view text, std::string_view default_region, bool* read) {
  PhoneNumber out;
  *read = false;
  std::string digits = PhoneDigits(text);
  if (digits.empty()) return out;
  i18n::phonenumbers::PhoneNumber number;
  const std::string region = default_region.empty() ? kUnknownRegion : std::string(default_region);
  // The regular expressions of Parse run over the whole text: without its spaces, a number
  // written with its country code parses a third faster, to the same result.
  *read = Util().Parse(CompactInternationalNumber(text), region, &number) ==
          PhoneNumberUtil::NO_PARSING_ERROR;
  if (*read) {
    // What IsValidNumber does, without finding the number's region twice.
    Util().GetRegionCodeForNumber(number, &out.region);
    if (Util().IsValidNumberForRegion(number, out.region)) {
      Util().Format(number, PhoneNumberUtil::E164, &out.normalised);
      out.valid = true;
      return out;
    }
    out.region.clear();
  }
  out.normalised = std::move(digits);
  return out;
}

}  // namespace internal

std::string PhoneDigits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

PhoneNumber ParsePhone(std::string_view text, std::string_view default_region) {
  bool read = false;
  return internal::ParsePhone(text, default_region, &read);
}

std::string RegionOfInternationalNumber(std::string_view text) {
  return ParsePhone(text, "").region;
}

}  // namespace sameas
