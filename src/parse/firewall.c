#include "parse/firewall.h"

#include <ctype.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/lines.h"
#include "core/rootfs.h"

#define TEXT_MAX 512
#define MAX_TOKENS 1000000 /* per file */

static void problem(struct rp_fw_ruleset *rs, struct rp_diag *diag, const char *path, unsigned line,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void problem(struct rp_fw_ruleset *rs, struct rp_diag *diag, const char *path, unsigned line,
		    const char *fmt, ...)
{
	struct rp_buf b;
	va_list ap;

	if (rs->problems.n >= RP_FW_MAX_PROBLEMS) {
		rs->dropped++;
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
		rp_strlist_take(&rs->problems, rp_buf_take(&b));
	}
	rp_buf_free(&b);
}

/* Service names nft and iptables resolve through /etc/services, for the
 * ports the checks care about. */
static const struct {
	const char *name;
	unsigned port;
} services[] = {
    {"ftp", 21},	{"ssh", 22},	  {"telnet", 23},	 {"smtp", 25},	  {"domain", 53},
    {"http", 80},	{"sunrpc", 111},  {"snmp", 161},	 {"ldap", 389},	  {"https", 443},
    {"ms-sql-s", 1433}, {"nfs", 2049},	  {"mysql", 3306},	 {"ms-wbt-server", 3389},
    {"postgresql", 5432}, {"vnc", 5900}, {"x11", 6000},	 {"redis", 6379}, {"memcache", 11211},
    {"mongodb", 27017},
};

static bool parse_port(const char *s, unsigned *out)
{
	long v;

	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (strcasecmp(s, services[i].name) == 0) {
			*out = services[i].port;
			return true;
		}
	if (rp_parse_long(s, 0, 65535, &v) != RP_OK)
		return false;
	*out = (unsigned)v;
	return true;
}

/* "22", "1000-2000" (nft), "1000:2000" (iptables), "ssh". */
static void add_port_item(struct rp_fw_rule *r, const char *item)
{
	char buf[64];
	char *sep;
	unsigned lo, hi;

	if (snprintf(buf, sizeof(buf), "%s", item) >= (int)sizeof(buf)) {
		r->port_named = true;
		return;
	}
	sep = strpbrk(buf, "-:");
	if (sep != NULL && sep != buf) {
		*sep = '\0';
		if (!parse_port(buf, &lo) || !parse_port(sep + 1, &hi) || hi < lo) {
			r->port_named = true;
			return;
		}
	} else if (parse_port(buf, &lo)) {
		hi = lo;
	} else {
		r->port_named = true; /* $var, @set, unknown name */
		return;
	}
	if (r->nports < RP_FW_MAX_PORTS)
		r->ports[r->nports++] = (struct rp_fw_port){lo, hi};
	else
		r->port_named = true;
}

bool rp_fw_rule_has_port(const struct rp_fw_rule *r, unsigned port)
{
	for (size_t i = 0; i < r->nports; i++)
		if (port >= r->ports[i].lo && port <= r->ports[i].hi)
			return true;
	return false;
}

static struct rp_fw_chain *chain_new(struct rp_fw_ruleset *rs, unsigned family, const char *table,
				     const char *name, const char *path, unsigned line)
{
	struct rp_fw_chain *c;

	if (rs->nchains >= RP_FW_MAX_CHAINS) {
		rs->dropped++;
		return NULL;
	}
	if (rs->nchains == rs->capchains) {
		size_t nc = rs->capchains ? rs->capchains * 2 : 16;
		void *nv = realloc(rs->chains, nc * sizeof(*rs->chains));
		if (nv == NULL)
			return NULL;
		rs->chains = nv;
		rs->capchains = nc;
	}
	c = &rs->chains[rs->nchains++];
	memset(c, 0, sizeof(*c));
	c->family = family;
	c->table = rp_strndup_printable(table, strlen(table));
	c->name = rp_strndup_printable(name, strlen(name));
	c->path = rp_strdup(path);
	c->line = line;
	return c;
}

static struct rp_fw_rule *rule_new(struct rp_fw_ruleset *rs, unsigned family, const char *table,
				   const char *chain, const char *path, unsigned line)
{
	struct rp_fw_rule *r;

	if (rs->nrules >= RP_FW_MAX_RULES) {
		rs->dropped++;
		return NULL;
	}
	if (rs->nrules == rs->caprules) {
		size_t nc = rs->caprules ? rs->caprules * 2 : 32;
		void *nv = realloc(rs->rules, nc * sizeof(*rs->rules));
		if (nv == NULL)
			return NULL;
		rs->rules = nv;
		rs->caprules = nc;
	}
	r = &rs->rules[rs->nrules++];
	memset(r, 0, sizeof(*r));
	r->family = family;
	r->table = rp_strndup_printable(table, strlen(table));
	r->chain = rp_strndup_printable(chain, strlen(chain));
	r->path = rp_strdup(path);
	r->line = line;
	return r;
}

static char *lower_dup(const char *s)
{
	char *d = rp_strndup_printable(s, strlen(s));

	for (char *p = d; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* ---- nftables ---- */

enum { T_WORD, T_LBRACE, T_RBRACE, T_SEP, T_COMMA };

struct tok {
	int type;
	char *s; /* T_WORD only */
	unsigned line;
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

static void toks_free(struct toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int tok_add(struct toks *t, int type, const char *s, size_t n, unsigned line)
{
	if (t->n >= MAX_TOKENS)
		return RP_ERR_TOO_LARGE;
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 256;
		void *nv = realloc(t->v, nc * sizeof(*t->v));
		if (nv == NULL)
			return RP_ERR_NOMEM;
		t->v = nv;
		t->cap = nc;
	}
	t->v[t->n].type = type;
	t->v[t->n].line = line;
	t->v[t->n].s = NULL;
	if (type == T_WORD && (t->v[t->n].s = rp_strndup_printable(s, n)) == NULL)
		return RP_ERR_NOMEM;
	t->n++;
	return RP_OK;
}

static int tokenize(struct rp_fw_ruleset *rs, struct rp_diag *diag, const char *path, const char *data,
		    size_t len, struct toks *t)
{
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;
	int ret = RP_OK;

	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ret == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		bool cont = false;
		size_t i = 0;
		if (too_long) {
			problem(rs, diag, path, it.lineno, "line longer than %zu bytes, ignored", (size_t)RP_LINE_MAX);
			continue;
		}
		while (i < n && ret == RP_OK) {
			char c = line[i];
			if (c == ' ' || c == '\t' || c == '\r') {
				i++;
			} else if (c == '#') {
				break;
			} else if (c == '\\' && i + 1 == n) {
				cont = true;
				i++;
			} else if (c == '{' || c == '}' || c == ';' || c == ',') {
				ret = tok_add(t, c == '{' ? T_LBRACE : c == '}' ? T_RBRACE : c == ';' ? T_SEP : T_COMMA,
					      NULL, 0, it.lineno);
				i++;
			} else if (c == '"') {
				const char *end = memchr(line + i + 1, '"', n - i - 1);
				size_t e = end ? (size_t)(end - line) : n;
				if (end == NULL)
					problem(rs, diag, path, it.lineno, "unterminated string");
				ret = tok_add(t, T_WORD, line + i + 1, e - i - 1, it.lineno);
				i = e + 1;
			} else {
				size_t s = i;
				while (i < n && !strchr(" \t\r{};,#\"", line[i]))
					i++;
				ret = tok_add(t, T_WORD, line + s, i - s, it.lineno);
			}
		}
		if (ret == RP_OK && !cont)
			ret = tok_add(t, T_SEP, NULL, 0, it.lineno);
	}
	if (ret == RP_ERR_TOO_LARGE) {
		problem(rs, diag, path, it.lineno, "more than %d tokens, rest ignored", MAX_TOKENS);
		ret = RP_OK;
	}
	return ret;
}

enum { L_TOP, L_TABLE, L_CHAIN };

struct nft {
	struct rp_fw_ruleset *rs;
	const struct rp_fw_io *io;
	struct rp_diag *diag;
	const char *stack[RP_FW_MAX_DEPTH + 1]; /* files being parsed, for loops */
	int depth;
};

static unsigned nft_family(const char *s, bool *known)
{
	*known = true;
	if (strcmp(s, "ip") == 0)
		return RP_FW_V4;
	if (strcmp(s, "ip6") == 0)
		return RP_FW_V6;
	if (strcmp(s, "inet") == 0)
		return RP_FW_V4 | RP_FW_V6;
	if (strcmp(s, "arp") == 0 || strcmp(s, "bridge") == 0 || strcmp(s, "netdev") == 0)
		return 0;
	*known = false;
	return RP_FW_V4; /* "table NAME" without a family is ip */
}

/* Skips a balanced block; *i is just after its '{'. */
static void skip_block(const struct toks *t, size_t *i)
{
	size_t depth = 1;

	for (; *i < t->n && depth > 0; (*i)++) {
		if (t->v[*i].type == T_LBRACE)
			depth++;
		else if (t->v[*i].type == T_RBRACE)
			depth--;
	}
}

/* The statement from *i: tokens up to a separator or an unmatched '}' (not
 * consumed). With inline_braces, braces are part of it (anonymous sets);
 * otherwise it stops before '{' too. */
static size_t gather(const struct toks *t, size_t *i, bool inline_braces)
{
	size_t start = *i, depth = 0;

	for (; *i < t->n; (*i)++) {
		int ty = t->v[*i].type;
		if (ty == T_LBRACE) {
			if (!inline_braces)
				break;
			depth++;
		} else if (ty == T_RBRACE) {
			if (depth == 0)
				break;
			depth--;
		} else if (ty == T_SEP && depth == 0) {
			break;
		}
	}
	return *i - start;
}

static const char *word(const struct toks *t, size_t i, size_t end)
{
	return i < end && t->v[i].type == T_WORD ? t->v[i].s : NULL;
}

static bool is_verdict(const char *w)
{
	static const char *const v[] = {"accept", "drop", "reject", "jump", "goto", "return", "queue", "continue"};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strcmp(w, v[i]) == 0)
			return true;
	return false;
}

static int nft_rule(struct nft *p, const struct toks *t, size_t s, size_t e, unsigned fam, const char *table,
		    const char *chain, const char *path)
{
	struct rp_fw_rule *r = rule_new(p->rs, fam, table, chain, path, t->v[s].line);
	struct rp_buf text;
	static const char *const nomatch[] = {"counter", "log", "comment", "prefix", "level", "packets", "bytes"};

	if (r == NULL)
		return p->rs->nrules >= RP_FW_MAX_RULES ? RP_OK : RP_ERR_NOMEM;
	if (!r->table || !r->chain || !r->path)
		return RP_ERR_NOMEM;
	rp_buf_init(&text, TEXT_MAX);
	for (size_t i = s; i < e; i++) {
		const struct tok *k = &t->v[i];
		const char *w = k->s;
		if (text.len > 0 && k->type != T_COMMA)
			rp_buf_addc(&text, ' ');
		rp_buf_adds(&text, k->type == T_WORD ? w : k->type == T_LBRACE ? "{" : k->type == T_RBRACE ? "}" : ",");
		if (k->type != T_WORD)
			continue;
		if (is_verdict(w)) {
			free(r->verdict);
			free(r->target);
			r->verdict = rp_strdup(w);
			r->target = NULL;
			if ((strcmp(w, "jump") == 0 || strcmp(w, "goto") == 0) && word(t, i + 1, e))
				r->target = rp_strdup(word(t, i + 1, e));
			continue;
		}
		if (i == s || !r->matches) {
			bool nm = false;
			for (size_t x = 0; x < sizeof(nomatch) / sizeof(nomatch[0]); x++)
				if (strcmp(w, nomatch[x]) == 0)
					nm = true;
			if (!nm && i == s)
				r->matches = true;
		}
		if (strcmp(w, "saddr") == 0)
			r->source = true;
		if ((strcmp(w, "iif") == 0 || strcmp(w, "iifname") == 0) && word(t, i + 1, e) &&
		    strcmp(word(t, i + 1, e), "lo") == 0)
			r->loopback = true;
		if (strcmp(w, "dport") == 0 && i + 1 < e) {
			size_t j = i + 1;
			if (t->v[j].type == T_WORD && strcmp(t->v[j].s, "!=") == 0) {
				r->port_named = true; /* negated: every other port */
				continue;
			}
			if (t->v[j].type == T_LBRACE) {
				for (j++; j < e && t->v[j].type != T_RBRACE; j++)
					if (t->v[j].type == T_WORD)
						add_port_item(r, t->v[j].s);
			} else if (t->v[j].type == T_WORD) {
				add_port_item(r, t->v[j].s);
			}
		}
	}
	r->text = rp_buf_take(&text);
	rp_buf_free(&text);
	if (r->text == NULL)
		r->text = rp_strdup("");
	return r->text ? RP_OK : RP_ERR_NOMEM;
}

static int nft_file(struct nft *p, const char *path, const char *data, size_t len, unsigned line_from);

static int nft_include(struct nft *p, const char *from, unsigned line, const char *arg)
{
	struct rp_strlist files = {0};
	struct rp_buf buf;
	char *pattern = NULL;
	int ret = RP_OK;

	if (p->io == NULL) {
		problem(p->rs, p->diag, from, line, "include \"%s\" not followed", arg);
		return RP_OK;
	}
	pattern = arg[0] == '/' ? rp_strdup(arg) : rp_path_join("/etc", arg);
	if (pattern == NULL)
		return RP_ERR_NOMEM;
	rp_buf_init(&buf, RP_FW_MAX_TOTAL);
	ret = p->io->glob(p->io->ctx, pattern, &files);
	if (ret == RP_ERR_NOMEM)
		goto out;
	if (ret != RP_OK) {
		problem(p->rs, p->diag, from, line, "include \"%s\": %s", arg, rp_strerror(ret));
		ret = RP_OK;
		goto out;
	}
	if (files.n == 0 && strpbrk(arg, "*?[") == NULL)
		problem(p->rs, p->diag, from, line, "include \"%s\": file not found", arg);
	for (size_t i = 0; i < files.n && ret == RP_OK; i++) {
		bool loop = false;
		for (int d = 0; d < p->depth; d++)
			if (strcmp(p->stack[d], files.v[i]) == 0)
				loop = true;
		if (loop) {
			problem(p->rs, p->diag, from, line, "include loop: %s includes itself", files.v[i]);
			continue;
		}
		if (p->depth >= RP_FW_MAX_DEPTH) {
			problem(p->rs, p->diag, from, line, "includes nested deeper than %d", RP_FW_MAX_DEPTH);
			continue;
		}
		if (p->rs->files.n >= RP_FW_MAX_FILES) {
			problem(p->rs, p->diag, from, line, "more than %d files, %s ignored", RP_FW_MAX_FILES,
				files.v[i]);
			continue;
		}
		ret = p->io->read(p->io->ctx, files.v[i], &buf);
		if (ret == RP_ERR_NOMEM)
			break;
		if (ret == RP_OK && p->rs->total_read + buf.len > RP_FW_MAX_TOTAL)
			ret = RP_ERR_TOO_LARGE;
		if (ret != RP_OK) {
			problem(p->rs, p->diag, files.v[i], 0, "cannot read (included from %s:%u): %s", from, line,
				rp_strerror(ret));
			ret = RP_OK;
			continue;
		}
		p->rs->total_read += buf.len;
		ret = nft_file(p, files.v[i], buf.data ? buf.data : "", buf.len, line);
		if (ret == RP_ERR_BINARY)
			ret = RP_OK;
	}
out:
	rp_buf_free(&buf);
	rp_strlist_clear(&files);
	free(pattern);
	return ret;
}

static int nft_block(struct nft *p, const struct toks *t, size_t *i, int level, unsigned fam, const char *table,
		     struct rp_fw_chain *chain, int depth, const char *path);

/* "chain NAME" (in a table) or "add chain FAM TABLE NAME": the chain, then its
 * body when '{' follows. */
static int nft_chain(struct nft *p, const struct toks *t, size_t *i, unsigned fam, const char *table,
		     const char *name, unsigned line, int depth, const char *path)
{
	struct rp_fw_chain *c = NULL;

	/* "add chain" twice, or "chain" in a second "table" block: same chain */
	for (size_t k = 0; k < p->rs->nchains; k++)
		if (p->rs->chains[k].family == fam && strcmp(p->rs->chains[k].table, table) == 0 &&
		    strcmp(p->rs->chains[k].name, name) == 0)
			c = &p->rs->chains[k];
	if (c == NULL) {
		c = chain_new(p->rs, fam, table, name, path, line);
		if (c == NULL && p->rs->nchains < RP_FW_MAX_CHAINS)
			return RP_ERR_NOMEM;
		if (c && (!c->table || !c->name || !c->path))
			return RP_ERR_NOMEM;
	}
	if (*i < t->n && t->v[*i].type == T_LBRACE) {
		(*i)++;
		if (c == NULL) {
			skip_block(t, i);
			return RP_OK;
		}
		return nft_block(p, t, i, L_CHAIN, fam, table, c, depth + 1, path);
	}
	return RP_OK;
}

static int nft_stmt(struct nft *p, const struct toks *t, size_t *i, int level, unsigned fam, const char *table,
		    struct rp_fw_chain *chain, int depth, const char *path)
{
	size_t s = *i, n = gather(t, i, level == L_CHAIN), e = s + n;
	const char *w0 = word(t, s, e);
	unsigned line = t->v[s].line;
	bool open = *i < t->n && t->v[*i].type == T_LBRACE;
	int ret = RP_OK;

	if (w0 == NULL) {
		if (open) {
			(*i)++;
			skip_block(t, i);
		} else if (n == 0 && *i < t->n) {
			(*i)++; /* a stray token */
		}
		return RP_OK;
	}
	if (level == L_CHAIN) {
		if (strcmp(w0, "type") == 0) {
			for (size_t k = s; k + 1 < e; k++)
				if (word(t, k, e) && strcmp(word(t, k, e), "hook") == 0 && word(t, k + 1, e)) {
					free(chain->hook);
					chain->hook = lower_dup(word(t, k + 1, e));
				}
		} else if (strcmp(w0, "policy") == 0 && word(t, s + 1, e)) {
			free(chain->policy);
			chain->policy = lower_dup(word(t, s + 1, e));
		} else if (strcmp(w0, "comment") != 0 && strcmp(w0, "devices") != 0 && strcmp(w0, "device") != 0) {
			ret = nft_rule(p, t, s, e, fam, table, chain->name, path);
		}
		return ret;
	}
	if (level == L_TOP && strcmp(w0, "include") == 0) {
		if (word(t, s + 1, e) == NULL)
			problem(p->rs, p->diag, path, line, "include without a file name");
		else
			ret = nft_include(p, path, line, word(t, s + 1, e));
		return ret;
	}
	if (level == L_TOP && (strcmp(w0, "add") == 0 || strcmp(w0, "create") == 0 || strcmp(w0, "table") == 0)) {
		size_t k = strcmp(w0, "table") == 0 ? s : s + 1;
		const char *what = word(t, k, e);
		const char *a = word(t, k + 1, e), *b = word(t, k + 2, e), *c = word(t, k + 3, e);
		bool known;
		unsigned f;
		if (what && strcmp(what, "table") == 0 && a) {
			f = nft_family(a, &known);
			if (known && b == NULL) {
				b = a; /* "table NAME" */
				known = false;
			}
			p->rs->families |= f;
			if (open) {
				(*i)++;
				return nft_block(p, t, i, L_TABLE, f, known ? b : a, NULL, depth + 1, path);
			}
			return RP_OK;
		}
		if (what && (strcmp(what, "chain") == 0 || strcmp(what, "rule") == 0) && a && b) {
			f = nft_family(a, &known);
			if (!known) { /* family omitted: ip */
				c = b;
				b = a;
				k--;
			}
			if (c == NULL) {
				problem(p->rs, p->diag, path, line, "incomplete %s command", what);
				return RP_OK;
			}
			p->rs->families |= f;
			if (strcmp(what, "chain") == 0)
				return nft_chain(p, t, i, f, b, c, line, depth, path);
			/* "add rule FAM TABLE CHAIN ...": the rest, with its anonymous sets */
			*i = s;
			gather(t, i, true);
			e = *i;
			if (k + 4 < e)
				return nft_rule(p, t, k + 4, e, f, b, c, path);
			return RP_OK;
		}
	}
	if (level == L_TABLE && strcmp(w0, "chain") == 0 && word(t, s + 1, e))
		return nft_chain(p, t, i, fam, table, word(t, s + 1, e), line, depth, path);
	/* define, flush, set, map, flowtable, ...: not needed */
	if (open) {
		(*i)++;
		skip_block(t, i);
	}
	return RP_OK;
}

static int nft_block(struct nft *p, const struct toks *t, size_t *i, int level, unsigned fam, const char *table,
		     struct rp_fw_chain *chain, int depth, const char *path)
{
	int ret = RP_OK;

	if (depth > RP_FW_MAX_DEPTH) {
		problem(p->rs, p->diag, path, *i < t->n ? t->v[*i].line : 0, "blocks nested deeper than %d",
			RP_FW_MAX_DEPTH);
		skip_block(t, i);
		return RP_OK;
	}
	while (*i < t->n && ret == RP_OK) {
		const struct tok *k = &t->v[*i];
		if (k->type == T_SEP || k->type == T_COMMA) {
			(*i)++;
		} else if (k->type == T_RBRACE) {
			(*i)++;
			if (level != L_TOP)
				return RP_OK;
			problem(p->rs, p->diag, path, k->line, "unexpected '}'");
		} else {
			ret = nft_stmt(p, t, i, level, fam, table, chain, depth, path);
		}
	}
	if (level != L_TOP && ret == RP_OK)
		problem(p->rs, p->diag, path, t->n ? t->v[t->n - 1].line : 0, "missing '}' at end of file");
	return ret;
}

static int nft_file(struct nft *p, const char *path, const char *data, size_t len, unsigned line_from)
{
	struct toks t = {0};
	size_t i = 0;
	int ret;

	(void)line_from;
	if (rp_text_is_binary(data, len)) {
		problem(p->rs, p->diag, path, 0, "binary data, not an nftables ruleset");
		return RP_ERR_BINARY;
	}
	if ((ret = rp_strlist_add(&p->rs->files, path)) != RP_OK)
		return ret;
	if ((ret = tokenize(p->rs, p->diag, path, data, len, &t)) != RP_OK)
		goto out;
	p->stack[p->depth++] = path;
	ret = nft_block(p, &t, &i, L_TOP, 0, "", NULL, 0, path);
	p->depth--;
out:
	toks_free(&t);
	return ret;
}

int rp_fw_parse_nft(struct rp_fw_ruleset *rs, const char *path, const char *data, size_t len,
		    const struct rp_fw_io *io, struct rp_diag *diag)
{
	struct nft p = {rs, io, diag, {0}, 0};

	rs->total_read += len;
	return nft_file(&p, path, data, len, 0);
}

/* ---- iptables-save ---- */

#define IPT_MAX_ARGS 256

/* Splits a line into words; double quotes group (iptables-save quotes
 * comments). Returns the count, at most max. */
static size_t ipt_split(char *s, char **argv, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (*s == '"') {
			argv[n++] = ++s;
			while (*s && !(*s == '"' && s[-1] != '\\'))
				s++;
		} else {
			argv[n++] = s;
			while (*s && *s != ' ' && *s != '\t')
				s++;
		}
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static int ipt_rule(struct rp_fw_ruleset *rs, char **argv, size_t argc, unsigned fam, const char *text,
		    size_t tlen, const char *path, unsigned line)
{
	struct rp_fw_rule *r;

	if (argc < 2)
		return RP_OK;
	r = rule_new(rs, fam, "filter", argv[1], path, line);
	if (r == NULL)
		return rs->nrules >= RP_FW_MAX_RULES ? RP_OK : RP_ERR_NOMEM;
	r->text = rp_strndup_printable(text, tlen < TEXT_MAX ? tlen : TEXT_MAX);
	if (!r->table || !r->chain || !r->path || !r->text)
		return RP_ERR_NOMEM;
	for (size_t i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "-j") == 0 || strcmp(a, "--jump") == 0 || strcmp(a, "-g") == 0 ||
		    strcmp(a, "--goto") == 0) {
			if (v == NULL)
				continue;
			free(r->verdict);
			free(r->target);
			r->target = NULL;
			if (strcmp(v, "ACCEPT") == 0 || strcmp(v, "DROP") == 0 || strcmp(v, "REJECT") == 0 ||
			    strcmp(v, "RETURN") == 0 || strcmp(v, "LOG") == 0 || strcmp(v, "QUEUE") == 0) {
				r->verdict = lower_dup(v);
			} else {
				r->verdict = rp_strdup(a[1] == 'g' || a[2] == 'g' ? "goto" : "jump");
				r->target = rp_strdup(v);
			}
			i++;
			continue;
		}
		if (a[0] == '-' && strcmp(a, "-m") != 0 && strcmp(a, "--comment") != 0)
			r->matches = true;
		if (strcmp(a, "-s") == 0 || strcmp(a, "--source") == 0 || strcmp(a, "--src-range") == 0 ||
		    (strcmp(a, "--match-set") == 0 && i + 2 < argc && strstr(argv[i + 2], "src") != NULL))
			r->source = true;
		if ((strcmp(a, "-i") == 0 || strcmp(a, "--in-interface") == 0) && v && strcmp(v, "lo") == 0)
			r->loopback = true;
		if ((strcmp(a, "--dport") == 0 || strcmp(a, "--destination-port") == 0 || strcmp(a, "--dports") == 0 ||
		     strcmp(a, "--destination-ports") == 0) && v) {
			char item[64];
			const char *p = v;
			if (i > 2 && strcmp(argv[i - 1], "!") == 0) {
				r->port_named = true;
				i++;
				continue;
			}
			while (*p) {
				size_t l = strcspn(p, ",");
				snprintf(item, sizeof(item), "%.*s", (int)(l < 63 ? l : 63), p);
				if (l > 0)
					add_port_item(r, item);
				p += l;
				if (*p == ',')
					p++;
			}
			i++;
		}
	}
	return RP_OK;
}

int rp_fw_parse_iptables(struct rp_fw_ruleset *rs, const char *path, const char *data, size_t len,
			 unsigned family, struct rp_diag *diag)
{
	struct rp_lines it;
	struct rp_buf lb;
	const char *line;
	size_t n;
	bool too_long, filter = false;
	char *argv[IPT_MAX_ARGS];
	int ret = RP_OK;

	if (rp_text_is_binary(data, len)) {
		problem(rs, diag, path, 0, "binary data, not an iptables-save file");
		return RP_ERR_BINARY;
	}
	if (rp_strlist_add(&rs->files, path) != RP_OK)
		return RP_ERR_NOMEM;
	rs->families |= family;
	rp_buf_init(&lb, RP_LINE_MAX + 1);
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ret == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		size_t argc;
		if (too_long) {
			problem(rs, diag, path, it.lineno, "line longer than %zu bytes, ignored", (size_t)RP_LINE_MAX);
			continue;
		}
		while (n > 0 && (line[0] == ' ' || line[0] == '\t')) {
			line++;
			n--;
		}
		if (n == 0 || line[0] == '#')
			continue;
		rp_buf_reset(&lb);
		if (rp_buf_add(&lb, line, n) != RP_OK) {
			ret = RP_ERR_NOMEM;
			break;
		}
		if (line[0] == '*') {
			filter = strcmp(lb.data, "*filter") == 0;
			continue;
		}
		if (strcmp(lb.data, "COMMIT") == 0) {
			filter = false;
			continue;
		}
		argc = ipt_split(lb.data, argv, IPT_MAX_ARGS);
		if (argc == 0)
			continue;
		if (argv[0][0] == ':') {
			struct rp_fw_chain *c;
			const char *name = argv[0] + 1;
			if (!filter)
				continue;
			if (name[0] == '\0' || argc < 2) {
				problem(rs, diag, path, it.lineno, "malformed chain line");
				continue;
			}
			c = chain_new(rs, family, "filter", name, path, it.lineno);
			if (c == NULL) {
				if (rs->nchains < RP_FW_MAX_CHAINS)
					ret = RP_ERR_NOMEM;
				continue;
			}
			if (strcmp(argv[1], "-") != 0) {
				c->policy = lower_dup(argv[1]);
				c->hook = lower_dup(name);
			}
			if (!c->table || !c->name || !c->path)
				ret = RP_ERR_NOMEM;
		} else if (strcmp(argv[0], "-A") == 0 || strcmp(argv[0], "--append") == 0 ||
			   strcmp(argv[0], "-I") == 0) {
			if (!filter)
				continue;
			ret = ipt_rule(rs, argv, argc, family, line, n, path, it.lineno);
		} else if (filter) {
			problem(rs, diag, path, it.lineno, "unexpected line in iptables-save data");
		}
	}
	rp_buf_free(&lb);
	return ret;
}

void rp_fw_ruleset_free(struct rp_fw_ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->nchains; i++) {
		free(rs->chains[i].table);
		free(rs->chains[i].name);
		free(rs->chains[i].hook);
		free(rs->chains[i].policy);
		free(rs->chains[i].path);
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		free(rs->rules[i].table);
		free(rs->rules[i].chain);
		free(rs->rules[i].text);
		free(rs->rules[i].verdict);
		free(rs->rules[i].target);
		free(rs->rules[i].path);
	}
	free(rs->chains);
	free(rs->rules);
	rp_strlist_clear(&rs->problems);
	rp_strlist_clear(&rs->files);
	memset(rs, 0, sizeof(*rs));
}
