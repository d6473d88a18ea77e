/* Checks of local accounts (/etc/passwd, /etc/shadow, /etc/group,
 * /etc/login.defs). Rules are documented in docs/checks-accounts.md. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/registry.h"
#include "core/config.h"
#include "core/err.h"
#include "probe/host/host.h"

/* One not-applicable or error finding when a source is missing or
 * unreadable; true when the check can go on. */
static bool source_ok(struct rp_emit *em, int status, const char *path)
{
	if (status == RP_OK)
		return true;
	if (status == RP_ERR_NOTFOUND)
		rp_emitf(em, RP_ST_NA, path, path, 0, "%s does not exist in the audited root", path);
	else
		rp_emitf(em, RP_ST_ERROR, path, path, 0, "cannot use %s: %s", path, rp_strerror(status));
	return false;
}

static const char *name_of(const struct rp_passwd_ent *e)
{
	return e->name;
}

static void check_admin_name(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;

	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	if (pol->admin_names.n == 0) {
		rp_emitf(em, RP_ST_NA, NULL, NULL, 0,
			 "no admin names configured (policy admin_names is empty)");
		return;
	}
	for (size_t k = 0; k < pol->admin_names.n; k++) {
		const char *bad = pol->admin_names.v[k];
		bool hit = false;
		char *target;

		for (size_t i = 0; i < f->passwd.n; i++) {
			const struct rp_passwd_ent *e = &f->passwd.v[i];
			const char *n = e->name;
			if (e->nis && (n[0] == '+' || n[0] == '-') && n[1] != '@')
				n++;
			if (strcasecmp(n, bad) != 0)
				continue;
			hit = true;
			target = rp_asprintf("user %s", name_of(e));
			if (e->nis)
				rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
					 "NIS compat line names %s (matches the reserved name %s)", e->name,
					 bad);
			else
				rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
					 "account %s exists (UID %ld; reserved name %s)", e->name, e->uid,
					 bad);
			free(target);
		}
		if (!hit) {
			target = rp_asprintf("user %s", bad);
			rp_emitf(em, RP_ST_PASS, target, RP_PASSWD_PATH, 0, "no account named %s (any case)",
				 bad);
			free(target);
		}
	}
}

static void check_uid0(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	const struct rp_passwd_ent *primary = NULL;
	size_t n0 = 0;
	char *target;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	for (size_t i = 0; i < f->passwd.n; i++) {
		const struct rp_passwd_ent *e = &f->passwd.v[i];
		if (e->nis || e->uid != 0)
			continue;
		n0++;
		if (primary == NULL || (strcmp(e->name, "root") == 0 && strcmp(primary->name, "root") != 0))
			primary = e;
	}
	if (primary != NULL) {
		target = rp_asprintf("user %s", primary->name);
		rp_emitf(em, RP_ST_PASS, target, RP_PASSWD_PATH, primary->line,
			 "%s is the superuser (UID 0)%s", primary->name,
			 n0 == 1 ? ", the only account with UID 0" : "");
		free(target);
	} else {
		rp_emitf(em, RP_ST_PASS, NULL, RP_PASSWD_PATH, 0, "no account has UID 0");
	}
	for (size_t i = 0; i < f->passwd.n; i++) {
		const struct rp_passwd_ent *e = &f->passwd.v[i];
		if (e == primary || e->uid != 0)
			continue;
		target = rp_asprintf("user %s", e->name);
		if (e->nis)
			rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
				 "NIS compat line %s sets UID 0 for the accounts it imports", e->name);
		else
			rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
				 "%s has UID 0 besides %s: a second superuser account", e->name,
				 primary->name);
		free(target);
	}
}

static void check_empty_password(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	size_t fails = 0, locked = 0;
	char *target;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	for (size_t i = 0; i < f->passwd.n; i++) {
		const struct rp_passwd_ent *e = &f->passwd.v[i];
		if (e->nis || e->pw != RP_PW_EMPTY)
			continue;
		/* an empty passwd field means no password: shadow is only
		 * consulted when the field is "x" */
		target = rp_asprintf("user %s", e->name);
		rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
			 "password field of %s is empty in %s: no password is needed", e->name,
			 RP_PASSWD_PATH);
		free(target);
		fails++;
	}
	if (f->shadow_status != RP_OK && f->shadow_status != RP_ERR_NOTFOUND) {
		source_ok(em, f->shadow_status, RP_SHADOW_PATH);
		return;
	}
	for (size_t i = 0; i < f->shadow.n; i++) {
		const struct rp_shadow_ent *e = &f->shadow.v[i];
		if (e->nis)
			continue;
		if (e->pw == RP_PW_LOCKED)
			locked++;
		if (e->pw != RP_PW_EMPTY)
			continue;
		target = rp_asprintf("user %s", e->name);
		rp_emitf(em, RP_ST_FAIL, target, RP_SHADOW_PATH, e->line,
			 "password field of %s is empty in %s: no password is needed", e->name,
			 RP_SHADOW_PATH);
		free(target);
		fails++;
	}
	if (fails > 0)
		return;
	if (f->shadow_status == RP_OK)
		rp_emitf(em, RP_ST_PASS, RP_SHADOW_PATH, RP_SHADOW_PATH, 0,
			 "%zu entries, none with an empty password (%zu locked with '!' or '*')", f->shadow.n,
			 locked);
	else
		rp_emitf(em, RP_ST_PASS, RP_PASSWD_PATH, RP_PASSWD_PATH, 0,
			 "%zu entries, none with an empty password field (no %s)", f->passwd.n,
			 RP_SHADOW_PATH);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Whether the account's password is locked or absent (no password login). */
