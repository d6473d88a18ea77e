/* The account database parsers: passwd, shadow, group and login.defs, with
 * normal, edge and malformed input; hashes are classified, never kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/lines.h"
#include "parse/passwd.h"

static bool diag_has(const struct rp_diag *d, const char *text)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		if (strstr(d->msgs.v[i], text) != NULL)
			return true;
	return false;
}

static void test_passwd_debian(void **state)
{
	static const char data[] = "root:x:0:0:root:/root:/bin/bash\n"
				   "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
				   "sync:x:4:65534:sync:/bin:/bin/sync\n"
				   "# a comment\n"
				   "\n"
				   "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\r\n"
				   "alice:x:1000:1000:Alice,,,:/home/alice:";
	struct rp_passwd p = {0};
	struct rp_diag d = {0};
	const struct rp_passwd_ent *e;

	(void)state;
	assert_int_equal(rp_passwd_parse("/etc/passwd", data, strlen(data), &p, &d), RP_OK);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(p.n, 5);
	assert_int_equal(p.nis, 0);
	e = rp_passwd_find(&p, "root");
	assert_non_null(e);
	assert_int_equal(e->uid, 0);
	assert_int_equal(e->pw, RP_PW_SHADOWED);
	assert_string_equal(e->shell, "/bin/bash");
	assert_int_equal(e->line, 1);
	e = rp_passwd_find(&p, "nobody");
	assert_non_null(e);
	assert_int_equal(e->uid, 65534);
	assert_int_equal(e->line, 6);
	assert_string_equal(e->shell, "/usr/sbin/nologin"); /* CR stripped */
	e = rp_passwd_find(&p, "alice");
	assert_non_null(e);
	assert_string_equal(e->shell, ""); /* empty shell, no final newline */
	assert_string_equal(e->gecos, "Alice,,,");
	assert_null(rp_passwd_find(&p, "bob"));
	rp_passwd_free(&p);
	rp_diag_free(&d);
}

static void test_passwd_malformed(void **state)
{
	static const char data[] = "root:x:0:0:root:/root:/bin/bash\n"
				   "short:x:1:1\n"
				   "long:x:1:1:a:b:c:d\n"
				   "baduid:x:abc:1::/:/bin/sh\n"
				   "neguid:x:-1:1::/:/bin/sh\n"
				   "biguid:x:99999999999:1::/:/bin/sh\n"
				   ":x:5:5::/:/bin/sh\n"
				   "nogid:x:5:::/:/bin/sh\n"
				   "ok:x:7:7::/:/bin/sh\n";
	struct rp_passwd p = {0};
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(rp_passwd_parse("/etc/passwd", data, strlen(data), &p, &d), RP_OK);
	assert_int_equal(p.n, 2);
	assert_true(diag_has(&d, "/etc/passwd:2: 4 fields instead of 7"));
	assert_true(diag_has(&d, "/etc/passwd:3: 8 fields instead of 7"));
	assert_true(diag_has(&d, "/etc/passwd:4: bad UID"));
	assert_true(diag_has(&d, "/etc/passwd:5: bad UID"));
	assert_true(diag_has(&d, "/etc/passwd:6: bad UID"));
	assert_true(diag_has(&d, "/etc/passwd:7: empty user name"));
	assert_true(diag_has(&d, "/etc/passwd:8: bad GID"));
	assert_int_equal(p.v[1].line, 9);
	rp_passwd_free(&p);
	rp_diag_free(&d);
}

static void test_passwd_nis_and_hashes(void **state)
{
	static const char data[] = "root:$6$salt$abcdefghijklmnop:0:0::/root:/bin/sh\n"
				   "old:abcdefghijklm:1001:1001::/home/old:/bin/sh\n"
				   "empty::1002:1002::/home/empty:/bin/sh\n"
				   "+@admins\n"
				   "-baduser\n"
				   "+::0:0:::\n"
				   "+\n";
	struct rp_passwd p = {0};
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(rp_passwd_parse("/etc/passwd", data, strlen(data), &p, &d), RP_OK);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(p.n, 7);
	assert_int_equal(p.nis, 4);
	assert_int_equal(p.v[0].pw, RP_PW_HASH);
	assert_int_equal(p.v[0].scheme, RP_HASH_SHA512);
	assert_int_equal(p.v[1].scheme, RP_HASH_DES);
	assert_int_equal(p.v[2].pw, RP_PW_EMPTY);
	assert_true(p.v[3].nis);
	assert_string_equal(p.v[3].name, "+@admins");
	assert_int_equal(p.v[3].uid, -1);
	assert_string_equal(p.v[4].name, "-baduser");
	assert_string_equal(p.v[5].name, "+");
	assert_int_equal(p.v[5].uid, 0);
	assert_null(rp_passwd_find(&p, "+"));
	rp_passwd_free(&p);
	rp_diag_free(&d);
}

