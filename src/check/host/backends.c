/* Database backend checks: pure functions of the backend facts
 * (probe/host/backends.h). docs/checks-backends.md explains each decision
 * and what stock Debian configurations get. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/registry.h"
#include "core/err.h"
#include "probe/host/host.h"

#define EVIDENCE_MAX 20

static const struct rp_backend_facts *bf(const void *facts)
{
	return &((const struct rp_host_facts *)facts)->backends;
}

static bool truthy(const char *v)
{
	return v[0] == '\0' || strcasecmp(v, "1") == 0 || strcasecmp(v, "on") == 0 || strcasecmp(v, "true") == 0 ||
	       strcasecmp(v, "yes") == 0;
}

/* Loopback: localhost, 127.0.0.0/8, ::1 (Redis' optional '-' prefix and
 * brackets dropped). */
static bool addr_loopback(const char *a)
{
	size_t n;

	if (a[0] == '-')
		a++;
	if (a[0] == '[')
		a++;
	n = strlen(a);
	if (n > 0 && a[n - 1] == ']')
		n--;
	return (n == 9 && strncasecmp(a, "localhost", 9) == 0) || (n >= 4 && strncmp(a, "127.", 4) == 0) ||
	       (n == 3 && strncmp(a, "::1", 3) == 0);
}

/* True when any item of a list (separated by any of seps) is neither
 * loopback nor empty. */
static bool list_beyond_loopback(const char *list, const char *seps)
{
	char *copy = strdup(list), *p, *save = NULL;
	bool beyond = false;

	if (copy == NULL)
		return true;
	for (p = copy; p != NULL && !beyond;) {
		char *sep = strpbrk(p, seps);
		if (sep != NULL)
			*sep = '\0';
		save = p;
		while (*save == ' ' || *save == '\t')
			save++;
		{
			size_t n = strlen(save);
			while (n > 0 && (save[n - 1] == ' ' || save[n - 1] == '\t'))
				save[--n] = '\0';
		}
		if (*save != '\0' && !addr_loopback(save))
			beyond = true;
		p = sep ? sep + 1 : NULL;
	}
	free(copy);
	return beyond;
}

static void emit_problems(struct rp_emit *em, const char *target, const struct rp_kv_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rp_emitf(em, RP_ST_ERROR, target, p[i].path, p[i].line, "%s", p[i].msg);
}

/* PostgreSQL */

static char *pg_target(const struct rp_pg_cluster *c)
{
	return rp_asprintf("postgresql %s", c->name);
}

static bool pg_conf_ok(struct rp_emit *em, const char *t, const struct rp_pg_cluster *c)
{
	if (c->status == RP_OK)
		return true;
	rp_emitf(em, RP_ST_ERROR, t, c->conf_path, 0, "cannot read %s: %s", c->conf_path, rp_strerror(c->status));
	return false;
}

/* listen_addresses and whether it reaches beyond loopback. */
static bool pg_beyond(const struct rp_pg_cluster *c, const struct rp_kv_entry **e)
{
	*e = rp_kv_last(&c->conf, "listen_addresses", NULL);
	return list_beyond_loopback(*e ? (*e)->value : "localhost", ",");
}

static bool hba_open_to_all(const struct rp_hba_row *r)
{
	static const char *const any[] = {"0.0.0.0/0", "::/0", "all", "0.0.0.0/0.0.0.0", "::0/0", NULL};

	if (strncmp(r->type, "host", 4) != 0 || r->address == NULL || strcmp(r->method, "reject") == 0)
		return false;
	for (size_t i = 0; any[i]; i++)
		if (strcmp(r->address, any[i]) == 0)
			return true;
	return false;
}

