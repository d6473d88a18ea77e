/* PLACEHOLDER: to be replaced by the firewall checks. */
#include "check/registry.h"

const struct rp_check rp_checks_firewall[] = {
	{.id = NULL},
};
