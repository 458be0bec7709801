/* init dies of SIGSEGV: only the probe process may see this. */
#include <signal.h>

#include "zoo_c_evaluator.h"

static ob_status crash_init(const ob_host* host, ob_error* error) {
  (void)host;
  (void)error;
  raise(SIGSEGV);
  return OB_OK;
}

ZOO_CLASS(init_segv_class, "InitSegvEvaluator");
static const ob_class_descriptor* const classes[] = {&init_segv_class};
ZOO_LIBRARY(classes, crash_init)
