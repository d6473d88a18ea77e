/* The JUnit XML report, for CI systems that show test results: one
 * <testsuite> per requirement that has findings (catalogue order, then
 * "unmapped"), one <testcase classname=CHECK name=TARGET> per finding, under
 * the first requirement of its check only, so that the failure count equals
 * the report's fail count. fail -> <failure>, error -> <error>,
 * not-applicable and waived -> <skipped>, warn and pass -> passed with the
 * evidence in <system-out>. Everything printed is XML-escaped. */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "report/common.h"
#include "report/report.h"

struct counts {
	size_t tests, failures, errors, skipped;
};

static void count(struct counts *c, const struct rp_finding *f)
{
	c->tests++;
	if (f->waiver != NULL || f->status == RP_ST_NA)
		c->skipped++;
	else if (f->status == RP_ST_FAIL)
		c->failures++;
	else if (f->status == RP_ST_ERROR)
		c->errors++;
}

static void attr(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	rp_xml_puts(out, value, true);
	fputc('"', out);
}

static void counts_attrs(FILE *out, const struct counts *c)
{
	fprintf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\"", c->tests,
		c->failures, c->errors, c->skipped);
}

/* "path:line: observed" lines, then the remediation. */
static void evidence_text(FILE *out, const struct rp_finding *f, bool remediation)
{
	for (size_t i = 0; i < f->nev; i++) {
		const struct rp_evidence *e = &f->ev[i];
		if (e->path != NULL) {
			rp_xml_puts(out, e->path, false);
			if (e->line > 0)
				fprintf(out, ":%u", e->line);
			if (e->observed != NULL)
				fputs(": ", out);
		}
		rp_xml_puts(out, e->observed, false);
		fputc('\n', out);
	}
	if (remediation && f->check->remediation != NULL) {
		fputs("remediation: ", out);
		rp_xml_puts(out, f->check->remediation, false);
		fputc('\n', out);
	}
}

/* message attribute: the title and the first observation */
static void message_attr(FILE *out, const char *prefix, const struct rp_finding *f)
{
	fputs(" message=\"", out);
	rp_xml_puts(out, prefix, true);
	rp_xml_puts(out, f->check->title ? f->check->title : f->check->id, true);
	for (size_t i = 0; i < f->nev; i++)
		if (f->ev[i].observed != NULL) {
			fputs(": ", out);
			rp_xml_puts(out, f->ev[i].observed, true);
			break;
		}
	fputc('"', out);
}

static void testcase(FILE *out, const struct rp_report *r, const struct rp_finding *f)
{
	fputs("    <testcase", out);
	attr(out, "classname", f->check->id);
	attr(out, "name", rp_report_target(r, f));
	fputs(" time=\"0\">\n", out);
	if (f->waiver != NULL) {
		const struct rp_waiver *w = f->waiver;
		fputs("      <skipped message=\"", out);
		fprintf(out, "%s waived by ", rp_status_name(f->status));
		rp_xml_puts(out, w->owner ? w->owner : "?", true);
		fputs(" until ", out);
		rp_xml_puts(out, w->expires ? w->expires : "?", true);
		fputs(": ", out);
		rp_xml_puts(out, w->reason, true);
		fputs("\"/>\n      <system-out>", out);
		evidence_text(out, f, false);
		fputs("</system-out>\n", out);
	} else if (f->status == RP_ST_FAIL) {
		fputs("      <failure", out);
		message_attr(out, "", f);
		attr(out, "type", rp_severity_name(f->severity));
		fputc('>', out);
		evidence_text(out, f, true);
		fputs("</failure>\n", out);
	} else if (f->status == RP_ST_ERROR) {
		fputs("      <error", out);
		message_attr(out, "could not evaluate: ", f);
		attr(out, "type", "error");
		fputc('>', out);
		evidence_text(out, f, false);
		fputs("</error>\n", out);
	} else if (f->status == RP_ST_NA) {
		fputs("      <skipped", out);
		message_attr(out, "not applicable: ", f);
		fputs("/>\n", out);
	} else {
		fprintf(out, "      <system-out>%s: ", f->status == RP_ST_WARN ? "WARN" : "PASS");
		evidence_text(out, f, f->status == RP_ST_WARN);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

int rp_render_junit(const struct rp_report *r, const struct rp_render_opts *o, FILE *out)
{
	struct counts all = {0};
	long *home = NULL;
	int ret = RP_OK;

	(void)o;
	if (r->findings.n > 0 && (home = calloc(r->findings.n, sizeof(*home))) == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < r->findings.n; i++) {
		home[i] = rp_report_home_req(r, &r->findings.v[i]);
		count(&all, &r->findings.v[i]);
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", out);
	attr(out, "name", "rampart");
	counts_attrs(out, &all);
	fputs(">\n", out);
	/* requirements in catalogue order, then the unmapped findings (-1) */
	for (size_t step = 0; step <= r->nreqs; step++) {
		long cur = step < r->nreqs ? (long)step : -1;
		struct counts c = {0};

		for (size_t i = 0; i < r->findings.n; i++)
			if (home[i] == cur)
				count(&c, &r->findings.v[i]);
		if (c.tests == 0)
			continue;
		fputs("  <testsuite", out);
		if (cur >= 0) {
			const struct rp_req_result *q = &r->reqs[cur];
			fputs(" name=\"", out);
			rp_xml_puts(out, q->req->id, true);
			fputs(": ", out);
			rp_xml_puts(out, q->req->title, true);
			fputc('"', out);
			attr(out, "id", q->req->id);
		} else {
			attr(out, "name", "unmapped");
		}
		counts_attrs(out, &c);
		if (r->started[0] != '\0')
			attr(out, "timestamp", r->started);
		attr(out, "hostname", r->target_name ? r->target_name : "-");
		fputs(">\n    <properties>\n", out);
		fputs("      <property name=\"target-kind\"", out);
		attr(out, "value", rp_target_kind_name(r->kind));
		fputs("/>\n", out);
		if (cur >= 0) {
			const struct rp_req_result *q = &r->reqs[cur];
			fputs("      <property name=\"requirement\"", out);
			attr(out, "value", q->req->id);
			fputs("/>\n      <property name=\"level\"", out);
			attr(out, "value", q->req->level);
			fputs("/>\n      <property name=\"status\"", out);
			attr(out, "value", rp_req_status_name(q->status));
			fputs("/>\n", out);
		}
		fputs("    </properties>\n", out);
		for (size_t i = 0; i < r->findings.n; i++)
			if (home[i] == cur)
				testcase(out, r, &r->findings.v[i]);
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
	if (ferror(out))
		ret = RP_ERR_IO;
out:
	free(home);
	return ret;
}
