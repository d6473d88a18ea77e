#include "parse/sshd_config.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/lines.h"

/* sshd's SSHDIR on Debian: relative Include paths are taken below it. */
#define SSHD_DIR "/etc/ssh"
/* The longest text kept for evidence. */
#define TEXT_MAX 1024

enum {
	KW_MATCH = 1 << 0,   /* allowed inside a Match block */
	KW_IGNORED = 1 << 1, /* deprecated or unsupported: sshd logs and ignores it */
};

struct keyword {
	const char *name;
	const char *canonical; /* NULL: name itself */
	unsigned flags;
};

/* The keywords of OpenSSH 9.2p1 as built by Debian 12 (servconf.c keywords[],
 * checked against /usr/sbin/sshd -t). Sorted by name for bsearch. */
static const struct keyword keywords[] = {
    {"acceptenv", NULL, KW_MATCH},
    {"addressfamily", NULL, 0},
    {"afstokenpassing", NULL, KW_IGNORED},
    {"allowagentforwarding", NULL, KW_MATCH},
    {"allowgroups", NULL, KW_MATCH},
    {"allowstreamlocalforwarding", NULL, KW_MATCH},
    {"allowtcpforwarding", NULL, KW_MATCH},
    {"allowusers", NULL, KW_MATCH},
    {"authenticationmethods", NULL, KW_MATCH},
    {"authorizedkeyscommand", NULL, KW_MATCH},
    {"authorizedkeyscommanduser", NULL, KW_MATCH},
    {"authorizedkeysfile", NULL, KW_MATCH},
    {"authorizedkeysfile2", NULL, KW_MATCH | KW_IGNORED},
    {"authorizedprincipalscommand", NULL, KW_MATCH},
    {"authorizedprincipalscommanduser", NULL, KW_MATCH},
    {"authorizedprincipalsfile", NULL, KW_MATCH},
    {"banner", NULL, KW_MATCH},
    {"casignaturealgorithms", NULL, KW_MATCH},
    {"challengeresponseauthentication", "kbdinteractiveauthentication", KW_MATCH},
    {"channeltimeout", NULL, KW_MATCH},
    {"checkmail", NULL, KW_IGNORED},
    {"chrootdirectory", NULL, KW_MATCH},
    {"ciphers", NULL, 0},
    {"clientalivecountmax", NULL, KW_MATCH},
    {"clientaliveinterval", NULL, KW_MATCH},
    {"compression", NULL, 0},
    {"debianbanner", NULL, 0},
    {"denygroups", NULL, KW_MATCH},
    {"denyusers", NULL, KW_MATCH},
    {"disableforwarding", NULL, KW_MATCH},
    {"dsaauthentication", "pubkeyauthentication", KW_MATCH},
    {"exposeauthinfo", NULL, KW_MATCH},
    {"fingerprinthash", NULL, 0},
    {"forcecommand", NULL, KW_MATCH},
    {"gatewayports", NULL, KW_MATCH},
    {"gssapiauthentication", NULL, KW_MATCH},
    {"gssapicleanupcredentials", NULL, 0},
    {"gssapicleanupcreds", "gssapicleanupcredentials", 0},
    {"gssapikeyexchange", NULL, 0},
    {"gssapikexalgorithms", NULL, 0},
    {"gssapistorecredentialsonrekey", NULL, 0},
    {"gssapistrictacceptorcheck", NULL, 0},
    {"gssapiusesessioncredcache", NULL, KW_IGNORED},
    {"gssusesessionccache", NULL, KW_IGNORED},
    {"hostbasedacceptedalgorithms", NULL, KW_MATCH},
    {"hostbasedacceptedkeytypes", "hostbasedacceptedalgorithms", KW_MATCH},
    {"hostbasedauthentication", NULL, KW_MATCH},
    {"hostbasedusesnamefrompacketonly", NULL, KW_MATCH},
    {"hostcertificate", NULL, 0},
    {"hostdsakey", "hostkey", 0},
    {"hostkey", NULL, 0},
    {"hostkeyagent", NULL, 0},
    {"hostkeyalgorithms", NULL, 0},
    {"ignorerhosts", NULL, KW_MATCH},
    {"ignoreuserknownhosts", NULL, 0},
    {"include", NULL, KW_MATCH},
    {"ipqos", NULL, KW_MATCH},
    {"kbdinteractiveauthentication", NULL, KW_MATCH},
    {"kerberosauthentication", NULL, KW_MATCH},
    {"kerberosgetafstoken", NULL, KW_IGNORED},
    {"kerberosorlocalpasswd", NULL, 0},
    {"kerberostgtpassing", NULL, KW_IGNORED},
    {"kerberosticketcleanup", NULL, 0},
    {"kexalgorithms", NULL, 0},
    {"keyregenerationinterval", NULL, KW_IGNORED},
    {"listenaddress", NULL, 0},
    {"logingracetime", NULL, 0},
    {"loglevel", NULL, KW_MATCH},
    {"logverbose", NULL, KW_MATCH},
    {"macs", NULL, 0},
    {"match", NULL, KW_MATCH},
    {"maxauthtries", NULL, KW_MATCH},
    {"maxsessions", NULL, KW_MATCH},
    {"maxstartups", NULL, 0},
    {"modulifile", NULL, 0},
    {"pamauthenticationviakbdint", NULL, KW_IGNORED},
    {"passwordauthentication", NULL, KW_MATCH},
    {"permitblacklistedkeys", NULL, KW_IGNORED},
    {"permitemptypasswords", NULL, KW_MATCH},
    {"permitlisten", NULL, KW_MATCH},
    {"permitopen", NULL, KW_MATCH},
    {"permitrootlogin", NULL, KW_MATCH},
    {"permittty", NULL, KW_MATCH},
    {"permittunnel", NULL, KW_MATCH},
    {"permituserenvironment", NULL, 0},
    {"permituserrc", NULL, KW_MATCH},
    {"persourcemaxstartups", NULL, 0},
    {"persourcenetblocksize", NULL, 0},
    {"pidfile", NULL, 0},
    {"port", NULL, 0},
    {"printlastlog", NULL, 0},
    {"printmotd", NULL, 0},
    {"protocol", NULL, KW_IGNORED},
    {"pubkeyacceptedalgorithms", NULL, KW_MATCH},
    {"pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms", KW_MATCH},
    {"pubkeyauthentication", NULL, KW_MATCH},
    {"pubkeyauthoptions", NULL, KW_MATCH},
    {"rdomain", NULL, KW_MATCH},
    {"rekeylimit", NULL, KW_MATCH},
    {"requiredrsasize", NULL, KW_MATCH},
    {"reversemappingcheck", NULL, KW_IGNORED},
    {"revokedkeys", NULL, KW_MATCH},
    {"rhostsauthentication", NULL, KW_IGNORED},
    {"rhostsrsaauthentication", NULL, KW_MATCH | KW_IGNORED},
    {"rsaauthentication", NULL, KW_IGNORED},
    {"securitykeyprovider", NULL, 0},
    {"serverkeybits", NULL, KW_IGNORED},
    {"setenv", NULL, KW_MATCH},
    {"skeyauthentication", "kbdinteractiveauthentication", KW_MATCH},
    {"streamlocalbindmask", NULL, KW_MATCH},
    {"streamlocalbindunlink", NULL, KW_MATCH},
    {"strictmodes", NULL, 0},
    {"subsystem", NULL, 0},
    {"syslogfacility", NULL, 0},
    {"tcpkeepalive", NULL, 0},
    {"trustedusercakeys", NULL, KW_MATCH},
    {"unusedconnectiontimeout", NULL, KW_MATCH},
    {"usedns", NULL, 0},
    {"uselogin", NULL, KW_IGNORED},
    {"usepam", NULL, 0},
    {"useprivilegeseparation", NULL, KW_IGNORED},
    {"verifyreversemapping", NULL, KW_IGNORED},
    {"versionaddendum", NULL, 0},
    {"x11displayoffset", NULL, KW_MATCH},
    {"x11forwarding", NULL, KW_MATCH},
    {"x11uselocalhost", NULL, KW_MATCH},
    {"xauthlocation", NULL, 0},
};

