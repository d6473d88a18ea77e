#include "probe/host/ssh.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/lines.h"

/* Compiled-in lists of OpenSSH 9.2p1 as built by Debian 12 (1:9.2p1-2+deb12u*),
 * as `sshd -T` prints them with nothing configured. */
#define DEF_CIPHERS                                                                                          \
	"chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"                                    \
	"aes128-gcm@openssh.com,aes256-gcm@openssh.com"
#define DEF_MACS                                                                                             \
	"umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"                    \
	"hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,"                       \
	"umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1"
#define DEF_KEX                                                                                              \
	"sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,"                       \
	"curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"             \
	"diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"                                \
	"diffie-hellman-group18-sha512,diffie-hellman-group14-sha256"
/* Everything that build supports (ssh -Q cipher|mac|kex). */
#define ALL_CIPHERS                                                                                          \
	"3des-cbc,aes128-cbc,aes192-cbc,aes256-cbc,aes128-ctr,aes192-ctr,aes256-ctr,"                        \
	"aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com"
#define ALL_MACS                                                                                             \
	"hmac-sha1,hmac-sha1-96,hmac-sha2-256,hmac-sha2-512,hmac-md5,hmac-md5-96,"                           \
	"umac-64@openssh.com,umac-128@openssh.com,hmac-sha1-etm@openssh.com,"                                \
	"hmac-sha1-96-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"          \
	"hmac-md5-etm@openssh.com,hmac-md5-96-etm@openssh.com,umac-64-etm@openssh.com,"                      \
	"umac-128-etm@openssh.com"
#define ALL_KEX                                                                                              \
	"diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group14-sha256,"              \
	"diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"                                       \
	"diffie-hellman-group-exchange-sha1,diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp256,"        \
	"ecdh-sha2-nistp384,ecdh-sha2-nistp521,curve25519-sha256,curve25519-sha256@libssh.org,"              \
	"sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com"

#define PAM_MAX_DEPTH 8
#define PAM_MAX_LINES 4096

struct def {
	const char *keyword;
	const char *value;
};

/* Upstream defaults (servconf.c fill_default_server_options). Debian's
 * shipped sshd_config changes some (UsePAM yes, KbdInteractiveAuthentication
 * no, X11Forwarding yes); those show up as directives, not here. */
static const struct def defaults[] = {
    {"addressfamily", "any"},
    {"allowagentforwarding", "yes"},
    {"allowtcpforwarding", "yes"},
    {"authenticationmethods", "any"},
    {"ciphers", DEF_CIPHERS},
    {"gssapiauthentication", "no"},
    {"hostbasedauthentication", "no"},
    {"ignorerhosts", "yes"},
    {"kbdinteractiveauthentication", "yes"},
    {"kexalgorithms", DEF_KEX},
    {"logingracetime", "120"},
    {"macs", DEF_MACS},
    {"maxauthtries", "6"},
    {"passwordauthentication", "yes"},
    {"permitemptypasswords", "no"},
    {"permitrootlogin", "prohibit-password"},
    {"permituserenvironment", "no"},
    {"port", "22"},
    {"pubkeyauthentication", "yes"},
    {"usepam", "no"},
    {"x11forwarding", "no"},
};

const char *const rp_pam_second_factor_modules[] = {
    "pam_google_authenticator", /* TOTP/HOTP authenticator apps */
    "pam_oath",			/* OATH HOTP/TOTP */
    "pam_u2f",			/* FIDO U2F / FIDO2 hardware keys */
    "pam_yubico",		/* YubiKey OTP */
    "pam_duo",			/* Duo push/OTP */
    "pam_radius_auth",		/* RADIUS, as used by OTP/token servers */
    "pam_pkcs11",		/* smart cards, X.509 client certificates */
    "pam_p11",			/* PKCS#11 tokens */
    "pam_privacyidea",		/* privacyIDEA OTP */
    NULL,
};

bool rp_pam_is_second_factor(const char *module)
{
	for (size_t i = 0; rp_pam_second_factor_modules[i] != NULL; i++)
		if (strcmp(module, rp_pam_second_factor_modules[i]) == 0)
			return true;
	return false;
}

const char *rp_ssh_default(const char *keyword)
{
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (strcmp(defaults[i].keyword, keyword) == 0)
			return defaults[i].value;
	return NULL;
}

const struct rp_sshd_directive *rp_ssh_find(const struct rp_ssh_facts *f, int block, const char *keyword)
{
	for (size_t i = 0; i < f->cfg.n; i++)
		if (f->cfg.v[i].block == block && strcmp(f->cfg.v[i].keyword, keyword) == 0)
			return &f->cfg.v[i];
	return NULL;
}

