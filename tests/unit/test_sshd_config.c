/* Unit tests of the sshd_config parser and the ssh probe, on temporary root
 * trees built by each test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the headers above first */
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/rootfs.h"
#include "parse/sshd_config.h"
#include "probe/host/ssh.h"

struct fixture {
	char dir[64];
	struct rp_root root;
	struct rp_sshd_config cfg;
	struct rp_diag diag;
};

static void mkdirs(const char *path)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	}
	mkdir(tmp, 0755);
}

static void put(struct fixture *fx, const char *rel, const char *data, size_t len)
{
	char path[4096], dir[4096];
	char *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s%s", fx->dir, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	*slash = '\0';
	mkdirs(dir);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void puts_(struct fixture *fx, const char *rel, const char *text)
{
	put(fx, rel, text, strlen(text));
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/rp-sshd-XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	if (rp_root_open(&fx->root, fx->dir, false) != RP_OK)
		return -1;
	*state = fx;
	return 0;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	rp_sshd_config_free(&fx->cfg);
	rp_diag_free(&fx->diag);
	rp_root_close(&fx->root);
	nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

static int load(struct fixture *fx)
{
	return rp_sshd_load(&fx->cfg, &fx->root, "/etc/ssh/sshd_config", &fx->diag);
}

static const struct rp_sshd_directive *find(const struct rp_sshd_config *cfg, int block, const char *kw,
					    size_t nth)
{
	for (size_t i = 0; i < cfg->n; i++)
		if (cfg->v[i].block == block && strcmp(cfg->v[i].keyword, kw) == 0 && nth-- == 0)
			return &cfg->v[i];
	return NULL;
}

static bool has_problem(const struct rp_sshd_config *cfg, const char *path, unsigned line, const char *text)
{
	for (size_t i = 0; i < cfg->nproblems; i++)
		if ((path == NULL || strcmp(cfg->problems[i].path, path) == 0) &&
		    (line == 0 || cfg->problems[i].line == line) &&
		    strstr(cfg->problems[i].msg, text) != NULL)
			return true;
	return false;
}

static void test_syntax(void **state)
{
	struct fixture *fx = *state;
	const struct rp_sshd_directive *d;

	puts_(fx, "/etc/ssh/sshd_config",
	      "# comment\n"
	      "\n"
	      "   permitrootlogin=no\n"
	      "PasswordAuthentication = yes   # trailing comment\n"
	      "Banner \"/etc/my banner\"\n"
	      "ForceCommand echo 'a b' c\\ d \"e\\\"f\"\r\n"
	      "X11Forwarding\tyes\n"
	      "ChallengeResponseAuthentication no\n");
	assert_int_equal(load(fx), RP_OK);
	assert_int_equal(fx->cfg.nproblems, 0);

	d = find(&fx->cfg, -1, "permitrootlogin", 0);
	assert_non_null(d);
	assert_int_equal(d->argc, 1);
	assert_string_equal(d->argv[0], "no");
	assert_string_equal(d->path, "/etc/ssh/sshd_config");
	assert_int_equal(d->line, 3);

	d = find(&fx->cfg, -1, "passwordauthentication", 0);
	assert_non_null(d);
	assert_int_equal(d->argc, 1);
	assert_string_equal(d->argv[0], "yes");

	d = find(&fx->cfg, -1, "banner", 0);
	assert_non_null(d);
	assert_int_equal(d->argc, 1);
	assert_string_equal(d->argv[0], "/etc/my banner");

	d = find(&fx->cfg, -1, "forcecommand", 0);
	assert_non_null(d);
	assert_int_equal(d->argc, 4);
	assert_string_equal(d->argv[1], "a b");
	assert_string_equal(d->argv[2], "c d");
	assert_string_equal(d->argv[3], "e\"f");

	d = find(&fx->cfg, -1, "kbdinteractiveauthentication", 0);
	assert_non_null(d);
	assert_string_equal(d->written, "ChallengeResponseAuthentication");
	assert_string_equal(d->text, "ChallengeResponseAuthentication no");
}

static void test_first_wins_and_accumulate(void **state)
{
	struct fixture *fx = *state;
	struct rp_ssh_facts f;
	struct rp_ssh_setting s;
	size_t n = 0;

	puts_(fx, "/etc/ssh/sshd_config",
	      "PermitRootLogin no\n"
	      "PermitRootLogin yes\n"
	      "KbdInteractiveAuthentication no\n"
	      "AllowUsers alice bob\n"
	      "AllowUsers carol\n"
	      "ListenAddress 10.0.0.1\n"
	      "ListenAddress [::1]:2222\n"
	      "Port 22\n"
	      "Port 2200\n");
	assert_int_equal(rp_probe_ssh(&fx->root, &f, &fx->diag), RP_OK);
	assert_int_equal(f.status, RP_OK);
	s = rp_ssh_get(&f, "permitrootlogin");
	assert_string_equal(s.value, "no");
	assert_int_equal(s.dir->line, 1);
	s = rp_ssh_get(&f, "passwordauthentication");
	assert_null(s.dir);
	assert_string_equal(s.value, "yes");
	s = rp_ssh_get(&f, "kbdinteractiveauthentication");
	assert_string_equal(s.value, "no");
	for (size_t i = 0; i < f.cfg.n; i++)
		if (strcmp(f.cfg.v[i].keyword, "allowusers") == 0)
			n += f.cfg.v[i].argc;
	assert_int_equal(n, 3);
	assert_non_null(rp_ssh_find(&f, -1, "listenaddress"));
	assert_non_null(find(&f.cfg, -1, "listenaddress", 1));
	assert_non_null(find(&f.cfg, -1, "port", 1));
	rp_ssh_facts_free(&f);
}

static void test_include_glob_relative(void **state)
{
	struct fixture *fx = *state;
	struct rp_ssh_facts f;
	struct rp_ssh_setting s;

	puts_(fx, "/etc/ssh/sshd_config",
	      "Include sshd_config.d/*.conf\n"
	      "PasswordAuthentication yes\n"
	      "Include /etc/ssh/extra.conf /etc/ssh/none-*.conf\n");
	puts_(fx, "/etc/ssh/sshd_config.d/20-b.conf", "PasswordAuthentication maybe\nX11Forwarding yes\n");
	puts_(fx, "/etc/ssh/sshd_config.d/10-a.conf", "\n\nPasswordAuthentication no\n");
	puts_(fx, "/etc/ssh/sshd_config.d/.hidden.conf", "PermitRootLogin yes\n");
	puts_(fx, "/etc/ssh/sshd_config.d/notconf", "PermitRootLogin yes\n");
	puts_(fx, "/etc/ssh/extra.conf", "PermitRootLogin no\n");
	assert_int_equal(rp_probe_ssh(&fx->root, &f, &fx->diag), RP_OK);
	s = rp_ssh_get(&f, "passwordauthentication");
	assert_string_equal(s.value, "no");
	assert_string_equal(s.dir->path, "/etc/ssh/sshd_config.d/10-a.conf");
	assert_int_equal(s.dir->line, 3);
	s = rp_ssh_get(&f, "permitrootlogin");
	assert_string_equal(s.dir->path, "/etc/ssh/extra.conf");
	assert_string_equal(s.value, "no");
	assert_int_equal(f.cfg.files.n, 4);
	assert_string_equal(f.cfg.files.v[1], "/etc/ssh/sshd_config.d/10-a.conf");
	assert_string_equal(f.cfg.files.v[2], "/etc/ssh/sshd_config.d/20-b.conf");
	/* an invalid value, even if not effective, is what sshd rejects */
	assert_true(has_problem(&f.cfg, "/etc/ssh/sshd_config.d/20-b.conf", 1, "unsupported value"));
	rp_ssh_facts_free(&f);
}

static void test_include_missing(void **state)
{
	struct fixture *fx = *state;

	puts_(fx, "/etc/ssh/sshd_config", "Include /etc/ssh/missing.conf\nPort 22\n");
	assert_int_equal(load(fx), RP_OK);
	assert_true(has_problem(&fx->cfg, "/etc/ssh/sshd_config", 1, "missing.conf"));
	assert_non_null(find(&fx->cfg, -1, "port", 0));
}

static void test_include_loop(void **state)
{
	struct fixture *fx = *state;

	puts_(fx, "/etc/ssh/sshd_config", "Include loop.conf\nPort 22\n");
	puts_(fx, "/etc/ssh/loop.conf", "X11Forwarding no\nInclude /etc/ssh/sshd_config\n");
	assert_int_equal(load(fx), RP_OK);
	assert_true(has_problem(&fx->cfg, "/etc/ssh/loop.conf", 2, "Include loop"));
	assert_non_null(find(&fx->cfg, -1, "port", 0));
	assert_int_equal(fx->cfg.problems[0].err, RP_ERR_LOOP);
	assert_true(fx->diag.msgs.n >= 1);
	assert_non_null(strstr(fx->diag.msgs.v[0], "/etc/ssh/loop.conf:2:"));
}

static void test_include_depth(void **state)
{
	struct fixture *fx = *state;
	char name[64], body[128];

	puts_(fx, "/etc/ssh/sshd_config", "Include d1.conf\n");
	for (int i = 1; i <= 20; i++) {
		snprintf(name, sizeof(name), "/etc/ssh/d%d.conf", i);
		snprintf(body, sizeof(body), "MaxSessions %d\nInclude d%d.conf\n", i, i + 1);
		puts_(fx, name, body);
	}
	assert_int_equal(load(fx), RP_OK);
	/* depth 16 is the last sshd reads: d16 is read, its Include fails */
	assert_true(has_problem(&fx->cfg, "/etc/ssh/d16.conf", 2, "nested more than 16"));
	assert_non_null(find(&fx->cfg, -1, "maxsessions", 15));
	assert_null(find(&fx->cfg, -1, "maxsessions", 16));
}

static void test_match_blocks(void **state)
{
	struct fixture *fx = *state;
	const struct rp_sshd_directive *d;

	puts_(fx, "/etc/ssh/sshd_config",
	      "PasswordAuthentication no\n"
	      "Include inc.conf\n"
	      "PermitRootLogin no\n"
	      "Match User bob Address 10.0.0.0/8\n"
	      "  PasswordAuthentication yes\n"
	      "  Include inmatch.conf\n"
	      "  X11Forwarding yes\n"
	      "Match all\n"
	      "  PermitRootLogin yes\n"
	      "  Port 2222\n");
	puts_(fx, "/etc/ssh/inc.conf", "Match Group admins\nPermitRootLogin yes\n");
	puts_(fx, "/etc/ssh/inmatch.conf", "MaxAuthTries 2\nMatch User carol\nMaxAuthTries 9\n");
	assert_int_equal(load(fx), RP_OK);
	assert_int_equal(fx->cfg.nblocks, 4);
	assert_string_equal(fx->cfg.blocks[0].criteria, "Group admins");
	assert_string_equal(fx->cfg.blocks[0].path, "/etc/ssh/inc.conf");
	assert_int_equal(fx->cfg.blocks[0].parent, -1);
	assert_string_equal(fx->cfg.blocks[1].criteria, "User bob Address 10.0.0.0/8");
	assert_int_equal(fx->cfg.blocks[1].line, 4);
	assert_string_equal(fx->cfg.blocks[2].criteria, "User carol");
	assert_int_equal(fx->cfg.blocks[2].parent, 1);
	assert_true(fx->cfg.blocks[3].all);
	assert_int_equal(fx->cfg.blocks[3].parent, -1);
	assert_int_equal(fx->cfg.blocks[1].parent, -1);

	/* the Match in inc.conf ends with that file */
	d = find(&fx->cfg, -1, "permitrootlogin", 0);
	assert_non_null(d);
	assert_int_equal(d->line, 3);
	assert_non_null(find(&fx->cfg, 0, "permitrootlogin", 0));
	assert_non_null(find(&fx->cfg, 1, "passwordauthentication", 0));
	/* an Include inside a Match adds to the block; after it, the block goes on */
	d = find(&fx->cfg, 1, "maxauthtries", 0);
	assert_non_null(d);
	assert_string_equal(d->path, "/etc/ssh/inmatch.conf");
	assert_non_null(find(&fx->cfg, 2, "maxauthtries", 0));
	assert_non_null(find(&fx->cfg, 1, "x11forwarding", 0));
	assert_non_null(find(&fx->cfg, 3, "permitrootlogin", 0));
	assert_true(has_problem(&fx->cfg, "/etc/ssh/sshd_config", 10, "not allowed within a Match"));
}

static void test_garbage(void **state)
{
	struct fixture *fx = *state;
	static const char bin[] = "\x7f"
				  "ELF\x02\x01\x01\0\0\0garbage\n";

	put(fx, "/etc/ssh/sshd_config", bin, sizeof(bin) - 1);
	assert_int_equal(load(fx), RP_ERR_BINARY);
	assert_true(has_problem(&fx->cfg, "/etc/ssh/sshd_config", 0, "binary"));
}

static void test_text_garbage(void **state)
{
	struct fixture *fx = *state;
	char data[10000];
	size_t n = 0;

	/* no NUL in the first 8 KiB, then noise: every bad line is named */
	n += (size_t)snprintf(data + n, sizeof(data) - n,
			      "Port 22\n\x01\x02\xff\xfe zz\nNoSuchOption 1\n"
			      "PermitRootLogin \"unterminated\nPermitRootLogin\n=x\n");
	for (; n < 8300; n++)
		data[n] = 'a';
	data[n++] = '\n';
	memcpy(data + n, "Port\0 22\nX11Forwarding no\n", 26);
	n += 26;
	put(fx, "/etc/ssh/sshd_config", data, n);
	assert_int_equal(load(fx), RP_OK);
	assert_true(has_problem(&fx->cfg, NULL, 2, "Bad configuration option"));
	assert_true(has_problem(&fx->cfg, NULL, 3, "NoSuchOption"));
	assert_true(has_problem(&fx->cfg, NULL, 4, "invalid quotes"));
	assert_true(has_problem(&fx->cfg, NULL, 5, "no argument"));
	assert_true(has_problem(&fx->cfg, NULL, 6, "bad configuration line"));
	assert_true(has_problem(&fx->cfg, NULL, 8, "NUL"));
	assert_non_null(find(&fx->cfg, -1, "x11forwarding", 0));
	/* messages are printable */
	for (size_t i = 0; i < fx->cfg.nproblems; i++)
		for (const char *p = fx->cfg.problems[i].msg; *p; p++)
			assert_true((unsigned char)*p >= 0x20 || *p == '\t');
}

static void test_long_line(void **state)
{
	struct fixture *fx = *state;
	size_t n = (size_t)1 << 20;
	char *data = malloc(n + 64);
	size_t k;

	assert_non_null(data);
	k = (size_t)snprintf(data, 64, "Banner ");
	memset(data + k, 'x', n);
	k += n;
	k += (size_t)snprintf(data + k, 64, "\nPermitRootLogin no\n");
	put(fx, "/etc/ssh/sshd_config", data, k);
	free(data);
	assert_int_equal(load(fx), RP_OK);
	assert_true(has_problem(&fx->cfg, "/etc/ssh/sshd_config", 1, "longer than"));
	assert_non_null(find(&fx->cfg, -1, "permitrootlogin", 0));
	assert_null(find(&fx->cfg, -1, "banner", 0));
}

static void test_symlink_escape(void **state)
{
	struct fixture *fx = *state;
	char link[4096];

	puts_(fx, "/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n");
	puts_(fx, "/etc/passwd", "inside-the-root\n");
	snprintf(link, sizeof(link), "%s/etc/ssh/sshd_config.d", fx->dir);
	mkdirs(link);
	snprintf(link, sizeof(link), "%s/etc/ssh/sshd_config.d/x.conf", fx->dir);
	assert_int_equal(symlink("/etc/passwd", link), 0);
	snprintf(link, sizeof(link), "%s/etc/ssh/sshd_config.d/y.conf", fx->dir);
	assert_int_equal(symlink("../../../../../../etc/shadow", link), 0);
	snprintf(link, sizeof(link), "%s/etc/ssh/sshd_config.d/z.conf", fx->dir);
	assert_int_equal(symlink("z.conf", link), 0);
	assert_int_equal(load(fx), RP_OK);
	assert_true(has_problem(&fx->cfg, NULL, 1, "inside-the-root"));
	assert_true(
	    has_problem(&fx->cfg, NULL, 1, "/etc/ssh/sshd_config.d/y.conf: file or entry does not exist") ||
	    has_problem(&fx->cfg, NULL, 1, "y.conf"));
	assert_true(has_problem(&fx->cfg, NULL, 1, "z.conf"));
	for (size_t i = 0; i < fx->cfg.nproblems; i++)
		assert_null(strstr(fx->cfg.problems[i].msg, "root:x:0:0"));
}

static void test_no_io(void **state)
{
	struct fixture *fx = *state;
	static const char text[] = "Include foo.conf\nMatch\nMatch User\nMatch bogus x\nPort 22\n"
				   "PermitRootLogin # yes\n";

	assert_int_equal(rp_sshd_parse(&fx->cfg, "mem", text, sizeof(text) - 1, NULL, NULL), RP_OK);
	assert_true(has_problem(&fx->cfg, "mem", 1, "not followed"));
	assert_true(has_problem(&fx->cfg, "mem", 2, "no argument"));
	assert_true(has_problem(&fx->cfg, "mem", 3, "needs an argument"));
	assert_true(has_problem(&fx->cfg, "mem", 4, "unsupported Match criterion"));
	assert_true(has_problem(&fx->cfg, "mem", 6, "no argument"));
	assert_null(find(&fx->cfg, 3, "permitrootlogin", 0));
	assert_int_equal(fx->cfg.n, 1);
}

static void test_algorithms(void **state)
{
	struct fixture *fx = *state;
	struct rp_ssh_facts f;

	puts_(fx, "/etc/ssh/sshd_config",
	      "Ciphers +aes128-cbc\n"
	      "MACs -hmac-sha1*,umac-64*\n"
	      "KexAlgorithms ^diffie-hellman-group14-sha1,curve25519-sha256\n");
	assert_int_equal(rp_probe_ssh(&fx->root, &f, &fx->diag), RP_OK);
	assert_int_equal(f.cfg.nproblems, 0);
	assert_int_equal(f.ciphers.list.n, 7);
	assert_string_equal(f.ciphers.list.v[6], "aes128-cbc");
	assert_false(rp_strlist_has(&f.macs.list, "hmac-sha1"));
	assert_false(rp_strlist_has(&f.macs.list, "hmac-sha1-etm@openssh.com"));
	assert_false(rp_strlist_has(&f.macs.list, "umac-64@openssh.com"));
	assert_true(rp_strlist_has(&f.macs.list, "umac-128@openssh.com"));
	assert_string_equal(f.kex.list.v[0], "diffie-hellman-group14-sha1");
	assert_string_equal(f.kex.list.v[1], "curve25519-sha256");
	assert_string_equal(f.kex.list.v[2], "sntrup761x25519-sha512");
	assert_int_equal(f.kex.list.n, 12);
	rp_ssh_facts_free(&f);

	memset(&f, 0, sizeof(f));
	puts_(fx, "/etc/ssh/sshd_config", "Ciphers aes*\n");
	assert_int_equal(rp_probe_ssh(&fx->root, &f, &fx->diag), RP_OK);
	assert_true(has_problem(&f.cfg, NULL, 1, "unsupported algorithm"));
	rp_ssh_facts_free(&f);
}

static void test_pam(void **state)
{
	struct fixture *fx = *state;
	struct rp_ssh_facts f;
	bool found = false;

	puts_(fx, "/etc/ssh/sshd_config", "UsePAM yes\n");
	puts_(fx, "/etc/pam.d/sshd",
	      "# PAM configuration for sshd\n"
	      "@include common-auth\n"
	      "auth [success=1 default=ignore] pam_succeed_if.so user ingroup nomfa\n"
	      "auth required pam_google_authenticator.so\n"
	      "account required pam_nologin.so\n"
	      "@include loop\n");
	puts_(fx, "/etc/pam.d/common-auth", "auth [success=1 default=ignore] pam_unix.so nullok\n");
	puts_(fx, "/etc/pam.d/loop", "@include loop\n");
	assert_int_equal(rp_probe_ssh(&fx->root, &f, &fx->diag), RP_OK);
	assert_int_equal(f.pam_status, RP_OK);
	assert_int_equal(f.npam, 3);
	assert_string_equal(f.pam[0].module, "pam_unix");
	assert_string_equal(f.pam[0].path, "/etc/pam.d/common-auth");
	for (size_t i = 0; i < f.npam; i++)
		if (rp_pam_is_second_factor(f.pam[i].module)) {
			found = true;
			assert_int_equal(f.pam[i].line, 4);
			assert_string_equal(f.pam[i].control, "required");
		}
	assert_true(found);
	assert_int_equal(f.pam_problems.n, 1);
	assert_non_null(strstr(f.pam_problems.v[0], "loop"));
	rp_ssh_facts_free(&f);
}

static void test_absent(void **state)
{
	struct fixture *fx = *state;
	struct rp_ssh_facts f;

	assert_int_equal(rp_probe_ssh(&fx->root, &f, &fx->diag), RP_OK);
	assert_int_equal(f.status, RP_ERR_NOTFOUND);
	assert_int_equal(fx->diag.msgs.n, 0);
	rp_ssh_facts_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_syntax, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_first_wins_and_accumulate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_include_glob_relative, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_include_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_include_loop, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_include_depth, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_match_blocks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_garbage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_long_line, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_symlink_escape, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_io, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_algorithms, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pam, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_absent, setup, teardown),
	};

	return cmocka_run_group_tests_name("sshd_config", tests, NULL, NULL);
}
