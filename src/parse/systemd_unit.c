#include "parse/systemd_unit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/lines.h"

static void problem(struct rp_unit *u, struct rp_diag *diag, const char *path, unsigned line, const char *fmt,
		    ...) __attribute__((format(printf, 5, 6)));

static void problem(struct rp_unit *u, struct rp_diag *diag, const char *path, unsigned line, const char *fmt,
		    ...)
{
	struct rp_buf b;
	va_list ap;

	if (u->problems.n >= RP_UNIT_MAX_PROBLEMS) {
		u->dropped++;
		return;
	}
	rp_buf_init(&b, 4096);
	if (line)
		rp_buf_addf(&b, "%s:%u: ", path, line);
	else
		rp_buf_addf(&b, "%s: ", path);
	va_start(ap, fmt);
	rp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (b.data != NULL) {
		rp_diag_add(diag, NULL, 0, "%s", b.data);
		rp_strlist_take(&u->problems, rp_buf_take(&b));
	}
	rp_buf_free(&b);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const char **s, size_t *n)
{
	while (*n > 0 && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_space((*s)[*n - 1]))
		(*n)--;
}

static int add_entry(struct rp_unit *u, const char *section, const char *key, size_t klen, const char *value,
		     size_t vlen, const char *path, unsigned line)
{
	struct rp_unit_entry *e;

	if (u->n >= RP_UNIT_MAX_ENTRIES) {
		u->dropped++;
		return RP_OK;
	}
	if (u->n == u->cap) {
		size_t nc = u->cap ? u->cap * 2 : 32;
		void *nv = realloc(u->v, nc * sizeof(*u->v));
		if (nv == NULL)
			return RP_ERR_NOMEM;
		u->v = nv;
		u->cap = nc;
	}
	e = &u->v[u->n];
	memset(e, 0, sizeof(*e));
	e->section = rp_strdup(section);
	e->key = rp_strndup_printable(key, klen);
	e->value = rp_strndup_printable(value, vlen);
	e->path = rp_strdup(path);
	e->line = line;
	u->n++;
	if (!e->section || !e->key || !e->value || !e->path)
		return RP_ERR_NOMEM;
	return RP_OK;
}

/* One logical line (continuations joined) starting at line no. */
static int handle_line(struct rp_unit *u, char **section, const char *s, size_t n, const char *path, unsigned no,
		       struct rp_diag *diag)
{
	const char *eq;

	trim(&s, &n);
	if (n == 0 || s[0] == '#' || s[0] == ';')
		return RP_OK;
	if (s[0] == '[') {
		if (n < 3 || s[n - 1] != ']' || memchr(s + 1, ']', n - 2) != NULL) {
			problem(u, diag, path, no, "invalid section header");
			free(*section);
			*section = NULL; /* systemd ignores what follows a bad header */
			return RP_OK;
		}
		free(*section);
		*section = rp_strndup_printable(s + 1, n - 2);
		return *section ? RP_OK : RP_ERR_NOMEM;
	}
	eq = memchr(s, '=', n);
	if (eq == NULL) {
		problem(u, diag, path, no, "missing '=', line ignored");
		return RP_OK;
	}
	if (*section == NULL) {
		problem(u, diag, path, no, "assignment outside of a section, ignored");
		return RP_OK;
	}
	{
		const char *k = s, *v = eq + 1;
		size_t kl = (size_t)(eq - s), vl = n - kl - 1;
		trim(&k, &kl);
		trim(&v, &vl);
		if (kl == 0) {
			problem(u, diag, path, no, "empty key, line ignored");
			return RP_OK;
		}
		return add_entry(u, *section, k, kl, v, vl, path, no);
	}
}

int rp_unit_parse(struct rp_unit *u, const char *path, const char *data, size_t len, struct rp_diag *diag)
{
	struct rp_lines it;
	struct rp_buf logical;
	const char *line;
	size_t n;
	bool too_long, cont = false;
	unsigned start = 0;
	char *section = NULL;
	int ret = RP_OK;

	if (rp_text_is_binary(data, len)) {
		problem(u, diag, path, 0, "binary data, not a unit file");
		return RP_ERR_BINARY;
	}
	if (rp_strlist_add(&u->files, path) != RP_OK)
		return RP_ERR_NOMEM;
	rp_buf_init(&logical, RP_UNIT_VALUE_MAX);
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ret == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		if (too_long) {
			problem(u, diag, path, it.lineno, "line longer than %zu bytes, ignored", (size_t)RP_LINE_MAX);
			rp_buf_reset(&logical);
			cont = false;
			continue;
		}
		if (cont) {
			const char *t = line;
			size_t tn = n;
			trim(&t, &tn);
			/* comment lines inside a continuation are skipped */
			if (tn > 0 && (t[0] == '#' || t[0] == ';'))
				continue;
		} else {
			rp_buf_reset(&logical);
			start = it.lineno;
		}
		cont = n > 0 && line[n - 1] == '\\';
		if (rp_buf_add(&logical, line, cont ? n - 1 : n) != RP_OK ||
		    (cont && rp_buf_addc(&logical, ' ') != RP_OK)) {
			problem(u, diag, path, start, "continued line longer than %zu bytes, ignored",
				(size_t)RP_UNIT_VALUE_MAX);
			rp_buf_reset(&logical);
			/* skip the rest of the continuation */
			while (cont && rp_lines_next(&it, &line, &n, &too_long))
				cont = !too_long && n > 0 && line[n - 1] == '\\';
			cont = false;
			continue;
		}
		if (!cont)
			ret = handle_line(u, &section, logical.data ? logical.data : "", logical.len, path, start, diag);
	}
	if (ret == RP_OK && cont)
		ret = handle_line(u, &section, logical.data ? logical.data : "", logical.len, path, start, diag);
	free(section);
	rp_buf_free(&logical);
	return ret;
}

const struct rp_unit_entry *rp_unit_get(const struct rp_unit *u, const char *section, const char *key)
{
	for (size_t i = u->n; i-- > 0;)
		if (strcmp(u->v[i].key, key) == 0 && strcmp(u->v[i].section, section) == 0)
			return &u->v[i];
	return NULL;
}

size_t rp_unit_list(const struct rp_unit *u, const char *section, const char *key,
		    const struct rp_unit_entry **out, size_t max)
{
	size_t first = 0, k = 0;

	for (size_t i = 0; i < u->n; i++)
		if (strcmp(u->v[i].key, key) == 0 && strcmp(u->v[i].section, section) == 0 &&
		    u->v[i].value[0] == '\0')
			first = i + 1;
	for (size_t i = first; i < u->n; i++) {
		if (strcmp(u->v[i].key, key) != 0 || strcmp(u->v[i].section, section) != 0)
			continue;
		if (k < max)
			out[k] = &u->v[i];
		k++;
	}
	return k;
}

int rp_unit_bool(const char *v)
{
	static const char *const yes[] = {"1", "yes", "y", "true", "t", "on"};
	static const char *const no[] = {"0", "no", "n", "false", "f", "off"};

	if (v == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

void rp_unit_free(struct rp_unit *u)
{
	if (u == NULL)
		return;
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].section);
		free(u->v[i].key);
		free(u->v[i].value);
		free(u->v[i].path);
	}
	free(u->v);
	rp_strlist_clear(&u->problems);
	rp_strlist_clear(&u->files);
	memset(u, 0, sizeof(*u));
}