/* "Match all" (inside nothing but other "Match all" blocks) applies to
 * every connection. */
static bool block_universal(const struct rp_ssh_facts *f, int b)
{
	for (; b >= 0; b = f->cfg.blocks[b].parent)
		if (!f->cfg.blocks[b].all)
			return false;
	return true;
}

struct rp_ssh_setting rp_ssh_get(const struct rp_ssh_facts *f, const char *keyword)
{
	struct rp_ssh_setting s = {rp_ssh_default(keyword), NULL};

	/* For a connection, sshd applies the matching Match blocks over the
	 * global section, the first matching block's value winning; "Match all"
	 * always matches. */
	for (size_t i = 0; i < f->cfg.n && s.dir == NULL; i++) {
		const struct rp_sshd_directive *d = &f->cfg.v[i];
		if (d->block >= 0 && strcmp(d->keyword, keyword) == 0 && block_universal(f, d->block))
			s.dir = d;
	}
	if (s.dir == NULL)
		s.dir = rp_ssh_find(f, -1, keyword);

	if (s.dir != NULL && s.dir->argc > 0)
		s.value = s.dir->argv[0];
	return s;
}

/* sshd's match_pattern: '*' and '?' wildcards, case-sensitive. */
static bool match_pattern(const char *s, const char *p)
{
	const char *star = NULL, *ss = NULL;

	while (*s) {
		if (*p == '*') {
			star = p++;
			ss = s;
		} else if (*p == '?' || *p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++ss;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

/* Calls fn on each comma-separated item of list (empty items skipped);
 * stops at the first non-zero return. */
static int each_item(const char *list, int (*fn)(void *arg, const char *item), void *arg)
{
	char *copy = strdup(list), *p, *comma;
	int ret = RP_OK;

	if (copy == NULL)
		return RP_ERR_NOMEM;
	for (p = copy; p != NULL && ret == RP_OK; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		if (*p != '\0')
			ret = fn(arg, p);
	}
	free(copy);
	return ret;
}

struct match_state {
	const char *s;
	bool pos;
};

static int match_one(void *arg, const char *pat)
{
	struct match_state *m = arg;
	bool neg = pat[0] == '!';

	if (!match_pattern(m->s, neg ? pat + 1 : pat))
		return 0;
	if (neg) {
		m->pos = false;
		return 1; /* a negated match decides */
	}
	m->pos = true;
	return 0;
}

/* sshd's match_pattern_list: comma-separated patterns, '!' negates. */
static bool match_list(const char *s, const char *list)
{
	struct match_state m = {s, false};

	each_item(list, match_one, &m);
	return m.pos;
}

static int add_unique(void *arg, const char *item)
{
	struct rp_strlist *out = arg;

	return rp_strlist_has(out, item) ? RP_OK : rp_strlist_add(out, item);
}

static int split_names(const char *list, struct rp_strlist *out)
{
	return each_item(list, add_unique, out);
}

static bool names_supported(const char *list, const char *all, char **bad)
{
	struct rp_strlist names = {0}, sup = {0};
	bool ok = true;

	*bad = NULL;
	if (split_names(list, &names) != RP_OK || split_names(all, &sup) != RP_OK) {
		ok = false;
		goto out;
	}
	if (names.n == 0)
		ok = false;
	for (size_t i = 0; i < names.n && ok; i++)
		if (!rp_strlist_has(&sup, names.v[i])) {
			ok = false;
			*bad = strdup(names.v[i]);
		}
out:
	rp_strlist_clear(&names);
	rp_strlist_clear(&sup);
	return ok;
}

/* kex_assemble_names(): '+' appends to the default, '-' removes patterns
 * from it, '^' puts names first, anything else replaces it. */
static int assemble_algs(struct rp_ssh_facts *f, struct rp_diag *diag, const char *keyword, const char *def,
			 const char *all, struct rp_ssh_algs *out)
{
	const struct rp_sshd_directive *d = rp_ssh_find(f, -1, keyword);
	const char *arg;
	char *bad = NULL;
	int ret = RP_OK;

	out->dir = d;
	if (d == NULL || d->argc == 0)
		return split_names(def, &out->list);
	arg = d->argv[0];
	if (d->argc > 1)
		ret = rp_sshd_problem_add(&f->cfg, diag, d->path, d->line, RP_ERR_PARSE,
					  "%s: extra arguments at end of line", d->written);
	if (ret == RP_OK && arg[0] != '-' &&
	    !names_supported(arg[0] == '+' || arg[0] == '^' ? arg + 1 : arg, all, &bad))
		ret = rp_sshd_problem_add(&f->cfg, diag, d->path, d->line, RP_ERR_PARSE,
					  "%s: unsupported algorithm '%s'; sshd refuses to start", d->written,
					  bad ? bad : arg);
	free(bad);
	if (ret != RP_OK)
		return ret;
	switch (arg[0]) {
	case '+':
		if ((ret = split_names(def, &out->list)) == RP_OK)
			ret = split_names(arg + 1, &out->list);
		break;
	case '^':
		if ((ret = split_names(arg + 1, &out->list)) == RP_OK)
			ret = split_names(def, &out->list);
		break;
	case '-': {
		struct rp_strlist d0 = {0};
		if ((ret = split_names(def, &d0)) == RP_OK)
			for (size_t i = 0; i < d0.n && ret == RP_OK; i++)
				if (!match_list(d0.v[i], arg + 1))
					ret = rp_strlist_add(&out->list, d0.v[i]);
		rp_strlist_clear(&d0);
		if (ret == RP_OK && out->list.n == 0)
			ret = rp_sshd_problem_add(&f->cfg, diag, d->path, d->line, RP_ERR_PARSE,
						  "%s removes every algorithm; no connection can succeed",
						  d->written);
		break;
	}
	default:
		ret = split_names(arg, &out->list);
	}
	return ret;
}

struct valid {
	const char *keyword;
	const char *const *values; /* NULL: a number or time */
};

static const char *const v_flag[] = {"yes", "no", NULL};
static const char *const v_root[] = {
    "yes", "no", "prohibit-password", "without-password", "forced-commands-only", NULL};
static const char *const v_af[] = {"any", "inet", "inet6", NULL};

static const struct valid valids[] = {
    {"permitrootlogin", v_root},
    {"passwordauthentication", v_flag},
    {"kbdinteractiveauthentication", v_flag},
    {"permitemptypasswords", v_flag},
    {"x11forwarding", v_flag},
    {"usepam", v_flag},
    {"pubkeyauthentication", v_flag},
    {"hostbasedauthentication", v_flag},
    {"gssapiauthentication", v_flag},
    {"addressfamily", v_af},
    {"maxauthtries", NULL},
    {"logingracetime", NULL},
};

/* sshd's convtime(): digits with an optional unit (s m h d w), repeated. */
static long conv_time(const char *s)
{
	long total = 0;

	if (*s == '\0')
		return -1;
	while (*s) {
		long v = 0, mul = 1;
		if (!isdigit((unsigned char)*s))
			return -1;
		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (*s++ - '0');
			if (v > 1000000000L)
				return -1;
		}
		switch (*s) {
		case '\0':
			break;
		case 's':
		case 'S':
			s++;
			break;
		case 'm':
		case 'M':
			mul = 60;
			s++;
			break;
		case 'h':
		case 'H':
			mul = 3600;
			s++;
			break;
		case 'd':
		case 'D':
			mul = 86400;
			s++;
			break;
		case 'w':
		case 'W':
			mul = 604800;
			s++;
			break;
		default:
			return -1;
		}
		total += v * mul;
		if (total > 1000000000L * 10L)
			return -1;
	}
	return total;
}

long rp_ssh_seconds(const char *value)
{
	return value ? conv_time(value) : -1;
}

bool rp_ssh_value_valid(const char *keyword, const char *value)
{
	long n;

	if (value == NULL)
		return false;
	for (size_t i = 0; i < sizeof(valids) / sizeof(valids[0]); i++) {
		if (strcmp(valids[i].keyword, keyword) != 0)
			continue;
		if (valids[i].values == NULL) {
			if (strcmp(keyword, "logingracetime") == 0)
				return conv_time(value) >= 0;
			return rp_parse_long(value, 0, 1000000, &n) == RP_OK;
		}
		for (const char *const *v = valids[i].values; *v; v++)
			if (strcasecmp(*v, value) == 0)
				return true;
		return false;
	}
	return true;
}

static int validate(struct rp_ssh_facts *f, struct rp_diag *diag)
{
	int ret = RP_OK;

	for (size_t i = 0; i < f->cfg.n && ret == RP_OK; i++) {
		const struct rp_sshd_directive *d = &f->cfg.v[i];
		bool known = false;

		for (size_t k = 0; k < sizeof(valids) / sizeof(valids[0]); k++)
			if (strcmp(valids[k].keyword, d->keyword) == 0)
				known = true;
		if (!known)
			continue;
		if (d->argc != 1)
			ret = rp_sshd_problem_add(&f->cfg, diag, d->path, d->line, RP_ERR_PARSE,
						  "%s takes one argument", d->written);
		else if (!rp_ssh_value_valid(d->keyword, d->argv[0]))
			ret = rp_sshd_problem_add(&f->cfg, diag, d->path, d->line, RP_ERR_PARSE,
						  "unsupported value for %s: '%s'", d->written, d->argv[0]);
	}
	return ret;
}

/* PAM */

struct pam_ctx {
	const struct rp_root *root;
	struct rp_ssh_facts *f;
	struct rp_diag *diag;
	const char *stack[PAM_MAX_DEPTH + 1];
	unsigned depth;
	size_t lines;
};

static void pam_problem(struct pam_ctx *pc, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void pam_problem(struct pam_ctx *pc, const char *path, unsigned line, const char *fmt, ...)
{
	struct rp_buf b;
	va_list ap;
	char *msg;

	rp_buf_init(&b, 2048);
	if (line)
		rp_buf_addf(&b, "%s:%u: ", path, line);
	else
		rp_buf_addf(&b, "%s: ", path);
	va_start(ap, fmt);
	rp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	msg = rp_strndup_printable(b.data ? b.data : "", b.len);
	rp_buf_free(&b);
	if (msg == NULL)
		return;
	rp_diag_add(pc->diag, NULL, 0, "%s", msg);
	if (pc->f->pam_problems.n < 100)
		rp_strlist_take(&pc->f->pam_problems, msg);
	else
		free(msg);
}

static int pam_file(struct pam_ctx *pc, const char *path, const char *from, unsigned fromline);

/* Splits a PAM line into words; a [...] control stays one word. */
static int pam_words(const char *s, size_t len, struct rp_strlist *w)
{
	size_t i = 0;
	int ret = RP_OK;

	while (i < len && ret == RP_OK) {
		size_t start;

		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len || s[i] == '#')
			break;
		start = i;
		if (s[i] == '[') {
			while (i < len && s[i] != ']')
				i++;
			if (i < len)
				i++;
		} else {
			while (i < len && s[i] != ' ' && s[i] != '\t')
				i++;
		}
		ret = rp_strlist_take(w, strndup(s + start, i - start));
	}
	return ret;
}

static int pam_line(struct pam_ctx *pc, const char *path, unsigned lineno, const char *line, size_t len)
{
	struct rp_strlist w = {0};
	struct rp_pam_auth *a, *nv;
	const char *type, *mod, *slash;
	struct rp_buf args;
	int ret;

	if ((ret = pam_words(line, len, &w)) != RP_OK)
		goto out;
	if (w.n == 0)
		goto out;
	if (strcmp(w.v[0], "@include") == 0) {
		char *inc;
		if (w.n < 2) {
			pam_problem(pc, path, lineno, "@include without a file");
			goto out;
		}
		inc = w.v[1][0] == '/' ? strdup(w.v[1]) : rp_path_join("/etc/pam.d", w.v[1]);
		if (inc == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		ret = pam_file(pc, inc, path, lineno);
		free(inc);
		goto out;
	}
	type = w.v[0][0] == '-' ? w.v[0] + 1 : w.v[0];
	if (strcasecmp(type, "auth") != 0 || w.n < 3)
		goto out;
	if (strcmp(w.v[1], "include") == 0 || strcmp(w.v[1], "substack") == 0) {
		char *inc = w.v[2][0] == '/' ? strdup(w.v[2]) : rp_path_join("/etc/pam.d", w.v[2]);
		if (inc == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		ret = pam_file(pc, inc, path, lineno);
		free(inc);
		goto out;
	}
	if (pc->f->npam >= PAM_MAX_LINES)
		goto out;
	nv = realloc(pc->f->pam, (pc->f->npam + 1) * sizeof(*nv));
	if (nv == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	pc->f->pam = nv;
	a = &nv[pc->f->npam];
	memset(a, 0, sizeof(*a));
	slash = strrchr(w.v[2], '/');
	mod = slash ? slash + 1 : w.v[2];
	{
		size_t ml = strlen(mod);
		if (ml > 3 && strcmp(mod + ml - 3, ".so") == 0)
			ml -= 3;
		a->module = rp_strndup_printable(mod, ml);
	}
	a->control = rp_strndup_printable(w.v[1], 256);
	rp_buf_init(&args, 4096);
	for (size_t i = 3; i < w.n; i++)
		rp_buf_addf(&args, "%s%s", i > 3 ? " " : "", w.v[i]);
	a->args = rp_strndup_printable(args.data ? args.data : "", args.len);
	rp_buf_free(&args);
	a->path = strdup(path);
	a->line = lineno;
	pc->f->npam++;
	if (!a->module || !a->control || !a->args || !a->path)
		ret = RP_ERR_NOMEM;
out:
	rp_strlist_clear(&w);
	return ret;
}

static int pam_file(struct pam_ctx *pc, const char *path, const char *from, unsigned fromline)
{
	struct rp_buf buf;
	struct rp_lines it;
	const char *line;
	size_t n;
	bool too_long;
	int ret;

	for (unsigned i = 0; i < pc->depth; i++)
		if (strcmp(pc->stack[i], path) == 0) {
			pam_problem(pc, from, fromline, "include loop: %s is already being read", path);
			return RP_OK;
		}
	if (pc->depth >= PAM_MAX_DEPTH) {
		pam_problem(pc, from, fromline, "includes nested more than %d deep", PAM_MAX_DEPTH);
		return RP_OK;
	}
	rp_buf_init(&buf, RP_FILE_MAX);
	ret = rp_root_read_file(pc->root, path, RP_FILE_MAX, &buf);
	if (ret != RP_OK) {
		if (from != NULL)
			pam_problem(pc, from, fromline, "include %s: %s", path, rp_strerror(ret));
		goto out;
	}
	if (rp_text_is_binary(buf.data, buf.len)) {
		pam_problem(pc, path, 0, "binary data, not a PAM configuration");
		ret = from == NULL ? RP_ERR_BINARY : RP_OK;
		goto out;
	}
	pc->stack[pc->depth++] = path;
	rp_lines_init(&it, buf.data, buf.len, RP_LINE_MAX);
	while (ret == RP_OK && rp_lines_next(&it, &line, &n, &too_long)) {
		if (too_long) {
			pam_problem(pc, path, it.lineno, "line too long; ignored");
			continue;
		}
		if (++pc->lines > PAM_MAX_LINES * 4)
			break;
		ret = pam_line(pc, path, it.lineno, line, n);
	}
	pc->depth--;
out:
	rp_buf_free(&buf);
	return ret;
}

int rp_probe_ssh(const struct rp_root *root, struct rp_ssh_facts *f, struct rp_diag *diag)
{
	struct pam_ctx pc;
	int ret;

	memset(f, 0, sizeof(*f));
	ret = rp_sshd_load(&f->cfg, root, RP_SSHD_CONFIG_PATH, diag);
	f->status = ret;
	if (ret == RP_ERR_NOTFOUND)
		return RP_OK; /* sshd not installed: nothing to read */
	if (ret != RP_OK) {
		if (ret != RP_ERR_BINARY) /* the parser has said so */
			rp_diag_add(diag, RP_SSHD_CONFIG_PATH, 0, "cannot read: %s", rp_strerror(ret));
		return RP_OK;
	}
	if ((ret = validate(f, diag)) != RP_OK ||
	    (ret = assemble_algs(f, diag, "ciphers", DEF_CIPHERS, ALL_CIPHERS, &f->ciphers)) != RP_OK ||
	    (ret = assemble_algs(f, diag, "macs", DEF_MACS, ALL_MACS, &f->macs)) != RP_OK ||
	    (ret = assemble_algs(f, diag, "kexalgorithms", DEF_KEX, ALL_KEX, &f->kex)) != RP_OK) {
		f->status = ret;
		return ret;
	}

	memset(&pc, 0, sizeof(pc));
	pc.root = root;
	pc.f = f;
	pc.diag = diag;
	f->pam_status = pam_file(&pc, RP_SSHD_PAM_PATH, NULL, 0);
	if (f->pam_status != RP_OK && f->pam_status != RP_ERR_NOTFOUND && f->pam_status != RP_ERR_BINARY)
		rp_diag_add(diag, RP_SSHD_PAM_PATH, 0, "cannot read: %s", rp_strerror(f->pam_status));
	return RP_OK;
}

void rp_ssh_facts_free(struct rp_ssh_facts *f)
{
	if (f == NULL)
		return;
	rp_sshd_config_free(&f->cfg);
	rp_strlist_clear(&f->ciphers.list);
	rp_strlist_clear(&f->macs.list);
	rp_strlist_clear(&f->kex.list);
	for (size_t i = 0; i < f->npam; i++) {
		free(f->pam[i].module);
		free(f->pam[i].control);
		free(f->pam[i].args);
		free(f->pam[i].path);
	}
	free(f->pam);
	rp_strlist_clear(&f->pam_problems);
	memset(f, 0, sizeof(*f));
}
