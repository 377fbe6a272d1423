/* errors.md §2, the file-API error space, entry by entry: every ERROR_* row has the value the spec
 * gives, every status its "typical socket cause" column names projects to that row through
 * ls_err_win32_from_status (the one translation boundary ReadFile/WriteFile use), and the §2
 * table "ERROR_* (file path) -> WSAE*" holds: some status gives both faces. err_tables.c checks
 * the .def rows against handles.md §6; this file reads the spec from the other side (every row of
 * §2, including those no status produces) and checks the constants in <winerror.h>. */
#include <stdint.h>

#include <winsock2.h>
#include <windows.h>

#include "err/err.h"
#include "test.h"

#define NONE ((NTSTATUS)0xFFFFFFFFu)	/* end of a cause list (no real status has this value) */

/* errors.md §2: name, value, the statuses of the "typical socket cause" column. A "—" row (no
 * status) is produced by kernel32 itself (CreateFile, pipes, waits) and tested in test/api. */
static const struct {
	const char *name;
	DWORD code, value;
	NTSTATUS causes[6];
} spec2[] = {
#define ROW(name, value, ...) { #name, name, value, { __VA_ARGS__, NONE } }
	ROW(ERROR_SUCCESS, 0, STATUS_SUCCESS),
	ROW(ERROR_INVALID_FUNCTION, 1, STATUS_NOT_IMPLEMENTED, STATUS_INVALID_DEVICE_REQUEST),
	ROW(ERROR_FILE_NOT_FOUND, 2, NONE),
	ROW(ERROR_TOO_MANY_OPEN_FILES, 4, STATUS_TOO_MANY_OPENED_FILES),
	ROW(ERROR_ACCESS_DENIED, 5, STATUS_ACCESS_DENIED),
	ROW(ERROR_INVALID_HANDLE, 6, STATUS_INVALID_HANDLE, STATUS_OBJECT_TYPE_MISMATCH),
	ROW(ERROR_NOT_ENOUGH_MEMORY, 8, STATUS_NO_MEMORY),
	ROW(ERROR_OUTOFMEMORY, 14, NONE),
	ROW(ERROR_NOT_READY, 21, STATUS_DEVICE_NOT_READY),
	ROW(ERROR_SHARING_VIOLATION, 32, STATUS_SHARING_VIOLATION),
	ROW(ERROR_HANDLE_EOF, 38, NONE),
	ROW(ERROR_NOT_SUPPORTED, 50, STATUS_NOT_SUPPORTED),
	ROW(ERROR_DUP_NAME, 52, STATUS_ADDRESS_ALREADY_EXISTS),
	ROW(ERROR_BAD_NETPATH, 53, STATUS_BAD_NETWORK_PATH),
	ROW(ERROR_NETWORK_BUSY, 54, STATUS_NETWORK_BUSY),
	ROW(ERROR_BAD_NET_RESP, 58, STATUS_INVALID_NETWORK_RESPONSE),
	ROW(ERROR_UNEXP_NET_ERR, 59, STATUS_UNEXPECTED_NETWORK_ERROR, STATUS_INVALID_CONNECTION, STATUS_INVALID_ADDRESS),
	ROW(ERROR_NETNAME_DELETED, 64, STATUS_CONNECTION_RESET, STATUS_REMOTE_DISCONNECT, STATUS_LOCAL_DISCONNECT,
	    STATUS_CONNECTION_DISCONNECTED, STATUS_ADDRESS_CLOSED),
	ROW(ERROR_NETWORK_ACCESS_DENIED, 65, NONE),
	ROW(ERROR_TOO_MANY_NAMES, 68, STATUS_TOO_MANY_ADDRESSES),
	ROW(ERROR_INVALID_PARAMETER, 87, STATUS_INVALID_PARAMETER),
	ROW(ERROR_BROKEN_PIPE, 109, NONE),
	ROW(ERROR_SEM_TIMEOUT, 121, STATUS_IO_TIMEOUT),
	ROW(ERROR_INSUFFICIENT_BUFFER, 122, STATUS_BUFFER_TOO_SMALL),
	ROW(ERROR_BUSY, 170, STATUS_DEVICE_BUSY),
	ROW(ERROR_ALREADY_EXISTS, 183, NONE),
	ROW(WAIT_IO_COMPLETION, 192, NONE),
	ROW(ERROR_NO_DATA, 232, NONE),
	ROW(ERROR_PIPE_NOT_CONNECTED, 233, STATUS_PIPE_DISCONNECTED),
	ROW(ERROR_MORE_DATA, 234, STATUS_BUFFER_OVERFLOW),
	/* "GetQueuedCompletionStatus timeout; waits": the wait status. */
	ROW(WAIT_TIMEOUT, 258, STATUS_TIMEOUT),
	ROW(ERROR_INVALID_ADDRESS, 487, NONE),
	ROW(ERROR_ABANDONED_WAIT_0, 735, NONE),
	ROW(ERROR_OPERATION_ABORTED, 995, STATUS_CANCELLED),
	ROW(ERROR_IO_INCOMPLETE, 996, NONE),
	ROW(ERROR_IO_PENDING, 997, STATUS_PENDING),
	ROW(ERROR_NOACCESS, 998, STATUS_ACCESS_VIOLATION),
	ROW(ERROR_INVALID_FLAGS, 1004, NONE),
	ROW(ERROR_DEVICE_NOT_CONNECTED, 1167, NONE),
	ROW(ERROR_NOT_FOUND, 1168, NONE),
	ROW(ERROR_INVALID_NETNAME, 1214, STATUS_INVALID_ADDRESS_COMPONENT),
	ROW(ERROR_CANCELLED, 1223, NONE),
	ROW(ERROR_CONNECTION_REFUSED, 1225, STATUS_CONNECTION_REFUSED),
	ROW(ERROR_GRACEFUL_DISCONNECT, 1226, STATUS_GRACEFUL_DISCONNECT),
	ROW(ERROR_ADDRESS_ALREADY_ASSOCIATED, 1227, STATUS_ADDRESS_ALREADY_ASSOCIATED),
	ROW(ERROR_ADDRESS_NOT_ASSOCIATED, 1228, STATUS_ADDRESS_NOT_ASSOCIATED),
	ROW(ERROR_CONNECTION_INVALID, 1229, STATUS_CONNECTION_INVALID),
	ROW(ERROR_CONNECTION_ACTIVE, 1230, STATUS_CONNECTION_ACTIVE),
	ROW(ERROR_NETWORK_UNREACHABLE, 1231, STATUS_NETWORK_UNREACHABLE),
	ROW(ERROR_HOST_UNREACHABLE, 1232, STATUS_HOST_UNREACHABLE),
	ROW(ERROR_PROTOCOL_UNREACHABLE, 1233, STATUS_PROTOCOL_UNREACHABLE),
	ROW(ERROR_PORT_UNREACHABLE, 1234, STATUS_PORT_UNREACHABLE),
	ROW(ERROR_REQUEST_ABORTED, 1235, STATUS_REQUEST_ABORTED),
	ROW(ERROR_CONNECTION_ABORTED, 1236, STATUS_CONNECTION_ABORTED),
	ROW(ERROR_RETRY, 1237, STATUS_RETRY),
	ROW(ERROR_CONNECTION_COUNT_LIMIT, 1238, NONE),
	ROW(ERROR_HOST_DOWN, 1256, STATUS_HOST_DOWN),
	ROW(ERROR_NO_SYSTEM_RESOURCES, 1450, STATUS_INSUFFICIENT_RESOURCES),
	ROW(ERROR_WORKING_SET_QUOTA, 1453, STATUS_WORKING_SET_QUOTA),
	/* "STATUS_TIMEOUT-class failures": no one status named (STATUS_TIMEOUT itself is a wait
	 * result and goes to WAIT_TIMEOUT above). */
	ROW(ERROR_TIMEOUT, 1460, NONE),
	ROW(ERROR_INVALID_USER_BUFFER, 1784, NONE),
	ROW(ERROR_NOT_ENOUGH_QUOTA, 1816, STATUS_QUOTA_EXCEEDED),
	ROW(ERROR_NOT_CONNECTED, 2250, NONE),
	ROW(ERROR_NETWORK_NOT_AVAILABLE, 5035, NONE),
#undef ROW
};

