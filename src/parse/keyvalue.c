#include "parse/keyvalue.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/lines.h"

/* Longest argument or key kept; longer ones are cut (values we judge are short). */
#define TOKEN_MAX 4096
#define MAX_ARGS 256

void rp_kv_problem(struct rp_kv_config *cfg, struct rp_diag *diag, const char *path, unsigned line, int err,
		   const char *fmt, ...)
{
	struct rp_kv_problem *p;
	struct rp_buf b;
	va_list ap;
	char *msg;

	rp_buf_init(&b, 2048);
	va_start(ap, fmt);
	rp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	msg = rp_strndup_printable(b.data ? b.data : "", b.len);
	rp_buf_free(&b);
	if (msg == NULL)
		return;
	rp_diag_add(diag, path, line, "%s", msg);
	if (cfg->nproblems >= RP_KV_MAX_PROBLEMS) {
		free(msg);
		return;
	}
	if (cfg->nproblems == cfg->capproblems) {
		size_t nc = cfg->capproblems ? cfg->capproblems * 2 : 8;
		struct rp_kv_problem *nv = realloc(cfg->problems, nc * sizeof(*nv));
		if (nv == NULL) {
			free(msg);
			return;
		}
		cfg->problems = nv;
		cfg->capproblems = nc;
	}
	p = &cfg->problems[cfg->nproblems];
	p->path = rp_strdup(path);
	p->line = line;
	p->msg = msg;
	p->err = err;
	cfg->nproblems++;
}

static int add_entry(struct rp_kv_config *cfg, const char *key, const char *value, const char *section,
		     const char *path, unsigned line, const char *text, size_t textlen)
{
	struct rp_kv_entry *e;

	if (cfg->n >= RP_KV_MAX_ENTRIES)
		return RP_ERR_TOO_LARGE;
	if (cfg->n == cfg->cap) {
		size_t nc = cfg->cap ? cfg->cap * 2 : 32;
		struct rp_kv_entry *nv = realloc(cfg->v, nc * sizeof(*nv));
		if (nv == NULL)
			return RP_ERR_NOMEM;
		cfg->v = nv;
		cfg->cap = nc;
	}
	e = &cfg->v[cfg->n];
	memset(e, 0, sizeof(*e));
	e->key = rp_strdup(key);
	e->value = rp_strndup_printable(value, strlen(value));
	e->section = rp_strdup(section);
	e->text = rp_strndup_printable(text, textlen > 512 ? 512 : textlen);
	e->path = rp_strdup(path);
	e->line = line;
	cfg->n++;
	if (!e->key || !e->value || (section && !e->section) || !e->text || !e->path)
		return RP_ERR_NOMEM;
	return RP_OK;
}

static bool is_sp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* An include target relative to the directory of the including file. */
static char *resolve(const char *from, const char *target)
{
	char *dir, *p;

	if (target[0] == '/')
		return strdup(target);
	if ((dir = dir_of(from)) == NULL)
		return NULL;
	p = rp_path_join(dir, target);
	free(dir);
	return p;
}

struct pstate {
	struct rp_kv_config *cfg;
	enum rp_kv_dialect d;
	const struct rp_kv_io *io;
	struct rp_diag *diag;
	char *section; /* my.cnf: current section */
};

static int parse_buf(struct pstate *ps, const char *path, const char *data, size_t len);

