/* Diagnostics: messages for the user about input that could not be read or
 * parsed, each naming the place ("path:line: what"). Probes collect them and
 * the run goes on; the front-end prints them to stderr. */
#ifndef RP_DIAG_H
#define RP_DIAG_H

#include "core/buf.h"

struct rp_diag {
	struct rp_strlist msgs;
	size_t dropped; /* messages over the cap, counted but not kept */
};

#define RP_DIAG_MAX 1000

/* Adds "path:line: message" (line 0 omits the line). NULL d is ignored. */
void rp_diag_add(struct rp_diag *d, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void rp_diag_free(struct rp_diag *d);

#endif
