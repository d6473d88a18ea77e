/* PLACEHOLDER: to be replaced by the backends checks. */
#include "check/registry.h"

const struct rp_check rp_checks_backends[] = {
	{.id = NULL},
};
