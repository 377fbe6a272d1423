/* iphlpapi/ifid: interface identifiers - if_nametoindex, if_indextoname, GetNumberOfInterfaces,
 * ConvertInterfaceIndexToLuid, ConvertInterfaceLuidToIndex, ConvertInterfaceLuidToNameA/W,
 * ConvertInterfaceNameToLuidA/W.
 *
 * Names are the Linux names ("lo", "eth0"), where Windows has "loopback_0", "ethernet_32768":
 * what a program gets from one call it can pass to the next, and the names its user knows. A
 * LUID is (Linux index, Windows interface type), so it is stable for the interface's life, as
 * Windows' is. Error codes follow Windows' netioapi documentation; a snapshot that cannot be
 * taken gives the code for its cause (errno -> status -> Win32, as every kernel32 entry point). */
#include "iphlp.h"
#include "../base/trace.h"
#include "../base/wstr.h"
#include "../err/err.h"
#include "../kernel32/kernel32.h"

#include <stdlib.h>
#include <string.h>

/* Linux ARPHRD_* link types. */
#define ARPHRD_ETHER_ 1
#define ARPHRD_PPP_ 512
#define ARPHRD_TUNNEL_ 768
#define ARPHRD_TUNNEL6_ 769
#define ARPHRD_LOOPBACK_ 772
#define ARPHRD_SIT_ 776
#define ARPHRD_IPGRE_ 778
#define ARPHRD_IEEE80211_ 801
#define ARPHRD_NONE_ 0xFFFE

IFTYPE ls_iphlpapi_iftype(const struct ls_netif *i)
{
	if (i->flags & LS_NETIF_LOOPBACK)
		return IF_TYPE_SOFTWARE_LOOPBACK;
	switch (i->arphrd) {
	case ARPHRD_ETHER_: return IF_TYPE_ETHERNET_CSMACD;
	case ARPHRD_IEEE80211_: return IF_TYPE_IEEE80211;
	case ARPHRD_PPP_: return IF_TYPE_PPP;
	case ARPHRD_TUNNEL_:
	case ARPHRD_TUNNEL6_:
	case ARPHRD_SIT_:
	case ARPHRD_IPGRE_:
	case ARPHRD_NONE_:	/* tun, WireGuard: layer-3 tunnels */
		return IF_TYPE_TUNNEL;
	}
	return IF_TYPE_OTHER;
}

NET_LUID ls_iphlpapi_luid(const struct ls_netif *i)
{
	NET_LUID luid;

	luid.Value = 0;
	luid.Info.NetLuidIndex = i->index & 0xFFFFFFu;
	luid.Info.IfType = ls_iphlpapi_iftype(i) & 0xFFFFu;
	return luid;
}

const struct ls_netif *ls_iphlpapi_by_luid(const struct ls_netif_list *l, const NET_LUID *luid)
{
	for (size_t k = 0; k < l->n; k++)
		if (ls_iphlpapi_luid(&l->ifs[k]).Value == luid->Value)
			return &l->ifs[k];
	return NULL;
}

NET_IFINDEX WINAPI if_nametoindex(PCSTR InterfaceName)
{
	uint32_t idx;

	LS_TRACE_CALL("%s", ls_trace_str(InterfaceName));
	if (ls_k32_bad_ptr(InterfaceName) || ls_netif_index_of(InterfaceName, &idx) < 0)
		return LS_TRACE_RET_COUNT(0);
	return LS_TRACE_RET_COUNT(idx);
}

PCHAR WINAPI if_indextoname(NET_IFINDEX InterfaceIndex, PCHAR InterfaceName)
{
	char name[16];

	LS_TRACE_CALL("%lu, %p", (unsigned long)InterfaceIndex, (void *)InterfaceName);
	if (ls_k32_bad_ptr(InterfaceName) || ls_netif_name_of(InterfaceIndex, name) < 0)
		return LS_TRACE_RET_PTR(NULL);
	strcpy(InterfaceName, name);	/* at most 16 bytes; the caller has IF_NAMESIZE */
	return LS_TRACE_RET_PTR(InterfaceName);
}

DWORD WINAPI GetNumberOfInterfaces(PDWORD pdwNumIf)
{
	struct ls_netif_list *l;
	int r;

	LS_TRACE_CALL("%p", (void *)pdwNumIf);
	if (ls_k32_bad_ptr(pdwNumIf))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	if ((r = ls_netif_list_new(&l)) < 0)
		return LS_TRACE_RET_CODE(ls_err_win32_from_status(ls_err_status_from_errno(r)));
	*pdwNumIf = (DWORD)l->n;
	ls_netif_list_free(l);
	return LS_TRACE_RET_CODE(NO_ERROR);
}

NETIO_STATUS WINAPI ConvertInterfaceIndexToLuid(NET_IFINDEX InterfaceIndex, PNET_LUID InterfaceLuid)
{
	struct ls_netif_list *l;
	int r;
	const struct ls_netif *i;
	DWORD err = ERROR_FILE_NOT_FOUND;

	LS_TRACE_CALL("%lu, %p", (unsigned long)InterfaceIndex, (void *)InterfaceLuid);
	if (ls_k32_bad_ptr(InterfaceLuid))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	InterfaceLuid->Value = 0;
	if ((r = ls_netif_list_new(&l)) < 0)
		return LS_TRACE_RET_CODE(ls_err_win32_from_status(ls_err_status_from_errno(r)));
	i = ls_netif_by_index(l, InterfaceIndex);
	if (i) {
		*InterfaceLuid = ls_iphlpapi_luid(i);
		err = NO_ERROR;
	}
	ls_netif_list_free(l);
	return LS_TRACE_RET_CODE(err);
}

