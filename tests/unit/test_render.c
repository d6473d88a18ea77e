/* The text, SARIF, JUnit and HTML renderers, on a report built by hand: a
 * fake check table, a small catalogue, findings of every status, a waived
 * one, an attested requirement, and evidence with hostile strings (markup,
 * quotes, control characters, "]]>", bytes that are not UTF-8). When python3
 * is there, the SARIF is also validated against the official schema and the
 * JUnit XML parsed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/err.h"
#include "core/runner.h"
#include "report/report.h"

#define S(x) ((char *)(x))

#define HOSTILE_OBS                                                                                \
	"value <script>alert('x')</script> & ]]> \"q\" \x1b[31mred\x07 bell\x01 \xff\xfe bad "       \
	"\xc3\xa9 ok \xc2\x9b csi"

static const struct rp_check checks[] = {
	{"ssh.permit-root-login", "Root cannot log in over SSH", {"6.1", "6.4"}, RP_SEV_HIGH, RP_TARGET_HOST,
	 "Set 'PermitRootLogin no' in sshd_config.", NULL},
	{"test.hostile", "Title <b>&amp;\"", {"6.4"}, RP_SEV_CRITICAL, RP_TARGET_HOST,
	 "Use <script>alert(1)</script> & ]]>", NULL},
	{"accounts.no-admin", "No account is named admin", {"6.2"}, RP_SEV_MEDIUM, RP_TARGET_HOST,
	 "Rename the account.", NULL},
	{"test.error", "Reads the shadow file", {"2.1"}, RP_SEV_LOW, RP_TARGET_HOST, "Fix it.", NULL},
	{"test.unmapped", "Maps to nothing known", {"99.9"}, RP_SEV_INFO, RP_TARGET_HOST, NULL, NULL},
};

static struct rp_requirement reqs[] = {
	{S("1.1"), S("Separation"), S("MUST"), S("Production is separate"), RP_VERIFY_ATTESTATION, NULL, NULL},
	{S("2.1"), S("Hardening"), S("MUST"), S("The OS is hardened"), RP_VERIFY_AUTOMATED, NULL, NULL},
	{S("6.1"), S("Admin"), S("MUST"), S("Admin access is limited"), RP_VERIFY_PARTLY, NULL, NULL},
	{S("6.2"), S("Admin"), S("SHOULD"), S("No account is named \"admin\""), RP_VERIFY_AUTOMATED, NULL, NULL},
	{S("6.4"), S("Admin"), S("MUST"), S("Admin access needs two factors"), RP_VERIFY_AUTOMATED, NULL, NULL},
	{S("10"), S("Incidents"), S("MUST"), S("Incident management <process>"), RP_VERIFY_ATTESTATION, NULL,
	 NULL},
};

static struct rp_evidence ev_root[] = {{S("/etc/ssh/sshd_config"), 12, S("PermitRootLogin yes")}};
static struct rp_evidence ev_hostile[] = {
	{S("/etc/we ird:file#1?.conf"), 3, S(HOSTILE_OBS)},
	{NULL, 0, S("second <i>observation</i>")},
};
static struct rp_evidence ev_admin[] = {{S("/etc/passwd"), 2, S("admin:x:1000:1000::/home/admin:/bin/sh")}};
static struct rp_evidence ev_err[] = {{S("/etc/shadow"), 0, S("permission denied")}};
static struct rp_evidence ev_pass[] = {{S("/etc/ssh/sshd_config.d/x.conf"), 1, S("PermitRootLogin no")}};

static struct rp_waiver waiver = {.check = S("accounts.no-admin"),
				  .target = S("legacy"),
				  .reason = S("accepted <risk> & co"),
				  .owner = S("alice"),
				  .expires = S("2099-12-31"),
				  .line = 7};
static struct rp_attestation att = {.requirement = S("10"),
				    .by = S("Bob <bob@example.org>"),
				    .evidence = S("runbook & on-call <rota>"),
				    .until = S("2099-01-01"),
				    .line = 9};

static struct rp_finding findings[] = {
	{&checks[0], RP_ST_FAIL, RP_SEV_HIGH, S("sshd"), ev_root, 1, NULL},
	{&checks[1], RP_ST_FAIL, RP_SEV_CRITICAL, S("user <admin>&\"x\"\x1b]0;pwned\x07"), ev_hostile, 2, NULL},
	{&checks[2], RP_ST_WARN, RP_SEV_MEDIUM, S("user admin"), ev_admin, 1, NULL},
	{&checks[2], RP_ST_FAIL, RP_SEV_MEDIUM, S("user legacy"), ev_admin, 1, &waiver},
	{&checks[3], RP_ST_ERROR, RP_SEV_LOW, NULL, ev_err, 1, NULL},
	{&checks[0], RP_ST_PASS, RP_SEV_HIGH, S("sshd-alt"), ev_pass, 1, NULL},
	{&checks[4], RP_ST_NA, RP_SEV_INFO, S("x"), NULL, 0, NULL},
};

struct fixture {
	struct rp_catalog cat;
	struct rp_req_result res[sizeof(reqs) / sizeof(reqs[0])];
	struct rp_report rep;
};

static int setup(void **state)
{
	static const enum rp_req_status st[] = {RP_REQ_NEEDS_ATTESTATION, RP_REQ_PARTIAL, RP_REQ_FAIL,
						 RP_REQ_PARTIAL,            RP_REQ_FAIL,    RP_REQ_ATTESTED};
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	fx->cat.v = reqs;
	fx->cat.n = sizeof(reqs) / sizeof(reqs[0]);
	for (size_t i = 0; i < fx->cat.n; i++) {
		fx->res[i].req = &reqs[i];
		fx->res[i].status = st[i];
		for (size_t k = 0; k < sizeof(checks) / sizeof(checks[0]); k++)
			for (int j = 0; j < RP_CHECK_MAX_REQS && checks[k].reqs[j] != NULL; j++)
				if (strcmp(checks[k].reqs[j], reqs[i].id) == 0 &&
				    rp_strlist_add(&fx->res[i].checks, checks[k].id) != RP_OK)
					return -1;
	}
	fx->res[5].att = &att;
	fx->rep.kind = RP_TARGET_HOST;
	fx->rep.target_name = S("/srv/root");
	memcpy(fx->rep.started, "2025-01-02T03:04:05Z", 21);
	memcpy(fx->rep.finished, "2025-01-02T03:04:06Z", 21);
	fx->rep.findings.v = findings;
	fx->rep.findings.n = fx->rep.findings.cap = sizeof(findings) / sizeof(findings[0]);
	fx->rep.reqs = fx->res;
	fx->rep.nreqs = fx->cat.n;
	fx->rep.summary = (struct rp_summary){.fail = 2, .warn = 1, .pass = 1, .na = 1, .error = 1, .waived = 1};
	fx->rep.catalog = &fx->cat;
	fx->rep.exit_status = 1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	for (size_t i = 0; i < fx->cat.n; i++)
		rp_strlist_clear(&fx->res[i].checks);
	free(fx);
	return 0;
}

/* Renders r in format into a NUL-terminated string the caller frees. */
static char *render(const struct rp_report *r, const char *format, bool color, bool quiet, size_t *len)
{
	struct rp_render_opts o = {.color = color, .quiet = quiet};
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	assert_int_equal(rp_report_write(r, format, &o, f), RP_OK);
	assert_int_equal(fclose(f), 0);
	if (len != NULL)
		*len = n;
	return buf;
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

#define assert_contains(hay, needle)                                                               \
	do {                                                                                       \
		if (strstr((hay), (needle)) == NULL) {                                              \
			fprintf(stderr, "--- output ---\n%s--- end ---\n", (hay));                  \
			fail_msg("missing: %s", (needle));                                           \
		}                                                                                   \
	} while (0)
#define assert_lacks(hay, needle)                                                                  \
	do {                                                                                       \
		if (strstr((hay), (needle)) != NULL) {                                              \
			fprintf(stderr, "--- output ---\n%s--- end ---\n", (hay));                  \
			fail_msg("unexpected: %s", (needle));                                        \
		}                                                                                   \
	} while (0)

/* No control character but tab and newline, no ESC in particular. */
static void assert_no_controls(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			fail_msg("control byte 0x%02x at offset %zu", c, i);
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
			fail_msg("C1 control at offset %zu", i);
	}
}

