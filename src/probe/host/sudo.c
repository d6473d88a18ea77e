#include "probe/host/sudo.h"

#include <string.h>

#include "core/err.h"

int rp_probe_sudo(const struct rp_root *root, struct rp_sudo_facts *f, struct rp_diag *diag)
{
	int ret;

	memset(f, 0, sizeof(*f));
	ret = rp_sudoers_load(&f->sudoers, root, RP_SUDOERS_PATH, diag);
	if (ret == RP_ERR_NOMEM) {
		f->status = ret;
		return ret;
	}
	f->status = ret;
	return RP_OK;
}

void rp_sudo_facts_free(struct rp_sudo_facts *f)
{
	if (f == NULL)
		return;
	rp_sudoers_free(&f->sudoers);
	f->status = RP_OK;
}
