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
	rp_probe_kernel(root, &f->kernel, diag);
	rp_probe_files(root, &f->files, diag);
	rp_probe_packages(root, &f->packages, diag);
	rp_probe_services(root, &f->services, diag);
	rp_probe_firewall(root, &f->firewall, diag);
	rp_probe_webserver(root, &f->webserver, diag);
	rp_probe_backends(root, &f->backends, diag);
	rp_probe_admin(root, &f->admin, diag);
	rp_probe_malware(root, &f->malware, diag);
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
	rp_kernel_facts_free(&f->kernel);
	rp_files_facts_free(&f->files);
	rp_pkg_facts_free(&f->packages);
	rp_services_facts_free(&f->services);
	rp_firewall_facts_free(&f->firewall);
	rp_web_facts_free(&f->webserver);
	rp_backend_facts_free(&f->backends);
	rp_admin_facts_free(&f->admin);
	rp_malware_facts_free(&f->malware);
}
