/* PLACEHOLDER: to be replaced by the admin probe. */
#ifndef RP_PROBE_ADMIN_H
#define RP_PROBE_ADMIN_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_admin_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_admin(const struct rp_root *root, struct rp_admin_facts *f, struct rp_diag *diag);
void rp_admin_facts_free(struct rp_admin_facts *f);

#endif
