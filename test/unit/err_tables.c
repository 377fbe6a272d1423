/* Unit tests of src/err, the translation boundary (CONVENTIONS §4): every row of every .def table
 * is expanded here with its own X() and checked against the spec's columns, which this file
 * restates independently (spec errors.md §3, §5, handles.md §6), and the many-to-one tables are
 * checked backwards: every Winsock code the spec lists has a status that projects back to it. */
#include <errno.h>
#include <stdint.h>

#include <winsock2.h>
#include <ws2tcpip.h>

#include "err/err.h"
#include "err/linux.h"
#include "test.h"

/* A code the spec leaves open ("—"): a condition with no Win32 counterpart keeps its Winsock
 * code on the file path (wsa_win32.def header). */
#define SAME_AS_WSA 0xFFFFFFFFu

/* errors.md §5: errno -> Winsock code -> file-API code, for the errno the table names. Where §5
 * gives two answers, the first is the operation-independent one errno_status.def must give and
 * the code that knows the operation picks the other (EPIPE, EINPROGRESS, ECONNREFUSED...). */
static const struct {
	int err;
	const char *name;
	int wsa;
	DWORD win32;
} spec5[] = {
	{ EPERM, "EPERM", WSAEACCES, ERROR_ACCESS_DENIED },
	/* §5 says WSAEINVAL, but its own NTSTATUS column (STATUS_OBJECT_NAME_NOT_FOUND) projects to
	 * WSAENETDOWN by §3; the table follows the status (reported to the lead). */
	{ ENOENT, "ENOENT", WSAENETDOWN, ERROR_FILE_NOT_FOUND },
	/* §5: retried internally; reaching a caller it is a cancelled request. */
	{ EINTR, "EINTR", WSAEINTR, ERROR_REQUEST_ABORTED },
	{ EIO, "EIO", WSAENETDOWN, ERROR_UNEXP_NET_ERR },
	{ EBADF, "EBADF", WSAENOTSOCK, ERROR_INVALID_HANDLE },
	{ EAGAIN, "EAGAIN", WSAEWOULDBLOCK, ERROR_NOT_READY },
	{ ENOMEM, "ENOMEM", WSAENOBUFS, ERROR_NOT_ENOUGH_MEMORY },
	{ EACCES, "EACCES", WSAEACCES, ERROR_ACCESS_DENIED },
	{ EFAULT, "EFAULT", WSAEFAULT, ERROR_NOACCESS },
	{ EBUSY, "EBUSY", WSAEWOULDBLOCK, ERROR_BUSY },
	{ EINVAL, "EINVAL", WSAEINVAL, ERROR_INVALID_PARAMETER },
	{ ENFILE, "ENFILE", WSAEMFILE, ERROR_TOO_MANY_OPEN_FILES },
	{ EMFILE, "EMFILE", WSAEMFILE, ERROR_TOO_MANY_OPEN_FILES },
	{ EPIPE, "EPIPE", WSAECONNRESET, ERROR_NETNAME_DELETED },
	{ ENAMETOOLONG, "ENAMETOOLONG", WSAENAMETOOLONG, ERROR_FILENAME_EXCED_RANGE },
	{ ELOOP, "ELOOP", WSAELOOP, SAME_AS_WSA },
	{ ENOTSOCK, "ENOTSOCK", WSAENOTSOCK, ERROR_INVALID_HANDLE },
	{ EDESTADDRREQ, "EDESTADDRREQ", WSAEDESTADDRREQ, ERROR_INVALID_PARAMETER },
	{ EMSGSIZE, "EMSGSIZE", WSAEMSGSIZE, ERROR_INVALID_USER_BUFFER },
	{ EPROTOTYPE, "EPROTOTYPE", WSAEPROTOTYPE, ERROR_NOT_SUPPORTED },
	{ ENOPROTOOPT, "ENOPROTOOPT", WSAENOPROTOOPT, ERROR_INVALID_PARAMETER },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT", WSAEPROTONOSUPPORT, ERROR_NOT_SUPPORTED },
	{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", WSAESOCKTNOSUPPORT, ERROR_NOT_SUPPORTED },
	{ EOPNOTSUPP, "EOPNOTSUPP", WSAEOPNOTSUPP, ERROR_NOT_SUPPORTED },
	{ EPFNOSUPPORT, "EPFNOSUPPORT", WSAEPFNOSUPPORT, ERROR_NOT_SUPPORTED },
	{ EAFNOSUPPORT, "EAFNOSUPPORT", WSAEAFNOSUPPORT, ERROR_NOT_SUPPORTED },
	{ EADDRINUSE, "EADDRINUSE", WSAEADDRINUSE, ERROR_DUP_NAME },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL", WSAEADDRNOTAVAIL, ERROR_INVALID_NETNAME },
	{ ENETDOWN, "ENETDOWN", WSAENETDOWN, ERROR_NETWORK_BUSY },
	{ ENETUNREACH, "ENETUNREACH", WSAENETUNREACH, ERROR_NETWORK_UNREACHABLE },
	{ ENETRESET, "ENETRESET", WSAENETRESET, ERROR_NETNAME_DELETED },
	{ ECONNABORTED, "ECONNABORTED", WSAECONNABORTED, ERROR_CONNECTION_ABORTED },
	{ ECONNRESET, "ECONNRESET", WSAECONNRESET, ERROR_NETNAME_DELETED },
	{ ENOBUFS, "ENOBUFS", WSAENOBUFS, ERROR_NO_SYSTEM_RESOURCES },
	{ EISCONN, "EISCONN", WSAEISCONN, ERROR_CONNECTION_ACTIVE },
	{ ENOTCONN, "ENOTCONN", WSAENOTCONN, ERROR_UNEXP_NET_ERR },
	{ ESHUTDOWN, "ESHUTDOWN", WSAESHUTDOWN, ERROR_PIPE_NOT_CONNECTED },
	{ ETOOMANYREFS, "ETOOMANYREFS", WSAETOOMANYREFS, SAME_AS_WSA },
	{ ETIMEDOUT, "ETIMEDOUT", WSAETIMEDOUT, ERROR_SEM_TIMEOUT },
	{ ECONNREFUSED, "ECONNREFUSED", WSAECONNREFUSED, ERROR_CONNECTION_REFUSED },
	{ EHOSTDOWN, "EHOSTDOWN", WSAEHOSTDOWN, ERROR_HOST_DOWN },
	{ EHOSTUNREACH, "EHOSTUNREACH", WSAEHOSTUNREACH, ERROR_HOST_UNREACHABLE },
	{ EALREADY, "EALREADY", WSAEALREADY, ERROR_NETWORK_BUSY },
	{ EINPROGRESS, "EINPROGRESS", WSAEWOULDBLOCK, ERROR_NOT_READY },
	{ ESTALE, "ESTALE", WSAESTALE, SAME_AS_WSA },
	{ EDQUOT, "EDQUOT", WSAEDQUOT, ERROR_NOT_ENOUGH_QUOTA },
	{ ECANCELED, "ECANCELED", WSA_OPERATION_ABORTED, ERROR_OPERATION_ABORTED },
	{ EPROTO, "EPROTO", WSAECONNABORTED, ERROR_CONNECTION_ABORTED },
	{ EREMOTE, "EREMOTE", WSAEREMOTE, SAME_AS_WSA },
	{ EUSERS, "EUSERS", WSAEUSERS, SAME_AS_WSA },
	{ ENOTEMPTY, "ENOTEMPTY", WSAENOTEMPTY, SAME_AS_WSA },
};

static int spec5_find(int err)
{
	for (size_t i = 0; i < sizeof spec5 / sizeof spec5[0]; i++)
		if (spec5[i].err == err)
			return (int)i;
	return -1;
}

static void check_errno_row(int err, NTSTATUS st, const char *name)
{
	int i = spec5_find(err);
	DWORD want32;

	if (i < 0)
		FAILF("errno_status.def row %s is not in errors.md §5", name);
	ASSERT_EQ(ls_err_status_from_errno(err), st);
	ASSERT_EQ(ls_err_status_from_errno(-err), st);	/* syscall wrappers give -errno */
	if (ls_err_wsa_from_status(st) != spec5[i].wsa)
		FAILF("%s: Winsock code %d, errors.md §5 says %d", name, ls_err_wsa_from_status(st), spec5[i].wsa);
	want32 = spec5[i].win32 == SAME_AS_WSA ? (DWORD)spec5[i].wsa : spec5[i].win32;
	if (ls_err_win32_from_status(st) != want32)
		FAILF("%s: Win32 code %u, errors.md §5 says %u", name, (unsigned)ls_err_win32_from_status(st),
		      (unsigned)want32);
}

TEST(err_errno_status)
{
	int rows = 0;

#define X(e, st) check_errno_row(e, st, #e); rows++;
#include "err/errno_status.def"
#undef X
	ASSERT_TRUE(rows > 0);
	/* Backwards: every errno §5 names has a row (an unlisted errno is STATUS_UNSUCCESSFUL). */
	for (size_t i = 0; i < sizeof spec5 / sizeof spec5[0]; i++)
		if (ls_err_status_from_errno(spec5[i].err) == STATUS_UNSUCCESSFUL)
			FAILF("errors.md §5 names %s but errno_status.def has no row", spec5[i].name);
	ASSERT_EQ(ls_err_status_from_errno(0), STATUS_SUCCESS);
	/* "Anything else": WSAEINVAL and ERROR_GEN_FAILURE (§5 last row). */
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_status_from_errno(ENOTTY)), WSAEINVAL);
	ASSERT_EQ(ls_err_win32_from_status(ls_err_status_from_errno(ENOTTY)), ERROR_GEN_FAILURE);
}

