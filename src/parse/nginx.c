/* nginx configuration parser; see nginx.h. The lexer follows
 * ngx_conf_read_token(): it works on the whole buffer, not on lines, because
 * a directive may span lines. */
#include "parse/nginx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/lines.h"

struct parser {
	struct rp_ngx_conf *cfg;
	const struct rp_ngx_io *io;
	struct rp_diag *diag;
	const char *stack[RP_NGX_MAX_DEPTH + 2];
	unsigned depth;
	int err; /* sticky RP_ERR_NOMEM */
};

static void problem(struct parser *ps, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct parser *ps, const char *path, unsigned line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	char *s;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rp_diag_add(ps->diag, path, line, "%s", msg);
	if (ps->cfg->problems.n >= RP_NGX_MAX_PROBLEMS) {
		ps->cfg->dropped_problems++;
		return;
	}
	if (line > 0)
		s = rp_asprintf("%s:%u: %s", path, line, msg);
	else
		s = rp_asprintf("%s: %s", path, msg);
	if (s == NULL || rp_strlist_take(&ps->cfg->problems, s) != RP_OK)
		ps->err = RP_ERR_NOMEM;
}

static int add_directive(struct parser *ps, struct rp_strlist *words, const char *path, unsigned line,
			 int parent, bool block)
{
	struct rp_ngx_conf *cfg = ps->cfg;
	struct rp_ngx_directive *d;

	if (cfg->n >= RP_NGX_MAX_DIRECTIVES) {
		problem(ps, path, line, "more than %d directives, rest ignored", RP_NGX_MAX_DIRECTIVES);
		return RP_ERR_TOO_LARGE;
	}
	if (cfg->n == cfg->cap) {
		size_t ncap = cfg->cap ? cfg->cap * 2 : 64;
		struct rp_ngx_directive *nv = realloc(cfg->v, ncap * sizeof(*nv));

		if (nv == NULL)
			return RP_ERR_NOMEM;
		cfg->v = nv;
		cfg->cap = ncap;
	}
	d = &cfg->v[cfg->n];
	memset(d, 0, sizeof(*d));
	d->name = words->v[0];
	words->v[0] = NULL;
	d->argc = words->n - 1;
	if (d->argc > 0) {
		d->argv = calloc(d->argc, sizeof(char *));
		if (d->argv == NULL) {
			free(d->name);
			return RP_ERR_NOMEM;
		}
		for (size_t i = 0; i < d->argc; i++) {
			d->argv[i] = words->v[i + 1];
			words->v[i + 1] = NULL; /* transferred */
		}
	}
	d->path = strdup(path);
	if (d->path == NULL) {
		for (size_t i = 0; i < d->argc; i++)
			free(d->argv[i]);
		free(d->argv);
		free(d->name);
		return RP_ERR_NOMEM;
	}
	d->line = line;
	d->parent = parent;
	d->block = block;
	cfg->n++;
	return RP_OK;
}

