/* libFuzzer harness for the account database parsers. The first byte picks
 * the parser (passwd, shadow, group, login.defs); the rest is the file. The
 * parsed facts then go through the accounts checks, which must cope with
 * whatever the parsers let through. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check/registry.h"
#include "core/config.h"
#include "core/err.h"
#include "probe/host/host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rp_policy pol;
	static int init;
	struct rp_host_facts h;
	struct rp_account_facts *f = &h.accounts;
	struct rp_findings out = {0};
	struct rp_emit em = {&out, NULL, RP_OK};
	struct rp_diag diag = {0};
	const char *text;
	size_t len;

	if (size < 1)
		return 0;
	if (!init) {
		if (rp_policy_defaults(&pol) != RP_OK)
			return 0;
		init = 1;
	}
	memset(&h, 0, sizeof(h));
	f->defs.uid_min = f->defs.uid_max = f->defs.sys_uid_max = -1;
	f->shadow_status = f->group_status = f->login_defs_status = RP_ERR_NOTFOUND;
	text = (const char *)data + 1;
	len = size - 1;
	switch (data[0] % 4) {
	case 0:
		f->status = rp_passwd_parse("/etc/passwd", text, len, &f->passwd, &diag);
		break;
	case 1:
		f->shadow_status = rp_shadow_parse("/etc/shadow", text, len, &f->shadow, &diag);
		break;
	case 2:
		f->group_status = rp_group_parse("/etc/group", text, len, &f->group, &diag);
		break;
	default:
		f->login_defs_status = rp_login_defs_parse("/etc/login.defs", text, len, &f->defs, &diag);
		break;
	}
	for (const struct rp_check *c = rp_checks_accounts; c->id != NULL; c++) {
		em.check = c;
		c->fn(&h, &pol, &em);
	}
	rp_findings_free(&out);
	rp_account_facts_free(f);
	rp_diag_free(&diag);
	return 0;
}
