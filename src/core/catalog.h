/* The requirement catalogue: every requirement of the baseline with a stable
 * ID mirroring the seed's numbering, its level, our title, and how it is
 * verified. It is data (catalog/requirements.yaml), embedded at build time. */
#ifndef RP_CATALOG_H
#define RP_CATALOG_H

#include <stddef.h>

#include "core/diag.h"

enum rp_verification { RP_VERIFY_AUTOMATED, RP_VERIFY_PARTLY, RP_VERIFY_ATTESTATION };

struct rp_requirement {
	char *id;      /* "2.8", "8.c", "10" */
	char *section; /* "System hardening" */
	char *level;   /* "MUST", "SHOULD", "MAY" */
	char *title;   /* in our words */
	enum rp_verification verification;
	char *note;    /* NULL or a remark (e.g. 2.6 duplicates 2.5) */
	char *duplicate_of; /* NULL or the ID this one repeats */
};

struct rp_catalog {
	struct rp_requirement *v;
	size_t n;
};

/* Loads the embedded catalogue. */
int rp_catalog_load(struct rp_catalog *cat, struct rp_diag *diag);
/* Loads a catalogue from YAML text (tests, fuzzing). */
int rp_catalog_load_mem(struct rp_catalog *cat, const char *name, const char *data, size_t len,
			struct rp_diag *diag);
void rp_catalog_free(struct rp_catalog *cat);
const struct rp_requirement *rp_catalog_find(const struct rp_catalog *cat, const char *id);
const char *rp_verification_name(enum rp_verification v);

#endif
