#include "core/err.h"

const char *rp_strerror(int err)
{
	switch (err) {
	case RP_OK: return "success";
	case RP_ERR_NOMEM: return "out of memory";
	case RP_ERR_IO: return "input/output error";
	case RP_ERR_PARSE: return "parse error";
	case RP_ERR_TOO_LARGE: return "input too large";
	case RP_ERR_LOOP: return "loop or nesting too deep";
	case RP_ERR_ESCAPE: return "path leaves the audited root";
	case RP_ERR_NOTFOUND: return "not found";
	case RP_ERR_USAGE: return "usage error";
	case RP_ERR_CONFIG: return "configuration error";
	case RP_ERR_INVAL: return "invalid argument";
	case RP_ERR_BINARY: return "binary data where text was expected";
	case RP_ERR_ACCESS: return "permission denied";
	case RP_ERR_NOTREG: return "not a regular file";
	case RP_ERR_UNSUPPORTED: return "not supported on this system";
	}
	return "unknown error";
}
