#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"

static const char usage[] =
	"usage: rampart [options] COMMAND ...\n"
	"\n"
	"commands:\n"
	"  audit host [--root DIR]   audit this machine, or a mounted or unpacked root tree\n"
	"  catalog                   the requirement catalogue and the checks that cover it\n"
	"  version                   print the version\n"
	"\n"
	"options:\n"
	"  --config FILE       configuration (default: $RAMPART_CONFIG, ./rampart.yaml,\n"
	"                      /etc/rampart/rampart.yaml)\n"
	"  --no-config         use the built-in defaults only\n"
	"  --format FMT        text, json, sarif, junit, html (catalog: text, json)\n"
	"  --output FILE       write the report to FILE instead of stdout\n"
	"  --fail-on SEV       exit 1 when a failed finding is at or above SEV\n"
	"                      (critical, high, medium, low, info, none; default high)\n"
	"  --only IDS          run only these checks (comma-separated; 'ssh.' selects a prefix)\n"
	"  --skip IDS          skip these checks\n"
	"  --no-color          no ANSI colours in text output\n"
	"  --quiet             text: only failures, warnings and errors; no diagnostics\n"
	"\n"
	"exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error\n";

void rp_cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("rampart: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int add_ids(struct rp_strlist *l, const char *arg)
{
	const char *p = arg;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n > 0 && rp_strlist_take(l, strndup(p, n)) != RP_OK)
			return RP_ERR_NOMEM;
		p += n + (comma ? 1 : 0);
	}
	return RP_OK;
}

int main(int argc, char **argv)
{
	enum { O_CONFIG = 256, O_NOCONFIG, O_FORMAT, O_OUTPUT, O_FAILON, O_ROOT, O_NOCOLOR, O_QUIET,
	       O_ONLY, O_SKIP, O_HELP, O_VERSION };
	static const struct option opts[] = {
		{"config", required_argument, NULL, O_CONFIG}, {"no-config", no_argument, NULL, O_NOCONFIG},
		{"format", required_argument, NULL, O_FORMAT}, {"output", required_argument, NULL, O_OUTPUT},
		{"fail-on", required_argument, NULL, O_FAILON}, {"root", required_argument, NULL, O_ROOT},
		{"no-color", no_argument, NULL, O_NOCOLOR},     {"quiet", no_argument, NULL, O_QUIET},
		{"only", required_argument, NULL, O_ONLY},      {"skip", required_argument, NULL, O_SKIP},
		{"help", no_argument, NULL, O_HELP},            {"version", no_argument, NULL, O_VERSION},
		{NULL, 0, NULL, 0}};
	struct rp_cli cli = {0};
	const char *cmd;
	int c, ret = RP_EXIT_USAGE;

	/* Options may come before or after the subcommand words (GNU getopt
	 * permutes); positional words are collected in order. */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_CONFIG: cli.config = optarg; break;
		case O_NOCONFIG: cli.no_config = true; break;
		case O_FORMAT: cli.format = optarg; break;
		case O_OUTPUT: cli.output = optarg; break;
		case O_FAILON: cli.fail_on = optarg; break;
		case O_ROOT: cli.root = optarg; break;
		case O_NOCOLOR: cli.no_color = true; break;
		case O_QUIET: cli.quiet = true; break;
		case O_ONLY:
			if (add_ids(&cli.only, optarg) != RP_OK)
				goto out;
			break;
		case O_SKIP:
			if (add_ids(&cli.skip, optarg) != RP_OK)
				goto out;
			break;
		case 'h':
		case O_HELP:
			fputs(usage, stdout);
			ret = RP_EXIT_CLEAN;
			goto out;
		case O_VERSION:
			printf("rampart %s\n", RAMPART_VERSION);
			ret = RP_EXIT_CLEAN;
			goto out;
		default:
			fputs(usage, stderr);
			goto out;
		}
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		goto out;
	}
	cmd = argv[optind];
	cli.argc = argc - optind - 1;
	cli.argv = argv + optind + 1;
	if (strcmp(cmd, "audit") == 0)
		ret = rp_cmd_audit(&cli);
	else if (strcmp(cmd, "catalog") == 0)
		ret = rp_cmd_catalog(&cli);
	else if (strcmp(cmd, "version") == 0) {
		printf("rampart %s\n", RAMPART_VERSION);
		ret = RP_EXIT_CLEAN;
	} else if (strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		ret = RP_EXIT_CLEAN;
	} else {
		rp_cli_error("unknown command '%s' (try 'rampart --help')", cmd);
	}
out:
	rp_strlist_clear(&cli.only);
	rp_strlist_clear(&cli.skip);
	return ret;
}
