#include <octobot/tentacles/kind.hpp>
#include <octobot/tentacles/library.hpp>

#include <algorithm>
#include <set>

namespace octobot::tentacles {
namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string abi_text(const ob_header& header) {
  return std::to_string(header.abi_major) + "." + std::to_string(header.abi_minor);
}

// Checks one class descriptor; returns its name when usable for the metadata comparison.
std::optional<std::string> check_class(const ob_class_descriptor* cls, std::size_t index,
                                       std::vector<std::string>& problems) {
  const std::string where = "class #" + std::to_string(index);
  if (cls == nullptr) {
    problems.push_back(where + " is NULL");
    return std::nullopt;
  }
  if (cls->header.struct_size < sizeof(ob_class_descriptor)) {
    problems.push_back(where + " descriptor has struct_size " + std::to_string(cls->header.struct_size) +
                       ", expected at least " + std::to_string(sizeof(ob_class_descriptor)));
    return std::nullopt;
  }
  if (cls->name == nullptr || cls->name[0] == '\0') {
    problems.push_back(where + " has no name");
    return std::nullopt;
  }
  const std::string name = cls->name;
  if (!kind_name(cls->kind)) {
    problems.push_back("class " + name + " has unknown kind " + std::to_string(cls->kind));
  }
  if (cls->version == nullptr || !Version::parse(cls->version)) {
    problems.push_back("class " + name + " has version \"" + std::string(cls->version ? cls->version : "(null)") +
                       "\", expected MAJOR.MINOR.PATCH");
  }
  const auto* table = static_cast<const ob_generic_vtable*>(cls->vtable);
  if (table == nullptr) {
    problems.push_back("class " + name + " has no function table");
  } else if (table->header.struct_size < minimum_vtable_size(cls->kind)) {
    problems.push_back("class " + name + " function table has struct_size " +
                       std::to_string(table->header.struct_size) + ", expected at least " +
                       std::to_string(minimum_vtable_size(cls->kind)) + " for its kind");
  } else if (table->lifecycle.create == nullptr || table->lifecycle.destroy == nullptr) {
    problems.push_back("class " + name + " lacks create or destroy");
  } else if (cls->kind == OB_KIND_TA_EVALUATOR &&
             static_cast<const ob_ta_evaluator_vtable*>(cls->vtable)->evaluate == nullptr) {
    problems.push_back("class " + name + " is a TA evaluator without evaluate");
  }
  if (table != nullptr) {
    // ABI 1.1 kinds: a table large enough to hold the kind's callback must fill it in (a 1.0 library
    // of these kinds has the lifecycle alone, and loads, but is never called).
    const auto missing = [&](std::uint32_t kind, std::size_t table_size, bool present, const char* callback) {
      if (cls->kind == kind && table->header.struct_size >= table_size && !present) {
        problems.push_back("class " + name + " lacks " + callback + " for its kind");
      }
    };
    missing(OB_KIND_STRATEGY, sizeof(ob_strategy_vtable),
            table->header.struct_size >= sizeof(ob_strategy_vtable) &&
                static_cast<const ob_strategy_vtable*>(cls->vtable)->on_matrix_update != nullptr,
            "on_matrix_update");
    missing(OB_KIND_REALTIME_EVALUATOR, sizeof(ob_realtime_evaluator_vtable),
            table->header.struct_size >= sizeof(ob_realtime_evaluator_vtable) &&
                static_cast<const ob_realtime_evaluator_vtable*>(cls->vtable)->on_price != nullptr,
            "on_price");
    // Up to on_decision, the 1.1 table: later minors append optional callbacks (on_service_feed in
    // 1.5), so a table of an older minor must still fill on_decision in.
    constexpr std::size_t trading_mode_1_1 = offsetof(ob_trading_mode_vtable, on_decision) + sizeof(void (*)());
    missing(OB_KIND_TRADING_MODE, trading_mode_1_1,
            table->header.struct_size >= trading_mode_1_1 &&
                static_cast<const ob_trading_mode_vtable*>(cls->vtable)->on_decision != nullptr,
            "on_decision");
  }
  return name;
}

}  // namespace

std::vector<std::string> check_descriptor(const ob_library_descriptor* descriptor, const TentacleMetadata& metadata) {
  std::vector<std::string> problems;
  if (descriptor == nullptr) {
    problems.push_back(std::string("the entry function returned NULL (the library refuses host ABI ") +
                       std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR) + ")");
    return problems;
  }
  if (descriptor->header.abi_major != OB_ABI_MAJOR || descriptor->header.abi_minor > OB_ABI_MINOR) {
    problems.push_back("the library was built for ABI " + abi_text(descriptor->header) + ", this host speaks " +
                       std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR));
  }
  if (descriptor->header.abi_major != metadata.abi.major || descriptor->header.abi_minor != metadata.abi.minor) {
    problems.push_back("the library descriptor says ABI " + abi_text(descriptor->header) + " but metadata.json says " +
                       metadata.abi.to_string());
  }
  if (descriptor->header.struct_size < sizeof(ob_library_descriptor)) {
    problems.push_back("the library descriptor has struct_size " + std::to_string(descriptor->header.struct_size) +
                       ", expected at least " + std::to_string(sizeof(ob_library_descriptor)));
    return problems;  // reading further fields would be out of bounds
  }
  if (descriptor->class_count == 0 || descriptor->classes == nullptr) {
    problems.push_back("the library exports no class");
    return problems;
  }

  std::set<std::string> exported;
  for (std::size_t i = 0; i < descriptor->class_count; ++i) {
    if (auto name = check_class(descriptor->classes[i], i, problems)) {
      if (!exported.insert(*name).second) problems.push_back("class " + *name + " is exported twice");
    }
  }
  const std::set<std::string> listed(metadata.classes.begin(), metadata.classes.end());
  std::vector<std::string> not_exported;
  std::vector<std::string> not_listed;
  std::set_difference(listed.begin(), listed.end(), exported.begin(), exported.end(), std::back_inserter(not_exported));
  std::set_difference(exported.begin(), exported.end(), listed.begin(), listed.end(), std::back_inserter(not_listed));
  if (!not_exported.empty()) {
    problems.push_back("listed in metadata.json but not exported by the library: " + join(not_exported));
  }
  if (!not_listed.empty()) {
    problems.push_back("exported by the library but not listed in metadata.json \"tentacles\": " + join(not_listed));
  }
  return problems;
}

}  // namespace octobot::tentacles
