/* The runner: applies the selected checks of one target kind to the facts,
 * applies waivers, and joins findings with the catalogue into the
 * requirement matrix. It computes all policy outcomes; renderers only print. */
#ifndef RP_RUNNER_H
#define RP_RUNNER_H

#include <stdbool.h>

#include "core/catalog.h"
#include "core/config.h"
#include "core/model.h"

enum rp_req_status {
	RP_REQ_PASS,
	RP_REQ_FAIL,
	RP_REQ_PARTIAL,
	RP_REQ_NA,
	RP_REQ_NEEDS_ATTESTATION,
	RP_REQ_ATTESTED,
};

const char *rp_req_status_name(enum rp_req_status s);

struct rp_req_result {
	const struct rp_requirement *req;
	enum rp_req_status status;
	struct rp_strlist checks;         /* IDs of the checks that cover it (all, not only run) */
	const struct rp_attestation *att; /* the valid attestation, if any */
};

struct rp_summary {
	size_t fail, warn, pass, na, error, waived;
};

/* Everything a renderer needs. */
struct rp_report {
	enum rp_target_kind kind;
	char *target_name;
	char started[32], finished[32]; /* RFC 3339, UTC */
	struct rp_findings findings;
	struct rp_req_result *reqs;
	size_t nreqs;
	struct rp_summary summary;
	const struct rp_catalog *catalog;
	const struct rp_policy *policy;
	int exit_status; /* 0, or 1 when an unwaived fail is at or above fail_on */
};

/* Fills r->started; call before collecting facts. */
void rp_report_begin(struct rp_report *r, enum rp_target_kind kind, const char *target_name,
		     const struct rp_catalog *cat, const struct rp_policy *pol);
/* Runs the checks of r->kind on facts, then waivers, matrix and summary. */
int rp_report_run(struct rp_report *r, const void *facts);
void rp_report_free(struct rp_report *r);

/* Reports check IDs in the policy (waivers, severities, --only/--skip) that
 * name no known check, and attestations of requirements the catalogue does
 * not have; returns RP_ERR_CONFIG when there is one. */
int rp_policy_check_ids(const struct rp_policy *pol, const struct rp_catalog *cat, struct rp_diag *diag);

/* Current time as RFC 3339 UTC. */
void rp_now_rfc3339(char out[32]);

#endif
