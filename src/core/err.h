/* One error convention for rampart: functions return 0 (RP_OK) or a negative
 * rp_err code; rp_strerror() turns a code into text. Details meant for the
 * user (file:line and what was wrong) travel separately in an rp_diag. */
#ifndef RP_ERR_H
#define RP_ERR_H

enum rp_err {
	RP_OK = 0,
	RP_ERR_NOMEM = -1,     /* allocation failed */
	RP_ERR_IO = -2,        /* read or open failed (errno-level detail in the diag) */
	RP_ERR_PARSE = -3,     /* malformed input */
	RP_ERR_TOO_LARGE = -4, /* input over a hard limit */
	RP_ERR_LOOP = -5,      /* include or symlink loop, nesting too deep */
	RP_ERR_ESCAPE = -6,    /* path would leave the audited root */
	RP_ERR_NOTFOUND = -7,  /* file or entry does not exist */
	RP_ERR_USAGE = -8,     /* bad command line */
	RP_ERR_CONFIG = -9,    /* bad configuration */
	RP_ERR_INVAL = -10,    /* invalid argument */
	RP_ERR_BINARY = -11,   /* text expected, binary data found */
	RP_ERR_ACCESS = -12,   /* permission denied */
	RP_ERR_NOTREG = -13,   /* not a regular file */
	RP_ERR_UNSUPPORTED = -14, /* the system lacks a needed facility */
};

/* Returns a static, human-readable text for an rp_err code. */
const char *rp_strerror(int err);

#endif
