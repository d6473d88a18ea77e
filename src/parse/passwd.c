#include "parse/passwd.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/lines.h"

#define MAX_FIELDS 9
/* Longest numeric field we look at ("4294967295" and some slack). */
#define NUM_MAX 32

struct field {
	const char *p;
	size_t n;
};

static const char *const kind_names[] = {"empty", "shadowed", "locked", "hash", "other"};
static const char *const scheme_names[] = {
    "none",	   "des",	  "bsdi-des", "md5crypt", "sunmd5",   "nthash",	       "sha1crypt",
    "sha256crypt", "sha512crypt", "bcrypt",   "scrypt",	  "yescrypt", "gost-yescrypt", "unknown",
};

const char *rp_pw_kind_name(enum rp_pw_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[k] : "unknown";
}

const char *rp_hash_scheme_name(enum rp_hash_scheme s)
{
	return (unsigned)s < sizeof(scheme_names) / sizeof(scheme_names[0]) ? scheme_names[s] : "unknown";
}

bool rp_hash_scheme_weak(enum rp_hash_scheme s)
{
	switch (s) {
	case RP_HASH_DES:
	case RP_HASH_BSDI:
	case RP_HASH_MD5:
	case RP_HASH_SUNMD5:
	case RP_HASH_NT:
	case RP_HASH_SHA1:
		return true;
	default:
		return false;
	}
}

static bool has_prefix(const char *s, size_t n, const char *pfx)
{
	size_t l = strlen(pfx);

	return n >= l && memcmp(s, pfx, l) == 0;
}

static bool is_b64(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
	       c == '/';
}

static enum rp_hash_scheme scheme_of(const char *s, size_t n)
{
	static const struct {
		const char *pfx;
		enum rp_hash_scheme s;
	} tab[] = {
	    {"$1$", RP_HASH_MD5},     {"$md5", RP_HASH_SUNMD5}, {"$3$", RP_HASH_NT},
	    {"$sha1$", RP_HASH_SHA1}, {"$5$", RP_HASH_SHA256},	{"$6$", RP_HASH_SHA512},
	    {"$2a$", RP_HASH_BCRYPT}, {"$2b$", RP_HASH_BCRYPT}, {"$2x$", RP_HASH_BCRYPT},
	    {"$2y$", RP_HASH_BCRYPT}, {"$7$", RP_HASH_SCRYPT},	{"$y$", RP_HASH_YESCRYPT},
	    {"$gy$", RP_HASH_GOST},
	};
	bool b64 = true;

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (has_prefix(s, n, tab[i].pfx))
			return tab[i].s;
	if (n == 20 && s[0] == '_')
		return RP_HASH_BSDI;
	for (size_t i = 0; i < n; i++)
		b64 = b64 && is_b64(s[i]);
	if (n == 13 && b64)
		return RP_HASH_DES;
	if (n > 0 && s[0] == '$')
		return RP_HASH_UNKNOWN;
	return RP_HASH_NONE;
}

enum rp_pw_kind rp_pw_classify(const char *s, size_t n, enum rp_hash_scheme *scheme)
{
	*scheme = RP_HASH_NONE;
	if (n == 0)
		return RP_PW_EMPTY;
	if (n == 1 && s[0] == 'x')
		return RP_PW_SHADOWED;
	if (s[0] == '!' || s[0] == '*') {
		size_t i = 0;
		while (i < n && (s[i] == '!' || s[i] == '*'))
			i++;
		*scheme = scheme_of(s + i, n - i);
		return RP_PW_LOCKED;
	}
	*scheme = scheme_of(s, n);
	return *scheme == RP_HASH_NONE ? RP_PW_OTHER : RP_PW_HASH;
}

/* Splits line on ':' into at most max fields; returns the number of fields
 * found, or max + 1 when there are more. */
static size_t split_fields(const char *line, size_t len, struct field *f, size_t max)
{
	size_t nf = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != ':')
			continue;
		if (nf == max)
			return max + 1;
		f[nf].p = line + start;
		f[nf].n = i - start;
		nf++;
		start = i + 1;
	}
	return nf;
}

static char *fdup(const struct field *f)
{
	return strndup(f->p, f->n);
}

/* Parses a numeric field: empty gives -1 when allow_empty, else an error. */
static int parse_num(const struct field *f, bool allow_empty, long min, long max, long *out)
{
	char tmp[NUM_MAX + 1];

	*out = -1;
	if (f->n == 0)
		return allow_empty ? RP_OK : RP_ERR_PARSE;
	if (f->n > NUM_MAX || f->p[0] < '0' || f->p[0] > '9')
		return RP_ERR_PARSE;
	memcpy(tmp, f->p, f->n);
	tmp[f->n] = '\0';
	return rp_parse_long(tmp, min, max, out);
}

