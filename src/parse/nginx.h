/* A parser of the nginx configuration language as nginx 1.22 reads it
 * (ngx_conf_file.c): directives are words ended by ';' or by a block in
 * '{' '}', words may be quoted with '"' or '\'' (backslash escapes inside),
 * '#' starts a comment at the start of a word. "include" is expanded in place
 * with glob(7) patterns taken relative to the directory of the main file
 * (nginx's conf prefix, /etc/nginx on Debian). Every directive keeps the file
 * and line it came from and the index of the block it sits in; the parser
 * decides nothing about values (defaults and inheritance are the probe's and
 * the checks' business).
 *
 * Untrusted input: words over RP_NGX_MAX_WORD, binary data, unbalanced
 * braces, include loops, too deep or too many includes are recorded as
 * problems naming file:line, never a crash. Files are read only through the
 * rp_ngx_io callbacks, so it is fuzzable without a filesystem. */
#ifndef RP_PARSE_NGINX_H
#define RP_PARSE_NGINX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/rootfs.h"

#define RP_NGX_MAX_DEPTH 16        /* nested includes */
#define RP_NGX_MAX_NEST 64         /* nested blocks */
#define RP_NGX_MAX_FILES 1024      /* files per parse */
#define RP_NGX_MAX_DIRECTIVES 100000
#define RP_NGX_MAX_ARGS 256        /* words per directive */
#define RP_NGX_MAX_WORD ((size_t)64 << 10)
#define RP_NGX_MAX_PROBLEMS 1000
#define RP_NGX_MAX_TOTAL ((size_t)64 << 20) /* bytes read across all files */

struct rp_ngx_directive {
	char *name;  /* as written, "server_tokens" */
	char **argv; /* arguments after quote and escape processing */
	size_t argc;
	char *path;  /* file inside the audited root */
	unsigned line;
	int parent;  /* index of the enclosing block directive, -1 at top level */
	bool block;  /* opens a block ("http", "server", "location") */
};

struct rp_ngx_conf {
	struct rp_ngx_directive *v;
	size_t n, cap;
	struct rp_strlist problems; /* "path:line: what", also added to diag */
	size_t dropped_problems;
	struct rp_strlist files;    /* every file read, in order */
	char *prefix;               /* directory relative includes start from */
	size_t total_read;
};

/* Access to included files: glob expands an absolute pattern to existing
 * paths, sorted, appended to out (no match is not an error); read reads a
 * whole file into out. Both return 0 or a negative rp_err. */
struct rp_ngx_io {
	int (*glob)(void *ctx, const char *pattern, struct rp_strlist *out);
	int (*read)(void *ctx, const char *path, struct rp_buf *out);
	void *ctx;
};

/* Parses data (the contents of path) into cfg, which must be zeroed first.
 * Includes go through io (NULL: each include is a problem). Problems are kept
 * in cfg and added to diag. Returns 0, RP_ERR_BINARY when data is binary,
 * or RP_ERR_NOMEM. */
int rp_ngx_parse(struct rp_ngx_conf *cfg, const char *path, const char *data, size_t len,
		 const struct rp_ngx_io *io, struct rp_diag *diag);

/* Reads path inside root and parses it with includes resolved inside root.
 * Returns the error reading path itself with cfg empty, or what rp_ngx_parse
 * returns. */
int rp_ngx_load(struct rp_ngx_conf *cfg, const struct rp_root *root, const char *path, struct rp_diag *diag);

void rp_ngx_conf_free(struct rp_ngx_conf *cfg);

/* The first directive called name whose parent is block (-1: top level), or
 * -1; the last one when last is set. */
int rp_ngx_find(const struct rp_ngx_conf *cfg, int block, const char *name, bool last);

#endif
