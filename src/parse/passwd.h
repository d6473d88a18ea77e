/* Parsers of the local account databases: /etc/passwd, /etc/shadow,
 * /etc/group (passwd(5), shadow(5), group(5)) and the few /etc/login.defs
 * keys the account checks need. They work on a buffer, are bounded (line
 * length, field counts, entry count), report malformed lines to the diag as
 * "path:line: ..." and skip them. Password hashes are never kept: only what
 * kind of value the field held and, for hashes, the crypt(5) scheme. */
#ifndef RP_PARSE_PASSWD_H
#define RP_PARSE_PASSWD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* Most entries kept per file; further lines are reported and dropped. */
#define RP_ACCOUNTS_MAX_ENTRIES ((size_t)1 << 20)

/* What a password field holds. */
enum rp_pw_kind {
	RP_PW_EMPTY,	/* "": no password at all */
	RP_PW_SHADOWED, /* "x" in passwd/group: the real one is in shadow/gshadow */
	RP_PW_LOCKED,	/* starts with '!' or '*' (including "!", "*", "!*", "!$6$...") */
	RP_PW_HASH,	/* a crypt(5) hash that can be used to log in */
	RP_PW_OTHER,	/* anything else: unusable for login, but not a known form */
};

/* crypt(5) hashing schemes, by prefix. */
enum rp_hash_scheme {
	RP_HASH_NONE,	  /* no hash (empty, "x", "*", "!") */
	RP_HASH_DES,	  /* 13 characters of [./0-9A-Za-z] */
	RP_HASH_BSDI,	  /* "_" BSDi extended DES */
	RP_HASH_MD5,	  /* "$1$" md5crypt */
	RP_HASH_SUNMD5,	  /* "$md5" */
	RP_HASH_NT,	  /* "$3$" NTHASH */
	RP_HASH_SHA1,	  /* "$sha1$" */
	RP_HASH_SHA256,	  /* "$5$" */
	RP_HASH_SHA512,	  /* "$6$" */
	RP_HASH_BCRYPT,	  /* "$2a$", "$2b$", "$2x$", "$2y$" */
	RP_HASH_SCRYPT,	  /* "$7$" */
	RP_HASH_YESCRYPT, /* "$y$" */
	RP_HASH_GOST,	  /* "$gy$" gost-yescrypt */
	RP_HASH_UNKNOWN,  /* looks like a hash, scheme not known */
};

/* Classifies a password field of n bytes; *scheme gets the hash scheme (for a
 * locked hash, the scheme under the '!'). */
enum rp_pw_kind rp_pw_classify(const char *s, size_t n, enum rp_hash_scheme *scheme);
/* "sha512crypt", "md5crypt", ... */
const char *rp_hash_scheme_name(enum rp_hash_scheme s);
/* True for schemes libxcrypt's crypt(5) lists as not acceptable for new
 * hashes: DES, BSDi, md5crypt, SunMD5, NTHASH, sha1crypt. */
bool rp_hash_scheme_weak(enum rp_hash_scheme s);
const char *rp_pw_kind_name(enum rp_pw_kind k);

/* One /etc/passwd line. NIS compat lines ("+", "+name", "-name", "+@net",
 * "-@net") keep the name as written (with the sign) and nis set; their
 * numeric fields are -1 when empty. */
struct rp_passwd_ent {
	char *name;
	enum rp_pw_kind pw;
	enum rp_hash_scheme scheme;
	long uid, gid;
	char *gecos, *home, *shell;
	unsigned line;
	bool nis;
};

struct rp_passwd {
	struct rp_passwd_ent *v;
	size_t n, cap;
	size_t nis; /* how many NIS compat lines */
};

/* One /etc/shadow line. Numeric fields are -1 when empty. */
struct rp_shadow_ent {
	char *name;
	enum rp_pw_kind pw;
	enum rp_hash_scheme scheme;
	long lastchg, min, max, warn, inactive, expire;
	unsigned line;
	bool nis;
};

struct rp_shadow {
	struct rp_shadow_ent *v;
	size_t n, cap;
	size_t nis;
};

/* One /etc/group line. */
struct rp_group_ent {
	char *name;
	enum rp_pw_kind pw;
	long gid;
	struct rp_strlist members;
	unsigned line;
	bool nis;
};

struct rp_group {
	struct rp_group_ent *v;
	size_t n, cap;
	size_t nis;
};

/* The login.defs keys the checks use; -1 (or NULL) when the key is absent. */
struct rp_login_defs {
	long uid_min, uid_max, sys_uid_max;
	unsigned uid_min_line, uid_max_line;
	char *encrypt_method; /* as written, e.g. "SHA512" */
	unsigned encrypt_method_line;
};

/* Parse data (len bytes, not necessarily NUL terminated) named path in
 * messages into out, which must be zeroed or freshly freed. Malformed lines
 * go to diag and are skipped. Returns 0, RP_ERR_BINARY for binary data (out
 * stays empty), or RP_ERR_NOMEM. */
int rp_passwd_parse(const char *path, const char *data, size_t len, struct rp_passwd *out,
		    struct rp_diag *diag);
int rp_shadow_parse(const char *path, const char *data, size_t len, struct rp_shadow *out,
		    struct rp_diag *diag);
int rp_group_parse(const char *path, const char *data, size_t len, struct rp_group *out,
		   struct rp_diag *diag);
int rp_login_defs_parse(const char *path, const char *data, size_t len, struct rp_login_defs *out,
			struct rp_diag *diag);

void rp_passwd_free(struct rp_passwd *p);
void rp_shadow_free(struct rp_shadow *s);
void rp_group_free(struct rp_group *g);
void rp_login_defs_free(struct rp_login_defs *d);

/* Lookups by exact name (NIS lines excluded); NULL when absent. */
const struct rp_passwd_ent *rp_passwd_find(const struct rp_passwd *p, const char *name);
const struct rp_shadow_ent *rp_shadow_find(const struct rp_shadow *s, const char *name);
const struct rp_group_ent *rp_group_find(const struct rp_group *g, const char *name);
const struct rp_group_ent *rp_group_find_gid(const struct rp_group *g, long gid);

#endif
