#include "core/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/yaml.h"

extern const char rp_catalog_requirements_yaml[];
extern const size_t rp_catalog_requirements_yaml_len;

const char *rp_verification_name(enum rp_verification v)
{
	switch (v) {
	case RP_VERIFY_AUTOMATED: return "automated";
	case RP_VERIFY_PARTLY: return "partly";
	case RP_VERIFY_ATTESTATION: return "attestation";
	}
	return "unknown";
}

static void req_free(struct rp_requirement *r)
{
	free(r->id);
	free(r->section);
	free(r->level);
	free(r->title);
	free(r->note);
	free(r->duplicate_of);
}

void rp_catalog_free(struct rp_catalog *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n; i++)
		req_free(&cat->v[i]);
	free(cat->v);
	cat->v = NULL;
	cat->n = 0;
}

static int load_req(struct rp_yaml *y, yaml_node_t *m, struct rp_requirement *r)
{
	memset(r, 0, sizeof(*r));
	if (!rp_yaml_is_map(y, m, "requirements[]"))
		return RP_ERR_PARSE;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = rp_yaml_get(y, p->key), *vn = rp_yaml_get(y, p->value);
		const char *k = rp_yaml_str(y, kn, "requirements[]"), *v;
		char **slot = NULL;

		if (k == NULL || (v = rp_yaml_str(y, vn, k)) == NULL)
			continue;
		if (strcmp(k, "id") == 0)
			slot = &r->id;
		else if (strcmp(k, "section") == 0)
			slot = &r->section;
		else if (strcmp(k, "level") == 0) {
			if (strcmp(v, "MUST") != 0 && strcmp(v, "SHOULD") != 0 && strcmp(v, "MAY") != 0)
				rp_yaml_error(y, vn, k, "must be MUST, SHOULD or MAY");
			slot = &r->level;
		} else if (strcmp(k, "title") == 0)
			slot = &r->title;
		else if (strcmp(k, "note") == 0)
			slot = &r->note;
		else if (strcmp(k, "duplicate-of") == 0)
			slot = &r->duplicate_of;
		else if (strcmp(k, "verification") == 0) {
			if (strcmp(v, "automated") == 0)
				r->verification = RP_VERIFY_AUTOMATED;
			else if (strcmp(v, "partly") == 0)
				r->verification = RP_VERIFY_PARTLY;
			else if (strcmp(v, "attestation") == 0)
				r->verification = RP_VERIFY_ATTESTATION;
			else
				rp_yaml_error(y, vn, k, "must be automated, partly or attestation");
			continue;
		} else {
			rp_yaml_error(y, kn, k, "unknown key");
			continue;
		}
		free(*slot);
		if ((*slot = strdup(v)) == NULL)
			return RP_ERR_NOMEM;
	}
	if (r->id == NULL || r->level == NULL || r->title == NULL) {
		rp_yaml_error(y, m, "requirements[]", "id, level and title are required");
		return RP_ERR_PARSE;
	}
	return RP_OK;
}

int rp_catalog_load_mem(struct rp_catalog *cat, const char *name, const char *data, size_t len,
			struct rp_diag *diag)
{
	struct rp_yaml y;
	yaml_node_t *root, *list = NULL;
	int ret;

	memset(cat, 0, sizeof(*cat));
	if ((ret = rp_yaml_load(&y, name, data, len, diag)) != RP_OK)
		return ret;
	root = rp_yaml_root(&y);
	if (root == NULL || !rp_yaml_is_map(&y, root, "(top level)")) {
		ret = RP_ERR_PARSE;
		goto out;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		const char *k = rp_yaml_str(&y, rp_yaml_get(&y, p->key), "(top level)");
		if (k != NULL && strcmp(k, "requirements") == 0)
			list = rp_yaml_get(&y, p->value);
		else if (k != NULL)
			rp_yaml_error(&y, rp_yaml_get(&y, p->key), k, "unknown key");
	}
	if (list == NULL || !rp_yaml_is_seq(&y, list, "requirements")) {
		ret = RP_ERR_PARSE;
		goto out;
	}
	cat->v = calloc((size_t)(list->data.sequence.items.top - list->data.sequence.items.start) + 1,
			sizeof(*cat->v));
	if (cat->v == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		struct rp_requirement *r = &cat->v[cat->n];
		ret = load_req(&y, rp_yaml_get(&y, *it), r);
		if (ret == RP_ERR_NOMEM) {
			req_free(r);
			goto out;
		}
		if (ret != RP_OK) {
			req_free(r);
			continue;
		}
		if (rp_catalog_find(cat, r->id) != NULL) {
			rp_yaml_error(&y, rp_yaml_get(&y, *it), r->id, "duplicate requirement id");
			req_free(r);
			continue;
		}
		cat->n++;
	}
	ret = y.errors ? RP_ERR_PARSE : RP_OK;
out:
	rp_yaml_free(&y);
	if (ret != RP_OK)
		rp_catalog_free(cat);
	return ret;
}

int rp_catalog_load(struct rp_catalog *cat, struct rp_diag *diag)
{
	return rp_catalog_load_mem(cat, "catalog/requirements.yaml", rp_catalog_requirements_yaml,
				   rp_catalog_requirements_yaml_len, diag);
}

const struct rp_requirement *rp_catalog_find(const struct rp_catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->v[i].id, id) == 0)
			return &cat->v[i];
	return NULL;
}
