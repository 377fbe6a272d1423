/* trace/result: the exit line of an export, "fn = value" plus the decoded last error when the
 * value means failure (base/trace.h, LS_TRACE_RET_*). */
#include <winsock2.h>
#include <windows.h>

#include "../base/trace.h"
#include "../base/lasterr.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Winsock names the shared Win32 codes its own way (WSA_IO_PENDING): a Winsock function is one
 * of the lower-case BSD names or a WSA / GetAddrInfo / GetNameInfo / Inet one. */
static int winsock_name(const char *fn)
{
	if (strncmp(fn, "lstr", 4) == 0)
		return 0;	/* kernel32's, lower-case as they are */
	return (fn[0] >= 'a' && fn[0] <= 'z') || fn[0] == '_' || strncmp(fn, "WSA", 3) == 0 ||
	       strncmp(fn, "GetAddrInfo", 11) == 0 || strncmp(fn, "GetNameInfo", 11) == 0 ||
	       strncmp(fn, "Inet", 4) == 0 || strcmp(fn, "AcceptEx") == 0 ||
	       strcmp(fn, "ConnectEx") == 0 || strcmp(fn, "DisconnectEx") == 0 ||
	       strncmp(fn, "Transmit", 8) == 0;
}

static void wait_name(char *b, size_t cap, uint32_t v)
{
	if (v == WAIT_OBJECT_0)
		snprintf(b, cap, "WAIT_OBJECT_0");
	else if (v < MAXIMUM_WAIT_OBJECTS)
		snprintf(b, cap, "WAIT_OBJECT_0+%" PRIu32, v);
	else if (v == WAIT_ABANDONED_0)
		snprintf(b, cap, "WAIT_ABANDONED_0");
	else if (v > WAIT_ABANDONED_0 && v < WAIT_ABANDONED_0 + MAXIMUM_WAIT_OBJECTS)
		snprintf(b, cap, "WAIT_ABANDONED_0+%" PRIu32, v - WAIT_ABANDONED_0);
	else if (v == WAIT_IO_COMPLETION)
		snprintf(b, cap, "WAIT_IO_COMPLETION");
	else if (v == WAIT_TIMEOUT)
		snprintf(b, cap, "WAIT_TIMEOUT");
	else
		snprintf(b, cap, "%" PRIu32, v);
}

void ls_trace_ret(const char *fn, enum ls_trace_kind kind, uint64_t v)
{
	char val[96];
	int failed = 0, ws = winsock_name(ls_trace_name(fn)), crt = 0;
	int saved = ls_trace_errno();	/* read for the CRT kinds, restored for every kind */
	uint32_t err = ls_lasterr_get();

	switch (kind) {
	case LS_TRACE_K_INT:
		failed = (int)v == SOCKET_ERROR;
		if (failed)
			snprintf(val, sizeof val, "SOCKET_ERROR");
		else
			snprintf(val, sizeof val, "%d", (int)v);
		ws = 1;
		break;
	case LS_TRACE_K_SOCKET:
		failed = (SOCKET)v == INVALID_SOCKET;
		if (failed)
			snprintf(val, sizeof val, "INVALID_SOCKET");
		else
			snprintf(val, sizeof val, "%" PRIu64, v);
		ws = 1;
		break;
	case LS_TRACE_K_BOOL:
		failed = (BOOL)v == FALSE;
		snprintf(val, sizeof val, "%s", failed ? "FALSE" : "TRUE");
		break;
	case LS_TRACE_K_HANDLE:
		failed = (HANDLE)(uintptr_t)v == NULL || (HANDLE)(uintptr_t)v == INVALID_HANDLE_VALUE;
		snprintf(val, sizeof val, "%s", ls_trace_handle((const void *)(uintptr_t)v));
		break;
	case LS_TRACE_K_WAIT:
		failed = (DWORD)v == WAIT_FAILED;
		if (failed)
			snprintf(val, sizeof val, "WAIT_FAILED");
		else
			wait_name(val, sizeof val, (uint32_t)v);
		break;
	case LS_TRACE_K_CODE:
		snprintf(val, sizeof val, "%s", (uint32_t)v ? ls_trace_error((uint32_t)v, ws) : "0");
		break;
	case LS_TRACE_K_PTR:
		failed = v == 0;
		if (failed)
			snprintf(val, sizeof val, "NULL");
		else
			snprintf(val, sizeof val, "0x%" PRIx64, v);
		break;
	case LS_TRACE_K_COUNT:
		failed = v == 0;
		snprintf(val, sizeof val, "%" PRIu64, v);
		break;
	case LS_TRACE_K_UINT:
		snprintf(val, sizeof val, "%" PRIu64, v);
		break;
	case LS_TRACE_K_HEX:
		snprintf(val, sizeof val, "%#" PRIx64, v);
		break;
	case LS_TRACE_K_SINT:
		snprintf(val, sizeof val, "%" PRId64, (int64_t)v);
		break;
	case LS_TRACE_K_SIZE:
		failed = (SIZE_T)v == (SIZE_T)-1;
		if (failed)
			snprintf(val, sizeof val, "(SIZE_T)-1");
		else
			snprintf(val, sizeof val, "%" PRIu64, v);
		break;
	case LS_TRACE_K_ERRNO:
		snprintf(val, sizeof val, "%s", v ? ls_trace_errno_name((int)(int64_t)v) : "0");
		break;
	case LS_TRACE_K_CRT:
		failed = crt = (int64_t)v < 0;
		snprintf(val, sizeof val, "%" PRId64, (int64_t)v);
		break;
	case LS_TRACE_K_CRT_PTR:
		failed = crt = v == 0;
		if (failed)
			snprintf(val, sizeof val, "NULL");
		else
			snprintf(val, sizeof val, "0x%" PRIx64, v);
		break;
	}
	if (crt)
		ls_trace_write_result(fn, "%s [%s]", val, ls_trace_errno_name(saved));
	else if (failed)
		ls_trace_write_result(fn, "%s [%s]", val, ls_trace_error(err, ws));
	else
		ls_trace_write_result(fn, "%s", val);
	ls_trace_errno_set(saved);
}

void ls_trace_ret_double(const char *fn, double v)
{
	ls_trace_write_result(fn, "%g", v);
}
