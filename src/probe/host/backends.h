/* PLACEHOLDER: to be replaced by the backends probe. */
#ifndef RP_PROBE_BACKENDS_H
#define RP_PROBE_BACKENDS_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_backend_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_backends(const struct rp_root *root, struct rp_backend_facts *f, struct rp_diag *diag);
void rp_backend_facts_free(struct rp_backend_facts *f);

#endif