/* Reads and parses one included file. missing_ok: include_if_exists. */
static int include_file(struct pstate *ps, const char *from, unsigned line, const char *target, bool missing_ok)
{
	struct rp_kv_config *cfg = ps->cfg;
	struct rp_buf buf;
	char *path = NULL, *saved = NULL;
	int ret = RP_OK;

	rp_buf_init(&buf, RP_FILE_MAX);
	if ((path = resolve(from, target)) == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	if (ps->io == NULL) {
		rp_kv_problem(cfg, ps->diag, from, line, RP_ERR_UNSUPPORTED, "include %s: includes not followed", path);
		goto out;
	}
	for (unsigned i = 0; i < cfg->depth; i++)
		if (strcmp(cfg->stack[i], path) == 0) {
			rp_kv_problem(cfg, ps->diag, from, line, RP_ERR_LOOP,
				      "include loop: %s is already being read", path);
			goto out;
		}
	if (cfg->depth >= RP_KV_MAX_DEPTH) {
		rp_kv_problem(cfg, ps->diag, from, line, RP_ERR_LOOP, "include %s: nested more than %d deep", path,
			      RP_KV_MAX_DEPTH);
		goto out;
	}
	if (cfg->files.n >= RP_KV_MAX_FILES) {
		rp_kv_problem(cfg, ps->diag, from, line, RP_ERR_TOO_LARGE, "include %s: more than %d files",
			      path, RP_KV_MAX_FILES);
		goto out;
	}
	ret = ps->io->read(ps->io->ctx, path, &buf);
	if (ret != RP_OK) {
		if (!(missing_ok && ret == RP_ERR_NOTFOUND))
			rp_kv_problem(cfg, ps->diag, from, line, ret, "include %s: %s", path, rp_strerror(ret));
		ret = ret == RP_ERR_NOMEM ? ret : RP_OK;
		goto out;
	}
	if (cfg->total_read + buf.len > RP_KV_MAX_TOTAL) {
		rp_kv_problem(cfg, ps->diag, from, line, RP_ERR_TOO_LARGE, "include %s: over the total read limit",
			      path);
		goto out;
	}
	/* my.cnf: an included file starts outside any group, as mysys'
	 * search_default_file_with_ext() reads it with fresh state */
	saved = ps->section;
	ps->section = NULL;
	ret = parse_buf(ps, path, buf.data ? buf.data : "", buf.len);
	if (ret == RP_ERR_BINARY)
		ret = RP_OK;
	free(ps->section);
	ps->section = saved;
	saved = NULL;
out:
	free(saved);
	free(path);
	rp_buf_free(&buf);
	return ret;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

static int include_dir(struct pstate *ps, const char *from, unsigned line, const char *target, const char *suffix,
		       bool missing_ok)
{
	struct rp_strlist names = {0};
	char *dir = NULL;
	int ret = RP_OK;

	if ((dir = resolve(from, target)) == NULL)
		return RP_ERR_NOMEM;
	if (ps->io == NULL) {
		rp_kv_problem(ps->cfg, ps->diag, from, line, RP_ERR_UNSUPPORTED, "include %s: includes not followed",
			      dir);
		goto out;
	}
	ret = ps->io->list(ps->io->ctx, dir, &names);
	if (ret != RP_OK) {
		if (!(missing_ok && ret == RP_ERR_NOTFOUND))
			rp_kv_problem(ps->cfg, ps->diag, from, line, ret, "include directory %s: %s", dir,
				      rp_strerror(ret));
		ret = ret == RP_ERR_NOMEM ? ret : RP_OK;
		goto out;
	}
	for (size_t i = 0; i < names.n && ret == RP_OK; i++) {
		char *p;
		if (names.v[i][0] == '.' || !has_suffix(names.v[i], suffix))
			continue;
		if ((p = rp_path_join(dir, names.v[i])) == NULL) {
			ret = RP_ERR_NOMEM;
			break;
		}
		ret = include_file(ps, from, line, p, false);
		free(p);
	}
out:
	rp_strlist_clear(&names);
	free(dir);
	return ret;
}

/* Copies s[0..n) into a NUL-terminated token buffer of TOKEN_MAX. */
static void tok_set(char *tok, const char *s, size_t n)
{
	if (n >= TOKEN_MAX)
		n = TOKEN_MAX - 1;
	memcpy(tok, s, n);
	tok[n] = '\0';
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* postgresql.conf (guc-file.l): name [=] value [# comment]. */
static int pg_line(struct pstate *ps, const char *path, unsigned lineno, const char *s, size_t len)
{
	char key[TOKEN_MAX];
	struct rp_buf val;
	size_t i = 0, ks;
	int ret = RP_OK;

	rp_buf_init(&val, TOKEN_MAX);
	while (i < len && is_sp(s[i]))
		i++;
	if (i >= len || s[i] == '#')
		goto out;
	ks = i;
	if (!(isalpha((unsigned char)s[i]) || s[i] == '_')) {
		rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "syntax error: expected a parameter name");
		goto out;
	}
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '-'))
		i++;
	tok_set(key, s + ks, i - ks);
	lower(key);
	while (i < len && is_sp(s[i]))
		i++;
	if (i < len && s[i] == '=')
		i++;
	while (i < len && is_sp(s[i]))
		i++;
	if (i < len && s[i] == '\'') {
		bool closed = false;
		for (i++; i < len; i++) {
			if (s[i] == '\'' && i + 1 < len && s[i + 1] == '\'') {
				rp_buf_addc(&val, '\'');
				i++;
			} else if (s[i] == '\\' && i + 1 < len) {
				rp_buf_addc(&val, s[++i]);
			} else if (s[i] == '\'') {
				closed = true;
				i++;
				break;
			} else {
				rp_buf_addc(&val, s[i]);
			}
		}
		if (!closed) {
			rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE,
				      "syntax error: unterminated quoted string");
			goto out;
		}
	} else {
		size_t vs = i;
		while (i < len && !is_sp(s[i]) && s[i] != '#')
			i++;
		if (i == vs) {
			rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE,
				      "syntax error: %s has no value", key);
			goto out;
		}
		rp_buf_add(&val, s + vs, i - vs);
	}
	while (i < len && is_sp(s[i]))
		i++;
	if (i < len && s[i] != '#') {
		rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "syntax error near end of line");
		goto out;
	}
	if (strcmp(key, "include") == 0 || strcmp(key, "include_if_exists") == 0) {
		ret = include_file(ps, path, lineno, val.data ? val.data : "", key[7] != '\0');
		goto out;
	}
	if (strcmp(key, "include_dir") == 0) {
		ret = include_dir(ps, path, lineno, val.data ? val.data : "", ".conf", false);
		goto out;
	}
	ret = add_entry(ps->cfg, key, val.data ? val.data : "", NULL, path, lineno, s, len);
