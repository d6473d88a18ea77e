/* Renders the requirement catalogue with the checks that cover each
 * requirement (`rampart catalog`). */
#ifndef RP_REPORT_CATALOG_H
#define RP_REPORT_CATALOG_H

#include <stdio.h>

#include "core/catalog.h"

/* format: "text" or "json"; RP_ERR_USAGE for others. */
int rp_catalog_render(const struct rp_catalog *cat, const char *format, FILE *out);

#endif
