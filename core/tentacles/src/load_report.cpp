#include <octobot/tentacles/load_report.hpp>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace octobot::tentacles {

const char* to_string(TentacleState state) noexcept {
  switch (state) {
    case TentacleState::loaded:
      return "loaded";
    case TentacleState::skipped:
      return "skipped";
    case TentacleState::quarantined:
      return "quarantined";
    case TentacleState::ignored:
      return "ignored";
  }
  return "unknown";
}

std::size_t LoadReport::count(TentacleState state) const {
  std::size_t total = 0;
  for (const auto& tentacle : tentacles) total += tentacle.state == state ? 1 : 0;
  return total;
}

const TentacleReport* LoadReport::find(const std::string& folder_name) const {
  for (const auto& tentacle : tentacles) {
    if (tentacle.name == folder_name) return &tentacle;
  }
  return nullptr;
}

std::string format_report_text(const LoadReport& report) {
  std::string out = fmt::format("Tentacles in {} (platform {}, host ABI {})\n", report.root.string(), report.platform,
                                report.host_abi);
  for (const auto& tentacle : report.tentacles) {
    out += fmt::format("  {:<12} {}{}{}\n", to_string(tentacle.state), tentacle.name,
                       tentacle.version.empty() ? "" : " " + tentacle.version,
                       tentacle.origin_package.empty() ? "" : " [" + tentacle.origin_package + "]");
    for (const auto& cls : tentacle.classes) {
      std::string detail = cls.kind.empty() ? "" : fmt::format(" ({} {})", cls.kind, cls.version);
      out += fmt::format("  {:<12}   {}{}{}\n", "", cls.name, detail, cls.active_in_profile ? "  [active]" : "");
      if (!cls.config_error.empty())
        out += fmt::format("  {:<12}     invalid configuration: {}\n", "", cls.config_error);
    }
    if (!tentacle.reason.empty()) out += fmt::format("  {:<12}   reason: {}\n", "", tentacle.reason);
    out += fmt::format("  {:<12}   folder: {}\n", "", tentacle.folder.string());
  }
  for (const auto& warning : report.warnings) out += "warning: " + warning + "\n";
  out += fmt::format("Summary: {} loaded, {} skipped, {} quarantined, {} ignored\n",
                     report.count(TentacleState::loaded), report.count(TentacleState::skipped),
                     report.count(TentacleState::quarantined), report.count(TentacleState::ignored));
  if (!report.missing_active_classes.empty()) {
    std::string names;
    for (const auto& name : report.missing_active_classes) names += (names.empty() ? "" : ", ") + name;
    out += "Active in the profile but provided by no loaded tentacle: " + names + "\n";
  }
  return out;
}

std::string format_report_json(const LoadReport& report) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  auto string = [&](const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  writer.StartObject();
  string("root", report.root.string());
  string("platform", report.platform);
  string("host_abi", report.host_abi);
  writer.Key("summary");
  writer.StartObject();
  for (const auto state :
       {TentacleState::loaded, TentacleState::skipped, TentacleState::quarantined, TentacleState::ignored}) {
    writer.Key(to_string(state));
    writer.Uint64(report.count(state));
  }
  writer.EndObject();
  writer.Key("tentacles");
  writer.StartArray();
  for (const auto& tentacle : report.tentacles) {
    writer.StartObject();
    string("name", tentacle.name);
    string("state", to_string(tentacle.state));
    string("reason", tentacle.reason);
    string("version", tentacle.version);
    string("origin_package", tentacle.origin_package);
    string("abi_version", tentacle.abi_version);
    string("folder", tentacle.folder.string());
    string("library", tentacle.library.string());
    writer.Key("probe_cache_hit");
    writer.Bool(tentacle.probe_cache_hit);
    writer.Key("classes");
    writer.StartArray();
    for (const auto& cls : tentacle.classes) {
      writer.StartObject();
      string("name", cls.name);
      string("kind", cls.kind);
      string("version", cls.version);
      writer.Key("active");
      writer.Bool(cls.active_in_profile);
      string("config_error", cls.config_error);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("missing_active_classes");
  writer.StartArray();
  for (const auto& name : report.missing_active_classes) writer.String(name.c_str());
  writer.EndArray();
  writer.Key("warnings");
  writer.StartArray();
  for (const auto& warning : report.warnings) writer.String(warning.c_str());
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace octobot::tentacles
