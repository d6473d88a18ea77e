/* sshd checks: pure functions of the ssh facts (probe/host/ssh.h) and the
 * policy. docs/checks-ssh.md explains each decision. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/registry.h"
#include "core/config.h"
#include "core/err.h"
#include "probe/host/host.h"

#define CFG RP_SSHD_CONFIG_PATH

/* Returns the ssh facts when the checks apply; otherwise emits the one
 * not-applicable or error finding and returns NULL. */
static const struct rp_ssh_facts *ssh_facts(const void *facts, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = &((const struct rp_host_facts *)facts)->ssh;

	if (f->status == RP_OK)
		return f;
	if (f->status == RP_ERR_NOTFOUND)
		rp_emitf(em, RP_ST_NA, "sshd", CFG, 0,
			 "%s not found: sshd is not installed or not configured", CFG);
	else
		rp_emitf(em, RP_ST_ERROR, "sshd", CFG, 0, "cannot read %s: %s", CFG, rp_strerror(f->status));
	return NULL;
}

/* "sshd Match User a" (with the enclosing block for a Match inside an
 * included file inside a Match block). */
static char *block_target(const struct rp_ssh_facts *f, int b)
{
	struct rp_buf t;
	int chain[4], n = 0;

	for (int x = b; x >= 0 && n < 4; x = f->cfg.blocks[x].parent)
		chain[n++] = x;
	rp_buf_init(&t, 4096);
	rp_buf_adds(&t, "sshd");
	while (n-- > 0)
		rp_buf_addf(&t, "%s Match %s", t.len > 4 ? " >" : "", f->cfg.blocks[chain[n]].criteria);
	return rp_buf_take(&t);
}

/* The value of keyword for connections matching block b: the block's own
 * directive, else an enclosing block's, else the global one. */
static struct rp_ssh_setting block_get(const struct rp_ssh_facts *f, int b, const char *keyword)
{
	for (int x = b; x >= 0; x = f->cfg.blocks[x].parent) {
		const struct rp_sshd_directive *d = rp_ssh_find(f, x, keyword);
		if (d != NULL && d->argc > 0)
			return (struct rp_ssh_setting){d->argv[0], d};
	}
	return rp_ssh_get(f, keyword);
}

/* Evidence for a setting: the directive, or the default that applies. */
static void emit_setting(struct rp_emit *em, enum rp_status st, const char *target, const char *name,
			 struct rp_ssh_setting s, bool first)
{
	if (first) {
		if (s.dir)
			rp_emitf(em, st, target, s.dir->path, s.dir->line, "%s", s.dir->text);
		else
			rp_emitf(em, st, target, CFG, 0, "%s not set; OpenSSH default is %s", name,
				 s.value ? s.value : "?");
	} else {
		if (s.dir)
			rp_emit_more(em, s.dir->path, s.dir->line, "%s", s.dir->text);
		else
			rp_emit_more(em, CFG, 0, "%s not set; OpenSSH default is %s", name,
				     s.value ? s.value : "?");
	}
}

static bool is_yes(const char *v)
{
	return v != NULL && strcasecmp(v, "yes") == 0;
}

/* ssh.permit-root-login */

static void root_login_one(struct rp_emit *em, const char *target, struct rp_ssh_setting s)
{
	enum rp_status st;
	bool low = false;

	if (!rp_ssh_value_valid("permitrootlogin", s.value)) {
		st = RP_ST_ERROR;
	} else if (strcasecmp(s.value, "yes") == 0) {
		st = RP_ST_FAIL;
	} else if (strcasecmp(s.value, "no") == 0) {
		st = RP_ST_PASS;
	} else {
		/* prohibit-password, without-password, forced-commands-only:
		 * root still logs in with a key, bypassing personal accounts */
		st = RP_ST_WARN;
		low = true;
	}
	emit_setting(em, st, target, "PermitRootLogin", s, true);
	if (st == RP_ST_ERROR)
		rp_emit_more(em, NULL, 0, "unsupported value; sshd refuses to start");
	if (low)
		rp_emit_severity(em, RP_SEV_LOW);
}

