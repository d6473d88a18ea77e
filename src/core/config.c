#include "core/config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/model.h"
#include "core/rootfs.h"
#include "core/yaml.h"

/* Built-in defaults; docs/configuration.md lists them. */
static const char *const default_admin_names[] = {"admin", "administrator", "toor", "superuser", NULL};
static const char *const default_broad_groups[] = {"users", "staff", "everyone", "domain users", NULL};
static const char *const default_weak_ciphers[] = {
	"3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "blowfish-cbc", "cast128-cbc",
	"arcfour", "arcfour128", "arcfour256", "rijndael-cbc@lysator.liu.se", "des-cbc@ssh.com", NULL};
static const char *const default_weak_macs[] = {
	"hmac-md5", "hmac-md5-96", "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com",
	"hmac-sha1", "hmac-sha1-96", "hmac-sha1-etm@openssh.com", "hmac-sha1-96-etm@openssh.com",
	"hmac-ripemd160", "hmac-ripemd160@openssh.com", "hmac-ripemd160-etm@openssh.com",
	"umac-64@openssh.com", "umac-64-etm@openssh.com", NULL};
static const char *const default_weak_kex[] = {
	"diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
	"diffie-hellman-group-exchange-sha1", "gss-group1-sha1-", "gss-group14-sha1-",
	"gss-gex-sha1-", "rsa1024-sha1", NULL};

/* Ports that serve only local or internal clients by nature. */
static const struct {
	unsigned port;
	const char *proto, *name;
} default_local_only[] = {
	{3306, "tcp", "mysql"},          {33060, "tcp", "mysqlx"},
	{5432, "tcp", "postgresql"},     {6379, "tcp", "redis"},
	{11211, "tcp", "memcached"},     {11211, "udp", "memcached"},
	{27017, "tcp", "mongodb"},       {9200, "tcp", "elasticsearch"},
	{9300, "tcp", "elasticsearch-transport"}, {5984, "tcp", "couchdb"},
	{8086, "tcp", "influxdb"},       {9042, "tcp", "cassandra"},
	{7000, "tcp", "cassandra-intra"}, {2379, "tcp", "etcd"},
	{2380, "tcp", "etcd-peer"},      {2375, "tcp", "docker-api"},
	{2376, "tcp", "docker-api-tls"}, {10250, "tcp", "kubelet"},
	{5672, "tcp", "amqp"},           {15672, "tcp", "rabbitmq-management"},
	{9092, "tcp", "kafka"},          {2181, "tcp", "zookeeper"},
	{8500, "tcp", "consul"},         {8200, "tcp", "vault"},
	{1433, "tcp", "mssql"},          {1521, "tcp", "oracle"},
	{6000, "tcp", "x11"},            {5900, "tcp", "vnc"},
	{631, "tcp", "cups"},            {111, "tcp", "rpcbind"},
	{111, "udp", "rpcbind"},         {2049, "tcp", "nfs"},
	{161, "udp", "snmp"},            {9090, "tcp", "prometheus"},
	{9100, "tcp", "node-exporter"},  {4369, "tcp", "epmd"},
	{6443, "tcp", "kube-apiserver"}, {8009, "tcp", "ajp"},
	{5601, "tcp", "kibana"},         {3000, "tcp", "grafana"},
	{9229, "tcp", "node-inspector"}, {5005, "tcp", "jdwp"},
	{8000, "tcp", "django-dev"},     {4444, "tcp", "selenium"},
};

static int add_all(struct rp_strlist *l, const char *const *v)
{
	for (; *v != NULL; v++) {
		int r = rp_strlist_add(l, *v);
		if (r != RP_OK)
			return r;
	}
	return RP_OK;
}

static bool valid_date(const char *s)
{
	struct tm tm;
	char *end;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	return end != NULL && *end == '\0' && tm.tm_mon >= 0 && tm.tm_mday >= 1;
}

