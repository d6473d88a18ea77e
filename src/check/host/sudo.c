/* Checks of sudo's policy (/etc/sudoers and what it includes). Rules are
 * documented in docs/checks-accounts.md. A rule "grants ALL" when one of its
 * commands is ALL (or a Cmnd_Alias including ALL), not negated, and may run
 * as root; the host list is not evaluated (a rule for another host is
 * reported too: the file is shared configuration). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check/registry.h"
#include "core/config.h"
#include "core/err.h"
#include "probe/host/host.h"

enum principal { P_ALL, P_GROUP, P_USER, P_ROOT };

static enum principal principal_kind(const char *w)
{
	if (strcmp(w, "ALL") == 0)
		return P_ALL;
	if (w[0] == '%' || w[0] == '+')
		return P_GROUP;
	if (strcmp(w, "root") == 0 || strcmp(w, "#0") == 0)
		return P_ROOT;
	return P_USER;
}

/* The grants-ALL command of rule r, or NULL. */
static const struct rp_sudo_cmnd *grants_all(const struct rp_sudo_rule *r)
{
	for (size_t i = 0; i < r->ncmnds; i++)
		if (r->cmnds[i].all && r->cmnds[i].as_root && !r->cmnds[i].negated)
			return &r->cmnds[i];
	return NULL;
}

/* An include loop names a file already read: its rules were examined. */
static bool read_elsewhere(const struct rp_sudoers *s, const struct rp_sudo_file *sf)
{
	if (sf->status != RP_ERR_LOOP || !sf->have_stat)
		return false;
	for (size_t i = 0; i < s->nfiles; i++) {
		const struct rp_sudo_file *o = &s->files[i];
		if (o->status == RP_OK && o->have_stat && o->dev == sf->dev && o->ino == sf->ino)
			return true;
	}
	return false;
}

/* Not-applicable or error when /etc/sudoers could not be read, errors for
 * included files that could not; true when the check can go on. */
static bool sudo_source(struct rp_emit *em, const struct rp_sudo_facts *f)
{
	if (f->status == RP_ERR_NOTFOUND) {
		rp_emitf(em, RP_ST_NA, "sudo", RP_SUDOERS_PATH, 0,
			 "%s does not exist: sudo is not configured", RP_SUDOERS_PATH);
		return false;
	}
	if (f->status != RP_OK) {
		rp_emitf(em, RP_ST_ERROR, "sudo", RP_SUDOERS_PATH, 0, "cannot read %s: %s", RP_SUDOERS_PATH,
			 rp_strerror(f->status));
		return false;
	}
	for (size_t i = 0; i < f->sudoers.nfiles; i++) {
		const struct rp_sudo_file *sf = &f->sudoers.files[i];
		if (sf->status == RP_OK || read_elsewhere(&f->sudoers, sf))
			continue;
		rp_emitf(em, RP_ST_ERROR, sf->path, sf->from ? sf->from : sf->path, sf->from_line,
			 "cannot read %s: %s; its rules were not examined", sf->path,
			 rp_strerror(sf->status));
	}
	return true;
}

/* True when authentication is disabled for principal w by Defaults: the last
 * global "authenticate" setting, or a user-bound "!authenticate". */
static const struct rp_sudo_default *auth_off(const struct rp_sudoers *s, const char *w)
{
	const struct rp_sudo_default *global = NULL, *bound = NULL;

	for (size_t i = 0; i < s->ndefaults; i++) {
		const struct rp_sudo_default *d = &s->defaults[i];
		if (strcmp(d->name, "authenticate") != 0)
			continue;
		if (d->binding == 0)
			global = d;
		else if (d->binding == ':' && (rp_strlist_has(&d->who, w) || rp_strlist_has(&d->who, "ALL")))
			bound = d;
	}
	if (bound != NULL)
		return bound->negated ? bound : NULL;
	return global != NULL && global->negated ? global : NULL;
}

