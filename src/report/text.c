/* The text report: the compliance matrix in catalogue order, each
 * requirement followed by the findings of the checks that cover it, and a
 * one-line summary. A finding whose check covers several requirements is
 * listed once, under the first of them that is in the catalogue, and names
 * the others ("also 6.4"); findings of checks that map to no requirement of
 * the catalogue come last, under "(no requirement)". */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "report/common.h"
#include "report/report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_MAGENTA "\033[35m"
#define C_CYAN "\033[36m"

struct text_ctx {
	const struct rp_report *r;
	const struct rp_render_opts *o;
	FILE *out;
};

static void color_on(const struct text_ctx *t, const char *c)
{
	if (t->o->color)
		fputs(c, t->out);
}

static void color_off(const struct text_ctx *t)
{
	if (t->o->color)
		fputs(C_RESET, t->out);
}

static const char *status_color(enum rp_status s)
{
	switch (s) {
	case RP_ST_FAIL: return C_RED;
	case RP_ST_WARN: return C_YELLOW;
	case RP_ST_PASS: return C_GREEN;
	case RP_ST_NA: return C_DIM;
	case RP_ST_ERROR: return C_MAGENTA;
	}
	return "";
}

static const char *status_word(enum rp_status s)
{
	switch (s) {
	case RP_ST_FAIL: return "FAIL";
	case RP_ST_WARN: return "WARN";
	case RP_ST_PASS: return "PASS";
	case RP_ST_NA: return "N/A";
	case RP_ST_ERROR: return "ERROR";
	}
	return "?";
}

static const char *req_color(enum rp_req_status s)
{
	switch (s) {
	case RP_REQ_FAIL: return C_RED;
	case RP_REQ_PARTIAL: return C_YELLOW;
	case RP_REQ_PASS: return C_GREEN;
	case RP_REQ_ATTESTED: return C_CYAN;
	case RP_REQ_NA: return C_DIM;
	case RP_REQ_NEEDS_ATTESTATION: return C_MAGENTA;
	}
	return "";
}

/* quiet mode shows only what needs action */
static bool finding_shown(const struct text_ctx *t, const struct rp_finding *f)
{
	if (!t->o->quiet)
		return true;
	if (f->waiver != NULL)
		return false;
	return f->status == RP_ST_FAIL || f->status == RP_ST_WARN || f->status == RP_ST_ERROR;
}

static void print_evidence(const struct text_ctx *t, const struct rp_evidence *e)
{
	fputs("          ", t->out);
	if (e->path != NULL) {
		rp_text_puts(t->out, e->path);
		if (e->line > 0)
			fprintf(t->out, ":%u", e->line);
		if (e->observed != NULL)
			fputs(": ", t->out);
	}
	rp_text_puts(t->out, e->observed);
	fputc('\n', t->out);
}

static void print_finding(const struct text_ctx *t, const struct rp_finding *f, long home)
{
	const struct rp_check *c = f->check;
	bool first_also = true;

	fputs("    ", t->out);
	if (f->waiver != NULL) {
		color_on(t, C_DIM);
		fprintf(t->out, "%-6s", "WAIVED");
	} else {
		color_on(t, status_color(f->status));
		fprintf(t->out, "%-6s", status_word(f->status));
	}
	color_off(t);
	fprintf(t->out, " %-8s ", rp_severity_name(f->severity));
	rp_text_puts(t->out, c->id);
	fputs("  ", t->out);
	rp_text_puts(t->out, rp_report_target(t->r, f));
	for (int k = 0; k < RP_CHECK_MAX_REQS && c->reqs[k] != NULL; k++) {
		if (home >= 0 && strcmp(c->reqs[k], t->r->reqs[home].req->id) == 0)
			continue;
		if (first_also)
			fputs(home >= 0 ? "  (also " : "  (not in the catalogue: ", t->out);
		else
			fputs(", ", t->out);
		rp_text_puts(t->out, c->reqs[k]);
		first_also = false;
	}
	if (!first_also)
		fputc(')', t->out);
	fputc('\n', t->out);
	for (size_t i = 0; i < f->nev; i++)
		print_evidence(t, &f->ev[i]);
	if (f->waiver != NULL) {
		const struct rp_waiver *w = f->waiver;
		fprintf(t->out, "          %s waived by ", rp_status_name(f->status));
		rp_text_puts(t->out, w->owner ? w->owner : "?");
		fputs(" until ", t->out);
		rp_text_puts(t->out, w->expires ? w->expires : "?");
		fputs(": ", t->out);
		rp_text_puts(t->out, w->reason);
		fputc('\n', t->out);
	} else if ((f->status == RP_ST_FAIL || f->status == RP_ST_WARN) && c->remediation != NULL &&
		   c->remediation[0] != '\0') {
		fputs("          remediation: ", t->out);
		rp_text_puts(t->out, c->remediation);
		fputc('\n', t->out);
	}
}

