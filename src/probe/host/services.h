/* PLACEHOLDER: to be replaced by the services probe. */
#ifndef RP_PROBE_SERVICES_H
#define RP_PROBE_SERVICES_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_services_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_services(const struct rp_root *root, struct rp_services_facts *f, struct rp_diag *diag);
void rp_services_facts_free(struct rp_services_facts *f);

#endif