/* errors.md §3 (Winsock's projection), one pair per status it names, plus the two statuses §5
 * adds (EMFILE, EBUSY), so that a table row and the spec cannot drift apart silently. */
static const struct {
	NTSTATUS st;
	int wsa;
} spec3[] = {
	{ STATUS_SUCCESS, 0 },
	{ STATUS_PENDING, WSA_IO_PENDING },
	{ STATUS_BUFFER_OVERFLOW, WSAEMSGSIZE },
	{ STATUS_INVALID_BUFFER_SIZE, WSAEMSGSIZE },
	{ STATUS_NOT_IMPLEMENTED, WSAEOPNOTSUPP },
	{ STATUS_NOT_SUPPORTED, WSAEOPNOTSUPP },
	{ STATUS_ACCESS_VIOLATION, WSAEFAULT },
	{ STATUS_BUFFER_TOO_SMALL, WSAEFAULT },
	{ STATUS_DATATYPE_MISALIGNMENT_ERROR, WSAEFAULT },
	{ STATUS_INVALID_HANDLE, WSAENOTSOCK },
	{ STATUS_OBJECT_TYPE_MISMATCH, WSAENOTSOCK },
	{ STATUS_NO_SUCH_DEVICE, WSAENETDOWN },
	{ STATUS_NO_SUCH_FILE, WSAENETDOWN },
	{ STATUS_OBJECT_NAME_NOT_FOUND, WSAENETDOWN },
	{ STATUS_OBJECT_PATH_NOT_FOUND, WSAENETDOWN },
	{ STATUS_NETWORK_BUSY, WSAENETDOWN },
	{ STATUS_INVALID_NETWORK_RESPONSE, WSAENETDOWN },
	{ STATUS_UNEXPECTED_NETWORK_ERROR, WSAENETDOWN },
	{ STATUS_NO_MEMORY, WSAENOBUFS },
	{ STATUS_INSUFFICIENT_RESOURCES, WSAENOBUFS },
	{ STATUS_PAGEFILE_QUOTA, WSAENOBUFS },
	{ STATUS_COMMITMENT_LIMIT, WSAENOBUFS },
	{ STATUS_WORKING_SET_QUOTA, WSAENOBUFS },
	{ STATUS_QUOTA_EXCEEDED, WSAENOBUFS },
	{ STATUS_TOO_MANY_PAGING_FILES, WSAENOBUFS },
	{ STATUS_REMOTE_RESOURCES, WSAENOBUFS },
	{ STATUS_TOO_MANY_ADDRESSES, WSAENOBUFS },
	{ STATUS_CONFLICTING_ADDRESSES, WSAENOBUFS },
	{ STATUS_ACCESS_DENIED, WSAEACCES },
	{ STATUS_SHARING_VIOLATION, WSAEADDRINUSE },
	{ STATUS_ADDRESS_ALREADY_EXISTS, WSAEADDRINUSE },
	{ STATUS_DEVICE_NOT_READY, WSAEWOULDBLOCK },
	{ STATUS_REQUEST_NOT_ACCEPTED, WSAEWOULDBLOCK },
	{ STATUS_PIPE_DISCONNECTED, WSAESHUTDOWN },
	{ STATUS_IO_TIMEOUT, WSAETIMEDOUT },
	{ STATUS_LINK_TIMEOUT, WSAETIMEDOUT },
	{ STATUS_REMOTE_NOT_LISTENING, WSAECONNREFUSED },
	{ STATUS_CONNECTION_REFUSED, WSAECONNREFUSED },
	{ STATUS_BAD_NETWORK_PATH, WSAENETUNREACH },
	{ STATUS_NETWORK_UNREACHABLE, WSAENETUNREACH },
	{ STATUS_PROTOCOL_UNREACHABLE, WSAENETUNREACH },
	{ STATUS_HOST_UNREACHABLE, WSAEHOSTUNREACH },
	{ STATUS_HOST_DOWN, WSAEHOSTDOWN },
	{ STATUS_CANCELLED, WSA_OPERATION_ABORTED },
	{ STATUS_REQUEST_ABORTED, WSAEINTR },
	{ STATUS_LOCAL_DISCONNECT, WSAECONNABORTED },
	{ STATUS_TRANSACTION_ABORTED, WSAECONNABORTED },
	{ STATUS_CONNECTION_ABORTED, WSAECONNABORTED },
	{ STATUS_REMOTE_DISCONNECT, WSAECONNRESET },
	{ STATUS_LINK_FAILED, WSAECONNRESET },
	{ STATUS_CONNECTION_DISCONNECTED, WSAECONNRESET },
	{ STATUS_CONNECTION_RESET, WSAECONNRESET },
	{ STATUS_PORT_UNREACHABLE, WSAECONNRESET },
	{ STATUS_INVALID_CONNECTION, WSAENOTCONN },
	{ STATUS_INVALID_ADDRESS, WSAEADDRNOTAVAIL },
	{ STATUS_INVALID_ADDRESS_COMPONENT, WSAEADDRNOTAVAIL },
	{ STATUS_GRACEFUL_DISCONNECT, WSAEDISCON },
	{ STATUS_CONNECTION_ACTIVE, WSAEISCONN },
	{ STATUS_INVALID_PARAMETER, WSAEINVAL },
	/* errors.md §5 */
	{ STATUS_TOO_MANY_OPENED_FILES, WSAEMFILE },
	{ STATUS_DEVICE_BUSY, WSAEWOULDBLOCK },
};