#define NROWS (sizeof spec2 / sizeof spec2[0])

/* Every row: the header's value is the spec's, and every cause projects to the row. */
TEST(err_file_rows)
{
	for (size_t i = 0; i < NROWS; i++) {
		if (spec2[i].code != spec2[i].value)
			FAILF("%s is %u in <winerror.h>, errors.md §2 says %u", spec2[i].name, (unsigned)spec2[i].code,
			      (unsigned)spec2[i].value);
		for (size_t j = 0; spec2[i].causes[j] != NONE; j++) {
			NTSTATUS st = spec2[i].causes[j];
			if (ls_err_win32_from_status(st) != spec2[i].value)
				FAILF("status %#x: ReadFile would report %u, errors.md §2 lists it under %s (%u)",
				      (unsigned)st, (unsigned)ls_err_win32_from_status(st), spec2[i].name,
				      (unsigned)spec2[i].value);
		}
	}
}

/* Rows with no status are not reachable from a socket status: no status a socket call may
 * produce projects to them, except the codes the file path shares with sockets on purpose
 * (ERROR_INVALID_USER_BUFFER: send too big, errors.md §5). */
TEST(err_file_rows_without_cause)
{
	for (size_t i = 0; i < NROWS; i++) {
		if (spec2[i].causes[0] != NONE || spec2[i].value == 0 || spec2[i].value == ERROR_INVALID_USER_BUFFER)
			continue;
		for (size_t k = 0; k < NROWS; k++)
			for (size_t j = 0; spec2[k].causes[j] != NONE; j++)
				if (ls_err_win32_from_status(spec2[k].causes[j]) == spec2[i].value)
					FAILF("status %#x projects to %s, which errors.md §2 gives no socket cause",
					      (unsigned)spec2[k].causes[j], spec2[i].name);
	}
	/* A failure nobody listed is ERROR_GEN_FAILURE, never one of the rows above. */
	ASSERT_EQ(ls_err_win32_from_status(STATUS_UNSUCCESSFUL), ERROR_GEN_FAILURE);
}

