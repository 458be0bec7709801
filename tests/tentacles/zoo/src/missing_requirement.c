/* A valid library whose metadata requires a tentacle that is not installed. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(needy_class, "NeedyEvaluator");
static const ob_class_descriptor* const classes[] = {&needy_class};
ZOO_LIBRARY(classes, NULL)
