#include "core/runner.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/registry.h"
#include "core/err.h"

const char *rp_req_status_name(enum rp_req_status s)
{
	switch (s) {
	case RP_REQ_PASS: return "pass";
	case RP_REQ_FAIL: return "fail";
	case RP_REQ_PARTIAL: return "partial";
	case RP_REQ_NA: return "not-applicable";
	case RP_REQ_NEEDS_ATTESTATION: return "needs-attestation";
	case RP_REQ_ATTESTED: return "attested";
	}
	return "unknown";
}

void rp_now_rfc3339(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void rp_report_begin(struct rp_report *r, enum rp_target_kind kind, const char *target_name,
		     const struct rp_catalog *cat, const struct rp_policy *pol)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->target_name = rp_strdup(target_name);
	r->catalog = cat;
	r->policy = pol;
	rp_now_rfc3339(r->started);
}

void rp_report_free(struct rp_report *r)
{
	if (r == NULL)
		return;
	rp_findings_free(&r->findings);
	for (size_t i = 0; i < r->nreqs; i++)
		rp_strlist_clear(&r->reqs[i].checks);
	free(r->reqs);
	free(r->target_name);
	memset(r, 0, sizeof(*r));
}

static bool waiver_matches(const struct rp_waiver *w, const struct rp_finding *f)
{
	if (strcmp(w->check, f->check->id) != 0)
		return false;
	if (w->target == NULL)
		return true;
	return f->target != NULL && strstr(f->target, w->target) != NULL;
}

static void apply_waivers(struct rp_report *r)
{
	const struct rp_policy *pol = r->policy;

	for (size_t i = 0; i < r->findings.n; i++) {
		struct rp_finding *f = &r->findings.v[i];
		if (f->status != RP_ST_FAIL && f->status != RP_ST_WARN)
			continue;
		for (size_t j = 0; j < pol->nwaivers; j++) {
			struct rp_waiver *w = &pol->waivers[j];
			if (!w->expired && waiver_matches(w, f)) {
				f->waiver = w;
				break;
			}
		}
	}
}

static bool check_covers(const struct rp_check *c, const char *req)
{
	for (int i = 0; i < RP_CHECK_MAX_REQS && c->reqs[i] != NULL; i++)
		if (strcmp(c->reqs[i], req) == 0)
			return true;
	return false;
}

static const struct rp_attestation *find_attestation(const struct rp_policy *pol, const char *req)
{
	for (size_t i = 0; i < pol->nattest; i++)
		if (!pol->attest[i].expired && strcmp(pol->attest[i].requirement, req) == 0)
			return &pol->attest[i];
	return NULL;
}

static int build_matrix(struct rp_report *r)
{
	const struct rp_catalog *cat = r->catalog;

	r->reqs = calloc(cat->n ? cat->n : 1, sizeof(*r->reqs));
	if (r->reqs == NULL)
		return RP_ERR_NOMEM;
	r->nreqs = cat->n;
	for (size_t i = 0; i < cat->n; i++) {
		struct rp_req_result *q = &r->reqs[i];
		const struct rp_requirement *req = &cat->v[i];
		size_t nfail = 0, nweak = 0, npass = 0;

		q->req = req;
		for (size_t k = 0; k < rp_checks_count(); k++) {
			const struct rp_check *c = rp_check_at(k);
			if (check_covers(c, req->id) && rp_strlist_add(&q->checks, c->id) != RP_OK)
				return RP_ERR_NOMEM;
		}
		for (size_t k = 0; k < r->findings.n; k++) {
			const struct rp_finding *f = &r->findings.v[k];
			if (!check_covers(f->check, req->id))
				continue;
			if (f->waiver != NULL)
				nweak++;
			else if (f->status == RP_ST_FAIL)
				nfail++;
			else if (f->status == RP_ST_WARN || f->status == RP_ST_ERROR)
				nweak++;
			else if (f->status == RP_ST_PASS)
				npass++;
		}
		q->att = find_attestation(r->policy, req->id);
		if (nfail > 0)
			q->status = RP_REQ_FAIL;
		else if (q->att != NULL)
			q->status = RP_REQ_ATTESTED;
		else if (nweak > 0)
			q->status = RP_REQ_PARTIAL;
		else if (npass > 0)
			q->status = req->verification == RP_VERIFY_AUTOMATED ? RP_REQ_PASS : RP_REQ_PARTIAL;
		else if (req->verification == RP_VERIFY_AUTOMATED)
			q->status = RP_REQ_NA;
		else
			q->status = RP_REQ_NEEDS_ATTESTATION;
	}
	/* A requirement that repeats another one takes its status. */
	for (size_t i = 0; i < r->nreqs; i++) {
		const char *dup = r->reqs[i].req->duplicate_of;
		for (size_t j = 0; dup != NULL && j < r->nreqs; j++)
			if (strcmp(r->reqs[j].req->id, dup) == 0)
				r->reqs[i].status = r->reqs[j].status;
	}
	return RP_OK;
}