static void pg_listen_one(struct rp_emit *em, const struct rp_pg_cluster *c)
{
	const struct rp_kv_entry *e;
	char *t = pg_target(c);
	size_t open = 0;

	if (t == NULL)
		return;
	if (!pg_conf_ok(em, t, c))
		goto out;
	emit_problems(em, t, c->conf.problems, c->conf.nproblems);
	if (!pg_beyond(c, &e)) {
		if (e)
			rp_emitf(em, RP_ST_PASS, t, e->path, e->line, "%s (loopback only)", e->text);
		else
			rp_emitf(em, RP_ST_PASS, t, c->conf_path, 0,
				 "listen_addresses not set; PostgreSQL default is 'localhost'");
		goto out;
	}
	for (size_t i = 0; i < c->hba.n; i++)
		open += hba_open_to_all(&c->hba.v[i]);
	if (open > 0) {
		rp_emitf(em, RP_ST_FAIL, t, e ? e->path : c->conf_path, e ? e->line : 0,
			 "%s; pg_hba.conf accepts connections from any address", e ? e->text : "listen_addresses");
		for (size_t i = 0, k = 0; i < c->hba.n && k < EVIDENCE_MAX; i++)
			if (hba_open_to_all(&c->hba.v[i])) {
				rp_emit_more(em, c->hba.v[i].path, c->hba.v[i].line, "%s", c->hba.v[i].text);
				k++;
			}
	} else {
		rp_emitf(em, RP_ST_WARN, t, e ? e->path : c->conf_path, e ? e->line : 0,
			 "%s: listens beyond loopback (pg_hba.conf limits who may connect)",
			 e ? e->text : "listen_addresses");
		rp_emit_severity(em, RP_SEV_MEDIUM);
	}
out:
	free(t);
}

static void check_pg_listen(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);

	(void)pol;
	if (f->npg == 0) {
		rp_emitf(em, RP_ST_NA, "postgresql", NULL, 0, "PostgreSQL server not installed (no %s)",
			 RP_PG_CONF_GLOB);
		return;
	}
	for (size_t i = 0; i < f->npg; i++)
		pg_listen_one(em, &f->pg[i]);
}

static void pg_trust_one(struct rp_emit *em, const struct rp_pg_cluster *c)
{
	char *t = pg_target(c);
	size_t bad = 0;

	if (t == NULL)
		return;
	if (c->hba_status != RP_OK && c->hba_status != RP_ERR_BINARY) {
		rp_emitf(em, RP_ST_ERROR, t, c->hba_path, 0, "cannot read %s: %s", c->hba_path,
			 rp_strerror(c->hba_status));
		goto out;
	}
	emit_problems(em, t, c->hba.problems, c->hba.nproblems);
	if (c->hba_status != RP_OK)
		goto out;
	for (size_t i = 0; i < c->hba.n; i++) {
		const struct rp_hba_row *r = &c->hba.v[i];
		bool local = strcmp(r->type, "local") == 0;
		if (strcmp(r->method, "trust") == 0) {
			rp_emitf(em, local ? RP_ST_WARN : RP_ST_FAIL, t, r->path, r->line,
				 "%s: %s lets anyone %s log in as any matching user without a password", r->text,
				 r->method, local ? "with a local account" : "who can connect");
			if (local)
				rp_emit_severity(em, RP_SEV_MEDIUM);
		} else if (strcmp(r->method, "password") == 0) {
			rp_emitf(em, RP_ST_FAIL, t, r->path, r->line, "%s: password sends the password in clear text",
				 r->text);
			if (local)
				rp_emit_severity(em, RP_SEV_MEDIUM);
		} else if (strcmp(r->method, "md5") == 0) {
			rp_emitf(em, RP_ST_WARN, t, r->path, r->line,
				 "%s: md5 is weaker than scram-sha-256 (MD5 hashes are password equivalents)", r->text);
			rp_emit_severity(em, RP_SEV_LOW);
		} else {
			continue;
		}
		bad++;
	}
	if (bad == 0) {
		rp_emitf(em, RP_ST_PASS, t, c->hba_path, 0, "%zu pg_hba.conf rows, none uses trust, password or md5",
			 c->hba.n);
		for (size_t i = 0; i < c->hba.n && i < EVIDENCE_MAX; i++)
			rp_emit_more(em, c->hba.v[i].path, c->hba.v[i].line, "%s", c->hba.v[i].text);
	}
out:
	free(t);
}

static void check_pg_trust(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);

	(void)pol;
	if (f->npg == 0) {
		rp_emitf(em, RP_ST_NA, "postgresql", NULL, 0, "PostgreSQL server not installed (no %s)",
			 RP_PG_CONF_GLOB);
		return;
	}
	for (size_t i = 0; i < f->npg; i++)
		pg_trust_one(em, &f->pg[i]);
}

