/* The sudoers parser: the grammar as sudo reads it (comments, continuation,
 * Defaults, aliases, user specifications with runas, tags and options), alias
 * expansion, malformed lines, and includes through a root (relative paths,
 * includedir skipping, loops, depth, symlinks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/lines.h"
#include "core/rootfs.h"
#include "parse/sudoers.h"

static char dir[64];

static bool diag_has(const struct rp_diag *d, const char *text)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		if (strstr(d->msgs.v[i], text) != NULL)
			return true;
	return false;
}

static void dump_diag(const struct rp_diag *d)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		print_message("diag: %s\n", d->msgs.v[i]);
}

static int parse(struct rp_sudoers *s, const char *text, struct rp_diag *d)
{
	memset(s, 0, sizeof(*s));
	return rp_sudoers_parse(s, NULL, "/etc/sudoers", text, strlen(text), d);
}

static const struct rp_sudo_default *find_default(const struct rp_sudoers *s, const char *name)
{
	for (size_t i = 0; i < s->ndefaults; i++)
		if (strcmp(s->defaults[i].name, name) == 0)
			return &s->defaults[i];
	return NULL;
}

static void test_debian_default(void **state)
{
	static const char text[] =
	    "#\n# This file MUST be edited with the 'visudo' command as root.\n#\n"
	    "Defaults\tenv_reset\n"
	    "Defaults\tmail_badpass\n"
	    "Defaults\tsecure_path=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n"
	    "Defaults\tuse_pty\n"
	    "#Defaults:%sudo env_keep += \"http_proxy https_proxy\"\n"
	    "# User privilege specification\n"
	    "root\tALL=(ALL:ALL) ALL\n"
	    "\n"
	    "# Allow members of group sudo to execute any command\n"
	    "%sudo\tALL=(ALL:ALL) ALL\n"
	    "# See sudoers(5) for more information on \"@include\" directives:\n"
	    "@includedir /etc/sudoers.d\n";
	struct rp_sudoers s;
	struct rp_diag d = {0};
	const struct rp_sudo_default *def;

	(void)state;
	assert_int_equal(parse(&s, text, &d), RP_OK);
	dump_diag(&d);
	assert_int_equal(d.msgs.n, 1);
	assert_true(diag_has(&d, "/etc/sudoers:15: include of /etc/sudoers.d not followed"));
	assert_int_equal(s.ndefaults, 4);
	def = find_default(&s, "secure_path");
	assert_non_null(def);
	assert_int_equal(def->op, '=');
	assert_string_equal(def->value, "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	assert_int_equal(def->line, 6);
	assert_int_equal(s.nrules, 2);
	assert_string_equal(s.rules[0].users.v[0], "root");
	assert_int_equal(s.rules[0].line, 10);
	assert_string_equal(s.rules[1].who.v[0], "%sudo");
	assert_string_equal(s.rules[1].hosts.v[0], "ALL");
	assert_int_equal(s.rules[1].ncmnds, 1);
	assert_string_equal(s.rules[1].cmnds[0].text, "ALL");
	assert_true(s.rules[1].cmnds[0].all);
	assert_true(s.rules[1].cmnds[0].as_root);
	assert_int_equal(s.rules[1].cmnds[0].tags, 0);
	assert_string_equal(s.rules[1].runas[0].text, "ALL:ALL");
	assert_string_equal(s.rules[1].runas[0].groups.v[0], "ALL");
	assert_string_equal(s.rules[1].file, "/etc/sudoers");
	assert_int_equal(s.errors, 0);
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

static void test_tags_runas_lists(void **state)
{
	static const char text[] =
	    "bob, alice  ALL = (root) NOPASSWD: /usr/bin/apt update, /usr/bin/apt upgrade, "
	    "PASSWD: /bin/ls, (www-data) /usr/bin/php\n"
	    "carol web1, web2 = /bin/a : db1 = NOEXEC: SETENV: ALL\n"
	    "dave ALL = (:adm) ALL, (operator, root : wheel) ALL\n"
	    "eve ALL = CWD=/tmp TIMEOUT=5m NOPASSWD: sha256:abcd, sha512:ef01 /bin/true, !/bin/su\n"
	    "#1000 ALL=(#0) ALL\n"
	    "%#27, %:\"Domain Users\" ALL = /bin/x \\, y\\:z\n"
	    "\"sp ace\" ALL = ALL # trailing comment\n";
	struct rp_sudoers s;
	struct rp_diag d = {0};
	const struct rp_sudo_rule *r;

	(void)state;
	assert_int_equal(parse(&s, text, &d), RP_OK);
	dump_diag(&d);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(s.nrules, 8);

	r = &s.rules[0];
	assert_int_equal(r->users.n, 2);
	assert_string_equal(r->users.v[1], "alice");
	assert_int_equal(r->ncmnds, 4);
	assert_string_equal(r->cmnds[0].text, "/usr/bin/apt update");
	assert_true(r->cmnds[0].tags & RP_SUDO_TAG_NOPASSWD);
	assert_true(r->cmnds[1].tags & RP_SUDO_TAG_NOPASSWD);  /* persists */
	assert_false(r->cmnds[2].tags & RP_SUDO_TAG_NOPASSWD); /* PASSWD overrides */
	assert_int_equal(r->cmnds[2].runas, 0);		       /* runas persists */
	assert_true(r->cmnds[2].as_root);
	assert_int_equal(r->cmnds[3].runas, 1);
	assert_false(r->cmnds[3].as_root);
	assert_false(r->cmnds[3].tags & RP_SUDO_TAG_NOPASSWD);

	/* two host parts give two rules with the same users and line */
	r = &s.rules[1];
	assert_int_equal(r->hosts.n, 2);
	assert_string_equal(r->hosts.v[1], "web2");
	assert_false(r->cmnds[0].all);
	r = &s.rules[2];
	assert_string_equal(r->hosts.v[0], "db1");
	assert_string_equal(r->users.v[0], "carol");
	assert_int_equal(r->line, 2);
	assert_true(r->cmnds[0].all);
	assert_int_equal(r->cmnds[0].tags, RP_SUDO_TAG_NOEXEC | RP_SUDO_TAG_SETENV);

	r = &s.rules[3];
	assert_false(r->cmnds[0].as_root); /* group only: runs as the user */
	assert_true(r->cmnds[1].as_root);  /* operator or root */
	assert_int_equal(r->runas[1].groups.n, 1);

	r = &s.rules[4];
	assert_int_equal(r->ncmnds, 2);
	assert_string_equal(r->cmnds[0].text, "/bin/true");
	assert_true(r->cmnds[0].tags & RP_SUDO_TAG_NOPASSWD);
	assert_true(r->cmnds[1].negated);
	assert_string_equal(r->cmnds[1].text, "/bin/su");

	r = &s.rules[5];
	assert_string_equal(r->users.v[0], "#1000");
	assert_true(r->cmnds[0].as_root);

	r = &s.rules[6];
	assert_string_equal(r->users.v[0], "%#27");
	assert_string_equal(r->users.v[1], "%:Domain Users");
	assert_string_equal(r->cmnds[0].text, "/bin/x , y:z");

	r = &s.rules[7];
	assert_string_equal(r->users.v[0], "sp ace");
	assert_true(r->cmnds[0].all);
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

