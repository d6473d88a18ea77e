/* The JSON report, exactly per the contract in DESIGN.md (schema
 * "rampart.report/1"). Additive fields: finding.waiver, requirement.title,
 * requirement.attestation, summary.waived. */
#include <jansson.h>

#include "core/err.h"
#include "report/report.h"

static int set(json_t *o, const char *k, json_t *v)
{
	return v != NULL && json_object_set_new(o, k, v) == 0 ? RP_OK : RP_ERR_NOMEM;
}

static json_t *finding_json(const struct rp_finding *f)
{
	const struct rp_check *c = f->check;
	json_t *o = json_object(), *reqs = json_array(), *ev = json_array();
	int r = RP_OK;

	if (o == NULL || reqs == NULL || ev == NULL) {
		json_decref(o);
		json_decref(reqs);
		json_decref(ev);
		return NULL;
	}
	for (int i = 0; i < RP_CHECK_MAX_REQS && c->reqs[i] != NULL; i++)
		json_array_append_new(reqs, json_string(c->reqs[i]));
	for (size_t i = 0; i < f->nev; i++) {
		json_t *e = json_object();
		if (e == NULL)
			break;
		if (f->ev[i].path)
			set(e, "path", json_string(f->ev[i].path));
		if (f->ev[i].line)
			set(e, "line", json_integer(f->ev[i].line));
		if (f->ev[i].observed)
			set(e, "observed", json_string(f->ev[i].observed));
		json_array_append_new(ev, e);
	}
	r |= set(o, "check", json_string(c->id));
	r |= set(o, "title", json_string(c->title));
	r |= set(o, "requirements", reqs);
	r |= set(o, "severity", json_string(rp_severity_name(f->severity)));
	r |= set(o, "status", json_string(rp_status_name(f->status)));
	r |= set(o, "target", f->target ? json_string(f->target) : json_null());
	r |= set(o, "evidence", ev);
	r |= set(o, "remediation", json_string(c->remediation ? c->remediation : ""));
	if (f->waiver != NULL) {
		const struct rp_waiver *w = f->waiver;
		r |= set(o, "waiver", json_pack("{s:s, s:s, s:s}", "reason", w->reason, "owner", w->owner,
						"expires", w->expires));
	}
	if (r != RP_OK) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int rp_render_json(const struct rp_report *r, const struct rp_render_opts *o, FILE *out)
{
	json_t *root = json_object(), *fs = json_array(), *reqs = json_array(), *sum;
	int ret = RP_OK;

	(void)o;
	if (root == NULL || fs == NULL || reqs == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < r->findings.n; i++) {
		json_t *f = finding_json(&r->findings.v[i]);
		if (f == NULL || json_array_append_new(fs, f) != 0) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
	}
	for (size_t i = 0; i < r->nreqs; i++) {
		const struct rp_req_result *q = &r->reqs[i];
		json_t *checks = json_array(), *e;
		for (size_t k = 0; checks && k < q->checks.n; k++)
			json_array_append_new(checks, json_string(q->checks.v[k]));
		e = json_pack("{s:s, s:s, s:s, s:s, s:o*}", "id", q->req->id, "level", q->req->level,
			      "title", q->req->title, "status", rp_req_status_name(q->status), "checks", checks);
		if (e == NULL) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		if (q->att != NULL)
			set(e, "attestation", json_pack("{s:s, s:s, s:s}", "by", q->att->by, "evidence",
							 q->att->evidence, "until", q->att->until));
		json_array_append_new(reqs, e);
	}
	sum = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "fail", (json_int_t)r->summary.fail, "warn",
			(json_int_t)r->summary.warn, "pass", (json_int_t)r->summary.pass, "not-applicable",
			(json_int_t)r->summary.na, "error", (json_int_t)r->summary.error, "waived",
			(json_int_t)r->summary.waived);
	ret |= set(root, "schema", json_string("rampart.report/1"));
	ret |= set(root, "tool", json_pack("{s:s, s:s}", "name", "rampart", "version", RAMPART_VERSION));
	ret |= set(root, "target", json_pack("{s:s, s:s}", "kind", rp_target_kind_name(r->kind), "name",
					     r->target_name ? r->target_name : ""));
	ret |= set(root, "started", json_string(r->started));
	ret |= set(root, "finished", json_string(r->finished));
	ret |= set(root, "findings", fs);
	fs = NULL; /* transferred */
	ret |= set(root, "requirements", reqs);
	reqs = NULL; /* transferred */
	ret |= set(root, "summary", sum);
	if (ret != RP_OK) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', out) == EOF)
		ret = RP_ERR_IO;
out:
	json_decref(fs);
	json_decref(reqs);
	json_decref(root);
	return ret;
}
