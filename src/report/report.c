#include "report/report.h"

#include <string.h>

#include "core/err.h"

static const struct {
	const char *name;
	int (*fn)(const struct rp_report *, const struct rp_render_opts *, FILE *);
} renderers[] = {
	{"text", rp_render_text},   {"json", rp_render_json}, {"sarif", rp_render_sarif},
	{"junit", rp_render_junit}, {"html", rp_render_html},
};

bool rp_report_format_known(const char *format)
{
	for (size_t i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(renderers[i].name, format) == 0)
			return true;
	return false;
}

int rp_report_write(const struct rp_report *r, const char *format, const struct rp_render_opts *o, FILE *out)
{
	for (size_t i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(renderers[i].name, format) == 0)
			return renderers[i].fn(r, o, out);
	return RP_ERR_USAGE;
}
