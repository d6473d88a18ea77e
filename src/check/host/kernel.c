/* PLACEHOLDER: to be replaced by the kernel checks. */
#include "check/registry.h"

const struct rp_check rp_checks_kernel[] = {
	{.id = NULL},
};
