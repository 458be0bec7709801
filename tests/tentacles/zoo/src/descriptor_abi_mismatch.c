/* metadata.json says ABI 1.0 but the descriptor claims 2.0: the two must agree. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(lying_class, "LyingEvaluator");
static const ob_class_descriptor* const classes[] = {&lying_class};
static const ob_library_descriptor lying_library = {
    {(uint32_t)sizeof(ob_library_descriptor), 2, 0}, "zoo", 1, classes, NULL, NULL};
OB_EXPORT const ob_library_descriptor* ob_tentacle_entry(uint16_t major, uint16_t minor) {
  (void)major;
  (void)minor;
  return &lying_library;
}