static void check_wsa_row(NTSTATUS st, int wsa, const char *name)
{
	size_t i;

	ASSERT_EQ(ls_err_wsa_from_status(st), wsa);
	for (i = 0; i < sizeof spec3 / sizeof spec3[0]; i++)
		if (spec3[i].st == st)
			break;
	if (i == sizeof spec3 / sizeof spec3[0])
		FAILF("status_wsa.def row %s is not in errors.md §3/§5", name);
	if (spec3[i].wsa != wsa)
		FAILF("status_wsa.def row %s gives %d, errors.md §3 says %d", name, wsa, spec3[i].wsa);
}

TEST(err_status_wsa)
{
#define X(st, wsa) check_wsa_row(st, wsa, #st);
#include "err/status_wsa.def"
#undef X
	for (size_t i = 0; i < sizeof spec3 / sizeof spec3[0]; i++)
		if (ls_err_wsa_from_status(spec3[i].st) != spec3[i].wsa)
			FAILF("status %#x: Winsock code %d, errors.md §3 says %d", (unsigned)spec3[i].st,
			      ls_err_wsa_from_status(spec3[i].st), spec3[i].wsa);
	/* §3: any other failure is WSAEINVAL; handles.md §6: STATUS_ADDRESS_CLOSED is unmapped. */
	ASSERT_EQ(ls_err_wsa_from_status(STATUS_UNSUCCESSFUL), WSAEINVAL);
	ASSERT_EQ(ls_err_wsa_from_status(STATUS_ADDRESS_CLOSED), WSAEINVAL);
	/* A carried Winsock code comes out as itself. */
	ASSERT_EQ(ls_err_wsa_from_status(LS_STATUS_FROM_WSA(WSAEAFNOSUPPORT)), WSAEAFNOSUPPORT);
}

