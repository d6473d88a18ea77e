/* libFuzzer harness for the sudoers parser. The input is /etc/sudoers;
 * includes resolve against nothing (no root), so they are reported and
 * skipped. The result then goes through the sudo checks. */
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
	struct rp_findings out = {0};
	struct rp_emit em = {&out, NULL, RP_OK};
	struct rp_diag diag = {0};

	if (!init) {
		if (rp_policy_defaults(&pol) != RP_OK)
			return 0;
		init = 1;
	}
	memset(&h, 0, sizeof(h));
	h.sudo.status =
	    rp_sudoers_parse(&h.sudo.sudoers, NULL, "/etc/sudoers", (const char *)data, size, &diag);
	for (const struct rp_check *c = rp_checks_sudo; c->id != NULL; c++) {
		em.check = c;
		c->fn(&h, &pol, &em);
	}
	rp_findings_free(&out);
	rp_sudo_facts_free(&h.sudo);
	rp_diag_free(&diag);
	return 0;
}
