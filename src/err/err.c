/* err: table-driven translation between Linux and Windows values (see err.h). */
#include "err.h"
#include "linux.h"
#include "../base/sys.h"

#include <errno.h>
#include <string.h>

NTSTATUS ls_err_status_from_errno(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
#define X(e, st) case e: return st;
#include "errno_status.def"
#undef X
	}
	return STATUS_UNSUCCESSFUL;
}

int ls_err_wsa_from_status(NTSTATUS st)
{
	if (LS_STATUS_IS_WSA(st))
		return (int)((uint32_t)st & 0xFFFFu);
	switch ((uint32_t)st) {
#define X(status, wsa) case (uint32_t)(status): return wsa;
#include "status_wsa.def"
#undef X
	}
	return WSAEINVAL;	/* Windows' answer for any unlisted failure (errors.md §3) */
}

static DWORD win32_from_wsa(int wsa)
{
	switch (wsa) {
#define X(w, e) case w: return e;
#include "wsa_win32.def"
#undef X
	}
	return (DWORD)wsa;
}

DWORD ls_err_win32_from_status(NTSTATUS st)
{
	if (LS_STATUS_IS_WSA(st))
		return win32_from_wsa((int)((uint32_t)st & 0xFFFFu));
	switch ((uint32_t)st) {
#define X(status, e) case (uint32_t)(status): return e;
#include "status_win32.def"
#undef X
	}
	return ERROR_GEN_FAILURE;
}

NTSTATUS ls_err_status_from_wsa(int wsa)
{
	/* First row of status_wsa.def whose projection is wsa: the canonical status of that code.
	 * The switch cannot express "first match", so walk an array of the same rows. */
	static const struct { NTSTATUS st; int wsa; } rows[] = {
#define X(status, w) { status, w },
#include "status_wsa.def"
#undef X
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (rows[i].wsa == wsa)
			return rows[i].st;
	return LS_STATUS_FROM_WSA(wsa);
}

int ls_err_af_to_linux(int af)
{
	switch (af) {
#define X(w, l) case w: return l;
#include "af.def"
#undef X
	}
	return -1;
}

int ls_err_af_from_linux(int af)
{
	switch (af) {
#define X(w, l) case l: return w;
#include "af.def"
#undef X
	}
	return -1;
}

/* Windows sockaddr sizes by family (constants.md §13). */
static int win_size(int waf)
{
	switch (waf) {
	case AF_INET:
		return 16;
	case AF_INET6:
		return 28;
	case AF_UNIX:
		return 110;
	}
	return -1;
}

NTSTATUS ls_err_sockaddr_to_linux(const void *user_sa, int len, struct ls_err_lxaddr *out)
{
	uint16_t waf;
	int need, laf;

	if (len < 2 || (size_t)len > sizeof out->u.bytes)
		return len < 0 || len > (int)sizeof out->u.bytes ? STATUS_INVALID_PARAMETER : STATUS_ACCESS_VIOLATION;
	memset(out, 0, sizeof *out);
	if (ls_sys_copy_in(out->u.bytes, user_sa, (size_t)len) != 0)
		return STATUS_ACCESS_VIOLATION;
	waf = out->u.family;
	need = win_size(waf);
	laf = ls_err_af_to_linux(waf);
	if (need < 0 || laf < 0)
		return LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT);
	if (waf == AF_UNIX) {
		/* Windows AF_UNIX takes any length that covers the family and a path. */
		out->len = (unsigned)len;
	} else {
		if (len < need)
			return STATUS_ACCESS_VIOLATION;	/* WSAEFAULT: namelen too small */
		out->len = (unsigned)need;
	}
	out->u.family = (uint16_t)laf;
	return STATUS_SUCCESS;
}

int ls_err_sockaddr_size(const struct ls_err_lxaddr *in)
{
	int waf = ls_err_af_from_linux(in->u.family);
	int size = win_size(waf);

	if (waf == AF_UNIX)
		return (int)(in->len > 110 ? 110 : in->len);
	return size < 0 ? (int)in->len : size;
}

NTSTATUS ls_err_sockaddr_from_linux(const struct ls_err_lxaddr *in, void *user_sa, int *user_len)
{
	unsigned char buf[128];
	int have, size;

	if (!user_sa && !user_len)
		return STATUS_SUCCESS;
	if (!user_sa || !user_len)
		return STATUS_ACCESS_VIOLATION;
	if (ls_sys_copy_in(&have, user_len, sizeof have) != 0)
		return STATUS_ACCESS_VIOLATION;
	size = ls_err_sockaddr_size(in);
	if (have < size)
		return STATUS_ACCESS_VIOLATION;
	memset(buf, 0, sizeof buf);
	memcpy(buf, in->u.bytes, (size_t)size < in->len ? (size_t)size : in->len);
	{
		uint16_t waf = (uint16_t)ls_err_af_from_linux(in->u.family);
		memcpy(buf, &waf, sizeof waf);
	}
	if (ls_sys_copy_out(user_sa, buf, (size_t)size) != 0 ||
	    ls_sys_copy_out(user_len, &size, sizeof size) != 0)
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}