static void test_continuation_comments(void **state)
{
	static const char text[] = "Defaults \\\n"
				   "   env_reset, \\\n"
				   "   !authenticate\n"
				   "# comment ending in a backslash \\\n"
				   "bob ALL = \\\t \n"
				   "   /bin/a, \\\n"
				   "   /bin/b\n"
				   "Defaults:bob,%wheel timestamp_timeout=-1, env_keep+=\"A B\", !lecture\n"
				   "Defaults>root !set_logname\n"
				   "Defaults@host1 syslog=auth\n"
				   "Defaults!/usr/bin/more, /usr/bin/less noexec\n";
	struct rp_sudoers s;
	struct rp_diag d = {0};
	const struct rp_sudo_default *def;

	(void)state;
	assert_int_equal(parse(&s, text, &d), RP_OK);
	dump_diag(&d);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(s.ndefaults, 8);
	def = find_default(&s, "authenticate");
	assert_non_null(def);
	assert_true(def->negated);
	assert_int_equal(def->line, 1);
	assert_int_equal(def->binding, 0);
	assert_int_equal(s.nrules, 1);
	assert_int_equal(s.rules[0].line, 5);
	assert_int_equal(s.rules[0].ncmnds, 2);
	assert_string_equal(s.rules[0].cmnds[1].text, "/bin/b");
	def = find_default(&s, "timestamp_timeout");
	assert_int_equal(def->binding, ':');
	assert_int_equal(def->targets.n, 2);
	assert_string_equal(def->who.v[1], "%wheel");
	assert_string_equal(def->value, "-1");
	def = find_default(&s, "env_keep");
	assert_int_equal(def->op, '+');
	assert_string_equal(def->value, "A B");
	def = find_default(&s, "set_logname");
	assert_int_equal(def->binding, '>');
	def = find_default(&s, "syslog");
	assert_int_equal(def->binding, '@');
	assert_string_equal(def->value, "auth");
	def = find_default(&s, "noexec");
	assert_int_equal(def->binding, '!');
	assert_int_equal(def->targets.n, 2);
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

static void test_aliases(void **state)
{
	static const char text[] = "User_Alias ADMINS = alice, %wheel, OPS : OPS = bob, !carol\n"
				   "User_Alias LOOP1 = LOOP2, x\n"
				   "User_Alias LOOP2 = LOOP1, y\n"
				   "Runas_Alias ROOTISH = operator, root\n"
				   "Runas_Alias WEB = www-data\n"
				   "Host_Alias SERVERS = 192.168.0.0/24, web1\n"
				   "Cmnd_Alias SHELLS = /bin/sh, /bin/bash\n"
				   "Cmd_Alias EVERYTHING = SHELLS, ALL\n"
				   "Cmnd_Alias NOTALL = !ALL\n"
				   "ADMINS SERVERS = (ROOTISH) EVERYTHING\n"
				   "!ADMINS, dave ALL = (WEB) ALL\n"
				   "LOOP1 ALL = NOTALL, SHELLS\n"
				   "UNDEFINED ALL = ALL\n";
	struct rp_sudoers s;
	struct rp_diag d = {0};
	const struct rp_sudo_rule *r;
	const struct rp_sudo_alias *a;

	(void)state;
	assert_int_equal(parse(&s, text, &d), RP_OK);
	dump_diag(&d);
	assert_int_equal(s.naliases, 10);
	a = rp_sudoers_find_alias(&s, RP_SUDO_USER_ALIAS, "OPS");
	assert_non_null(a);
	assert_int_equal(a->line, 1);
	assert_string_equal(a->members.v[1], "!carol");
	assert_non_null(rp_sudoers_find_alias(&s, RP_SUDO_CMND_ALIAS, "EVERYTHING"));
	assert_null(rp_sudoers_find_alias(&s, RP_SUDO_USER_ALIAS, "SHELLS"));

	r = &s.rules[0];
	assert_int_equal(r->who.n, 4);
	assert_string_equal(r->who.v[0], "alice");
	assert_string_equal(r->who.v[1], "%wheel");
	assert_string_equal(r->who.v[2], "bob");
	assert_string_equal(r->who.v[3], "!carol");
	assert_true(r->cmnds[0].all);
	assert_true(r->cmnds[0].as_root);

	r = &s.rules[1];
	assert_string_equal(r->who.v[0], "!alice"); /* negation flips through the alias */
	assert_string_equal(r->who.v[3], "carol");
	assert_string_equal(r->who.v[4], "dave");
	assert_true(r->cmnds[0].all);
	assert_false(r->cmnds[0].as_root);

	r = &s.rules[2];
	assert_true(rp_strlist_has(&r->who, "x"));
	assert_true(rp_strlist_has(&r->who, "y"));
	assert_false(r->cmnds[0].all);
	assert_false(r->cmnds[1].all);

	r = &s.rules[3];
	assert_int_equal(r->who.n, 0);
	assert_true(diag_has(&d, "/etc/sudoers:13: User_Alias UNDEFINED is used but not defined"));
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

static void test_malformed(void **state)
{
	static const char text[] = "bob ALL = /bin/ok\n"
				   "bob ALL /bin/noequals\n"
				   "bob ALL = (root /bin/unclosed\n"
				   "bob ALL = NOPASSWD:\n"
				   "Defaults\n"
				   "Defaults !secure_path=/x\n"
				   "User_Alias lower = x\n"
				   "User_Alias ALL = x\n"
				   "Cmnd_Alias X = /bin/a : Y\n"
				   "\"unterminated ALL = ALL\n"
				   "bob ALL = sha256:aa, /bin/x\n"
				   "alice ALL = /bin/ok2\n"
				   "=\n"
				   "bob\n"
				   "bob ALL = /bin/x = y\n"
				   "bob ALL = ALL ALL\n"
				   "bob ALL = ls\n";
	struct rp_sudoers s;
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(parse(&s, text, &d), RP_OK);
	dump_diag(&d);
	assert_int_equal(s.nrules, 2);
	assert_string_equal(s.rules[1].cmnds[0].text, "/bin/ok2");
	assert_int_equal(s.naliases, 0);
	assert_int_equal(s.ndefaults, 0);
	for (unsigned l = 2; l <= 11; l++) {
		char want[64];
		snprintf(want, sizeof(want), "/etc/sudoers:%u: syntax error", l);
		assert_true(diag_has(&d, want));
	}
	assert_true(diag_has(&d, "/etc/sudoers:13: syntax error"));
	for (unsigned l = 14; l <= 17; l++) {
		char want[64];
		snprintf(want, sizeof(want), "/etc/sudoers:%u: syntax error", l);
		assert_true(diag_has(&d, want));
	}
	assert_int_equal(s.errors, 15);
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

static void test_hostile_buffers(void **state)
{
	size_t big = RP_LINE_MAX + 100;
	char *data = malloc(big + 64);
	struct rp_sudoers s;
	struct rp_diag d = {0};
	static const char bin[] = "root ALL=ALL\n\0\xff\xfe garbage";

	(void)state;
	assert_non_null(data);
	memset(data, 'a', big);
	memcpy(data + big, "\nbob ALL = ALL\n", 15);
	memset(&s, 0, sizeof(s));
	assert_int_equal(rp_sudoers_parse(&s, NULL, "/etc/sudoers", data, big + 15, &d), RP_OK);
	assert_true(diag_has(&d, "/etc/sudoers:1: line longer than"));
	assert_int_equal(s.nrules, 1);
	assert_int_equal(s.rules[0].line, 2);
	rp_sudoers_free(&s);
	rp_diag_free(&d);

	/* continuation lines joining past the limit */
	free(data);
	big = 2 * RP_LINE_MAX;
	data = malloc(big);
	assert_non_null(data);
	for (size_t i = 0; i + 100 <= big; i += 100) {
		memset(data + i, 'a', 98);
		data[i + 98] = '\\';
		data[i + 99] = '\n';
	}
	memcpy(data + big - 2, "x\n", 2);
	memset(&s, 0, sizeof(s));
	assert_int_equal(rp_sudoers_parse(&s, NULL, "/etc/sudoers", data, big, &d), RP_OK);
	assert_true(diag_has(&d, "/etc/sudoers:1: entry continued past"));
	rp_sudoers_free(&s);
	rp_diag_free(&d);
	free(data);

	memset(&s, 0, sizeof(s));
	assert_int_equal(rp_sudoers_parse(&s, NULL, "/etc/sudoers", bin, sizeof(bin) - 1, &d), RP_OK);
	assert_true(diag_has(&d, "/etc/sudoers: binary data, not parsed"));
	assert_int_equal(s.files[0].status, RP_ERR_BINARY);
	assert_int_equal(s.nrules, 0);
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

static void put(const char *rel, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mk(const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void link_to(const char *target, const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	assert_int_equal(symlink(target, p), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/rp-sudoers-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int load(struct rp_sudoers *s, const char *path, struct rp_diag *d)
{
	struct rp_root root;
	int ret;

	assert_int_equal(rp_root_open(&root, dir, false), RP_OK);
	memset(s, 0, sizeof(*s));
	ret = rp_sudoers_load(s, &root, path, d);
	rp_root_close(&root);
	return ret;
}

static bool has_rule_for(const struct rp_sudoers *s, const char *who, const char *file)
{
	for (size_t i = 0; i < s->nrules; i++)
		if (rp_strlist_has(&s->rules[i].who, who) && strcmp(s->rules[i].file, file) == 0)
			return true;
	return false;
}

static void test_includes(void **state)
{
	struct rp_sudoers s;
	struct rp_diag d = {0};

	(void)state;
	mk("etc");
	mk("etc/sudoers.d");
	mk("etc/sub");
	put("etc/sudoers", "root ALL=(ALL) ALL\n"
			   "@includedir /etc/sudoers.d\n"
			   "#include sub/local\n"
			   "#include \"/etc/sub/with space\"\n"
			   "@include missing\n"
			   "#includedir /etc/nodir\n"
			   "after ALL = ALL\n");
	put("etc/sudoers.d/10-ops", "ops ALL = ALL\n@include ../sub/nested\n");
	put("etc/sudoers.d/20-old~", "backup ALL = ALL\n");
	put("etc/sudoers.d/30.bak", "dotted ALL = ALL\n");
	put("etc/sudoers.d/README", "# comments only\n");
	put("etc/sub/local", "local ALL = ALL\n");
	put("etc/sub/nested", "nested ALL = ALL\n");
	put("etc/sub/with space", "spaced ALL = ALL\n");
	put("etc/outside", "inside ALL = ALL\n");
	link_to("/etc/outside", "etc/sudoers.d/40-abs"); /* absolute: stays in the root */
	link_to("../../../../../../../../etc/outside", "etc/sudoers.d/50-up");

	assert_int_equal(load(&s, "/etc/sudoers", &d), RP_OK);
	dump_diag(&d);
	assert_true(has_rule_for(&s, "root", "/etc/sudoers"));
	assert_true(has_rule_for(&s, "ops", "/etc/sudoers.d/10-ops"));
	assert_true(has_rule_for(&s, "nested", "/etc/sudoers.d/../sub/nested"));
	assert_true(has_rule_for(&s, "local", "/etc/sub/local"));
	assert_true(has_rule_for(&s, "spaced", "/etc/sub/with space"));
	assert_true(has_rule_for(&s, "inside", "/etc/sudoers.d/40-abs"));
	assert_true(has_rule_for(&s, "inside", "/etc/sudoers.d/50-up"));
	assert_true(has_rule_for(&s, "after", "/etc/sudoers"));
	assert_false(has_rule_for(&s, "backup", "/etc/sudoers.d/20-old~"));
	assert_false(has_rule_for(&s, "dotted", "/etc/sudoers.d/30.bak"));
	/* order: includes are read where they appear */
	assert_string_equal(s.rules[1].who.v[0], "ops");
	assert_string_equal(s.rules[2].who.v[0], "nested");
	assert_true(diag_has(&d, "/etc/sudoers:5: cannot read /etc/missing"));
	assert_false(diag_has(&d, "nodir"));
	assert_int_equal(s.nfiles, 9);
	assert_int_equal(s.files[0].status, RP_OK);
	assert_null(s.files[0].from);
	assert_true(s.files[0].have_stat);
	rp_sudoers_free(&s);
	rp_diag_free(&d);

	assert_int_equal(load(&s, "/etc/absent", &d), RP_ERR_NOTFOUND);
	assert_int_equal(d.msgs.n, 0);
	rp_sudoers_free(&s);
}

static void test_include_loop_depth(void **state)
{
	struct rp_sudoers s;
	struct rp_diag d = {0};
	char name[64], text[128];

	(void)state;
	mk("etc");
	mk("etc/sudoers.d");
	put("etc/sudoers", "root ALL = ALL\n#include /etc/sudoers.d/a\n");
	put("etc/sudoers.d/a", "a ALL = ALL\n#include b\n");
	put("etc/sudoers.d/b", "b ALL = ALL\n\n#include /etc/sudoers\n");
	assert_int_equal(load(&s, "/etc/sudoers", &d), RP_OK);
	dump_diag(&d);
	assert_true(diag_has(&d, "/etc/sudoers.d/b:3: include loop: /etc/sudoers is already being read"));
	assert_int_equal(s.nrules, 3);
	rp_sudoers_free(&s);
	rp_diag_free(&d);

	/* the same file through another path is still a loop */
	put("etc/self", "self ALL = ALL\n#include /etc/../etc/./self\n");
	assert_int_equal(load(&s, "/etc/self", &d), RP_OK);
	assert_true(diag_has(&d, "/etc/self:2: include loop"));
	rp_sudoers_free(&s);
	rp_diag_free(&d);

	/* a chain deeper than the limit */
	mk("chain");
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "chain/f%d", i);
		snprintf(text, sizeof(text), "u%d ALL = ALL\n#include f%d\n", i, i + 1);
		put(name, text);
	}
	assert_int_equal(load(&s, "/chain/f0", &d), RP_OK);
	dump_diag(&d);
	assert_true(diag_has(&d, "/chain/f15:2: includes nested more than 16 deep, /chain/f16 not read"));
	assert_int_equal(s.nrules, 16);
	rp_sudoers_free(&s);
	rp_diag_free(&d);

	/* symlink loop in an includedir */
	link_to("l2", "etc/sudoers.d/l1");
	link_to("l1", "etc/sudoers.d/l2");
	put("etc/sudoers", "@includedir /etc/sudoers.d\n");
	assert_int_equal(load(&s, "/etc/sudoers", &d), RP_OK);
	dump_diag(&d);
	assert_true(diag_has(&d, "/etc/sudoers:1: cannot read /etc/sudoers.d/l1"));
	assert_true(diag_has(&d, "/etc/sudoers:1: cannot read /etc/sudoers.d/l2"));
	rp_sudoers_free(&s);
	rp_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_debian_default),
	    cmocka_unit_test(test_tags_runas_lists),
	    cmocka_unit_test(test_continuation_comments),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_hostile_buffers),
	    cmocka_unit_test_setup_teardown(test_includes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_include_loop_depth, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