static bool password_locked(const struct rp_account_facts *f, const struct rp_passwd_ent *e)
{
	const struct rp_shadow_ent *s;

	if (e->pw == RP_PW_LOCKED || e->pw == RP_PW_OTHER)
		return true;
	if (e->pw != RP_PW_SHADOWED)
		return false;
	s = rp_shadow_find(&f->shadow, e->name);
	if (s == NULL)
		return f->shadow_status == RP_OK; /* "x" without a shadow entry cannot authenticate */
	return s->pw == RP_PW_LOCKED || s->pw == RP_PW_OTHER;
}

static void check_system_shell(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	long uid_min = rp_accounts_uid_min(f), uid_max = rp_accounts_uid_max(f);
	size_t nsys = 0, bad = 0;
	char *target;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	for (size_t i = 0; i < f->passwd.n; i++) {
		const struct rp_passwd_ent *e = &f->passwd.v[i];
		const char *sh = e->shell[0] ? e->shell : "/bin/sh";
		const char *b = base_name(sh);

		if (e->nis || (e->uid >= uid_min && e->uid <= uid_max))
			continue;
		if (e->uid == 0 && strcmp(e->name, "root") == 0)
			continue;
		nsys++;
		if (strcmp(b, "nologin") == 0 || strcmp(b, "false") == 0 || strcmp(b, "true") == 0)
			continue;
		/* sync, shutdown, halt: the "shell" is the one command the account runs */
		if (strcmp(b, e->name) == 0)
			continue;
		bad++;
		target = rp_asprintf("user %s", e->name);
		if (password_locked(f, e)) {
			rp_emitf(
			    em, RP_ST_WARN, target, RP_PASSWD_PATH, e->line,
			    "system account %s (UID %ld) has login shell %s%s; its password is locked, but "
			    "keys or su still give a shell",
			    e->name, e->uid, sh, e->shell[0] ? "" : " (empty field)");
			rp_emit_severity(em, RP_SEV_LOW);
		} else {
			rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
				 "system account %s (UID %ld) has login shell %s%s and a usable password",
				 e->name, e->uid, sh, e->shell[0] ? "" : " (empty field)");
		}
		free(target);
	}
	if (bad == 0) {
		rp_emitf(em, RP_ST_PASS, RP_PASSWD_PATH, RP_PASSWD_PATH, 0,
			 "%zu system accounts (UID below %ld or above %ld, root excepted), none with a login "
			 "shell",
			 nsys, uid_min, uid_max);
		if (f->defs.uid_min_line > 0)
			rp_emit_more(em, RP_LOGIN_DEFS_PATH, f->defs.uid_min_line, "UID_MIN %ld", uid_min);
	}
}

static int cmp_uid(const void *a, const void *b)
{
	const struct rp_passwd_ent *x = *(const struct rp_passwd_ent *const *)a;
	const struct rp_passwd_ent *y = *(const struct rp_passwd_ent *const *)b;

	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void check_shared_uid(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	const struct rp_passwd_ent **v = NULL;
	size_t n = 0, groups = 0, i, j;
	char *target;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	if (f->passwd.n > 0 && (v = calloc(f->passwd.n, sizeof(*v))) == NULL) {
		em->err = RP_ERR_NOMEM;
		return;
	}
	for (i = 0; i < f->passwd.n; i++)
		if (!f->passwd.v[i].nis && f->passwd.v[i].uid > 0) /* UID 0 is accounts.uid0's */
			v[n++] = &f->passwd.v[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_uid);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j]->uid == v[i]->uid; j++)
			;
		if (j - i < 2)
			continue;
		groups++;
		target = rp_asprintf("UID %ld", v[i]->uid);
		rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, v[i]->line,
			 "UID %ld is shared by %zu accounts: %s", v[i]->uid, j - i, v[i]->name);
		for (size_t k = i + 1; k < j; k++)
			rp_emit_more(em, RP_PASSWD_PATH, v[k]->line, "%s also has UID %ld", v[k]->name,
				     v[k]->uid);
		free(target);
	}
	if (groups == 0)
		rp_emitf(em, RP_ST_PASS, RP_PASSWD_PATH, RP_PASSWD_PATH, 0,
			 "%zu accounts with a UID other than 0, each UID used once", n);
	free(v);
}

