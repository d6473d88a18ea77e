#include "probe/host/host.h"

#include <string.h>

#include "core/err.h"

int rp_host_collect(const struct rp_root *root, struct rp_host_facts *f, struct rp_diag *diag)
{
	memset(f, 0, sizeof(*f));
	f->root = root;
	rp_probe_ssh(root, &f->ssh, diag);
	rp_probe_accounts(root, &f->accounts, diag);
	rp_probe_sudo(root, &f->sudo, diag);
	rp_probe_sockets(root, &f->sockets, diag);
	return RP_OK;
}

void rp_host_facts_free(struct rp_host_facts *f)
{
	if (f == NULL)
		return;
	rp_ssh_facts_free(&f->ssh);
	rp_account_facts_free(&f->accounts);
	rp_sudo_facts_free(&f->sudo);
	rp_socket_facts_free(&f->sockets);
}