/* Common line handling: returns false for lines to skip (blank, comment,
 * too long, NUL bytes; the latter two reported). */
static bool usable_line(const char *path, struct rp_lines *it, const char *line, size_t len, bool too_long,
			struct rp_diag *diag)
{
	size_t i = 0;

	if (too_long) {
		rp_diag_add(diag, path, it->lineno, "line longer than %zu bytes, skipped", it->max_line);
		return false;
	}
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] == '#')
		return false;
	if (memchr(line, '\0', len) != NULL) {
		rp_diag_add(diag, path, it->lineno, "NUL byte in line, skipped");
		return false;
	}
	return true;
}

#define UID_LIMIT ((long)UINT32_MAX)

/* Grows a vector of entries of size sz; returns the new slot or NULL. */
static void *grow_vec(void **v, size_t *n, size_t *cap, size_t sz)
{
	void *nv;
	size_t ncap;

	if (*n == *cap) {
		ncap = *cap ? *cap * 2 : 32;
		nv = realloc(*v, ncap * sz);
		if (nv == NULL)
			return NULL;
		*v = nv;
		*cap = ncap;
	}
	return (char *)*v + (*n)++ * sz;
}

static bool is_nis(const char *line, size_t len)
{
	return len > 0 && (line[0] == '+' || line[0] == '-');
}

static void passwd_ent_free(struct rp_passwd_ent *e)
{
	free(e->name);
	free(e->gecos);
	free(e->home);
	free(e->shell);
}

static int passwd_line(const char *path, unsigned lineno, const char *line, size_t len, struct rp_passwd *out,
		       struct rp_diag *diag)
{
	struct field f[MAX_FIELDS];
	struct rp_passwd_ent e = {0}, *slot;
	size_t nf = split_fields(line, len, f, 7);
	bool nis = is_nis(line, len);

	if (!nis && nf != 7) {
		rp_diag_add(diag, path, lineno, "%zu fields instead of 7, skipped", nf > 7 ? (size_t)8 : nf);
		return RP_OK;
	}
	if (nis && nf > 7) {
		rp_diag_add(diag, path, lineno, "more than 7 fields, skipped");
		return RP_OK;
	}
	if (f[0].n == 0) {
		rp_diag_add(diag, path, lineno, "empty user name, skipped");
		return RP_OK;
	}
	e.line = lineno;
	e.nis = nis;
	e.uid = e.gid = -1;
	e.pw = nf > 1 ? rp_pw_classify(f[1].p, f[1].n, &e.scheme) : RP_PW_OTHER;
	if (nf > 2 && parse_num(&f[2], nis, 0, UID_LIMIT, &e.uid) != RP_OK) {
		rp_diag_add(diag, path, lineno, "bad UID, skipped");
		return RP_OK;
	}
	if (nf > 3 && parse_num(&f[3], nis, 0, UID_LIMIT, &e.gid) != RP_OK) {
		rp_diag_add(diag, path, lineno, "bad GID, skipped");
		return RP_OK;
	}
	if (nis && nf < 2)
		e.pw = RP_PW_OTHER; /* "+name" alone: the password comes from NIS */
	if (out->n >= RP_ACCOUNTS_MAX_ENTRIES) {
		rp_diag_add(diag, path, lineno, "more than %zu entries, rest ignored",
			    RP_ACCOUNTS_MAX_ENTRIES);
		return RP_ERR_TOO_LARGE;
	}
	e.name = fdup(&f[0]);
	e.gecos = nf > 4 ? fdup(&f[4]) : strdup("");
	e.home = nf > 5 ? fdup(&f[5]) : strdup("");
	e.shell = nf > 6 ? fdup(&f[6]) : strdup("");
	if (e.name == NULL || e.gecos == NULL || e.home == NULL || e.shell == NULL)
		goto nomem;
	slot = grow_vec((void **)&out->v, &out->n, &out->cap, sizeof(*out->v));
	if (slot == NULL)
		goto nomem;
	*slot = e; /* transferred */
	if (nis)
		out->nis++;
	return RP_OK;
nomem:
	passwd_ent_free(&e);
	return RP_ERR_NOMEM;
}

/* Runs fn over the usable lines of data. A RP_ERR_TOO_LARGE from fn stops
 * the walk quietly (already reported). */
static int walk(const char *path, const char *data, size_t len, void *out, struct rp_diag *diag,
		int (*fn)(const char *, unsigned, const char *, size_t, void *, struct rp_diag *))
{
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;
	int ret;

	if (data == NULL)
		len = 0;
	if (len > 0 && rp_text_is_binary(data, len)) {
		rp_diag_add(diag, path, 0, "binary data, not parsed");
		return RP_ERR_BINARY;
	}
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (rp_lines_next(&it, &line, &n, &too_long)) {
		if (!usable_line(path, &it, line, n, too_long, diag))
			continue;
		ret = fn(path, it.lineno, line, n, out, diag);
		if (ret == RP_ERR_TOO_LARGE)
			break;
		if (ret != RP_OK)
			return ret;
	}
	return RP_OK;
}

