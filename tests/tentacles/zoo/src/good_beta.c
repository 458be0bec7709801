/* A well-behaved tentacle written in plain C11: proves the ABI needs no C++. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(good_beta_class, "GoodBetaEvaluator");
static const ob_class_descriptor* const classes[] = {&good_beta_class};
ZOO_LIBRARY(classes, NULL)
