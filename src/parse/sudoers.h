/* A parser of sudoers(5) as sudo reads it: comments, backslash line
 * continuation, #include/@include and #includedir/@includedir (relative
 * paths are taken relative to the including file's directory; includedir
 * skips names ending in '~' or containing '.'), Defaults, the four alias
 * kinds, and user specifications with runas lists, tags (which persist along
 * a command list, as in sudo), options and digests. Includes are read through
 * rp_root_* so they stay inside the audited root; nesting is limited and
 * include loops are reported with the file:line of the include. Malformed
 * lines go to the diag as "path:line: ..." and are skipped, as sudo's own
 * error recovery does. Every rule keeps the file:line it came from. */
#ifndef RP_PARSE_SUDOERS_H
#define RP_PARSE_SUDOERS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/rootfs.h"

#define RP_SUDOERS_MAX_DEPTH 16			/* include nesting */
#define RP_SUDOERS_MAX_FILES 512		/* files read in one load */
#define RP_SUDOERS_MAX_ITEMS 100000		/* rules, aliases and defaults together */
#define RP_SUDOERS_MAX_BYTES ((size_t)64 << 20) /* read over all files of one load */

/* Tags (sudoers(5) Tag_Spec). */
enum {
	RP_SUDO_TAG_NOPASSWD = 1u << 0,
	RP_SUDO_TAG_NOEXEC = 1u << 1,
	RP_SUDO_TAG_SETENV = 1u << 2,
	RP_SUDO_TAG_NOLOG_INPUT = 1u << 3,
	RP_SUDO_TAG_NOLOG_OUTPUT = 1u << 4,
	RP_SUDO_TAG_NOMAIL = 1u << 5,
	RP_SUDO_TAG_NOFOLLOW = 1u << 6,
	RP_SUDO_TAG_NOINTERCEPT = 1u << 7,
};

/* A runas spec "(users : groups)"; commands of a rule share them. */
struct rp_sudo_runas {
	char *text; /* between the parentheses, as written: "ALL:ALL" */
	struct rp_strlist users, groups;
};

/* One command of a command list, with the runas spec and tags in effect. */
struct rp_sudo_cmnd {
	char *text;   /* as written, escapes removed: "/usr/bin/apt update", "ALL", "SHUTDOWN" */
	bool negated; /* "!cmd" */
	unsigned tags;
	int runas; /* index into the rule's runas, -1 when none was given (root) */
	/* Set after parsing, by alias expansion: */
	bool all;     /* the command is ALL, or a Cmnd_Alias that includes ALL */
	bool as_root; /* it may run as root (no runas spec, or one allowing root/ALL) */
};

/* A user specification, one per host part ("u h1 = c1 : h2 = c2" gives two). */
struct rp_sudo_rule {
	char *file;
	unsigned line;
	struct rp_strlist users; /* as written: "%sudo", "bob", "#0", "ADMINS", "!eve", "ALL" */
	struct rp_strlist who;	 /* users with User_Alias expanded; '!' kept */
	struct rp_strlist hosts; /* as written */
	struct rp_sudo_cmnd *cmnds;
	size_t ncmnds, capcmnds;
	struct rp_sudo_runas *runas;
	size_t nrunas, caprunas;
};

enum rp_sudo_alias_kind { RP_SUDO_USER_ALIAS, RP_SUDO_RUNAS_ALIAS, RP_SUDO_HOST_ALIAS, RP_SUDO_CMND_ALIAS };

struct rp_sudo_alias {
	enum rp_sudo_alias_kind kind;
	char *name;
	struct rp_strlist members; /* as written, '!' kept */
	char *file;
	unsigned line;
};

/* One parameter of a Defaults line ("Defaults:%adm !authenticate, env_keep+=X"
 * gives two, sharing binding). */
struct rp_sudo_default {
	char *file;
	unsigned line;
	char binding;		   /* 0 global, '@' host, ':' user, '!' command, '>' runas */
	struct rp_strlist targets; /* the binding list as written */
	struct rp_strlist who;	   /* for ':' bindings, users with User_Alias expanded */
	char *name;
	bool negated; /* "!name" (odd number of '!') */
	char op;      /* 0 (flag), '=', '+', '-' */
	char *value;  /* NULL for a flag */
};

/* A file that was read, or that an include named and could not be read. */
struct rp_sudo_file {
	char *path;
	int status; /* RP_OK, or the rp_err of reading it */
	bool have_stat;
	unsigned mode; /* st_mode */
	long uid, gid;
	unsigned long long dev, ino; /* identity, when have_stat */
	char *from;		     /* including file, NULL for the top one */
	unsigned from_line;
};

struct rp_sudoers {
	struct rp_sudo_rule *rules;
	size_t nrules, caprules;
	struct rp_sudo_alias *aliases;
	size_t naliases, capaliases;
	struct rp_sudo_default *defaults;
	size_t ndefaults, capdefaults;
	struct rp_sudo_file *files;
	size_t nfiles, capfiles;
	size_t errors; /* lines reported and skipped */
};

/* Reads path inside root and everything it includes into s (zeroed or
 * freshly freed). Returns the status of reading path itself (RP_ERR_NOTFOUND
 * when absent, RP_ERR_ACCESS, ...); problems in its content or in included
 * files go to diag and s->files. */
int rp_sudoers_load(struct rp_sudoers *s, const struct rp_root *root, const char *path, struct rp_diag *diag);
/* Parses data (len bytes) as file path. Includes are read through root, or,
 * when root is NULL, reported and skipped. Returns 0 or RP_ERR_NOMEM. */
int rp_sudoers_parse(struct rp_sudoers *s, const struct rp_root *root, const char *path, const char *data,
		     size_t len, struct rp_diag *diag);
void rp_sudoers_free(struct rp_sudoers *s);

const struct rp_sudo_alias *rp_sudoers_find_alias(const struct rp_sudoers *s, enum rp_sudo_alias_kind kind,
						  const char *name);

#endif