static void check_nopasswd_all(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_sudo_facts *f = &((const struct rp_host_facts *)facts)->sudo;
	const struct rp_sudoers *s = &f->sudoers;
	size_t grants = 0;

	(void)pol;
	if (!sudo_source(em, f))
		return;
	for (size_t i = 0; i < s->nrules; i++) {
		const struct rp_sudo_rule *r = &s->rules[i];
		const struct rp_sudo_cmnd *c = grants_all(r);
		if (c == NULL)
			continue;
		for (size_t k = 0; k < r->who.n; k++) {
			const char *w = r->who.v[k];
			const struct rp_sudo_default *d;
			bool nopw;
			if (w[0] == '!')
				continue;
			grants++;
			d = auth_off(s, w);
			nopw = (c->tags & RP_SUDO_TAG_NOPASSWD) || d != NULL;
			if (principal_kind(w) == P_ROOT) {
				rp_emitf(em, RP_ST_PASS, w, r->file, r->line,
					 "%s may run ALL%s; root needs no sudo password", w,
					 nopw ? " without a password" : "");
			} else if (nopw) {
				rp_emitf(em, RP_ST_FAIL, w, r->file, r->line,
					 "%s may run ALL as root without a password (%s)", w,
					 d ? "Defaults !authenticate" : "NOPASSWD");
				if (d != NULL)
					rp_emit_more(em, d->file, d->line, "Defaults%s%s !authenticate",
						     d->binding ? ":" : "", d->binding ? w : "");
			} else {
				rp_emitf(em, RP_ST_PASS, w, r->file, r->line,
					 "%s may run ALL as root, with a password", w);
			}
		}
	}
	if (grants == 0)
		rp_emitf(em, RP_ST_PASS, "sudo", RP_SUDOERS_PATH, 0,
			 "no rule grants ALL (%zu rules in %zu files)", s->nrules, s->nfiles);
}

/* The group name of a group principal ("%sudo", "%#27", "%:dom", "+net"). */
static const char *group_name(const struct rp_host_facts *h, const char *w, char *tmp, size_t tmpsz)
{
	const char *g = w + 1;
	long gid;

	if (w[0] == '%' && g[0] == ':')
		g++;
	if (g[0] == '#' && rp_parse_long(g + 1, 0, 4294967295L, &gid) == RP_OK) {
		const struct rp_group_ent *e = rp_group_find_gid(&h->accounts.group, gid);
		if (e != NULL) {
			snprintf(tmp, tmpsz, "%s", e->name);
			return tmp;
		}
	}
	return g;
}

static void check_broad_group(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_host_facts *h = facts;
	const struct rp_sudoers *s = &h->sudo.sudoers;
	char tmp[256];
	size_t n = 0;

	if (!sudo_source(em, &h->sudo))
		return;
	for (size_t i = 0; i < s->nrules; i++) {
		const struct rp_sudo_rule *r = &s->rules[i];
		if (grants_all(r) == NULL)
			continue;
		for (size_t k = 0; k < r->who.n; k++) {
			const char *w = r->who.v[k], *g;
			enum principal p = principal_kind(w);
			if (w[0] == '!' || (p != P_ALL && p != P_GROUP))
				continue;
			n++;
			if (p == P_ALL) {
				rp_emitf(em, RP_ST_FAIL, "ALL", r->file, r->line,
					 "every user may run ALL as root");
				continue;
			}
			g = group_name(h, w, tmp, sizeof(tmp));
			if (rp_strlist_has_ci(&pol->sudo_broad_groups, g))
				rp_emitf(em, RP_ST_FAIL, w, r->file, r->line,
					 "group %s may run ALL as root, and it is too broad (policy "
					 "sudo_broad_groups)",
					 g);
			else
				rp_emitf(em, RP_ST_PASS, w, r->file, r->line,
					 "group %s may run ALL as root; it is not one of the broad groups",
					 g);
		}
	}
	if (n == 0)
		rp_emitf(em, RP_ST_PASS, "sudo", RP_SUDOERS_PATH, 0,
			 "no rule grants ALL to a group or to ALL users");
}

static void check_unrestricted(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_sudo_facts *f = &((const struct rp_host_facts *)facts)->sudo;
	const struct rp_sudoers *s = &f->sudoers;
	size_t n = 0;

	(void)pol;
	if (!sudo_source(em, f))
		return;
	for (size_t i = 0; i < s->nrules; i++) {
		const struct rp_sudo_rule *r = &s->rules[i];
		bool all = grants_all(r) != NULL;
		for (size_t k = 0; k < r->who.n; k++) {
			const char *w = r->who.v[k];
			if (w[0] == '!' || principal_kind(w) != P_USER)
				continue;
			n++;
			if (all)
				rp_emitf(em, RP_ST_WARN, w, r->file, r->line,
					 "user %s may run ALL as root; confirm the person needs unrestricted "
					 "root, "
					 "or grant the commands needed",
					 w);
			else
				rp_emitf(em, RP_ST_PASS, w, r->file, r->line,
					 "user %s may run %zu listed command%s", w, r->ncmnds,
					 r->ncmnds == 1 ? "" : "s");
		}
	}
	if (n == 0)
		rp_emitf(em, RP_ST_PASS, "sudo", RP_SUDOERS_PATH, 0,
			 "no rule names an individual user (besides root)");
}

