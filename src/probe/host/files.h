/* PLACEHOLDER: to be replaced by the files probe. */
#ifndef RP_PROBE_FILES_H
#define RP_PROBE_FILES_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_files_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_files(const struct rp_root *root, struct rp_files_facts *f, struct rp_diag *diag);
void rp_files_facts_free(struct rp_files_facts *f);

#endif
