/* Exports GoodBetaEvaluator again, from a folder that sorts after good_beta: must be skipped. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(duplicate_class, "GoodBetaEvaluator");
static const ob_class_descriptor* const classes[] = {&duplicate_class};
ZOO_LIBRARY(classes, NULL)