static void check_hash_in_passwd(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	size_t bad = 0;
	char *target;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	for (size_t i = 0; i < f->passwd.n; i++) {
		const struct rp_passwd_ent *e = &f->passwd.v[i];
		if (e->scheme == RP_HASH_NONE)
			continue;
		bad++;
		target = rp_asprintf("user %s", e->name);
		rp_emitf(em, RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
			 "%s password hash (%s) of %s is in world-readable %s instead of %s",
			 e->pw == RP_PW_LOCKED ? "locked" : "a", rp_hash_scheme_name(e->scheme), e->name,
			 RP_PASSWD_PATH, RP_SHADOW_PATH);
		free(target);
	}
	if (bad == 0)
		rp_emitf(em, RP_ST_PASS, RP_PASSWD_PATH, RP_PASSWD_PATH, 0,
			 "%zu entries, none holds a password hash", f->passwd.n);
}

static void check_weak_hash(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	size_t count[RP_HASH_UNKNOWN + 1] = {0}, total = 0, bad = 0;
	struct rp_buf sum;
	char *target;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	for (size_t i = 0; i < f->passwd.n; i++) {
		const struct rp_passwd_ent *e = &f->passwd.v[i];
		if (e->scheme == RP_HASH_NONE)
			continue;
		total++;
		count[e->scheme]++;
		if (!rp_hash_scheme_weak(e->scheme))
			continue;
		bad++;
		target = rp_asprintf("user %s", e->name);
		rp_emitf(em, e->pw == RP_PW_LOCKED ? RP_ST_WARN : RP_ST_FAIL, target, RP_PASSWD_PATH, e->line,
			 "%spassword of %s is hashed with %s", e->pw == RP_PW_LOCKED ? "locked " : "",
			 e->name, rp_hash_scheme_name(e->scheme));
		if (e->pw == RP_PW_LOCKED)
			rp_emit_severity(em, RP_SEV_LOW);
		free(target);
	}
	if (f->shadow_status == RP_ERR_NOTFOUND && total == 0 && f->login_defs_status != RP_OK) {
		rp_emitf(em, RP_ST_NA, RP_SHADOW_PATH, RP_SHADOW_PATH, 0, "no %s and no password hash in %s",
			 RP_SHADOW_PATH, RP_PASSWD_PATH);
		return;
	}
	if (f->shadow_status != RP_OK && f->shadow_status != RP_ERR_NOTFOUND)
		source_ok(em, f->shadow_status, RP_SHADOW_PATH);
	for (size_t i = 0; i < f->shadow.n; i++) {
		const struct rp_shadow_ent *e = &f->shadow.v[i];
		if (e->scheme == RP_HASH_NONE || e->nis)
			continue;
		total++;
		count[e->scheme]++;
		if (!rp_hash_scheme_weak(e->scheme))
			continue;
		bad++;
		target = rp_asprintf("user %s", e->name);
		/* a locked hash comes back with "usermod -U" */
		rp_emitf(em, e->pw == RP_PW_LOCKED ? RP_ST_WARN : RP_ST_FAIL, target, RP_SHADOW_PATH, e->line,
			 "%spassword of %s is hashed with %s", e->pw == RP_PW_LOCKED ? "locked " : "",
			 e->name, rp_hash_scheme_name(e->scheme));
		if (e->pw == RP_PW_LOCKED)
			rp_emit_severity(em, RP_SEV_LOW);
		free(target);
	}
	if (f->login_defs_status == RP_OK && f->defs.encrypt_method != NULL) {
		const char *m = f->defs.encrypt_method;
		bool weak = rp_streq_ci(m, "DES") || rp_streq_ci(m, "MD5");
		rp_emitf(em, weak ? RP_ST_FAIL : RP_ST_PASS, "login.defs ENCRYPT_METHOD", RP_LOGIN_DEFS_PATH,
			 f->defs.encrypt_method_line, "new passwords are hashed with ENCRYPT_METHOD %s%s", m,
			 weak ? " (weak)" : "");
		bad += weak;
	}
	if (bad > 0 || (f->shadow_status != RP_OK && f->shadow_status != RP_ERR_NOTFOUND))
		return;
	rp_buf_init(&sum, 1024);
	for (int s = RP_HASH_NONE + 1; s <= RP_HASH_UNKNOWN; s++)
		if (count[s] > 0)
			rp_buf_addf(&sum, "%s%s: %zu", sum.len ? ", " : "",
				    rp_hash_scheme_name((enum rp_hash_scheme)s), count[s]);
	rp_emitf(em, RP_ST_PASS, f->shadow_status == RP_OK ? RP_SHADOW_PATH : RP_PASSWD_PATH,
		 f->shadow_status == RP_OK ? RP_SHADOW_PATH : RP_PASSWD_PATH, 0,
		 "%zu password hashes, none with a weak scheme%s%s%s", total, total ? " (" : "",
		 sum.data ? sum.data : "", total ? ")" : "");
	rp_buf_free(&sum);
}