/* errors.md §2 "ERROR_* (file path) -> WSAE*": for each pair some status of §2 shows both faces,
 * i.e. ReadFile's code and recv's code for the same failure agree with the spec. */
static const struct {
	DWORD win32;
	int wsa;
} reverse[] = {
	{ ERROR_NETNAME_DELETED, WSAECONNRESET },
	{ ERROR_CONNECTION_ABORTED, WSAECONNABORTED },
	{ ERROR_PORT_UNREACHABLE, WSAECONNRESET },
	{ ERROR_CONNECTION_REFUSED, WSAECONNREFUSED },
	{ ERROR_NETWORK_UNREACHABLE, WSAENETUNREACH },
	{ ERROR_PROTOCOL_UNREACHABLE, WSAENETUNREACH },
	{ ERROR_HOST_UNREACHABLE, WSAEHOSTUNREACH },
	{ ERROR_SEM_TIMEOUT, WSAETIMEDOUT },
	/* 1460 ERROR_TIMEOUT -> WSAETIMEDOUT: no status of §2 produces 1460 (row above). */
	{ ERROR_OPERATION_ABORTED, WSA_OPERATION_ABORTED },
	{ ERROR_REQUEST_ABORTED, WSAEINTR },
	{ ERROR_GRACEFUL_DISCONNECT, WSAEDISCON },
	{ ERROR_MORE_DATA, WSAEMSGSIZE },
	{ ERROR_NOT_READY, WSAEWOULDBLOCK },
	{ ERROR_PIPE_NOT_CONNECTED, WSAESHUTDOWN },
	{ ERROR_UNEXP_NET_ERR, WSAENOTCONN },	/* from STATUS_INVALID_CONNECTION */
	{ ERROR_UNEXP_NET_ERR, WSAENETDOWN },	/* from the others */
	{ ERROR_CONNECTION_ACTIVE, WSAEISCONN },
	{ ERROR_INVALID_HANDLE, WSAENOTSOCK },
	{ ERROR_INVALID_PARAMETER, WSAEINVAL },
	{ ERROR_NOACCESS, WSAEFAULT },
	{ ERROR_NO_SYSTEM_RESOURCES, WSAENOBUFS },
	{ ERROR_NOT_ENOUGH_MEMORY, WSAENOBUFS },
	{ ERROR_ACCESS_DENIED, WSAEACCES },
	{ ERROR_SHARING_VIOLATION, WSAEADDRINUSE },
	{ ERROR_DUP_NAME, WSAEADDRINUSE },
	{ ERROR_NOT_SUPPORTED, WSAEOPNOTSUPP },
	{ ERROR_INVALID_FUNCTION, WSAEOPNOTSUPP },
	{ ERROR_HOST_DOWN, WSAEHOSTDOWN },
};

TEST(err_file_to_wsa)
{
	for (size_t r = 0; r < sizeof reverse / sizeof reverse[0]; r++) {
		int found = 0;

		for (size_t i = 0; i < NROWS && !found; i++)
			for (size_t j = 0; spec2[i].causes[j] != NONE && !found; j++) {
				NTSTATUS st = spec2[i].causes[j];
				found = ls_err_win32_from_status(st) == reverse[r].win32 &&
					ls_err_wsa_from_status(st) == reverse[r].wsa;
			}
		if (!found)
			FAILF("no status gives ERROR %u on the file path and Winsock %d (errors.md §2)",
			      (unsigned)reverse[r].win32, reverse[r].wsa);
	}
	/* The classic pair, spelled out: one reset, two faces (handles.md §6). */
	ASSERT_EQ(ls_err_win32_from_status(STATUS_CONNECTION_RESET), ERROR_NETNAME_DELETED);
	ASSERT_EQ(ls_err_wsa_from_status(STATUS_CONNECTION_RESET), WSAECONNRESET);
}
