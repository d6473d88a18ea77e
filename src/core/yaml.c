#include "core/yaml.h"

#include <stdarg.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

int rp_yaml_load(struct rp_yaml *y, const char *name, const char *data, size_t len, struct rp_diag *diag)
{
	yaml_parser_t p;
	int ret = RP_OK;

	memset(y, 0, sizeof(*y));
	y->name = name;
	y->diag = diag;
	if (len > RP_YAML_MAX) {
		rp_diag_add(diag, name, 0, "file too large (%zu bytes, limit %zu)", len, RP_YAML_MAX);
		return RP_ERR_TOO_LARGE;
	}
	if (!yaml_parser_initialize(&p))
		return RP_ERR_NOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	if (!yaml_parser_load(&p, &y->doc)) {
		rp_diag_add(diag, name, (unsigned)p.problem_mark.line + 1, "YAML syntax error: %s%s%s",
			    p.problem ? p.problem : "unknown", p.context ? " " : "", p.context ? p.context : "");
		ret = RP_ERR_PARSE;
	} else {
		y->loaded = true;
	}
	yaml_parser_delete(&p);
	return ret;
}

void rp_yaml_free(struct rp_yaml *y)
{
	if (y != NULL && y->loaded) {
		yaml_document_delete(&y->doc);
		y->loaded = false;
	}
}

yaml_node_t *rp_yaml_root(struct rp_yaml *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *rp_yaml_get(struct rp_yaml *y, int index)
{
	return y->loaded ? yaml_document_get_node(&y->doc, index) : NULL;
}

unsigned rp_yaml_line(const yaml_node_t *n)
{
	return n ? (unsigned)n->start_mark.line + 1 : 0;
}

void rp_yaml_error(struct rp_yaml *y, const yaml_node_t *n, const char *key, const char *fmt, ...)
{
	struct rp_buf b;
	va_list ap;

	rp_buf_init(&b, 4096);
	va_start(ap, fmt);
	rp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	rp_diag_add(y->diag, y->name, rp_yaml_line(n), "%s: %s", key, b.data ? b.data : "");
	rp_buf_free(&b);
	y->errors++;
}

const char *rp_yaml_str(struct rp_yaml *y, yaml_node_t *n, const char *key)
{
	const char *s;

	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		rp_yaml_error(y, n, key, "must be a string");
		return NULL;
	}
	s = (const char *)n->data.scalar.value;
	if (strlen(s) != n->data.scalar.length) {
		rp_yaml_error(y, n, key, "must not contain NUL characters");
		return NULL;
	}
	return s;
}

bool rp_yaml_is_map(struct rp_yaml *y, yaml_node_t *n, const char *key)
{
	if (n != NULL && n->type == YAML_MAPPING_NODE)
		return true;
	rp_yaml_error(y, n, key, "must be a mapping");
	return false;
}

bool rp_yaml_is_seq(struct rp_yaml *y, yaml_node_t *n, const char *key)
{
	if (n != NULL && n->type == YAML_SEQUENCE_NODE)
		return true;
	rp_yaml_error(y, n, key, "must be a list");
	return false;
}
