/* Exports ExtraEvaluator, which metadata.json does not list. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(declared_class, "DeclaredEvaluator");
ZOO_CLASS(extra_class, "ExtraEvaluator");
static const ob_class_descriptor* const classes[] = {&declared_class, &extra_class};
ZOO_LIBRARY(classes, NULL)
