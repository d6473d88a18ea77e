/* File access confined to an audited root. With --root DIR every path is
 * resolved inside DIR: "..", absolute symlinks and magic links cannot leave
 * it (openat2 RESOLVE_IN_ROOT). Paths given to these functions are absolute
 * paths as seen inside the root ("/etc/ssh/sshd_config"). Reads are bounded. */
#ifndef RP_ROOTFS_H
#define RP_ROOTFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "core/buf.h"

struct rp_root {
	int fd;     /* directory fd of the root */
	char *path; /* the root as given, "/" for the live system */
	bool live;  /* true when auditing the running system (root "/") */
};

/* Largest file read by default (config files, passwd, ...). */
#define RP_FILE_MAX ((size_t)16 << 20)

/* Opens dir as the audited root; live marks the running system. */
int rp_root_open(struct rp_root *r, const char *dir, bool live);
void rp_root_close(struct rp_root *r);

/* Opens path inside the root with open(2) flags; *fd_out is -1 on error. */
int rp_root_openat(const struct rp_root *r, const char *path, int flags, int *fd_out);
/* Reads a whole regular file into out (reset first), failing with
 * RP_ERR_TOO_LARGE past max bytes. FIFOs, devices and directories are refused
 * with RP_ERR_NOTREG; nothing blocks. */
int rp_root_read_file(const struct rp_root *r, const char *path, size_t max, struct rp_buf *out);
/* stat(2) of path inside the root; follow selects stat or lstat semantics. */
int rp_root_stat(const struct rp_root *r, const char *path, bool follow, struct stat *st);
/* Lists the names in directory dir (without "." and ".."), sorted. */
int rp_root_list_dir(const struct rp_root *r, const char *dir, struct rp_strlist *names);
/* Expands a glob(7) pattern (wildcards allowed in any component) to the
 * existing paths inside the root, sorted, appended to out. Relative patterns
 * are taken relative to base (an absolute directory). */
int rp_root_glob(const struct rp_root *r, const char *base, const char *pattern, struct rp_strlist *out);
/* Joins dir and name with one '/', returning a new string or NULL. */
char *rp_path_join(const char *dir, const char *name);

#endif
