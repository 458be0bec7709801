/* A valid library whose metadata pins good_beta==2.0.0 while 1.0.0 is installed. */
#include "zoo_c_evaluator.h"

ZOO_CLASS(picky_class, "PickyEvaluator");
static const ob_class_descriptor* const classes[] = {&picky_class};
ZOO_LIBRARY(classes, NULL)
