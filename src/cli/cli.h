/* The command-line front-end: options common to all subcommands and the
 * subcommand entry points. Only argument handling lives here. */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stdbool.h>

#include "core/buf.h"

/* Exit statuses (DESIGN.md). */
#define RP_EXIT_CLEAN 0
#define RP_EXIT_FINDINGS 1
#define RP_EXIT_USAGE 2

struct rp_cli {
	const char *config;  /* --config */
	bool no_config;      /* --no-config */
	const char *format;  /* --format, default text */
	const char *output;  /* --output */
	const char *fail_on; /* --fail-on */
	const char *root;    /* --root */
	bool no_color, quiet;
	struct rp_strlist only, skip;
	int argc;            /* positional arguments after the subcommand */
	char **argv;
};

int rp_cmd_audit(struct rp_cli *cli);
int rp_cmd_catalog(struct rp_cli *cli);
/* Prints "rampart: <msg>" to stderr. */
void rp_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
