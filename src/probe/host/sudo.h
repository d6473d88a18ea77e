/* The sudo probe: reads /etc/sudoers inside the root and every file it
 * includes (includes stay confined to the root). status tells the checks
 * whether sudo's policy is absent (RP_ERR_NOTFOUND: not-applicable) or could
 * not be read (error); files lists each file with its own status and mode. */
#ifndef RP_PROBE_SUDO_H
#define RP_PROBE_SUDO_H

#include "core/diag.h"
#include "core/rootfs.h"
#include "parse/sudoers.h"

#define RP_SUDOERS_PATH "/etc/sudoers"

struct rp_sudo_facts {
	int status; /* RP_OK, or the rp_err that kept the probe from reading /etc/sudoers */
	struct rp_sudoers sudoers;
};

/* Fills f (cleared first); problems go to diag. Returns 0 unless memory runs out. */
int rp_probe_sudo(const struct rp_root *root, struct rp_sudo_facts *f, struct rp_diag *diag);
void rp_sudo_facts_free(struct rp_sudo_facts *f);

#endif
