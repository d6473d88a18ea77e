/* The SARIF 2.1.0 report (docs/report-formats.md): one run; one rule per
 * check that has findings; one result per finding that needs attention
 * (fail, warn, error), waived ones with an external suppression. Evidence
 * paths are inside the audited root, so they are relative URIs against the
 * uriBaseId "ROOT", which originalUriBaseIds resolves when the root is known. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "report/common.h"
#include "report/report.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define MSG_MAX 16384

/* Takes v into o[k]; any failure (v NULL included) sets *err. */
static void put(json_t *o, const char *k, json_t *v, int *err)
{
	if (json_object_set_new(o, k, v) != 0)
		*err = RP_ERR_NOMEM;
}

static void push(json_t *a, json_t *v, int *err)
{
	if (json_array_append_new(a, v) != 0)
		*err = RP_ERR_NOMEM;
}

/* A JSON string of untrusted text; jansson refuses invalid UTF-8. */
static json_t *jstr(const char *s)
{
	char *v = rp_utf8_dup_valid(s ? s : "");
	json_t *j;

	if (v == NULL)
		return NULL;
	j = json_string(v);
	free(v);
	return j;
}

static json_t *msg(const char *text)
{
	json_t *m = json_object();
	int err = RP_OK;

	put(m, "text", jstr(text), &err);
	if (err != RP_OK) {
		json_decref(m);
		return NULL;
	}
	return m;
}

static const char *sev_level(enum rp_severity s)
{
	switch (s) {
	case RP_SEV_CRITICAL:
	case RP_SEV_HIGH: return "error";
	case RP_SEV_MEDIUM: return "warning";
	case RP_SEV_LOW:
	case RP_SEV_INFO: return "note";
	}
	return "warning";
}

/* GitHub code scanning ranks security results by this CVSS-like score. */
static const char *sev_score(enum rp_severity s)
{
	switch (s) {
	case RP_SEV_CRITICAL: return "9.5";
	case RP_SEV_HIGH: return "8.0";
	case RP_SEV_MEDIUM: return "5.5";
	case RP_SEV_LOW: return "3.0";
	case RP_SEV_INFO: return "0.0";
	}
	return "5.5";
}

/* Appends s percent-encoded as a URI path: unreserved characters,
 * sub-delims, '@' and '/' stay, everything else (':' too, so that a
 * relative reference never reads as a scheme) becomes %XX. */
static int uri_path_add(struct rp_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int r = RP_OK;

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0' && r == RP_OK; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~!$&'()*+,;=@/", *p) != NULL) {
			r = rp_buf_addc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			r = rp_buf_add(b, e, 3);
		}
	}
	return r;
}

/* The artifactLocation of an evidence path: a URL stays as it is (web
 * audits), a path becomes a relative URI against ROOT. */