static void check_permit_root(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);

	(void)pol;
	if (f == NULL)
		return;
	root_login_one(em, "sshd", rp_ssh_get(f, "permitrootlogin"));
	for (size_t b = 0; b < f->cfg.nblocks; b++) {
		const struct rp_sshd_directive *d = rp_ssh_find(f, (int)b, "permitrootlogin");
		char *t;
		if (d == NULL || d->argc == 0)
			continue;
		t = block_target(f, (int)b);
		root_login_one(em, t, (struct rp_ssh_setting){d->argv[0], d});
		free(t);
	}
}

/* Authentication paths: the lists of AuthenticationMethods (or each
 * enabled method alone when it is "any"), and what factors each needs. */

enum {
	FACTOR_PASSWORD = 1 << 0, /* something known: a password, via sshd or PAM */
	FACTOR_KEY = 1 << 1,	  /* a private key (publickey) */
	FACTOR_OTP = 1 << 2,	  /* a PAM second-factor module (token, app, certificate) */
	FACTOR_KERBEROS = 1 << 3,
	FACTOR_HOST = 1 << 4, /* hostbased: the client host, not the person */
};

struct pam_summary {
	const struct rp_pam_auth *second; /* a mandatory second-factor module */
	const struct rp_pam_auth *weak2;  /* a second-factor module that can be skipped */
	bool password;			  /* a password module is in the stack */
};

static bool pam_mandatory(const struct rp_pam_auth *a)
{
	if (strcmp(a->control, "optional") == 0 || strcmp(a->control, "sufficient") == 0)
		return false;
	if (a->control[0] == '[' && strstr(a->control, "default=ignore") != NULL)
		return false;
	/* nullok lets users who never enrolled log in without the factor */
	if (strstr(a->args, "nullok") != NULL)
		return false;
	return true;
}

static struct pam_summary pam_summarise(const struct rp_ssh_facts *f)
{
	static const char *const pw[] = {"pam_unix",	"pam_unix2",  "pam_sss",     "pam_ldap", "pam_krb5",
					 "pam_winbind", "pam_userdb", "pam_pwdfile", NULL};
	struct pam_summary s = {0};

	for (size_t i = 0; i < f->npam; i++) {
		const struct rp_pam_auth *a = &f->pam[i];
		for (size_t k = 0; pw[k]; k++)
			if (strcmp(a->module, pw[k]) == 0)
				s.password = true;
		if (rp_pam_is_second_factor(a->module)) {
			if (pam_mandatory(a)) {
				if (s.second == NULL)
					s.second = a;
			} else if (s.weak2 == NULL) {
				s.weak2 = a;
			}
		}
	}
	/* No /etc/pam.d/sshd: PAM's "other" stack, typically passwords. */
	if (f->pam_status != RP_OK)
		s.password = true;
	return s;
}

struct auth_ctx {
	const struct rp_ssh_facts *f;
	int block;
	struct rp_ssh_setting pw, kbd, pub, host, gss, pam, methods;
	struct pam_summary ps;
};

static void auth_ctx_init(struct auth_ctx *a, const struct rp_ssh_facts *f, int block)
{
	memset(a, 0, sizeof(*a));
	a->f = f;
	a->block = block;
	a->pw = block_get(f, block, "passwordauthentication");
	a->kbd = block_get(f, block, "kbdinteractiveauthentication");
	a->pub = block_get(f, block, "pubkeyauthentication");
	a->host = block_get(f, block, "hostbasedauthentication");
	a->gss = block_get(f, block, "gssapiauthentication");
	a->pam = rp_ssh_get(f, "usepam");
	a->methods = block_get(f, block, "authenticationmethods");
	a->ps = pam_summarise(f);
}

/* The factors one method gives, or -1 when it cannot succeed here. */
static int method_factors(const struct auth_ctx *a, const char *m)
{
	if (strcmp(m, "password") == 0)
		return is_yes(a->pw.value) ? FACTOR_PASSWORD : -1;
	if (strcmp(m, "publickey") == 0)
		return is_yes(a->pub.value) ? FACTOR_KEY : -1;
	if (strcmp(m, "hostbased") == 0)
		return is_yes(a->host.value) ? FACTOR_HOST : -1;
	if (strcmp(m, "gssapi-with-mic") == 0)
		return is_yes(a->gss.value) ? FACTOR_KERBEROS : -1;
	if (strcmp(m, "keyboard-interactive") == 0 || strncmp(m, "keyboard-interactive:", 21) == 0) {
		/* on Linux, keyboard-interactive is served by PAM only */
		if (!is_yes(a->kbd.value) || !is_yes(a->pam.value))
			return -1;
		if (a->ps.second != NULL)
			return FACTOR_OTP | (a->ps.password ? FACTOR_PASSWORD : 0);
		return FACTOR_PASSWORD;
	}
	return -1; /* "none" or unknown */
}