static void set_today(struct rp_policy *pol)
{
	const char *env = getenv("RAMPART_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env != NULL && valid_date(env)) {
		memcpy(pol->today, env, 11);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(pol->today, sizeof(pol->today), "%Y-%m-%d", &tm);
}

static int add_port(struct rp_policy *pol, unsigned port, const char *proto, const char *name)
{
	struct rp_port_rule *nv = realloc(pol->local_only, (pol->nlocal_only + 1) * sizeof(*nv));

	if (nv == NULL)
		return RP_ERR_NOMEM;
	pol->local_only = nv;
	nv = &pol->local_only[pol->nlocal_only];
	nv->port = port;
	snprintf(nv->proto, sizeof(nv->proto), "%s", proto);
	if ((nv->name = strdup(name)) == NULL)
		return RP_ERR_NOMEM;
	pol->nlocal_only++;
	return RP_OK;
}

int rp_policy_defaults(struct rp_policy *pol)
{
	int r = RP_OK;

	memset(pol, 0, sizeof(*pol));
	pol->fail_on = RP_SEV_HIGH;
	pol->ssh_require_allow = true;
	set_today(pol);
	if ((r = add_all(&pol->admin_names, default_admin_names)) != RP_OK ||
	    (r = add_all(&pol->sudo_broad_groups, default_broad_groups)) != RP_OK ||
	    (r = add_all(&pol->ssh_weak_ciphers, default_weak_ciphers)) != RP_OK ||
	    (r = add_all(&pol->ssh_weak_macs, default_weak_macs)) != RP_OK ||
	    (r = add_all(&pol->ssh_weak_kex, default_weak_kex)) != RP_OK)
		return r;
	for (size_t i = 0; i < sizeof(default_local_only) / sizeof(default_local_only[0]); i++)
		if ((r = add_port(pol, default_local_only[i].port, default_local_only[i].proto,
				  default_local_only[i].name)) != RP_OK)
			return r;
	return RP_OK;
}

static void waiver_free(struct rp_waiver *w)
{
	free(w->check);
	free(w->target);
	free(w->reason);
	free(w->owner);
	free(w->expires);
}

static void attest_free(struct rp_attestation *a)
{
	free(a->requirement);
	free(a->by);
	free(a->evidence);
	free(a->until);
}

void rp_policy_free(struct rp_policy *pol)
{
	if (pol == NULL)
		return;
	free(pol->source);
	rp_strlist_clear(&pol->only);
	rp_strlist_clear(&pol->skip);
	for (size_t i = 0; i < pol->nsev; i++)
		free(pol->sev[i].check);
	free(pol->sev);
	rp_strlist_clear(&pol->admin_names);
	rp_strlist_clear(&pol->sudo_broad_groups);
	rp_strlist_clear(&pol->ssh_weak_ciphers);
	rp_strlist_clear(&pol->ssh_weak_macs);
	rp_strlist_clear(&pol->ssh_weak_kex);
	for (size_t i = 0; i < pol->nlocal_only; i++)
		free(pol->local_only[i].name);
	free(pol->local_only);
	rp_strlist_clear(&pol->listeners_allow);
	for (size_t i = 0; i < pol->nwaivers; i++)
		waiver_free(&pol->waivers[i]);
	free(pol->waivers);
	for (size_t i = 0; i < pol->nattest; i++)
		attest_free(&pol->attest[i]);
	free(pol->attest);
	memset(pol, 0, sizeof(*pol));
}

/* --- the loader: one function per mapping of the schema --- */

typedef int (*map_fn)(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key);

struct key_handler {
	const char *key;
	map_fn fn;
};

static int walk_map(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *m, const char *path,
		    const struct key_handler *h)
{
	if (!rp_yaml_is_map(y, m, path))
		return RP_OK;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = rp_yaml_get(y, p->key), *vn = rp_yaml_get(y, p->value);
		const char *k = rp_yaml_str(y, kn, path);
		const struct key_handler *e;
		char full[256];
		int r;

		if (k == NULL)
			continue;
		snprintf(full, sizeof(full), "%s%s%s", path[0] == '(' ? "" : path, path[0] == '(' ? "" : ".", k);
		for (e = h; e->key != NULL && strcmp(e->key, k) != 0; e++)
			;
		if (e->key == NULL) {
			rp_yaml_error(y, kn, full, "unknown key");
			continue;
		}
		if ((r = e->fn(y, pol, vn, full)) == RP_ERR_NOMEM)
			return r;
	}
	return RP_OK;
}