static json_t *artifact_location(const char *path)
{
	json_t *a = json_object();
	struct rp_buf b;
	int err = RP_OK;

	rp_buf_init(&b, 3 * 4096 + 16);
	if (strstr(path, "://") != NULL && strncmp(path, "file://", 7) != 0) {
		put(a, "uri", jstr(path), &err);
	} else {
		while (*path == '/')
			path++;
		if (uri_path_add(&b, path) != RP_OK || rp_buf_add(&b, "", 0) != RP_OK)
			err = RP_ERR_NOMEM;
		put(a, "uri", json_string(b.data ? b.data : ""), &err);
		put(a, "uriBaseId", json_string("ROOT"), &err);
	}
	rp_buf_free(&b);
	if (err != RP_OK) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/* The file: URI of the audited root when the report knows it: a host audit
 * names its --root (absolute), or the live host's name, whose root is "/". */
static json_t *root_uri(const struct rp_report *r)
{
	const char *root;
	struct rp_buf b;
	json_t *o = NULL;
	int err = RP_OK;

	if (r->kind != RP_TARGET_HOST)
		return NULL;
	root = r->target_name != NULL && r->target_name[0] == '/' ? r->target_name : "/";
	rp_buf_init(&b, 3 * 4096 + 16);
	if (rp_buf_adds(&b, "file://") != RP_OK || uri_path_add(&b, root) != RP_OK ||
	    (b.data[b.len - 1] != '/' && rp_buf_addc(&b, '/') != RP_OK))
		goto out;
	o = json_object();
	put(o, "uri", json_string(b.data), &err);
	if (err != RP_OK) {
		json_decref(o);
		o = NULL;
	}
out:
	rp_buf_free(&b);
	return o;
}

static const struct rp_requirement *find_req(const struct rp_report *r, const char *id)
{
	for (size_t i = 0; i < r->nreqs; i++)
		if (r->reqs[i].req != NULL && strcmp(r->reqs[i].req->id, id) == 0)
			return r->reqs[i].req;
	return NULL;
}

static json_t *rule_json(const struct rp_report *r, const struct rp_check *c)
{
	json_t *o = json_object(), *props = json_object(), *reqs = json_array(), *tags = json_array();
	json_t *cfg = json_object();
	struct rp_buf full;
	int err = RP_OK;

	rp_buf_init(&full, MSG_MAX);
	if (o == NULL || props == NULL || reqs == NULL || tags == NULL || cfg == NULL)
		err = RP_ERR_NOMEM;
	push(tags, json_string("security"), &err);
	if (rp_buf_adds(&full, c->title ? c->title : c->id) == RP_ERR_NOMEM)
		err = RP_ERR_NOMEM;
	for (int k = 0; k < RP_CHECK_MAX_REQS && c->reqs[k] != NULL; k++) {
		const struct rp_requirement *req = find_req(r, c->reqs[k]);
		bool dup = false;
		char *tag;

		for (int j = 0; j < k; j++)
			dup = dup || strcmp(c->reqs[j], c->reqs[k]) == 0;
		if (dup) /* tags must be unique */
			continue;
		push(reqs, jstr(c->reqs[k]), &err);
		tag = rp_asprintf("requirement:%s", c->reqs[k]);
		push(tags, jstr(tag), &err);
		free(tag);
		if (rp_buf_addf(&full, "%s requirement %s", k == 0 ? ". Covers" : ";", c->reqs[k]) ==
		    RP_ERR_NOMEM)
			err = RP_ERR_NOMEM;
		if (req != NULL && rp_buf_addf(&full, " (%s): %s", req->level ? req->level : "?",
					       req->title ? req->title : "") == RP_ERR_NOMEM)
			err = RP_ERR_NOMEM;
	}
	if (rp_buf_add(&full, "", 0) == RP_ERR_NOMEM)
		err = RP_ERR_NOMEM;
	put(o, "id", jstr(c->id), &err);
	put(o, "name", jstr(c->id), &err);
	put(o, "shortDescription", msg(c->title ? c->title : c->id), &err);
	put(o, "fullDescription", msg(full.data ? full.data : ""), &err);
	if (c->remediation != NULL)
		put(o, "help", msg(c->remediation), &err);
	put(cfg, "level", json_string(sev_level(c->severity)), &err);
	put(o, "defaultConfiguration", cfg, &err);
	cfg = NULL; /* transferred */
	put(props, "requirements", reqs, &err);
	reqs = NULL; /* transferred */
	put(props, "tags", tags, &err);
	tags = NULL; /* transferred */
	put(props, "severity", json_string(rp_severity_name(c->severity)), &err);
	put(props, "security-severity", json_string(sev_score(c->severity)), &err);
	put(o, "properties", props, &err);
	props = NULL; /* transferred */
	rp_buf_free(&full);
	json_decref(cfg);
	json_decref(reqs);
	json_decref(tags);
	json_decref(props);
	if (err != RP_OK) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static char *result_text(const struct rp_report *r, const struct rp_finding *f)
{
	const struct rp_check *c = f->check;
	struct rp_buf b;
	bool first = true;

	rp_buf_init(&b, MSG_MAX);
	if (rp_buf_addf(&b, "%s (%s): %s", c->title ? c->title : c->id, rp_report_target(r, f),
			rp_status_name(f->status)) == RP_ERR_NOMEM)
		goto fail;
	for (size_t i = 0; i < f->nev; i++) {
		const struct rp_evidence *e = &f->ev[i];
		int ret;

		if (e->observed == NULL)
			continue;
		ret = rp_buf_addf(&b, "%s%s", first ? ": " : "; ", e->observed);
		if (ret == RP_ERR_NOMEM)
			goto fail;
		if (ret != RP_OK) /* over MSG_MAX: the locations still list all */
			break;
		first = false;
	}
	if (rp_buf_add(&b, "", 0) != RP_OK && b.data == NULL)
		goto fail;
	return rp_buf_take(&b);
fail:
	rp_buf_free(&b);
	return NULL;
}

static json_t *locations_json(const struct rp_report *r, const struct rp_finding *f)
{
	json_t *locs = json_array();
	int err = RP_OK;

	for (size_t i = 0; i < f->nev && err == RP_OK; i++) {
		const struct rp_evidence *e = &f->ev[i];
		json_t *loc, *phys;

		if (e->path == NULL)
			continue;
		loc = json_object();
		phys = json_object();
		put(phys, "artifactLocation", artifact_location(e->path), &err);
		if (e->line > 0)
			put(phys, "region", json_pack("{s:I}", "startLine", (json_int_t)e->line), &err);
		put(loc, "physicalLocation", phys, &err);
		if (e->observed != NULL)
			put(loc, "message", msg(e->observed), &err);
		push(locs, loc, &err);
	}
	if (err == RP_OK && json_array_size(locs) == 0) {
		/* no file: name what the finding is about */
		json_t *ll = json_pack("{s:o, s:s}", "name", jstr(rp_report_target(r, f)), "kind", "resource");
		push(locs, json_pack("{s:[o]}", "logicalLocations", ll), &err);
	}
	if (err != RP_OK) {
		json_decref(locs);
		return NULL;
	}
	return locs;
}

static json_t *result_json(const struct rp_report *r, const struct rp_finding *f, size_t rule_index)
{
	const struct rp_check *c = f->check;
	json_t *o = json_object(), *props = json_object(), *reqs = json_array();
	char *text = result_text(r, f), *fp = rp_asprintf("%s|%s", c->id, rp_report_target(r, f));
	int err = RP_OK;

	if (o == NULL || props == NULL || reqs == NULL || text == NULL || fp == NULL)
		err = RP_ERR_NOMEM;
	put(o, "ruleId", jstr(c->id), &err);
	put(o, "ruleIndex", json_integer((json_int_t)rule_index), &err);
	if (f->status == RP_ST_ERROR) {
		/* the check could not decide: a human must look; SARIF wants
		 * level "none" for any kind but "fail" */
		put(o, "kind", json_string("review"), &err);
		put(o, "level", json_string("none"), &err);
	} else {
		const char *lvl = sev_level(f->severity);
		if (f->status == RP_ST_WARN && strcmp(lvl, "error") == 0)
			lvl = "warning";
		put(o, "kind", json_string("fail"), &err);
		put(o, "level", json_string(lvl), &err);
	}
	put(o, "message", msg(text), &err);
	put(o, "locations", locations_json(r, f), &err);
	put(o, "partialFingerprints", json_pack("{s:o}", "rampartFinding/v1", jstr(fp)), &err);
	if (f->waiver != NULL) {
		const struct rp_waiver *w = f->waiver;
		json_t *sp = json_object(), *wp = json_object();
		put(sp, "kind", json_string("external"), &err);
		put(sp, "state", json_string("accepted"), &err);
		put(sp, "justification", jstr(w->reason), &err);
		put(wp, "owner", jstr(w->owner), &err);
		put(wp, "expires", jstr(w->expires), &err);
		put(sp, "properties", wp, &err);
		put(o, "suppressions", json_pack("[o]", sp), &err);
	}
	for (int k = 0; k < RP_CHECK_MAX_REQS && c->reqs[k] != NULL; k++)
		push(reqs, jstr(c->reqs[k]), &err);
	put(props, "status", json_string(rp_status_name(f->status)), &err);
	put(props, "severity", json_string(rp_severity_name(f->severity)), &err);
	put(props, "target", jstr(rp_report_target(r, f)), &err);
	put(props, "requirements", reqs, &err);
	reqs = NULL; /* transferred */
	put(o, "properties", props, &err);
	props = NULL; /* transferred */
	free(text);
	free(fp);
	json_decref(reqs);
	json_decref(props);
	if (err != RP_OK) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *invocation_json(const struct rp_report *r, const struct rp_check **rules, size_t nrules)
{
	json_t *inv = json_object(), *notes = json_array();
	int err = RP_OK;

	put(inv, "executionSuccessful", json_true(), &err);
	if (r->started[0] != '\0')
		put(inv, "startTimeUtc", json_string(r->started), &err);
	if (r->finished[0] != '\0')
		put(inv, "endTimeUtc", json_string(r->finished), &err);
	/* a check that could not read its input is also a tool notification */
	for (size_t i = 0; i < r->findings.n && err == RP_OK; i++) {
		const struct rp_finding *f = &r->findings.v[i];
		size_t k = 0;
		char *text;
		json_t *n;

		if (f->status != RP_ST_ERROR)
			continue;
		while (k < nrules && rules[k] != f->check)
			k++;
		text = result_text(r, f);
		n = json_object();
		put(n, "level", json_string("error"), &err);
		put(n, "message", msg(text), &err);
		put(n, "associatedRule", json_pack("{s:o, s:I}", "id", jstr(f->check->id), "index", (json_int_t)k),
		    &err);
		push(notes, n, &err);
		free(text);
	}
	if (json_array_size(notes) > 0)
		put(inv, "toolExecutionNotifications", notes, &err);
	else
		json_decref(notes);
	if (err != RP_OK) {
		json_decref(inv);
		return NULL;
	}
	return inv;
}

static json_t *run_properties(const struct rp_report *r)
{
	const struct rp_summary *s = &r->summary;
	json_t *p = json_object(), *reqs = json_array();
	int err = RP_OK;

	for (size_t i = 0; i < r->nreqs && err == RP_OK; i++) {
		const struct rp_req_result *q = &r->reqs[i];
		push(reqs,
		     json_pack("{s:o, s:o, s:s}", "id", jstr(q->req->id), "level", jstr(q->req->level), "status",
			       rp_req_status_name(q->status)),
		     &err);
	}
	put(p, "target",
	    json_pack("{s:s, s:o}", "kind", rp_target_kind_name(r->kind), "name",
		      jstr(r->target_name ? r->target_name : "")),
	    &err);
	put(p, "summary",
	    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "fail", (json_int_t)s->fail, "warn", (json_int_t)s->warn,
		      "pass", (json_int_t)s->pass, "not-applicable", (json_int_t)s->na, "error",
		      (json_int_t)s->error, "waived", (json_int_t)s->waived),
	    &err);
	put(p, "requirements", reqs, &err);
	if (err != RP_OK) {
		json_decref(p);
		return NULL;
	}
	return p;
}

int rp_render_sarif(const struct rp_report *r, const struct rp_render_opts *o, FILE *out)
{
	const struct rp_check **rules = NULL;
	size_t nrules = 0;
	json_t *root = NULL, *run = NULL, *driver = NULL, *jrules = NULL, *results = NULL, *base;
	int err = RP_OK;

	(void)o;
	if (r->findings.n > 0 && (rules = calloc(r->findings.n, sizeof(*rules))) == NULL) {
		err = RP_ERR_NOMEM;
		goto out;
	}
	root = json_object();
	run = json_object();
	driver = json_object();
	jrules = json_array();
	results = json_array();
	if (root == NULL || run == NULL || driver == NULL || jrules == NULL || results == NULL) {
		err = RP_ERR_NOMEM;
		goto out;
	}
	/* one rule per check that has findings, in order of first finding */
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct rp_check *c = r->findings.v[i].check;
		size_t k = 0;

		while (k < nrules && rules[k] != c)
			k++;
		if (k == nrules) {
			rules[nrules++] = c;
			push(jrules, rule_json(r, c), &err);
		}
	}
	for (size_t i = 0; i < r->findings.n && err == RP_OK; i++) {
		const struct rp_finding *f = &r->findings.v[i];
		size_t k = 0;

		if (f->status != RP_ST_FAIL && f->status != RP_ST_WARN && f->status != RP_ST_ERROR)
			continue;
		while (k < nrules && rules[k] != f->check)
			k++;
		push(results, result_json(r, f, k), &err);
	}
	if (err != RP_OK)
		goto out;

	put(driver, "name", json_string("rampart"), &err);
	put(driver, "version", json_string(RAMPART_VERSION), &err);
	put(driver, "semanticVersion", json_string(RAMPART_VERSION), &err);
	put(driver, "rules", jrules, &err);
	jrules = NULL; /* transferred */
	put(run, "tool", json_pack("{s:o}", "driver", driver), &err);
	driver = NULL; /* transferred */
	put(run, "invocations", json_pack("[o]", invocation_json(r, rules, nrules)), &err);
	if ((base = root_uri(r)) != NULL)
		put(run, "originalUriBaseIds", json_pack("{s:o}", "ROOT", base), &err);
	put(run, "results", results, &err);
	results = NULL; /* transferred */
	put(run, "properties", run_properties(r), &err);
	put(root, "$schema", json_string(SARIF_SCHEMA), &err);
	put(root, "version", json_string("2.1.0"), &err);
	put(root, "runs", json_pack("[o]", run), &err);
	run = NULL; /* transferred */
	if (err != RP_OK)
		goto out;
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', out) == EOF ||
	    ferror(out))
		err = RP_ERR_IO;
out:
	free(rules);
	json_decref(jrules);
	json_decref(results);
	json_decref(driver);
	json_decref(run);
	json_decref(root);
	return err;
}
