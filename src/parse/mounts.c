#include "parse/mounts.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/lines.h"

#define NFIELDS 6

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void problem(struct rp_mounts *m, struct rp_diag *diag, const char *path, unsigned line, const char *msg)
{
	rp_diag_add(diag, path, line, "%s", msg);
	if (m->problems.n >= RP_MOUNTS_MAX_PROBLEMS)
		return;
	if (line > 0)
		rp_strlist_take(&m->problems, rp_asprintf("%s:%u: %s", path, line, msg));
	else
		rp_strlist_take(&m->problems, rp_asprintf("%s: %s", path, msg));
}

static bool is_odigit(char c)
{
	return c >= '0' && c <= '7';
}

/* Decodes the \NNN octal escapes of a field (n bytes) into a printable string. */
static char *unescape(const char *s, size_t n)
{
	struct rp_buf b;
	char *out;

	rp_buf_init(&b, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && n - i >= 4 && is_odigit(s[i + 1]) && is_odigit(s[i + 2]) && is_odigit(s[i + 3])) {
			int c = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
			if (rp_buf_addc(&b, (char)(c & 0xff)) != RP_OK)
				goto fail;
			i += 3;
		} else if (rp_buf_addc(&b, s[i]) != RP_OK) {
			goto fail;
		}
	}
	out = rp_strndup_printable(b.data ? b.data : "", b.len);
	rp_buf_free(&b);
	return out;
fail:
	rp_buf_free(&b);
	return NULL;
}

static void ent_free(struct rp_mount_ent *e)
{
	free(e->spec);
	free(e->file);
	free(e->type);
	free(e->opts);
}

int rp_mounts_parse(struct rp_mounts *out, const char *path, const char *data, size_t len,
		    struct rp_diag *diag)
{
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;

	if (len > 0 && rp_text_is_binary(data, len)) {
		problem(out, diag, path, 0, "binary data, not parsed");
		return RP_ERR_BINARY;
	}
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (rp_lines_next(&it, &line, &n, &too_long)) {
		const char *f[NFIELDS] = {0}, *p = line, *end;
		size_t fl[NFIELDS] = {0}, nf = 0;
		struct rp_mount_ent e = {0};

		if (too_long) {
			problem(out, diag, path, it.lineno, "line longer than 65536 bytes, ignored");
			continue;
		}
		end = line + n;
		while (p < end && nf < NFIELDS) {
			while (p < end && is_space(*p))
				p++;
			if (p == end)
				break;
			if (nf == 0 && *p == '#')
				break;
			f[nf] = p;
			while (p < end && !is_space(*p))
				p++;
			fl[nf] = (size_t)(p - f[nf]);
			nf++;
		}
		if (nf == 0)
			continue;
		if (nf < 2) {
			problem(out, diag, path, it.lineno, "entry without a mount point, ignored");
			continue;
		}
		if (out->n >= RP_MOUNTS_MAX_ENTRIES) {
			problem(out, diag, path, it.lineno, "too many mount entries, rest ignored");
			return RP_ERR_TOO_LARGE;
		}
		e.spec = unescape(f[0], fl[0]);
		e.file = unescape(f[1], fl[1]);
		e.type = nf > 2 ? unescape(f[2], fl[2]) : strdup("auto");
		e.opts = nf > 3 ? unescape(f[3], fl[3]) : strdup("defaults");
		e.line = it.lineno;
		if (e.spec == NULL || e.file == NULL || e.type == NULL || e.opts == NULL)
			goto nomem;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 32;
			struct rp_mount_ent *v = realloc(out->v, cap * sizeof(*v));
			if (v == NULL)
				goto nomem;
			out->v = v;
			out->cap = cap;
		}
		out->v[out->n++] = e;
		continue;
nomem:
		ent_free(&e);
		return RP_ERR_NOMEM;
	}
	return RP_OK;
}

void rp_mounts_free(struct rp_mounts *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		ent_free(&m->v[i]);
	free(m->v);
	rp_strlist_clear(&m->problems);
	memset(m, 0, sizeof(*m));
}

const struct rp_mount_ent *rp_mounts_find(const struct rp_mounts *m, const char *file)
{
	for (size_t i = m->n; i-- > 0;) {
		const char *a = m->v[i].file, *b = file;
		size_t la = strlen(a), lb = strlen(b);
		/* "/tmp/" names the same mount point as "/tmp" */
		while (la > 1 && a[la - 1] == '/')
			la--;
		while (lb > 1 && b[lb - 1] == '/')
			lb--;
		if (la == lb && memcmp(a, b, la) == 0)
			return &m->v[i];
	}
	return NULL;
}

void rp_mount_opts_eval(const char *opts, struct rp_mount_flags *out)
{
	const char *p = opts;

	memset(out, 0, sizeof(*out));
	while (p != NULL && *p) {
		const char *c = strchr(p, ',');
		size_t n = c ? (size_t)(c - p) : strlen(p);
#define IS(s) (n == sizeof(s) - 1 && memcmp(p, s, n) == 0)
		if (IS("nosuid"))
			out->nosuid = true;
		else if (IS("suid"))
			out->nosuid = false;
		else if (IS("nodev"))
			out->nodev = true;
		else if (IS("dev"))
			out->nodev = false;
		else if (IS("noexec"))
			out->noexec = true;
		else if (IS("exec"))
			out->noexec = false;
		else if (IS("defaults"))
			out->nosuid = out->nodev = out->noexec = false;
		else if (IS("user") || IS("users"))
			out->nosuid = out->nodev = out->noexec = true;
		else if (IS("bind") || IS("rbind"))
			out->bind = true;
#undef IS
		p = c ? c + 1 : NULL;
	}
}
