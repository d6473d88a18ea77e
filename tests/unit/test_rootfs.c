/* Confined file access: paths, symlinks and loops stay inside the root;
 * FIFOs, directories and oversized files are refused without blocking. */
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

static char dir[64];

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

static int setup(void **state)
{
	char p[256];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/rp-rootfs-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(p, sizeof(p), "%s/etc", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/etc/conf.d", dir);
	mkdir(p, 0755);
	put("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
	put("etc/conf.d/b.conf", "b\n");
	put("etc/conf.d/a.conf", "a\n");
	put("etc/conf.d/c.txt", "c\n");
	snprintf(p, sizeof(p), "%s/etc/out", dir);
	if (symlink("/etc/passwd", p) != 0) /* absolute: must resolve inside the root */
		return -1;
	snprintf(p, sizeof(p), "%s/etc/up", dir);
	if (symlink("../../../../../../etc/hostname", p) != 0)
		return -1;
	snprintf(p, sizeof(p), "%s/etc/loop1", dir);
	if (symlink("loop2", p) != 0)
		return -1;
	snprintf(p, sizeof(p), "%s/etc/loop2", dir);
	if (symlink("loop1", p) != 0)
		return -1;
	snprintf(p, sizeof(p), "%s/etc/fifo", dir);
	if (mkfifo(p, 0644) != 0)
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

static void test_read_confined(void **state)
{
	struct rp_root r;
	struct rp_buf b;

	(void)state;
	rp_buf_init(&b, RP_FILE_MAX);
	assert_int_equal(rp_root_open(&r, dir, false), RP_OK);
	assert_int_equal(rp_root_read_file(&r, "/etc/passwd", RP_FILE_MAX, &b), RP_OK);
	assert_string_equal(b.data, "root:x:0:0::/root:/bin/sh\n");
	/* the absolute symlink reads the root's own /etc/passwd, not the host's */
	assert_int_equal(rp_root_read_file(&r, "/etc/out", RP_FILE_MAX, &b), RP_OK);
	assert_string_equal(b.data, "root:x:0:0::/root:/bin/sh\n");
	/* ".." cannot climb out: /etc/hostname does not exist inside the root */
	assert_int_equal(rp_root_read_file(&r, "/etc/up", RP_FILE_MAX, &b), RP_ERR_NOTFOUND);
	assert_int_equal(rp_root_read_file(&r, "/../../etc/hostname", RP_FILE_MAX, &b), RP_ERR_NOTFOUND);
	assert_int_equal(rp_root_read_file(&r, "/etc/loop1", RP_FILE_MAX, &b), RP_ERR_LOOP);
	assert_int_equal(rp_root_read_file(&r, "/etc/fifo", RP_FILE_MAX, &b), RP_ERR_NOTREG);
	assert_int_equal(rp_root_read_file(&r, "/etc", RP_FILE_MAX, &b), RP_ERR_NOTREG);
	assert_int_equal(rp_root_read_file(&r, "/etc/passwd", 4, &b), RP_ERR_TOO_LARGE);
	assert_int_equal(rp_root_read_file(&r, "/nope", RP_FILE_MAX, &b), RP_ERR_NOTFOUND);
	rp_root_close(&r);
	rp_buf_free(&b);
}

static void test_glob(void **state)
{
	struct rp_root r;
	struct rp_strlist l = {0};

	(void)state;
	assert_int_equal(rp_root_open(&r, dir, false), RP_OK);
	assert_int_equal(rp_root_glob(&r, "/etc", "conf.d/*.conf", &l), RP_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0], "/etc/conf.d/a.conf");
	assert_string_equal(l.v[1], "/etc/conf.d/b.conf");
	rp_strlist_clear(&l);
	assert_int_equal(rp_root_glob(&r, "/", "/e*/conf.d/?.txt", &l), RP_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0], "/etc/conf.d/c.txt");
	rp_strlist_clear(&l);
	assert_int_equal(rp_root_glob(&r, "/", "/nonexistent/*", &l), RP_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(rp_root_list_dir(&r, "/etc/conf.d", &l), RP_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0], "a.conf");
	rp_strlist_clear(&l);
	rp_root_close(&r);
}

static void test_stat(void **state)
{
	struct rp_root r;
	struct stat st;

	(void)state;
	assert_int_equal(rp_root_open(&r, dir, false), RP_OK);
	assert_int_equal(rp_root_stat(&r, "/etc/out", false, &st), RP_OK);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(rp_root_stat(&r, "/etc/out", true, &st), RP_OK);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(rp_root_stat(&r, "/etc/loop1", true, &st), RP_ERR_LOOP);
	rp_root_close(&r);
}

static void test_lines(void **state)
{
	const char text[] = "one\r\ntwo\n\nlastx";
	struct rp_lines it;
	const char *l;
	size_t n;
	bool too_long;

	(void)state;
	rp_lines_init(&it, text, sizeof(text) - 1, 4);
	assert_true(rp_lines_next(&it, &l, &n, &too_long));
	assert_int_equal(n, 3);
	assert_memory_equal(l, "one", 3);
	assert_true(rp_lines_next(&it, &l, &n, &too_long));
	assert_int_equal(it.lineno, 2);
	assert_true(rp_lines_next(&it, &l, &n, &too_long));
	assert_int_equal(n, 0);
	assert_true(rp_lines_next(&it, &l, &n, &too_long));
	assert_true(too_long); /* "lastx" is 5 > 4 */
	assert_null(l);
	assert_false(rp_lines_next(&it, &l, &n, &too_long));
	assert_true(rp_text_is_binary("a\0b", 3));
	assert_false(rp_text_is_binary("ab", 2));
}

static void test_buf_cap(void **state)
{
	struct rp_buf b;

	(void)state;
	rp_buf_init(&b, 8);
	assert_int_equal(rp_buf_adds(&b, "12345678"), RP_OK);
	assert_int_equal(rp_buf_addc(&b, 'x'), RP_ERR_TOO_LARGE);
	assert_int_equal(b.len, 8);
	assert_int_equal(rp_buf_addf(&b, "%d", 1), RP_ERR_TOO_LARGE);
	rp_buf_free(&b);
}

static void test_printable(void **state)
{
	char *p;

	(void)state;
	/* invalid UTF-8, ESC, BEL, C1 (U+0085) become '?'; valid UTF-8 and tab stay */
	p = rp_strndup_printable("a\xe9" "b\x1b[31m\a\xc2\x85\tx\xc3\xa9\xef\xbf\xbd", 64);
	assert_string_equal(p, "a?b?[31m??\tx\xc3\xa9\xef\xbf\xbd");
	free(p);
	p = rp_strndup_printable("abcdef", 3);
	assert_string_equal(p, "abc");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_confined),
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_stat),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_printable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
