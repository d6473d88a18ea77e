/* A thin layer over libyaml's document API for our YAML inputs (config,
 * catalogue): bounded load, node access with line numbers, and scalars that
 * are refused when they hold NUL bytes. */
#ifndef RP_YAML_H
#define RP_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "core/diag.h"

#define RP_YAML_MAX ((size_t)1 << 20)

struct rp_yaml {
	yaml_document_t doc;
	bool loaded;
	const char *name; /* file name for messages */
	struct rp_diag *diag;
	int errors;
};

/* Parses one YAML document from data; a syntax error is reported as
 * "name:line: ..." and returns RP_ERR_PARSE. An empty document is fine
 * (root NULL). */
int rp_yaml_load(struct rp_yaml *y, const char *name, const char *data, size_t len, struct rp_diag *diag);
void rp_yaml_free(struct rp_yaml *y);
yaml_node_t *rp_yaml_root(struct rp_yaml *y);
yaml_node_t *rp_yaml_get(struct rp_yaml *y, int index);
unsigned rp_yaml_line(const yaml_node_t *n);
/* The scalar's text, or NULL (and an error naming key) when n is not a
 * plain string. */
const char *rp_yaml_str(struct rp_yaml *y, yaml_node_t *n, const char *key);
/* Reports "name:line: key: message" and counts an error. */
void rp_yaml_error(struct rp_yaml *y, const yaml_node_t *n, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Checks that n is a mapping (or a sequence); reports an error naming key otherwise. */
bool rp_yaml_is_map(struct rp_yaml *y, yaml_node_t *n, const char *key);
bool rp_yaml_is_seq(struct rp_yaml *y, yaml_node_t *n, const char *key);

#endif