static int popcount(int x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Calls fn for each usable authentication path with its factors. */
static void each_path(const struct auth_ctx *a, void (*fn)(void *arg, const char *path, int factors),
		      void *arg)
{
	static const char *const single[] = {"publickey", "password",	     "keyboard-interactive",
					     "hostbased", "gssapi-with-mic", NULL};
	const struct rp_sshd_directive *d = a->methods.dir;

	if (d == NULL || d->argc == 0 || strcmp(d->argv[0], "any") == 0) {
		for (size_t i = 0; single[i]; i++) {
			int fa = method_factors(a, single[i]);
			if (fa >= 0)
				fn(arg, single[i], fa);
		}
		return;
	}
	for (size_t i = 0; i < d->argc; i++) {
		char *copy = strdup(d->argv[i]), *p, *comma;
		int fa = 0;

		if (copy == NULL)
			return;
		for (p = copy; p != NULL; p = comma ? comma + 1 : NULL) {
			int mf;
			comma = strchr(p, ',');
			if (comma)
				*comma = '\0';
			mf = method_factors(a, p);
			if (mf < 0) {
				fa = -1;
				break;
			}
			fa |= mf;
		}
		if (fa >= 0)
			fn(arg, d->argv[i], fa);
		free(copy);
	}
}

struct path_result {
	char *bad;  /* the first path that fails the check */
	char *good; /* the first path that passes */
	size_t n;
};

static void remember(char **slot, const char *path)
{
	if (*slot == NULL)
		*slot = strdup(path);
}

static void path_password_only(void *arg, const char *path, int factors)
{
	struct path_result *r = arg;

	r->n++;
	if (factors == FACTOR_PASSWORD)
		remember(&r->bad, path);
	else
		remember(&r->good, path);
}

static void more_auth_evidence(struct rp_emit *em, const struct auth_ctx *a)
{
	emit_setting(em, 0, NULL, "PasswordAuthentication", a->pw, false);
	emit_setting(em, 0, NULL, "KbdInteractiveAuthentication", a->kbd, false);
	emit_setting(em, 0, NULL, "UsePAM", a->pam, false);
	emit_setting(em, 0, NULL, "AuthenticationMethods", a->methods, false);
	if (a->ps.second)
		rp_emit_more(em, a->ps.second->path, a->ps.second->line, "auth %s %s %s",
			     a->ps.second->control, a->ps.second->module, a->ps.second->args);
	else if (a->ps.weak2)
		rp_emit_more(em, a->ps.weak2->path, a->ps.weak2->line,
			     "auth %s %s %s (can be skipped: not a mandatory second factor)",
			     a->ps.weak2->control, a->ps.weak2->module, a->ps.weak2->args);
}

static void password_one(struct rp_emit *em, const struct rp_ssh_facts *f, int block, const char *target)
{
	struct path_result r = {0};
	struct auth_ctx a;

	auth_ctx_init(&a, f, block);
	each_path(&a, path_password_only, &r);
	if (r.bad)
		rp_emitf(em, RP_ST_FAIL, target, NULL, 0,
			 "a password alone logs in (authentication path '%s') without a second factor",
			 r.bad);
	else
		rp_emitf(em, RP_ST_PASS, target, NULL, 0, "no authentication path accepts a password alone");
	more_auth_evidence(em, &a);
	free(r.bad);
	free(r.good);
}

static bool block_sets_auth(const struct rp_ssh_facts *f, int b)
{
	static const char *const kws[] = {"passwordauthentication",
					  "kbdinteractiveauthentication",
					  "authenticationmethods",
					  "pubkeyauthentication",
					  "hostbasedauthentication",
					  "gssapiauthentication",
					  NULL};

	for (size_t i = 0; kws[i]; i++)
		if (rp_ssh_find(f, b, kws[i]) != NULL)
			return true;
	return false;
}

static void check_password_auth(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);

	(void)pol;
	if (f == NULL)
		return;
	password_one(em, f, -1, "sshd");
	for (size_t b = 0; b < f->cfg.nblocks; b++) {
		char *t;
		if (!block_sets_auth(f, (int)b))
			continue;
		t = block_target(f, (int)b);
		password_one(em, f, (int)b, t);
		free(t);
	}
}

