/* PLACEHOLDER: to be replaced by the packages probe. */
#include "probe/host/packages.h"

#include <string.h>

int rp_probe_packages(const struct rp_root *root, struct rp_pkg_facts *f, struct rp_diag *diag)
{
	(void)root;
	(void)diag;
	memset(f, 0, sizeof(*f));
	return 0;
}

void rp_pkg_facts_free(struct rp_pkg_facts *f)
{
	(void)f;
}
