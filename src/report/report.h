/* Renderers of an rp_report: text, json, sarif, junit, html. They print what
 * the runner computed and decide nothing. */
#ifndef RP_REPORT_H
#define RP_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/runner.h"

struct rp_render_opts {
	bool color; /* ANSI colours (text) */
	bool quiet; /* text: only failures and the summary */
};

/* Writes r in format ("text", "json", "sarif", "junit", "html") to out.
 * Returns RP_ERR_USAGE for an unknown format. */
int rp_report_write(const struct rp_report *r, const char *format, const struct rp_render_opts *o,
		    FILE *out);
/* True when format names a renderer. */
bool rp_report_format_known(const char *format);

/* The renderers; each returns 0 or an rp_err. */
int rp_render_text(const struct rp_report *r, const struct rp_render_opts *o, FILE *out);
int rp_render_json(const struct rp_report *r, const struct rp_render_opts *o, FILE *out);
int rp_render_sarif(const struct rp_report *r, const struct rp_render_opts *o, FILE *out);
int rp_render_junit(const struct rp_report *r, const struct rp_render_opts *o, FILE *out);
int rp_render_html(const struct rp_report *r, const struct rp_render_opts *o, FILE *out);

#endif
