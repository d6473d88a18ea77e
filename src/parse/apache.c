/* Apache httpd configuration parser; see apache.h. */
#include "parse/apache.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/lines.h"

struct parser {
	struct rp_apache_conf *cfg;
	const struct rp_apache_io *io;
	struct rp_diag *diag;
	const char *stack[RP_APACHE_MAX_DEPTH + 2];
	unsigned depth;
	int err;
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
	if (ps->cfg->problems.n >= RP_APACHE_MAX_PROBLEMS) {
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

static const char *define_value(const struct rp_apache_conf *cfg, const char *name, size_t n)
{
	for (size_t i = 0; i < cfg->defines.n; i++) {
		const char *d = cfg->defines.v[i];

		if (strncmp(d, name, n) == 0 && (d[n] == '=' || d[n] == '\0'))
			return d[n] == '=' ? d + n + 1 : "";
	}
	return NULL;
}

bool rp_apache_defined(const struct rp_apache_conf *cfg, const char *name)
{
	return define_value(cfg, name, strlen(name)) != NULL;
}

/* ${VAR} substitution of defined variables into w. */
static int substitute(const struct rp_apache_conf *cfg, const char *s, struct rp_buf *w)
{
	int ret = RP_OK;

	rp_buf_reset(w);
	while (*s && ret == RP_OK) {
		const char *close;

		if (s[0] == '$' && s[1] == '{' && (close = strchr(s + 2, '}')) != NULL) {
			const char *v = define_value(cfg, s + 2, (size_t)(close - s - 2));

			if (v != NULL) {
				ret = rp_buf_adds(w, v);
				s = close + 1;
				continue;
			}
		}
		ret = rp_buf_addc(w, *s++);
	}
	return ret;
}

/* ap_getword_conf: one word from *ps, quotes removed, \" inside quotes kept as ". */
static int split_words(const struct rp_apache_conf *cfg, const char *s, size_t len, struct rp_strlist *out,
		       bool *too_many)
{
	const char *p = s, *end = s + len;
	struct rp_buf w, sub;
	int ret = RP_OK;

	rp_buf_init(&w, RP_LINE_MAX);
	rp_buf_init(&sub, RP_LINE_MAX);
	while (ret == RP_OK) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (p >= end)
			break;
		rp_buf_reset(&w);
		if (*p == '"' || *p == '\'') {
			char q = *p++;

			while (p < end && *p != q && ret == RP_OK) {
				if (*p == '\\' && p + 1 < end && (p[1] == q || p[1] == '\\')) {
					ret = rp_buf_addc(&w, p[1]);
					p += 2;
					continue;
				}
				ret = rp_buf_addc(&w, *p++);
			}
			if (p < end)
				p++;
		} else {
			while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && ret == RP_OK)
				ret = rp_buf_addc(&w, *p++);
		}
		if (ret != RP_OK)
			break;
		if (out->n >= RP_APACHE_MAX_ARGS) {
			*too_many = true;
			break;
		}
		ret = substitute(cfg, w.data ? w.data : "", &sub);
		if (ret == RP_OK)
			ret = rp_strlist_add(out, sub.data ? sub.data : "");
	}
	rp_buf_free(&w);
	rp_buf_free(&sub);
	return ret == RP_ERR_TOO_LARGE ? RP_OK : ret;
}

static int add_directive(struct parser *ps, struct rp_strlist *words, const char *name, const char *path,
			 unsigned line, int parent, bool section)
{
	struct rp_apache_conf *cfg = ps->cfg;
	struct rp_apache_directive *d;
	size_t first = section ? 0 : 1;

	if (cfg->n >= RP_APACHE_MAX_DIRECTIVES) {
		problem(ps, path, line, "more than %d directives, rest ignored", RP_APACHE_MAX_DIRECTIVES);
		return RP_ERR_TOO_LARGE;
	}
	if (cfg->n == cfg->cap) {
		size_t ncap = cfg->cap ? cfg->cap * 2 : 64;
		struct rp_apache_directive *nv = realloc(cfg->v, ncap * sizeof(*nv));

		if (nv == NULL)
			return RP_ERR_NOMEM;
		cfg->v = nv;
		cfg->cap = ncap;
	}
	d = &cfg->v[cfg->n];
	memset(d, 0, sizeof(*d));
	d->name = strdup(name);
	d->path = strdup(path);
	d->argc = words->n > first ? words->n - first : 0;
	if (d->argc > 0)
		d->argv = calloc(d->argc, sizeof(char *));
	if (d->name == NULL || d->path == NULL || (d->argc > 0 && d->argv == NULL)) {
		free(d->name);
		free(d->path);
		free(d->argv);
		return RP_ERR_NOMEM;
	}
	for (size_t i = 0; i < d->argc; i++) {
		d->argv[i] = words->v[i + first];
		words->v[i + first] = NULL; /* transferred */
	}
	d->line = line;
	d->parent = parent;
	d->section = section;
	cfg->n++;
	return RP_OK;
}