/* handles.md §6 and errors.md §2: the file-API column for the statuses sockets produce. */
static const struct {
	NTSTATUS st;
	DWORD win32;
} spec6[] = {
	{ STATUS_SUCCESS, ERROR_SUCCESS },
	{ STATUS_PENDING, ERROR_IO_PENDING },
	{ STATUS_CONNECTION_RESET, ERROR_NETNAME_DELETED },
	{ STATUS_REMOTE_DISCONNECT, ERROR_NETNAME_DELETED },
	{ STATUS_LOCAL_DISCONNECT, ERROR_NETNAME_DELETED },
	{ STATUS_CONNECTION_DISCONNECTED, ERROR_NETNAME_DELETED },
	{ STATUS_ADDRESS_CLOSED, ERROR_NETNAME_DELETED },
	{ STATUS_CONNECTION_ABORTED, ERROR_CONNECTION_ABORTED },
	{ STATUS_PORT_UNREACHABLE, ERROR_PORT_UNREACHABLE },
	{ STATUS_CONNECTION_REFUSED, ERROR_CONNECTION_REFUSED },
	{ STATUS_NETWORK_UNREACHABLE, ERROR_NETWORK_UNREACHABLE },
	{ STATUS_HOST_UNREACHABLE, ERROR_HOST_UNREACHABLE },
	{ STATUS_PROTOCOL_UNREACHABLE, ERROR_PROTOCOL_UNREACHABLE },
	{ STATUS_IO_TIMEOUT, ERROR_SEM_TIMEOUT },
	{ STATUS_CANCELLED, ERROR_OPERATION_ABORTED },
	{ STATUS_REQUEST_ABORTED, ERROR_REQUEST_ABORTED },
	{ STATUS_GRACEFUL_DISCONNECT, ERROR_GRACEFUL_DISCONNECT },
	{ STATUS_BUFFER_OVERFLOW, ERROR_MORE_DATA },
	{ STATUS_DEVICE_NOT_READY, ERROR_NOT_READY },
	{ STATUS_INVALID_HANDLE, ERROR_INVALID_HANDLE },
	{ STATUS_OBJECT_TYPE_MISMATCH, ERROR_INVALID_HANDLE },
	{ STATUS_INVALID_PARAMETER, ERROR_INVALID_PARAMETER },
	{ STATUS_ACCESS_VIOLATION, ERROR_NOACCESS },
	{ STATUS_PIPE_DISCONNECTED, ERROR_PIPE_NOT_CONNECTED },
	{ STATUS_INVALID_CONNECTION, ERROR_UNEXP_NET_ERR },
	{ STATUS_INSUFFICIENT_RESOURCES, ERROR_NO_SYSTEM_RESOURCES },
	/* errors.md §2 "typical socket cause" column */
	{ STATUS_NOT_IMPLEMENTED, ERROR_INVALID_FUNCTION },
	{ STATUS_INVALID_DEVICE_REQUEST, ERROR_INVALID_FUNCTION },
	{ STATUS_TOO_MANY_OPENED_FILES, ERROR_TOO_MANY_OPEN_FILES },
	{ STATUS_ACCESS_DENIED, ERROR_ACCESS_DENIED },
	{ STATUS_NO_MEMORY, ERROR_NOT_ENOUGH_MEMORY },
	{ STATUS_SHARING_VIOLATION, ERROR_SHARING_VIOLATION },
	{ STATUS_NOT_SUPPORTED, ERROR_NOT_SUPPORTED },
	{ STATUS_ADDRESS_ALREADY_EXISTS, ERROR_DUP_NAME },
	{ STATUS_BAD_NETWORK_PATH, ERROR_BAD_NETPATH },
	{ STATUS_NETWORK_BUSY, ERROR_NETWORK_BUSY },
	{ STATUS_INVALID_NETWORK_RESPONSE, ERROR_BAD_NET_RESP },
	{ STATUS_UNEXPECTED_NETWORK_ERROR, ERROR_UNEXP_NET_ERR },
	{ STATUS_INVALID_ADDRESS, ERROR_UNEXP_NET_ERR },
	{ STATUS_TOO_MANY_ADDRESSES, ERROR_TOO_MANY_NAMES },
	{ STATUS_BUFFER_TOO_SMALL, ERROR_INSUFFICIENT_BUFFER },
	{ STATUS_DEVICE_BUSY, ERROR_BUSY },
	{ STATUS_INVALID_ADDRESS_COMPONENT, ERROR_INVALID_NETNAME },
	{ STATUS_ADDRESS_ALREADY_ASSOCIATED, ERROR_ADDRESS_ALREADY_ASSOCIATED },
	{ STATUS_ADDRESS_NOT_ASSOCIATED, ERROR_ADDRESS_NOT_ASSOCIATED },
	{ STATUS_CONNECTION_INVALID, ERROR_CONNECTION_INVALID },
	{ STATUS_CONNECTION_ACTIVE, ERROR_CONNECTION_ACTIVE },
	{ STATUS_RETRY, ERROR_RETRY },
	{ STATUS_HOST_DOWN, ERROR_HOST_DOWN },
	{ STATUS_WORKING_SET_QUOTA, ERROR_WORKING_SET_QUOTA },
	{ STATUS_QUOTA_EXCEEDED, ERROR_NOT_ENOUGH_QUOTA },
	/* errors.md §5 (EMSGSIZE on send; "unconfirmed" there, pinned here) */
	{ STATUS_INVALID_BUFFER_SIZE, ERROR_INVALID_USER_BUFFER },
	{ STATUS_OBJECT_NAME_NOT_FOUND, ERROR_FILE_NOT_FOUND },
	/* errors.md §2: a timed-out wait reports WAIT_TIMEOUT (GetQueuedCompletionStatus) */
	{ STATUS_TIMEOUT, WAIT_TIMEOUT },
	/* handles.md §2: an overlapped read past a file's end (GetOverlappedResult) */
	{ STATUS_END_OF_FILE, ERROR_HANDLE_EOF },
};

