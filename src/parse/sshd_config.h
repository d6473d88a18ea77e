/* A parser of sshd_config(5) that reads the file the way OpenSSH 9.2's sshd
 * does (servconf.c): case-insensitive keywords, "Keyword value" or
 * "Keyword=value", quoted arguments with backslash escapes, '#' comments,
 * Include with globs (relative paths below /etc/ssh, depth limit 16) and
 * Match blocks. It keeps every directive in file order, includes expanded in
 * place, each with the file and line it came from; it decides nothing about
 * values (first-wins and defaults are the probe's business).
 *
 * Untrusted input: lines over RP_LINE_MAX, binary data, include loops, too
 * deep or too many includes are reported as problems naming file:line, never
 * a crash. The parser works from buffers; files are read only through the
 * rp_sshd_io callbacks, so it is fuzzable without a filesystem. */
#ifndef RP_PARSE_SSHD_CONFIG_H
#define RP_PARSE_SSHD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/rootfs.h"

/* sshd's SERVCONF_MAX_DEPTH. */
#define RP_SSHD_MAX_DEPTH 16
/* Bounds of one parse, across all included files. */
#define RP_SSHD_MAX_FILES 1024
#define RP_SSHD_MAX_DIRECTIVES 100000
#define RP_SSHD_MAX_BLOCKS 10000
#define RP_SSHD_MAX_PROBLEMS 1000
/* Bytes read across all files of one parse. */
#define RP_SSHD_MAX_TOTAL ((size_t)64 << 20)

struct rp_sshd_directive {
	char *keyword; /* canonical lower-case name, aliases resolved ("kbdinteractiveauthentication") */
	char *written; /* the keyword as written ("ChallengeResponseAuthentication") */
	char **argv;   /* arguments after quote and escape processing */
	size_t argc;
	char *text; /* "Keyword arg1 arg2", printable, for evidence */
	char *path; /* file inside the audited root */
	unsigned line;
	int block; /* index into blocks, -1 for the global section */
};

/* A Match block. Directives that follow it up to the next Match or the end
 * of the file it is in belong to it (an Include inside a Match block adds
 * to it; a Match inside an included file ends with that file). */
struct rp_sshd_block {
	char *criteria; /* "User alice Address 10.0.0.0/8", printable */
	char *path;
	unsigned line;
	int parent; /* the Match block the Include that holds it was in, or -1 */
	bool all;   /* "Match all": applies to every connection */
};

/* Something sshd would reject or rampart could not read. */
struct rp_sshd_problem {
	char *path;
	unsigned line; /* 0: the file as a whole */
	char *msg;
	int err; /* rp_err for read failures; RP_ERR_PARSE for what sshd
		  * rejects; RP_OK for what it only logs (deprecated options) */
};

struct rp_sshd_config {
	struct rp_sshd_directive *v;
	size_t n, cap;
	struct rp_sshd_block *blocks;
	size_t nblocks, capblocks;
	struct rp_sshd_problem *problems;
	size_t nproblems, capproblems;
	size_t dropped_problems;
	struct rp_strlist files; /* every file read, in order */
	/* parse state */
	size_t total_read;
};

/* Access to included files. glob expands an absolute pattern to existing
 * paths, sorted, appended to out (no match is not an error); read reads a
 * whole file into out. Both return 0 or a negative rp_err. */
struct rp_sshd_io {
	int (*glob)(void *ctx, const char *pattern, struct rp_strlist *out);
	int (*read)(void *ctx, const char *path, struct rp_buf *out);
	void *ctx;
};

/* Parses data (the contents of path) into cfg, which must be zeroed or freed
 * first. Includes go through io; io NULL reports every Include as a problem.
 * Problems are kept in cfg and added to diag. Returns 0, or RP_ERR_BINARY
 * when data is binary (cfg then holds that problem only), or RP_ERR_NOMEM. */
int rp_sshd_parse(struct rp_sshd_config *cfg, const char *path, const char *data, size_t len,
		  const struct rp_sshd_io *io, struct rp_diag *diag);

/* Reads path inside root and parses it with includes resolved inside root.
 * Returns the error reading path itself (RP_ERR_NOTFOUND, RP_ERR_ACCESS,
 * ...) with cfg empty, or what rp_sshd_parse returns. */
int rp_sshd_load(struct rp_sshd_config *cfg, const struct rp_root *root, const char *path,
		 struct rp_diag *diag);

/* Records a problem (e.g. a value sshd would reject) in cfg and diag.
 * Returns 0 or RP_ERR_NOMEM. */
int rp_sshd_problem_add(struct rp_sshd_config *cfg, struct rp_diag *diag, const char *path, unsigned line,
			int err, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

void rp_sshd_config_free(struct rp_sshd_config *cfg);

/* True when keyword (canonical name) is a keyword sshd 9.2 accepts. */
bool rp_sshd_keyword_known(const char *keyword);

#endif
