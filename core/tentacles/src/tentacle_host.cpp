#include <octobot/abi.h>
#include <octobot/commons/json_error.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/tentacles/compatibility.hpp>
#include <octobot/tentacles/discovery.hpp>
#include <octobot/tentacles/kind.hpp>
#include <octobot/tentacles/library.hpp>
#include <octobot/tentacles/metadata.hpp>
#include <octobot/tentacles/probe.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/tentacles/tree_lock.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

namespace octobot::tentacles {
namespace {

namespace fs = std::filesystem;

// One discovered tentacle on its way through the checks.
struct Candidate {
  TentacleReport report;
  std::optional<TentacleMetadata> metadata;
  fs::path library;
  bool visiting = false;  // requirement cycle detection
  bool done = false;

  [[nodiscard]] bool viable() const { return metadata.has_value() && report.reason.empty(); }
  void refuse(TentacleState state, std::string reason) {
    report.state = state;
    report.reason = std::move(reason);
  }
};

void log_decision(const TentacleReport& report) {
  if (report.state == TentacleState::loaded) {
    commons::log(commons::LogLevel::debug, "tentacles", "loaded " + report.name + " from " + report.folder.string());
  } else {
    commons::log(commons::LogLevel::warning, "tentacles",
                 std::string(to_string(report.state)) + " " + report.name + ": " + report.reason);
  }
}

}  // namespace

TentacleHost::TentacleHost(HostOptions options) : options_(std::move(options)) {}

TentacleHost::~TentacleHost() {
  classes_.clear();
  // Libraries are released in reverse load order, so a tentacle's requirements outlive it.
  while (!libraries_.empty()) libraries_.pop_back();
}

const LoadReport& TentacleHost::load() {
  if (loaded_) return report_;
  loaded_ = true;
  report_.root = options_.tentacles_root;
  report_.platform = current_platform();
  report_.host_abi = std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR);

  // A tentacle manager changing the tree holds this lock exclusively: wait for it, so the scan never
  // interleaves with an install; held until every library is loaded.
  std::optional<TreeLock> tree_lock;
  try {
    tree_lock.emplace(TreeLock::acquire(options_.tentacles_root, LockMode::shared, options_.lock_timeout, "load"));
  } catch (const std::exception& e) {
    report_.warnings.push_back(std::string(e.what()) + "; no tentacle was loaded");
    commons::log(commons::LogLevel::error, "tentacles", report_.warnings.back());
    return report_;
  }

  DiscoveredFolders found;
  try {
    found = discover_tentacle_folders(options_.tentacles_root);
  } catch (const std::exception& e) {
    report_.warnings.emplace_back(e.what());
    commons::log(commons::LogLevel::error, "tentacles", e.what());
    return report_;
  }
  report_.warnings = found.errors;

  // 1. metadata.json, then the checks that need nothing but the metadata and the file.
  std::vector<Candidate> candidates;
  for (const auto& folder : found.tentacles) {
    Candidate candidate;
    candidate.report.folder = folder;
    candidate.report.name = folder.filename().string();
    try {
      candidate.metadata = read_metadata(folder);
      const auto& metadata = *candidate.metadata;
      candidate.report.version = metadata.version.to_string();
      candidate.report.origin_package = metadata.origin_package;
      candidate.report.abi_version = metadata.abi.to_string();
      for (const auto& name : metadata.classes) {
        candidate.report.classes.push_back({name, "", "", options_.active_classes.count(name) > 0, {}});
      }
      if (auto reason = check_abi(metadata.abi)) {
        candidate.refuse(TentacleState::skipped, *reason);
      } else if (auto below = check_minimum_version(metadata, options_.minimum_versions)) {
        candidate.refuse(TentacleState::skipped, *below);
      } else if (auto file = check_library_file(metadata, candidate.library)) {
        candidate.refuse(TentacleState::skipped, *file);
      }
      if (const auto* entry = metadata.library_for(current_platform())) candidate.report.library = folder / entry->file;
    } catch (const commons::JsonError& e) {
      candidate.refuse(TentacleState::skipped, std::string("invalid metadata.json: ") + e.what());
    } catch (const std::exception& e) {
      candidate.refuse(TentacleState::skipped, e.what());
    }
    candidates.push_back(std::move(candidate));
  }

  // 2. One class name, one provider: the first in discovery order (sorted paths) wins.
  std::map<std::string, const Candidate*> class_owner;
  for (auto& candidate : candidates) {
    if (!candidate.viable()) continue;
    for (const auto& name : candidate.metadata->classes) {
      if (const auto it = class_owner.find(name); it != class_owner.end()) {
        candidate.refuse(TentacleState::skipped, "duplicate class name: " + name + " is already provided by " +
                                                     it->second->report.folder.string());
        break;
      }
    }
    if (candidate.viable()) {
      for (const auto& name : candidate.metadata->classes) class_owner[name] = &candidate;
    }
  }