static void check_win32_row(NTSTATUS st, DWORD win32, const char *name)
{
	size_t i;

	ASSERT_EQ(ls_err_win32_from_status(st), win32);
	for (i = 0; i < sizeof spec6 / sizeof spec6[0]; i++)
		if (spec6[i].st == st)
			break;
	if (i == sizeof spec6 / sizeof spec6[0])
		FAILF("status_win32.def row %s is not in handles.md §6 / errors.md §2", name);
	if (spec6[i].win32 != win32)
		FAILF("status_win32.def row %s gives %u, the spec says %u", name, (unsigned)win32,
		      (unsigned)spec6[i].win32);
}

TEST(err_status_win32)
{
#define X(st, e) check_win32_row(st, e, #st);
#include "err/status_win32.def"
#undef X
	for (size_t i = 0; i < sizeof spec6 / sizeof spec6[0]; i++)
		if (ls_err_win32_from_status(spec6[i].st) != spec6[i].win32)
			FAILF("status %#x: Win32 code %u, the spec says %u", (unsigned)spec6[i].st,
			      (unsigned)ls_err_win32_from_status(spec6[i].st), (unsigned)spec6[i].win32);
	/* errors.md §5 last row: anything else is ERROR_GEN_FAILURE on the file path. */
	ASSERT_EQ(ls_err_win32_from_status(STATUS_UNSUCCESSFUL), ERROR_GEN_FAILURE);
}