static int cmp_keyword(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct keyword *)elem)->name);
}

static const struct keyword *keyword_find(const char *name)
{
	return bsearch(name, keywords, sizeof(keywords) / sizeof(keywords[0]), sizeof(keywords[0]),
		       cmp_keyword);
}

bool rp_sshd_keyword_known(const char *keyword)
{
	return keyword != NULL && keyword_find(keyword) != NULL;
}

/* One parse: the config being filled and what bounds it. */
struct parser {
	struct rp_sshd_config *cfg;
	const struct rp_sshd_io *io;
	struct rp_diag *diag;
	const char *stack[RP_SSHD_MAX_DEPTH + 2]; /* files being parsed, outermost first */
	unsigned depth;
	int block; /* the current Match block, -1 for global */
	int base;  /* the block the Include of the current file was in, -1 at top */
	int err;   /* sticky allocation failure */
};

static void vproblem(struct rp_sshd_config *cfg, struct rp_diag *diag, const char *path, unsigned line,
		     int err, int *nomem, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

static void vproblem(struct rp_sshd_config *cfg, struct rp_diag *diag, const char *path, unsigned line,
		     int err, int *nomem, const char *fmt, va_list ap)
{
	char *msg = NULL, *ppath = NULL;
	struct rp_sshd_problem *p;
	struct rp_buf b;

	rp_buf_init(&b, 2048);
	if (rp_buf_vaddf(&b, fmt, ap) == RP_ERR_TOO_LARGE)
		rp_buf_adds(&b, "...");
	/* names and text come from untrusted files: keep them printable */
	msg = rp_strndup_printable(b.data ? b.data : "", b.len);
	ppath = rp_strndup_printable(path ? path : "", 4096);
	if (msg == NULL || ppath == NULL) {
		*nomem = RP_ERR_NOMEM;
		goto out;
	}
	rp_diag_add(diag, ppath, line, "%s", msg);
	if (cfg->nproblems >= RP_SSHD_MAX_PROBLEMS) {
		cfg->dropped_problems++;
		goto out;
	}
	if (cfg->nproblems == cfg->capproblems) {
		size_t ncap = cfg->capproblems ? cfg->capproblems * 2 : 8;
		struct rp_sshd_problem *nv = realloc(cfg->problems, ncap * sizeof(*nv));
		if (nv == NULL) {
			*nomem = RP_ERR_NOMEM;
			goto out;
		}
		cfg->problems = nv;
		cfg->capproblems = ncap;
	}
	p = &cfg->problems[cfg->nproblems++];
	p->path = ppath;
	p->line = line;
	p->msg = msg;
	p->err = err;
	ppath = msg = NULL; /* transferred */
out:
	free(ppath);
	free(msg);
	rp_buf_free(&b);
}

int rp_sshd_problem_add(struct rp_sshd_config *cfg, struct rp_diag *diag, const char *path, unsigned line,
			int err, const char *fmt, ...)
{
	int nomem = RP_OK;
	va_list ap;

	va_start(ap, fmt);
	vproblem(cfg, diag, path, line, err, &nomem, fmt, ap);
	va_end(ap);
	return nomem;
}

static void problem(struct parser *ps, const char *path, unsigned line, int err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void problem(struct parser *ps, const char *path, unsigned line, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(ps->cfg, ps->diag, path, line, err, &ps->err, fmt, ap);
	va_end(ap);
}

/* Splits the arguments as sshd's argv_split(s, ..., terminate_on_comment=1):
 * blanks separate words, '#' at the start of a word ends the line, single or
 * double quotes group, backslash escapes a quote, a backslash or (outside
 * quotes) a space. Returns RP_ERR_PARSE on an unterminated quote. */
static int split_args(const char *s, size_t len, struct rp_strlist *out)
{
	struct rp_buf arg;
	size_t i = 0;
	int ret = RP_OK;

	rp_buf_init(&arg, len + 1);
	while (i < len) {
		char quote = 0;

		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		if (s[i] == '#')
			break;
		rp_buf_reset(&arg);
		if ((ret = rp_buf_add(&arg, "", 0)) != RP_OK)
			goto out;
		for (; i < len; i++) {
			char c = s[i];

			if (c == '\\') {
				char nx = i + 1 < len ? s[i + 1] : '\0';
				if (nx == '\'' || nx == '"' || nx == '\\' || (quote == 0 && nx == ' ')) {
					i++;
					ret = rp_buf_addc(&arg, nx);
				} else {
					ret = rp_buf_addc(&arg, c);
				}
			} else if (quote == 0 && (c == ' ' || c == '\t')) {
				break;
			} else if (quote == 0 && (c == '"' || c == '\'')) {
				quote = c;
			} else if (quote != 0 && c == quote) {
				quote = 0;
			} else {
				ret = rp_buf_addc(&arg, c);
			}
			if (ret != RP_OK)
				goto out;
		}
		if (quote != 0) {
			ret = RP_ERR_PARSE;
			goto out;
		}
		if ((ret = rp_strlist_take(out, rp_buf_take(&arg))) != RP_OK)
			goto out;
		rp_buf_init(&arg, len + 1);
	}
out:
	rp_buf_free(&arg);
	return ret;
}

static int add_directive(struct parser *ps, const char *keyword, const char *written, struct rp_strlist *args,
			 const char *path, unsigned line)
{
	struct rp_sshd_config *cfg = ps->cfg;
	struct rp_sshd_directive *d;
	struct rp_buf text;
	int ret;

	if (cfg->n >= RP_SSHD_MAX_DIRECTIVES) {
		problem(ps, path, line, RP_ERR_TOO_LARGE, "more than %d directives; the rest is ignored",
			RP_SSHD_MAX_DIRECTIVES);
		return RP_ERR_TOO_LARGE;
	}
	if (cfg->n == cfg->cap) {
		size_t ncap = cfg->cap ? cfg->cap * 2 : 32;
		struct rp_sshd_directive *nv = realloc(cfg->v, ncap * sizeof(*nv));
		if (nv == NULL)
			return RP_ERR_NOMEM;
		cfg->v = nv;
		cfg->cap = ncap;
	}
	d = &cfg->v[cfg->n];
	memset(d, 0, sizeof(*d));
	rp_buf_init(&text, TEXT_MAX);
	rp_buf_adds(&text, written);
	for (size_t i = 0; i < args->n; i++) {
		bool q = args->v[i][0] == '\0' || strpbrk(args->v[i], " \t") != NULL;
		if (rp_buf_addf(&text, q ? " \"%s\"" : " %s", args->v[i]) != RP_OK) {
			/* evidence is cut, the directive is whole */
			text.len = text.len > TEXT_MAX - 3 ? TEXT_MAX - 3 : text.len;
			text.data[text.len] = '\0';
			rp_buf_adds(&text, "...");
			break;
		}
	}
	d->keyword = strdup(keyword);
	d->written = rp_strndup_printable(written, 256);
	d->text = text.data ? rp_strndup_printable(text.data, text.len) : strdup("");
	d->path = strdup(path);
	d->line = line;
	d->block = ps->block;
	d->argv = args->v;
	d->argc = args->n;
	rp_buf_free(&text);
	/* transferred */
	args->v = NULL;
	args->n = args->cap = 0;
	cfg->n++;
	ret = (d->keyword && d->written && d->text && d->path) ? RP_OK : RP_ERR_NOMEM;
	return ret;
}

static int add_block(struct parser *ps, const struct rp_strlist *args, const char *path, unsigned line)
{
	struct rp_sshd_config *cfg = ps->cfg;
	struct rp_sshd_block *b;
	struct rp_buf crit;
	int parent = ps->base;

	if (cfg->nblocks >= RP_SSHD_MAX_BLOCKS) {
		problem(ps, path, line, RP_ERR_TOO_LARGE, "more than %d Match blocks", RP_SSHD_MAX_BLOCKS);
		return RP_ERR_TOO_LARGE;
	}
	if (cfg->nblocks == cfg->capblocks) {
		size_t ncap = cfg->capblocks ? cfg->capblocks * 2 : 8;
		struct rp_sshd_block *nv = realloc(cfg->blocks, ncap * sizeof(*nv));
		if (nv == NULL)
			return RP_ERR_NOMEM;
		cfg->blocks = nv;
		cfg->capblocks = ncap;
	}
	/* A Match inside an included file inside a Match block only applies
	 * when the outer block does (sshd's SSHCFG_NEVERMATCH); a Match in the
	 * same file simply ends the block before it. */
	b = &cfg->blocks[cfg->nblocks];
	memset(b, 0, sizeof(*b));
	rp_buf_init(&crit, TEXT_MAX);
	for (size_t i = 0; i < args->n; i++)
		if (rp_buf_addf(&crit, "%s%s", i ? " " : "", args->v[i]) != RP_OK)
			break;
	b->criteria = crit.data ? rp_strndup_printable(crit.data, crit.len) : strdup("");
	rp_buf_free(&crit);
	b->path = strdup(path);
	b->line = line;
	b->parent = parent;
	b->all = args->n == 1 && strcasecmp(args->v[0], "all") == 0;
	cfg->nblocks++;
	if (b->criteria == NULL || b->path == NULL)
		return RP_ERR_NOMEM;
	return RP_OK;
}

static void check_match_criteria(struct parser *ps, const struct rp_strlist *args, const char *path,
				 unsigned line)
{
	static const char *const crit[] = {"user",	"group",   "host",   "localaddress",
					   "localport", "rdomain", "address"};
	size_t i = 0;

	if (args->n == 0) {
		problem(ps, path, line, RP_ERR_PARSE, "Match without criteria");
		return;
	}
	if (strcasecmp(args->v[0], "all") == 0) {
		if (args->n > 1)
			problem(ps, path, line, RP_ERR_PARSE, "'Match all' takes no other criteria");
		return;
	}
	while (i < args->n) {
		bool ok = false;
		for (size_t k = 0; k < sizeof(crit) / sizeof(crit[0]); k++)
			if (strcasecmp(args->v[i], crit[k]) == 0)
				ok = true;
		if (!ok) {
			char *p = rp_strndup_printable(args->v[i], 128);
			problem(ps, path, line, RP_ERR_PARSE, "unsupported Match criterion '%s'",
				p ? p : "?");
			free(p);
			return;
		}
		if (i + 1 >= args->n) {
			problem(ps, path, line, RP_ERR_PARSE, "Match criterion '%s' needs an argument",
				args->v[i]);
			return;
		}
		i += 2;
	}
}

static int parse_buffer(struct parser *ps, const char *path, const char *data, size_t len);

static bool has_magic(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static void include_file(struct parser *ps, const char *file, const char *from, unsigned line)
{
	struct rp_buf buf;
	int ret;

	for (unsigned i = 0; i < ps->depth; i++) {
		if (strcmp(ps->stack[i], file) == 0) {
			problem(ps, from, line, RP_ERR_LOOP, "Include loop: %s is already being read", file);
			return;
		}
	}
	if (ps->depth > RP_SSHD_MAX_DEPTH) {
		problem(ps, from, line, RP_ERR_LOOP,
			"Include of %s nested more than %d deep (sshd: Too many recursive configuration "
			"includes)",
			file, RP_SSHD_MAX_DEPTH);
		return;
	}
	if (ps->cfg->files.n >= RP_SSHD_MAX_FILES) {
		problem(ps, from, line, RP_ERR_TOO_LARGE, "more than %d files included; %s skipped",
			RP_SSHD_MAX_FILES, file);
		return;
	}
	rp_buf_init(&buf, RP_FILE_MAX);
	ret = ps->io->read(ps->io->ctx, file, &buf);
	if (ret == RP_OK && buf.len > RP_SSHD_MAX_TOTAL - ps->cfg->total_read)
		ret = RP_ERR_TOO_LARGE;
	if (ret != RP_OK) {
		problem(ps, from, line, ret, "Include %s: %s", file, rp_strerror(ret));
		goto out;
	}
	ps->cfg->total_read += buf.len;
	ret = parse_buffer(ps, file, buf.data ? buf.data : "", buf.len);
	if (ret == RP_ERR_NOMEM)
		ps->err = ret;
out:
	rp_buf_free(&buf);
}

static void do_include(struct parser *ps, const struct rp_strlist *args, const char *path, unsigned line)
{
	struct rp_strlist files = {0};
	int saved = ps->block, saved_base = ps->base;

	if (args->n == 0) {
		problem(ps, path, line, RP_ERR_PARSE, "Include without a file name");
		return;
	}
	for (size_t i = 0; i < args->n && ps->err == RP_OK; i++) {
		const char *arg = args->v[i];
		char *pattern;
		int ret;

		if (arg[0] == '\0') {
			problem(ps, path, line, RP_ERR_PARSE, "Include with an empty argument");
			continue;
		}
		if (arg[0] == '~') {
			problem(ps, path, line, RP_ERR_PARSE, "Include %s: '~' is not expanded by sshd", arg);
			continue;
		}
		if (ps->io == NULL) {
			problem(ps, path, line, RP_ERR_UNSUPPORTED, "Include %s not followed", arg);
			continue;
		}
		pattern = arg[0] == '/' ? strdup(arg) : rp_path_join(SSHD_DIR, arg);
		if (pattern == NULL) {
			ps->err = RP_ERR_NOMEM;
			break;
		}
		rp_strlist_clear(&files);
		if (has_magic(pattern)) {
			ret = ps->io->glob(ps->io->ctx, pattern, &files);
			if (ret != RP_OK)
				problem(ps, path, line, ret, "Include %s: %s", pattern, rp_strerror(ret));
		} else {
			/* A plain path is read even when it does not resolve, so that
			 * a missing file or a symlink loop is reported (sshd fails to
			 * start on them). */
			ret = rp_strlist_add(&files, pattern);
			if (ret != RP_OK)
				ps->err = ret;
		}
		for (size_t k = 0; k < files.n && ps->err == RP_OK; k++) {
			ps->base = saved;
			include_file(ps, files.v[k], path, line);
			/* Match blocks of an included file end with it. */
			ps->block = saved;
			ps->base = saved_base;
		}
		free(pattern);
	}
	rp_strlist_clear(&files);
}

static void handle_line(struct parser *ps, const char *path, unsigned lineno, const char *line, size_t len)
{
	struct rp_strlist args = {0};
	const struct keyword *kw;
	char keyword[64];
	size_t i = 0, klen;
	int ret;

	/* strip leading and trailing blanks (sshd: " \t\r" and "\f") */
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\f'))
		i++;
	while (len > i && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r' ||
			   line[len - 1] == '\f' || line[len - 1] == '\n'))
		len--;
	if (i == len || line[i] == '#')
		return;
	if (memchr(line + i, '\0', len - i) != NULL) {
		problem(ps, path, lineno, RP_ERR_BINARY, "NUL byte in line; line ignored");
		return;
	}
	/* the keyword ends at a blank, a quote or '=' (strdelim) */
	for (klen = 0; i + klen < len; klen++) {
		char c = line[i + klen];
		if (c == ' ' || c == '\t' || c == '"' || c == '=')
			break;
	}
	if (klen == 0 || klen >= sizeof(keyword)) {
		char *p = rp_strndup_printable(line + i, len - i < 64 ? len - i : 64);
		problem(ps, path, lineno, RP_ERR_PARSE, "bad configuration line '%s'", p ? p : "?");
		free(p);
		return;
	}
	memcpy(keyword, line + i, klen);
	keyword[klen] = '\0';
	i += klen;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < len && line[i] == '=') {
		i++;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
	}
	if (i == len) {
		char *p = rp_strndup_printable(keyword, sizeof(keyword));
		problem(ps, path, lineno, RP_ERR_PARSE, "no argument after keyword '%s'", p ? p : "?");
		free(p);
		return;
	}
	ret = split_args(line + i, len - i, &args);
	if (ret == RP_ERR_PARSE) {
		problem(ps, path, lineno, RP_ERR_PARSE, "invalid quotes");
		goto out;
	}
	if (ret != RP_OK) {
		ps->err = ret;
		goto out;
	}
	if (args.n == 0) {
		/* "Keyword # comment": sshd reports the argument missing */
		char *p = rp_strndup_printable(keyword, sizeof(keyword));
		problem(ps, path, lineno, RP_ERR_PARSE, "no argument after keyword '%s'", p ? p : "?");
		free(p);
		goto out;
	}
	kw = keyword_find(keyword);
	if (kw == NULL) {
		char *p = rp_strndup_printable(keyword, sizeof(keyword));
		problem(ps, path, lineno, RP_ERR_PARSE, "Bad configuration option: %s", p ? p : "?");
		free(p);
		goto out;
	}
	if (strcmp(kw->name, "match") == 0) {
		check_match_criteria(ps, &args, path, lineno);
		ret = add_block(ps, &args, path, lineno);
		if (ret == RP_OK)
			ps->block = (int)ps->cfg->nblocks - 1;
		else if (ret == RP_ERR_NOMEM)
			ps->err = ret;
		goto out;
	}
	if (ps->block >= 0 && !(kw->flags & KW_MATCH))
		problem(ps, path, lineno, RP_ERR_PARSE, "Directive '%s' is not allowed within a Match block",
			keyword);
	if (kw->flags & KW_IGNORED)
		problem(ps, path, lineno, RP_OK, "deprecated or unsupported option %s, ignored by sshd",
			keyword);
	if (strcmp(kw->name, "include") == 0) {
		do_include(ps, &args, path, lineno);
		goto out;
	}
	if (kw->flags & KW_IGNORED)
		goto out;
	ret = add_directive(ps, kw->canonical ? kw->canonical : kw->name, keyword, &args, path, lineno);
	if (ret == RP_ERR_NOMEM)
		ps->err = ret;
out:
	rp_strlist_clear(&args);
}

static int parse_buffer(struct parser *ps, const char *path, const char *data, size_t len)
{
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;
	int ret;

	if ((ret = rp_strlist_add(&ps->cfg->files, path)) != RP_OK)
		return ret;
	if (rp_text_is_binary(data, len)) {
		problem(ps, path, 0, RP_ERR_BINARY, "binary data, not an sshd_config file");
		return RP_ERR_BINARY;
	}
	ps->stack[ps->depth++] = path;
	rp_lines_init(&it, data, len, RP_LINE_MAX);
	while (ps->err == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		if (too_long) {
			problem(ps, path, it.lineno, RP_ERR_TOO_LARGE, "line longer than %zu bytes; ignored",
				(size_t)RP_LINE_MAX);
			continue;
		}
		handle_line(ps, path, it.lineno, line, n);
	}
	ps->depth--;
	return ps->err;
}

int rp_sshd_parse(struct rp_sshd_config *cfg, const char *path, const char *data, size_t len,
		  const struct rp_sshd_io *io, struct rp_diag *diag)
{
	struct parser ps;
	int ret;

	memset(&ps, 0, sizeof(ps));
	ps.cfg = cfg;
	ps.io = io;
	ps.diag = diag;
	ps.block = -1;
	ps.base = -1;
	cfg->total_read += len;
	ret = parse_buffer(&ps, path, data, len);
	return ret;
}

struct root_io {
	const struct rp_root *root;
};

/* Expands pattern inside the root. When only the last component has
 * wildcards, the directory is listed directly, so that dangling or looping
 * symlinks are returned (and then reported when read) as sshd's glob(3)
 * would; rp_root_glob drops them. */
static int root_glob(void *ctx, const char *pattern, struct rp_strlist *out)
{
	const struct root_io *rio = ctx;
	const char *slash = strrchr(pattern, '/');
	struct rp_strlist names = {0};
	char *dir = NULL;
	int ret = RP_OK;

	if (slash == NULL)
		return rp_root_glob(rio->root, SSHD_DIR, pattern, out);
	dir = strndup(pattern, (size_t)(slash - pattern));
	if (dir == NULL)
		return RP_ERR_NOMEM;
	if (has_magic(dir)) {
		ret = rp_root_glob(rio->root, SSHD_DIR, pattern, out);
		goto out;
	}
	if (rp_root_list_dir(rio->root, dir[0] ? dir : "/", &names) != RP_OK)
		goto out; /* no directory: no match, as for sshd */
	for (size_t i = 0; i < names.n && ret == RP_OK; i++) {
		if (names.v[i][0] == '.' && slash[1] != '.')
			continue;
		if (fnmatch(slash + 1, names.v[i], FNM_PERIOD) != 0)
			continue;
		ret = rp_strlist_take(out, rp_path_join(dir[0] ? dir : "/", names.v[i]));
	}
out:
	rp_strlist_clear(&names);
	free(dir);
	return ret;
}

static int root_read(void *ctx, const char *path, struct rp_buf *out)
{
	const struct root_io *rio = ctx;

	return rp_root_read_file(rio->root, path, RP_FILE_MAX, out);
}

int rp_sshd_load(struct rp_sshd_config *cfg, const struct rp_root *root, const char *path,
		 struct rp_diag *diag)
{
	struct root_io rio = {root};
	struct rp_sshd_io io = {root_glob, root_read, &rio};
	struct rp_buf buf;
	int ret;

	rp_buf_init(&buf, RP_FILE_MAX);
	ret = rp_root_read_file(root, path, RP_FILE_MAX, &buf);
	if (ret != RP_OK)
		goto out;
	ret = rp_sshd_parse(cfg, path, buf.data ? buf.data : "", buf.len, &io, diag);
out:
	rp_buf_free(&buf);
	return ret;
}

void rp_sshd_config_free(struct rp_sshd_config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->n; i++) {
		struct rp_sshd_directive *d = &cfg->v[i];
		for (size_t k = 0; k < d->argc; k++)
			free(d->argv[k]);
		free(d->argv);
		free(d->keyword);
		free(d->written);
		free(d->text);
		free(d->path);
	}
	free(cfg->v);
	for (size_t i = 0; i < cfg->nblocks; i++) {
		free(cfg->blocks[i].criteria);
		free(cfg->blocks[i].path);
	}
	free(cfg->blocks);
	for (size_t i = 0; i < cfg->nproblems; i++) {
		free(cfg->problems[i].path);
		free(cfg->problems[i].msg);
	}
	free(cfg->problems);
	rp_strlist_clear(&cfg->files);
	memset(cfg, 0, sizeof(*cfg));
}