out:
	rp_buf_free(&val);
	return ret;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Redis' sdssplitargs: returns the number of arguments, or -1 for
 * unbalanced quotes. Arguments are added to out. */
static int split_args(const char *s, size_t len, struct rp_strlist *out)
{
	size_t i = 0;
	int n = 0;

	for (;;) {
		struct rp_buf a;
		bool inq = false, ins = false, done = false;

		while (i < len && is_sp(s[i]))
			i++;
		if (i >= len || n >= MAX_ARGS)
			return n;
		rp_buf_init(&a, TOKEN_MAX);
		while (!done) {
			char c = i < len ? s[i] : '\0';
			if (inq) {
				if (i >= len) {
					rp_buf_free(&a);
					return -1;
				}
				if (c == '\\' && i + 3 < len && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 &&
				    hexval(s[i + 3]) >= 0) {
					rp_buf_addc(&a, (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3])));
					i += 3;
				} else if (c == '\\' && i + 1 < len) {
					char e = s[++i];
					rp_buf_addc(&a, e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
				} else if (c == '"') {
					if (i + 1 < len && !is_sp(s[i + 1])) {
						rp_buf_free(&a);
						return -1;
					}
					done = true;
				} else {
					rp_buf_addc(&a, c);
				}
			} else if (ins) {
				if (i >= len) {
					rp_buf_free(&a);
					return -1;
				}
				if (c == '\\' && i + 1 < len && s[i + 1] == '\'') {
					rp_buf_addc(&a, '\'');
					i++;
				} else if (c == '\'') {
					if (i + 1 < len && !is_sp(s[i + 1])) {
						rp_buf_free(&a);
						return -1;
					}
					done = true;
				} else {
					rp_buf_addc(&a, c);
				}
			} else if (i >= len || is_sp(c)) {
				done = true;
			} else if (c == '"') {
				inq = true;
			} else if (c == '\'') {
				ins = true;
			} else {
				rp_buf_addc(&a, c);
			}
			if (i < len)
				i++;
		}
		if (rp_strlist_take(out, rp_strndup_printable(a.data ? a.data : "", a.len)) != RP_OK) {
			rp_buf_free(&a);
			return -2;
		}
		rp_buf_free(&a);
		n++;
	}
}

