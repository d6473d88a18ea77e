#include "report/catalog.h"

#include <jansson.h>
#include <string.h>

#include "check/registry.h"
#include "core/err.h"

static bool covers(const struct rp_check *c, const char *req)
{
	for (int i = 0; i < RP_CHECK_MAX_REQS && c->reqs[i] != NULL; i++)
		if (strcmp(c->reqs[i], req) == 0)
			return true;
	return false;
}

static int render_text(const struct rp_catalog *cat, FILE *out)
{
	const char *section = NULL;
	size_t nchecks = rp_checks_count(), covered = 0;

	for (size_t i = 0; i < cat->n; i++) {
		const struct rp_requirement *q = &cat->v[i];
		int n = 0;

		if (section == NULL || (q->section && strcmp(section, q->section) != 0)) {
			section = q->section;
			fprintf(out, "%s%s\n", i ? "\n" : "", section ? section : "");
		}
		fprintf(out, "  %-5s %-6s %-11s %s\n", q->id, q->level, rp_verification_name(q->verification),
			q->title);
		if (q->note)
			fprintf(out, "        note: %s\n", q->note);
		for (size_t k = 0; k < nchecks; k++) {
			const struct rp_check *c = rp_check_at(k);
			if (!covers(c, q->id))
				continue;
			fprintf(out, "%s%s", n++ ? ", " : "        checks: ", c->id);
		}
		if (n > 0) {
			fputc('\n', out);
			covered++;
		}
	}
	fprintf(out, "\n%zu requirements, %zu covered by at least one of %zu checks\n", cat->n, covered, nchecks);
	return ferror(out) ? RP_ERR_IO : RP_OK;
}

static int render_json(const struct rp_catalog *cat, FILE *out)
{
	json_t *root = json_object(), *reqs = json_array(), *checks = json_array();
	int ret = RP_OK;

	if (root == NULL || reqs == NULL || checks == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct rp_requirement *q = &cat->v[i];
		json_t *ids = json_array(), *e;
		for (size_t k = 0; ids && k < rp_checks_count(); k++)
			if (covers(rp_check_at(k), q->id))
				json_array_append_new(ids, json_string(rp_check_at(k)->id));
		e = json_pack("{s:s, s:s?, s:s, s:s, s:s, s:s?, s:s?, s:o*}", "id", q->id, "section", q->section,
			      "level", q->level, "title", q->title, "verification",
			      rp_verification_name(q->verification), "note", q->note, "duplicate-of",
			      q->duplicate_of, "checks", ids);
		if (e == NULL || json_array_append_new(reqs, e) != 0) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
	}
	for (size_t k = 0; k < rp_checks_count(); k++) {
		const struct rp_check *c = rp_check_at(k);
		json_t *ids = json_array(), *e;
		for (int i = 0; ids && i < RP_CHECK_MAX_REQS && c->reqs[i] != NULL; i++)
			json_array_append_new(ids, json_string(c->reqs[i]));
		e = json_pack("{s:s, s:s, s:o*, s:s, s:s, s:s}", "id", c->id, "title", c->title, "requirements",
			      ids, "severity", rp_severity_name(c->severity), "target",
			      rp_target_kind_name(c->kind), "remediation", c->remediation ? c->remediation : "");
		if (e == NULL || json_array_append_new(checks, e) != 0) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
	}
	json_object_set_new(root, "schema", json_string("rampart.catalog/1"));
	json_object_set_new(root, "requirements", reqs);
	reqs = NULL; /* transferred */
	json_object_set_new(root, "checks", checks);
	checks = NULL; /* transferred */
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', out) == EOF)
		ret = RP_ERR_IO;
out:
	json_decref(reqs);
	json_decref(checks);
	json_decref(root);
	return ret;
}

int rp_catalog_render(const struct rp_catalog *cat, const char *format, FILE *out)
{
	if (strcmp(format, "text") == 0)
		return render_text(cat, out);
	if (strcmp(format, "json") == 0)
		return render_json(cat, out);
	return RP_ERR_USAGE;
}
