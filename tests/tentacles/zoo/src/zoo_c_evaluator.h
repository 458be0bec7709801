/* A minimal TA evaluator written against the C ABI alone, shared by the zoo's C tentacles. Each
 * zoo library defines its own descriptor and init to break the load in exactly one way. */
#ifndef OCTOBOT_ZOO_C_EVALUATOR_H
#define OCTOBOT_ZOO_C_EVALUATOR_H

#include <octobot/abi.h>

#include <stdio.h>
#include <stdlib.h>

typedef struct zoo_instance {
  double last_close;
} zoo_instance;

static ob_status zoo_create(const ob_instance_args* args, ob_instance** out, ob_error* error) {
  (void)args;
  zoo_instance* self = (zoo_instance*)calloc(1, sizeof(zoo_instance));
  if (self == NULL) {
    snprintf(error->message, sizeof(error->message), "out of memory");
    return OB_ERROR_OUT_OF_MEMORY;
  }
  *out = (ob_instance*)self;
  return OB_OK;
}

static void zoo_destroy(ob_instance* instance) { free(instance); }

static ob_status zoo_configure(ob_instance* instance, const ob_config* config, ob_error* error) {
  (void)instance;
  (void)config;
  (void)error;
  return OB_OK;
}

/* Note: +1 when the last close rose, -1 when it fell, pending with fewer than two candles. */
static ob_status zoo_evaluate(ob_instance* instance, const ob_candles* candles, ob_evaluation* out, ob_error* error) {
  (void)error;
  zoo_instance* self = (zoo_instance*)instance;
  if (candles->count < 2) {
    out->state = OB_EVAL_PENDING;
    return OB_OK;
  }
  self->last_close = candles->close[candles->count - 1];
  out->state = OB_EVAL_READY;
  out->eval_note = self->last_close > candles->close[candles->count - 2] ? 1.0 : -1.0;
  snprintf(out->description, sizeof(out->description), "close %.2f", self->last_close);
  return OB_OK;
}

static const ob_ta_evaluator_vtable zoo_vtable = {
    OB_HEADER_INIT(ob_ta_evaluator_vtable), {zoo_create, zoo_destroy, zoo_configure}, zoo_evaluate};

#define ZOO_CLASS(variable, class_name)         \
  static const ob_class_descriptor variable = { \
      OB_HEADER_INIT(ob_class_descriptor), OB_KIND_TA_EVALUATOR, class_name, "1.0.0", "zoo test class", &zoo_vtable}

/* Defines the entry function for `classes` (an array of descriptor pointers) and `init_fn`. */
#define ZOO_LIBRARY(classes, init_fn)                                                                 \
  static const ob_library_descriptor zoo_library = {OB_HEADER_INIT(ob_library_descriptor),            \
                                                    "zoo",                                            \
                                                    (uint32_t)(sizeof(classes) / sizeof(classes[0])), \
                                                    classes,                                          \
                                                    init_fn,                                          \
                                                    NULL};                                            \
  OB_EXPORT const ob_library_descriptor* ob_tentacle_entry(uint16_t major, uint16_t minor) {          \
    (void)major;                                                                                      \
    (void)minor;                                                                                      \
    return &zoo_library;                                                                              \
  }

#endif