static bool has_magic(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static void parse_file(struct parser *ps, const char *path, const char *data, size_t len, int base);

static void include_path(struct parser *ps, const char *file, const char *from, unsigned line, int parent,
			 bool optional);

static void include_list(struct parser *ps, const char *pattern, const char *from, unsigned line, int parent,
			 bool optional)
{
	struct rp_strlist files = {0};
	int ret = ps->io->glob(ps->io->ctx, pattern, &files);

	if (ret == RP_ERR_NOMEM)
		ps->err = ret;
	if (ret != RP_OK && !optional)
		problem(ps, from, line, "Include %s: %s", pattern, rp_strerror(ret));
	else if (ret == RP_OK && files.n == 0 && !optional)
		problem(ps, from, line, "Include %s: no file matches", pattern);
	for (size_t i = 0; i < files.n && ps->err == RP_OK; i++)
		include_path(ps, files.v[i], from, line, parent, optional);
	rp_strlist_clear(&files);
}

static void include_path(struct parser *ps, const char *file, const char *from, unsigned line, int parent,
			 bool optional)
{
	struct rp_buf buf;
	int ret;

	for (unsigned i = 0; i < ps->depth; i++) {
		if (strcmp(ps->stack[i], file) == 0) {
			problem(ps, from, line, "Include loop: %s is already being read", file);
			return;
		}
	}
	if (ps->depth >= RP_APACHE_MAX_DEPTH) {
		problem(ps, from, line, "includes nested deeper than %d: %s", RP_APACHE_MAX_DEPTH, file);
		return;
	}
	if (ps->cfg->files.n >= RP_APACHE_MAX_FILES) {
		problem(ps, from, line, "more than %d files included: %s", RP_APACHE_MAX_FILES, file);
		return;
	}
	rp_buf_init(&buf, RP_FILE_MAX);
	ret = ps->io->read(ps->io->ctx, file, &buf);
	if (ret == RP_ERR_NOTREG) {
		/* a directory: httpd reads every file in it */
		char *pat = rp_path_join(file, "*");

		if (pat == NULL) {
			ps->err = RP_ERR_NOMEM;
			goto out;
		}
		ps->stack[ps->depth++] = file;
		include_list(ps, pat, from, line, parent, true);
		ps->depth--;
		free(pat);
		goto out;
	}
	if (ret != RP_OK) {
		if (ret == RP_ERR_NOMEM)
			ps->err = ret;
		if (!(optional && ret == RP_ERR_NOTFOUND))
			problem(ps, from, line, "Include %s: %s", file, rp_strerror(ret));
		goto out;
	}
	if (ps->cfg->total_read + buf.len > RP_APACHE_MAX_TOTAL) {
		problem(ps, from, line, "Include %s: more than %zu bytes read in all", file, RP_APACHE_MAX_TOTAL);
		goto out;
	}
	ps->cfg->total_read += buf.len;
	parse_file(ps, file, buf.data ? buf.data : "", buf.len, parent);
out:
	rp_buf_free(&buf);
}

static void do_include(struct parser *ps, const struct rp_strlist *words, const char *path, unsigned line,
		       int parent, bool optional)
{
	char *pattern;

	if (words->n != 2) {
		problem(ps, path, line, "%s takes one argument", words->v[0]);
		return;
	}
	if (ps->io == NULL) {
		problem(ps, path, line, "%s %s: includes are not followed here", words->v[0], words->v[1]);
		return;
	}
	if (words->v[1][0] == '/')
		pattern = strdup(words->v[1]);
	else
		pattern = rp_path_join(ps->cfg->server_root, words->v[1]);
	if (pattern == NULL) {
		ps->err = RP_ERR_NOMEM;
		return;
	}
	if (has_magic(pattern))
		include_list(ps, pattern, path, line, parent, optional);
	else
		include_path(ps, pattern, path, line, parent, optional);
	free(pattern);
}

static void do_define(struct parser *ps, const struct rp_strlist *words, const char *path, unsigned line)
{
	char *s;

	if (words->n < 2 || words->n > 3) {
		problem(ps, path, line, "Define takes one or two arguments");
		return;
	}
	if (ps->cfg->defines.n >= RP_APACHE_MAX_DEFINES) {
		problem(ps, path, line, "more than %d Define", RP_APACHE_MAX_DEFINES);
		return;
	}
	s = words->n == 3 ? rp_asprintf("%s=%s", words->v[1], words->v[2]) : strdup(words->v[1]);
	if (s == NULL || rp_strlist_take(&ps->cfg->defines, s) != RP_OK)
		ps->err = RP_ERR_NOMEM;
}

static void handle_line(struct parser *ps, const char *path, unsigned lineno, const char *line, size_t len,
			int *cur, unsigned *nest)
{
	struct rp_strlist words = {0};
	bool too_many = false;
	int r;

	while (len > 0 && (*line == ' ' || *line == '\t'))
		line++, len--;
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	if (len == 0 || *line == '#')
		return;
	if (*line == '<' && len > 1 && line[1] == '/') {
		size_t n = 2;
		char name[128];

		while (n < len && line[n] != '>' && line[n] != ' ' && line[n] != '\t')
			n++;
		snprintf(name, sizeof(name), "%.*s", (int)(n - 2 < 127 ? n - 2 : 127), line + 2);
		if (*nest == 0) {
			problem(ps, path, lineno, "</%s> without matching <%s> section", name, name);
			return;
		}
		if (strcasecmp(ps->cfg->v[*cur].name, name) != 0)
			problem(ps, path, lineno, "</%s> closes section <%s> of %s:%u", name, ps->cfg->v[*cur].name,
				ps->cfg->v[*cur].path, ps->cfg->v[*cur].line);
		*cur = ps->cfg->v[*cur].parent;
		(*nest)--;
		return;
	}
	if (*line == '<') {
		const char *gt = memchr(line, '>', len);
		size_t n = 1;
		char *name;

		if (gt == NULL || (size_t)(gt - line) != len - 1) {
			problem(ps, path, lineno, "section directive missing closing '>'");
			return;
		}
		while (n < len - 1 && line[n] != ' ' && line[n] != '\t')
			n++;
		if (n == 1) {
			problem(ps, path, lineno, "empty section name");
			return;
		}
		if (*nest >= RP_APACHE_MAX_NEST) {
			problem(ps, path, lineno, "sections nested deeper than %d", RP_APACHE_MAX_NEST);
			return;
		}
		name = strndup(line + 1, n - 1);
		if (name == NULL) {
			ps->err = RP_ERR_NOMEM;
			return;
		}
		r = split_words(ps->cfg, line + n, (size_t)(gt - line) - n, &words, &too_many);
		if (r == RP_OK)
			r = add_directive(ps, &words, name, path, lineno, *cur, true);
		free(name);
		if (r == RP_ERR_NOMEM)
			ps->err = r;
		if (r == RP_OK) {
			*cur = (int)ps->cfg->n - 1;
			(*nest)++;
		}
		goto out;
	}
	r = split_words(ps->cfg, line, len, &words, &too_many);
	if (r != RP_OK) {
		ps->err = r;
		goto out;
	}
	if (too_many)
		problem(ps, path, lineno, "more than %d arguments", RP_APACHE_MAX_ARGS);
	if (words.n == 0)
		goto out;
	if (strcasecmp(words.v[0], "Include") == 0 || strcasecmp(words.v[0], "IncludeOptional") == 0) {
		do_include(ps, &words, path, lineno, *cur, strcasecmp(words.v[0], "IncludeOptional") == 0);
		goto out;
	}
	if (strcasecmp(words.v[0], "Define") == 0)
		do_define(ps, &words, path, lineno);
	if (strcasecmp(words.v[0], "ServerRoot") == 0 && words.n == 2 && words.v[1][0] == '/') {
		char *sr = strdup(words.v[1]);

		if (sr == NULL) {
			ps->err = RP_ERR_NOMEM;
			goto out;
		}
		free(ps->cfg->server_root);
		ps->cfg->server_root = sr;
	}
	{
		char *name = words.v[0];

		r = add_directive(ps, &words, name, path, lineno, *cur, false);
		if (r == RP_ERR_NOMEM)
			ps->err = r;
	}
out:
	rp_strlist_clear(&words);
}

static void parse_file(struct parser *ps, const char *path, const char *data, size_t len, int base)
{
	struct rp_lines it;
	struct rp_buf joined;
	const char *line;
	size_t n;
	bool too_long;
	unsigned start = 0;
	int cur = base;
	unsigned nest = 0;

	if (rp_text_is_binary(data, len)) {
		problem(ps, path, 0, "binary data, not a configuration file");
		return;
	}
	if (rp_strlist_add(&ps->cfg->files, path) != RP_OK) {
		ps->err = RP_ERR_NOMEM;
		return;
	}
	ps->stack[ps->depth++] = path;
	rp_buf_init(&joined, RP_LINE_MAX);
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ps->err == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		bool cont;

		if (too_long) {
			problem(ps, path, it.lineno, "line longer than %zu bytes, ignored", RP_LINE_MAX);
			rp_buf_reset(&joined);
			start = 0;
			continue;
		}
		if (start == 0)
			start = it.lineno;
		cont = n > 0 && line[n - 1] == '\\';
		if (rp_buf_add(&joined, line, cont ? n - 1 : n) != RP_OK) {
			problem(ps, path, start, "continued line longer than %zu bytes, ignored", RP_LINE_MAX);
			rp_buf_reset(&joined);
			start = 0;
			continue;
		}
		if (cont)
			continue;
		handle_line(ps, path, start, joined.data ? joined.data : "", joined.len, &cur, &nest);
		rp_buf_reset(&joined);
		start = 0;
	}
	if (joined.len > 0 && ps->err == RP_OK)
		handle_line(ps, path, start, joined.data, joined.len, &cur, &nest);
	if (nest > 0 && ps->err == RP_OK)
		problem(ps, path, it.lineno, "end of file inside <%s> section of line %u", ps->cfg->v[cur].name,
			ps->cfg->v[cur].line);
	rp_buf_free(&joined);
	ps->depth--;
}