static int redis_line(struct pstate *ps, const char *path, unsigned lineno, const char *s, size_t len)
{
	struct rp_strlist args = {0};
	struct rp_buf val;
	size_t i = 0;
	int n, ret = RP_OK;

	rp_buf_init(&val, (size_t)TOKEN_MAX * 4);
	while (i < len && is_sp(s[i]))
		i++;
	if (i >= len || s[i] == '#')
		goto out;
	n = split_args(s + i, len - i, &args);
	if (n == -2) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	if (n < 0) {
		rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "unbalanced quotes in configuration line");
		goto out;
	}
	if (args.n == 0)
		goto out;
	lower(args.v[0]);
	for (size_t k = 1; k < args.n; k++)
		rp_buf_addf(&val, "%s%s", k > 1 ? " " : "", args.v[k]);
	if (strcmp(args.v[0], "include") == 0) {
		if (args.n != 2)
			rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "include takes one file");
		else
			ret = include_file(ps, path, lineno, args.v[1], false);
		goto out;
	}
	ret = add_entry(ps->cfg, args.v[0], val.data ? val.data : "", NULL, path, lineno, s, len);
out:
	rp_buf_free(&val);
	rp_strlist_clear(&args);
	return ret;
}

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && is_sp(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_sp((*s)[*len - 1]))
		(*len)--;
}

static int mycnf_line(struct pstate *ps, const char *path, unsigned lineno, const char *line, size_t linelen)
{
	char key[TOKEN_MAX], val[TOKEN_MAX];
	const char *s = line, *eq, *k;
	size_t len = linelen, kl, vl;

	trim(&s, &len);
	if (len == 0 || s[0] == '#' || s[0] == ';')
		return RP_OK;
	if (s[0] == '!') {
		bool dir = len > 11 && strncmp(s, "!includedir", 11) == 0 && is_sp(s[11]);
		bool file = !dir && len > 8 && strncmp(s, "!include", 8) == 0 && is_sp(s[8]);
		const char *a;
		size_t al;
		if (!dir && !file) {
			rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "unknown directive");
			return RP_OK;
		}
		a = s + (dir ? 11 : 8);
		al = len - (size_t)(a - s);
		trim(&a, &al);
		tok_set(val, a, al);
		return dir ? include_dir(ps, path, lineno, val, ".cnf", true) : include_file(ps, path, lineno, val, false);
	}
	if (s[0] == '[') {
		const char *end = memchr(s, ']', len);
		char *sec;
		if (end == NULL) {
			rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "wrong group definition: no ']'");
			return RP_OK;
		}
		k = s + 1;
		kl = (size_t)(end - k);
		trim(&k, &kl);
		tok_set(key, k, kl);
		lower(key);
		if ((sec = strdup(key)) == NULL)
			return RP_ERR_NOMEM;
		free(ps->section);
		ps->section = sec;
		return RP_OK;
	}
	if (ps->section == NULL) {
		rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "option outside of any [group]");
		return RP_OK;
	}
	eq = memchr(s, '=', len);
	k = s;
	kl = eq ? (size_t)(eq - s) : len;
	/* a bare flag may carry a comment: "skip-name-resolve # why" */
	if (eq == NULL) {
		const char *h = memchr(s, '#', len);
		if (h != NULL)
			kl = (size_t)(h - s);
	}
	trim(&k, &kl);
	tok_set(key, k, kl);
	lower(key);
	for (char *p = key; *p; p++)
		if (*p == '-')
			*p = '_';
	val[0] = '\0';
	if (eq != NULL) {
		const char *v = eq + 1;
		vl = len - (size_t)(v - s);
		trim(&v, &vl);
		if (vl > 0 && (v[0] == '"' || v[0] == '\'')) {
			const char *close = memchr(v + 1, v[0], vl - 1);
			if (close != NULL)
				vl = (size_t)(close - v) + 1;
		} else {
			for (size_t j = 0; j < vl; j++)
				if (v[j] == '#' && (j == 0 || is_sp(v[j - 1]))) {
					vl = j;
					break;
				}
			trim(&v, &vl);
		}
		if (vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0]) {
			v++;
			vl -= 2;
		}
		tok_set(val, v, vl);
	}
	if (key[0] == '\0') {
		rp_kv_problem(ps->cfg, ps->diag, path, lineno, RP_ERR_PARSE, "option without a name");
		return RP_OK;
	}
	return add_entry(ps->cfg, strncmp(key, "loose_", 6) == 0 ? key + 6 : key, val, ps->section, path, lineno,
			 line, linelen);
}

