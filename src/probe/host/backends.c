/* PLACEHOLDER: to be replaced by the backends probe. */
#include "probe/host/backends.h"

#include <string.h>

int rp_probe_backends(const struct rp_root *root, struct rp_backend_facts *f, struct rp_diag *diag)
{
	(void)root;
	(void)diag;
	memset(f, 0, sizeof(*f));
	return 0;
}

void rp_backend_facts_free(struct rp_backend_facts *f)
{
	(void)f;
}
