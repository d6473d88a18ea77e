/* The HTML report: one self-contained page for auditors (inline CSS, no
 * script, no external resource, and a Content-Security-Policy that forbids
 * both should anything slip through). It shows the run, the summary, the
 * compliance matrix, the findings that need action grouped by severity,
 * waived findings, attested requirements, and the evidence of what passed.
 * Every string from the report is HTML-escaped: findings quote audited files. */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "report/common.h"
#include "report/report.h"

static const char css[] =
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2330;"
	"background:#f6f7f9}\n"
	"header,main,footer{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}\n"
	"header{background:#1d2330;color:#fff;max-width:none}\n"
	"header h1{margin:.2rem 0 .6rem;font-size:1.5rem}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 .8rem}\n"
	"dl.meta dt{color:#aab3c5}dl.meta dd{margin:0;word-break:break-all}\n"
	"ul.summary{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
	"h2{border-bottom:2px solid #d5d9e0;padding-bottom:.2rem;margin-top:2rem}\n"
	"table{border-collapse:collapse;width:100%;background:#fff}\n"
	"th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
	"th{background:#eceff3}\n"
	"code{font:12px/1.4 ui-monospace,'DejaVu Sans Mono',monospace;word-break:break-all}\n"
	".b{display:inline-block;border-radius:.7rem;padding:0 .55rem;font-size:12px;font-weight:600;"
	"color:#fff;background:#6b7280;white-space:nowrap}\n"
	".b.fail,.b.critical{background:#b91c1c}.b.high{background:#dc2626}.b.medium{background:#d97706}"
	".b.low{background:#2563eb}.b.info{background:#6b7280}\n"
	".b.warn,.b.partial{background:#b45309}.b.pass{background:#15803d}.b.error{background:#a21caf}"
	".b.not-applicable{background:#9ca3af}.b.needs-attestation{background:#7c3aed}"
	".b.attested{background:#0e7490}.b.waived{background:#475569}\n"
	"article.finding{background:#fff;border:1px solid #d5d9e0;border-left:5px solid #6b7280;"
	"margin:.6rem 0;padding:.5rem .8rem}\n"
	"article.fail{border-left-color:#b91c1c}article.warn{border-left-color:#b45309}"
	"article.error{border-left-color:#a21caf}article.pass{border-left-color:#15803d}\n"
	"article h4{margin:.1rem 0 .3rem;font-size:14px}\n"
	"ul.ev{margin:.2rem 0;padding-left:1.2rem}ul.ev li{margin:.1rem 0}\n"
	".ev .obs{white-space:pre-wrap;word-break:break-word}\n"
	"p{margin:.25rem 0}.muted{color:#6b7280}\n"
	"details summary{cursor:pointer;font-weight:600;margin:.4rem 0}\n";

static void esc(FILE *out, const char *s)
{
	rp_xml_puts(out, s, false);
}

static void badge(FILE *out, const char *cls, const char *text)
{
	fputs("<span class=\"b ", out);
	rp_xml_puts(out, cls, true);
	fputs("\">", out);
	esc(out, text);
	fputs("</span>", out);
}

static void finding_reqs(FILE *out, const struct rp_check *c)
{
	for (int k = 0; k < RP_CHECK_MAX_REQS && c->reqs[k] != NULL; k++) {
		fputs(k == 0 ? " &middot; requirement " : ", ", out);
		esc(out, c->reqs[k]);
	}
}