static int parse_buf(struct pstate *ps, const char *path, const char *data, size_t len)
{
	struct rp_kv_config *cfg = ps->cfg;
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;
	int ret = RP_OK;

	if (rp_strlist_add(&cfg->files, path) != RP_OK)
		return RP_ERR_NOMEM;
	cfg->total_read += len;
	if (rp_text_is_binary(data, len)) {
		rp_kv_problem(cfg, ps->diag, path, 0, RP_ERR_BINARY, "binary data, not a configuration file");
		return RP_ERR_BINARY;
	}
	cfg->stack[cfg->depth++] = path;
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ret == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		if (too_long) {
			rp_kv_problem(cfg, ps->diag, path, it.lineno, RP_ERR_TOO_LARGE,
				      "line longer than %zu bytes; ignored", (size_t)RP_LINE_MAX);
			continue;
		}
		if (memchr(line, '\0', n) != NULL) {
			rp_kv_problem(cfg, ps->diag, path, it.lineno, RP_ERR_BINARY, "NUL byte in line; ignored");
			continue;
		}
		switch (ps->d) {
		case RP_KV_PG:
			ret = pg_line(ps, path, it.lineno, line, n);
			break;
		case RP_KV_REDIS:
			ret = redis_line(ps, path, it.lineno, line, n);
			break;
		default:
			ret = mycnf_line(ps, path, it.lineno, line, n);
		}
		if (ret == RP_ERR_TOO_LARGE) {
			rp_kv_problem(cfg, ps->diag, path, it.lineno, ret, "more than %d settings; rest ignored",
				      RP_KV_MAX_ENTRIES);
			ret = RP_OK;
			break;
		}
	}
	cfg->depth--;
	return ret;
}

int rp_kv_parse(struct rp_kv_config *cfg, enum rp_kv_dialect d, const char *path, const char *data, size_t len,
		const struct rp_kv_io *io, struct rp_diag *diag)
{
	struct pstate ps = {cfg, d, io, diag, NULL};
	int ret;

	ret = parse_buf(&ps, path, data, len);
	free(ps.section);
	return ret;
}

struct root_io {
	const struct rp_root *root;
};

static int root_list(void *ctx, const char *dir, struct rp_strlist *names)
{
	const struct root_io *rio = ctx;

	return rp_root_list_dir(rio->root, dir, names);
}

static int root_read(void *ctx, const char *path, struct rp_buf *out)
{
	const struct root_io *rio = ctx;

	return rp_root_read_file(rio->root, path, RP_FILE_MAX, out);
}

int rp_kv_load(struct rp_kv_config *cfg, enum rp_kv_dialect d, const struct rp_root *root, const char *path,
	       struct rp_diag *diag)
{
	struct root_io rio = {root};
	struct rp_kv_io io = {root_list, root_read, &rio};
	struct rp_buf buf;
	int ret;

	rp_buf_init(&buf, RP_FILE_MAX);
	ret = rp_root_read_file(root, path, RP_FILE_MAX, &buf);
	if (ret == RP_OK)
		ret = rp_kv_parse(cfg, d, path, buf.data ? buf.data : "", buf.len, &io, diag);
	rp_buf_free(&buf);
	return ret;
}

const struct rp_kv_entry *rp_kv_last(const struct rp_kv_config *cfg, const char *key,
				     const char *const *sections)
{
	for (size_t i = cfg->n; i-- > 0;) {
		const struct rp_kv_entry *e = &cfg->v[i];
		bool ok = sections == NULL;
		if (strcmp(e->key, key) != 0)
			continue;
		for (const char *const *s = sections; !ok && *s; s++)
			ok = e->section != NULL && strcmp(e->section, *s) == 0;
		if (ok)
			return e;
	}
	return NULL;
}