static void test_passwd_long_line_nul_binary(void **state)
{
	size_t big = RP_LINE_MAX + 10;
	char *data = malloc(big + 64);
	struct rp_passwd p = {0};
	struct rp_diag d = {0};
	static const char nul[] = "a:x:1:1::/:/bin/sh\nb:x:2\0:2::/:/bin/sh\nc:x:3:3::/:/bin/sh\n";

	(void)state;
	assert_non_null(data);
	memset(data, 'a', big);
	memcpy(data + big, "\nok:x:1:1::/:/bin/sh\n", 21);
	assert_int_equal(rp_passwd_parse("/etc/passwd", data, big + 21, &p, &d), RP_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].line, 2);
	assert_true(diag_has(&d, "/etc/passwd:1: line longer than"));
	rp_passwd_free(&p);
	rp_diag_free(&d);
	free(data);

	/* a NUL in the first 8 KiB: binary, nothing parsed */
	assert_int_equal(rp_passwd_parse("/etc/passwd", nul, sizeof(nul) - 1, &p, &d), RP_ERR_BINARY);
	assert_int_equal(p.n, 0);
	assert_true(diag_has(&d, "binary data"));
	rp_diag_free(&d);

	/* empty and NULL input */
	assert_int_equal(rp_passwd_parse("/etc/passwd", "", 0, &p, &d), RP_OK);
	assert_int_equal(rp_passwd_parse("/etc/passwd", NULL, 0, &p, &d), RP_OK);
	assert_int_equal(p.n, 0);
	rp_passwd_free(&p);
	rp_diag_free(&d);
}

static void test_classify(void **state)
{
	static const struct {
		const char *s;
		enum rp_pw_kind k;
		enum rp_hash_scheme h;
	} tab[] = {
	    {"", RP_PW_EMPTY, RP_HASH_NONE},
	    {"x", RP_PW_SHADOWED, RP_HASH_NONE},
	    {"*", RP_PW_LOCKED, RP_HASH_NONE},
	    {"!", RP_PW_LOCKED, RP_HASH_NONE},
	    {"!*", RP_PW_LOCKED, RP_HASH_NONE},
	    {"!$1$salt$hash", RP_PW_LOCKED, RP_HASH_MD5},
	    {"$1$salt$hash", RP_PW_HASH, RP_HASH_MD5},
	    {"$5$salt$hash", RP_PW_HASH, RP_HASH_SHA256},
	    {"$6$rounds=5000$salt$hash", RP_PW_HASH, RP_HASH_SHA512},
	    {"$y$j9T$salt$hash", RP_PW_HASH, RP_HASH_YESCRYPT},
	    {"$gy$j9T$salt$hash", RP_PW_HASH, RP_HASH_GOST},
	    {"$2b$10$abcdefghijklmnopqrstuv", RP_PW_HASH, RP_HASH_BCRYPT},
	    {"$7$abc", RP_PW_HASH, RP_HASH_SCRYPT},
	    {"$sha1$1$salt$hash", RP_PW_HASH, RP_HASH_SHA1},
	    {"$md5,rounds=1$salt$hash", RP_PW_HASH, RP_HASH_SUNMD5},
	    {"$3$$abcdef", RP_PW_HASH, RP_HASH_NT},
	    {"_J9..abcdefghijklmno", RP_PW_HASH, RP_HASH_BSDI},
	    {"ab01234567890", RP_PW_HASH, RP_HASH_DES},
	    {"$9$unknown", RP_PW_HASH, RP_HASH_UNKNOWN},
	    {"NP", RP_PW_OTHER, RP_HASH_NONE},
	    {"xx", RP_PW_OTHER, RP_HASH_NONE},
	};
	enum rp_hash_scheme h;

	(void)state;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		assert_int_equal(rp_pw_classify(tab[i].s, strlen(tab[i].s), &h), tab[i].k);
		assert_int_equal(h, tab[i].h);
	}
	assert_true(rp_hash_scheme_weak(RP_HASH_DES));
	assert_true(rp_hash_scheme_weak(RP_HASH_MD5));
	assert_true(rp_hash_scheme_weak(RP_HASH_SHA1));
	assert_false(rp_hash_scheme_weak(RP_HASH_SHA512));
	assert_false(rp_hash_scheme_weak(RP_HASH_YESCRYPT));
	assert_string_equal(rp_hash_scheme_name(RP_HASH_MD5), "md5crypt");
}