static void check_pg_ssl(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);

	(void)pol;
	if (f->npg == 0) {
		rp_emitf(em, RP_ST_NA, "postgresql", NULL, 0, "PostgreSQL server not installed (no %s)",
			 RP_PG_CONF_GLOB);
		return;
	}
	for (size_t i = 0; i < f->npg; i++) {
		const struct rp_pg_cluster *c = &f->pg[i];
		const struct rp_kv_entry *listen, *ssl;
		char *t = pg_target(c);
		bool beyond, on;

		if (t == NULL)
			return;
		if (!pg_conf_ok(em, t, c)) {
			free(t);
			continue;
		}
		beyond = pg_beyond(c, &listen);
		ssl = rp_kv_last(&c->conf, "ssl", NULL);
		on = ssl != NULL && ssl->value[0] != '\0' && truthy(ssl->value);
		if (on)
			rp_emitf(em, RP_ST_PASS, t, ssl->path, ssl->line, "%s", ssl->text);
		else if (!beyond)
			rp_emitf(em, RP_ST_PASS, t, listen ? listen->path : c->conf_path, listen ? listen->line : 0,
				 "ssl %s, but the server listens on loopback only (%s)", ssl ? "off" : "not set",
				 listen ? listen->value : "default 'localhost'");
		else if (ssl)
			rp_emitf(em, RP_ST_WARN, t, ssl->path, ssl->line, "%s while listening on %s", ssl->text,
				 listen ? listen->value : "?");
		else
			rp_emitf(em, RP_ST_WARN, t, c->conf_path, 0,
				 "ssl not set (PostgreSQL default off) while listening on %s",
				 listen ? listen->value : "?");
		free(t);
	}
}

/* MySQL / MariaDB */

/* Groups mysqld and mariadbd read: [mysqld], [server], [mariadb],
 * [mariadbd] and their version-suffixed forms ([mysqld-8.0], [mariadb-10.11]). */
static bool server_group(const char *s)
{
	static const char *const g[] = {"mysqld", "server", "mariadb", "mariadbd", NULL};

	if (s == NULL)
		return false;
	for (size_t i = 0; g[i]; i++) {
		size_t n = strlen(g[i]);
		if (strncmp(s, g[i], n) == 0 && (s[n] == '\0' || s[n] == '-'))
			return true;
	}
	return false;
}

static const struct rp_kv_entry *my_get(const struct rp_backend_facts *f, const char *key)
{
	for (size_t i = f->mysql.n; i-- > 0;)
		if (strcmp(f->mysql.v[i].key, key) == 0 && server_group(f->mysql.v[i].section))
			return &f->mysql.v[i];
	return NULL;
}

static const char *my_name(const struct rp_backend_facts *f)
{
	return f->mariadb ? "mariadb" : "mysql";
}

/* Emits the not-applicable or error finding when the MySQL checks cannot run. */
static bool my_ok(const struct rp_backend_facts *f, struct rp_emit *em)
{
	if (!f->mysql_present) {
		rp_emitf(em, RP_ST_NA, "mysql", NULL, 0,
			 "MySQL/MariaDB server not installed (no /usr/sbin/mysqld or /usr/sbin/mariadbd)");
		return false;
	}
	if (f->mysql_status != RP_OK && f->mysql_status != RP_ERR_NOTFOUND) {
		rp_emitf(em, RP_ST_ERROR, my_name(f), RP_MYSQL_CNF, 0, "cannot read %s: %s", RP_MYSQL_CNF,
			 rp_strerror(f->mysql_status));
		return false;
	}
	return true;
}

static void check_mysql_bind(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	const struct rp_kv_entry *b, *skip;

	(void)pol;
	if (!my_ok(f, em))
		return;
	emit_problems(em, my_name(f), f->mysql.problems, f->mysql.nproblems);
	skip = my_get(f, "skip_networking");
	b = my_get(f, "bind_address");
	if (skip != NULL && truthy(skip->value))
		rp_emitf(em, RP_ST_PASS, my_name(f), skip->path, skip->line, "%s: no TCP listener", skip->text);
	else if (b == NULL)
		rp_emitf(em, RP_ST_WARN, my_name(f), RP_MYSQL_CNF, 0,
			 "bind-address not set in a server group: the server listens on all interfaces");
	else if (list_beyond_loopback(b->value, ","))
		rp_emitf(em, RP_ST_WARN, my_name(f), b->path, b->line, "%s: listens beyond loopback", b->text);
	else
		rp_emitf(em, RP_ST_PASS, my_name(f), b->path, b->line, "%s (loopback only)", b->text);
}

