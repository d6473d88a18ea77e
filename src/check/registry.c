#include "check/registry.h"

#include <string.h>

static const struct rp_check *const tables[] = {
	rp_checks_core,
	rp_checks_ssh,
	rp_checks_accounts,
	rp_checks_sudo,
	rp_checks_net,
	rp_checks_kernel,
	rp_checks_files,
	rp_checks_packages,
	rp_checks_services,
	rp_checks_firewall,
	rp_checks_webserver,
	rp_checks_backends,
	rp_checks_admin,
	rp_checks_malware,
};

size_t rp_checks_count(void)
{
	size_t n = 0;

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct rp_check *c = tables[t]; c->id != NULL; c++)
			n++;
	return n;
}

const struct rp_check *rp_check_at(size_t i)
{
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct rp_check *c = tables[t]; c->id != NULL; c++)
			if (i-- == 0)
				return c;
	return NULL;
}

const struct rp_check *rp_check_find(const char *id)
{
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct rp_check *c = tables[t]; c->id != NULL; c++)
			if (strcmp(c->id, id) == 0)
				return c;
	return NULL;
}