  // 3. Requirements name a tentacle folder or a class; each is loaded before its dependents.
  std::map<std::string, Candidate*> by_name;
  for (auto& candidate : candidates) {
    if (!candidate.metadata) continue;
    by_name.emplace(candidate.report.name, &candidate);
    for (const auto& name : candidate.metadata->classes) by_name.emplace(name, &candidate);
  }

  // Probes are independent processes (tentacles never bind each other's symbols), so every library
  // the cache does not vouch for is probed up front, several at a time.
  ProbeCache cache(options_.probe ? options_.probe_cache_file : fs::path());
  std::map<const Candidate*, ProbeOutcome> probe_outcomes;
  std::map<const Candidate*, FileIdentity> candidate_identities;
  auto probe_all = [this](const std::vector<Candidate*>& batch) {
    std::vector<ProbeOutcome> outcomes(batch.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < batch.size(); i = next++) {
        outcomes[i] = run_probe(options_.probe_executable, batch[i]->report.folder, options_.probe_timeout);
      }
    };
    const std::size_t workers = std::min<std::size_t>(batch.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(worker);
    worker();
    for (auto& thread : threads) thread.join();
    return outcomes;
  };
  if (options_.probe) {
    std::vector<Candidate*> to_probe;
    for (auto& candidate : candidates) {
      if (!candidate.viable()) continue;
      try {
        const FileIdentity identity = identify_file(candidate.library);
        if (auto cached = cache.lookup(candidate.library, identity)) {
          candidate.report.probe_cache_hit = true;
          probe_outcomes.emplace(&candidate, std::move(*cached));
        } else {
          to_probe.push_back(&candidate);
          candidate_identities.emplace(&candidate, identity);
        }
      } catch (const std::exception& e) {
        candidate.refuse(TentacleState::skipped, e.what());
      }
    }
    const auto outcomes = probe_all(to_probe);
    for (std::size_t i = 0; i < to_probe.size(); ++i) {
      cache.store(to_probe[i]->library, candidate_identities.at(to_probe[i]), outcomes[i]);
      probe_outcomes.emplace(to_probe[i], outcomes[i]);
    }
  }
  std::function<void(Candidate&)> load_one = [&](Candidate& candidate) {
    if (candidate.done) return;
    candidate.done = true;
    candidate.visiting = true;
    if (candidate.viable()) {
      for (const auto& requirement : candidate.metadata->requirements) {
        const auto it = by_name.find(requirement.name);
        if (it == by_name.end()) {
          candidate.refuse(TentacleState::skipped, "missing requirement: " + requirement.to_string() +
                                                       " is not installed in " + options_.tentacles_root.string());
          break;
        }
        Candidate& required = *it->second;
        if (requirement.pinned_version && !(required.metadata->version == *requirement.pinned_version)) {
          candidate.refuse(TentacleState::skipped, "requirement " + requirement.to_string() +
                                                       " is not met: " + required.report.name + " is version " +
                                                       required.metadata->version.to_string());
          break;
        }
        if (required.visiting) {
          candidate.refuse(TentacleState::skipped, "requirement cycle through " + requirement.name);
          break;
        }
        load_one(required);
        if (required.report.state != TentacleState::loaded) {
          candidate.refuse(TentacleState::skipped, "requirement " + requirement.to_string() + " did not load (" +
                                                       to_string(required.report.state) + ": " +
                                                       required.report.reason + ")");
          break;
        }
      }
    }
    candidate.visiting = false;
    if (!candidate.viable()) return;

    // 4. First contact happened in a child process (probe_all, below); act on its outcome.
    if (options_.probe) {
      const auto found_outcome = probe_outcomes.find(&candidate);
      if (found_outcome == probe_outcomes.end()) return;  // refused while identifying the file
      const ProbeOutcome& outcome = found_outcome->second;
      if (outcome.quarantines()) {
        candidate.refuse(TentacleState::quarantined,
                         outcome.reason + (candidate.report.probe_cache_hit
                                               ? " (remembered from an earlier probe of this exact file; replace "
                                                 "or rebuild the library to probe it again)"
                                               : ""));
        return;
      }
      if (outcome.kind == ProbeOutcome::Kind::failed) {
        candidate.refuse(TentacleState::skipped, outcome.stage + ": " + outcome.reason);
        return;
      }
    }

    // 5. In-process load: the same checks again (the file could have changed since the probe).
    try {
      std::shared_ptr<TentacleLibrary> library = TentacleLibrary::open(candidate.library, *candidate.metadata);
      library->init(services_.host());
      for (const auto* cls : library->classes()) {
        classes_[cls->name] = LoadedClass{cls, library, candidate.report.folder};
        for (auto& report : candidate.report.classes) {
          if (report.name != cls->name) continue;
          report.kind = std::string(kind_name(cls->kind).value_or("unknown"));
          report.version = cls->version;
        }
      }
      libraries_.push_back(std::move(library));
      candidate.report.state = TentacleState::loaded;
    } catch (const LoadError& e) {
      candidate.refuse(TentacleState::skipped, e.stage() + ": " + e.what());
    } catch (const std::exception& e) {
      candidate.refuse(TentacleState::skipped, e.what());
    }
  };