NETIO_STATUS WINAPI ConvertInterfaceLuidToIndex(const NET_LUID *InterfaceLuid, PNET_IFINDEX InterfaceIndex)
{
	struct ls_netif_list *l;
	int r;
	const struct ls_netif *i;
	DWORD err = ERROR_FILE_NOT_FOUND;

	LS_TRACE_CALL("%p, %p", (const void *)InterfaceLuid, (void *)InterfaceIndex);
	if (ls_k32_bad_ptr(InterfaceLuid) || ls_k32_bad_ptr(InterfaceIndex))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	*InterfaceIndex = NET_IFINDEX_UNSPECIFIED;
	if ((r = ls_netif_list_new(&l)) < 0)
		return LS_TRACE_RET_CODE(ls_err_win32_from_status(ls_err_status_from_errno(r)));
	i = ls_iphlpapi_by_luid(l, InterfaceLuid);
	if (i) {
		*InterfaceIndex = i->index;
		err = NO_ERROR;
	}
	ls_netif_list_free(l);
	return LS_TRACE_RET_CODE(err);
}

/* The Linux name of the LUID's interface into name[16]: NO_ERROR or the Windows code. */
static DWORD luid_name(const NET_LUID *luid, char *name)
{
	struct ls_netif_list *l;
	int r;
	const struct ls_netif *i;
	DWORD err = ERROR_FILE_NOT_FOUND;

	if ((r = ls_netif_list_new(&l)) < 0)
		return ls_err_win32_from_status(ls_err_status_from_errno(r));
	i = ls_iphlpapi_by_luid(l, luid);
	if (i) {
		memcpy(name, i->name, sizeof i->name);
		err = NO_ERROR;
	}
	ls_netif_list_free(l);
	return err;
}

NETIO_STATUS WINAPI ConvertInterfaceLuidToNameA(const NET_LUID *InterfaceLuid, PSTR InterfaceName, SIZE_T Length)
{
	char name[16];
	DWORD err;

	LS_TRACE_CALL("%p, %p, %zu", (const void *)InterfaceLuid, (void *)InterfaceName, (size_t)Length);
	if (ls_k32_bad_ptr(InterfaceLuid) || ls_k32_bad_ptr(InterfaceName) || Length == 0)
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	err = luid_name(InterfaceLuid, name);
	if (err != NO_ERROR)
		return LS_TRACE_RET_CODE(err);
	if (strlen(name) + 1 > Length)
		return LS_TRACE_RET_CODE(ERROR_NOT_ENOUGH_MEMORY);
	strcpy(InterfaceName, name);
	return LS_TRACE_RET_CODE(NO_ERROR);
}

NETIO_STATUS WINAPI ConvertInterfaceLuidToNameW(const NET_LUID *InterfaceLuid, PWSTR InterfaceName, SIZE_T Length)
{
	char name[16];
	uint16_t w[16];
	size_t need;
	DWORD err;

	LS_TRACE_CALL("%p, %p, %zu", (const void *)InterfaceLuid, (void *)InterfaceName, (size_t)Length);
	if (ls_k32_bad_ptr(InterfaceLuid) || ls_k32_bad_ptr(InterfaceName) || Length == 0)
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	err = luid_name(InterfaceLuid, name);
	if (err != NO_ERROR)
		return LS_TRACE_RET_CODE(err);
	need = ls_wstr_from_utf8(w, 16, name);
	if (need > Length)
		return LS_TRACE_RET_CODE(ERROR_NOT_ENOUGH_MEMORY);
	memcpy(InterfaceName, w, need * sizeof *w);
	return LS_TRACE_RET_CODE(NO_ERROR);
}

static DWORD name_luid(const char *name, PNET_LUID luid)
{
	struct ls_netif_list *l;
	int r;
	const struct ls_netif *i;
	DWORD err = ERROR_INVALID_NAME;

	if ((r = ls_netif_list_new(&l)) < 0)
		return ls_err_win32_from_status(ls_err_status_from_errno(r));
	i = ls_netif_by_name(l, name);
	if (i) {
		*luid = ls_iphlpapi_luid(i);
		err = NO_ERROR;
	}
	ls_netif_list_free(l);
	return err;
}

NETIO_STATUS WINAPI ConvertInterfaceNameToLuidA(const CHAR *InterfaceName, PNET_LUID InterfaceLuid)
{
	LS_TRACE_CALL("%s, %p", ls_trace_str(InterfaceName), (void *)InterfaceLuid);
	if (ls_k32_bad_ptr(InterfaceName) || ls_k32_bad_ptr(InterfaceLuid))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	InterfaceLuid->Value = 0;
	return LS_TRACE_RET_CODE(name_luid(InterfaceName, InterfaceLuid));
}

NETIO_STATUS WINAPI ConvertInterfaceNameToLuidW(const WCHAR *InterfaceName, PNET_LUID InterfaceLuid)
{
	char *s;
	DWORD err;

	LS_TRACE_CALL("%s, %p", ls_trace_wstr((const uint16_t *)InterfaceName), (void *)InterfaceLuid);
	if (ls_k32_bad_ptr(InterfaceName) || ls_k32_bad_ptr(InterfaceLuid))
		return LS_TRACE_RET_CODE(ERROR_INVALID_PARAMETER);
	InterfaceLuid->Value = 0;
	s = ls_wstr_to_utf8_new((const uint16_t *)InterfaceName);
	if (!s)
		return LS_TRACE_RET_CODE(ERROR_NOT_ENOUGH_MEMORY);
	err = name_luid(s, InterfaceLuid);
	free(s);
	return LS_TRACE_RET_CODE(err);
}