static int passwd_cb(const char *path, unsigned lineno, const char *line, size_t len, void *out,
		     struct rp_diag *diag)
{
	return passwd_line(path, lineno, line, len, out, diag);
}

int rp_passwd_parse(const char *path, const char *data, size_t len, struct rp_passwd *out,
		    struct rp_diag *diag)
{
	return walk(path, data, len, out, diag, passwd_cb);
}

static int shadow_cb(const char *path, unsigned lineno, const char *line, size_t len, void *vout,
		     struct rp_diag *diag)
{
	static const char *const names[] = {"last change",    "minimum age",	   "maximum age",
					    "warning period", "inactivity period", "expiry"};
	struct rp_shadow *out = vout;
	struct field f[MAX_FIELDS];
	struct rp_shadow_ent e = {0}, *slot;
	size_t nf = split_fields(line, len, f, 9);
	bool nis = is_nis(line, len);
	long *nums[] = {&e.lastchg, &e.min, &e.max, &e.warn, &e.inactive, &e.expire};

	if (!nis && nf != 9) {
		rp_diag_add(diag, path, lineno, "%zu fields instead of 9, skipped", nf > 9 ? (size_t)10 : nf);
		return RP_OK;
	}
	if (nis && nf > 9) {
		rp_diag_add(diag, path, lineno, "more than 9 fields, skipped");
		return RP_OK;
	}
	if (f[0].n == 0) {
		rp_diag_add(diag, path, lineno, "empty user name, skipped");
		return RP_OK;
	}
	e.line = lineno;
	e.nis = nis;
	e.pw = nf > 1 ? rp_pw_classify(f[1].p, f[1].n, &e.scheme) : RP_PW_OTHER;
	for (size_t i = 0; i < 6; i++) {
		*nums[i] = -1;
		/* shadow(5) allows empty numeric fields; negative values are not valid */
		if (nf > i + 2 && parse_num(&f[i + 2], true, 0, LONG_MAX, nums[i]) != RP_OK) {
			rp_diag_add(diag, path, lineno, "bad %s field, skipped", names[i]);
			return RP_OK;
		}
	}
	if (out->n >= RP_ACCOUNTS_MAX_ENTRIES) {
		rp_diag_add(diag, path, lineno, "more than %zu entries, rest ignored",
			    RP_ACCOUNTS_MAX_ENTRIES);
		return RP_ERR_TOO_LARGE;
	}
	if ((e.name = fdup(&f[0])) == NULL)
		return RP_ERR_NOMEM;
	slot = grow_vec((void **)&out->v, &out->n, &out->cap, sizeof(*out->v));
	if (slot == NULL) {
		free(e.name);
		return RP_ERR_NOMEM;
	}
	*slot = e; /* transferred */
	if (nis)
		out->nis++;
	return RP_OK;
}

int rp_shadow_parse(const char *path, const char *data, size_t len, struct rp_shadow *out,
		    struct rp_diag *diag)
{
	return walk(path, data, len, out, diag, shadow_cb);
}

static int group_cb(const char *path, unsigned lineno, const char *line, size_t len, void *vout,
		    struct rp_diag *diag)
{
	struct rp_group *out = vout;
	struct field f[MAX_FIELDS];
	struct rp_group_ent e = {0}, *slot;
	size_t nf = split_fields(line, len, f, 4);
	bool nis = is_nis(line, len);
	enum rp_hash_scheme scheme;
	int ret = RP_ERR_NOMEM;

	if (!nis && nf != 4) {
		rp_diag_add(diag, path, lineno, "%zu fields instead of 4, skipped", nf > 4 ? (size_t)5 : nf);
		return RP_OK;
	}
	if (nis && nf > 4) {
		rp_diag_add(diag, path, lineno, "more than 4 fields, skipped");
		return RP_OK;
	}
	if (f[0].n == 0) {
		rp_diag_add(diag, path, lineno, "empty group name, skipped");
		return RP_OK;
	}
	e.line = lineno;
	e.nis = nis;
	e.gid = -1;
	e.pw = nf > 1 ? rp_pw_classify(f[1].p, f[1].n, &scheme) : RP_PW_OTHER;
	if (nf > 2 && parse_num(&f[2], nis, 0, UID_LIMIT, &e.gid) != RP_OK) {
		rp_diag_add(diag, path, lineno, "bad GID, skipped");
		return RP_OK;
	}
	if (out->n >= RP_ACCOUNTS_MAX_ENTRIES) {
		rp_diag_add(diag, path, lineno, "more than %zu entries, rest ignored",
			    RP_ACCOUNTS_MAX_ENTRIES);
		return RP_ERR_TOO_LARGE;
	}
	if ((e.name = fdup(&f[0])) == NULL)
		goto out;
	if (nf > 3) {
		const char *p = f[3].p, *end = f[3].p + f[3].n;
		while (p < end) {
			const char *c = memchr(p, ',', (size_t)(end - p));
			size_t n = c ? (size_t)(c - p) : (size_t)(end - p);
			if (n > 0 && rp_strlist_take(&e.members, strndup(p, n)) != RP_OK)
				goto out;
			p += n + 1;
		}
	}
	slot = grow_vec((void **)&out->v, &out->n, &out->cap, sizeof(*out->v));
	if (slot == NULL)
		goto out;
	*slot = e; /* transferred */
	memset(&e, 0, sizeof(e));
	if (nis)
		out->nis++;
	ret = RP_OK;
out:
	free(e.name);
	rp_strlist_clear(&e.members);
	return ret;
}

