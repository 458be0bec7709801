/* Has everything but the entry function: ob_tentacle_entry is simply not defined. */
#include <octobot/abi.h>

OB_EXPORT int zoo_not_the_entry(void);
OB_EXPORT int zoo_not_the_entry(void) { return 42; }