/* The last global Defaults entry for name, or NULL. */
static const struct rp_sudo_default *last_global(const struct rp_sudoers *s, const char *name)
{
	const struct rp_sudo_default *hit = NULL;

	for (size_t i = 0; i < s->ndefaults; i++)
		if (s->defaults[i].binding == 0 && strcmp(s->defaults[i].name, name) == 0)
			hit = &s->defaults[i];
	return hit;
}

static bool is_set(const struct rp_sudo_default *d)
{
	return d != NULL && !d->negated && (d->value == NULL || d->value[0] != '\0');
}

static void check_defaults(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_sudo_facts *f = &((const struct rp_host_facts *)facts)->sudo;
	const struct rp_sudoers *s = &f->sudoers;
	const struct rp_sudo_default *d, *syslog, *logfile, *servers;
	size_t bad = 0;

	(void)pol;
	if (!sudo_source(em, f))
		return;
	/* authentication (6.4) */
	for (size_t i = 0; i < s->ndefaults; i++) {
		d = &s->defaults[i];
		if (strcmp(d->name, "authenticate") != 0 || !d->negated || d->binding == 0)
			continue;
		bad++;
		rp_emitf(em, RP_ST_FAIL, "Defaults authenticate", d->file, d->line,
			 "Defaults%c%s !authenticate: sudo asks no password there", d->binding,
			 d->targets.n ? d->targets.v[0] : "");
	}
	d = last_global(s, "authenticate");
	if (d != NULL && d->negated)
		rp_emitf(em, RP_ST_FAIL, "Defaults authenticate", d->file, d->line,
			 "Defaults !authenticate: sudo asks nobody for a password");
	else if (bad == 0)
		rp_emitf(em, RP_ST_PASS, "Defaults authenticate", d ? d->file : RP_SUDOERS_PATH,
			 d ? d->line : 0, "sudo asks for the user's password (authenticate %s)",
			 d ? "set" : "is the default");

	/* logging (6.5): syslog is on by default; !syslog with no logfile or
	 * log server leaves no record */
	syslog = last_global(s, "syslog");
	logfile = last_global(s, "logfile");
	servers = last_global(s, "log_servers");
	if (syslog != NULL && (syslog->negated || (syslog->value != NULL && syslog->value[0] == '\0')) &&
	    !is_set(logfile) && !is_set(servers))
		rp_emitf(em, RP_ST_FAIL, "Defaults syslog", syslog->file, syslog->line,
			 "Defaults !syslog and no logfile or log_servers: sudo use is not logged");
	if (syslog != NULL && syslog->negated && !is_set(logfile) && !is_set(servers))
		rp_emit_severity(em, RP_SEV_MEDIUM);
	else if (is_set(logfile) || is_set(servers))
		rp_emitf(em, RP_ST_PASS, "Defaults syslog", is_set(logfile) ? logfile->file : servers->file,
			 is_set(logfile) ? logfile->line : servers->line, "sudo logs to %s %s",
			 is_set(logfile) ? "logfile" : "log_servers",
			 is_set(logfile) ? (logfile->value ? logfile->value : "(default)") : servers->value);
	else
		rp_emitf(em, RP_ST_PASS, "Defaults syslog", syslog ? syslog->file : RP_SUDOERS_PATH,
			 syslog ? syslog->line : 0, "sudo logs to syslog%s%s",
			 syslog && syslog->value ? " facility " : "",
			 syslog && syslog->value ? syslog->value : " (default)");

	/* a shared target password instead of the user's own (6.1, 6.4) */
	bad = 0;
	for (size_t i = 0; i < s->ndefaults; i++) {
		d = &s->defaults[i];
		if ((strcmp(d->name, "rootpw") != 0 && strcmp(d->name, "targetpw") != 0 &&
		     strcmp(d->name, "runaspw") != 0) ||
		    d->negated)
			continue;
		bad++;
		rp_emitf(em, RP_ST_WARN, "Defaults rootpw/targetpw/runaspw", d->file, d->line,
			 "Defaults %s: users type a shared account's password instead of their own", d->name);
		rp_emit_severity(em, RP_SEV_MEDIUM);
	}
	if (bad == 0)
		rp_emitf(em, RP_ST_PASS, "Defaults rootpw/targetpw/runaspw", RP_SUDOERS_PATH, 0,
			 "users authenticate with their own password (no rootpw, targetpw or runaspw)");

	/* cached credentials that never expire */
	d = last_global(s, "timestamp_timeout");
	if (d != NULL && d->value != NULL && d->value[0] == '-') {
		rp_emitf(em, RP_ST_WARN, "Defaults timestamp_timeout", d->file, d->line,
			 "timestamp_timeout=%s: a password once typed is never asked again", d->value);
		rp_emit_severity(em, RP_SEV_MEDIUM);
	} else {
		rp_emitf(em, RP_ST_PASS, "Defaults timestamp_timeout", d ? d->file : RP_SUDOERS_PATH,
			 d ? d->line : 0, "timestamp_timeout %s",
			 d && d->value ? d->value : "is the default (15 minutes)");
	}

	/* env_reset keeps the caller's environment (LD_*, PATH tricks) out */
	d = last_global(s, "env_reset");
	if (d != NULL && d->negated) {
		rp_emitf(em, RP_ST_WARN, "Defaults env_reset", d->file, d->line,
			 "Defaults !env_reset: commands run with the caller's environment");
		rp_emit_severity(em, RP_SEV_MEDIUM);
	} else {
		rp_emitf(em, RP_ST_PASS, "Defaults env_reset", d ? d->file : RP_SUDOERS_PATH, d ? d->line : 0,
			 "env_reset %s", d ? "set" : "is the default");
	}
}

