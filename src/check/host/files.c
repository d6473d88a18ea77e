/* PLACEHOLDER: to be replaced by the files checks. */
#include "check/registry.h"

const struct rp_check rp_checks_files[] = {
	{.id = NULL},
};
