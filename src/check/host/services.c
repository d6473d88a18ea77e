/* PLACEHOLDER: to be replaced by the services checks. */
#include "check/registry.h"

const struct rp_check rp_checks_services[] = {
	{.id = NULL},
};
