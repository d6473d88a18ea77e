#include "probe/host/backends.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/lines.h"
#include "core/yaml.h"

/* Reads at most size-1 bytes of a small /proc file below dirfd as a string;
 * returns the length or -1. */
static ssize_t read_small(int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

static bool file_exists(const struct rp_root *root, const char *path)
{
	struct stat st;

	return rp_root_stat(root, path, true, &st) == RP_OK;
}

/* PostgreSQL */

static int probe_pg_cluster(const struct rp_root *root, const char *conf, struct rp_pg_cluster *c,
			    struct rp_diag *diag)
{
	const struct rp_kv_entry *e;
	struct rp_buf buf;
	const char *p;
	char *dir = NULL;
	int ret = RP_OK;

	rp_buf_init(&buf, RP_FILE_MAX);
	c->conf_path = strdup(conf);
	/* "/etc/postgresql/15/main/postgresql.conf" -> "15/main" */
	p = conf + strlen("/etc/postgresql/");
	c->name = strndup(p, strlen(p) - strlen("/postgresql.conf"));
	dir = strndup(conf, strlen(conf) - strlen("/postgresql.conf"));
	if (!c->conf_path || !c->name || !dir) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	c->status = rp_kv_load(&c->conf, RP_KV_PG, root, conf, diag);
	if (c->status == RP_ERR_NOMEM) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	if (c->status != RP_OK && c->status != RP_ERR_BINARY)
		rp_diag_add(diag, conf, 0, "cannot read: %s", rp_strerror(c->status));
	e = c->status == RP_OK ? rp_kv_last(&c->conf, "hba_file", NULL) : NULL;
	if (e != NULL && e->value[0] == '/')
		c->hba_path = strdup(e->value);
	else
		c->hba_path = rp_path_join(dir, e != NULL && e->value[0] ? e->value : "pg_hba.conf");
	if (c->hba_path == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	c->hba_status = rp_root_read_file(root, c->hba_path, RP_FILE_MAX, &buf);
	if (c->hba_status == RP_OK) {
		c->hba_status = rp_hba_parse(&c->hba, c->hba_path, buf.data ? buf.data : "", buf.len, diag);
		if (c->hba_status == RP_ERR_NOMEM)
			ret = RP_ERR_NOMEM;
	} else {
		rp_diag_add(diag, c->hba_path, 0, "cannot read: %s", rp_strerror(c->hba_status));
	}
out:
	free(dir);
	rp_buf_free(&buf);
	return ret;
}

static int probe_pg(const struct rp_root *root, struct rp_backend_facts *f, struct rp_diag *diag)
{
	struct rp_strlist confs = {0};
	int ret;

	ret = rp_root_glob(root, "/", RP_PG_CONF_GLOB, &confs);
	if (ret != RP_OK) {
		/* no /etc/postgresql: not installed */
		ret = ret == RP_ERR_NOMEM ? ret : RP_OK;
		goto out;
	}
	if (confs.n > 64)
		confs.n = 64; /* more clusters than anyone runs; the rest are ignored */
	f->pg = calloc(confs.n ? confs.n : 1, sizeof(*f->pg));
	if (f->pg == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < confs.n && ret == RP_OK; i++) {
		f->npg++;
		ret = probe_pg_cluster(root, confs.v[i], &f->pg[i], diag);
	}
out:
	rp_strlist_clear(&confs);
	return ret;
}

/* MongoDB */

static yaml_node_t *map_get(struct rp_yaml *y, yaml_node_t *map, const char *key)
{
	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = rp_yaml_get(y, p->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE && k->data.scalar.length == strlen(key) &&
		    memcmp(k->data.scalar.value, key, k->data.scalar.length) == 0)
			return rp_yaml_get(y, p->value);
	}
	return NULL;
}

static int mongo_set(struct rp_backend_facts *f, yaml_node_t *n, const char *key,
		     struct rp_mongo_setting *out)
{
	if (n == NULL)
		return RP_OK;
	out->line = rp_yaml_line(n);
	if (n->type != YAML_SCALAR_NODE) {
		char *m = rp_asprintf("%s:%u: %s is not a scalar", RP_MONGO_CONF, out->line, key);
		return m ? rp_strlist_take(&f->mongo_problems, m) : RP_ERR_NOMEM;
	}
	out->value = rp_strndup_printable((const char *)n->data.scalar.value,
					  n->data.scalar.length > 1024 ? 1024 : n->data.scalar.length);
	return out->value ? RP_OK : RP_ERR_NOMEM;
}

static int probe_mongo(const struct rp_root *root, struct rp_backend_facts *f, struct rp_diag *diag)
{
	struct rp_yaml y;
	struct rp_diag ydiag = {0};
	struct rp_buf buf;
	yaml_node_t *top, *net, *sec;
	int ret = RP_OK;

	memset(&y, 0, sizeof(y));
	rp_buf_init(&buf, RP_YAML_MAX);
	f->mongo_status = rp_root_read_file(root, RP_MONGO_CONF, RP_YAML_MAX, &buf);
	if (f->mongo_status == RP_ERR_NOTFOUND)
		goto out;
	if (f->mongo_status != RP_OK) {
		rp_diag_add(diag, RP_MONGO_CONF, 0, "cannot read: %s", rp_strerror(f->mongo_status));
		goto out;
	}
	if (rp_text_is_binary(buf.data, buf.len)) {
		f->mongo_status = RP_ERR_BINARY;
		rp_diag_add(diag, RP_MONGO_CONF, 0, "binary data, not a mongod configuration");
		goto out;
	}
	if (rp_yaml_load(&y, RP_MONGO_CONF, buf.data ? buf.data : "", buf.len, &ydiag) != RP_OK) {
		f->mongo_status = RP_ERR_PARSE;
		for (size_t i = 0; i < ydiag.msgs.n; i++) {
			rp_diag_add(diag, NULL, 0, "%s", ydiag.msgs.v[i]);
			rp_strlist_add(&f->mongo_problems, ydiag.msgs.v[i]);
		}
		goto out;
	}
	top = rp_yaml_root(&y);
	net = map_get(&y, top, "net");
	sec = map_get(&y, top, "security");
	if ((ret = mongo_set(f, map_get(&y, net, "bindIp"), "net.bindIp", &f->mongo_bind_ip)) != RP_OK ||
	    (ret = mongo_set(f, map_get(&y, net, "bindIpAll"), "net.bindIpAll", &f->mongo_bind_all)) != RP_OK ||
	    (ret = mongo_set(f, map_get(&y, sec, "authorization"), "security.authorization", &f->mongo_auth)) !=
		RP_OK)
		goto out;
	for (size_t i = 0; i < f->mongo_problems.n; i++)
		rp_diag_add(diag, NULL, 0, "%s", f->mongo_problems.v[i]);
out:
	rp_yaml_free(&y);
	rp_diag_free(&ydiag);
	rp_buf_free(&buf);
	return ret;
}

/* Processes */

static const struct {
	const char *comm;
	const char *name;
	const char *cmdline; /* required in the command line, or NULL */
} backend_procs[] = {
    {"postgres", "postgresql", NULL},
    {"postmaster", "postgresql", NULL},
    {"mysqld", "mysql", NULL},
    {"mariadbd", "mariadb", NULL},
    {"redis-server", "redis", NULL},
    {"mongod", "mongodb", NULL},
    {"memcached", "memcached", NULL},
    {"java", "elasticsearch", "org.elasticsearch"},
    {"beam.smp", "rabbitmq", NULL},
};

static bool cmdline_has(int pfd, const char *needle)
{
	char buf[8192];
	ssize_t n = read_small(pfd, "cmdline", buf, sizeof(buf));
	size_t nl = strlen(needle);

	for (ssize_t i = 0; n > 0 && i + (ssize_t)nl <= n; i++)
		if (memcmp(buf + i, needle, nl) == 0)
			return true;
	return false;
}

static int add_proc(struct rp_backend_facts *f, long pid, const char *name, const char *comm, unsigned long uid)
{
	struct rp_backend_proc *nv, *p;

	if (f->nprocs >= RP_BACKEND_MAX_PROCS) {
		f->procs_truncated = true;
		return RP_OK;
	}
	nv = realloc(f->procs, (f->nprocs + 1) * sizeof(*nv));
	if (nv == NULL)
		return RP_ERR_NOMEM;
	f->procs = nv;
	p = &nv[f->nprocs++];
	p->pid = pid;
	p->uid = uid;
	p->name = strdup(name);
	p->comm = rp_strndup_printable(comm, strlen(comm));
	return p->name && p->comm ? RP_OK : RP_ERR_NOMEM;
}

static int scan_one(struct rp_backend_facts *f, int procfd, const char *pidname)
{
	char comm[64], status[4096];
	const char *u;
	char *end;
	unsigned long uid;
	long pid;
	ssize_t n;
	int pfd, ret = RP_OK;

	pfd = openat(procfd, pidname, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0)
		return RP_OK; /* gone */
	n = read_small(pfd, "comm", comm, sizeof(comm));
	if (n <= 0)
		goto out;
	if (comm[n - 1] == '\n')
		comm[n - 1] = '\0';
	for (size_t i = 0; i < sizeof(backend_procs) / sizeof(backend_procs[0]); i++) {
		if (strcmp(comm, backend_procs[i].comm) != 0)
			continue;
		if (backend_procs[i].cmdline && !cmdline_has(pfd, backend_procs[i].cmdline))
			continue;
		if (read_small(pfd, "status", status, sizeof(status)) <= 0)
			break;
		u = strstr(status, "\nUid:");
		if (u == NULL)
			break;
		/* Uid: real effective saved fs */
		strtoul(u + 5, &end, 10);
		uid = strtoul(end, NULL, 10);
		pid = strtol(pidname, NULL, 10);
		ret = add_proc(f, pid, backend_procs[i].name, comm, uid);
		break;
	}
out:
	close(pfd);
	return ret;
}

static int probe_procs(struct rp_backend_facts *f, struct rp_diag *diag)
{
	struct dirent *de;
	DIR *d;
	int procfd, ret = RP_OK;

	d = opendir("/proc");
	if (d == NULL) {
		f->proc_status = RP_ERR_IO;
		rp_diag_add(diag, "/proc", 0, "cannot list processes");
		return RP_OK;
	}
	procfd = dirfd(d);
	while (ret == RP_OK && (de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (++f->pids_scanned > RP_BACKEND_SCAN_MAX_PIDS) {
			f->procs_truncated = true;
			break;
		}
		ret = scan_one(f, procfd, de->d_name);
	}
	closedir(d);
	return ret;
}

int rp_probe_backends(const struct rp_root *root, struct rp_backend_facts *f, struct rp_diag *diag)
{
	int ret;

	memset(f, 0, sizeof(*f));
	if ((ret = probe_pg(root, f, diag)) != RP_OK)
		goto out;

	f->mariadb = file_exists(root, "/usr/sbin/mariadbd") || file_exists(root, "/etc/mysql/mariadb.cnf");
	f->mysql_present = file_exists(root, "/usr/sbin/mysqld") || file_exists(root, "/usr/sbin/mariadbd");
	f->mysql_status = RP_ERR_NOTFOUND;
	if (f->mysql_present) {
		f->mysql_status = rp_kv_load(&f->mysql, RP_KV_MYCNF, root, RP_MYSQL_CNF, diag);
		if (f->mysql_status == RP_ERR_NOMEM) {
			ret = RP_ERR_NOMEM;
			goto out;
		}
		if (f->mysql_status != RP_OK && f->mysql_status != RP_ERR_BINARY &&
		    f->mysql_status != RP_ERR_NOTFOUND)
			rp_diag_add(diag, RP_MYSQL_CNF, 0, "cannot read: %s", rp_strerror(f->mysql_status));
	}

	f->redis_status = rp_kv_load(&f->redis, RP_KV_REDIS, root, RP_REDIS_CONF, diag);
	if (f->redis_status == RP_ERR_NOMEM) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	if (f->redis_status != RP_OK && f->redis_status != RP_ERR_BINARY && f->redis_status != RP_ERR_NOTFOUND)
		rp_diag_add(diag, RP_REDIS_CONF, 0, "cannot read: %s", rp_strerror(f->redis_status));

	if ((ret = probe_mongo(root, f, diag)) != RP_OK)
		goto out;

	f->live = root->live;
	if (f->live)
		ret = probe_procs(f, diag);
out:
	f->status = ret;
	return ret;
}

void rp_backend_facts_free(struct rp_backend_facts *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->npg; i++) {
		free(f->pg[i].name);
		free(f->pg[i].conf_path);
		free(f->pg[i].hba_path);
		rp_kv_config_free(&f->pg[i].conf);
		rp_hba_free(&f->pg[i].hba);
	}
	free(f->pg);
	rp_kv_config_free(&f->mysql);
	rp_kv_config_free(&f->redis);
	rp_strlist_clear(&f->mongo_problems);
	free(f->mongo_bind_ip.value);
	free(f->mongo_bind_all.value);
	free(f->mongo_auth.value);
	for (size_t i = 0; i < f->nprocs; i++) {
		free(f->procs[i].name);
		free(f->procs[i].comm);
	}
	free(f->procs);
	memset(f, 0, sizeof(*f));
}
