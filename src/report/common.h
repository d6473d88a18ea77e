/* Helpers shared by the renderers, private to src/report: output escaping
 * and the grouping of findings under requirements. Report text comes from
 * audited files and configs: it may hold markup, control characters and
 * bytes that are not UTF-8, and every renderer must print it so that it
 * cannot change the meaning of the output around it. */
#ifndef RP_REPORT_COMMON_H
#define RP_REPORT_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/runner.h"


/* Writes s (NULL prints nothing) escaped for XML 1.0 and HTML text and
 * attribute values: & < > " ' become references; characters XML 1.0 forbids,
 * C1 controls and invalid UTF-8 become U+FFFD. With attr, tab, newline and
 * CR become character references so that attribute normalisation keeps them. */
void rp_xml_puts(FILE *out, const char *s, bool attr);

/* Writes s (NULL prints nothing) for a terminal: control characters (C0
 * except tab, DEL, C1) and invalid UTF-8 become '?', so that no escape
 * sequence from an audited file reaches the terminal. */
void rp_text_puts(FILE *out, const char *s);

/* Returns a copy of s that is valid UTF-8 (each bad byte becomes U+FFFD), as
 * jansson requires; the caller frees it. NULL when s is NULL or on
 * allocation failure. */
char *rp_utf8_dup_valid(const char *s);

/* The requirement a finding is listed under in the text and JUnit reports:
 * the first of its check's requirements that is in the report's matrix, as
 * an index into r->reqs, or -1 when none is (the finding is "unmapped"). */
long rp_report_home_req(const struct rp_report *r, const struct rp_finding *f);

/* Text for a finding's target: its own, else the audited target's name. */
const char *rp_report_target(const struct rp_report *r, const struct rp_finding *f);

#endif
