/* PLACEHOLDER: to be replaced by the admin probe. */
#include "probe/host/admin.h"

#include <string.h>

int rp_probe_admin(const struct rp_root *root, struct rp_admin_facts *f, struct rp_diag *diag)
{
	(void)root;
	(void)diag;
	memset(f, 0, sizeof(*f));
	return 0;
}

void rp_admin_facts_free(struct rp_admin_facts *f)
{
	(void)f;
}
