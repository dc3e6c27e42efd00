// Phone numbers through libphonenumber's PhoneNumberUtil, whose Parse strips national
// prefixes (0, 06), international prefixes (00, +) and a trunk "(0)" per region.
#include "sameas/prepare/phones.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

namespace sameas {
namespace {

using i18n::phonenumbers::PhoneNumberUtil;

PhoneNumberUtil& Util() { return *PhoneNumberUtil::GetInstance(); }

// libphonenumber's region for "no region": only numbers with a country code parse.
constexpr char kUnknownRegion[] = "ZZ";

}  // namespace

std::string PhoneDigits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

PhoneNumber ParsePhone(std::string_view text, std::string_view default_region) {
  PhoneNumber out;
  std::string digits = PhoneDigits(text);
  if (digits.empty()) return out;
  i18n::phonenumbers::PhoneNumber number;
  const std::string region = default_region.empty() ? kUnknownRegion : std::string(default_region);
  if (Util().Parse(std::string(text), region, &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
      Util().IsValidNumber(number)) {
    Util().Format(number, PhoneNumberUtil::E164, &out.normalised);
    Util().GetRegionCodeForNumber(number, &out.region);
    out.valid = true;
    return out;
  }
  out.normalised = std::move(digits);
  return out;
}

std::string RegionOfInternationalNumber(std::string_view text) {
  return ParsePhone(text, "").region;
}

}  // namespace sameas
