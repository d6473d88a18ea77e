/* Configuration and policy. One YAML file (--config) holds thresholds,
 * allow-lists, waivers and attestations; rp_policy is its typed form, with
 * built-in defaults for everything. Checks read the policy, never the file.
 * Unknown keys and wrong types are errors naming file, line and key. */
#ifndef RP_CONFIG_H
#define RP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* A waiver accepts the findings of one check (optionally one target) until
 * it expires; an expired waiver no longer applies and is itself reported. */
struct rp_waiver {
	char *check;
	char *target; /* NULL: every target */
	char *reason;
	char *owner;
	char *expires; /* YYYY-MM-DD */
	bool expired;
	unsigned line; /* line in the config file */
};

/* Someone vouches for an organisational requirement, with evidence, until a date. */
struct rp_attestation {
	char *requirement;
	char *by;
	char *evidence;
	char *until; /* YYYY-MM-DD */
	bool expired;
	unsigned line;
};

/* A port that must not listen on all interfaces (databases, caches, admin ports). */
struct rp_port_rule {
	unsigned port;
	char proto[4]; /* "tcp" or "udp" */
	char *name;
};

struct rp_sev_override {
	char *check;
	int severity;
};

struct rp_policy {
	char *source;  /* the config file, or NULL when only defaults apply */
	char today[11]; /* YYYY-MM-DD in UTC; RAMPART_TODAY overrides it (tests) */
	int fail_on;   /* rp_severity, or -1 for none */
	struct rp_strlist only, skip; /* check IDs or prefixes ("ssh.") */
	struct rp_sev_override *sev; size_t nsev;

	/* host */
	struct rp_strlist admin_names;       /* login names that must not exist (6.2) */
	struct rp_strlist sudo_broad_groups; /* groups too broad for sudo ALL */
	struct rp_strlist ssh_weak_ciphers, ssh_weak_macs, ssh_weak_kex;
	bool ssh_require_allow;              /* AllowUsers/AllowGroups must restrict logins */
	struct rp_port_rule *local_only; size_t nlocal_only;
	struct rp_strlist listeners_allow;   /* "tcp/22", "udp/53", or a process name */

	struct rp_waiver *waivers; size_t nwaivers;
	struct rp_attestation *attest; size_t nattest;
};

/* Fills pol with the built-in defaults. */
int rp_policy_defaults(struct rp_policy *pol);
/* Loads the YAML file path over the defaults already in pol. Problems are
 * added to diag as "path:line: ..." and make it return RP_ERR_CONFIG. */
int rp_policy_load(struct rp_policy *pol, const char *path, struct rp_diag *diag);
/* Same, from memory; name is used in messages (fuzzing, tests). */
int rp_policy_load_mem(struct rp_policy *pol, const char *name, const char *data, size_t len,
		       struct rp_diag *diag);
/* The file to load when --config is not given: $RAMPART_CONFIG, ./rampart.yaml,
 * /etc/rampart/rampart.yaml, the first that exists; NULL for none. */
const char *rp_policy_default_path(void);
void rp_policy_free(struct rp_policy *pol);

/* True when check id is selected by --only/--skip. */
bool rp_policy_selects(const struct rp_policy *pol, const char *id);
/* Effective severity of a check (overrides applied). */
int rp_policy_severity(const struct rp_policy *pol, const char *id, int dflt);
/* Looks up a local-only rule for port/proto, or NULL. */
const struct rp_port_rule *rp_policy_local_only(const struct rp_policy *pol, const char *proto, unsigned port);

#endif