static int str_list(struct rp_yaml *y, yaml_node_t *v, const char *key, struct rp_strlist *out)
{
	if (!rp_yaml_is_seq(y, v, key))
		return RP_OK;
	rp_strlist_clear(out);
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		const char *s = rp_yaml_str(y, rp_yaml_get(y, *it), key);
		if (s != NULL && rp_strlist_add(out, s) != RP_OK)
			return RP_ERR_NOMEM;
	}
	return RP_OK;
}

static int get_bool(struct rp_yaml *y, yaml_node_t *v, const char *key, bool *out)
{
	const char *s = v && v->type == YAML_SCALAR_NODE ? rp_yaml_str(y, v, key) : NULL;

	if (s != NULL && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0))
		*out = true;
	else if (s != NULL && (strcmp(s, "false") == 0 || strcmp(s, "no") == 0))
		*out = false;
	else
		rp_yaml_error(y, v, key, "must be true or false");
	return RP_OK;
}

static int h_fail_on(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	const char *s = rp_yaml_str(y, v, key);
	int sev;

	if (s == NULL)
		return RP_OK;
	if (rp_severity_parse(s, &sev) != RP_OK)
		rp_yaml_error(y, v, key, "must be one of critical, high, medium, low, info, none");
	else
		pol->fail_on = sev;
	return RP_OK;
}

static int h_only(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->only);
}

static int h_skip(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->skip);
}

static int h_severity(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	if (!rp_yaml_is_map(y, v, key))
		return RP_OK;
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *sn = rp_yaml_get(y, p->value);
		const char *id = rp_yaml_str(y, rp_yaml_get(y, p->key), key);
		const char *s = id ? rp_yaml_str(y, sn, id) : NULL;
		struct rp_sev_override *nv;
		int sev;

		if (s == NULL)
			continue;
		if (rp_severity_parse(s, &sev) != RP_OK || sev < 0) {
			rp_yaml_error(y, sn, id, "severity must be one of critical, high, medium, low, info");
			continue;
		}
		if ((nv = realloc(pol->sev, (pol->nsev + 1) * sizeof(*nv))) == NULL)
			return RP_ERR_NOMEM;
		pol->sev = nv;
		pol->sev[pol->nsev].severity = sev;
		if ((pol->sev[pol->nsev].check = strdup(id)) == NULL)
			return RP_ERR_NOMEM;
		pol->nsev++;
	}
	return RP_OK;
}

static const struct key_handler checks_keys[] = {
	{"only", h_only}, {"skip", h_skip}, {"severity", h_severity}, {NULL, NULL}};

static int h_checks(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return walk_map(y, pol, v, key, checks_keys);
}

static int h_admin_names(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->admin_names);
}

static int h_broad(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->sudo_broad_groups);
}

static int h_allow(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->listeners_allow);
}

static int h_req_allow(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return get_bool(y, v, key, &pol->ssh_require_allow);
}

static int h_ciphers(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->ssh_weak_ciphers);
}

static int h_macs(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->ssh_weak_macs);
}

static int h_kex(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return str_list(y, v, key, &pol->ssh_weak_kex);
}

static const struct key_handler ssh_keys[] = {
	{"require-allow-list", h_req_allow}, {"weak-ciphers", h_ciphers},
	{"weak-macs", h_macs}, {"weak-kex", h_kex}, {NULL, NULL}};

static int h_ssh(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return walk_map(y, pol, v, key, ssh_keys);
}

static int h_local_only(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	if (!rp_yaml_is_seq(y, v, key))
		return RP_OK;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *m = rp_yaml_get(y, *it);
		const char *port = NULL, *proto = "tcp", *name = NULL;
		long pn = 0;

		if (!rp_yaml_is_map(y, m, key))
			continue;
		for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
			yaml_node_t *kn = rp_yaml_get(y, p->key);
			const char *k = rp_yaml_str(y, kn, key), *s;
			if (k == NULL || (s = rp_yaml_str(y, rp_yaml_get(y, p->value), k)) == NULL)
				continue;
			if (strcmp(k, "port") == 0)
				port = s;
			else if (strcmp(k, "proto") == 0)
				proto = s;
			else if (strcmp(k, "name") == 0)
				name = s;
			else
				rp_yaml_error(y, kn, k, "unknown key in %s entry (port, proto, name)", key);
		}
		if (port == NULL || rp_parse_long(port, 1, 65535, &pn) != RP_OK) {
			rp_yaml_error(y, m, key, "port must be a number from 1 to 65535");
			continue;
		}
		if (strcmp(proto, "tcp") != 0 && strcmp(proto, "udp") != 0) {
			rp_yaml_error(y, m, key, "proto must be tcp or udp");
			continue;
		}
		if (add_port(pol, (unsigned)pn, proto, name ? name : "configured") != RP_OK)
			return RP_ERR_NOMEM;
	}
	return RP_OK;
}