int rp_report_run(struct rp_report *r, const void *facts)
{
	const struct rp_policy *pol = r->policy;
	struct rp_emit em = {.out = &r->findings, .err = RP_OK};
	int ret;

	for (size_t k = 0; k < rp_checks_count(); k++) {
		const struct rp_check *c = rp_check_at(k);
		size_t first = r->findings.n;

		if ((c->kind != r->kind && c->kind != RP_TARGET_ANY) || !rp_policy_selects(pol, c->id))
			continue;
		em.check = c;
		c->fn(facts, pol, &em);
		if (em.err != RP_OK)
			return em.err;
		for (size_t i = first; i < r->findings.n; i++) {
			struct rp_finding *f = &r->findings.v[i];
			/* a check may lower or raise a finding's severity; an
			 * override in the config wins over both */
			f->severity = (enum rp_severity)rp_policy_severity(pol, c->id, (int)f->severity);
		}
	}
	apply_waivers(r);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct rp_finding *f = &r->findings.v[i];
		if (f->waiver != NULL) {
			r->summary.waived++;
			continue;
		}
		switch (f->status) {
		case RP_ST_FAIL:
			r->summary.fail++;
			if (pol->fail_on >= 0 && (int)f->severity >= pol->fail_on)
				r->exit_status = 1;
			break;
		case RP_ST_WARN: r->summary.warn++; break;
		case RP_ST_PASS: r->summary.pass++; break;
		case RP_ST_NA: r->summary.na++; break;
		case RP_ST_ERROR: r->summary.error++; break;
		}
	}
	if ((ret = build_matrix(r)) != RP_OK)
		return ret;
	rp_now_rfc3339(r->finished);
	return RP_OK;
}

static bool id_known(const char *pattern, bool prefix_ok)
{
	size_t n = strlen(pattern);

	if (prefix_ok && n > 0 && pattern[n - 1] == '.') {
		for (size_t k = 0; k < rp_checks_count(); k++)
			if (strncmp(rp_check_at(k)->id, pattern, n) == 0)
				return true;
		return false;
	}
	return rp_check_find(pattern) != NULL;
}

int rp_policy_check_ids(const struct rp_policy *pol, const struct rp_catalog *cat, struct rp_diag *diag)
{
	const char *src = pol->source ? pol->source : "configuration";
	int ret = RP_OK;

	for (size_t i = 0; i < pol->nwaivers; i++)
		if (!id_known(pol->waivers[i].check, false)) {
			rp_diag_add(diag, src, pol->waivers[i].line, "waivers: unknown check '%s'",
				    pol->waivers[i].check);
			ret = RP_ERR_CONFIG;
		}
	for (size_t i = 0; i < pol->nsev; i++)
		if (!id_known(pol->sev[i].check, false)) {
			rp_diag_add(diag, src, 0, "checks.severity: unknown check '%s'", pol->sev[i].check);
			ret = RP_ERR_CONFIG;
		}
	for (size_t i = 0; i < pol->only.n; i++)
		if (!id_known(pol->only.v[i], true)) {
			rp_diag_add(diag, src, 0, "only: unknown check '%s' (a prefix ends with '.')", pol->only.v[i]);
			ret = RP_ERR_CONFIG;
		}
	for (size_t i = 0; i < pol->skip.n; i++)
		if (!id_known(pol->skip.v[i], true)) {
			rp_diag_add(diag, src, 0, "skip: unknown check '%s' (a prefix ends with '.')", pol->skip.v[i]);
			ret = RP_ERR_CONFIG;
		}
	for (size_t i = 0; i < pol->nattest; i++)
		if (rp_catalog_find(cat, pol->attest[i].requirement) == NULL) {
			rp_diag_add(diag, src, pol->attest[i].line, "attestations: unknown requirement '%s'",
				    pol->attest[i].requirement);
			ret = RP_ERR_CONFIG;
		}
	return ret;
}