/* errors.md §5's ERROR_* column for the Winsock conditions carried without a status. */
static DWORD spec_win32_of_wsa(int wsa)
{
	for (size_t i = 0; i < sizeof spec5 / sizeof spec5[0]; i++)
		if (spec5[i].wsa == wsa)
			return spec5[i].win32 == SAME_AS_WSA ? (DWORD)wsa : spec5[i].win32;
	return SAME_AS_WSA;
}

static void check_wsa_win32_row(int wsa, DWORD e, const char *name)
{
	DWORD want = spec_win32_of_wsa(wsa);

	ASSERT_EQ(ls_err_win32_from_status(LS_STATUS_FROM_WSA(wsa)), e);
	ASSERT_EQ(ls_err_wsa_from_status(LS_STATUS_FROM_WSA(wsa)), wsa);
	/* WSANOTINITIALISED has no errno; its file face is itself. */
	if (want != SAME_AS_WSA && want != e)
		FAILF("wsa_win32.def row %s gives %u, errors.md §5 says %u", name, (unsigned)e, (unsigned)want);
}

TEST(err_wsa_win32)
{
#define X(w, e) check_wsa_win32_row(w, e, #w);
#include "err/wsa_win32.def"
#undef X
	/* A carried code with no row keeps its Winsock value on the file path. */
	ASSERT_EQ(ls_err_win32_from_status(LS_STATUS_FROM_WSA(WSAELOOP)), WSAELOOP);
}

TEST(err_af)
{
	int rows = 0;

#define X(w, l) ASSERT_EQ(ls_err_af_to_linux(w), l); ASSERT_EQ(ls_err_af_from_linux(l), w); rows++;
#include "err/af.def"
#undef X
	ASSERT_TRUE(rows >= 3);
	/* The values the sockaddr code relies on (constants.md §2: AF_INET6 is 23 on Windows). */
	ASSERT_EQ(ls_err_af_to_linux(AF_INET6), LX_AF_INET6);
	ASSERT_EQ(ls_err_af_from_linux(LX_AF_INET6), 23);
	ASSERT_EQ(ls_err_af_to_linux(AF_UNIX), LX_AF_UNIX);
	/* No counterpart: -1 both ways (Windows AF_NETBIOS 17; Linux AF_NETLINK 16). */
	ASSERT_EQ(ls_err_af_to_linux(17), -1);
	ASSERT_EQ(ls_err_af_from_linux(16), -1);
	ASSERT_EQ(ls_err_af_to_linux(9999), -1);
}

