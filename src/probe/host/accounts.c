#include "probe/host/accounts.h"

#include <string.h>

#include "core/err.h"

/* Reads path; on failure reports it (except absence, which is a status) and
 * returns the rp_err. */
static int read_source(const struct rp_root *root, const char *path, struct rp_buf *buf, struct rp_diag *diag)
{
	int ret = rp_root_read_file(root, path, RP_FILE_MAX, buf);

	if (ret != RP_OK && ret != RP_ERR_NOTFOUND)
		rp_diag_add(diag, path, 0, "cannot read: %s", rp_strerror(ret));
	return ret;
}

int rp_probe_accounts(const struct rp_root *root, struct rp_account_facts *f, struct rp_diag *diag)
{
	struct rp_buf buf;
	int ret = RP_OK;

	memset(f, 0, sizeof(*f));
	f->defs.uid_min = f->defs.uid_max = f->defs.sys_uid_max = -1;
	rp_buf_init(&buf, RP_FILE_MAX);

	f->status = read_source(root, RP_PASSWD_PATH, &buf, diag);
	if (f->status == RP_OK) {
		f->status = rp_passwd_parse(RP_PASSWD_PATH, buf.data, buf.len, &f->passwd, diag);
		if (f->status == RP_ERR_NOMEM)
			goto nomem;
	}
	f->shadow_status = read_source(root, RP_SHADOW_PATH, &buf, diag);
	if (f->shadow_status == RP_OK) {
		f->shadow_status = rp_shadow_parse(RP_SHADOW_PATH, buf.data, buf.len, &f->shadow, diag);
		if (f->shadow_status == RP_ERR_NOMEM)
			goto nomem;
	}
	f->group_status = read_source(root, RP_GROUP_PATH, &buf, diag);
	if (f->group_status == RP_OK) {
		f->group_status = rp_group_parse(RP_GROUP_PATH, buf.data, buf.len, &f->group, diag);
		if (f->group_status == RP_ERR_NOMEM)
			goto nomem;
	}
	f->login_defs_status = read_source(root, RP_LOGIN_DEFS_PATH, &buf, diag);
	if (f->login_defs_status == RP_OK) {
		f->login_defs_status =
		    rp_login_defs_parse(RP_LOGIN_DEFS_PATH, buf.data, buf.len, &f->defs, diag);
		if (f->login_defs_status == RP_ERR_NOMEM)
			goto nomem;
	}
	goto out;
nomem:
	ret = RP_ERR_NOMEM;
out:
	rp_buf_free(&buf);
	return ret;
}

void rp_account_facts_free(struct rp_account_facts *f)
{
	if (f == NULL)
		return;
	rp_passwd_free(&f->passwd);
	rp_shadow_free(&f->shadow);
	rp_group_free(&f->group);
	rp_login_defs_free(&f->defs);
}

long rp_accounts_uid_min(const struct rp_account_facts *f)
{
	return f->defs.uid_min >= 0 ? f->defs.uid_min : 1000;
}

long rp_accounts_uid_max(const struct rp_account_facts *f)
{
	return f->defs.uid_max >= 0 ? f->defs.uid_max : 60000;
}
