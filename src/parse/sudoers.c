#include "parse/sudoers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/lines.h"

/* Work allowed for alias expansion over one parse: aliases can refer to
 * aliases, so a hostile file could ask for exponential expansion. */
#define EXPAND_BUDGET ((size_t)4 << 20)
#define ALIAS_DEPTH 64

struct frame {
	dev_t dev;
	ino_t ino;
};

struct ctx {
	struct rp_sudoers *s;
	const struct rp_root *root;
	struct rp_diag *diag;
	struct frame stack[RP_SUDOERS_MAX_DEPTH + 1];
	unsigned depth;
	size_t items;
	size_t bytes; /* read so far, against RP_SUDOERS_MAX_BYTES */
	bool full;    /* item cap reached, reported once */
};

/* The state of parsing one logical line. */
struct ls {
	struct ctx *c;
	const char *path;
	unsigned line;
	const char *p;
	bool reported;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void skip_blanks(struct ls *ls)
{
	while (is_blank(*ls->p))
		ls->p++;
}

static void *grow_vec(void **v, size_t *n, size_t *cap, size_t sz)
{
	void *nv;
	size_t ncap;

	if (*n == *cap) {
		ncap = *cap ? *cap * 2 : 8;
		nv = realloc(*v, ncap * sz);
		if (nv == NULL)
			return NULL;
		*v = nv;
		*cap = ncap;
	}
	memset((char *)*v + *n * sz, 0, sz);
	return (char *)*v + (*n)++ * sz;
}

static int syntax(struct ls *ls, const char *what)
{
	char *near;

	if (!ls->reported) {
		near = rp_strndup_printable(ls->p, 24);
		rp_diag_add(ls->c->diag, ls->path, ls->line, "syntax error: %s near \"%s\", line skipped",
			    what, near ? near : "");
		free(near);
		ls->reported = true;
	}
	return RP_ERR_PARSE;
}

/* Counts one more item against RP_SUDOERS_MAX_ITEMS. */
static int count_item(struct ls *ls)
{
	if (ls->c->items >= RP_SUDOERS_MAX_ITEMS) {
		if (!ls->c->full)
			rp_diag_add(ls->c->diag, ls->path, ls->line,
				    "more than %d entries, the rest of the sudoers files is ignored",
				    RP_SUDOERS_MAX_ITEMS);
		ls->c->full = true;
		ls->reported = true;
		return RP_ERR_TOO_LARGE;
	}
	ls->c->items++;
	return RP_OK;
}

/* Reads a word up to a blank, NUL or a character of stops. A backslash takes
 * the next character literally; "..." is read as one piece. */
static int read_word(struct ls *ls, const char *stops, struct rp_buf *out)
{
	int ret;

	while (*ls->p != '\0' && !is_blank(*ls->p) && strchr(stops, *ls->p) == NULL) {
		if (*ls->p == '\\' && ls->p[1] != '\0') {
			ls->p++;
		} else if (*ls->p == '"') {
			ls->p++;
			while (*ls->p != '"') {
				if (*ls->p == '\0')
					return syntax(ls, "unterminated quoted string");
				if (*ls->p == '\\' && ls->p[1] != '\0')
					ls->p++;
				if ((ret = rp_buf_addc(out, *ls->p++)) != RP_OK)
					return ret;
			}
			ls->p++;
			continue;
		}
		if ((ret = rp_buf_addc(out, *ls->p++)) != RP_OK)
			return ret;
	}
	return RP_OK;
}

/* Parses "item[, item...]" where item is '!'* word; stops before a blank not
 * followed by ',' or before a character of stops. Items keep one '!' when
 * negated an odd number of times. */
static int parse_list(struct ls *ls, const char *stops, struct rp_strlist *out)
{
	struct rp_buf w;
	unsigned neg;
	size_t base;
	int ret = RP_OK;

	rp_buf_init(&w, RP_LINE_MAX);
	for (;;) {
		skip_blanks(ls);
		neg = 0;
		while (*ls->p == '!') {
			neg++;
			ls->p++;
			skip_blanks(ls);
		}
		rp_buf_reset(&w);
		if ((neg & 1) && (ret = rp_buf_addc(&w, '!')) != RP_OK)
			goto out;
		if (ls->p[0] == '%' && ls->p[1] == ':') {
			/* "%:group": a non-Unix group, the ':' is part of the name */
			if ((ret = rp_buf_add(&w, "%:", 2)) != RP_OK)
				goto out;
			ls->p += 2;
		}
		base = w.len;
		if ((ret = read_word(ls, stops, &w)) != RP_OK)
			goto out;
		if (w.len == base) {
			ret = syntax(ls, "name expected");
			goto out;
		}
		if ((ret = count_item(ls)) != RP_OK)
			goto out;
		if ((ret = rp_strlist_add(out, w.data)) != RP_OK)
			goto out;
		skip_blanks(ls);
		if (*ls->p != ',')
			break;
		ls->p++;
	}
out:
	rp_buf_free(&w);
	return ret;
}

/* An upper-case word of [A-Z0-9_] at p; returns its length (0 if none). */
static size_t upper_word(const char *p)
{
	size_t n = 0;

	if (!is_upper(*p))
		return 0;
	while (is_upper(p[n]) || is_digit(p[n]) || p[n] == '_')
		n++;
	return n;
}

static const struct {
	const char *name;
	unsigned set, clear;
} tag_tab[] = {
    {"NOPASSWD", RP_SUDO_TAG_NOPASSWD, 0},
    {"PASSWD", 0, RP_SUDO_TAG_NOPASSWD},
    {"NOEXEC", RP_SUDO_TAG_NOEXEC, 0},
    {"EXEC", 0, RP_SUDO_TAG_NOEXEC},
    {"SETENV", RP_SUDO_TAG_SETENV, 0},
    {"NOSETENV", 0, RP_SUDO_TAG_SETENV},
    {"NOLOG_INPUT", RP_SUDO_TAG_NOLOG_INPUT, 0},
    {"LOG_INPUT", 0, RP_SUDO_TAG_NOLOG_INPUT},
    {"NOLOG_OUTPUT", RP_SUDO_TAG_NOLOG_OUTPUT, 0},
    {"LOG_OUTPUT", 0, RP_SUDO_TAG_NOLOG_OUTPUT},
    {"NOMAIL", RP_SUDO_TAG_NOMAIL, 0},
    {"MAIL", 0, RP_SUDO_TAG_NOMAIL},
    {"NOFOLLOW", RP_SUDO_TAG_NOFOLLOW, 0},
    {"FOLLOW", 0, RP_SUDO_TAG_NOFOLLOW},
    {"NOINTERCEPT", RP_SUDO_TAG_NOINTERCEPT, 0},
    {"INTERCEPT", 0, RP_SUDO_TAG_NOINTERCEPT},
};

static const char *const option_tab[] = {
    "ROLE",	 "TYPE",     "APPARMOR_PROFILE", "PRIVS", "LIMITPRIVS",
    "NOTBEFORE", "NOTAFTER", "TIMEOUT",		 "CWD",	  "CHROOT",
};

static bool word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* Consumes "TAG:" and "OPTION=value" prefixes of a command spec. */
static int parse_tags(struct ls *ls, unsigned *tags)
{
	struct rp_buf w;
	const char *q;
	size_t n;
	bool hit;
	int ret = RP_OK;

	rp_buf_init(&w, RP_LINE_MAX);
	for (;;) {
		skip_blanks(ls);
		n = upper_word(ls->p);
		if (n == 0)
			break;
		q = ls->p + n;
		while (is_blank(*q))
			q++;
		hit = false;
		if (*q == ':') {
			for (size_t i = 0; i < sizeof(tag_tab) / sizeof(tag_tab[0]); i++) {
				if (word_is(ls->p, n, tag_tab[i].name)) {
					*tags = (*tags | tag_tab[i].set) & ~tag_tab[i].clear;
					hit = true;
				}
			}
		} else if (*q == '=') {
			for (size_t i = 0; i < sizeof(option_tab) / sizeof(option_tab[0]); i++)
				hit = hit || word_is(ls->p, n, option_tab[i]);
		}
		if (!hit)
			break;
		ls->p = q + 1;
		if (*q == '=') {
			skip_blanks(ls);
			rp_buf_reset(&w);
			if ((ret = read_word(ls, ",:", &w)) != RP_OK)
				break;
			if (w.len == 0) {
				ret = syntax(ls, "option value expected");
				break;
			}
		}
	}
	rp_buf_free(&w);
	return ret;
}

static bool at_digest(const char *p)
{
	return strncmp(p, "sha224:", 7) == 0 || strncmp(p, "sha256:", 7) == 0 ||
	       strncmp(p, "sha384:", 7) == 0 || strncmp(p, "sha512:", 7) == 0;
}

/* What sudo accepts as a command: a fully-qualified path or a regular
 * expression ("^..."), "sudoedit" or "list", or ALL or a Cmnd_Alias alone. */
static int check_command(struct ls *ls, const char *cmd)
{
	size_t n = upper_word(cmd);

	if (cmd[0] == '/' || cmd[0] == '^')
		return RP_OK;
	if ((strncmp(cmd, "sudoedit", 8) == 0 && (cmd[8] == '\0' || is_blank(cmd[8]))) ||
	    strcmp(cmd, "list") == 0)
		return RP_OK;
	if (n > 0 && cmd[n] == '\0')
		return RP_OK;
	if (n > 0 && is_blank(cmd[n]))
		return syntax(ls, "ALL or an alias takes no arguments");
	return syntax(ls, "expected a fully-qualified path name");
}

/* Parses '!'* [digest[, digest...]] command [args] up to an unescaped ',' or
 * ':' or the end; out gets the command with escapes removed. */
static int parse_command(struct ls *ls, bool *negated, struct rp_buf *out)
{
	unsigned neg = 0;
	int ret;

	rp_buf_reset(out);
	skip_blanks(ls);
	while (*ls->p == '!') {
		neg++;
		ls->p++;
		skip_blanks(ls);
	}
	*negated = neg & 1;
	while (at_digest(ls->p)) {
		ls->p += 7;
		while (*ls->p != '\0' && !is_blank(*ls->p) && *ls->p != ',')
			ls->p++;
		skip_blanks(ls);
		if (*ls->p == ',') {
			ls->p++;
			skip_blanks(ls);
			if (!at_digest(ls->p))
				return syntax(ls, "digest expected");
		}
	}
	while (*ls->p != '\0' && *ls->p != ',' && *ls->p != ':') {
		if (*ls->p == '=')
			return syntax(ls, "'=' in a command must be escaped");
		if (*ls->p == '\\' && ls->p[1] != '\0')
			ls->p++;
		if ((ret = rp_buf_addc(out, *ls->p++)) != RP_OK)
			return ret;
	}
	while (out->len > 0 && is_blank(out->data[out->len - 1]))
		out->data[--out->len] = '\0';
	if (out->len == 0)
		return syntax(ls, "command expected");
	return check_command(ls, out->data) != RP_OK ? RP_ERR_PARSE : count_item(ls);
}

static void runas_free(struct rp_sudo_runas *r)
{
	free(r->text);
	rp_strlist_clear(&r->users);
	rp_strlist_clear(&r->groups);
}

static void rule_free(struct rp_sudo_rule *r)
{
	free(r->file);
	rp_strlist_clear(&r->users);
	rp_strlist_clear(&r->who);
	rp_strlist_clear(&r->hosts);
	for (size_t i = 0; i < r->ncmnds; i++)
		free(r->cmnds[i].text);
	free(r->cmnds);
	for (size_t i = 0; i < r->nrunas; i++)
		runas_free(&r->runas[i]);
	free(r->runas);
}

/* Parses "(users : groups)" at ls->p, appending it to r->runas. */
static int parse_runas(struct ls *ls, struct rp_sudo_rule *r)
{
	struct rp_sudo_runas *ra;
	const char *start;
	int ret;

	ls->p++; /* '(' */
	start = ls->p;
	ra = grow_vec((void **)&r->runas, &r->nrunas, &r->caprunas, sizeof(*r->runas));
	if (ra == NULL)
		return RP_ERR_NOMEM;
	skip_blanks(ls);
	if (*ls->p != ':' && *ls->p != ')' && (ret = parse_list(ls, ":(),=", &ra->users)) != RP_OK)
		return ret;
	skip_blanks(ls);
	if (*ls->p == ':') {
		ls->p++;
		skip_blanks(ls);
		if (*ls->p != ')' && (ret = parse_list(ls, ":(),=", &ra->groups)) != RP_OK)
			return ret;
		skip_blanks(ls);
	}
	if (*ls->p != ')')
		return syntax(ls, "')' expected");
	if ((ra->text = strndup(start, (size_t)(ls->p - start))) == NULL)
		return RP_ERR_NOMEM;
	ls->p++;
	return RP_OK;
}

/* Parses a Cmnd_Spec_List into r, up to ':' or the end. */
static int parse_cmnd_list(struct ls *ls, struct rp_sudo_rule *r)
{
	struct rp_buf w;
	struct rp_sudo_cmnd *c;
	unsigned tags = 0;
	int runas = -1, ret;
	bool neg;

	rp_buf_init(&w, RP_LINE_MAX);
	for (;;) {
		skip_blanks(ls);
		if (*ls->p == '(') {
			if ((ret = parse_runas(ls, r)) != RP_OK)
				goto out;
			runas = (int)(r->nrunas - 1);
		}
		if ((ret = parse_tags(ls, &tags)) != RP_OK)
			goto out;
		if ((ret = parse_command(ls, &neg, &w)) != RP_OK)
			goto out;
		c = grow_vec((void **)&r->cmnds, &r->ncmnds, &r->capcmnds, sizeof(*r->cmnds));
		if (c == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		c->text = rp_buf_take(&w);
		rp_buf_init(&w, RP_LINE_MAX);
		if (c->text == NULL) {
			r->ncmnds--;
			ret = RP_ERR_NOMEM;
			goto out;
		}
		c->negated = neg;
		c->tags = tags;
		c->runas = runas;
		skip_blanks(ls);
		if (*ls->p != ',')
			break;
		ls->p++;
	}
	ret = RP_OK;
out:
	rp_buf_free(&w);
	return ret;
}

/* Removes what a failed line added past the given counts. */
static void rollback(struct rp_sudoers *s, size_t nrules, size_t naliases, size_t ndefaults)
{
	while (s->nrules > nrules)
		rule_free(&s->rules[--s->nrules]);
	while (s->naliases > naliases) {
		struct rp_sudo_alias *a = &s->aliases[--s->naliases];
		free(a->name);
		free(a->file);
		rp_strlist_clear(&a->members);
	}
	while (s->ndefaults > ndefaults) {
		struct rp_sudo_default *d = &s->defaults[--s->ndefaults];
		free(d->file);
		free(d->name);
		free(d->value);
		rp_strlist_clear(&d->targets);
		rp_strlist_clear(&d->who);
	}
}

static int parse_user_spec(struct ls *ls)
{
	struct rp_sudoers *s = ls->c->s;
	struct rp_strlist users = {0};
	struct rp_sudo_rule *r;
	int ret;

	if ((ret = parse_list(ls, "=:(),", &users)) != RP_OK)
		goto out;
	for (;;) {
		if ((ret = count_item(ls)) != RP_OK)
			goto out;
		r = grow_vec((void **)&s->rules, &s->nrules, &s->caprules, sizeof(*s->rules));
		if (r == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		r->line = ls->line;
		if ((r->file = strdup(ls->path)) == NULL ||
		    (ret = rp_strlist_copy(&r->users, &users)) != RP_OK) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		skip_blanks(ls);
		if (*ls->p == '\0' || *ls->p == '=') {
			ret = syntax(ls, "host list expected");
			goto out;
		}
		if ((ret = parse_list(ls, "=:(),", &r->hosts)) != RP_OK)
			goto out;
		skip_blanks(ls);
		if (*ls->p != '=') {
			ret = syntax(ls, "'=' expected");
			goto out;
		}
		ls->p++;
		if ((ret = parse_cmnd_list(ls, r)) != RP_OK)
			goto out;
		skip_blanks(ls);
		if (*ls->p == '\0')
			break;
		if (*ls->p != ':') {
			ret = syntax(ls, "',' or ':' expected");
			goto out;
		}
		ls->p++;
	}
	ret = RP_OK;
out:
	rp_strlist_clear(&users);
	return ret;
}

static int parse_alias(struct ls *ls, enum rp_sudo_alias_kind kind)
{
	struct rp_sudoers *s = ls->c->s;
	struct rp_sudo_alias *a;
	struct rp_buf w;
	size_t n;
	bool neg;
	int ret;

	rp_buf_init(&w, RP_LINE_MAX);
	for (;;) {
		skip_blanks(ls);
		n = upper_word(ls->p);
		if (n == 0 || (ls->p[n] != '\0' && !is_blank(ls->p[n]) && ls->p[n] != '=')) {
			ret = syntax(ls, "alias name expected (upper case letters, digits, '_')");
			goto out;
		}
		if (word_is(ls->p, n, "ALL")) {
			ret = syntax(ls, "ALL is reserved");
			goto out;
		}
		if ((ret = count_item(ls)) != RP_OK)
			goto out;
		a = grow_vec((void **)&s->aliases, &s->naliases, &s->capaliases, sizeof(*s->aliases));
		if (a == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		a->kind = kind;
		a->line = ls->line;
		a->name = strndup(ls->p, n);
		a->file = strdup(ls->path);
		if (a->name == NULL || a->file == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		ls->p += n;
		skip_blanks(ls);
		if (*ls->p != '=') {
			ret = syntax(ls, "'=' expected");
			goto out;
		}
		ls->p++;
		if (kind != RP_SUDO_CMND_ALIAS) {
			if ((ret = parse_list(ls, "=:(),", &a->members)) != RP_OK)
				goto out;
		} else {
			for (;;) {
				if ((ret = parse_command(ls, &neg, &w)) != RP_OK)
					goto out;
				if ((ret = rp_strlist_take(
					 &a->members, rp_asprintf("%s%s", neg ? "!" : "", w.data))) != RP_OK)
					goto out;
				skip_blanks(ls);
				if (*ls->p != ',')
					break;
				ls->p++;
			}
		}
		skip_blanks(ls);
		if (*ls->p == '\0')
			break;
		if (*ls->p != ':') {
			ret = syntax(ls, "',' or ':' expected");
			goto out;
		}
		ls->p++;
	}
	ret = RP_OK;
out:
	rp_buf_free(&w);
	return ret;
}

/* Reads a Defaults value: a quoted string, or a word up to ',' or a blank. */
static int read_value(struct ls *ls, struct rp_buf *out)
{
	int ret;

	if (*ls->p == '"')
		return read_word(ls, ",", out);
	while (*ls->p != '\0' && *ls->p != ',' && !is_blank(*ls->p)) {
		if (*ls->p == '\\' && ls->p[1] != '\0')
			ls->p++;
		if ((ret = rp_buf_addc(out, *ls->p++)) != RP_OK)
			return ret;
	}
	return RP_OK;
}

static int parse_defaults(struct ls *ls)
{
	struct rp_sudoers *s = ls->c->s;
	struct rp_sudo_default *d;
	struct rp_strlist targets = {0};
	struct rp_buf w;
	char binding = 0;
	unsigned neg;
	size_t n;
	int ret;

	rp_buf_init(&w, RP_LINE_MAX);
	if (*ls->p == '@' || *ls->p == ':' || *ls->p == '!' || *ls->p == '>') {
		binding = *ls->p++;
		if (is_blank(*ls->p)) {
			ret = syntax(ls, "binding list expected");
			goto out;
		}
		if ((ret = parse_list(ls, "=:(),", &targets)) != RP_OK)
			goto out;
	}
	skip_blanks(ls);
	if (*ls->p == '\0') {
		ret = syntax(ls, "parameter expected");
		goto out;
	}
	for (;;) {
		skip_blanks(ls);
		neg = 0;
		while (*ls->p == '!') {
			neg++;
			ls->p++;
			skip_blanks(ls);
		}
		n = 0;
		while ((ls->p[n] >= 'a' && ls->p[n] <= 'z') || is_upper(ls->p[n]) || is_digit(ls->p[n]) ||
		       ls->p[n] == '_')
			n++;
		if (n == 0) {
			ret = syntax(ls, "parameter name expected");
			goto out;
		}
		if ((ret = count_item(ls)) != RP_OK)
			goto out;
		d = grow_vec((void **)&s->defaults, &s->ndefaults, &s->capdefaults, sizeof(*s->defaults));
		if (d == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		d->line = ls->line;
		d->binding = binding;
		d->negated = neg & 1;
		d->file = strdup(ls->path);
		d->name = strndup(ls->p, n);
		if (d->file == NULL || d->name == NULL ||
		    (ret = rp_strlist_copy(&d->targets, &targets)) != RP_OK) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		ls->p += n;
		skip_blanks(ls);
		if (*ls->p == '=' || ((*ls->p == '+' || *ls->p == '-') && ls->p[1] == '=')) {
			d->op = *ls->p == '=' ? '=' : *ls->p;
			ls->p += d->op == '=' ? 1 : 2;
			skip_blanks(ls);
			rp_buf_reset(&w);
			if ((ret = read_value(ls, &w)) != RP_OK)
				goto out;
			if (w.data == NULL && (ret = rp_buf_add(&w, "", 0)) != RP_OK)
				goto out;
			if ((d->value = strdup(w.data)) == NULL) {
				ret = RP_ERR_NOMEM;
				goto out;
			}
			if (neg > 0) {
				ret = syntax(ls, "a negated parameter takes no value");
				goto out;
			}
		}
		skip_blanks(ls);
		if (*ls->p == '\0')
			break;
		if (*ls->p != ',') {
			ret = syntax(ls, "',' expected");
			goto out;
		}
		ls->p++;
	}
	ret = RP_OK;
out:
	rp_strlist_clear(&targets);
	rp_buf_free(&w);
	return ret;
}

/* True when p starts with keyword kw followed by the end or a blank (or, with
 * defaults_binding, one of "@:!>"). */
static bool keyword(const char *p, const char *kw, bool defaults_binding)
{
	size_t n = strlen(kw);

	if (strncmp(p, kw, n) != 0)
		return false;
	return p[n] == '\0' || is_blank(p[n]) || (defaults_binding && strchr("@:!>", p[n]) != NULL);
}

static int parse_logical(struct ctx *c, const char *path, unsigned line, const char *text)
{
	static const struct {
		const char *kw;
		enum rp_sudo_alias_kind kind;
	} alias_kw[] = {
	    {"User_Alias", RP_SUDO_USER_ALIAS}, {"Runas_Alias", RP_SUDO_RUNAS_ALIAS},
	    {"Host_Alias", RP_SUDO_HOST_ALIAS}, {"Cmnd_Alias", RP_SUDO_CMND_ALIAS},
	    {"Cmd_Alias", RP_SUDO_CMND_ALIAS},
	};
	struct ls ls = {c, path, line, text, false};
	size_t nr = c->s->nrules, na = c->s->naliases, nd = c->s->ndefaults;
	int ret = RP_OK;
	bool done = false;

	skip_blanks(&ls);
	if (*ls.p == '\0')
		return RP_OK;
	if (keyword(ls.p, "Defaults", true)) {
		ls.p += 8;
		ret = parse_defaults(&ls);
		done = true;
	}
	for (size_t i = 0; !done && i < sizeof(alias_kw) / sizeof(alias_kw[0]); i++) {
		if (keyword(ls.p, alias_kw[i].kw, false)) {
			ls.p += strlen(alias_kw[i].kw);
			ret = parse_alias(&ls, alias_kw[i].kind);
			done = true;
		}
	}
	if (!done)
		ret = parse_user_spec(&ls);
	if (ret != RP_OK) {
		rollback(c->s, nr, na, nd);
		c->s->errors++;
		if (!ls.reported)
			rp_diag_add(c->diag, path, line, "%s, line skipped", rp_strerror(ret));
		if (ret == RP_ERR_NOMEM)
			return ret;
	}
	return RP_OK;
}

static int record_file(struct ctx *c, const char *path, int status, const struct stat *st, const char *from,
		       unsigned from_line)
{
	struct rp_sudo_file *f;

	f = grow_vec((void **)&c->s->files, &c->s->nfiles, &c->s->capfiles, sizeof(*c->s->files));
	if (f == NULL)
		return RP_ERR_NOMEM;
	f->status = status;
	f->from_line = from_line;
	f->uid = f->gid = -1;
	if (st != NULL) {
		f->have_stat = true;
		f->mode = st->st_mode;
		f->uid = (long)st->st_uid;
		f->gid = (long)st->st_gid;
		f->dev = (unsigned long long)st->st_dev;
		f->ino = (unsigned long long)st->st_ino;
	}
	f->path = strdup(path);
	f->from = from ? strdup(from) : NULL;
	if (f->path == NULL || (from != NULL && f->from == NULL))
		return RP_ERR_NOMEM;
	return RP_OK;
}

static int parse_buffer(struct ctx *c, const char *path, const char *data, size_t len);

/* Reads and parses path (through the root), named by from:from_line. */
static int include_file(struct ctx *c, const char *path, const char *from, unsigned from_line, int *status)
{
	struct stat st;
	struct rp_buf buf;
	int ret, st_ret;

	*status = RP_OK;
	rp_buf_init(&buf, RP_FILE_MAX);
	if (c->depth >= RP_SUDOERS_MAX_DEPTH) {
		rp_diag_add(c->diag, from, from_line, "includes nested more than %d deep, %s not read",
			    RP_SUDOERS_MAX_DEPTH, path);
		*status = RP_ERR_LOOP;
		return record_file(c, path, RP_ERR_LOOP, NULL, from, from_line);
	}
	if (c->s->nfiles >= RP_SUDOERS_MAX_FILES) {
		rp_diag_add(c->diag, from, from_line, "more than %d sudoers files, %s not read",
			    RP_SUDOERS_MAX_FILES, path);
		*status = RP_ERR_TOO_LARGE;
		return RP_OK;
	}
	st_ret = rp_root_stat(c->root, path, true, &st);
	if (st_ret == RP_OK) {
		for (unsigned i = 0; i < c->depth; i++) {
			if (c->stack[i].dev == st.st_dev && c->stack[i].ino == st.st_ino) {
				rp_diag_add(c->diag, from, from_line,
					    "include loop: %s is already being read", path);
				*status = RP_ERR_LOOP;
				return record_file(c, path, RP_ERR_LOOP, &st, from, from_line);
			}
		}
	}
	ret = rp_root_read_file(c->root, path, RP_FILE_MAX, &buf);
	if (ret == RP_OK && buf.len > RP_SUDOERS_MAX_BYTES - c->bytes)
		ret = RP_ERR_TOO_LARGE; /* reported below like any read failure */
	if (ret == RP_OK)
		c->bytes += buf.len;
	if (ret != RP_OK) {
		*status = ret;
		if (from != NULL)
			rp_diag_add(c->diag, from, from_line, "cannot read %s: %s", path, rp_strerror(ret));
		else if (ret != RP_ERR_NOTFOUND)
			rp_diag_add(c->diag, path, 0, "cannot read: %s", rp_strerror(ret));
		ret = record_file(c, path, ret, st_ret == RP_OK ? &st : NULL, from, from_line);
		goto out;
	}
	if ((ret = record_file(c, path, RP_OK, st_ret == RP_OK ? &st : NULL, from, from_line)) != RP_OK)
		goto out;
	c->stack[c->depth].dev = st_ret == RP_OK ? st.st_dev : 0;
	c->stack[c->depth].ino = st_ret == RP_OK ? st.st_ino : 0;
	c->depth++;
	ret = parse_buffer(c, path, buf.data, buf.len);
	c->depth--;
	if (ret == RP_ERR_BINARY) {
		/* the file was there but held no sudoers text */
		c->s->files[c->s->nfiles - 1].status = ret;
		*status = ret;
		ret = RP_OK;
	}
out:
	rp_buf_free(&buf);
	return ret;
}

static bool includedir_skips(const char *name)
{
	size_t n = strlen(name);

	return n == 0 || name[n - 1] == '~' || strchr(name, '.') != NULL;
}

static int do_include(struct ctx *c, const char *from, unsigned line, const char *arg, bool dir)
{
	struct rp_strlist names = {0};
	char *path = NULL, *full = NULL;
	const char *slash;
	int ret = RP_OK, status;

	if (strstr(arg, "%h") != NULL) {
		rp_diag_add(c->diag, from, line, "include path with %%h (host name) not followed");
		return RP_OK;
	}
	if (arg[0] == '/') {
		path = strdup(arg);
	} else {
		slash = strrchr(from, '/');
		if (slash == NULL || slash == from)
			path = rp_path_join("/", arg);
		else
			path = rp_asprintf("%.*s/%s", (int)(slash - from), from, arg);
	}
	if (path == NULL)
		return RP_ERR_NOMEM;
	if (c->root == NULL) {
		rp_diag_add(c->diag, from, line, "include of %s not followed (no root to read it from)",
			    path);
		goto out;
	}
	if (!dir) {
		ret = include_file(c, path, from, line, &status);
		goto out;
	}
	status = rp_root_list_dir(c->root, path, &names);
	if (status != RP_OK) {
		/* sudo ignores a missing includedir; anything else is worth saying */
		if (status != RP_ERR_NOTFOUND)
			rp_diag_add(c->diag, from, line, "cannot list %s: %s", path, rp_strerror(status));
		goto out;
	}
	for (size_t i = 0; i < names.n && ret == RP_OK; i++) {
		if (includedir_skips(names.v[i]))
			continue;
		free(full);
		if ((full = rp_path_join(path, names.v[i])) == NULL) {
			ret = RP_ERR_NOMEM;
			break;
		}
		ret = include_file(c, full, from, line, &status);
	}
out:
	rp_strlist_clear(&names);
	free(path);
	free(full);
	return ret;
}

/* Handles "#include", "#includedir", "@include", "@includedir" lines;
 * returns 1 when line was one, 0 when not, or an rp_err. */
static int directive(struct ctx *c, const char *path, unsigned lineno, const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	struct rp_buf arg;
	bool dir;
	int ret;

	while (p < end && is_blank(*p))
		p++;
	if (end - p < 9 || (p[0] != '#' && p[0] != '@') || strncmp(p + 1, "include", 7) != 0)
		return 0;
	p += 8;
	dir = end - p >= 3 && strncmp(p, "dir", 3) == 0;
	if (dir)
		p += 3;
	if (p == end || !is_blank(*p))
		return 0;
	while (p < end && is_blank(*p))
		p++;
	rp_buf_init(&arg, RP_LINE_MAX);
	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end)
				p++;
			if ((ret = rp_buf_addc(&arg, *p)) != RP_OK)
				goto out;
		}
		if (p == end) {
			rp_diag_add(c->diag, path, lineno,
				    "syntax error: unterminated quoted include path, line skipped");
			ret = 1;
			goto out;
		}
	} else {
		for (; p < end && !is_blank(*p); p++) {
			if (*p == '\\' && p + 1 < end)
				p++;
			if ((ret = rp_buf_addc(&arg, *p)) != RP_OK)
				goto out;
		}
	}
	if (arg.len == 0) {
		rp_diag_add(c->diag, path, lineno, "syntax error: include without a path, line skipped");
		ret = 1;
		goto out;
	}
	ret = do_include(c, path, lineno, arg.data, dir);
	if (ret == RP_OK)
		ret = 1;
out:
	rp_buf_free(&arg);
	return ret;
}

/* Finds where the comment of a physical line starts ('#' not quoted, not
 * escaped and not a "#uid"), or len. *cont is set when the line ends in a
 * backslash (blanks after it allowed); the backslash is then excluded. */
static size_t scan_physical(const char *l, size_t len, bool *cont)
{
	bool q = false;
	size_t j;

	*cont = false;
	for (size_t i = 0; i < len; i++) {
		if (l[i] == '\\') {
			for (j = i + 1; j < len && is_blank(l[j]); j++)
				;
			if (j == len) {
				*cont = true;
				return i;
			}
			i++;
		} else if (l[i] == '"') {
			q = !q;
		} else if (l[i] == '#' && !q) {
			if (i + 1 < len &&
			    (is_digit(l[i + 1]) || (l[i + 1] == '-' && i + 2 < len && is_digit(l[i + 2]))))
				continue;
			return i;
		}
	}
	return len;
}

static int parse_buffer(struct ctx *c, const char *path, const char *data, size_t len)
{
	struct rp_lines it;
	struct rp_buf logical;
	const char *line;
	size_t n, keep;
	bool too_long, cont = false, dropping = false, more;
	unsigned start = 0;
	int ret = RP_OK;

	if (data == NULL)
		len = 0;
	if (len > 0 && rp_text_is_binary(data, len)) {
		rp_diag_add(c->diag, path, 0, "binary data, not parsed");
		c->s->errors++;
		return RP_ERR_BINARY;
	}
	rp_buf_init(&logical, RP_LINE_MAX);
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	for (;;) {
		if (c->full)
			break;
		more = rp_lines_next(&it, &line, &n, &too_long);
		if (!more) {
			if (cont && !dropping && (ret = parse_logical(c, path, start, logical.data)) != RP_OK)
				break;
			break;
		}
		if (!cont) {
			start = it.lineno;
			dropping = false;
			rp_buf_reset(&logical);
		}
		if (too_long || (line != NULL && memchr(line, '\0', n) != NULL)) {
			rp_diag_add(c->diag, path, it.lineno,
				    too_long ? "line longer than %zu bytes, skipped"
					     : "NUL byte in line (limit %zu), skipped",
				    it.max_line);
			c->s->errors++;
			/* the continuation state of a skipped line is unknown: end the entry */
			cont = false;
			continue;
		}
		if (!cont) {
			int d = directive(c, path, it.lineno, line, n);
			if (d < 0) {
				ret = d;
				break;
			}
			if (d == 1)
				continue;
		}
		keep = scan_physical(line, n, &cont);
		if (!dropping && (rp_buf_add(&logical, line, keep) != RP_OK ||
				  (cont && rp_buf_addc(&logical, ' ') != RP_OK))) {
			rp_diag_add(c->diag, path, start, "entry continued past %zu bytes, skipped",
				    RP_LINE_MAX);
			c->s->errors++;
			dropping = true;
		}
		if (cont || dropping)
			continue;
		if (logical.data == NULL)
			continue;
		if ((ret = parse_logical(c, path, start, logical.data)) != RP_OK)
			break;
	}
	rp_buf_free(&logical);
	return ret;
}

/* Alias lookup and expansion, after everything is parsed. */

struct expand {
	struct rp_sudoers *s;
	struct rp_diag *diag;
	size_t *order;	   /* alias indexes sorted by (kind, name) */
	unsigned *visited; /* generation stamps, 2 per alias (one per negation parity) */
	unsigned gen;
	signed char *memo; /* per alias: 0 unknown, 1 in progress, 2 no, 3 yes */
	size_t budget;
	bool over; /* budget exhausted, reported */
	bool oom;
};

static int alias_cmp(const void *a, const void *b, void *arg)
{
	const struct rp_sudoers *s = arg;
	const struct rp_sudo_alias *x = &s->aliases[*(const size_t *)a];
	const struct rp_sudo_alias *y = &s->aliases[*(const size_t *)b];

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Index of the alias (the last definition wins, as in sudo), or -1. */
static long find_alias(const struct rp_sudoers *s, const size_t *order, enum rp_sudo_alias_kind kind,
		       const char *name)
{
	size_t lo = 0, hi = s->naliases, mid;
	long found = -1;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		const struct rp_sudo_alias *a = &s->aliases[order[mid]];
		c = a->kind != kind ? (a->kind < kind ? -1 : 1) : strcmp(a->name, name);
		if (c < 0) {
			lo = mid + 1;
		} else {
			if (c == 0)
				found = (long)mid;
			hi = mid;
		}
	}
	if (found < 0)
		return -1;
	/* several definitions: take the one defined last */
	while ((size_t)found + 1 < s->naliases && s->aliases[order[found + 1]].kind == kind &&
	       strcmp(s->aliases[order[found + 1]].name, name) == 0)
		found++;
	return (long)order[found];
}

const struct rp_sudo_alias *rp_sudoers_find_alias(const struct rp_sudoers *s, enum rp_sudo_alias_kind kind,
						  const char *name)
{
	const struct rp_sudo_alias *hit = NULL;

	for (size_t i = 0; i < s->naliases; i++)
		if (s->aliases[i].kind == kind && strcmp(s->aliases[i].name, name) == 0)
			hit = &s->aliases[i];
	return hit;
}

static bool spend(struct expand *x)
{
	if (x->budget == 0) {
		if (!x->over)
			rp_diag_add(x->diag, NULL, 0, "sudoers: alias expansion too large, stopped");
		x->over = true;
		return false;
	}
	x->budget--;
	return true;
}

static bool is_alias_name(const char *s)
{
	size_t n = upper_word(s);

	return n > 0 && s[n] == '\0' && strcmp(s, "ALL") != 0;
}

/* Appends the users of item (negated when neg) to out, expanding aliases. */
static void expand_user(struct expand *x, const char *item, bool neg, struct rp_strlist *out, unsigned depth,
			const char *file, unsigned line)
{
	long ai;
	const struct rp_sudo_alias *a;

	if (!spend(x) || x->oom)
		return;
	while (*item == '!') {
		neg = !neg;
		item++;
	}
	if (!is_alias_name(item)) {
		if (rp_strlist_take(out, rp_asprintf("%s%s", neg ? "!" : "", item)) != RP_OK)
			x->oom = true;
		return;
	}
	ai = find_alias(x->s, x->order, RP_SUDO_USER_ALIAS, item);
	if (ai < 0) {
		rp_diag_add(x->diag, file, line, "User_Alias %s is used but not defined", item);
		return;
	}
	if (x->visited[ai * 2 + neg] == x->gen)
		return; /* already expanded in this list (or a cycle) */
	x->visited[ai * 2 + neg] = x->gen;
	a = &x->s->aliases[ai];
	if (depth >= ALIAS_DEPTH) {
		rp_diag_add(x->diag, a->file, a->line, "User_Alias %s nested too deep", a->name);
		return;
	}
	for (size_t i = 0; i < a->members.n; i++)
		expand_user(x, a->members.v[i], neg, out, depth + 1, a->file, a->line);
}

static void expand_users(struct expand *x, const struct rp_strlist *in, struct rp_strlist *out,
			 const char *file, unsigned line)
{
	x->gen++;
	if (x->gen == 0) {
		memset(x->visited, 0, x->s->naliases * 2 * sizeof(*x->visited));
		x->gen = 1;
	}
	for (size_t i = 0; i < in->n; i++)
		expand_user(x, in->v[i], false, out, 0, file, line);
}

/* Whether the (positive) item matches: for commands, "ALL"; for runas users,
 * "ALL", "root" or "#0". Aliases of kind are followed. */
static bool item_has(struct expand *x, const char *item, enum rp_sudo_alias_kind kind, unsigned depth)
{
	long ai;
	bool res = false;

	if (*item == '!' || !spend(x))
		return false;
	if (strcmp(item, "ALL") == 0)
		return true;
	if (kind == RP_SUDO_RUNAS_ALIAS && (strcmp(item, "root") == 0 || strcmp(item, "#0") == 0))
		return true;
	if (!is_alias_name(item) || (ai = find_alias(x->s, x->order, kind, item)) < 0)
		return false;
	if (x->memo[ai] >= 2)
		return x->memo[ai] == 3;
	if (x->memo[ai] == 1 || depth >= ALIAS_DEPTH) {
		rp_diag_add(x->diag, x->s->aliases[ai].file, x->s->aliases[ai].line,
			    "alias %s refers to itself", x->s->aliases[ai].name);
		return false;
	}
	x->memo[ai] = 1;
	for (size_t i = 0; i < x->s->aliases[ai].members.n && !res; i++)
		res = item_has(x, x->s->aliases[ai].members.v[i], kind, depth + 1);
	x->memo[ai] = res ? 3 : 2;
	return res;
}

static int finalize(struct rp_sudoers *s, struct rp_diag *diag)
{
	struct expand x = {0};
	int ret = RP_ERR_NOMEM;

	x.s = s;
	x.diag = diag;
	x.budget = EXPAND_BUDGET;
	if (s->naliases > 0) {
		x.order = calloc(s->naliases, sizeof(*x.order));
		x.visited = calloc(s->naliases * 2, sizeof(*x.visited));
		x.memo = calloc(s->naliases, sizeof(*x.memo));
		if (x.order == NULL || x.visited == NULL || x.memo == NULL)
			goto out;
		for (size_t i = 0; i < s->naliases; i++)
			x.order[i] = i;
		qsort_r(x.order, s->naliases, sizeof(*x.order), alias_cmp, s);
	}
	for (size_t i = 0; i < s->nrules; i++) {
		struct rp_sudo_rule *r = &s->rules[i];
		rp_strlist_clear(&r->who);
		expand_users(&x, &r->users, &r->who, r->file, r->line);
		for (size_t j = 0; j < r->ncmnds; j++) {
			struct rp_sudo_cmnd *c = &r->cmnds[j];
			c->all = !c->negated && item_has(&x, c->text, RP_SUDO_CMND_ALIAS, 0);
			if (c->runas < 0 || (size_t)c->runas >= r->nrunas) {
				c->as_root = true;
			} else {
				const struct rp_sudo_runas *ra = &r->runas[c->runas];
				c->as_root = ra->users.n == 0 && ra->groups.n == 0;
				for (size_t k = 0; k < ra->users.n && !c->as_root; k++)
					c->as_root = item_has(&x, ra->users.v[k], RP_SUDO_RUNAS_ALIAS, 0);
			}
		}
	}
	for (size_t i = 0; i < s->ndefaults; i++) {
		struct rp_sudo_default *d = &s->defaults[i];
		rp_strlist_clear(&d->who);
		if (d->binding == ':')
			expand_users(&x, &d->targets, &d->who, d->file, d->line);
	}
	ret = x.oom ? RP_ERR_NOMEM : RP_OK;
out:
	free(x.order);
	free(x.visited);
	free(x.memo);
	return ret;
}

int rp_sudoers_parse(struct rp_sudoers *s, const struct rp_root *root, const char *path, const char *data,
		     size_t len, struct rp_diag *diag)
{
	struct ctx c = {0};
	int ret;

	c.s = s;
	c.root = root;
	c.diag = diag;
	if ((ret = record_file(&c, path, RP_OK, NULL, NULL, 0)) != RP_OK)
		return ret;
	c.depth = 1; /* no identity for a buffer: loops through it end at the depth limit */
	ret = parse_buffer(&c, path, data, len);
	if (ret == RP_ERR_BINARY)
		s->files[0].status = ret;
	else if (ret != RP_OK)
		return ret;
	return finalize(s, diag);
}

int rp_sudoers_load(struct rp_sudoers *s, const struct rp_root *root, const char *path, struct rp_diag *diag)
{
	struct ctx c = {0};
	int ret, status;

	c.s = s;
	c.root = root;
	c.diag = diag;
	if ((ret = include_file(&c, path, NULL, 0, &status)) != RP_OK)
		return ret;
	if ((ret = finalize(s, diag)) != RP_OK)
		return ret;
	return status;
}

void rp_sudoers_free(struct rp_sudoers *s)
{
	if (s == NULL)
		return;
	rollback(s, 0, 0, 0);
	free(s->rules);
	free(s->aliases);
	free(s->defaults);
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->files[i].path);
		free(s->files[i].from);
	}
	free(s->files);
	memset(s, 0, sizeof(*s));
}
