/* The embedded catalogue: every requirement of the seed, levels as the text
 * says, 2.6 marked as a repeat of 2.5, and every check mapped to known IDs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/registry.h"
#include "core/catalog.h"
#include "core/err.h"

static void test_embedded(void **state)
{
	static const char *const ids[] = {
		"1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8",
		"2.9", "2.10", "2.11", "2.12", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4.1", "4.2", "4.3",
		"4.4", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6",
		"7.1", "7.2", "8", "8.a", "8.b", "8.c", "8.d", "8.e", "9", "9.a", "9.b", "9.c", "9.d", "9.e",
		"10"};
	struct rp_catalog cat;
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(rp_catalog_load(&cat, &d), RP_OK);
	assert_int_equal(cat.n, sizeof(ids) / sizeof(ids[0]));
	for (size_t i = 0; i < cat.n; i++)
		assert_string_equal(cat.v[i].id, ids[i]);
	assert_string_equal(rp_catalog_find(&cat, "2.6")->duplicate_of, "2.5");
	assert_string_equal(rp_catalog_find(&cat, "1.3")->level, "SHOULD");
	assert_string_equal(rp_catalog_find(&cat, "2.9")->level, "SHOULD");
	assert_string_equal(rp_catalog_find(&cat, "5.6")->level, "MAY");
	assert_string_equal(rp_catalog_find(&cat, "6.2")->level, "SHOULD");
	assert_string_equal(rp_catalog_find(&cat, "6.4")->level, "MUST");
	assert_int_equal(rp_catalog_find(&cat, "10")->verification, RP_VERIFY_ATTESTATION);
	/* every check names requirements that exist */
	for (size_t k = 0; k < rp_checks_count(); k++) {
		const struct rp_check *c = rp_check_at(k);
		assert_non_null(c->reqs[0]);
		for (int i = 0; i < RP_CHECK_MAX_REQS && c->reqs[i]; i++)
			if (rp_catalog_find(&cat, c->reqs[i]) == NULL)
				fail_msg("check %s names unknown requirement %s", c->id, c->reqs[i]);
		assert_non_null(c->remediation);
		assert_non_null(c->fn);
		assert_ptr_equal(rp_check_find(c->id), c); /* IDs are unique */
	}
	rp_catalog_free(&cat);
}

static void test_bad(void **state)
{
	struct rp_catalog cat;
	struct rp_diag d = {0};
	const char *y = "requirements:\n  - {id: \"1\", level: MUST, title: t}\n  - {id: \"1\", level: MUST, title: t}\n"
			"  - {id: \"2\", level: OFTEN, title: t, verification: magic}\n";

	(void)state;
	assert_int_equal(rp_catalog_load_mem(&cat, "c.yaml", y, strlen(y), &d), RP_ERR_PARSE);
	assert_int_equal(d.msgs.n, 3);
	assert_non_null(strstr(d.msgs.v[0], "c.yaml:3: 1: duplicate requirement id"));
	rp_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedded),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