static void check_mysql_skip_grant(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	const struct rp_kv_entry *e;

	(void)pol;
	if (!my_ok(f, em))
		return;
	e = my_get(f, "skip_grant_tables");
	if (e != NULL && truthy(e->value))
		rp_emitf(em, RP_ST_FAIL, my_name(f), e->path, e->line,
			 "%s: every client connects with all privileges and no password", e->text);
	else if (e != NULL)
		rp_emitf(em, RP_ST_PASS, my_name(f), e->path, e->line, "%s", e->text);
	else
		rp_emitf(em, RP_ST_PASS, my_name(f), RP_MYSQL_CNF, 0, "skip-grant-tables not set in a server group");
}

static void check_mysql_local_infile(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	const struct rp_kv_entry *e;

	(void)pol;
	if (!my_ok(f, em))
		return;
	e = my_get(f, "local_infile");
	if (e != NULL && truthy(e->value))
		rp_emitf(em, RP_ST_FAIL, my_name(f), e->path, e->line,
			 "%s: clients may LOAD DATA LOCAL INFILE", e->text);
	else if (e != NULL)
		rp_emitf(em, RP_ST_PASS, my_name(f), e->path, e->line, "%s", e->text);
	else if (f->mariadb)
		rp_emitf(em, RP_ST_WARN, my_name(f), RP_MYSQL_CNF, 0,
			 "local_infile not set; MariaDB's default is ON");
	else
		rp_emitf(em, RP_ST_PASS, my_name(f), RP_MYSQL_CNF, 0, "local_infile not set; MySQL 8 default is OFF");
}

/* Redis */

struct redis_view {
	const struct rp_kv_entry *bind, *pm, *pass, *aclfile, *user;
	bool beyond, protected_off, auth;
};

static bool redis_user_has_password(const char *v)
{
	const char *p = v;

	if (strstr(v, "nopass") != NULL)
		return false;
	for (; *p; p++)
		if ((*p == '>' || *p == '#') && (p == v || p[-1] == ' '))
			return true;
	return false;
}

static struct redis_view redis_view(const struct rp_backend_facts *f)
{
	struct redis_view r = {0};

	r.bind = rp_kv_last(&f->redis, "bind", NULL);
	r.pm = rp_kv_last(&f->redis, "protected-mode", NULL);
	r.pass = rp_kv_last(&f->redis, "requirepass", NULL);
	r.aclfile = rp_kv_last(&f->redis, "aclfile", NULL);
	for (size_t i = 0; i < f->redis.n && r.user == NULL; i++)
		if (strcmp(f->redis.v[i].key, "user") == 0 && redis_user_has_password(f->redis.v[i].value))
			r.user = &f->redis.v[i];
	if (r.pass != NULL && r.pass->value[0] == '\0')
		r.pass = NULL;
	r.beyond = r.bind == NULL || list_beyond_loopback(r.bind->value, " ");
	r.protected_off = r.pm != NULL && strcasecmp(r.pm->value, "no") == 0;
	r.auth = r.pass || r.aclfile || r.user;
	return r;
}

static bool redis_ok(const struct rp_backend_facts *f, struct rp_emit *em)
{
	if (f->redis_status == RP_OK)
		return true;
	if (f->redis_status == RP_ERR_NOTFOUND)
		rp_emitf(em, RP_ST_NA, "redis", NULL, 0, "Redis not installed (no %s)", RP_REDIS_CONF);
	else
		rp_emitf(em, RP_ST_ERROR, "redis", RP_REDIS_CONF, 0, "cannot read %s: %s", RP_REDIS_CONF,
			 rp_strerror(f->redis_status));
	return false;
}

static void redis_auth_evidence(struct rp_emit *em, const struct redis_view *r)
{
	const struct rp_kv_entry *a = r->pass ? r->pass : r->aclfile ? r->aclfile : r->user;

	/* never the password itself */
	if (a != NULL)
		rp_emit_more(em, a->path, a->line, "%s is set", a->key);
}

