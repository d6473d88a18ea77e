/* PLACEHOLDER: to be replaced by the packages probe. */
#ifndef RP_PROBE_PACKAGES_H
#define RP_PROBE_PACKAGES_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_pkg_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_packages(const struct rp_root *root, struct rp_pkg_facts *f, struct rp_diag *diag);
void rp_pkg_facts_free(struct rp_pkg_facts *f);

#endif
