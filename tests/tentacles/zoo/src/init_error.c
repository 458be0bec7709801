/* init reports an error: the library must be skipped with that message. */
#include <string.h>

#include "zoo_c_evaluator.h"

static ob_status refuse_init(const ob_host* host, ob_error* error) {
  (void)host;
  snprintf(error->message, sizeof(error->message), "zoo: init refuses (no API key configured)");
  return OB_ERROR_CONFIG;
}

ZOO_CLASS(init_error_class, "InitErrorEvaluator");
static const ob_class_descriptor* const classes[] = {&init_error_class};
ZOO_LIBRARY(classes, refuse_init)
