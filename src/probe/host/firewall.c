/* PLACEHOLDER: to be replaced by the firewall probe. */
#include "probe/host/firewall.h"

#include <string.h>

int rp_probe_firewall(const struct rp_root *root, struct rp_firewall_facts *f, struct rp_diag *diag)
{
	(void)root;
	(void)diag;
	memset(f, 0, sizeof(*f));
	return 0;
}

void rp_firewall_facts_free(struct rp_firewall_facts *f)
{
	(void)f;
}
