/* PLACEHOLDER: to be replaced by the kernel probe. */
#ifndef RP_PROBE_KERNEL_H
#define RP_PROBE_KERNEL_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_kernel_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_kernel(const struct rp_root *root, struct rp_kernel_facts *f, struct rp_diag *diag);
void rp_kernel_facts_free(struct rp_kernel_facts *f);

#endif
