/* PLACEHOLDER: to be replaced by the kernel probe. */
#include "probe/host/kernel.h"

#include <string.h>

int rp_probe_kernel(const struct rp_root *root, struct rp_kernel_facts *f, struct rp_diag *diag)
{
	(void)root;
	(void)diag;
	memset(f, 0, sizeof(*f));
	return 0;
}

void rp_kernel_facts_free(struct rp_kernel_facts *f)
{
	(void)f;
}
