#include <stdio.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/err.h"
#include "report/catalog.h"

int rp_cmd_catalog(struct rp_cli *cli)
{
	struct rp_catalog cat = {0};
	struct rp_diag diag = {0};
	const char *format = cli->format ? cli->format : "text";
	FILE *out = stdout;
	int ret = RP_EXIT_USAGE, r;

	if (cli->argc > 0) {
		rp_cli_error("catalog: unexpected argument '%s'", cli->argv[0]);
		goto out;
	}
	if ((r = rp_catalog_load(&cat, &diag)) != RP_OK) {
		for (size_t i = 0; i < diag.msgs.n; i++)
			rp_cli_error("%s", diag.msgs.v[i]);
		rp_cli_error("catalogue: %s", rp_strerror(r));
		goto out;
	}
	if (cli->output != NULL && (out = fopen(cli->output, "w")) == NULL) {
		rp_cli_error("%s: cannot write", cli->output);
		goto out;
	}
	r = rp_catalog_render(&cat, format, out);
	if (r == RP_ERR_USAGE)
		rp_cli_error("catalog: unknown format '%s' (text, json)", format);
	else if (r != RP_OK)
		rp_cli_error("catalog: %s", rp_strerror(r));
	else
		ret = RP_EXIT_CLEAN;
	if (out != stdout && fclose(out) != 0 && ret == RP_EXIT_CLEAN) {
		rp_cli_error("%s: write failed", cli->output);
		ret = RP_EXIT_USAGE;
	}
out:
	rp_catalog_free(&cat);
	rp_diag_free(&diag);
	return ret;
}
