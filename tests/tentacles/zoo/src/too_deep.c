/* A valid library placed four levels below the root: discovery must ignore it. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(deep_class, "DeepEvaluator");
static const ob_class_descriptor* const classes[] = {&deep_class};
ZOO_LIBRARY(classes, NULL)
