#include <octobot/abi.h>
#include <octobot/tentacles/kind.hpp>

namespace octobot::tentacles {

std::optional<std::string_view> kind_name(std::uint32_t kind) noexcept {
  switch (kind) {
    case OB_KIND_TA_EVALUATOR:
      return "ta_evaluator";
    case OB_KIND_REALTIME_EVALUATOR:
      return "realtime_evaluator";
    case OB_KIND_SOCIAL_EVALUATOR:
      return "social_evaluator";
    case OB_KIND_SCRIPTED_EVALUATOR:
      return "scripted_evaluator";
    case OB_KIND_STRATEGY:
      return "strategy";
    case OB_KIND_TRADING_MODE:
      return "trading_mode";
    case OB_KIND_EXCHANGE:
      return "exchange";
    case OB_KIND_SERVICE:
      return "service";
    case OB_KIND_BACKTESTING_IMPORTER:
      return "backtesting_importer";
    case OB_KIND_BACKTESTING_COLLECTOR:
      return "backtesting_collector";
    case OB_KIND_AUTOMATION:
      return "automation";
    default:
      return std::nullopt;
  }
}

std::uint32_t minimum_vtable_size(std::uint32_t kind) noexcept {
  if (kind == OB_KIND_TA_EVALUATOR) return sizeof(ob_ta_evaluator_vtable);
  return sizeof(ob_generic_vtable);
}

}  // namespace octobot::tentacles
