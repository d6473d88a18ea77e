#include "probe/host/sockets.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"

/* /proc/net/tcp lines are ~150 bytes: this allows ~400k sockets per table. */
#define PROCNET_FILE_MAX ((size_t)64 << 20)

static const struct {
	const char *path;
	enum rp_procnet_proto proto;
	int family;
} tables[] = {
    {"/proc/net/tcp", RP_PROCNET_TCP, AF_INET},
    {"/proc/net/tcp6", RP_PROCNET_TCP, AF_INET6},
    {"/proc/net/udp", RP_PROCNET_UDP, AF_INET},
    {"/proc/net/udp6", RP_PROCNET_UDP, AF_INET6},
};

static const char *table_path(enum rp_procnet_proto proto, int family)
{
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (tables[i].proto == proto && tables[i].family == family)
			return tables[i].path;
	return NULL;
}

static int sock_cmp(const void *a, const void *b)
{
	const struct rp_procnet_sock *x = a, *y = b;
	int c;

	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	if (x->lport != y->lport)
		return x->lport < y->lport ? -1 : 1;
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if ((c = memcmp(x->laddr, y->laddr, 16)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return 0;
}

static bool same_endpoint(const struct rp_procnet_sock *x, const struct rp_procnet_sock *y)
{
	return x->proto == y->proto && x->lport == y->lport && x->family == y->family &&
	       memcmp(x->laddr, y->laddr, 16) == 0;
}

struct inode_ref {
	unsigned long long inode;
	size_t listener;
};

static int inode_cmp(const void *a, const void *b)
{
	const struct inode_ref *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->listener < y->listener ? -1 : (x->listener > y->listener);
}

/* Reads at most size-1 bytes of a small /proc file below dirfd as a string. */
static ssize_t read_small(int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	buf[0] = '\0';
	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1) {
		n = read(fd, buf + total, size - 1 - (size_t)total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += n;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

/* The effective uid from the "Uid:\treal\teffective\t..." line of status. */
static bool status_euid(const char *status, unsigned long *uid)
{
	const char *p = strstr(status, "\nUid:");
	unsigned long long v = 0;
	int field = 0;

	if (p == NULL)
		return false;
	p += 5;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		v = 0;
		while (*p >= '0' && *p <= '9' && v <= UINT32_MAX)
			v = v * 10 + (unsigned long long)(*p++ - '0');
		if (v > UINT32_MAX)
			return false;
		if (++field == 2)
			break;
	}
	*uid = (unsigned long)v;
	return true;
}

static int fill_owner(int procfd, const char *pid, struct rp_sock_owner *o)
{
	char path[64], buf[4096];
	long v = 0;
	ssize_t n;

	if (rp_parse_long(pid, 1, INT32_MAX, &v) != RP_OK)
		return RP_ERR_PARSE;
	o->pid = v;
	snprintf(path, sizeof(path), "%s/comm", pid);
	if ((n = read_small(procfd, path, buf, 64)) > 0) {
		if (buf[n - 1] == '\n')
			buf[n - 1] = '\0';
		if ((o->comm = rp_strndup_printable(buf, 64)) == NULL)
			return RP_ERR_NOMEM;
	}
	snprintf(path, sizeof(path), "%s/exe", pid);
	if ((n = readlinkat(procfd, path, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		if ((o->exe = rp_strndup_printable(buf, sizeof(buf))) == NULL)
			return RP_ERR_NOMEM;
	}
	snprintf(path, sizeof(path), "%s/status", pid);
	if (read_small(procfd, path, buf, sizeof(buf)) > 0)
		o->uid_known = status_euid(buf, &o->uid);
	return RP_OK;
}

/* "socket:[12345]" -> 12345. */
static bool socket_inode(const char *link, size_t n, unsigned long long *inode)
{
	unsigned long long v = 0;
	size_t i = 8;

	if (n < 10 || memcmp(link, "socket:[", 8) != 0 || link[n - 1] != ']')
		return false;
	for (; i < n - 1; i++) {
		if (link[i] < '0' || link[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (unsigned long long)(link[i] - '0');
	}
	*inode = v;
	return i > 8;
}

static bool is_pid(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A socket belongs to one endpoint, so an inode appears at most once. */
static struct inode_ref *find_inode(struct inode_ref *refs, size_t n, unsigned long long inode)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (refs[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && refs[lo].inode == inode ? &refs[lo] : NULL;
}

struct scan {
	struct rp_socket_facts *f;
	struct inode_ref *refs;
	size_t nrefs;
	size_t remaining; /* listeners with an inode and no owner yet */
	int procfd;
};

/* Looks at the fds of one process; returns RP_ERR_NOMEM or RP_OK. */
static int scan_pid(struct scan *sc, const char *pid)
{
	struct rp_socket_facts *f = sc->f;
	char path[64], link[64];
	struct dirent *de;
	DIR *d = NULL;
	int fd, ret = RP_OK;

	snprintf(path, sizeof(path), "%s/fd", pid);
	fd = openat(sc->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		/* ENOENT/ESRCH: it exited meanwhile, which is normal. */
		if (errno == EACCES || errno == EPERM)
			f->pids_denied++;
		return RP_OK;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return RP_OK;
	}
	while (sc->remaining > 0 && (de = readdir(d)) != NULL) {
		struct inode_ref key = {0, 0}, *hit;
		struct rp_listener *l;
		ssize_t n;

		if (de->d_name[0] == '.')
			continue;
		if (f->fds_scanned >= RP_SOCK_SCAN_MAX_FDS) {
			f->scan_limited = true;
			break;
		}
		f->fds_scanned++;
		n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (n <= 0 || !socket_inode(link, (size_t)n, &key.inode))
			continue;
		if ((hit = find_inode(sc->refs, sc->nrefs, key.inode)) == NULL)
			continue;
		l = &f->v[hit->listener];
		if (l->owner_known && l->owner.pid != 1)
			continue;
		if (l->owner_known) {
			/* Socket activation: init (systemd) holds the socket and
			 * passes it to the service, which is the owner to name. */
			free(l->owner.comm);
			free(l->owner.exe);
			memset(&l->owner, 0, sizeof(l->owner));
			l->init_holds = true;
		}
		if ((ret = fill_owner(sc->procfd, pid, &l->owner)) == RP_ERR_NOMEM)
			break;
		ret = RP_OK;
		l->owner_known = true;
		if (l->owner.pid != 1)
			sc->remaining--;
	}
	closedir(d);
	return ret;
}

/* Maps socket inodes to processes by reading /proc/PID/fd/N links, stopping
 * once every listener has an owner. */
static int scan_owners(const struct rp_root *root, struct rp_socket_facts *f, const struct rp_procnet *pn,
		       const size_t *listener_of, struct rp_diag *diag)
{
	struct scan sc = {f, NULL, 0, 0, -1};
	struct dirent *de;
	DIR *d = NULL;
	int ret;

	if ((sc.refs = calloc(pn->n ? pn->n : 1, sizeof(*sc.refs))) == NULL)
		return RP_ERR_NOMEM;
	for (size_t i = 0; i < pn->n; i++) {
		if (pn->v[i].inode == 0)
			continue;
		sc.refs[sc.nrefs].inode = pn->v[i].inode;
		sc.refs[sc.nrefs].listener = listener_of[i];
		sc.nrefs++;
	}
	qsort(sc.refs, sc.nrefs, sizeof(*sc.refs), inode_cmp);
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].inode != 0)
			sc.remaining++;
	if (sc.remaining == 0) {
		ret = RP_OK;
		goto out;
	}
	if ((ret = rp_root_openat(root, "/proc", O_RDONLY | O_DIRECTORY, &sc.procfd)) != RP_OK) {
		rp_diag_add(diag, "/proc", 0, "cannot list processes: %s", rp_strerror(ret));
		ret = RP_OK; /* owners stay unknown; the listeners are still facts */
		goto out;
	}
	if ((d = fdopendir(sc.procfd)) == NULL) {
		close(sc.procfd);
		ret = RP_OK;
		goto out;
	}
	/* sc.procfd is owned by d now */
	while (sc.remaining > 0 && (de = readdir(d)) != NULL) {
		if (!is_pid(de->d_name) || strlen(de->d_name) > 10)
			continue;
		if (f->pids_scanned >= RP_SOCK_SCAN_MAX_PIDS || f->scan_limited) {
			f->scan_limited = true;
			break;
		}
		f->pids_scanned++;
		if ((ret = scan_pid(&sc, de->d_name)) != RP_OK)
			goto out;
	}
	ret = RP_OK;
out:
	if (d != NULL)
		closedir(d);
	free(sc.refs);
	return ret;
}

static int build_listeners(struct rp_socket_facts *f, struct rp_procnet *pn, size_t **listener_of)
{
	size_t *map = NULL;

	*listener_of = NULL;
	if (pn->n == 0)
		return RP_OK;
	qsort(pn->v, pn->n, sizeof(*pn->v), sock_cmp);
	if ((f->v = calloc(pn->n, sizeof(*f->v))) == NULL || (map = calloc(pn->n, sizeof(*map))) == NULL)
		return RP_ERR_NOMEM;
	for (size_t i = 0; i < pn->n; i++) {
		const struct rp_procnet_sock *s = &pn->v[i];
		struct rp_listener *l;

		if (i > 0 && same_endpoint(s, &pn->v[i - 1])) {
			l = &f->v[f->n - 1];
			l->nsockets++;
			if (l->inode == 0)
				l->inode = s->inode;
			map[i] = f->n - 1;
			continue;
		}
		l = &f->v[f->n];
		map[i] = f->n++;
		l->proto = s->proto;
		l->family = s->family;
		rp_addr_text(s->family, s->laddr, l->addr, sizeof(l->addr));
		l->port = s->lport;
		l->scope = rp_addr_scope_of(s->family, s->laddr);
		l->uid = s->uid;
		l->inode = s->inode;
		l->source = table_path(s->proto, s->family);
		l->line = s->line;
		l->nsockets = 1;
	}
	*listener_of = map;
	return RP_OK;
}

int rp_probe_sockets(const struct rp_root *root, struct rp_socket_facts *f, struct rp_diag *diag)
{
	struct rp_procnet pn = {0};
	struct rp_buf buf;
	size_t *listener_of = NULL;
	int ret = RP_OK;

	memset(f, 0, sizeof(*f));
	rp_buf_init(&buf, PROCNET_FILE_MAX);
	f->live = root != NULL && root->live;
	if (!f->live) {
		f->status = RP_ERR_UNSUPPORTED;
		goto out;
	}
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		int r = rp_root_read_file(root, tables[i].path, PROCNET_FILE_MAX, &buf);

		if (r == RP_ERR_NOTFOUND && tables[i].family == AF_INET6)
			continue; /* IPv6 disabled */
		if (r == RP_OK)
			r = rp_procnet_parse(&pn, tables[i].path, buf.data, buf.len, tables[i].proto,
					     tables[i].family, RP_PROCNET_LISTENING_ONLY, diag);
		if (r == RP_ERR_NOMEM) {
			ret = r;
			goto out;
		}
		if (r != RP_OK) {
			rp_diag_add(diag, tables[i].path, 0, "cannot read the socket table: %s",
				    rp_strerror(r));
			if (f->status == RP_OK) {
				f->status = r;
				f->error = rp_asprintf("%s: %s", tables[i].path, rp_strerror(r));
			}
		}
	}
	f->malformed = pn.malformed;
	f->truncated = pn.truncated;
	if ((ret = build_listeners(f, &pn, &listener_of)) != RP_OK)
		goto out;
	if (f->n > 0)
		ret = scan_owners(root, f, &pn, listener_of, diag);
out:
	if (ret == RP_ERR_NOMEM && f->status == RP_OK)
		f->status = ret;
	free(listener_of);
	rp_procnet_free(&pn);
	rp_buf_free(&buf);
	return ret;
}

void rp_socket_facts_free(struct rp_socket_facts *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].owner.comm);
		free(f->v[i].owner.exe);
	}
	free(f->v);
	free(f->error);
	memset(f, 0, sizeof(*f));
}

const char *rp_listener_owner_gap(const struct rp_socket_facts *f, const struct rp_listener *l)
{
	if (l->owner_known)
		return NULL;
	if (f->pids_denied > 0)
		return "owner unknown (run as root)";
	if (f->scan_limited)
		return "owner unknown (process scan limit reached)";
	if (l->inode == 0)
		return "owner unknown (socket has no inode)";
	return "owner unknown (no visible process holds it)";
}

int rp_listener_name(const struct rp_listener *l, char *out, size_t outlen)
{
	int n;

	if (l->family == AF_INET6)
		n = snprintf(out, outlen, "%s [%s]:%u", rp_procnet_proto_name(l->proto), l->addr, l->port);
	else
		n = snprintf(out, outlen, "%s %s:%u", rp_procnet_proto_name(l->proto), l->addr, l->port);
	return n < 0 || (size_t)n >= outlen ? RP_ERR_TOO_LARGE : RP_OK;
}
