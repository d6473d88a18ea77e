/* A small parser for the "key value" / "key = value" config dialects of
 * database servers, and for pg_hba.conf rows:
 *   RP_KV_PG    postgresql.conf: '#' comments, optional '=', single-quoted
 *               values ('' and \' escapes), include / include_if_exists /
 *               include_dir (relative to the including file's directory,
 *               include_dir takes *.conf not starting with '.', sorted);
 *               keys case-insensitive (lower-cased).
 *   RP_KV_REDIS redis.conf: "key arg arg ...", arguments split and unquoted
 *               as sdssplitargs does ("..." with escapes, '...'); include
 *               FILE (relative to the including file's directory); keys
 *               lower-cased; value is the arguments joined by one space.
 *   RP_KV_MYCNF my.cnf: [section], key[=value] (value "" for a bare flag),
 *               '#' and ';' comments, quoted values, !include FILE and
 *               !includedir DIR (*.cnf, sorted); keys lower-cased with '-'
 *               turned to '_' and a "loose_" prefix dropped, sections
 *               lower-cased.
 * Entries are kept in file order with includes expanded in place, each with
 * its file and line. Untrusted input: long lines, binary data, include loops
 * and too deep or too many includes become problems naming file:line. */
#ifndef RP_PARSE_KEYVALUE_H
#define RP_PARSE_KEYVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/rootfs.h"

enum rp_kv_dialect { RP_KV_PG, RP_KV_REDIS, RP_KV_MYCNF };

/* PostgreSQL's CONF_FILE_MAX_DEPTH is 10. */
#define RP_KV_MAX_DEPTH 10
#define RP_KV_MAX_FILES 256
#define RP_KV_MAX_ENTRIES 100000
#define RP_KV_MAX_PROBLEMS 200
#define RP_KV_MAX_TOTAL ((size_t)64 << 20)

struct rp_kv_entry {
	char *key;
	char *value;   /* unquoted; "" for a my.cnf flag */
	char *section; /* my.cnf section, else NULL */
	char *text;    /* the line, printable, for evidence */
	char *path;
	unsigned line;
};

struct rp_kv_problem {
	char *path;
	unsigned line;
	char *msg;
	int err;
};

struct rp_kv_config {
	struct rp_kv_entry *v;
	size_t n, cap;
	struct rp_kv_problem *problems;
	size_t nproblems, capproblems;
	struct rp_strlist files; /* every file read */
	/* parse state */
	size_t total_read;
	const char *stack[RP_KV_MAX_DEPTH + 1];
	unsigned depth;
};

/* File access for includes: list gives the names in a directory (sorted),
 * read a whole file. Both return 0 or a negative rp_err. */
struct rp_kv_io {
	int (*list)(void *ctx, const char *dir, struct rp_strlist *names);
	int (*read)(void *ctx, const char *path, struct rp_buf *out);
	void *ctx;
};

/* Parses data (the contents of path) into cfg (zeroed or freed first).
 * Includes go through io (NULL: every include is a problem). Returns 0,
 * RP_ERR_BINARY for binary data (recorded as a problem), or RP_ERR_NOMEM. */
int rp_kv_parse(struct rp_kv_config *cfg, enum rp_kv_dialect d, const char *path, const char *data, size_t len,
		const struct rp_kv_io *io, struct rp_diag *diag);
/* Reads path inside root and parses it; the error reading path itself is
 * returned with cfg empty. */
int rp_kv_load(struct rp_kv_config *cfg, enum rp_kv_dialect d, const struct rp_root *root, const char *path,
	       struct rp_diag *diag);
/* The last entry with key (in a section accepted by sections, a
 * NULL-terminated list, or any when NULL), or NULL. */
const struct rp_kv_entry *rp_kv_last(const struct rp_kv_config *cfg, const char *key,
				     const char *const *sections);
/* Records a problem in cfg and diag. */
void rp_kv_problem(struct rp_kv_config *cfg, struct rp_diag *diag, const char *path, unsigned line, int err,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void rp_kv_config_free(struct rp_kv_config *cfg);

/* One pg_hba.conf record. */
struct rp_hba_row {
	char *type;	/* local, host, hostssl, hostnossl, hostgssenc, hostnogssenc */
	char *database; /* as written, comma list */
	char *user;
	char *address; /* CIDR, host name, all, samehost, samenet; with a separate mask "a/m"; NULL for local */
	char *method;
	char *text; /* the line, printable */
	char *path;
	unsigned line;
};

struct rp_hba {
	struct rp_hba_row *v;
	size_t n, cap;
	struct rp_kv_problem *problems;
	size_t nproblems, capproblems;
};

#define RP_HBA_MAX_ROWS 100000

/* Parses pg_hba.conf data into hba (zeroed first). Quoted fields, comma
 * lists and '\' line continuations are handled; a malformed row becomes a
 * problem naming path:line and is skipped. Returns 0, RP_ERR_BINARY or
 * RP_ERR_NOMEM. */
int rp_hba_parse(struct rp_hba *hba, const char *path, const char *data, size_t len, struct rp_diag *diag);
void rp_hba_free(struct rp_hba *hba);

#endif