/* ssh.second-factor */

static void path_mfa(void *arg, const char *path, int factors)
{
	struct path_result *r = arg;

	r->n++;
	if (popcount(factors & ~FACTOR_HOST) >= 2)
		remember(&r->good, path);
	else
		remember(&r->bad, path);
}

static void mfa_one(struct rp_emit *em, const struct rp_ssh_facts *f, int block, const char *target)
{
	struct path_result r = {0};
	struct auth_ctx a;

	auth_ctx_init(&a, f, block);
	each_path(&a, path_mfa, &r);
	if (r.bad)
		rp_emitf(em, RP_ST_FAIL, target, NULL, 0, "authentication path '%s' needs a single factor",
			 r.bad);
	else if (r.n == 0)
		rp_emitf(em, RP_ST_FAIL, target, NULL, 0, "no authentication path can succeed");
	else
		rp_emitf(em, RP_ST_PASS, target, NULL, 0,
			 "every authentication path needs two factors (e.g. '%s')", r.good);
	more_auth_evidence(em, &a);
	emit_setting(em, 0, NULL, "PubkeyAuthentication", a.pub, false);
	free(r.bad);
	free(r.good);
}

static void check_second_factor(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);

	(void)pol;
	if (f == NULL)
		return;
	mfa_one(em, f, -1, "sshd");
	for (size_t b = 0; b < f->cfg.nblocks; b++) {
		char *t;
		if (!block_sets_auth(f, (int)b))
			continue;
		t = block_target(f, (int)b);
		mfa_one(em, f, (int)b, t);
		free(t);
	}
}

/* ssh.allow-users */

static void check_allow_users(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);
	bool restricted = false, first = true;

	if (f == NULL)
		return;
	for (size_t i = 0; i < f->cfg.n; i++) {
		const struct rp_sshd_directive *d = &f->cfg.v[i];
		bool star = false;
		if (d->block != -1 ||
		    (strcmp(d->keyword, "allowusers") != 0 && strcmp(d->keyword, "allowgroups") != 0))
			continue;
		for (size_t k = 0; k < d->argc; k++)
			if (strcmp(d->argv[k], "*") == 0 || strcmp(d->argv[k], "*@*") == 0)
				star = true;
		if (!star)
			restricted = true;
	}
	for (size_t i = 0; i < f->cfg.n; i++) {
		const struct rp_sshd_directive *d = &f->cfg.v[i];
		if (d->block != -1 ||
		    (strcmp(d->keyword, "allowusers") != 0 && strcmp(d->keyword, "allowgroups") != 0))
			continue;
		if (first)
			rp_emitf(em,
				 restricted ? RP_ST_PASS : (pol->ssh_require_allow ? RP_ST_FAIL : RP_ST_WARN),
				 "sshd", d->path, d->line, "%s", d->text);
		else
			rp_emit_more(em, d->path, d->line, "%s", d->text);
		first = false;
	}
	if (first)
		rp_emitf(em, pol->ssh_require_allow ? RP_ST_FAIL : RP_ST_WARN, "sshd", CFG, 0,
			 "neither AllowUsers nor AllowGroups is set: every account with a shell may log in");
	else if (!restricted)
		rp_emit_more(em, NULL, 0, "AllowUsers/AllowGroups allow everyone ('*')");
	if (!restricted && !pol->ssh_require_allow)
		rp_emit_severity(em, RP_SEV_LOW);
}

/* ssh.listen-address */

static bool wildcard_address(const char *a)
{
	static const char *const any[] = {"0.0.0.0", "::", "[::]", "*", "0", NULL};
	size_t n = strlen(a);
	char host[256];

	/* strip ":port" from "0.0.0.0:22" and "[::]:22" */
	if (a[0] == '[') {
		const char *e = strchr(a, ']');
		n = e ? (size_t)(e - a) + 1 : n;
	} else if (strchr(a, ':') == strrchr(a, ':') && strchr(a, ':') != NULL) {
		n = (size_t)(strchr(a, ':') - a);
	}
	if (n >= sizeof(host))
		return false;
	memcpy(host, a, n);
	host[n] = '\0';
	for (size_t i = 0; any[i]; i++)
		if (strcmp(host, any[i]) == 0)
			return true;
	return false;
}

