/* PLACEHOLDER: to be replaced by the packages checks. */
#include "check/registry.h"

const struct rp_check rp_checks_packages[] = {
	{.id = NULL},
};
