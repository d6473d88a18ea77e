/* A parser of the fstab(5) format, shared by /etc/fstab and the kernel's
 * /proc/self/mounts: whitespace-separated fields (spec, mount point, type,
 * options, dump, pass), '#' comments, octal escapes (\040 for a space) in the
 * fields, missing type/options taken as "auto"/"defaults" the way mount(8)
 * takes them. It also evaluates mount options the way mount(8) applies them
 * (the last of nosuid/suid wins, "defaults" means suid,dev,exec, "user" and
 * "users" imply noexec,nosuid,nodev).
 *
 * Untrusted input: lines over RP_LINE_MAX, binary data and lines with fewer
 * than two fields are reported as problems naming file:line, never a crash. */
#ifndef RP_PARSE_MOUNTS_H
#define RP_PARSE_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

#define RP_MOUNTS_MAX_ENTRIES 20000
#define RP_MOUNTS_MAX_PROBLEMS 1000

struct rp_mount_ent {
	char *spec;   /* device, UUID=..., tmpfs; printable */
	char *file;   /* the mount point, escapes decoded, printable */
	char *type;   /* "tmpfs", "ext4", "auto" when absent */
	char *opts;   /* "rw,nosuid,nodev", "defaults" when absent */
	unsigned line;
};

struct rp_mounts {
	struct rp_mount_ent *v;
	size_t n, cap;
	struct rp_strlist problems; /* "path:line: what" */
};

/* Parses data (len bytes) named path in messages into out (appending).
 * Returns 0, RP_ERR_BINARY, RP_ERR_TOO_LARGE (entry cap reached) or
 * RP_ERR_NOMEM; malformed lines go to out->problems and diag. */
int rp_mounts_parse(struct rp_mounts *out, const char *path, const char *data, size_t len,
		    struct rp_diag *diag);
void rp_mounts_free(struct rp_mounts *m);

/* The entry for mount point file that takes effect: the last one (a later
 * mount stacks over an earlier one). NULL when there is none. */
const struct rp_mount_ent *rp_mounts_find(const struct rp_mounts *m, const char *file);

/* Effective flags of an option string. */
struct rp_mount_flags {
	bool nosuid, nodev, noexec, bind;
};
void rp_mount_opts_eval(const char *opts, struct rp_mount_flags *out);

#endif
