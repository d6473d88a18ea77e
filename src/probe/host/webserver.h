/* PLACEHOLDER: to be replaced by the webserver probe. */
#ifndef RP_PROBE_WEBSERVER_H
#define RP_PROBE_WEBSERVER_H

#include "core/diag.h"
#include "core/rootfs.h"

struct rp_web_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading its source */
};

int rp_probe_webserver(const struct rp_root *root, struct rp_web_facts *f, struct rp_diag *diag);
void rp_web_facts_free(struct rp_web_facts *f);

#endif