/* Writes data to a temporary file and runs a python3 one-liner on it;
 * returns the exit status, or -1 when python3 (or its module) is missing. */
static int run_python(const char *module, const char *script, const char *data, size_t len)
{
	char path[] = "/tmp/rampart-test-render-XXXXXX", *cmd = NULL;
	int fd, st;

	cmd = rp_asprintf("python3 -c 'import %s' >/dev/null 2>&1", module);
	assert_non_null(cmd);
	st = system(cmd);
	free(cmd);
	if (st != 0) {
		print_message("python3 with %s not found: skipping its validation\n", module);
		return -1;
	}
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	cmd = rp_asprintf("python3 -c '%s' '%s' '%s'", script, path, TEST_DATA_DIR "/../schemas/sarif-schema-2.1.0.json");
	assert_non_null(cmd);
	st = system(cmd);
	free(cmd);
	unlink(path);
	return st;
}

static void test_text(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	char *s = render(&fx->rep, "text", false, false, &n);
	const char *summary = "2 fail, 1 warn, 1 pass, 1 not-applicable, 1 error; 1 waived\n";

	assert_contains(s, "rampart " RAMPART_VERSION ": host audit of /srv/root\n");
	assert_contains(s, "1.1   MUST   needs-attestation Production is separate\n");
	assert_contains(s, "6.1   MUST   fail              Admin access is limited\n");
	/* listed under its first requirement, naming the others */
	assert_contains(s, "    FAIL   high     ssh.permit-root-login  sshd  (also 6.4)\n"
			   "          /etc/ssh/sshd_config:12: PermitRootLogin yes\n"
			   "          remediation: Set 'PermitRootLogin no' in sshd_config.\n");
	assert_int_equal(count_of(s, "ssh.permit-root-login  sshd  "), 1);
	assert_contains(s, "    PASS   high     ssh.permit-root-login  sshd-alt  (also 6.4)\n");
	assert_contains(s, "    WAIVED medium   accounts.no-admin  user legacy\n");
	assert_contains(s, "          fail waived by alice until 2099-12-31: accepted <risk> & co\n");
	assert_contains(s, "    WARN   medium   accounts.no-admin  user admin\n");
	/* a finding without target names the audited target */
	assert_contains(s, "    ERROR  low      test.error  /srv/root\n          /etc/shadow: permission denied\n");
	assert_contains(s, "attested by Bob <bob@example.org> until 2099-01-01: runbook & on-call <rota>\n");
	assert_contains(s, "(no requirement)\n    N/A    info     test.unmapped  x  (not in the catalogue: 99.9)\n");
	/* hostile bytes are made harmless; valid UTF-8 is kept */
	assert_contains(s, "user <admin>&\"x\"?]0;pwned?");
	assert_contains(s, "?[31mred? bell? ?? bad \xc3\xa9 ok ? csi");
	assert_no_controls(s, n);
	/* the summary is the last line */
	assert_true(n > strlen(summary));
	assert_string_equal(s + n - strlen(summary), summary);
	free(s);
}