  for (auto& candidate : candidates) load_one(candidate);
  if (auto error = cache.save()) report_.warnings.push_back(*error);

  for (const auto& folder : found.too_deep) {
    TentacleReport ignored;
    ignored.folder = folder;
    ignored.name = folder.filename().string();
    ignored.state = TentacleState::ignored;
    ignored.reason = "deeper than " + std::to_string(kMaxTentacleDepth) +
                     " levels below the tentacles root (move it up, e.g. to <root>/<Type>/<SubType>/" + ignored.name +
                     ")";
    candidates.push_back({std::move(ignored), std::nullopt, {}, false, true});
  }
  for (auto& candidate : candidates) {
    log_decision(candidate.report);
    report_.tentacles.push_back(std::move(candidate.report));
  }
  for (const auto& name : options_.active_classes) {
    if (classes_.count(name) == 0) report_.missing_active_classes.push_back(name);
  }
  check_active_configs();
  return report_;
}

TentacleConfig TentacleHost::resolve_config(const std::string& class_name, const ConfigOverrides& overrides) const {
  const auto it = classes_.find(class_name);
  if (it == classes_.end()) throw std::out_of_range("tentacle class " + class_name + " is not loaded");
  return TentacleConfig::resolve(it->second.folder, class_name, options_.profile_folder, overrides);
}

void TentacleHost::check_active_configs() {
  for (auto& tentacle : report_.tentacles) {
    if (tentacle.state != TentacleState::loaded) continue;
    for (auto& cls : tentacle.classes) {
      if (!cls.active_in_profile) continue;
      try {
        (void)TentacleConfig::resolve(tentacle.folder, cls.name, options_.profile_folder);
      } catch (const std::exception& e) {
        cls.config_error = e.what();
        commons::log(commons::LogLevel::warning, "tentacles", cls.name + ": invalid configuration: " + e.what());
      }
    }
  }
}

const ob_class_descriptor* TentacleHost::find_class(const std::string& name) const {
  const auto it = classes_.find(name);
  return it == classes_.end() ? nullptr : it->second.descriptor;
}

std::vector<std::string> TentacleHost::loaded_classes() const {
  std::vector<std::string> names;
  for (const auto& [name, loaded] : classes_) names.push_back(name);
  return names;
}

std::unique_ptr<TentacleInstance> TentacleHost::create(const std::string& class_name, const InstanceSpec& spec) {
  const auto it = classes_.find(class_name);
  if (it == classes_.end()) throw std::out_of_range("tentacle class " + class_name + " is not loaded");
  const LoadedClass& loaded = it->second;
  const HostServices* run_services = HostServices::from_host(spec.host);
  const ConfigOverrides* overrides = run_services != nullptr ? run_services->config_overrides(class_name) : nullptr;
  const TentacleConfig config = TentacleConfig::resolve(loaded.folder, class_name, options_.profile_folder,
                                                        overrides != nullptr ? *overrides : ConfigOverrides{});
  const ob_instance_args args = {OB_HEADER_INIT(ob_instance_args),
                                 spec.host != nullptr ? spec.host : services_.host(),
                                 config.handle(),
                                 spec.exchange.c_str(),
                                 spec.symbol.c_str(),
                                 spec.time_frame.c_str(),
                                 spec.account};
  const auto* table = static_cast<const ob_generic_vtable*>(loaded.descriptor->vtable);
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  ob_status status = OB_OK;
  {
    const std::lock_guard lock(create_mutex_);
    status = table->lifecycle.create(&args, &instance, &error);
  }
  if (status != OB_OK || instance == nullptr) {
    error.message[sizeof(error.message) - 1] = '\0';
    throw std::runtime_error(class_name + ": create failed with status " + std::to_string(status) + ": " +
                             error.message);
  }
  return std::make_unique<TentacleInstance>(loaded.descriptor, instance, loaded.library);
}

}  // namespace octobot::tentacles
