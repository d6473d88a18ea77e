#include "core/rootfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/err.h"

#define GLOB_MAX_RESULTS 4096

static int err_from_errno(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR: return RP_ERR_NOTFOUND;
	case ELOOP: return RP_ERR_LOOP;
	case EXDEV: return RP_ERR_ESCAPE;
	case EACCES:
	case EPERM: return RP_ERR_ACCESS;
	case ENOMEM: return RP_ERR_NOMEM;
	case ENOSYS: return RP_ERR_UNSUPPORTED;
	case EFBIG: return RP_ERR_TOO_LARGE;
	}
	return RP_ERR_IO;
}

int rp_root_open(struct rp_root *r, const char *dir, bool live)
{
	r->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	r->path = NULL;
	r->live = live;
	if (r->fd < 0)
		return err_from_errno(errno);
	r->path = strdup(dir);
	if (r->path == NULL) {
		close(r->fd);
		r->fd = -1;
		return RP_ERR_NOMEM;
	}
	return RP_OK;
}

void rp_root_close(struct rp_root *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->path);
	r->path = NULL;
}

int rp_root_openat(const struct rp_root *r, const char *path, int flags, int *fd_out)
{
	struct open_how how;
	const char *rel = path;
	long fd;

	*fd_out = -1;
	while (*rel == '/')
		rel++;
	if (*rel == '\0')
		rel = ".";
	memset(&how, 0, sizeof(how));
	/* openat2 rejects flags that do not go with O_PATH */
	if (!(flags & O_PATH))
		flags |= O_NOCTTY;
	how.flags = (unsigned long long)(flags | O_CLOEXEC);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	fd = syscall(SYS_openat2, r->fd, rel, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS && r->live) {
		/* Old kernel: on the live system there is nothing to escape from. */
		fd = openat(r->fd, rel, flags | O_CLOEXEC);
	}
	if (fd < 0)
		return err_from_errno(errno);
	*fd_out = (int)fd;
	return RP_OK;
}

int rp_root_read_file(const struct rp_root *r, const char *path, size_t max, struct rp_buf *out)
{
	struct stat st;
	char chunk[65536];
	int fd = -1, ret;
	ssize_t n;

	rp_buf_reset(out);
	out->max = max;
	if ((ret = rp_root_openat(r, path, O_RDONLY | O_NONBLOCK, &fd)) != RP_OK)
		return ret;
	if (fstat(fd, &st) != 0) {
		ret = err_from_errno(errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = RP_ERR_NOTREG;
		goto out;
	}
	if ((size_t)st.st_size > max) {
		ret = RP_ERR_TOO_LARGE;
		goto out;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = err_from_errno(errno);
			goto out;
		}
		if (n == 0)
			break;
		if ((ret = rp_buf_add(out, chunk, (size_t)n)) != RP_OK)
			goto out;
	}
	if (out->data == NULL && (ret = rp_buf_add(out, "", 0)) != RP_OK)
		goto out;
	ret = RP_OK;
out:
	if (fd >= 0)
		close(fd);
	return ret;
}

int rp_root_stat(const struct rp_root *r, const char *path, bool follow, struct stat *st)
{
	int fd = -1, ret;

	memset(st, 0, sizeof(*st));
	ret = rp_root_openat(r, path, O_PATH | (follow ? 0 : O_NOFOLLOW), &fd);
	if (ret != RP_OK)
		return ret;
	if (fstat(fd, st) != 0)
		ret = err_from_errno(errno);
	close(fd);
	return ret;
}

int rp_root_list_dir(const struct rp_root *r, const char *dir, struct rp_strlist *names)
{
	DIR *d = NULL;
	struct dirent *de;
	int fd = -1, ret;
	size_t start = names->n;

	if ((ret = rp_root_openat(r, dir, O_RDONLY | O_DIRECTORY, &fd)) != RP_OK)
		return ret;
	if ((d = fdopendir(fd)) == NULL) {
		ret = err_from_errno(errno);
		close(fd);
		return ret;
	}
	/* fd is owned by d now */
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (names->n - start >= GLOB_MAX_RESULTS * 4) {
			ret = RP_ERR_TOO_LARGE;
			break;
		}
		if ((ret = rp_strlist_add(names, de->d_name)) != RP_OK)
			break;
	}
	closedir(d);
	if (ret == RP_OK && names->n - start > 1) {
		struct rp_strlist tail = {names->v + start, names->n - start, names->n - start};
		rp_strlist_sort(&tail);
	}
	return ret;
}

char *rp_path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);

	while (dl > 0 && dir[dl - 1] == '/')
		dl--;
	while (*name == '/')
		name++;
	return rp_asprintf("%.*s/%s", (int)dl, dir, name);
}

static bool has_magic(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	return false;
}

/* Expands the components of rest below the existing directory prefix. */
static int glob_rec(const struct rp_root *r, const char *prefix, const char *rest,
		    struct rp_strlist *out, unsigned depth)
{
	const char *slash;
	size_t clen;
	char *comp = NULL, *next = NULL;
	struct rp_strlist names = {0};
	int ret = RP_OK;

	while (*rest == '/')
		rest++;
	if (depth > 64)
		return RP_ERR_LOOP;
	if (*rest == '\0') {
		struct stat st;
		if (rp_root_stat(r, prefix, true, &st) == RP_OK) {
			if (out->n >= GLOB_MAX_RESULTS)
				return RP_ERR_TOO_LARGE;
			return rp_strlist_add(out, prefix);
		}
		return RP_OK;
	}
	slash = strchr(rest, '/');
	clen = slash ? (size_t)(slash - rest) : strlen(rest);
	if (!has_magic(rest, clen)) {
		comp = strndup(rest, clen);
		next = comp ? rp_path_join(prefix, comp) : NULL;
		ret = next ? glob_rec(r, next, rest + clen, out, depth + 1) : RP_ERR_NOMEM;
		goto out;
	}
	comp = strndup(rest, clen);
	if (comp == NULL) {
		ret = RP_ERR_NOMEM;
		goto out;
	}
	if (rp_root_list_dir(r, prefix, &names) != RP_OK)
		goto out; /* nothing matches below a missing or unreadable directory */
	for (size_t i = 0; i < names.n && ret == RP_OK; i++) {
		if (names.v[i][0] == '.' && comp[0] != '.')
			continue;
		if (fnmatch(comp, names.v[i], FNM_PERIOD) != 0)
			continue;
		free(next);
		next = rp_path_join(prefix, names.v[i]);
		ret = next ? glob_rec(r, next, rest + clen, out, depth + 1) : RP_ERR_NOMEM;
	}
out:
	rp_strlist_clear(&names);
	free(comp);
	free(next);
	return ret;
}

int rp_root_glob(const struct rp_root *r, const char *base, const char *pattern, struct rp_strlist *out)
{
	size_t start = out->n;
	int ret;

	if (pattern[0] == '/')
		ret = glob_rec(r, "/", pattern, out, 0);
	else
		ret = glob_rec(r, base, pattern, out, 0);
	if (out->n - start > 1) {
		struct rp_strlist tail = {out->v + start, out->n - start, out->n - start};
		rp_strlist_sort(&tail);
	}
	return ret;
}
