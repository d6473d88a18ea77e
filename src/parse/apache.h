/* A parser of Apache httpd 2.4 configuration files as httpd reads them
 * (server/config.c, util.c ap_getword_conf): one directive per line,
 * backslash-newline continues a line, '#' comments at the start of a line,
 * words split at blanks with '"' or '\'' quoting, <Section args> ... </Section>
 * blocks, Include/IncludeOptional with glob(7) patterns relative to
 * ServerRoot (the main file's directory unless ServerRoot says otherwise; a
 * directory is read whole), and a minimal Define/${VAR}: variables defined
 * earlier with Define are substituted in arguments, others stay as written.
 * Conditional sections (<IfModule>, <IfDefine>) are kept as blocks: whether
 * they apply is the probe's business.
 *
 * Untrusted input: lines over RP_LINE_MAX, binary data, unbalanced sections,
 * include loops, too deep or too many includes are recorded as problems
 * naming file:line, never a crash. Files are read only through rp_apache_io. */
#ifndef RP_PARSE_APACHE_H
#define RP_PARSE_APACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/rootfs.h"

#define RP_APACHE_MAX_DEPTH 16   /* nested includes */
#define RP_APACHE_MAX_NEST 64    /* nested sections */
#define RP_APACHE_MAX_FILES 1024
#define RP_APACHE_MAX_DIRECTIVES 100000
#define RP_APACHE_MAX_ARGS 256
#define RP_APACHE_MAX_DEFINES 1000
#define RP_APACHE_MAX_PROBLEMS 1000
#define RP_APACHE_MAX_TOTAL ((size_t)64 << 20)

struct rp_apache_directive {
	char *name;  /* as written, "ServerTokens"; sections without '<' ("VirtualHost") */
	char **argv; /* arguments after quote processing and ${VAR} substitution */
	size_t argc;
	char *path;
	unsigned line;
	int parent;   /* index of the enclosing section, -1 at top level */
	bool section; /* opens a section */
};

struct rp_apache_conf {
	struct rp_apache_directive *v;
	size_t n, cap;
	struct rp_strlist problems; /* "path:line: what", also added to diag */
	size_t dropped_problems;
	struct rp_strlist files;    /* every file read, in order */
	struct rp_strlist defines;  /* "NAME=value" or "NAME" */
	char *server_root;
	size_t total_read;
};

struct rp_apache_io {
	int (*glob)(void *ctx, const char *pattern, struct rp_strlist *out);
	int (*read)(void *ctx, const char *path, struct rp_buf *out);
	void *ctx;
};

/* Parses data (the contents of path) into cfg (zeroed first). Includes go
 * through io (NULL: each include is a problem). Returns 0, RP_ERR_BINARY for
 * binary data, or RP_ERR_NOMEM. */
int rp_apache_parse(struct rp_apache_conf *cfg, const char *path, const char *data, size_t len,
		    const struct rp_apache_io *io, struct rp_diag *diag);

/* Reads path inside root and parses it, includes resolved inside root.
 * Returns the error reading path itself with cfg empty, or what
 * rp_apache_parse returns. */
int rp_apache_load(struct rp_apache_conf *cfg, const struct rp_root *root, const char *path,
		   struct rp_diag *diag);

void rp_apache_conf_free(struct rp_apache_conf *cfg);

/* True when NAME was defined with Define. */
bool rp_apache_defined(const struct rp_apache_conf *cfg, const char *name);

#endif