static void check_redis_bind(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	struct redis_view r;

	(void)pol;
	if (!redis_ok(f, em))
		return;
	emit_problems(em, "redis", f->redis.problems, f->redis.nproblems);
	r = redis_view(f);
	if (!r.beyond) {
		rp_emitf(em, RP_ST_PASS, "redis", r.bind->path, r.bind->line, "%s (loopback only)", r.bind->text);
		return;
	}
	if (r.bind)
		rp_emitf(em, r.protected_off && !r.auth ? RP_ST_FAIL : RP_ST_WARN, "redis", r.bind->path,
			 r.bind->line, "%s: listens beyond loopback", r.bind->text);
	else
		rp_emitf(em, r.protected_off && !r.auth ? RP_ST_FAIL : RP_ST_WARN, "redis", RP_REDIS_CONF, 0,
			 "bind not set: Redis listens on all interfaces");
	if (r.protected_off && !r.auth)
		rp_emit_more(em, r.pm->path, r.pm->line, "%s and no requirepass, aclfile or user with a password",
			     r.pm->text);
	else
		rp_emit_severity(em, RP_SEV_MEDIUM);
}

static void check_redis_protected(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	struct redis_view r;

	(void)pol;
	if (!redis_ok(f, em))
		return;
	r = redis_view(f);
	if (!r.protected_off) {
		if (r.pm)
			rp_emitf(em, RP_ST_PASS, "redis", r.pm->path, r.pm->line, "%s", r.pm->text);
		else
			rp_emitf(em, RP_ST_PASS, "redis", RP_REDIS_CONF, 0,
				 "protected-mode not set; Redis default is yes");
	} else if (r.auth) {
		rp_emitf(em, RP_ST_PASS, "redis", r.pm->path, r.pm->line, "%s, but clients must authenticate",
			 r.pm->text);
		redis_auth_evidence(em, &r);
	} else {
		rp_emitf(em, RP_ST_FAIL, "redis", r.pm->path, r.pm->line,
			 "%s and no requirepass, aclfile or user with a password", r.pm->text);
	}
}

static void check_redis_auth(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	struct redis_view r;

	(void)pol;
	if (!redis_ok(f, em))
		return;
	r = redis_view(f);
	if (r.auth) {
		rp_emitf(em, RP_ST_PASS, "redis", NULL, 0, "clients must authenticate");
		redis_auth_evidence(em, &r);
	} else if (!r.beyond) {
		rp_emitf(em, RP_ST_PASS, "redis", r.bind->path, r.bind->line,
			 "no password, but %s (loopback only)", r.bind->text);
	} else if (!r.protected_off) {
		rp_emitf(em, RP_ST_WARN, "redis", r.bind ? r.bind->path : RP_REDIS_CONF, r.bind ? r.bind->line : 0,
			 "no requirepass, aclfile or user with a password while listening beyond loopback; "
			 "only protected-mode keeps remote clients out");
		rp_emit_severity(em, RP_SEV_MEDIUM);
	} else {
		rp_emitf(em, RP_ST_FAIL, "redis", r.bind ? r.bind->path : RP_REDIS_CONF, r.bind ? r.bind->line : 0,
			 "no requirepass, aclfile or user with a password while listening beyond loopback");
		rp_emit_more(em, r.pm->path, r.pm->line, "%s", r.pm->text);
	}
}

/* MongoDB */

static bool mongo_ok(const struct rp_backend_facts *f, struct rp_emit *em)
{
	if (f->mongo_status == RP_OK)
		return true;
	if (f->mongo_status == RP_ERR_NOTFOUND) {
		rp_emitf(em, RP_ST_NA, "mongodb", NULL, 0, "MongoDB not installed (no %s)", RP_MONGO_CONF);
		return false;
	}
	rp_emitf(em, RP_ST_ERROR, "mongodb", RP_MONGO_CONF, 0, "cannot read %s: %s", RP_MONGO_CONF,
		 rp_strerror(f->mongo_status));
	for (size_t i = 0; i < f->mongo_problems.n && i < EVIDENCE_MAX; i++)
		rp_emit_more(em, NULL, 0, "%s", f->mongo_problems.v[i]);
	return false;
}

