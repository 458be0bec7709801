#include <octobot/tentacles/library.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <cmath>
#include <stdexcept>

namespace octobot::tentacles {
namespace {

std::runtime_error tentacle_error(const char* class_name, const char* what, ob_status status, ob_error& error) {
  error.message[sizeof(error.message) - 1] = '\0';  // never trust a foreign buffer's terminator
  return std::runtime_error(std::string(class_name) + ": " + what + " failed with status " + std::to_string(status) +
                            ": " + error.message);
}

}  // namespace

TentacleInstance::TentacleInstance(const ob_class_descriptor* descriptor, ob_instance* instance,
                                   std::shared_ptr<TentacleLibrary> library)
    : descriptor_(descriptor), instance_(instance), library_(std::move(library)) {}

TentacleInstance::~TentacleInstance() {
  static_cast<const ob_generic_vtable*>(descriptor_->vtable)->lifecycle.destroy(instance_);
}

void TentacleInstance::configure(const TentacleConfig& config) {
  const auto& lifecycle = static_cast<const ob_generic_vtable*>(descriptor_->vtable)->lifecycle;
  if (lifecycle.configure == nullptr) throw std::logic_error(std::string(class_name()) + " cannot be reconfigured");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = lifecycle.configure(instance_, config.handle(), &error); status != OB_OK) {
    throw tentacle_error(class_name(), "configure", status, error);
  }
}

EvaluationResult TentacleInstance::evaluate(const ob_candles& candles) {
  if (descriptor_->kind != OB_KIND_TA_EVALUATOR) {
    throw std::logic_error(std::string(class_name()) + " is not a TA evaluator");
  }
  const auto* table = static_cast<const ob_ta_evaluator_vtable*>(descriptor_->vtable);
  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_PENDING, 0.0, {0}};
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->evaluate(instance_, &candles, &out, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "evaluate", status, error);
  }
  out.description[sizeof(out.description) - 1] = '\0';
  EvaluationResult result{out.state == OB_EVAL_READY, out.eval_note, out.description};
  // The host enforces the note's contract too: a pure C tentacle has no SDK check in front of it.
  if (result.ready && !(std::isfinite(result.note) && result.note >= -1.0 && result.note <= 1.0)) {
    throw std::runtime_error(std::string(class_name()) + ": eval_note " + std::to_string(result.note) +
                             " is outside [-1, 1]");
  }
  return result;
}

}  // namespace octobot::tentacles