static void test_shadow(void **state)
{
	static const char data[] = "root:*:19500:0:99999:7:::\n"
				   "alice:$y$j9T$salt$hash:19500:0:99999:7:::\n"
				   "old:$1$salt$hash:19500::::::\n"
				   "nopw::19500:0:99999:7:::\n"
				   "short:*:1:2\n"
				   "bad:*:x:0:99999:7:::\n"
				   "neg:*:-5:0:99999:7:::\n"
				   "+nisuser\n";
	struct rp_shadow s = {0};
	struct rp_diag d = {0};
	const struct rp_shadow_ent *e;

	(void)state;
	assert_int_equal(rp_shadow_parse("/etc/shadow", data, strlen(data), &s, &d), RP_OK);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.nis, 1);
	e = rp_shadow_find(&s, "root");
	assert_int_equal(e->pw, RP_PW_LOCKED);
	assert_int_equal(e->lastchg, 19500);
	assert_int_equal(e->inactive, -1);
	e = rp_shadow_find(&s, "alice");
	assert_int_equal(e->scheme, RP_HASH_YESCRYPT);
	e = rp_shadow_find(&s, "old");
	assert_int_equal(e->scheme, RP_HASH_MD5);
	assert_int_equal(e->min, -1);
	e = rp_shadow_find(&s, "nopw");
	assert_int_equal(e->pw, RP_PW_EMPTY);
	assert_true(diag_has(&d, "/etc/shadow:5: 4 fields instead of 9"));
	assert_true(diag_has(&d, "/etc/shadow:6: bad last change field"));
	assert_true(diag_has(&d, "/etc/shadow:7: bad last change field"));
	rp_shadow_free(&s);
	rp_diag_free(&d);
}

static void test_group(void **state)
{
	static const char data[] = "root:x:0:\n"
				   "sudo:x:27:alice,bob\n"
				   "users:x:100:,,carol,\n"
				   "bad:x:27\n"
				   "badgid:x:z:\n"
				   "+@netgroup\n";
	struct rp_group g = {0};
	struct rp_diag d = {0};
	const struct rp_group_ent *e;

	(void)state;
	assert_int_equal(rp_group_parse("/etc/group", data, strlen(data), &g, &d), RP_OK);
	assert_int_equal(g.n, 4);
	e = rp_group_find(&g, "sudo");
	assert_non_null(e);
	assert_int_equal(e->gid, 27);
	assert_int_equal(e->members.n, 2);
	assert_string_equal(e->members.v[1], "bob");
	e = rp_group_find(&g, "users");
	assert_int_equal(e->members.n, 1);
	assert_string_equal(e->members.v[0], "carol");
	assert_ptr_equal(rp_group_find_gid(&g, 27), rp_group_find(&g, "sudo"));
	assert_null(rp_group_find_gid(&g, 5));
	assert_true(diag_has(&d, "/etc/group:4: 3 fields instead of 4"));
	assert_true(diag_has(&d, "/etc/group:5: bad GID"));
	rp_group_free(&g);
	rp_diag_free(&d);
}

static void test_login_defs(void **state)
{
	static const char data[] = "# comment UID_MIN 5\n"
				   "UID_MIN\t\t\t 500\n"
				   "UID_MAX 60000\n"
				   "SYS_UID_MAX   499\n"
				   "ENCRYPT_METHOD \"MD5\"\n"
				   "UID_MAX nonsense\n"
				   "UID_MINX 7\n";
	struct rp_login_defs defs = {0};
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(rp_login_defs_parse("/etc/login.defs", data, strlen(data), &defs, &d), RP_OK);
	assert_int_equal(defs.uid_min, 500);
	assert_int_equal(defs.uid_min_line, 2);
	assert_int_equal(defs.uid_max, 60000);
	assert_int_equal(defs.sys_uid_max, 499);
	assert_string_equal(defs.encrypt_method, "MD5");
	assert_int_equal(defs.encrypt_method_line, 5);
	assert_true(diag_has(&d, "/etc/login.defs:6: bad value for UID_MAX"));
	rp_login_defs_free(&defs);
	assert_int_equal(defs.uid_min, -1);
	rp_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_passwd_debian),
	    cmocka_unit_test(test_passwd_malformed),
	    cmocka_unit_test(test_passwd_nis_and_hashes),
	    cmocka_unit_test(test_passwd_long_line_nul_binary),
	    cmocka_unit_test(test_classify),
	    cmocka_unit_test(test_shadow),
	    cmocka_unit_test(test_group),
	    cmocka_unit_test(test_login_defs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