static void nis_lines(struct rp_emit *em, const char *path, const char *name, unsigned line, bool uid0,
		      size_t *n)
{
	char *target = rp_asprintf("NIS %s", name);

	(*n)++;
	if (uid0)
		rp_emitf(em, RP_ST_FAIL, target, path, line,
			 "NIS compat line %s gives UID 0 to the accounts it imports", name);
	else
		rp_emitf(em, RP_ST_WARN, target, path, line,
			 "NIS compat line %s %s accounts from NIS, which this audit cannot see", name,
			 name[0] == '-' ? "excludes" : "imports");
	free(target);
}

static void check_nis_compat(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_account_facts *f = &((const struct rp_host_facts *)facts)->accounts;
	size_t n = 0;

	(void)pol;
	if (!source_ok(em, f->status, RP_PASSWD_PATH))
		return;
	for (size_t i = 0; i < f->passwd.n; i++)
		if (f->passwd.v[i].nis)
			nis_lines(em, RP_PASSWD_PATH, f->passwd.v[i].name, f->passwd.v[i].line,
				  f->passwd.v[i].uid == 0, &n);
	for (size_t i = 0; i < f->shadow.n; i++)
		if (f->shadow.v[i].nis)
			nis_lines(em, RP_SHADOW_PATH, f->shadow.v[i].name, f->shadow.v[i].line, false, &n);
	for (size_t i = 0; i < f->group.n; i++)
		if (f->group.v[i].nis)
			nis_lines(em, RP_GROUP_PATH, f->group.v[i].name, f->group.v[i].line, false, &n);
	if (n == 0)
		rp_emitf(em, RP_ST_PASS, RP_PASSWD_PATH, RP_PASSWD_PATH, 0,
			 "no NIS compat ('+'/'-') lines in %s, %s or %s", RP_PASSWD_PATH, RP_SHADOW_PATH,
			 RP_GROUP_PATH);
}

const struct rp_check rp_checks_accounts[] = {
    {"accounts.admin-name",
     "No account uses a reserved administrator name",
     {"6.2"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Rename or remove the account (usermod -l NEW OLD) and give administrators personal accounts.",
     check_admin_name},
    {"accounts.uid0",
     "Only root has UID 0",
     {"6.1"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Remove the extra UID 0 accounts or give them their own UID; administrators use sudo from "
     "personal accounts.",
     check_uid0},
    {"accounts.empty-password",
     "No account has an empty password",
     {"6.4"},
     RP_SEV_CRITICAL,
     RP_TARGET_HOST,
     "Lock the account (passwd -l NAME) or set a strong password.",
     check_empty_password},
    {"accounts.system-shell",
     "System accounts have no login shell",
     {"2.1", "6.1"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Set the shell to /usr/sbin/nologin (usermod -s /usr/sbin/nologin NAME).",
     check_system_shell},
    {"accounts.shared-uid",
     "No two accounts share a UID",
     {"6.1"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Give every account its own UID so that actions can be traced to one person.",
     check_shared_uid},
    {"accounts.passwd-hash-in-passwd",
     "Password hashes are kept in /etc/shadow, not /etc/passwd",
     {"4.4", "6.4"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Move the hashes to /etc/shadow (pwconv) and leave 'x' in /etc/passwd.",
     check_hash_in_passwd},
    {"accounts.weak-hash",
     "Passwords are hashed with a strong scheme",
     {"8.a", "6.4"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Set ENCRYPT_METHOD YESCRYPT or SHA512 in /etc/login.defs and have the users change their "
     "passwords.",
     check_weak_hash},
    {"accounts.nis-compat",
     "No NIS compat entries import unseen accounts",
     {"6.1"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Remove the '+'/'-' lines, or audit the NIS/LDAP directory they import.",
     check_nis_compat},
    {.id = NULL},
};