static void check_listen_address(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);
	bool any = false, first = true;

	(void)pol;
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->cfg.n; i++) {
		const struct rp_sshd_directive *d = &f->cfg.v[i];
		if (d->block == -1 && strcmp(d->keyword, "listenaddress") == 0 && d->argc > 0 &&
		    wildcard_address(d->argv[0]))
			any = true;
	}
	for (size_t i = 0; i < f->cfg.n; i++) {
		const struct rp_sshd_directive *d = &f->cfg.v[i];
		if (d->block != -1 || strcmp(d->keyword, "listenaddress") != 0)
			continue;
		if (first)
			rp_emitf(em, any ? RP_ST_WARN : RP_ST_PASS, "sshd", d->path, d->line, "%s", d->text);
		else
			rp_emit_more(em, d->path, d->line, "%s", d->text);
		first = false;
	}
	if (first)
		rp_emitf(em, RP_ST_WARN, "sshd", CFG, 0,
			 "ListenAddress not set; OpenSSH default is every address (0.0.0.0 and ::)");
	else if (any)
		rp_emit_more(em, NULL, 0, "sshd listens on every address of the host");
}

/* ssh.weak-ciphers, ssh.weak-macs, ssh.weak-kex */

static bool weak_match(const struct rp_strlist *weak, const char *alg)
{
	for (size_t i = 0; i < weak->n; i++) {
		const char *w = weak->v[i];
		size_t n = strlen(w);
		if (strcasecmp(w, alg) == 0 || fnmatch(w, alg, 0) == 0)
			return true;
		/* "gss-group1-sha1-": a family of names with a suffix */
		if (n > 0 && w[n - 1] == '-' && strncasecmp(w, alg, n) == 0)
			return true;
	}
	return false;
}

static void check_algs(const void *facts, struct rp_emit *em, const struct rp_ssh_algs *algs,
		       const struct rp_strlist *weak, const char *name, const char *kw)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);
	struct rp_buf bad;
	struct rp_ssh_setting s;

	if (f == NULL)
		return;
	rp_buf_init(&bad, 8192);
	for (size_t i = 0; i < algs->list.n; i++)
		if (weak_match(weak, algs->list.v[i]))
			rp_buf_addf(&bad, "%s%s", bad.len ? "," : "", algs->list.v[i]);
	s.dir = algs->dir;
	s.value = rp_ssh_default(kw);
	if (bad.len > 0)
		rp_emitf(em, RP_ST_FAIL, "sshd", NULL, 0, "weak %s offered: %s", name, bad.data);
	else
		rp_emitf(em, RP_ST_PASS, "sshd", NULL, 0, "no weak %s offered", name);
	emit_setting(em, 0, NULL,
		     kw[0] == 'c'   ? "Ciphers"
		     : kw[0] == 'm' ? "MACs"
				    : "KexAlgorithms",
		     s, false);
	{
		struct rp_buf all;
		rp_buf_init(&all, 8192);
		for (size_t i = 0; i < algs->list.n; i++)
			rp_buf_addf(&all, "%s%s", i ? "," : "", algs->list.v[i]);
		rp_emit_more(em, NULL, 0, "effective %s: %s", name, all.data ? all.data : "(none)");
		rp_buf_free(&all);
	}
	rp_buf_free(&bad);
}

static void check_weak_ciphers(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = &((const struct rp_host_facts *)facts)->ssh;

	check_algs(facts, em, &f->ciphers, &pol->ssh_weak_ciphers, "ciphers", "ciphers");
}

static void check_weak_macs(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = &((const struct rp_host_facts *)facts)->ssh;

	check_algs(facts, em, &f->macs, &pol->ssh_weak_macs, "MACs", "macs");
}

static void check_weak_kex(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = &((const struct rp_host_facts *)facts)->ssh;

	check_algs(facts, em, &f->kex, &pol->ssh_weak_kex, "key exchange algorithms", "kexalgorithms");
}

/* Flag checks: yes fails, no passes; Match blocks get their own finding. */
static void flag_one(struct rp_emit *em, const char *target, const char *kw, const char *name,
		     struct rp_ssh_setting s)
{
	enum rp_status st;

