/* Facts about one host (the live system or a root tree), gathered by the
 * host probes. Each probe owns its part; checks read them through this
 * struct and never touch the filesystem themselves. */
#ifndef RP_PROBE_HOST_H
#define RP_PROBE_HOST_H

#include "core/diag.h"
#include "core/rootfs.h"
#include "probe/host/accounts.h"
#include "probe/host/sockets.h"
#include "probe/host/ssh.h"
#include "probe/host/sudo.h"

struct rp_host_facts {
	const struct rp_root *root; /* root->live tells live checks whether they apply */
	struct rp_ssh_facts ssh;
	struct rp_account_facts accounts;
	struct rp_sudo_facts sudo;
	struct rp_socket_facts sockets;
};

/* Runs every host probe against root; problems go to diag, the run goes on. */
int rp_host_collect(const struct rp_root *root, struct rp_host_facts *f, struct rp_diag *diag);
void rp_host_facts_free(struct rp_host_facts *f);

#endif
