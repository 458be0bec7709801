#include <octobot/abi.h>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacles/compatibility.hpp>

#include <array>
#include <fstream>

namespace octobot::tentacles {
namespace {

std::string host_abi_text() { return std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR); }

std::string hex_bytes(const char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(data[i]);
    out += (i == 0 ? "" : " ");
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

}  // namespace

std::optional<std::string> check_abi(const AbiVersion& abi) {
  if (abi.major != OB_ABI_MAJOR) {
    return "built for tentacle ABI " + abi.to_string() + ", this host speaks ABI " + host_abi_text() +
           ": major versions must match (rebuild the tentacle against SDK " + std::to_string(OB_ABI_MAJOR) + ".x)";
  }
  if (abi.minor > OB_ABI_MINOR) {
    return "needs tentacle ABI " + abi.to_string() + ", newer than this host's ABI " + host_abi_text() +
           " (update the host, or use a tentacle built against an older SDK)";
  }
  return std::nullopt;
}

std::optional<std::string> check_minimum_version(const TentacleMetadata& metadata,
                                                 const std::map<std::string, Version>& minimums) {
  const auto it = minimums.find(metadata.origin_package);
  if (it == minimums.end() || !(metadata.version < it->second)) return std::nullopt;
  return "version " + metadata.version.to_string() + " is below the minimum " + it->second.to_string() +
         " this host accepts from package \"" + metadata.origin_package + "\" (update the tentacle)";
}

std::optional<std::string> check_library_file(const TentacleMetadata& metadata, std::filesystem::path& library) {
  const auto* entry = metadata.library_for(current_platform());
  if (entry == nullptr) {
    std::string platforms;
    for (const auto& [platform, file] : metadata.libraries) platforms += (platforms.empty() ? "" : ", ") + platform;
    return "no library for this platform (" + current_platform() + "); metadata.json lists: " + platforms;
  }
  library = metadata.folder / entry->file;
  std::error_code error;
  if (!std::filesystem::is_regular_file(library, error)) {
    return "library file " + library.string() + " is missing (metadata.json names \"" + entry->file + "\")";
  }
  if (entry->sha256) {
    std::string actual;
    try {
      actual = commons::sha256_file_hex(library);
    } catch (const std::exception& e) {
      return e.what();
    }
    if (actual != *entry->sha256) {
      return "library " + library.string() + " has sha256 " + actual + " but metadata.json expects " + *entry->sha256 +
             " (the file is corrupted or was replaced)";
    }
  }
  std::array<char, 4> magic{};
  std::ifstream in(library, std::ios::binary);
  in.read(magic.data(), magic.size());
  if (in.gcount() != 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F') {
    return "library " + library.string() + " is not an ELF shared library (first bytes: " +
           hex_bytes(magic.data(), static_cast<std::size_t>(in.gcount())) + ", expected 7f 45 4c 46)";
  }
  return std::nullopt;
}

}  // namespace octobot::tentacles
