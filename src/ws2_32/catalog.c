/* ws2_32/catalog: WSAEnumProtocolsA/W and WSAEnumNameSpaceProvidersA/W, the application's
 * read-only views of the protocol and name-space catalogs (spec protocol-info.md §6). */
#include "ws2.h"
#include "../base/sys.h"
#include "../base/wstr.h"
#include "../catalog/catalog.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int enum_protocols(LPINT lpiProtocols, void *lpProtocolBuffer, LPDWORD lpdwBufferLength, int ansi)
{
	int n;

	if (!ls_ws2_started())
		return ls_ws2_fail(WSANOTINITIALISED);
	/* Hidden entries and bare layers are not for applications (PFL_HIDDEN, ChainLen 0). */
	n = ls_catalog_enum(lpiProtocols, lpProtocolBuffer, lpdwBufferLength, 0, ansi);
	return n < 0 ? ls_ws2_fail(-n) : n;
}

int WSAAPI WSAEnumProtocolsW(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer, LPDWORD lpdwBufferLength)
{
	LS_TRACE_CALL("%p, %p, %p", (const void *)lpiProtocols, (const void *)lpProtocolBuffer,
		 (const void *)lpdwBufferLength);
	return LS_TRACE_RET_INT(enum_protocols(lpiProtocols, lpProtocolBuffer, lpdwBufferLength, 0));
}

int WSAAPI WSAEnumProtocolsA(LPINT lpiProtocols, LPWSAPROTOCOL_INFOA lpProtocolBuffer, LPDWORD lpdwBufferLength)
{
	LS_TRACE_CALL("%p, %p, %p", (const void *)lpiProtocols, (const void *)lpProtocolBuffer,
		 (const void *)lpdwBufferLength);
	return LS_TRACE_RET_INT(enum_protocols(lpiProtocols, lpProtocolBuffer, lpdwBufferLength, 1));
}

/* WSANAMESPACE_INFOA and W differ only in the identifier's character type. */
_Static_assert(sizeof(WSANAMESPACE_INFOA) == sizeof(WSANAMESPACE_INFOW), "name-space info layouts");
_Static_assert(offsetof(WSANAMESPACE_INFOA, lpszIdentifier) == offsetof(WSANAMESPACE_INFOW, lpszIdentifier),
	       "name-space info layouts");

/* Identifier of entry e in the caller's character set: bytes written to dst (terminator
 * included), or only counted when dst is NULL. */
static size_t ident_put(char *dst, const struct ls_catalog_ns *e, int ansi)
{
	size_t units = ls_wstr_len(e->identifier) + 1;

	if (ansi) {
		char tmp[256];
		size_t n = ls_wstr_to_utf8(tmp, sizeof tmp, e->identifier);	/* identifiers are short ASCII */
		if (dst)
			memcpy(dst, tmp, n);
		return n;
	}
	if (dst)
		memcpy(dst, e->identifier, units * sizeof(WCHAR));
	return units * sizeof(WCHAR);
}

/* The buffer protocol of WSAEnumNameSpaceProviders (Microsoft Learn): the structures first,
 * consecutive, then the strings they point to, all inside the caller's buffer. Too small a
 * buffer (or a NULL one) is WSAEFAULT -- not WSAENOBUFS as for WSAEnumProtocols -- with the
 * size needed in *lpdwBufferLength. */
static int enum_namespaces(LPDWORD lpdwBufferLength, void *lpnspBuffer, int ansi)
{
	const int count = ls_catalog_ns_count();
	const size_t fixed = (size_t)count * sizeof(WSANAMESPACE_INFOW);
	size_t need = fixed, off;
	DWORD len, need32;
	char *img;
	int r;

	if (!ls_ws2_started())
		return ls_ws2_fail(WSANOTINITIALISED);
	if (ls_sys_copy_in(&len, lpdwBufferLength, sizeof len) != 0)
		return ls_ws2_fail(WSAEFAULT);
	for (int i = 0; i < count; i++) {
		need += ident_put(NULL, ls_catalog_ns_entry(i), ansi);
		need = (need + 1) & ~(size_t)1;	/* the next WCHAR string stays 2-byte aligned */
	}
	need32 = (DWORD)need;
	if (!lpnspBuffer || len < need32) {
		(void)ls_sys_copy_out(lpdwBufferLength, &need32, sizeof need32);	/* WSAEFAULT either way */
		return ls_ws2_fail(WSAEFAULT);
	}
	/* Built in our memory with pointers into the caller's buffer, then copied out at once. */
	img = calloc(1, need);
	if (!img)
		return ls_ws2_fail(WSA_NOT_ENOUGH_MEMORY);
	off = fixed;
	for (int i = 0; i < count; i++) {
		const struct ls_catalog_ns *e = ls_catalog_ns_entry(i);
		WSANAMESPACE_INFOW w;
		memset(&w, 0, sizeof w);	/* padding too: the whole image is copied out */
		w.NSProviderId = e->id;
		w.dwNameSpace = e->name_space;
		w.fActive = e->active;
		w.dwVersion = e->version;
		w.lpszIdentifier = (LPWSTR)((char *)lpnspBuffer + off);
		memcpy(img + (size_t)i * sizeof w, &w, sizeof w);
		off += ident_put(img + off, e, ansi);
		off = (off + 1) & ~(size_t)1;
	}
	r = ls_sys_copy_out(lpnspBuffer, img, need);
	free(img);
	return r != 0 ? ls_ws2_fail(WSAEFAULT) : count;
}

INT WSAAPI WSAEnumNameSpaceProvidersW(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOW lpnspBuffer)
{
	LS_TRACE_CALL("%p, %p", (const void *)lpdwBufferLength, (const void *)lpnspBuffer);
	return LS_TRACE_RET_INT(enum_namespaces(lpdwBufferLength, lpnspBuffer, 0));
}

INT WSAAPI WSAEnumNameSpaceProvidersA(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOA lpnspBuffer)
{
	LS_TRACE_CALL("%p, %p", (const void *)lpdwBufferLength, (const void *)lpnspBuffer);
	return LS_TRACE_RET_INT(enum_namespaces(lpdwBufferLength, lpnspBuffer, 1));
}