static bool has_magic(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static void parse_file(struct parser *ps, const char *path, const char *data, size_t len, int parent);

static void include_one(struct parser *ps, const char *file, const char *from, unsigned line, int parent)
{
	struct rp_buf buf;
	int ret;

	for (unsigned i = 0; i < ps->depth; i++) {
		if (strcmp(ps->stack[i], file) == 0) {
			problem(ps, from, line, "include loop: %s is already being read", file);
			return;
		}
	}
	if (ps->depth >= RP_NGX_MAX_DEPTH) {
		problem(ps, from, line, "includes nested deeper than %d: %s", RP_NGX_MAX_DEPTH, file);
		return;
	}
	if (ps->cfg->files.n >= RP_NGX_MAX_FILES) {
		problem(ps, from, line, "more than %d files included: %s", RP_NGX_MAX_FILES, file);
		return;
	}
	rp_buf_init(&buf, RP_FILE_MAX);
	ret = ps->io->read(ps->io->ctx, file, &buf);
	if (ret != RP_OK) {
		if (ret == RP_ERR_NOMEM)
			ps->err = ret;
		problem(ps, from, line, "include %s: %s", file, rp_strerror(ret));
		goto out;
	}
	if (ps->cfg->total_read + buf.len > RP_NGX_MAX_TOTAL) {
		problem(ps, from, line, "include %s: more than %zu bytes read in all", file, RP_NGX_MAX_TOTAL);
		goto out;
	}
	ps->cfg->total_read += buf.len;
	parse_file(ps, file, buf.data ? buf.data : "", buf.len, parent);
out:
	rp_buf_free(&buf);
}

static void do_include(struct parser *ps, const struct rp_strlist *words, const char *path, unsigned line,
		       int parent)
{
	struct rp_strlist files = {0};
	char *pattern = NULL;
	int ret;

	if (words->n != 2) {
		problem(ps, path, line, "invalid number of arguments in \"include\"");
		return;
	}
	if (ps->io == NULL) {
		problem(ps, path, line, "include %s: includes are not followed here", words->v[1]);
		return;
	}
	if (words->v[1][0] == '/')
		pattern = strdup(words->v[1]);
	else
		pattern = rp_path_join(ps->cfg->prefix, words->v[1]);
	if (pattern == NULL) {
		ps->err = RP_ERR_NOMEM;
		return;
	}
	if (has_magic(pattern)) {
		ret = ps->io->glob(ps->io->ctx, pattern, &files);
		if (ret != RP_OK) {
			if (ret == RP_ERR_NOMEM)
				ps->err = ret;
			problem(ps, path, line, "include %s: %s", pattern, rp_strerror(ret));
		}
	} else if (rp_strlist_add(&files, pattern) != RP_OK) {
		ps->err = RP_ERR_NOMEM;
	}
	for (size_t i = 0; i < files.n && ps->err == RP_OK; i++)
		include_one(ps, files.v[i], path, line, parent);
	rp_strlist_clear(&files);
	free(pattern);
}

/* One word: returns the new position. Appends the decoded word to w (up to
 * RP_NGX_MAX_WORD; *too_long set past it). */
static const char *read_word(const char *p, const char *end, unsigned *lineno, struct rp_buf *w, bool *too_long,
			     bool *unterminated)
{
	char quote = 0;
	int brace = 0;

	if (*p == '"' || *p == '\'')
		quote = *p++;
	while (p < end) {
		char c = *p;

		if (quote) {
			if (c == quote) {
				p++;
				return p;
			}
		} else if (brace) {
			if (c == '}')
				brace = 0;
		} else {
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' ||
			    (c == '}'))
				return p;
			if (c == '$' && p + 1 < end && p[1] == '{')
				brace = 1;
		}
		if (c == '\n')
			(*lineno)++;
		if (c == '\\' && p + 1 < end) {
			char n = p[1];
			char out = 0;

			if (n == '"' || n == '\'' || n == '\\')
				out = n;
			else if (n == 't')
				out = '\t';
			else if (n == 'r')
				out = '\r';
			else if (n == 'n')
				out = '\n';
			if (n == '\n')
				(*lineno)++;
			if (out) {
				if (rp_buf_addc(w, out) != RP_OK)
					*too_long = true;
			} else if (rp_buf_addc(w, c) != RP_OK || rp_buf_addc(w, n) != RP_OK) {
				*too_long = true;
			}
			p += 2;
			continue;
		}
		if (rp_buf_addc(w, c) != RP_OK)
			*too_long = true;
		p++;
	}
	if (quote || brace)
		*unterminated = true;
	return p;
}