static bool mongo_beyond(const struct rp_backend_facts *f)
{
	if (f->mongo_bind_all.value && truthy(f->mongo_bind_all.value) && f->mongo_bind_all.value[0])
		return true;
	return f->mongo_bind_ip.value != NULL && list_beyond_loopback(f->mongo_bind_ip.value, ",");
}

static bool mongo_auth(const struct rp_backend_facts *f)
{
	return f->mongo_auth.value != NULL && strcmp(f->mongo_auth.value, "enabled") == 0;
}

static void check_mongo_bind(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	const struct rp_mongo_setting *s;

	(void)pol;
	if (!mongo_ok(f, em))
		return;
	for (size_t i = 0; i < f->mongo_problems.n; i++)
		rp_emitf(em, RP_ST_ERROR, "mongodb", NULL, 0, "%s", f->mongo_problems.v[i]);
	s = f->mongo_bind_all.value && truthy(f->mongo_bind_all.value) ? &f->mongo_bind_all : &f->mongo_bind_ip;
	if (!mongo_beyond(f)) {
		if (s->value)
			rp_emitf(em, RP_ST_PASS, "mongodb", RP_MONGO_CONF, s->line, "net.bindIp: %s (loopback only)",
				 s->value);
		else
			rp_emitf(em, RP_ST_PASS, "mongodb", RP_MONGO_CONF, 0,
				 "net.bindIp not set; mongod's default is localhost");
		return;
	}
	rp_emitf(em, mongo_auth(f) ? RP_ST_WARN : RP_ST_FAIL, "mongodb", RP_MONGO_CONF, s->line, "%s: %s",
		 s == &f->mongo_bind_all ? "net.bindIpAll" : "net.bindIp", s->value);
	if (mongo_auth(f))
		rp_emit_severity(em, RP_SEV_MEDIUM);
	else
		rp_emit_more(em, RP_MONGO_CONF, f->mongo_auth.line, "security.authorization: %s",
			     f->mongo_auth.value ? f->mongo_auth.value : "not set (default disabled)");
}

static void check_mongo_auth(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	const char *v;

	(void)pol;
	if (!mongo_ok(f, em))
		return;
	v = f->mongo_auth.value ? f->mongo_auth.value : "not set (default disabled)";
	if (mongo_auth(f)) {
		rp_emitf(em, RP_ST_PASS, "mongodb", RP_MONGO_CONF, f->mongo_auth.line, "security.authorization: %s",
			 v);
	} else if (mongo_beyond(f)) {
		rp_emitf(em, RP_ST_FAIL, "mongodb", RP_MONGO_CONF, f->mongo_auth.line,
			 "security.authorization: %s while listening beyond loopback", v);
	} else {
		rp_emitf(em, RP_ST_WARN, "mongodb", RP_MONGO_CONF, f->mongo_auth.line,
			 "security.authorization: %s; any local user has full access", v);
		rp_emit_severity(em, RP_SEV_MEDIUM);
	}
}

/* Processes */

static void check_runs_as_root(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_backend_facts *f = bf(facts);
	struct rp_strlist names = {0};

	(void)pol;
	if (!f->live) {
		rp_emitf(em, RP_ST_NA, "backends", NULL, 0, "live-only check: processes are not visible with --root");
		return;
	}
	if (f->proc_status != RP_OK) {
		rp_emitf(em, RP_ST_ERROR, "backends", "/proc", 0, "cannot list processes: %s",
			 rp_strerror(f->proc_status));
		return;
	}
	if (f->nprocs == 0) {
		rp_emitf(em, RP_ST_NA, "backends", "/proc", 0,
			 "no database or queue backend process running (%zu processes examined)", f->pids_scanned);
		return;
	}
	for (size_t i = 0; i < f->nprocs; i++)
		if (!rp_strlist_has(&names, f->procs[i].name))
			rp_strlist_add(&names, f->procs[i].name);
	for (size_t k = 0; k < names.n; k++) {
		size_t total = 0, root = 0, shown = 0;
		const struct rp_backend_proc *any = NULL;
		for (size_t i = 0; i < f->nprocs; i++) {
			if (strcmp(f->procs[i].name, names.v[k]) != 0)
				continue;
			total++;
			any = &f->procs[i];
			root += f->procs[i].uid == 0;
		}
		if (any == NULL)
			continue;
		if (root == 0) {
			rp_emitf(em, RP_ST_PASS, names.v[k], NULL, 0, "%zu %s process(es) run as uid %lu, not root",
				 total, any->comm, any->uid);
			continue;
		}
		rp_emitf(em, RP_ST_FAIL, names.v[k], NULL, 0, "%zu of %zu %s process(es) run as root", root, total,
			 any->comm);
		for (size_t i = 0; i < f->nprocs && shown < EVIDENCE_MAX; i++)
			if (strcmp(f->procs[i].name, names.v[k]) == 0 && f->procs[i].uid == 0) {
				rp_emit_more(em, NULL, 0, "pid %ld (%s) uid 0", f->procs[i].pid, f->procs[i].comm);
				shown++;
			}
	}
	rp_strlist_clear(&names);
}