	if (!rp_ssh_value_valid(kw, s.value))
		st = RP_ST_ERROR;
	else
		st = is_yes(s.value) ? RP_ST_FAIL : RP_ST_PASS;
	emit_setting(em, st, target, name, s, true);
	if (st == RP_ST_ERROR)
		rp_emit_more(em, NULL, 0, "unsupported value; sshd refuses to start");
}

static void check_flag(const void *facts, struct rp_emit *em, const char *kw, const char *name)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);

	if (f == NULL)
		return;
	flag_one(em, "sshd", kw, name, rp_ssh_get(f, kw));
	for (size_t b = 0; b < f->cfg.nblocks; b++) {
		const struct rp_sshd_directive *d = rp_ssh_find(f, (int)b, kw);
		char *t;
		if (d == NULL || d->argc == 0)
			continue;
		t = block_target(f, (int)b);
		flag_one(em, t, kw, name, (struct rp_ssh_setting){d->argv[0], d});
		free(t);
	}
}

static void check_x11(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	(void)pol;
	check_flag(facts, em, "x11forwarding", "X11Forwarding");
}

static void check_empty_passwords(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	(void)pol;
	check_flag(facts, em, "permitemptypasswords", "PermitEmptyPasswords");
}

/* ssh.max-auth-tries: more than 4 attempts per connection warns (CIS). */
#define MAX_AUTH_TRIES 4
/* ssh.login-grace-time: more than 60 s, or 0 (no limit), warns. */
#define MAX_GRACE 60

static void max_tries_one(struct rp_emit *em, const char *target, struct rp_ssh_setting s)
{
	long n = 0;
	enum rp_status st;

	if (rp_parse_long(s.value, 0, 1000000, &n) != RP_OK)
		st = RP_ST_ERROR;
	else
		st = n > MAX_AUTH_TRIES ? RP_ST_WARN : RP_ST_PASS;
	emit_setting(em, st, target, "MaxAuthTries", s, true);
	if (st == RP_ST_WARN)
		rp_emit_more(em, NULL, 0, "more than %d attempts per connection", MAX_AUTH_TRIES);
}

static void check_max_auth_tries(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);

	(void)pol;
	if (f == NULL)
		return;
	max_tries_one(em, "sshd", rp_ssh_get(f, "maxauthtries"));
	for (size_t b = 0; b < f->cfg.nblocks; b++) {
		const struct rp_sshd_directive *d = rp_ssh_find(f, (int)b, "maxauthtries");
		char *t;
		if (d == NULL || d->argc == 0)
			continue;
		t = block_target(f, (int)b);
		max_tries_one(em, t, (struct rp_ssh_setting){d->argv[0], d});
		free(t);
	}
}

static void check_login_grace(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);
	struct rp_ssh_setting s;
	enum rp_status st;
	long secs;

	(void)pol;
	if (f == NULL)
		return;
	s = rp_ssh_get(f, "logingracetime");
	secs = rp_ssh_seconds(s.value);
	if (secs < 0)
		st = RP_ST_ERROR;
	else
		st = secs == 0 || secs > MAX_GRACE ? RP_ST_WARN : RP_ST_PASS;
	emit_setting(em, st, "sshd", "LoginGraceTime", s, true);
	if (st == RP_ST_WARN)
		rp_emit_more(em, NULL, 0,
			     secs == 0 ? "no time limit for unauthenticated connections"
				       : "unauthenticated connections are kept longer than 60 seconds");
}

static void check_user_env(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);
	struct rp_ssh_setting s;

	(void)pol;
	if (f == NULL)
		return;
	s = rp_ssh_get(f, "permituserenvironment");
	/* anything but "no" is "yes" or a list of variables users may set */
	emit_setting(em, strcasecmp(s.value, "no") == 0 ? RP_ST_PASS : RP_ST_FAIL, "sshd",
		     "PermitUserEnvironment", s, true);
}

/* ssh.config-integrity */