static void parse_file(struct parser *ps, const char *path, const char *data, size_t len, int base)
{
	const char *p = data, *end = data + len;
	struct rp_strlist words = {0};
	struct rp_buf w;
	unsigned lineno = 1, dline = 0;
	int cur = base;
	unsigned nest = 0;
	bool bad = false;

	if (rp_text_is_binary(data, len)) {
		problem(ps, path, 0, "binary data, not a configuration file");
		return;
	}
	if (rp_strlist_add(&ps->cfg->files, path) != RP_OK) {
		ps->err = RP_ERR_NOMEM;
		return;
	}
	ps->stack[ps->depth++] = path;
	rp_buf_init(&w, RP_NGX_MAX_WORD);
	while (p < end && ps->err == RP_OK) {
		char c = *p;

		if (c == '\n') {
			lineno++;
			p++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			p++;
			continue;
		}
		if (c == '#') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		if (c == ';' || c == '{') {
			p++;
			if (words.n == 0) {
				problem(ps, path, lineno, "unexpected \"%c\"", c);
				bad = false;
				continue;
			}
			if (c == ';' && !bad && strcmp(words.v[0], "include") == 0) {
				do_include(ps, &words, path, dline, cur);
			} else if (c == ';') {
				if (!bad) {
					int r = add_directive(ps, &words, path, dline, cur, false);

					if (r == RP_ERR_NOMEM)
						ps->err = r;
				}
			} else {
				int r;

				if (nest >= RP_NGX_MAX_NEST) {
					problem(ps, path, dline, "blocks nested deeper than %d", RP_NGX_MAX_NEST);
					goto out;
				}
				r = add_directive(ps, &words, path, dline, cur, true);
				if (r != RP_OK) {
					if (r == RP_ERR_NOMEM)
						ps->err = r;
					goto out;
				}
				cur = (int)ps->cfg->n - 1;
				nest++;
			}
			rp_strlist_clear(&words);
			bad = false;
			continue;
		}
		if (c == '}') {
			p++;
			if (words.n > 0) {
				problem(ps, path, lineno, "unexpected \"}\" after \"%s\"", words.v[0]);
				rp_strlist_clear(&words);
				bad = false;
			}
			if (nest == 0) {
				problem(ps, path, lineno, "unexpected \"}\"");
				continue;
			}
			cur = ps->cfg->v[cur].parent;
			nest--;
			continue;
		}
		{
			bool too_long = false, unterminated = false;
			unsigned start = lineno;

			if (words.n == 0)
				dline = lineno;
			rp_buf_reset(&w);
			p = read_word(p, end, &lineno, &w, &too_long, &unterminated);
			if (too_long) {
				problem(ps, path, start, "word longer than %zu bytes, directive ignored", RP_NGX_MAX_WORD);
				bad = true;
			}
			if (unterminated) {
				problem(ps, path, start, "unterminated quote or variable");
				bad = true;
			}
			if (words.n >= RP_NGX_MAX_ARGS) {
				if (!bad)
					problem(ps, path, start, "more than %d arguments", RP_NGX_MAX_ARGS);
				bad = true;
				continue;
			}
			if (rp_strlist_add(&words, w.data ? w.data : "") != RP_OK)
				ps->err = RP_ERR_NOMEM;
		}
	}
	if (words.n > 0 && ps->err == RP_OK)
		problem(ps, path, lineno, "unexpected end of file, expecting \";\" or \"}\"");
	else if (nest > 0 && ps->err == RP_OK)
		problem(ps, path, lineno, "unexpected end of file, expecting \"}\"");
out:
	rp_buf_free(&w);
	rp_strlist_clear(&words);
	ps->depth--;
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

int rp_ngx_parse(struct rp_ngx_conf *cfg, const char *path, const char *data, size_t len,
		 const struct rp_ngx_io *io, struct rp_diag *diag)
{
	struct parser ps = {.cfg = cfg, .io = io, .diag = diag};

	if (cfg->prefix == NULL) {
		cfg->prefix = dir_of(path);
		if (cfg->prefix == NULL)
			return RP_ERR_NOMEM;
	}
	if (rp_text_is_binary(data, len)) {
		problem(&ps, path, 0, "binary data, not a configuration file");
		return ps.err ? ps.err : RP_ERR_BINARY;
	}
	cfg->total_read += len;
	parse_file(&ps, path, data, len, -1);
	return ps.err;
}

struct root_io {
	const struct rp_root *root;
};

static int root_glob(void *ctx, const char *pattern, struct rp_strlist *out)
{
	const struct root_io *rio = ctx;

	return rp_root_glob(rio->root, "/", pattern, out);
}

static int root_read(void *ctx, const char *path, struct rp_buf *out)
{
	const struct root_io *rio = ctx;

	return rp_root_read_file(rio->root, path, RP_FILE_MAX, out);
}

int rp_ngx_load(struct rp_ngx_conf *cfg, const struct rp_root *root, const char *path, struct rp_diag *diag)
{
	struct root_io rio = {root};
	struct rp_ngx_io io = {root_glob, root_read, &rio};
	struct rp_buf buf;
	int ret;

	rp_buf_init(&buf, RP_FILE_MAX);
	ret = rp_root_read_file(root, path, RP_FILE_MAX, &buf);
	if (ret != RP_OK)
		goto out;
	ret = rp_ngx_parse(cfg, path, buf.data ? buf.data : "", buf.len, &io, diag);
out:
	rp_buf_free(&buf);
	return ret;
}

void rp_ngx_conf_free(struct rp_ngx_conf *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->n; i++) {
		struct rp_ngx_directive *d = &cfg->v[i];

		free(d->name);
		for (size_t j = 0; j < d->argc; j++)
			free(d->argv[j]);
		free(d->argv);
		free(d->path);
	}
	free(cfg->v);
	rp_strlist_clear(&cfg->problems);
	rp_strlist_clear(&cfg->files);
	free(cfg->prefix);
	memset(cfg, 0, sizeof(*cfg));
}

int rp_ngx_find(const struct rp_ngx_conf *cfg, int block, const char *name, bool last)
{
	int found = -1;

	for (size_t i = 0; i < cfg->n; i++) {
		if (cfg->v[i].parent == block && strcmp(cfg->v[i].name, name) == 0) {
			found = (int)i;
			if (!last)
				break;
		}
	}
	return found;
}