const struct rp_check rp_checks_backends[] = {
    {"db.postgres-listen", "PostgreSQL listens only where it must", {"2.8", "4.1"}, RP_SEV_HIGH, RP_TARGET_HOST,
     "Set listen_addresses = 'localhost' unless remote clients need it, and restrict pg_hba.conf host rows to "
     "their networks.",
     check_pg_listen},
    {"db.postgres-trust", "PostgreSQL requires real authentication", {"4.1", "4.2"}, RP_SEV_HIGH,
     RP_TARGET_HOST, "Use scram-sha-256 (or peer for local rows) instead of trust, password and md5 in pg_hba.conf.",
     check_pg_trust},
    {"db.postgres-ssl", "PostgreSQL encrypts remote connections", {"5.2"}, RP_SEV_MEDIUM, RP_TARGET_HOST,
     "Set ssl = on with a certificate, and use hostssl rows for remote clients.", check_pg_ssl},
    {"db.mysql-bind", "MySQL/MariaDB listens on loopback only", {"2.8", "4.1"}, RP_SEV_MEDIUM, RP_TARGET_HOST,
     "Set bind-address = 127.0.0.1 in [mysqld] unless remote clients need it.", check_mysql_bind},
    {"db.mysql-skip-grant-tables", "MySQL/MariaDB enforces its privilege tables", {"4.1", "4.2"},
     RP_SEV_CRITICAL, RP_TARGET_HOST, "Remove skip-grant-tables from the server configuration and restart.",
     check_mysql_skip_grant},
    {"db.mysql-local-infile", "MySQL/MariaDB refuses LOAD DATA LOCAL", {"4.1"}, RP_SEV_LOW, RP_TARGET_HOST,
     "Set local_infile = 0 in [mysqld].", check_mysql_local_infile},
    {"db.redis-bind", "Redis listens on loopback only", {"2.8", "4.1"}, RP_SEV_HIGH, RP_TARGET_HOST,
     "Set 'bind 127.0.0.1 -::1' in redis.conf unless remote clients need it.", check_redis_bind},
    {"db.redis-protected-mode", "Redis protected mode is on or clients authenticate", {"4.1", "4.2"},
     RP_SEV_HIGH, RP_TARGET_HOST, "Set 'protected-mode yes', or configure requirepass or ACL users.",
     check_redis_protected},
    {"db.redis-auth", "Redis clients authenticate", {"4.1", "4.2"}, RP_SEV_HIGH, RP_TARGET_HOST,
     "Set requirepass or define ACL users with passwords (user/aclfile).", check_redis_auth},
    {"db.mongo-bind", "MongoDB listens on loopback only", {"2.8", "4.1"}, RP_SEV_HIGH, RP_TARGET_HOST,
     "Set net.bindIp: 127.0.0.1 unless remote clients need it, and enable authorization.", check_mongo_bind},
    {"db.mongo-auth", "MongoDB enforces authorization", {"4.1", "4.2"}, RP_SEV_HIGH, RP_TARGET_HOST,
     "Set security.authorization: enabled in /etc/mongod.conf.", check_mongo_auth},
    {"db.runs-as-root", "Database backends do not run as root", {"4.1"}, RP_SEV_HIGH, RP_TARGET_HOST,
     "Run the service as its own unprivileged account (User= in its systemd unit).", check_runs_as_root},
    {.id = NULL},
};
