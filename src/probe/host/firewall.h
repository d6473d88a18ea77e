/* PLACEHOLDER: to be replaced by the firewall probe. */
#ifndef RP_PROBE_FIREWALL_H
#define RP_PROBE_FIREWALL_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_firewall_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_firewall(const struct rp_root *root, struct rp_firewall_facts *f, struct rp_diag *diag);
void rp_firewall_facts_free(struct rp_firewall_facts *f);

#endif
