/* Checks of rampart's own configuration, run with every target kind:
 * waivers and attestations that have expired must not pass silently. */
#include <stdio.h>
#include <string.h>

#include "check/registry.h"
#include "core/config.h"

static void check_waiver_expired(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	(void)facts;
	for (size_t i = 0; i < pol->nwaivers; i++) {
		const struct rp_waiver *w = &pol->waivers[i];
		char target[256];

		snprintf(target, sizeof(target), "waiver of %s%s%s", w->check, w->target ? " for " : "",
			 w->target ? w->target : "");
		rp_emitf(em, w->expired ? RP_ST_WARN : RP_ST_PASS, target, pol->source, w->line,
			 "owner %s, %s %s: %s", w->owner, w->expired ? "expired" : "valid until", w->expires,
			 w->reason);
	}
}

static void check_attestation_expired(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	(void)facts;
	for (size_t i = 0; i < pol->nattest; i++) {
		const struct rp_attestation *a = &pol->attest[i];
		char target[128];

		snprintf(target, sizeof(target), "attestation of %s", a->requirement);
		rp_emitf(em, a->expired ? RP_ST_WARN : RP_ST_PASS, target, pol->source, a->line,
			 "by %s, %s %s, evidence: %s", a->by, a->expired ? "expired" : "valid until", a->until,
			 a->evidence);
	}
}

const struct rp_check rp_checks_core[] = {
	{"config.waiver-expired", "Waivers are within their expiry date", {"8"}, RP_SEV_MEDIUM, RP_TARGET_ANY,
	 "Review the accepted risk: fix the finding, or renew the waiver with a new expiry date and owner.",
	 check_waiver_expired},
	{"config.attestation-expired", "Attestations of organisational requirements are current", {"8"},
	 RP_SEV_MEDIUM, RP_TARGET_ANY,
	 "Have the owner review the requirement again and renew the attestation with fresh evidence and date.",
	 check_attestation_expired},
	{.id = NULL},
};
