/* Facts about one host (the live system or a root tree), gathered by the
 * host probes. Each probe owns its part; checks read them through this
 * struct and never touch the filesystem themselves. */
#ifndef RP_PROBE_HOST_H
#define RP_PROBE_HOST_H

#include "core/diag.h"
#include "core/rootfs.h"
#include "probe/host/accounts.h"
#include "probe/host/admin.h"
#include "probe/host/backends.h"
#include "probe/host/files.h"
#include "probe/host/firewall.h"
#include "probe/host/kernel.h"
#include "probe/host/malware.h"
#include "probe/host/packages.h"
#include "probe/host/services.h"
#include "probe/host/sockets.h"
#include "probe/host/ssh.h"
#include "probe/host/sudo.h"
#include "probe/host/webserver.h"

struct rp_host_facts {
	const struct rp_root *root; /* root->live tells live checks whether they apply */
	struct rp_ssh_facts ssh;
	struct rp_account_facts accounts;
	struct rp_sudo_facts sudo;
	struct rp_socket_facts sockets;
	struct rp_kernel_facts kernel;
	struct rp_files_facts files;
	struct rp_pkg_facts packages;
	struct rp_services_facts services;
	struct rp_firewall_facts firewall;
	struct rp_web_facts webserver;
	struct rp_backend_facts backends;
	struct rp_admin_facts admin;
	struct rp_malware_facts malware;
};

/* Runs every host probe against root; problems go to diag, the run goes on. */
int rp_host_collect(const struct rp_root *root, struct rp_host_facts *f, struct rp_diag *diag);
void rp_host_facts_free(struct rp_host_facts *f);

#endif
