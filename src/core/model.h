/* The model shared by probes, checks and reports: severities, statuses,
 * checks as rows of a table of pure functions, and findings with evidence. */
#ifndef RP_MODEL_H
#define RP_MODEL_H

#include <stdbool.h>
#include <stddef.h>

enum rp_severity { RP_SEV_INFO, RP_SEV_LOW, RP_SEV_MEDIUM, RP_SEV_HIGH, RP_SEV_CRITICAL };
enum rp_status { RP_ST_PASS, RP_ST_WARN, RP_ST_FAIL, RP_ST_NA, RP_ST_ERROR };
enum rp_target_kind {
	RP_TARGET_HOST,
	RP_TARGET_WEB,
	RP_TARGET_IMAGE,
	RP_TARGET_DOCKERFILE,
	RP_TARGET_SECRETS,
	RP_TARGET_ENV,
	RP_TARGET_ANY, /* core checks that run with every target kind */
};

const char *rp_severity_name(enum rp_severity s);
/* Parses "critical".."info" (and "none" as -1 when allow_none); 0 or RP_ERR_PARSE. */
int rp_severity_parse(const char *s, int *out);
const char *rp_status_name(enum rp_status s);
const char *rp_target_kind_name(enum rp_target_kind k);

struct rp_policy;
struct rp_emit;

/* A check is a pure function of (facts, policy): it reads the facts its
 * target kind's probes gathered and emits findings through em. */
typedef void (*rp_check_fn)(const void *facts, const struct rp_policy *pol, struct rp_emit *em);

#define RP_CHECK_MAX_REQS 4

struct rp_check {
	const char *id;                       /* stable: "ssh.permit-root-login" */
	const char *title;
	const char *reqs[RP_CHECK_MAX_REQS];  /* requirement IDs, NULL-terminated if fewer */
	enum rp_severity severity;            /* default severity */
	enum rp_target_kind kind;
	const char *remediation;
	rp_check_fn fn;
};

struct rp_evidence {
	char *path;     /* file, or NULL */
	unsigned line;  /* 1-based line, or 0 */
	char *observed; /* what was seen, or NULL */
};

struct rp_waiver;

struct rp_finding {
	const struct rp_check *check;
	enum rp_status status;
	enum rp_severity severity;
	char *target; /* what the finding is about: "sshd", "user admin", "tcp 0.0.0.0:5432" */
	struct rp_evidence *ev;
	size_t nev;
	const struct rp_waiver *waiver; /* set when a valid waiver covers it */
};

struct rp_findings {
	struct rp_finding *v;
	size_t n, cap;
};

void rp_findings_free(struct rp_findings *fs);

/* The channel a check emits through. */
struct rp_emit {
	struct rp_findings *out;
	const struct rp_check *check;
	int err; /* first allocation failure, sticky */
};

/* Emits a finding of the current check with one piece of evidence (path may
 * be NULL, line 0, fmt NULL for none). Target may be NULL (then the check's
 * generic target). Strings are copied. */
void rp_emitf(struct rp_emit *em, enum rp_status st, const char *target, const char *path,
	      unsigned line, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Adds evidence to the finding emitted last. */
void rp_emit_more(struct rp_emit *em, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Overrides the severity of the finding emitted last. */
void rp_emit_severity(struct rp_emit *em, enum rp_severity sev);

/* Sorts findings by requirement-independent order: check id, then target. */
void rp_findings_sort(struct rp_findings *fs);

#endif
