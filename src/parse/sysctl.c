#include "parse/sysctl.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/lines.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void problem(struct rp_sysctl_conf *conf, struct rp_diag *diag, const char *path, unsigned line,
		    const char *msg)
{
	rp_diag_add(diag, path, line, "%s", msg);
	if (conf->problems.n >= RP_SYSCTL_MAX_PROBLEMS)
		return;
	if (line > 0)
		rp_strlist_take(&conf->problems, rp_asprintf("%s:%u: %s", path, line, msg));
	else
		rp_strlist_take(&conf->problems, rp_asprintf("%s: %s", path, msg));
}

char *rp_sysctl_normalize(const char *key, size_t n)
{
	char *out = rp_strndup_printable(key, n);
	bool swap = false;

	if (out == NULL)
		return NULL;
	for (char *p = out; *p; p++) {
		if (*p == '.' || *p == '/') {
			swap = *p == '/';
			break;
		}
	}
	if (swap)
		for (char *p = out; *p; p++)
			*p = *p == '/' ? '.' : *p == '.' ? '/' : *p;
	return out;
}

/* The slash form, in which '*' of a glob cannot cross a component. */
static char *slash_form(const char *key)
{
	char *out = strdup(key);

	if (out != NULL)
		for (char *p = out; *p; p++)
			*p = *p == '/' ? '.' : *p == '.' ? '/' : *p;
	return out;
}

char *rp_sysctl_proc_path(const char *key)
{
	char *s = slash_form(key), *out;

	if (s == NULL)
		return NULL;
	out = rp_asprintf("/proc/sys/%s", s);
	free(s);
	return out;
}

static int add_entry(struct rp_sysctl_conf *conf, struct rp_sysctl_entry *e)
{
	if (conf->n >= RP_SYSCTL_MAX_ENTRIES)
		return RP_ERR_TOO_LARGE;
	if (conf->n == conf->cap) {
		size_t cap = conf->cap ? conf->cap * 2 : 32;
		struct rp_sysctl_entry *v = realloc(conf->v, cap * sizeof(*v));
		if (v == NULL)
			return RP_ERR_NOMEM;
		conf->v = v;
		conf->cap = cap;
	}
	conf->v[conf->n++] = *e;
	return RP_OK;
}

static void entry_free(struct rp_sysctl_entry *e)
{
	free(e->key);
	free(e->value);
	free(e->path);
}

int rp_sysctl_parse(struct rp_sysctl_conf *conf, const char *path, const char *data, size_t len,
		    struct rp_diag *diag)
{
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;
	int ret = RP_OK;

	if (len > 0 && rp_text_is_binary(data, len)) {
		problem(conf, diag, path, 0, "binary data, not parsed");
		return RP_ERR_BINARY;
	}
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (rp_lines_next(&it, &line, &n, &too_long)) {
		struct rp_sysctl_entry e = {0};
		const char *k, *ke, *eq, *v, *ve, *end;
		bool ign = false;

		if (too_long) {
			problem(conf, diag, path, it.lineno, "line longer than 65536 bytes, ignored");
			continue;
		}
		end = line + n;
		k = line;
		while (k < end && is_space(*k))
			k++;
		if (k == end || *k == '#' || *k == ';')
			continue;
		if (*k == '-') {
			ign = true;
			k++;
		}
		eq = memchr(k, '=', (size_t)(end - k));
		ke = eq ? eq : end;
		while (ke > k && is_space(ke[-1]))
			ke--;
		while (k < ke && is_space(*k))
			k++;
		if (ke == k) {
			problem(conf, diag, path, it.lineno, "assignment without a key, ignored");
			continue;
		}
		if ((size_t)(ke - k) > RP_SYSCTL_KEY_MAX || memchr(k, '\0', (size_t)(ke - k)) != NULL) {
			problem(conf, diag, path, it.lineno, "invalid key, ignored");
			continue;
		}
		if (eq == NULL && !ign) {
			problem(conf, diag, path, it.lineno, "line is not an assignment, ignored");
			continue;
		}
		e.key = rp_sysctl_normalize(k, (size_t)(ke - k));
		e.path = strdup(path);
		e.line = it.lineno;
		e.ignore_err = ign;
		if (eq != NULL) {
			v = eq + 1;
			ve = end;
			while (v < ve && is_space(*v))
				v++;
			while (ve > v && is_space(ve[-1]))
				ve--;
			if ((size_t)(ve - v) > RP_SYSCTL_VALUE_MAX) {
				entry_free(&e);
				problem(conf, diag, path, it.lineno, "value too long, ignored");
				continue;
			}
			e.value = rp_strndup_printable(v, (size_t)(ve - v));
			if (e.value == NULL) {
				entry_free(&e);
				ret = RP_ERR_NOMEM;
				break;
			}
		}
		if (e.key == NULL || e.path == NULL) {
			entry_free(&e);
			ret = RP_ERR_NOMEM;
			break;
		}
		e.glob = strpbrk(e.key, "*?[") != NULL;
		if ((ret = add_entry(conf, &e)) != RP_OK) {
			entry_free(&e);
			if (ret == RP_ERR_TOO_LARGE)
				problem(conf, diag, path, it.lineno, "too many sysctl assignments, rest ignored");
			break;
		}
	}
	return ret;
}

void rp_sysctl_conf_free(struct rp_sysctl_conf *conf)
{
	if (conf == NULL)
		return;
	for (size_t i = 0; i < conf->n; i++)
		entry_free(&conf->v[i]);
	free(conf->v);
	rp_strlist_clear(&conf->problems);
	memset(conf, 0, sizeof(*conf));
}

const struct rp_sysctl_entry *rp_sysctl_lookup(const struct rp_sysctl_conf *conf, const char *key)
{
	const struct rp_sysctl_entry *glob = NULL;
	char *skey;

	/* systemd-sysctl: an explicit line (even a "-key" exclusion) wins over
	 * every glob; among lines of one kind, the last one read wins. */
	for (size_t i = conf->n; i-- > 0;)
		if (!conf->v[i].glob && strcmp(conf->v[i].key, key) == 0)
			return &conf->v[i];
	skey = slash_form(key);
	if (skey == NULL)
		return NULL;
	for (size_t i = conf->n; i-- > 0 && glob == NULL;) {
		char *pat;
		if (!conf->v[i].glob || conf->v[i].value == NULL)
			continue;
		pat = slash_form(conf->v[i].key);
		if (pat != NULL && fnmatch(pat, skey, FNM_PATHNAME) == 0)
			glob = &conf->v[i];
		free(pat);
	}
	free(skey);
	return glob;
}
