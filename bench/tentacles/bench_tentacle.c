/* One of the 100 generated libraries of the load benchmark: a minimal, well-behaved TA evaluator
 * whose class name comes from the build (BENCH_CLASS_NAME), so all 100 can load side by side. */
#include <octobot/abi.h>

#include <stdlib.h>

static ob_status bench_create(const ob_instance_args* args, ob_instance** out, ob_error* error) {
  (void)args;
  (void)error;
  *out = (ob_instance*)malloc(1);
  return OB_OK;
}
static void bench_destroy(ob_instance* instance) { free(instance); }
static ob_status bench_evaluate(ob_instance* instance, const ob_candles* candles, ob_evaluation* out, ob_error* error) {
  (void)instance;
  (void)candles;
  (void)error;
  out->state = OB_EVAL_PENDING;
  return OB_OK;
}

static const ob_ta_evaluator_vtable vtable = {
    OB_HEADER_INIT(ob_ta_evaluator_vtable), {bench_create, bench_destroy, NULL}, bench_evaluate};
static const ob_class_descriptor bench_class = {
    OB_HEADER_INIT(ob_class_descriptor), OB_KIND_TA_EVALUATOR, BENCH_CLASS_NAME, "1.0.0", "benchmark", &vtable};
static const ob_class_descriptor* const classes[] = {&bench_class};
static const ob_library_descriptor library = {OB_HEADER_INIT(ob_library_descriptor), "bench", 1, classes, NULL, NULL};

OB_EXPORT const ob_library_descriptor* ob_tentacle_entry(uint16_t major, uint16_t minor) {
  (void)major;
  (void)minor;
  return &library;
}