static void test_text_color(void **state)
{
	struct fixture *fx = *state;
	char *s = render(&fx->rep, "text", true, false, NULL);

	assert_contains(s, "\033[31mFAIL  \033[0m");
	assert_contains(s, "\033[33mWARN  \033[0m");
	assert_contains(s, "\033[32mPASS  \033[0m");
	assert_contains(s, "\033[2mN/A   \033[0m");
	assert_contains(s, "\033[35mERROR \033[0m");
	/* colours come only from the renderer, never from the evidence */
	assert_lacks(s, "\033[31mred");
	free(s);
}

static void test_text_quiet(void **state)
{
	struct fixture *fx = *state;
	char *s = render(&fx->rep, "text", false, true, NULL);

	assert_lacks(s, "rampart " RAMPART_VERSION);
	assert_lacks(s, "PASS");
	assert_lacks(s, "N/A");
	assert_lacks(s, "WAIVED");
	assert_lacks(s, "1.1   MUST");
	assert_lacks(s, "attested by");
	assert_lacks(s, "(no requirement)");
	assert_contains(s, "FAIL   high     ssh.permit-root-login  sshd  (also 6.4)\n");
	assert_contains(s, "WARN   medium   accounts.no-admin  user admin\n");
	assert_contains(s, "ERROR  low      test.error");
	assert_contains(s, "\n2 fail, 1 warn, 1 pass, 1 not-applicable, 1 error; 1 waived\n");
	free(s);
}