/* Every Winsock code errors.md §1 lists (1a and 1b). */
static const int spec1[] = {
	WSA_INVALID_HANDLE, WSA_NOT_ENOUGH_MEMORY, WSA_INVALID_PARAMETER, WSA_OPERATION_ABORTED,
	WSA_IO_INCOMPLETE, WSA_IO_PENDING,
	WSAEINTR, WSAEBADF, WSAEACCES, WSAEFAULT, WSAEINVAL, WSAEMFILE, WSAEWOULDBLOCK, WSAEINPROGRESS,
	WSAEALREADY, WSAENOTSOCK, WSAEDESTADDRREQ, WSAEMSGSIZE, WSAEPROTOTYPE, WSAENOPROTOOPT,
	WSAEPROTONOSUPPORT, WSAESOCKTNOSUPPORT, WSAEOPNOTSUPP, WSAEPFNOSUPPORT, WSAEAFNOSUPPORT,
	WSAEADDRINUSE, WSAEADDRNOTAVAIL, WSAENETDOWN, WSAENETUNREACH, WSAENETRESET, WSAECONNABORTED,
	WSAECONNRESET, WSAENOBUFS, WSAEISCONN, WSAENOTCONN, WSAESHUTDOWN, WSAETOOMANYREFS, WSAETIMEDOUT,
	WSAECONNREFUSED, WSAELOOP, WSAENAMETOOLONG, WSAEHOSTDOWN, WSAEHOSTUNREACH, WSAENOTEMPTY,
	WSAEPROCLIM, WSAEUSERS, WSAEDQUOT, WSAESTALE, WSAEREMOTE, WSASYSNOTREADY, WSAVERNOTSUPPORTED,
	WSANOTINITIALISED, WSAEDISCON, WSAENOMORE, WSAECANCELLED, WSAEINVALIDPROCTABLE,
	WSAEINVALIDPROVIDER, WSAEPROVIDERFAILEDINIT, WSASYSCALLFAILURE, WSASERVICE_NOT_FOUND,
	WSATYPE_NOT_FOUND, WSA_E_NO_MORE, WSA_E_CANCELLED, WSAEREFUSED, WSAHOST_NOT_FOUND, WSATRY_AGAIN,
	WSANO_RECOVERY, WSANO_DATA, WSA_QOS_RECEIVERS, WSA_QOS_SENDERS, WSA_QOS_NO_SENDERS,
	WSA_QOS_NO_RECEIVERS, WSA_QOS_REQUEST_CONFIRMED, WSA_QOS_ADMISSION_FAILURE,
	WSA_QOS_POLICY_FAILURE, WSA_QOS_BAD_STYLE, WSA_QOS_BAD_OBJECT, WSA_QOS_TRAFFIC_CTRL_ERROR,
	WSA_QOS_GENERIC_ERROR, WSA_QOS_ESERVICETYPE, WSA_QOS_EFLOWSPEC, WSA_QOS_EPROVSPECBUF,
	WSA_QOS_EFILTERSTYLE, WSA_QOS_EFILTERTYPE, WSA_QOS_EFILTERCOUNT, WSA_QOS_EOBJLENGTH,
	WSA_QOS_EFLOWCOUNT, WSA_QOS_EUNKOWNPSOBJ, WSA_QOS_EPOLICYOBJ, WSA_QOS_EFLOWDESC,
	WSA_QOS_EPSFLOWSPEC, WSA_QOS_EPSFILTERSPEC, WSA_QOS_ESDMODEOBJ, WSA_QOS_ESHAPERATEOBJ,
	WSA_QOS_RESERVED_PETYPE, WSA_SECURE_HOST_NOT_FOUND, WSA_IPSEC_NAME_POLICY_ERROR,
};

TEST(err_wsa_reachable)
{
	for (size_t i = 0; i < sizeof spec1 / sizeof spec1[0]; i++) {
		int w = spec1[i];
		NTSTATUS st = ls_err_status_from_wsa(w);
		int in_table = 0;

		/* Some status projects back to exactly this code... */
		if (ls_err_wsa_from_status(st) != w)
			FAILF("status_from_wsa(%d) = %#x projects to %d", w, (unsigned)st, ls_err_wsa_from_status(st));
		/* ...and it is a table row's status when a row names the code, else the carrier. */
#define X(s, ww) if ((ww) == w && !in_table) { ASSERT_EQ(st, s); in_table = 1; }
#include "err/status_wsa.def"
#undef X
		if (!in_table)
			ASSERT_EQ(st, LS_STATUS_FROM_WSA(w));
		/* A failure never travels as a success status (WSA_IO_PENDING is STATUS_PENDING). */
		if (w != WSA_IO_PENDING && (int32_t)st >= 0)
			FAILF("status_from_wsa(%d) = %#x is not a failure", w, (unsigned)st);
	}
}

/* ---- sockaddr conversion ---- */

static void round_trip(const void *win, int len, int lx_family, int lx_len)
{
	struct ls_err_lxaddr lx;
	unsigned char back[128];
	int backlen = sizeof back;
	uint16_t fam;

	ASSERT_EQ(ls_err_sockaddr_to_linux(win, len, &lx), STATUS_SUCCESS);
	ASSERT_EQ(lx.u.family, lx_family);
	ASSERT_EQ(lx.len, lx_len);
	/* Everything after the family is the same bytes in both layouts. */
	ASSERT_MEM_EQ(lx.u.bytes + 2, (const unsigned char *)win + 2, (size_t)lx_len - 2);
	ASSERT_EQ(ls_err_sockaddr_size(&lx), len);
	memset(back, 0xAA, sizeof back);
	ASSERT_EQ(ls_err_sockaddr_from_linux(&lx, back, &backlen), STATUS_SUCCESS);
	ASSERT_EQ(backlen, len);
	ASSERT_MEM_EQ(back, win, (size_t)len);
	memcpy(&fam, back, sizeof fam);
	ASSERT_EQ(fam, ((const SOCKADDR *)win)->sa_family);
	ASSERT_EQ(back[len], 0xAA);	/* nothing written past the address */
}

