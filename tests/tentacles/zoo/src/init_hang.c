/* init never returns (a blocking network call without timeout in a real library). */
#include <unistd.h>

#include "zoo_c_evaluator.h"

static ob_status hang_init(const ob_host* host, ob_error* error) {
  (void)host;
  (void)error;
  for (;;) pause();
  return OB_OK;
}

ZOO_CLASS(init_hang_class, "InitHangEvaluator");
static const ob_class_descriptor* const classes[] = {&init_hang_class};
ZOO_LIBRARY(classes, hang_init)