/* s sanitised, then spaces up to width columns (bytes; IDs are ASCII) */
static void puts_padded(const struct text_ctx *t, const char *s, size_t width)
{
	size_t n = s ? strlen(s) : 0;

	rp_text_puts(t->out, s);
	for (; n < width; n++)
		fputc(' ', t->out);
}

static void print_requirement(const struct text_ctx *t, const struct rp_req_result *q)
{
	const struct rp_requirement *req = q->req;

	color_on(t, C_BOLD);
	puts_padded(t, req->id, 5);
	color_off(t);
	fputc(' ', t->out);
	puts_padded(t, req->level, 7);
	color_on(t, req_color(q->status));
	puts_padded(t, rp_req_status_name(q->status), 18);
	color_off(t);
	rp_text_puts(t->out, req->title);
	fputc('\n', t->out);
	if (q->att != NULL && !t->o->quiet) {
		fputs("          attested by ", t->out);
		rp_text_puts(t->out, q->att->by);
		fputs(" until ", t->out);
		rp_text_puts(t->out, q->att->until);
		fputs(": ", t->out);
		rp_text_puts(t->out, q->att->evidence);
		fputc('\n', t->out);
	}
}

int rp_render_text(const struct rp_report *r, const struct rp_render_opts *o, FILE *out)
{
	static const struct rp_render_opts dflt = {0};
	struct text_ctx t = {r, o ? o : &dflt, out};
	const struct rp_summary *s = &r->summary;
	long *home = NULL;
	bool printed = false;
	int ret = RP_OK;

	if (r->findings.n > 0 && (home = calloc(r->findings.n, sizeof(*home))) == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < r->findings.n; i++)
		home[i] = rp_report_home_req(r, &r->findings.v[i]);

	if (!t.o->quiet) {
		fprintf(out, "rampart %s: %s audit of ", RAMPART_VERSION, rp_target_kind_name(r->kind));
		rp_text_puts(out, r->target_name ? r->target_name : "-");
		fprintf(out, "\nstarted %s, finished %s\n\n", r->started, r->finished);
	}
	/* requirements in catalogue order, then the unmapped group (-1) */
	for (size_t step = 0; step <= r->nreqs; step++) {
		long cur = step < r->nreqs ? (long)step : -1;
		size_t shown = 0;

		for (size_t i = 0; i < r->findings.n; i++)
			if (home[i] == cur && finding_shown(&t, &r->findings.v[i]))
				shown++;
		if (cur >= 0) {
			if (shown == 0 && t.o->quiet)
				continue;
			print_requirement(&t, &r->reqs[cur]);
			printed = true;
		} else {
			if (shown == 0)
				continue;
			color_on(&t, C_BOLD);
			fputs("(no requirement)\n", out);
			color_off(&t);
			printed = true;
		}
		for (size_t i = 0; i < r->findings.n; i++)
			if (home[i] == cur && finding_shown(&t, &r->findings.v[i]))
				print_finding(&t, &r->findings.v[i], cur);
	}
	if (printed)
		fputc('\n', out);
	fprintf(out, "%zu fail, %zu warn, %zu pass, %zu not-applicable, %zu error; %zu waived\n", s->fail,
		s->warn, s->pass, s->na, s->error, s->waived);
	if (ferror(out))
		ret = RP_ERR_IO;
out:
	free(home);
	return ret;
}