TEST(err_sockaddr_inet)
{
	SOCKADDR_IN sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	/* Byte values, not htons(): this test must not depend on ws2_32's exports. */
	sin.sin_port = 0x901F;
	memcpy(&sin.sin_addr, "\x7f\x00\x00\x01", 4);
	ASSERT_EQ(sizeof sin, 16);
	round_trip(&sin, sizeof sin, LX_AF_INET, 16);
	/* A longer namelen is accepted; the address is the first 16 bytes. */
	{
		unsigned char big[24];
		struct ls_err_lxaddr lx;

		memset(big, 0x55, sizeof big);
		memcpy(big, &sin, sizeof sin);
		ASSERT_EQ(ls_err_sockaddr_to_linux(big, sizeof big, &lx), STATUS_SUCCESS);
		ASSERT_EQ(lx.len, 16);
	}
}

TEST(err_sockaddr_inet6)
{
	SOCKADDR_IN6 sin6;

	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = 0xBB01;
	sin6.sin6_flowinfo = 0x45230100;
	sin6.sin6_addr.s6_addr[15] = 1;
	sin6.sin6_scope_id = 7;
	ASSERT_EQ(sizeof sin6, 28);
	round_trip(&sin6, sizeof sin6, LX_AF_INET6, 28);
}

TEST(err_sockaddr_unix)
{
	/* SOCKADDR_UN: ADDRESS_FAMILY then char sun_path[108], 110 bytes, as on Linux. */
	unsigned char sun[110];
	uint16_t fam = AF_UNIX;
	struct ls_err_lxaddr lx;

	memset(sun, 0, sizeof sun);
	memcpy(sun, &fam, sizeof fam);
	strcpy((char *)sun + 2, "/tmp/linsock-test.sock");
	round_trip(sun, sizeof sun, LX_AF_UNIX, 110);
	/* Windows takes any length that covers the family and the path. */
	ASSERT_EQ(ls_err_sockaddr_to_linux(sun, 2 + 23, &lx), STATUS_SUCCESS);
	ASSERT_EQ(lx.len, 25);
	ASSERT_EQ(lx.u.family, LX_AF_UNIX);
	ASSERT_EQ(strcmp((char *)lx.u.bytes + 2, "/tmp/linsock-test.sock"), 0);
}

TEST(err_sockaddr_errors)
{
	SOCKADDR_IN sin;
	SOCKADDR_IN6 sin6;
	struct ls_err_lxaddr lx;
	unsigned char buf[128];
	int len;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	/* Short lengths: WSAEFAULT (errors.md §1: a sockaddr length smaller than the family's). */
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin, 15, &lx)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin, 1, &lx)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin, 0, &lx)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin6, 27, &lx)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin6, 16, &lx)), WSAEFAULT);
	/* Bad pointers: WSAEFAULT, never a crash. */
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux((void *)1, 16, &lx)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(NULL, 16, &lx)), WSAEFAULT);
	/* Unknown family: WSAEAFNOSUPPORT. */
	sin.sin_family = 9999;
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin, 16, &lx)), WSAEAFNOSUPPORT);
	sin.sin_family = 17;	/* AF_NETBIOS: a Windows family with no Linux one */
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_to_linux(&sin, 16, &lx)), WSAEAFNOSUPPORT);

	/* Writing back: the caller's length must hold the whole address, else WSAEFAULT and
	 * nothing written. */
	sin.sin_family = AF_INET;
	ASSERT_EQ(ls_err_sockaddr_to_linux(&sin, 16, &lx), STATUS_SUCCESS);
	memset(buf, 0xAA, sizeof buf);
	len = 15;
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_from_linux(&lx, buf, &len)), WSAEFAULT);
	ASSERT_EQ(len, 15);
	ASSERT_EQ(buf[0], 0xAA);
	len = 16;
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_from_linux(&lx, (void *)1, &len)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_from_linux(&lx, buf, (int *)1)), WSAEFAULT);
	ASSERT_EQ(ls_err_wsa_from_status(ls_err_sockaddr_from_linux(&lx, buf, NULL)), WSAEFAULT);
	/* Neither buffer nor length: the caller did not ask for the address. */
	ASSERT_EQ(ls_err_sockaddr_from_linux(&lx, NULL, NULL), STATUS_SUCCESS);
}
