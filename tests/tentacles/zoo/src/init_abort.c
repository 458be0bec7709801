/* init aborts (a failed assert in a real library). */
#include "zoo_c_evaluator.h"

static ob_status abort_init(const ob_host* host, ob_error* error) {
  (void)host;
  (void)error;
  abort();
}

ZOO_CLASS(init_abort_class, "InitAbortEvaluator");
static const ob_class_descriptor* const classes[] = {&init_abort_class};
ZOO_LIBRARY(classes, abort_init)