int rp_apache_parse(struct rp_apache_conf *cfg, const char *path, const char *data, size_t len,
		    const struct rp_apache_io *io, struct rp_diag *diag)
{
	struct parser ps = {.cfg = cfg, .io = io, .diag = diag};

	if (cfg->server_root == NULL) {
		const char *slash = strrchr(path, '/');

		cfg->server_root = slash == NULL || slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
		if (cfg->server_root == NULL)
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

int rp_apache_load(struct rp_apache_conf *cfg, const struct rp_root *root, const char *path,
		   struct rp_diag *diag)
{
	struct root_io rio = {root};
	struct rp_apache_io io = {root_glob, root_read, &rio};
	struct rp_buf buf;
	int ret;

	rp_buf_init(&buf, RP_FILE_MAX);
	ret = rp_root_read_file(root, path, RP_FILE_MAX, &buf);
	if (ret != RP_OK)
		goto out;
	ret = rp_apache_parse(cfg, path, buf.data ? buf.data : "", buf.len, &io, diag);
out:
	rp_buf_free(&buf);
	return ret;
}

void rp_apache_conf_free(struct rp_apache_conf *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->n; i++) {
		struct rp_apache_directive *d = &cfg->v[i];

		free(d->name);
		for (size_t j = 0; j < d->argc; j++)
			free(d->argv[j]);
		free(d->argv);
		free(d->path);
	}
	free(cfg->v);
	rp_strlist_clear(&cfg->problems);
	rp_strlist_clear(&cfg->files);
	rp_strlist_clear(&cfg->defines);
	free(cfg->server_root);
	memset(cfg, 0, sizeof(*cfg));
}