static json_t *jpath(json_t *j, const char *path)
{
	char *copy = strdup(path), *save = NULL;

	assert_non_null(copy);
	for (char *tok = strtok_r(copy, ".", &save); tok != NULL && j != NULL; tok = strtok_r(NULL, ".", &save)) {
		long idx;
		if (rp_parse_long(tok, 0, 100000, &idx) == RP_OK)
			j = json_array_get(j, (size_t)idx);
		else
			j = json_object_get(j, tok);
	}
	free(copy);
	if (j == NULL)
		fail_msg("no %s in the SARIF", path);
	return j;
}

static const char *jstr_at(json_t *j, const char *path)
{
	const char *s = json_string_value(jpath(j, path));

	if (s == NULL)
		fail_msg("%s is not a string", path);
	return s;
}

static void test_sarif(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	char *s = render(&fx->rep, "sarif", false, false, &n);
	json_error_t jerr;
	json_t *root = json_loadb(s, n, 0, &jerr), *rules, *results;

	if (root == NULL)
		fail_msg("SARIF is not JSON: %s at %d:%d", jerr.text, jerr.line, jerr.column);
	assert_string_equal(jstr_at(root, "version"), "2.1.0");
	assert_non_null(strstr(jstr_at(root, "$schema"), "sarif-2.1.0"));
	assert_int_equal(json_array_size(jpath(root, "runs")), 1);
	assert_string_equal(jstr_at(root, "runs.0.tool.driver.name"), "rampart");
	assert_string_equal(jstr_at(root, "runs.0.tool.driver.version"), RAMPART_VERSION);
	assert_string_equal(jstr_at(root, "runs.0.originalUriBaseIds.ROOT.uri"), "file:///srv/root/");

	/* one rule per check with findings, in order of first finding */
	rules = jpath(root, "runs.0.tool.driver.rules");
	assert_int_equal(json_array_size(rules), 5);
	assert_string_equal(jstr_at(rules, "0.id"), "ssh.permit-root-login");
	assert_string_equal(jstr_at(rules, "0.shortDescription.text"), "Root cannot log in over SSH");
	assert_string_equal(jstr_at(rules, "0.help.text"), "Set 'PermitRootLogin no' in sshd_config.");
	assert_string_equal(jstr_at(rules, "0.defaultConfiguration.level"), "error");
	assert_string_equal(jstr_at(rules, "0.properties.requirements.1"), "6.4");
	assert_string_equal(jstr_at(rules, "0.properties.tags.1"), "requirement:6.1");
	assert_string_equal(jstr_at(rules, "0.properties.tags.2"), "requirement:6.4");
	assert_string_equal(jstr_at(rules, "0.properties.security-severity"), "8.0");
	assert_contains(jstr_at(rules, "0.fullDescription.text"), "6.4 (MUST): Admin access needs two factors");
	assert_string_equal(jstr_at(rules, "2.defaultConfiguration.level"), "warning");
	assert_string_equal(jstr_at(rules, "3.defaultConfiguration.level"), "note");
	assert_null(json_object_get(json_array_get(rules, 4), "help"));

	/* results: fail, warn, error (waived included, suppressed); no pass, no n/a */
	results = jpath(root, "runs.0.results");
	assert_int_equal(json_array_size(results), 5);
	assert_string_equal(jstr_at(results, "0.ruleId"), "ssh.permit-root-login");
	assert_int_equal(json_integer_value(jpath(results, "0.ruleIndex")), 0);
	assert_string_equal(jstr_at(results, "0.level"), "error");
	assert_string_equal(jstr_at(results, "0.kind"), "fail");
	assert_string_equal(jstr_at(results, "0.locations.0.physicalLocation.artifactLocation.uri"),
			    "etc/ssh/sshd_config");
	assert_string_equal(jstr_at(results, "0.locations.0.physicalLocation.artifactLocation.uriBaseId"), "ROOT");
	assert_int_equal(json_integer_value(jpath(results, "0.locations.0.physicalLocation.region.startLine")), 12);
	assert_contains(jstr_at(results, "0.message.text"), "PermitRootLogin yes");
	/* hostile path and text: encoded, and valid UTF-8 */
	assert_int_equal(json_integer_value(jpath(results, "1.ruleIndex")), 1);
	assert_string_equal(jstr_at(results, "1.locations.0.physicalLocation.artifactLocation.uri"),
			    "etc/we%20ird%3Afile%231%3F.conf");
	assert_contains(jstr_at(results, "1.message.text"), "<script>alert('x')</script> & ]]>");
	assert_contains(jstr_at(results, "1.message.text"), "\xef\xbf\xbd\xef\xbf\xbd bad \xc3\xa9 ok");
	assert_int_equal(json_array_size(jpath(results, "1.locations")), 1); /* 2nd evidence has no path */
	/* warn of a medium check: warning */
	assert_string_equal(jstr_at(results, "2.level"), "warning");
	assert_null(json_object_get(json_array_get(results, 2), "suppressions"));
	/* waived */
	assert_string_equal(jstr_at(results, "3.suppressions.0.kind"), "external");
	assert_string_equal(jstr_at(results, "3.suppressions.0.justification"), "accepted <risk> & co");
	assert_string_equal(jstr_at(results, "3.suppressions.0.properties.owner"), "alice");
	/* error: needs review; also a tool notification */
	assert_string_equal(jstr_at(results, "4.kind"), "review");
	assert_string_equal(jstr_at(results, "4.level"), "none");
	assert_int_equal(json_integer_value(jpath(results, "4.ruleIndex")), 3);
	assert_string_equal(jstr_at(root, "runs.0.invocations.0.toolExecutionNotifications.0.associatedRule.id"),
			    "test.error");
	assert_true(json_is_true(jpath(root, "runs.0.invocations.0.executionSuccessful")));
	assert_int_equal(json_integer_value(jpath(root, "runs.0.properties.summary.fail")), 2);
	json_decref(root);

	if (run_python("jsonschema",
		       "import json,sys,jsonschema; "
		       "jsonschema.Draft7Validator(json.load(open(sys.argv[2]))).validate(json.load(open(sys.argv[1])))",
		       s, n) > 0)
		fail_msg("the SARIF does not validate against the SARIF 2.1.0 schema");
	free(s);
}