static void problems_free(struct rp_kv_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].path);
		free(p[i].msg);
	}
	free(p);
}

void rp_kv_config_free(struct rp_kv_config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->n; i++) {
		free(cfg->v[i].key);
		free(cfg->v[i].value);
		free(cfg->v[i].section);
		free(cfg->v[i].text);
		free(cfg->v[i].path);
	}
	free(cfg->v);
	problems_free(cfg->problems, cfg->nproblems);
	rp_strlist_clear(&cfg->files);
	memset(cfg, 0, sizeof(*cfg));
}

/* pg_hba.conf */

static void hba_problem(struct rp_hba *hba, struct rp_diag *diag, const char *path, unsigned line,
			const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void hba_problem(struct rp_hba *hba, struct rp_diag *diag, const char *path, unsigned line,
			const char *fmt, ...)
{
	struct rp_kv_config tmp;
	struct rp_buf b;
	va_list ap;

	rp_buf_init(&b, 2048);
	va_start(ap, fmt);
	rp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	/* reuse the kv problem list */
	memset(&tmp, 0, sizeof(tmp));
	tmp.problems = hba->problems;
	tmp.nproblems = hba->nproblems;
	tmp.capproblems = hba->capproblems;
	rp_kv_problem(&tmp, diag, path, line, RP_ERR_PARSE, "%s", b.data ? b.data : "");
	hba->problems = tmp.problems;
	hba->nproblems = tmp.nproblems;
	hba->capproblems = tmp.capproblems;
	rp_buf_free(&b);
}

/* Splits a pg_hba line into fields: whitespace separated, '"' quotes
 * (a quoted comma stays inside the field), '#' starts a comment. */
static int hba_fields(const char *s, size_t len, struct rp_strlist *out, bool *bad)
{
	size_t i = 0;

	*bad = false;
	while (i < len) {
		struct rp_buf f;
		bool inq = false;
		int ret;

		while (i < len && is_sp(s[i]))
			i++;
		if (i >= len || s[i] == '#')
			break;
		if (out->n >= MAX_ARGS)
			break;
		rp_buf_init(&f, TOKEN_MAX);
		while (i < len && (inq || (!is_sp(s[i]) && s[i] != '#'))) {
			if (s[i] == '"')
				inq = !inq;
			else
				rp_buf_addc(&f, s[i]);
			i++;
		}
		if (inq)
			*bad = true;
		ret = rp_strlist_take(out, rp_strndup_printable(f.data ? f.data : "", f.len));
		rp_buf_free(&f);
		if (ret != RP_OK)
			return ret;
	}
	return RP_OK;
}

static bool looks_like_mask(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) && *s != '.' && *s != ':')
			return false;
	return true;
}

