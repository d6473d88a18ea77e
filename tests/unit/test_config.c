/* Configuration loading: defaults, the schema, errors naming file:line:key,
 * waiver and attestation expiry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/err.h"
#include "core/model.h"

static int load(struct rp_policy *pol, struct rp_diag *d, const char *yaml)
{
	setenv("RAMPART_TODAY", "2026-06-15", 1);
	assert_int_equal(rp_policy_defaults(pol), RP_OK);
	return rp_policy_load_mem(pol, "t.yaml", yaml, strlen(yaml), d);
}

static bool diag_has(const struct rp_diag *d, const char *s)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		if (strstr(d->msgs.v[i], s) != NULL)
			return true;
	return false;
}

static void test_defaults(void **state)
{
	struct rp_policy pol;

	(void)state;
	assert_int_equal(rp_policy_defaults(&pol), RP_OK);
	assert_int_equal(pol.fail_on, RP_SEV_HIGH);
	assert_true(rp_strlist_has(&pol.admin_names, "admin"));
	assert_non_null(rp_policy_local_only(&pol, "tcp", 5432));
	assert_null(rp_policy_local_only(&pol, "udp", 5432));
	assert_true(rp_strlist_has(&pol.ssh_weak_macs, "hmac-md5"));
	assert_true(rp_policy_selects(&pol, "ssh.permit-root-login"));
	rp_policy_free(&pol);
}

static void test_full(void **state)
{
	struct rp_policy pol;
	struct rp_diag d = {0};
	const char *y = "fail-on: medium\n"
			"checks:\n  only: [ssh.]\n  skip: [ssh.x11-forwarding]\n"
			"  severity: {ssh.permit-root-login: critical}\n"
			"host:\n  admin-names: [boss]\n  local-only-ports:\n    - {port: 8080, proto: tcp, name: admin-ui}\n"
			"  listeners-allow: [tcp/22, sshd]\n  ssh: {require-allow-list: false, weak-macs: [hmac-sha1]}\n"
			"waivers:\n  - check: ssh.x11-forwarding\n    reason: legacy\n    owner: ops\n    expires: 2026-01-01\n"
			"  - check: accounts.admin-name\n    target: admin\n    reason: vendor\n    owner: sec\n    expires: 2027-01-01\n"
			"attestations:\n  - requirement: \"10\"\n    by: CISO\n    evidence: IM-1\n    until: 2027-01-01\n";

	(void)state;
	assert_int_equal(load(&pol, &d, y), RP_OK);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(pol.fail_on, RP_SEV_MEDIUM);
	assert_true(rp_policy_selects(&pol, "ssh.permit-root-login"));
	assert_false(rp_policy_selects(&pol, "ssh.x11-forwarding"));
	assert_false(rp_policy_selects(&pol, "accounts.uid0"));
	assert_int_equal(rp_policy_severity(&pol, "ssh.permit-root-login", RP_SEV_LOW), RP_SEV_CRITICAL);
	assert_int_equal(pol.admin_names.n, 1);
	assert_string_equal(rp_policy_local_only(&pol, "tcp", 8080)->name, "admin-ui");
	assert_non_null(rp_policy_local_only(&pol, "tcp", 5432)); /* extends, not replaces */
	assert_false(pol.ssh_require_allow);
	assert_int_equal(pol.ssh_weak_macs.n, 1);
	assert_int_equal(pol.nwaivers, 2);
	assert_true(pol.waivers[0].expired);
	assert_false(pol.waivers[1].expired);
	assert_int_equal(pol.waivers[1].line, 17);
	assert_int_equal(pol.nattest, 1);
	assert_false(pol.attest[0].expired);
	rp_policy_free(&pol);
	rp_diag_free(&d);
}

static void test_errors(void **state)
{
	struct rp_policy pol;
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(load(&pol, &d, "host:\n  admin-name: [x]\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "t.yaml:2: host.admin-name: unknown key"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "fail-on: [high]\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "t.yaml:1: fail-on: must be a string"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "fail-on: severe\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "fail-on: must be one of"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "waivers:\n  - check: a.b\n    owner: x\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "t.yaml:2: waivers: a waiver needs check, reason, owner and expires"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "waivers:\n  - {check: a, reason: r, owner: o, expires: 2026-13-01}\n"),
			 RP_ERR_CONFIG);
	assert_true(diag_has(&d, "expires must be a date"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "host:\n  local-only-ports:\n    - {port: 70000}\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "t.yaml:3: host.local-only-ports: port must be a number"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "host: [\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "t.yaml:2: YAML syntax error"));
	rp_policy_free(&pol);
	rp_diag_free(&d);

	assert_int_equal(load(&pol, &d, "host:\n  ssh: {require-allow-list: maybe}\n"), RP_ERR_CONFIG);
	assert_true(diag_has(&d, "host.ssh.require-allow-list: must be true or false"));
	rp_policy_free(&pol);
	rp_diag_free(&d);
}

static void test_empty(void **state)
{
	struct rp_policy pol;
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(load(&pol, &d, ""), RP_OK);
	rp_policy_free(&pol);
	assert_int_equal(load(&pol, &d, "# only a comment\n"), RP_OK);
	rp_policy_free(&pol);
	rp_diag_free(&d);
}

static void test_recursive_alias(void **state)
{
	struct rp_policy pol;
	struct rp_diag d = {0};

	(void)state;
	/* an alias to its own sequence must not make the loader loop */
	assert_int_equal(load(&pol, &d, "host:\n  admin-names: &a [x, *a]\n"), RP_ERR_CONFIG);
	rp_policy_free(&pol);
	rp_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_recursive_alias),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