static void check_integrity(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_ssh_facts *f = ssh_facts(facts, em);
	size_t bad = 0;

	(void)pol;
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->cfg.nproblems; i++) {
		const struct rp_sshd_problem *p = &f->cfg.problems[i];
		/* rejected syntax: sshd refuses to start; unreadable input: we
		 * could not see everything sshd would */
		enum rp_status st = p->err == RP_ERR_PARSE ? RP_ST_FAIL
				    : p->err == RP_OK	   ? RP_ST_WARN
							   : RP_ST_ERROR;
		rp_emitf(em, st, "sshd", p->path, p->line, "%s", p->msg);
		bad++;
	}
	if (f->cfg.dropped_problems > 0)
		rp_emit_more(em, NULL, 0, "%zu more problems not shown", f->cfg.dropped_problems);
	for (size_t i = 0; i < f->pam_problems.n; i++) {
		rp_emitf(em, RP_ST_ERROR, "pam sshd", NULL, 0, "%s", f->pam_problems.v[i]);
		bad++;
	}
	if (bad == 0) {
		rp_emitf(em, RP_ST_PASS, "sshd", CFG, 0, "%zu file(s) read, every line understood",
			 f->cfg.files.n);
		for (size_t i = 1; i < f->cfg.files.n && i < 20; i++)
			rp_emit_more(em, f->cfg.files.v[i], 0, "included");
	}
}

const struct rp_check rp_checks_ssh[] = {
    {"ssh.permit-root-login",
     "Root cannot log in over SSH",
     {"6.1", "6.4"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Set 'PermitRootLogin no' in sshd_config and log in with personal accounts.",
     check_permit_root},
    {"ssh.password-authentication",
     "A password alone does not log in over SSH",
     {"6.4"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Set 'PasswordAuthentication no' and 'KbdInteractiveAuthentication no', or require a second "
     "factor with AuthenticationMethods.",
     check_password_auth},
    {"ssh.second-factor",
     "SSH logins need a second factor",
     {"6.4"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Set e.g. 'AuthenticationMethods publickey,keyboard-interactive' with a PAM second-factor module "
     "(pam_google_authenticator, pam_u2f, ...) required in /etc/pam.d/sshd.",
     check_second_factor},
    {"ssh.allow-users",
     "SSH logins are limited to named users or groups",
     {"6.1"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "List the administrators in 'AllowUsers' or 'AllowGroups' in sshd_config.",
     check_allow_users},
    {"ssh.listen-address",
     "sshd listens only on the addresses it needs",
     {"6.3", "2.8"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Set 'ListenAddress' to the management interface's address.",
     check_listen_address},
    {"ssh.weak-ciphers",
     "sshd offers no weak ciphers",
     {"2.3", "8.a"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Remove weak ciphers, e.g. 'Ciphers -*-cbc,3des-*'.",
     check_weak_ciphers},
    {"ssh.weak-macs",
     "sshd offers no weak MACs",
     {"2.3", "8.a"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Remove weak MACs, e.g. 'MACs -hmac-sha1*,umac-64*,hmac-md5*'.",
     check_weak_macs},
    {"ssh.weak-kex",
     "sshd offers no weak key exchange",
     {"2.3", "8.a"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Remove weak key exchange methods, e.g. 'KexAlgorithms -*-sha1'.",
     check_weak_kex},
    {"ssh.x11-forwarding",
     "X11 forwarding is off",
     {"2.2"},
     RP_SEV_LOW,
     RP_TARGET_HOST,
     "Set 'X11Forwarding no' in sshd_config.",
     check_x11},
    {"ssh.permit-empty-passwords",
     "Accounts with empty passwords cannot log in",
     {"6.4"},
     RP_SEV_CRITICAL,
     RP_TARGET_HOST,
     "Set 'PermitEmptyPasswords no' in sshd_config.",
     check_empty_passwords},
    {"ssh.max-auth-tries",
     "Few authentication attempts per connection",
     {"6.4", "8.a"},
     RP_SEV_LOW,
     RP_TARGET_HOST,
     "Set 'MaxAuthTries 4' (or fewer) in sshd_config.",
     check_max_auth_tries},
    {"ssh.login-grace-time",
     "Unauthenticated connections time out quickly",
     {"8.a"},
     RP_SEV_LOW,
     RP_TARGET_HOST,
     "Set 'LoginGraceTime 60' (or less) in sshd_config.",
     check_login_grace},
    {"ssh.permit-user-environment",
     "Users cannot set the environment of sshd sessions",
     {"8.a"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Set 'PermitUserEnvironment no' in sshd_config.",
     check_user_env},
    {"ssh.config-integrity",
     "sshd_config is readable and valid",
     {"8.a"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Fix the lines named: sshd refuses to start on them, or rampart could not read all of the "
     "configuration.",
     check_integrity},
    {.id = NULL},
};