static int hba_row(struct rp_hba *hba, struct rp_diag *diag, const char *path, unsigned lineno, const char *s,
		   size_t len)
{
	static const char *const types[] = {"local",   "host",	     "hostssl",
					    "hostnossl", "hostgssenc", "hostnogssenc", NULL};
	struct rp_strlist w = {0};
	struct rp_hba_row *r;
	size_t need, mi;
	bool bad, known = false;
	int ret;

	if ((ret = hba_fields(s, len, &w, &bad)) != RP_OK || w.n == 0)
		goto out;
	if (bad) {
		hba_problem(hba, diag, path, lineno, "unterminated quoted field; line ignored");
		goto out;
	}
	if (strncmp(w.v[0], "include", 7) == 0) {
		hba_problem(hba, diag, path, lineno, "%s: not followed (PostgreSQL 16 syntax); line ignored", w.v[0]);
		goto out;
	}
	for (size_t i = 0; types[i]; i++)
		known = known || strcmp(w.v[0], types[i]) == 0;
	if (!known) {
		hba_problem(hba, diag, path, lineno, "invalid connection type \"%s\"; line ignored", w.v[0]);
		goto out;
	}
	need = strcmp(w.v[0], "local") == 0 ? 4 : 5;
	if (w.n < need) {
		hba_problem(hba, diag, path, lineno, "end-of-line before authentication method; line ignored");
		goto out;
	}
	mi = need - 1;
	/* host ... ADDRESS MASK METHOD: an address without '/' may take a mask */
	if (need == 5 && strchr(w.v[3], '/') == NULL && w.n >= 6 && looks_like_mask(w.v[3]) &&
	    looks_like_mask(w.v[4]))
		mi = 5;
	if (hba->n >= RP_HBA_MAX_ROWS) {
		hba_problem(hba, diag, path, lineno, "more than %d rows; rest ignored", RP_HBA_MAX_ROWS);
		goto out;
	}
	if (hba->n == hba->cap) {
		size_t nc = hba->cap ? hba->cap * 2 : 16;
		struct rp_hba_row *nv = realloc(hba->v, nc * sizeof(*nv));
		if (nv == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		hba->v = nv;
		hba->cap = nc;
	}
	r = &hba->v[hba->n++];
	memset(r, 0, sizeof(*r));
	r->type = strdup(w.v[0]);
	r->database = strdup(w.v[1]);
	r->user = strdup(w.v[2]);
	if (need == 5)
		r->address = mi == 5 ? rp_asprintf("%s/%s", w.v[3], w.v[4]) : strdup(w.v[3]);
	r->method = strdup(w.v[mi]);
	r->text = rp_strndup_printable(s, len > 512 ? 512 : len);
	r->path = strdup(path);
	r->line = lineno;
	if (!r->type || !r->database || !r->user || (need == 5 && !r->address) || !r->method || !r->text ||
	    !r->path)
		ret = RP_ERR_NOMEM;
out:
	rp_strlist_clear(&w);
	return ret;
}

int rp_hba_parse(struct rp_hba *hba, const char *path, const char *data, size_t len, struct rp_diag *diag)
{
	struct rp_lines it;
	struct rp_buf joined;
	const char *line;
	size_t n;
	bool too_long;
	unsigned start = 0;
	int ret = RP_OK;

	memset(hba, 0, sizeof(*hba));
	if (rp_text_is_binary(data, len)) {
		hba_problem(hba, diag, path, 0, "binary data, not a pg_hba.conf");
		return RP_ERR_BINARY;
	}
	rp_buf_init(&joined, RP_LINE_MAX);
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ret == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		if (too_long) {
			hba_problem(hba, diag, path, it.lineno, "line longer than %zu bytes; ignored",
				    (size_t)RP_LINE_MAX);
			rp_buf_reset(&joined);
			continue;
		}
		if (memchr(line, '\0', n) != NULL) {
			hba_problem(hba, diag, path, it.lineno, "NUL byte in line; ignored");
			continue;
		}
		if (joined.len == 0)
			start = it.lineno;
		/* '\' at the end continues the record on the next line */
		if (n > 0 && line[n - 1] == '\\') {
			if (rp_buf_add(&joined, line, n - 1) != RP_OK || rp_buf_addc(&joined, ' ') != RP_OK) {
				hba_problem(hba, diag, path, start, "continued line too long; ignored");
				rp_buf_reset(&joined);
			}
			continue;
		}
		if (joined.len > 0) {
			if (rp_buf_add(&joined, line, n) != RP_OK) {
				hba_problem(hba, diag, path, start, "continued line too long; ignored");
				rp_buf_reset(&joined);
				continue;
			}
			ret = hba_row(hba, diag, path, start, joined.data, joined.len);
			rp_buf_reset(&joined);
		} else {
			ret = hba_row(hba, diag, path, it.lineno, line, n);
		}
	}
	if (ret == RP_OK && joined.len > 0)
		ret = hba_row(hba, diag, path, start, joined.data, joined.len);
	rp_buf_free(&joined);
	return ret;
}

void rp_hba_free(struct rp_hba *hba)
{
	if (hba == NULL)
		return;
	for (size_t i = 0; i < hba->n; i++) {
		struct rp_hba_row *r = &hba->v[i];
		free(r->type);
		free(r->database);
		free(r->user);
		free(r->address);
		free(r->method);
		free(r->text);
		free(r->path);
	}
	free(hba->v);
	problems_free(hba->problems, hba->nproblems);
	memset(hba, 0, sizeof(*hba));
}
