/* A parser of systemd unit files (systemd.syntax(7), systemd.unit(5)):
 * "[Section]" headers, "Key=Value" assignments with whitespace around key
 * and value dropped, '#' and ';' comment lines, lines continued with a
 * trailing backslash (joined with a space; comment lines inside a
 * continuation are skipped), repeated keys kept in order. A unit and its
 * drop-ins are parsed into one rp_unit one file after the other, so the
 * last assignment wins and an empty assignment resets a list, as systemd
 * does. Nothing here knows what a key means.
 *
 * Untrusted input: binary data, lines over RP_LINE_MAX, continuations over
 * RP_UNIT_VALUE_MAX and assignments outside a section are reported as
 * problems naming file:line, never a crash. */
#ifndef RP_PARSE_SYSTEMD_UNIT_H
#define RP_PARSE_SYSTEMD_UNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* Bounds of one unit (main file and drop-ins together). */
#define RP_UNIT_MAX_ENTRIES 10000
#define RP_UNIT_MAX_PROBLEMS 100
#define RP_UNIT_VALUE_MAX ((size_t)64 << 10)

struct rp_unit_entry {
	char *section; /* "Service" */
	char *key;     /* "ExecStart", case as written (systemd keys are case-sensitive) */
	char *value;   /* continuation lines joined, trimmed; "" for a reset */
	char *path;    /* file inside the audited root */
	unsigned line; /* line of the key */
};

struct rp_unit {
	struct rp_unit_entry *v;
	size_t n, cap;
	struct rp_strlist problems; /* "path:line: what" */
	size_t dropped;             /* entries or problems over the bounds */
	struct rp_strlist files;    /* every file parsed, in order */
};

/* Parses data (the contents of path) and appends its assignments to u
 * (zeroed or from earlier calls: drop-ins go after the unit file). Problems
 * are kept in u and added to diag. Returns 0, RP_ERR_BINARY (nothing
 * appended) or RP_ERR_NOMEM. */
int rp_unit_parse(struct rp_unit *u, const char *path, const char *data, size_t len, struct rp_diag *diag);

/* The last assignment of key in section, or NULL. An empty assignment is
 * returned as such (value ""). */
const struct rp_unit_entry *rp_unit_get(const struct rp_unit *u, const char *section, const char *key);

/* The assignments of a list-valued key that are in effect: those after the
 * last empty assignment, in order. Fills at most max pointers into out and
 * returns how many there are in total. */
size_t rp_unit_list(const struct rp_unit *u, const char *section, const char *key,
		    const struct rp_unit_entry **out, size_t max);

/* systemd's boolean: 1 for yes/true/on/1, 0 for no/false/off/0, -1 otherwise. */
int rp_unit_bool(const char *v);

void rp_unit_free(struct rp_unit *u);

#endif
