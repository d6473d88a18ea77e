/* Facts about the database and queue backends of a host: the configuration
 * of PostgreSQL clusters (/etc/postgresql/VERSION/CLUSTER), MySQL/MariaDB
 * (/etc/mysql/my.cnf), Redis (/etc/redis/redis.conf) and MongoDB
 * (/etc/mongod.conf), and, on the live system only, the backend processes
 * that run and their uid (/proc/PID/status). Knows no policy. */
#ifndef RP_PROBE_BACKENDS_H
#define RP_PROBE_BACKENDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/rootfs.h"
#include "parse/keyvalue.h"

#define RP_PG_CONF_GLOB "/etc/postgresql/*/*/postgresql.conf"
#define RP_MYSQL_CNF "/etc/mysql/my.cnf"
#define RP_REDIS_CONF "/etc/redis/redis.conf"
#define RP_MONGO_CONF "/etc/mongod.conf"

/* Bounds of the /proc scan. */
#define RP_BACKEND_SCAN_MAX_PIDS 32768
#define RP_BACKEND_MAX_PROCS 4096

struct rp_pg_cluster {
	char *name; /* "15/main" */
	char *conf_path;
	int status; /* reading postgresql.conf: RP_OK or an rp_err */
	struct rp_kv_config conf;
	char *hba_path;
	int hba_status;
	struct rp_hba hba;
};

/* A setting of mongod.conf: value as written (NULL: not set) and its line. */
struct rp_mongo_setting {
	char *value;
	unsigned line;
};

struct rp_backend_proc {
	long pid;
	char *name; /* the backend: "postgres", "elasticsearch", "rabbitmq" ... */
	char *comm; /* printable */
	unsigned long uid; /* effective */
};

struct rp_backend_facts {
	int status; /* RP_OK */
	/* PostgreSQL: one entry per postgresql.conf found */
	struct rp_pg_cluster *pg;
	size_t npg;
	/* MySQL/MariaDB: present when a server binary is installed */
	bool mysql_present;
	bool mariadb; /* mariadbd (or mysqld from MariaDB) rather than Oracle MySQL */
	int mysql_status;
	struct rp_kv_config mysql;
	/* Redis */
	int redis_status; /* RP_ERR_NOTFOUND: not installed */
	struct rp_kv_config redis;
	/* MongoDB */
	int mongo_status;
	struct rp_strlist mongo_problems; /* "path:line: what" */
	struct rp_mongo_setting mongo_bind_ip, mongo_bind_all, mongo_auth;
	/* processes (live only) */
	bool live;
	int proc_status; /* reading /proc */
	struct rp_backend_proc *procs;
	size_t nprocs;
	size_t pids_scanned;
	bool procs_truncated;
};

/* Fills f (cleared first; free with rp_backend_facts_free). Problems go to
 * diag and into the facts; the run goes on. */
int rp_probe_backends(const struct rp_root *root, struct rp_backend_facts *f, struct rp_diag *diag);
void rp_backend_facts_free(struct rp_backend_facts *f);

#endif
