/* PLACEHOLDER: to be replaced by the webserver probe. */
#include "probe/host/webserver.h"

#include <string.h>

int rp_probe_webserver(const struct rp_root *root, struct rp_web_facts *f, struct rp_diag *diag)
{
	(void)root;
	(void)diag;
	memset(f, 0, sizeof(*f));
	return 0;
}

void rp_web_facts_free(struct rp_web_facts *f)
{
	(void)f;
}