static void check_file_perms(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_host_facts *h = facts;
	const struct rp_sudo_facts *f = &h->sudo;

	(void)pol;
	if (f->status == RP_ERR_NOTFOUND) {
		rp_emitf(em, RP_ST_NA, "sudo", RP_SUDOERS_PATH, 0,
			 "%s does not exist: sudo is not configured", RP_SUDOERS_PATH);
		return;
	}
	for (size_t i = 0; i < f->sudoers.nfiles; i++) {
		const struct rp_sudo_file *sf = &f->sudoers.files[i];
		unsigned mode = sf->mode & 07777;
		if (!sf->have_stat)
			continue;
		if (sf->mode & S_IWOTH)
			rp_emitf(em, RP_ST_FAIL, sf->path, sf->path, 0,
				 "mode %04o: any user can change who gets root", mode);
		else if ((sf->mode & S_IWGRP) && sf->gid != 0)
			rp_emitf(em, RP_ST_FAIL, sf->path, sf->path, 0,
				 "mode %04o, group %ld: members of that group can change who gets root", mode,
				 sf->gid);
		else if (h->root != NULL && h->root->live && sf->uid != 0)
			rp_emitf(em, RP_ST_FAIL, sf->path, sf->path, 0, "owned by UID %ld, not root",
				 sf->uid);
		else
			rp_emitf(em, RP_ST_PASS, sf->path, sf->path, 0,
				 "mode %04o, writable by its owner only", mode);
	}
	if (f->sudoers.nfiles == 0)
		rp_emitf(em, RP_ST_ERROR, "sudo", RP_SUDOERS_PATH, 0, "cannot examine %s: %s",
			 RP_SUDOERS_PATH, rp_strerror(f->status));
}

const struct rp_check rp_checks_sudo[] = {
    {"sudo.nopasswd-all",
     "sudo never grants ALL without a password",
     {"6.4"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Remove NOPASSWD from rules granting ALL (and Defaults !authenticate); keep NOPASSWD for "
     "narrow commands of service accounts.",
     check_nopasswd_all},
    {"sudo.broad-group",
     "sudo ALL is not granted to broad groups or to every user",
     {"6.1"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Grant ALL to a dedicated administrators group (such as sudo) with named members.",
     check_broad_group},
    {"sudo.unrestricted",
     "Individual users are not given unrestricted sudo",
     {"6.1"},
     RP_SEV_LOW,
     RP_TARGET_HOST,
     "Grant ALL through the administrators group, or grant individual users only the commands they "
     "need.",
     check_unrestricted},
    {"sudo.defaults",
     "sudo Defaults keep authentication and logging",
     {"6.4", "6.5", "6.1"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Remove '!authenticate', '!syslog', 'rootpw'/'targetpw'/'runaspw', negative "
     "timestamp_timeout and '!env_reset' from Defaults.",
     check_defaults},
    {"sudo.file-perms",
     "sudoers files are writable only by root",
     {"6.1"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "chown root:root and chmod 0440 every sudoers file (visudo does this).",
     check_file_perms},
    {.id = NULL},
};
