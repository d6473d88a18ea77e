#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/config.h"
#include "core/err.h"
#include "core/model.h"
#include "core/rootfs.h"
#include "core/runner.h"
#include "probe/host/host.h"
#include "report/report.h"

static void print_diag(const struct rp_diag *d, const char *prefix)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		fprintf(stderr, "rampart: %s%s\n", prefix, d->msgs.v[i]);
	if (d->dropped > 0)
		fprintf(stderr, "rampart: %s%zu more messages not shown\n", prefix, d->dropped);
}

/* Policy from defaults, the config file and the command line. */
static int load_policy(struct rp_cli *cli, struct rp_policy *pol, const struct rp_catalog *cat)
{
	struct rp_diag diag = {0};
	const char *path = cli->no_config ? NULL : cli->config ? cli->config : rp_policy_default_path();
	int r;

	if ((r = rp_policy_defaults(pol)) != RP_OK)
		goto out;
	if (path != NULL && (r = rp_policy_load(pol, path, &diag)) != RP_OK)
		goto out;
	if (cli->fail_on != NULL) {
		int sev;
		if (rp_severity_parse(cli->fail_on, &sev) != RP_OK) {
			rp_cli_error("--fail-on: '%s' is not one of critical, high, medium, low, info, none",
				     cli->fail_on);
			r = RP_ERR_USAGE;
			goto out;
		}
		pol->fail_on = sev;
	}
	for (size_t i = 0; i < cli->only.n; i++)
		if ((r = rp_strlist_add(&pol->only, cli->only.v[i])) != RP_OK)
			goto out;
	for (size_t i = 0; i < cli->skip.n; i++)
		if ((r = rp_strlist_add(&pol->skip, cli->skip.v[i])) != RP_OK)
			goto out;
	r = rp_policy_check_ids(pol, cat, &diag);
out:
	print_diag(&diag, "");
	rp_diag_free(&diag);
	return r;
}

static int write_report(struct rp_cli *cli, const struct rp_report *rep, const char *format)
{
	struct rp_render_opts o = {0};
	FILE *out = stdout;
	int r;

	if (cli->output != NULL && (out = fopen(cli->output, "w")) == NULL) {
		rp_cli_error("%s: cannot open for writing", cli->output);
		return RP_ERR_IO;
	}
	o.quiet = cli->quiet;
	o.color = out == stdout && !cli->no_color && getenv("NO_COLOR") == NULL && isatty(STDOUT_FILENO);
	r = rp_report_write(rep, format, &o, out);
	if (fflush(out) != 0 || ferror(out))
		r = RP_ERR_IO;
	if (out != stdout && fclose(out) != 0)
		r = RP_ERR_IO;
	if (r != RP_OK)
		rp_cli_error("%s: writing the report failed: %s", cli->output ? cli->output : "stdout",
			     rp_strerror(r));
	return r;
}

static int audit_host(struct rp_cli *cli, struct rp_report *rep, struct rp_diag *diag)
{
	struct rp_root root = {.fd = -1};
	struct rp_host_facts facts;
	char host[256] = "localhost";
	int r;

	if (cli->argc > 1) {
		rp_cli_error("audit host: unexpected argument '%s'", cli->argv[1]);
		return RP_ERR_USAGE;
	}
	if ((r = rp_root_open(&root, cli->root ? cli->root : "/", cli->root == NULL)) != RP_OK) {
		rp_cli_error("--root %s: %s", cli->root ? cli->root : "/", rp_strerror(r));
		return RP_ERR_USAGE;
	}
	if (cli->root == NULL)
		gethostname(host, sizeof(host) - 1);
	/* the absolute root, so that report paths can be resolved (SARIF uriBaseId) */
	rep->target_name = cli->root ? realpath(cli->root, NULL) : strdup(host);
	if (rep->target_name == NULL) {
		rp_root_close(&root);
		return RP_ERR_NOMEM;
	}
	rp_host_collect(&root, &facts, diag);
	r = rp_report_run(rep, &facts);
	rp_host_facts_free(&facts);
	rp_root_close(&root);
	return r;
}

int rp_cmd_audit(struct rp_cli *cli)
{
	struct rp_catalog cat = {0};
	struct rp_policy pol = {0};
	struct rp_report rep = {0};
	struct rp_diag diag = {0};
	const char *format = cli->format ? cli->format : "text";
	const char *kind = cli->argc > 0 ? cli->argv[0] : NULL;
	int ret = RP_EXIT_USAGE, r;

	if (kind == NULL) {
		rp_cli_error("audit: which target? (host)");
		goto out;
	}
	if (strcmp(kind, "host") != 0) {
		rp_cli_error("audit %s: not available in this version (host only)", kind);
		goto out;
	}
	if (!rp_report_format_known(format)) {
		rp_cli_error("--format: unknown format '%s' (text, json, sarif, junit, html)", format);
		goto out;
	}
	if ((r = rp_catalog_load(&cat, &diag)) != RP_OK) {
		print_diag(&diag, "");
		rp_cli_error("catalogue: %s", rp_strerror(r));
		goto out;
	}
	if (load_policy(cli, &pol, &cat) != RP_OK)
		goto out;
	rp_report_begin(&rep, RP_TARGET_HOST, NULL, &cat, &pol);
	r = audit_host(cli, &rep, &diag);
	if (!cli->quiet)
		print_diag(&diag, "warning: ");
	if (r != RP_OK) {
		if (r != RP_ERR_USAGE)
			rp_cli_error("audit host: %s", rp_strerror(r));
		goto out;
	}
	if (write_report(cli, &rep, format) != RP_OK)
		goto out;
	ret = rep.exit_status ? RP_EXIT_FINDINGS : RP_EXIT_CLEAN;
out:
	rp_report_free(&rep);
	rp_policy_free(&pol);
	rp_catalog_free(&cat);
	rp_diag_free(&diag);
	return ret;
}