static void finding(FILE *out, const struct rp_report *r, const struct rp_finding *f)
{
	const struct rp_check *c = f->check;
	const char *st = rp_status_name(f->status);

	fprintf(out, "<article class=\"finding %s\">\n<h4>", f->waiver ? "waived" : st);
	badge(out, f->waiver ? "waived" : st, f->waiver ? "waived" : st);
	fputc(' ', out);
	badge(out, rp_severity_name(f->severity), rp_severity_name(f->severity));
	fputs(" <code>", out);
	esc(out, c->id);
	fputs("</code> ", out);
	esc(out, rp_report_target(r, f));
	fputs("</h4>\n<p>", out);
	esc(out, c->title);
	fputs("<span class=\"muted\">", out);
	finding_reqs(out, c);
	fputs("</span></p>\n", out);
	if (f->nev > 0) {
		fputs("<ul class=\"ev\">\n", out);
		for (size_t i = 0; i < f->nev; i++) {
			const struct rp_evidence *e = &f->ev[i];
			fputs("<li>", out);
			if (e->path != NULL) {
				fputs("<code>", out);
				esc(out, e->path);
				if (e->line > 0)
					fprintf(out, ":%u", e->line);
				fputs("</code> ", out);
			}
			fputs("<span class=\"obs\">", out);
			esc(out, e->observed);
			fputs("</span></li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	if (f->waiver != NULL) {
		const struct rp_waiver *w = f->waiver;
		fprintf(out, "<p><strong>%s waived</strong> by ", st);
		esc(out, w->owner ? w->owner : "?");
		fputs(" until ", out);
		esc(out, w->expires ? w->expires : "?");
		fputs(": ", out);
		esc(out, w->reason);
		fputs("</p>\n", out);
	} else if ((f->status == RP_ST_FAIL || f->status == RP_ST_WARN) && c->remediation != NULL) {
		fputs("<p><strong>Remediation:</strong> ", out);
		esc(out, c->remediation);
		fputs("</p>\n", out);
	}
	fputs("</article>\n", out);
}

static void header(FILE *out, const struct rp_report *r)
{
	const struct rp_summary *s = &r->summary;
	const char *kind = rp_target_kind_name(r->kind);
	const char *name = r->target_name ? r->target_name : "-";

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", out);
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'\">\n",
	      out);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
	fprintf(out, "<meta name=\"generator\" content=\"rampart %s\">\n<title>rampart: %s audit of ",
		RAMPART_VERSION, kind);
	esc(out, name);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n", css);
	fprintf(out, "<h1>rampart: %s audit</h1>\n<dl class=\"meta\">\n<dt>Target</dt><dd>", kind);
	esc(out, name);
	fprintf(out, "</dd>\n<dt>Kind</dt><dd>%s</dd>\n", kind);
	fputs("<dt>Started</dt><dd>", out);
	esc(out, r->started);
	fputs("</dd>\n<dt>Finished</dt><dd>", out);
	esc(out, r->finished);
	fprintf(out, "</dd>\n<dt>Tool</dt><dd>rampart %s</dd>\n</dl>\n<ul class=\"summary\">\n", RAMPART_VERSION);
	fprintf(out, "<li><span class=\"b fail\">%zu fail</span></li>\n", s->fail);
	fprintf(out, "<li><span class=\"b warn\">%zu warn</span></li>\n", s->warn);
	fprintf(out, "<li><span class=\"b pass\">%zu pass</span></li>\n", s->pass);
	fprintf(out, "<li><span class=\"b not-applicable\">%zu not-applicable</span></li>\n", s->na);
	fprintf(out, "<li><span class=\"b error\">%zu error</span></li>\n", s->error);
	fprintf(out, "<li><span class=\"b waived\">%zu waived</span></li>\n", s->waived);
	fputs("</ul>\n</header>\n<main>\n", out);
}

static void matrix(FILE *out, const struct rp_report *r)
{
	fputs("<section id=\"matrix\">\n<h2>Compliance matrix</h2>\n", out);
	if (r->nreqs == 0) {
		fputs("<p class=\"muted\">No requirements.</p>\n</section>\n", out);
		return;
	}
	fputs("<table>\n<thead><tr><th>ID</th><th>Level</th><th>Requirement</th><th>Status</th>"
	      "<th>Checks</th></tr></thead>\n<tbody>\n",
	      out);
	for (size_t i = 0; i < r->nreqs; i++) {
		const struct rp_req_result *q = &r->reqs[i];
		const char *st = rp_req_status_name(q->status);

		fputs("<tr id=\"req-", out);
		rp_xml_puts(out, q->req->id, true);
		fputs("\"><td>", out);
		esc(out, q->req->id);
		fputs("</td><td>", out);
		esc(out, q->req->level);
		fputs("</td><td>", out);
		esc(out, q->req->title);
		fputs("</td><td>", out);
		badge(out, st, st);
		fputs("</td><td>", out);
		for (size_t k = 0; k < q->checks.n; k++) {
			fputs(k ? " <code>" : "<code>", out);
			esc(out, q->checks.v[k]);
			fputs("</code>", out);
		}
		if (q->checks.n == 0)
			fputs("<span class=\"muted\">attestation</span>", out);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static bool needs_action(const struct rp_finding *f)
{
	return f->waiver == NULL &&
	       (f->status == RP_ST_FAIL || f->status == RP_ST_WARN || f->status == RP_ST_ERROR);
}

static void findings_by_severity(FILE *out, const struct rp_report *r)
{
	static const enum rp_status order[] = {RP_ST_FAIL, RP_ST_ERROR, RP_ST_WARN};
	size_t total = 0;

	fputs("<section id=\"findings\">\n<h2>Findings that need action</h2>\n", out);
	for (int sev = RP_SEV_CRITICAL; sev >= RP_SEV_INFO; sev--) {
		size_t n = 0;

		for (size_t i = 0; i < r->findings.n; i++)
			if (needs_action(&r->findings.v[i]) && (int)r->findings.v[i].severity == sev)
				n++;
		if (n == 0)
			continue;
		total += n;
		fprintf(out, "<h3 id=\"sev-%s\">", rp_severity_name((enum rp_severity)sev));
		badge(out, rp_severity_name((enum rp_severity)sev), rp_severity_name((enum rp_severity)sev));
		fprintf(out, " %zu finding%s</h3>\n", n, n == 1 ? "" : "s");
		for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
			for (size_t i = 0; i < r->findings.n; i++) {
				const struct rp_finding *f = &r->findings.v[i];
				if (needs_action(f) && (int)f->severity == sev && f->status == order[k])
					finding(out, r, f);
			}
	}
	if (total == 0)
		fputs("<p class=\"muted\">None.</p>\n", out);
	fputs("</section>\n", out);
}

static void waived(FILE *out, const struct rp_report *r)
{
	fputs("<section id=\"waived\">\n<h2>Waived findings</h2>\n", out);
	if (r->summary.waived == 0)
		fputs("<p class=\"muted\">None.</p>\n", out);
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].waiver != NULL)
			finding(out, r, &r->findings.v[i]);
	fputs("</section>\n", out);
}

static void attested(FILE *out, const struct rp_report *r)
{
	size_t n = 0;

	fputs("<section id=\"attested\">\n<h2>Attested requirements</h2>\n", out);
	for (size_t i = 0; i < r->nreqs; i++) {
		const struct rp_req_result *q = &r->reqs[i];
		if (q->att == NULL)
			continue;
		if (n++ == 0)
			fputs("<table>\n<thead><tr><th>ID</th><th>Requirement</th><th>Attested by</th>"
			      "<th>Evidence</th><th>Until</th></tr></thead>\n<tbody>\n",
			      out);
		fputs("<tr><td>", out);
		esc(out, q->req->id);
		fputs("</td><td>", out);
		esc(out, q->req->title);
		fputs("</td><td>", out);
		esc(out, q->att->by);
		fputs("</td><td>", out);
		esc(out, q->att->evidence);
		fputs("</td><td>", out);
		esc(out, q->att->until);
		fputs("</td></tr>\n", out);
	}
	if (n > 0)
		fputs("</tbody>\n</table>\n", out);
	else
		fputs("<p class=\"muted\">None.</p>\n", out);
	fputs("</section>\n", out);
}

static void held(FILE *out, const struct rp_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].waiver == NULL &&
		    (r->findings.v[i].status == RP_ST_PASS || r->findings.v[i].status == RP_ST_NA))
			n++;
	fputs("<section id=\"passed\">\n<h2>Passed and not applicable</h2>\n", out);
	if (n == 0) {
		fputs("<p class=\"muted\">None.</p>\n</section>\n", out);
		return;
	}
	fprintf(out, "<details>\n<summary>%zu finding%s with the evidence of what held</summary>\n", n,
		n == 1 ? "" : "s");
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct rp_finding *f = &r->findings.v[i];
		if (f->waiver == NULL && (f->status == RP_ST_PASS || f->status == RP_ST_NA))
			finding(out, r, f);
	}
	fputs("</details>\n</section>\n", out);
}

int rp_render_html(const struct rp_report *r, const struct rp_render_opts *o, FILE *out)
{
	(void)o;
	header(out, r);
	matrix(out, r);
	findings_by_severity(out, r);
	waived(out, r);
	attested(out, r);
	held(out, r);
	fprintf(out, "</main>\n<footer class=\"muted\">Generated by rampart %s.</footer>\n</body>\n</html>\n",
		RAMPART_VERSION);
	return ferror(out) ? RP_ERR_IO : RP_OK;
}
