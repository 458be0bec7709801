// Names of the tentacle kinds of the ABI (OB_KIND_*), for reports and metadata.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace octobot::tentacles {

// "ta_evaluator", "strategy", ...; nullopt for a kind this host does not know.
[[nodiscard]] std::optional<std::string_view> kind_name(std::uint32_t kind) noexcept;

// The smallest vtable struct_size this host accepts for a kind (its ABI 1.0 table).
[[nodiscard]] std::uint32_t minimum_vtable_size(std::uint32_t kind) noexcept;

}  // namespace octobot::tentacles