static const struct key_handler host_keys[] = {
	{"admin-names", h_admin_names}, {"sudo-broad-groups", h_broad},
	{"ssh", h_ssh}, {"local-only-ports", h_local_only},
	{"listeners-allow", h_allow}, {NULL, NULL}};

static int h_host(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	return walk_map(y, pol, v, key, host_keys);
}

/* Reads a flat mapping of string fields into slots named by keys[]. */
static int flat_record(struct rp_yaml *y, yaml_node_t *m, const char *key, const char *const *keys,
		       char **slots[])
{
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = rp_yaml_get(y, p->key);
		const char *k = rp_yaml_str(y, kn, key), *s;
		size_t i;

		if (k == NULL)
			continue;
		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL) {
			rp_yaml_error(y, kn, k, "unknown key in %s entry", key);
			continue;
		}
		if ((s = rp_yaml_str(y, rp_yaml_get(y, p->value), k)) == NULL)
			continue;
		free(*slots[i]);
		if ((*slots[i] = strdup(s)) == NULL)
			return RP_ERR_NOMEM;
	}
	return RP_OK;
}

static int h_waivers(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	static const char *const keys[] = {"check", "target", "reason", "owner", "expires", NULL};

	if (!rp_yaml_is_seq(y, v, key))
		return RP_OK;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *m = rp_yaml_get(y, *it);
		struct rp_waiver w = {0}, *nv;
		char **slots[] = {&w.check, &w.target, &w.reason, &w.owner, &w.expires};

		if (!rp_yaml_is_map(y, m, key))
			continue;
		w.line = rp_yaml_line(m);
		if (flat_record(y, m, key, keys, slots) != RP_OK) {
			waiver_free(&w);
			return RP_ERR_NOMEM;
		}
		if (w.check == NULL || w.reason == NULL || w.owner == NULL || w.expires == NULL) {
			rp_yaml_error(y, m, key, "a waiver needs check, reason, owner and expires");
			waiver_free(&w);
			continue;
		}
		if (!valid_date(w.expires)) {
			rp_yaml_error(y, m, key, "expires must be a date YYYY-MM-DD, got '%s'", w.expires);
			waiver_free(&w);
			continue;
		}
		w.expired = strcmp(w.expires, pol->today) < 0;
		if ((nv = realloc(pol->waivers, (pol->nwaivers + 1) * sizeof(*nv))) == NULL) {
			waiver_free(&w);
			return RP_ERR_NOMEM;
		}
		pol->waivers = nv;
		pol->waivers[pol->nwaivers++] = w; /* transferred */
	}
	return RP_OK;
}

static int h_attest(struct rp_yaml *y, struct rp_policy *pol, yaml_node_t *v, const char *key)
{
	static const char *const keys[] = {"requirement", "by", "evidence", "until", NULL};

	if (!rp_yaml_is_seq(y, v, key))
		return RP_OK;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *m = rp_yaml_get(y, *it);
		struct rp_attestation a = {0}, *nv;
		char **slots[] = {&a.requirement, &a.by, &a.evidence, &a.until};

		if (!rp_yaml_is_map(y, m, key))
			continue;
		a.line = rp_yaml_line(m);
		if (flat_record(y, m, key, keys, slots) != RP_OK) {
			attest_free(&a);
			return RP_ERR_NOMEM;
		}
		if (a.requirement == NULL || a.by == NULL || a.evidence == NULL || a.until == NULL) {
			rp_yaml_error(y, m, key, "an attestation needs requirement, by, evidence and until");
			attest_free(&a);
			continue;
		}
		if (!valid_date(a.until)) {
			rp_yaml_error(y, m, key, "until must be a date YYYY-MM-DD, got '%s'", a.until);
			attest_free(&a);
			continue;
		}
		a.expired = strcmp(a.until, pol->today) < 0;
		if ((nv = realloc(pol->attest, (pol->nattest + 1) * sizeof(*nv))) == NULL) {
			attest_free(&a);
			return RP_ERR_NOMEM;
		}
		pol->attest = nv;
		pol->attest[pol->nattest++] = a; /* transferred */
	}
	return RP_OK;
}

