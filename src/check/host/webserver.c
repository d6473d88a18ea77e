/* PLACEHOLDER: to be replaced by the webserver checks. */
#include "check/registry.h"

const struct rp_check rp_checks_webserver[] = {
	{.id = NULL},
};