static void test_junit(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	char *s = render(&fx->rep, "junit", false, false, &n);

	assert_true(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 50) == 0);
	assert_contains(s, "<testsuites name=\"rampart\" tests=\"7\" failures=\"2\" errors=\"1\" skipped=\"2\"");
	assert_int_equal(count_of(s, "<failure "), 2);
	assert_int_equal(count_of(s, "<error "), 1);
	assert_int_equal(count_of(s, "<skipped "), 2);
	assert_int_equal(count_of(s, "<testcase "), 7);
	assert_contains(s, "<testsuite name=\"6.1: Admin access is limited\" id=\"6.1\" tests=\"2\" failures=\"1\"");
	assert_contains(s, "<testsuite name=\"unmapped\" tests=\"1\"");
	assert_lacks(s, "name=\"1.1"); /* no findings, no suite */
	assert_contains(s, "<testcase classname=\"ssh.permit-root-login\" name=\"sshd\" time=\"0\">\n"
			   "      <failure message=\"Root cannot log in over SSH: PermitRootLogin yes\" type=\"high\">"
			   "/etc/ssh/sshd_config:12: PermitRootLogin yes\nremediation: Set &#39;PermitRootLogin no&#39;");
	assert_contains(s, "name=\"user &lt;admin&gt;&amp;&quot;x&quot;\xef\xbf\xbd]0;pwned\xef\xbf\xbd\"");
	assert_contains(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; ]]&gt;");
	assert_contains(s, "<skipped message=\"fail waived by alice until 2099-12-31: accepted &lt;risk&gt; &amp; co\"/>");
	assert_contains(s, "<system-out>WARN: /etc/passwd:2:");
	assert_lacks(s, "<script");
	assert_lacks(s, "]]>");
	assert_no_controls(s, n);
	if (run_python("xml.etree.ElementTree",
		       "import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); "
		       "assert r.tag == \"testsuites\"; assert len(r.findall(\".//failure\")) == 2",
		       s, n) > 0)
		fail_msg("the JUnit XML does not parse");
	free(s);
}

