/* metadata.json lists GhostEvaluator too, but the library exports only ListedEvaluator. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(listed_class, "ListedEvaluator");
static const ob_class_descriptor* const classes[] = {&listed_class};
ZOO_LIBRARY(classes, NULL)