int rp_group_parse(const char *path, const char *data, size_t len, struct rp_group *out, struct rp_diag *diag)
{
	return walk(path, data, len, out, diag, group_cb);
}

static int defs_cb(const char *path, unsigned lineno, const char *line, size_t len, void *vout,
		   struct rp_diag *diag)
{
	struct rp_login_defs *out = vout;
	const char *end = line + len, *k = line, *v;
	size_t kn, vn;
	long num;
	char tmp[NUM_MAX + 1];

	while (k < end && (*k == ' ' || *k == '\t'))
		k++;
	v = k;
	while (v < end && *v != ' ' && *v != '\t')
		v++;
	kn = (size_t)(v - k);
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end - v >= 2 && *v == '"' && end[-1] == '"') {
		v++;
		end--;
	}
	vn = (size_t)(end - v);
	if (kn == 14 && memcmp(k, "ENCRYPT_METHOD", 14) == 0) {
		free(out->encrypt_method);
		if ((out->encrypt_method = strndup(v, vn)) == NULL)
			return RP_ERR_NOMEM;
		out->encrypt_method_line = lineno;
		return RP_OK;
	}
	if (!(kn == 7 && (memcmp(k, "UID_MIN", 7) == 0 || memcmp(k, "UID_MAX", 7) == 0)) &&
	    !(kn == 11 && memcmp(k, "SYS_UID_MAX", 11) == 0))
		return RP_OK;
	if (vn == 0 || vn > NUM_MAX) {
		rp_diag_add(diag, path, lineno, "bad value for %.*s, ignored", (int)kn, k);
		return RP_OK;
	}
	memcpy(tmp, v, vn);
	tmp[vn] = '\0';
	if (rp_parse_long(tmp, 0, UID_LIMIT, &num) != RP_OK) {
		rp_diag_add(diag, path, lineno, "bad value for %.*s, ignored", (int)kn, k);
		return RP_OK;
	}
	if (kn == 11) {
		out->sys_uid_max = num;
	} else if (k[5] == 'I') {
		out->uid_min = num;
		out->uid_min_line = lineno;
	} else {
		out->uid_max = num;
		out->uid_max_line = lineno;
	}
	return RP_OK;
}

int rp_login_defs_parse(const char *path, const char *data, size_t len, struct rp_login_defs *out,
			struct rp_diag *diag)
{
	out->uid_min = out->uid_max = out->sys_uid_max = -1;
	return walk(path, data, len, out, diag, defs_cb);
}

void rp_passwd_free(struct rp_passwd *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++)
		passwd_ent_free(&p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void rp_shadow_free(struct rp_shadow *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void rp_group_free(struct rp_group *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n; i++) {
		free(g->v[i].name);
		rp_strlist_clear(&g->v[i].members);
	}
	free(g->v);
	memset(g, 0, sizeof(*g));
}

void rp_login_defs_free(struct rp_login_defs *d)
{
	if (d == NULL)
		return;
	free(d->encrypt_method);
	memset(d, 0, sizeof(*d));
	d->uid_min = d->uid_max = d->sys_uid_max = -1;
}

const struct rp_passwd_ent *rp_passwd_find(const struct rp_passwd *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!p->v[i].nis && strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	return NULL;
}

const struct rp_shadow_ent *rp_shadow_find(const struct rp_shadow *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!s->v[i].nis && strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

const struct rp_group_ent *rp_group_find(const struct rp_group *g, const char *name)
{
	for (size_t i = 0; i < g->n; i++)
		if (!g->v[i].nis && strcmp(g->v[i].name, name) == 0)
			return &g->v[i];
	return NULL;
}

const struct rp_group_ent *rp_group_find_gid(const struct rp_group *g, long gid)
{
	for (size_t i = 0; i < g->n; i++)
		if (!g->v[i].nis && g->v[i].gid == gid)
			return &g->v[i];
	return NULL;
}