static void test_html(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	char *s = render(&fx->rep, "html", false, false, &n);
	const char *crit, *high, *low;

	assert_true(strncmp(s, "<!DOCTYPE html>\n", 16) == 0);
	assert_contains(s, "Content-Security-Policy");
	assert_contains(s, "<title>rampart: host audit of /srv/root</title>");
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		char *id = rp_asprintf("<tr id=\"req-%s\"><td>%s</td>", reqs[i].id, reqs[i].id);
		assert_contains(s, id);
		free(id);
	}
	assert_contains(s, "<span class=\"b fail\">2 fail</span>");
	assert_contains(s, "<span class=\"b waived\">1 waived</span>");
	assert_contains(s, "<td>No account is named &quot;admin&quot;</td>");
	assert_contains(s, "<td>Incident management &lt;process&gt;</td>");
	assert_contains(s, "<code>ssh.permit-root-login</code>");
	/* untrusted text is escaped */
	assert_contains(s, "value &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; ]]&gt; &quot;q&quot;");
	assert_contains(s, "user &lt;admin&gt;&amp;&quot;x&quot;");
	assert_contains(s, "Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;");
	assert_contains(s, "Title &lt;b&gt;&amp;amp;&quot;");
	assert_lacks(s, "<script");
	assert_lacks(s, "<SCRIPT");
	assert_lacks(s, "<i>");
	assert_lacks(s, "http://");
	assert_lacks(s, "https://");
	assert_lacks(s, "url(");
	assert_lacks(s, "@import");
	assert_no_controls(s, n);
	/* findings by severity, critical first */
	crit = strstr(s, "<h3 id=\"sev-critical\">");
	high = strstr(s, "<h3 id=\"sev-high\">");
	low = strstr(s, "<h3 id=\"sev-low\">");
	assert_non_null(crit);
	assert_non_null(high);
	assert_non_null(low);
	assert_true(crit < high && high < low);
	assert_lacks(s, "<h3 id=\"sev-info\">"); /* only n/a there */
	assert_contains(s, "<strong>fail waived</strong> by alice until 2099-12-31: accepted &lt;risk&gt; &amp; co");
	assert_contains(s, "<td>Bob &lt;bob@example.org&gt;</td><td>runbook &amp; on-call &lt;rota&gt;</td>");
	assert_contains(s, "<details>\n<summary>2 findings with the evidence of what held</summary>");
	assert_contains(s, "</html>\n");
	free(s);
}

/* An empty report renders in every format. */
static void test_empty(void **state)
{
	static const char *const formats[] = {"text", "json", "sarif", "junit", "html"};
	struct rp_report r = {.kind = RP_TARGET_WEB};

	(void)state;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		size_t n;
		char *s = render(&r, formats[i], true, false, &n);
		assert_true(n > 0);
		if (strcmp(formats[i], "sarif") == 0) {
			json_t *j = json_loadb(s, n, 0, NULL);
			assert_non_null(j);
			assert_int_equal(json_array_size(jpath(j, "runs.0.results")), 0);
			assert_null(json_object_get(json_array_get(json_object_get(j, "runs"), 0),
						    "originalUriBaseIds"));
			json_decref(j);
		}
		if (strcmp(formats[i], "text") == 0)
			assert_contains(s, "0 fail, 0 warn, 0 pass, 0 not-applicable, 0 error; 0 waived\n");
		free(s);
	}
}

static void test_unknown_format(void **state)
{
	struct rp_report r = {0};
	struct rp_render_opts o = {0};

	(void)state;
	assert_int_equal(rp_report_write(&r, "xml", &o, stdout), RP_ERR_USAGE);
	assert_false(rp_report_format_known("xml"));
	assert_true(rp_report_format_known("sarif"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_color, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_quiet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sarif, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html, setup, teardown),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_unknown_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