static const struct key_handler top_keys[] = {
	{"fail-on", h_fail_on}, {"checks", h_checks}, {"host", h_host},
	{"waivers", h_waivers}, {"attestations", h_attest}, {NULL, NULL}};

int rp_policy_load_mem(struct rp_policy *pol, const char *name, const char *data, size_t len,
		       struct rp_diag *diag)
{
	struct rp_yaml y;
	yaml_node_t *root;
	int ret;

	if ((ret = rp_yaml_load(&y, name, data, len, diag)) != RP_OK)
		return ret == RP_ERR_NOMEM ? ret : RP_ERR_CONFIG;
	root = rp_yaml_root(&y);
	if (root != NULL && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		ret = walk_map(&y, pol, root, "(top level)", top_keys);
	if (ret == RP_OK && y.errors > 0)
		ret = RP_ERR_CONFIG;
	rp_yaml_free(&y);
	return ret;
}

int rp_policy_load(struct rp_policy *pol, const char *path, struct rp_diag *diag)
{
	struct rp_root sys = {.fd = -1};
	struct rp_buf b;
	char cwd[4096], *abs = NULL;
	int ret;

	/* The config is the user's own file, anywhere: read it through the
	 * bounded reader (no FIFOs, size cap) from the real root. */
	rp_buf_init(&b, RP_YAML_MAX);
	if (path[0] != '/') {
		if (getcwd(cwd, sizeof(cwd)) == NULL || (abs = rp_path_join(cwd, path)) == NULL) {
			rp_diag_add(diag, path, 0, "cannot resolve the path");
			ret = RP_ERR_CONFIG;
			goto out;
		}
	}
	if ((ret = rp_root_open(&sys, "/", true)) == RP_OK)
		ret = rp_root_read_file(&sys, abs ? abs : path, RP_YAML_MAX, &b);
	if (ret != RP_OK) {
		rp_diag_add(diag, path, 0, "cannot read: %s", rp_strerror(ret));
		ret = RP_ERR_CONFIG;
		goto out;
	}
	free(pol->source);
	pol->source = strdup(path);
	ret = rp_policy_load_mem(pol, path, b.data, b.len, diag);
out:
	rp_root_close(&sys);
	rp_buf_free(&b);
	free(abs);
	return ret;
}

const char *rp_policy_default_path(void)
{
	const char *env = getenv("RAMPART_CONFIG");

	if (env != NULL && *env != '\0')
		return env;
	if (access("rampart.yaml", F_OK) == 0)
		return "rampart.yaml";
	if (access("/etc/rampart/rampart.yaml", F_OK) == 0)
		return "/etc/rampart/rampart.yaml";
	return NULL;
}

static bool id_matches(const char *pattern, const char *id)
{
	size_t n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '.')
		return strncmp(pattern, id, n) == 0;
	return strcmp(pattern, id) == 0;
}

bool rp_policy_selects(const struct rp_policy *pol, const char *id)
{
	bool in = pol->only.n == 0;

	for (size_t i = 0; i < pol->only.n && !in; i++)
		in = id_matches(pol->only.v[i], id);
	for (size_t i = 0; i < pol->skip.n && in; i++)
		in = !id_matches(pol->skip.v[i], id);
	return in;
}

int rp_policy_severity(const struct rp_policy *pol, const char *id, int dflt)
{
	for (size_t i = 0; i < pol->nsev; i++)
		if (strcmp(pol->sev[i].check, id) == 0)
			return pol->sev[i].severity;
	return dflt;
}

const struct rp_port_rule *rp_policy_local_only(const struct rp_policy *pol, const char *proto, unsigned port)
{
	for (size_t i = 0; i < pol->nlocal_only; i++)
		if (pol->local_only[i].port == port && strcmp(pol->local_only[i].proto, proto) == 0)
			return &pol->local_only[i];
	return NULL;
}
