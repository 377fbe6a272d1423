/* trace/decode: argument decoders (see trace.h). Names come from the X-macro tables where the
 * project has them (err/af.def, err/sockopt.def, err/messages.def) and from small tables here
 * otherwise; every value is the header's own constant, so a row cannot drift from include/. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <afunix.h>
#include <windows.h>
#include <iptypes.h>
#include <io.h>

#include "trace.h"
#include "../base/sys.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* messages.def names it; winerror.h does not (kernel32/message.c does the same). */
#ifndef ERROR_RESOURCE_LANG_NOT_FOUND
#define ERROR_RESOURCE_LANG_NOT_FOUND 1815
#endif
/* kernel32/codepage.c's failure; winerror.h does not name it either. */
#ifndef ERROR_NO_UNICODE_TRANSLATION
#define ERROR_NO_UNICODE_TRANSLATION 1113
#endif

struct name {
	uint64_t value;
	const char *name;
};

#define N(c) { (uint64_t)(c), #c }
#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* One line decodes a handful of values; the ring has room for more than any line uses. */
static char *slot(void)
{
	static __thread char ring[LS_TRACE_RING][192];
	static __thread unsigned int next;

	return ring[next++ % LS_TRACE_RING];
}

static const char *lookup(const struct name *t, size_t n, uint64_t v, const char *numfmt)
{
	char *b;

	for (size_t i = 0; i < n; i++)
		if (t[i].value == v)
			return t[i].name;
	b = slot();
	snprintf(b, 192, numfmt, (long long)v);
	return b;
}

/* "A|B|0x40": named bits in table order, the unnamed rest in hex; 0 is "0" unless named. */
static const char *flags(const struct name *t, size_t n, uint64_t v)
{
	char *b = slot();
	size_t len = 0;
	uint64_t rest = v;

	b[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].value == 0) {
			if (v == 0)
				return t[i].name;
			continue;
		}
		if ((rest & t[i].value) == t[i].value) {
			len += (size_t)snprintf(b + len, 192 - len, "%s%s", len ? "|" : "", t[i].name);
			rest &= ~t[i].value;
			if (len >= 192)
				return b;
		}
	}
	if (rest || !len)
		snprintf(b + len, 192 - len, "%s0x%" PRIx64, len ? "|" : "", rest);
	if (v == 0)
		return "0";
	return b;
}

/* The list printers' "[a, b, ..., ...]": list_open takes a slot, list_item appends one element
 * (comma-separated, dropped once the slot is full), list_close ends it, with ", ..." when the
 * caller showed fewer elements than there are. */
static char *list_open(size_t *len)
{
	char *b = slot();

	b[0] = '[';
	b[1] = '\0';
	*len = 1;
	return b;
}

__attribute__((format(printf, 3, 4))) static void list_item(char *b, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (*len >= 192)
		return;
	if (*len > 1)
		*len += (size_t)snprintf(b + *len, 192 - *len, ", ");
	if (*len >= 192)
		return;
	va_start(ap, fmt);
	r = vsnprintf(b + *len, 192 - *len, fmt, ap);
	va_end(ap);
	if (r > 0)
		*len += (size_t)r;
}

static const char *list_close(char *b, size_t len, int more)
{
	if (len < 192)
		snprintf(b + len, 192 - len, "%s]", more ? ", ..." : "");
	return b;
}

const char *ls_trace_af(int af)
{
	static const struct name t[] = {
#define X(win, lin) { (uint64_t)(win), #win },
#include "../err/af.def"
#undef X
	};
	return lookup(t, COUNT(t), (uint64_t)(int64_t)af, "%lld");
}

const char *ls_trace_socktype(int type)
{
	static const struct name t[] = {
		N(SOCK_STREAM), N(SOCK_DGRAM), N(SOCK_RAW), N(SOCK_RDM), N(SOCK_SEQPACKET),
	};
	return lookup(t, COUNT(t), (uint64_t)(int64_t)type, "%lld");
}

static const struct name protos[] = {
	N(IPPROTO_IP), N(IPPROTO_ICMP), N(IPPROTO_IGMP), N(IPPROTO_TCP), N(IPPROTO_UDP),
	N(IPPROTO_IPV6), N(IPPROTO_ICMPV6), N(IPPROTO_RAW), N(IPPROTO_RM),
};

const char *ls_trace_proto(int proto)
{
	/* 0 in socket() means "the family's default", not IPPROTO_IP. */
	if (proto == 0)
		return "0";
	return lookup(protos, COUNT(protos), (uint64_t)(int64_t)proto, "%lld");
}

const char *ls_trace_level(int level)
{
	if (level == SOL_SOCKET)
		return "SOL_SOCKET";
	return lookup(protos, COUNT(protos), (uint64_t)(int64_t)level, "%lld");
}

const char *ls_trace_sockopt(int level, int name)
{
	static const struct {
		int level, name;
		const char *text;
	} t[] = {
#define X(wl, wn, ll, ln, kind) { wl, wn, #wl "/" #wn },
#include "../err/sockopt.def"
#undef X
	};
	char *b;

	for (size_t i = 0; i < COUNT(t); i++)
		if (t[i].level == level && t[i].name == name)
			return t[i].text;
	b = slot();
	snprintf(b, 192, "%s/%d", ls_trace_level(level), name);
	return b;
}

const char *ls_trace_fd_events(long events)
{
	static const struct name t[] = {
		N(FD_READ), N(FD_WRITE), N(FD_OOB), N(FD_ACCEPT), N(FD_CONNECT), N(FD_CLOSE),
		N(FD_QOS), N(FD_GROUP_QOS), N(FD_ROUTING_INTERFACE_CHANGE), N(FD_ADDRESS_LIST_CHANGE),
	};
	return flags(t, COUNT(t), (uint64_t)(unsigned long)events);
}

static const struct name msgflags[] = {
	N(MSG_OOB), N(MSG_PEEK), N(MSG_DONTROUTE), N(MSG_WAITALL), N(MSG_PUSH_IMMEDIATE),
	N(MSG_PARTIAL), N(MSG_INTERRUPT),
};

const char *ls_trace_msg_flags(int f)
{
	return flags(msgflags, COUNT(msgflags), (uint32_t)f);
}

const char *ls_trace_msg_flags_ptr(const void *lpflags)
{
	DWORD f;
	char *b;

	if (!lpflags)
		return "NULL";
	if (ls_sys_copy_in(&f, lpflags, sizeof f) != 0)
		return "<bad>";
	b = slot();
	snprintf(b, 192, "[%s]", flags(msgflags, COUNT(msgflags), f));
	return b;
}

const char *ls_trace_ioctl(unsigned long code)
{
	static const struct name t[] = {
		N(FIONBIO), N(FIONREAD), N(SIOCATMARK),
		N(SIO_GET_EXTENSION_FUNCTION_POINTER), N(SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER),
		N(SIO_KEEPALIVE_VALS), N(SIO_BASE_HANDLE), N(SIO_BSP_HANDLE), N(SIO_BSP_HANDLE_SELECT),
		N(SIO_BSP_HANDLE_POLL), N(SIO_LOOPBACK_FAST_PATH), N(SIO_UDP_CONNRESET),
		N(SIO_UDP_NETRESET), N(SIO_ADDRESS_LIST_QUERY), N(SIO_ADDRESS_LIST_CHANGE),
		N(SIO_ADDRESS_LIST_SORT), N(SIO_GET_INTERFACE_LIST), N(SIO_GET_INTERFACE_LIST_EX),
		N(SIO_ROUTING_INTERFACE_QUERY), N(SIO_ROUTING_INTERFACE_CHANGE), N(SIO_RCVALL),
		N(SIO_TCP_INFO), N(SIO_IDEAL_SEND_BACKLOG_QUERY), N(SIO_IDEAL_SEND_BACKLOG_CHANGE),
		N(SIO_AF_UNIX_GETPEERPID), N(SIO_GET_BROADCAST_ADDRESS), N(SIO_FLUSH),
		N(SIO_MULTIPOINT_LOOPBACK), N(SIO_MULTICAST_SCOPE), N(SIO_TRANSLATE_HANDLE),
		N(SIO_QUERY_TARGET_PNP_HANDLE), N(SIO_ASSOCIATE_HANDLE), N(SIO_SET_QOS), N(SIO_GET_QOS),
		N(SIO_EXT_SELECT), N(SIO_EXT_POLL), N(SIO_EXT_SENDMSG), N(SIO_TCP_INITIAL_RTO),
		N(SIO_SET_COMPATIBILITY_MODE), N(SIO_CPU_AFFINITY), N(SIO_QUERY_RSS_PROCESSOR_INFO),
	};
	return lookup(t, COUNT(t), (uint32_t)code, "0x%llx");
}

const char *ls_trace_ioctl_in(unsigned long code, const void *in, unsigned long len)
{
	static const struct {
		GUID id;
		const char *name;
	} t[] = {
#define G(id) { id, "{" #id "}" }
		G(WSAID_ACCEPTEX), G(WSAID_CONNECTEX), G(WSAID_DISCONNECTEX), G(WSAID_GETACCEPTEXSOCKADDRS),
		G(WSAID_TRANSMITFILE), G(WSAID_TRANSMITPACKETS), G(WSAID_WSARECVMSG), G(WSAID_WSASENDMSG),
		G(WSAID_WSAPOLL),
#undef G
	};
	GUID g;
	char *b;

	if ((uint32_t)code == (uint32_t)SIO_GET_EXTENSION_FUNCTION_POINTER && len >= sizeof g &&
	    ls_sys_copy_in(&g, in, sizeof g) == 0) {
		for (size_t i = 0; i < COUNT(t); i++)
			if (memcmp(&t[i].id, &g, sizeof g) == 0)
				return t[i].name;
	}
	b = slot();
	snprintf(b, 192, "%p", in);
	return b;
}

const char *ls_trace_how(int how)
{
	static const struct name t[] = { N(SD_RECEIVE), N(SD_SEND), N(SD_BOTH) };
	return lookup(t, COUNT(t), (uint64_t)(int64_t)how, "%lld");
}

const char *ls_trace_jl_flags(unsigned long f)
{
	static const struct name t[] = { N(JL_SENDER_ONLY), N(JL_RECEIVER_ONLY), N(JL_BOTH) };
	return lookup(t, COUNT(t), (uint64_t)f, "%#llx");
}

const char *ls_trace_wsa_flags(unsigned long f)
{
	static const struct name t[] = {
		N(WSA_FLAG_OVERLAPPED), N(WSA_FLAG_MULTIPOINT_C_ROOT), N(WSA_FLAG_MULTIPOINT_C_LEAF),
		N(WSA_FLAG_MULTIPOINT_D_ROOT), N(WSA_FLAG_MULTIPOINT_D_LEAF),
		N(WSA_FLAG_ACCESS_SYSTEM_SECURITY), N(WSA_FLAG_NO_HANDLE_INHERIT),
		N(WSA_FLAG_REGISTERED_IO),
	};
	return flags(t, COUNT(t), (uint32_t)f);
}

const char *ls_trace_ai_flags(int f)
{
	static const struct name t[] = {
		N(AI_PASSIVE), N(AI_CANONNAME), N(AI_NUMERICHOST), N(AI_NUMERICSERV), N(AI_ALL),
		N(AI_ADDRCONFIG), N(AI_V4MAPPED), N(AI_NON_AUTHORITATIVE), N(AI_SECURE),
		N(AI_RETURN_PREFERRED_NAMES), N(AI_FQDN), N(AI_FILESERVER),
	};
	return flags(t, COUNT(t), (uint32_t)f);
}

const char *ls_trace_hints(const void *hints)
{
	ADDRINFOA h;	/* ADDRINFOW has the same leading four ints */
	char *b;

	if (!hints)
		return "NULL";
	if (ls_sys_copy_in(&h, hints, 4 * sizeof(int)) != 0)
		return "<bad>";
	b = slot();
	snprintf(b, 192, "{%s, %s, %s, %s}", ls_trace_ai_flags(h.ai_flags), ls_trace_af(h.ai_family),
		 h.ai_socktype ? ls_trace_socktype(h.ai_socktype) : "0", ls_trace_proto(h.ai_protocol));
	return b;
}

const char *ls_trace_sockaddr(const void *sa, long len)
{
	SOCKADDR_STORAGE ss;
	char addr[INET6_ADDRSTRLEN];
	char *b;
	size_t n;

	if (!sa)
		return "NULL";
	if (len <= 0)
		return "{...}";
	n = (size_t)len < sizeof ss ? (size_t)len : sizeof ss;
	memset(&ss, 0, sizeof ss);
	if (ls_sys_copy_in(&ss, sa, n) != 0)
		return "<bad>";
	b = slot();
	if (ss.ss_family == AF_INET && n >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)&ss;
		const unsigned char *a = (const unsigned char *)&in->sin_addr;
		snprintf(b, 192, "{AF_INET, %u.%u.%u.%u:%u}", a[0], a[1], a[2], a[3],
			 (unsigned)((in->sin_port & 0xff) << 8 | in->sin_port >> 8));
	} else if (ss.ss_family == AF_INET6 && n >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)&ss;
		/* inet_ntop is ours too (exported); the trace must not log from inside itself. */
		const unsigned char *a = in6->sin6_addr.s6_addr;
		size_t k = 0;
		int zs = -1, zn = 0;
		/* RFC 5952 form: the longest run of two or more zero groups becomes "::". */
		for (int i = 0; i < 8; i++) {
			int n = 0;
			while (i + n < 8 && !a[2 * (i + n)] && !a[2 * (i + n) + 1])
				n++;
			if (n > zn && n >= 2) {
				zs = i;
				zn = n;
			}
		}
		for (int i = 0; i < 8; i++) {
			if (i == zs) {
				k += (size_t)snprintf(addr + k, sizeof addr - k, "::");
				i += zn - 1;
				continue;
			}
			k += (size_t)snprintf(addr + k, sizeof addr - k, "%s%x",
					      i && i != zs + zn ? ":" : "", a[2 * i] << 8 | a[2 * i + 1]);
		}
		snprintf(b, 192, "{AF_INET6, [%s]:%u, scope %lu}", addr,
			 (unsigned)((in6->sin6_port & 0xff) << 8 | in6->sin6_port >> 8),
			 (unsigned long)in6->sin6_scope_id);
	} else {
		snprintf(b, 192, "{%s, ...}", ls_trace_af(ss.ss_family));
	}
	return b;
}

const char *ls_trace_in_addr(const void *in_addr)
{
	const unsigned char *a = in_addr;
	char *b = slot();

	snprintf(b, 192, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	return b;
}

const char *ls_trace_socket(uintptr_t s)
{
	char *b;

	if (s == (uintptr_t)INVALID_SOCKET)
		return "INVALID_SOCKET";
	b = slot();
	snprintf(b, 192, "%" PRIuPTR, s);
	return b;
}

const char *ls_trace_timeval(const void *tv)
{
	struct timeval t;
	char *b;

	if (!tv)
		return "NULL";
	if (ls_sys_copy_in(&t, tv, sizeof t) != 0)
		return "<bad>";
	b = slot();
	snprintf(b, 192, "{%ld, %ld}", (long)t.tv_sec, (long)t.tv_usec);
	return b;
}

const char *ls_trace_poll_events(int events)
{
	static const struct name t[] = {
		N(POLLRDNORM), N(POLLRDBAND), N(POLLPRI), N(POLLWRNORM), N(POLLWRBAND), N(POLLERR),
		N(POLLHUP), N(POLLNVAL),
	};
	return flags(t, COUNT(t), (uint16_t)events);
}

const char *ls_trace_tf_flags(unsigned long f)
{
	static const struct name t[] = {
		N(TF_DISCONNECT), N(TF_REUSE_SOCKET), N(TF_WRITE_BEHIND), N(TF_USE_DEFAULT_WORKER),
		N(TF_USE_SYSTEM_THREAD), N(TF_USE_KERNEL_APC),
	};
	return flags(t, COUNT(t), (uint32_t)f);
}

const char *ls_trace_name(const char *fn)
{
	static const struct {
		const char *impl, *name;
	} t[] = {
		{ "ls_mswsock_connectex", "ConnectEx" },
		{ "ls_mswsock_disconnectex", "DisconnectEx" },
		{ "ls_mswsock_transmitfile", "TransmitFile" },
		{ "ls_mswsock_transmitpackets", "TransmitPackets" },
		{ "ls_mswsock_wsarecvmsg", "WSARecvMsg" },
		{ "ls_mswsock_wsasendmsg", "WSASendMsg" },
	};

	/* The wide printf family is linsock_wprintf... in C (include/linsock_wchar.h maps the
	 * names): the line shows the name the program wrote. */
	if (strncmp(fn, "linsock_", 8) == 0)
		return fn + 8;
	if (fn[0] != 'l' || fn[1] != 's' || fn[2] != '_')
		return fn;
	for (size_t i = 0; i < COUNT(t); i++)
		if (strcmp(t[i].impl, fn) == 0)
			return t[i].name;
	return fn;
}

const char *ls_trace_pollfds(const void *fds, unsigned long n)
{
	WSAPOLLFD v[4];
	unsigned long shown = n < 4 ? n : 4;
	char *b;
	size_t len = 0;

	if (!fds)
		return "NULL";
	if (shown && ls_sys_copy_in(v, fds, shown * sizeof v[0]) != 0)
		return "<bad>";
	b = list_open(&len);
	for (unsigned long i = 0; i < shown; i++)
		list_item(b, &len, "{%s, %s}", ls_trace_socket(v[i].fd), ls_trace_poll_events(v[i].events));
	return list_close(b, len, n > shown);
}

const char *ls_trace_fdset(const void *set)
{
	struct {
		u_int count;
		SOCKET s[8];
	} v;
	unsigned int shown;
	char *b;
	size_t len = 0;

	if (!set)
		return "NULL";
	if (ls_sys_copy_in(&v.count, set, sizeof v.count) != 0)
		return "<bad>";
	shown = v.count < 8 ? v.count : 8;
	/* fd_array follows the count at SOCKET alignment (offsetof(fd_set, fd_array)). */
	if (shown && ls_sys_copy_in(v.s, (const char *)set + offsetof(fd_set, fd_array), shown * sizeof(SOCKET)) != 0)
		return "<bad>";
	b = list_open(&len);
	for (unsigned int i = 0; i < shown; i++)
		list_item(b, &len, "%s", ls_trace_socket(v.s[i]));
	return list_close(b, len, v.count > shown);
}

const char *ls_trace_wsabufs(const void *bufs, unsigned long n)
{
	WSABUF v[4];
	unsigned long shown = n < 4 ? n : 4;
	char *b;
	size_t len = 0;

	if (!bufs)
		return "NULL";
	if (shown && ls_sys_copy_in(v, bufs, shown * sizeof v[0]) != 0)
		return "<bad>";
	b = list_open(&len);
	for (unsigned long i = 0; i < shown; i++)
		if (v[i].buf)
			list_item(b, &len, "{%p, %lu}", (void *)v[i].buf, (unsigned long)v[i].len);
		else
			list_item(b, &len, "{NULL, %lu}", (unsigned long)v[i].len);
	return list_close(b, len, n > shown);
}

const char *ls_trace_handle(const void *h)
{
	char *b;

	if (!h)
		return "NULL";
	if (h == INVALID_HANDLE_VALUE)
		return "INVALID_HANDLE_VALUE";
	/* The other small negative pseudo-handles (GetCurrentThread's -2) as Windows writes them. */
	if ((intptr_t)h < 0 && (intptr_t)h >= -8) {
		b = slot();
		snprintf(b, 192, "(HANDLE)%" PRIdPTR, (intptr_t)h);
		return b;
	}
	b = slot();
	snprintf(b, 192, "%" PRIuPTR, (uintptr_t)h);
	return b;
}

const char *ls_trace_handles(const void *array, unsigned long n)
{
	HANDLE v[8];
	unsigned long shown = n < 8 ? n : 8;
	char *b;
	size_t len = 0;

	if (!array)
		return "NULL";
	if (shown && ls_sys_copy_in(v, array, shown * sizeof v[0]) != 0)
		return "<bad>";
	b = list_open(&len);
	for (unsigned long i = 0; i < shown; i++)
		list_item(b, &len, "%s", ls_trace_handle(v[i]));
	return list_close(b, len, n > shown);
}

const char *ls_trace_timeout(uint32_t ms)
{
	char *b;

	if (ms == INFINITE)
		return "INFINITE";
	b = slot();
	snprintf(b, 192, "%" PRIu32, ms);
	return b;
}

const char *ls_trace_bool(int v)
{
	return v ? (v == 1 ? "TRUE" : "TRUE(!=1)") : "FALSE";
}

const char *ls_trace_access(uint32_t access)
{
	static const struct name t[] = {
		N(GENERIC_READ), N(GENERIC_WRITE), N(GENERIC_EXECUTE), N(GENERIC_ALL), N(DELETE),
		N(SYNCHRONIZE),
	};
	return flags(t, COUNT(t), access);
}

const char *ls_trace_share(uint32_t share)
{
	static const struct name t[] = { N(FILE_SHARE_READ), N(FILE_SHARE_WRITE), N(FILE_SHARE_DELETE) };
	return flags(t, COUNT(t), share);
}

const char *ls_trace_disposition(uint32_t disp)
{
	static const struct name t[] = {
		N(CREATE_NEW), N(CREATE_ALWAYS), N(OPEN_EXISTING), N(OPEN_ALWAYS), N(TRUNCATE_EXISTING),
	};
	return lookup(t, COUNT(t), disp, "%lld");
}

const char *ls_trace_file_flags(uint32_t f)
{
	static const struct name t[] = {
		N(FILE_ATTRIBUTE_READONLY), N(FILE_ATTRIBUTE_HIDDEN), N(FILE_ATTRIBUTE_SYSTEM),
		N(FILE_ATTRIBUTE_ARCHIVE), N(FILE_ATTRIBUTE_NORMAL), N(FILE_ATTRIBUTE_TEMPORARY),
		N(FILE_FLAG_WRITE_THROUGH), N(FILE_FLAG_OVERLAPPED), N(FILE_FLAG_NO_BUFFERING),
		N(FILE_FLAG_RANDOM_ACCESS), N(FILE_FLAG_SEQUENTIAL_SCAN), N(FILE_FLAG_DELETE_ON_CLOSE),
	};
	return flags(t, COUNT(t), f);
}

const char *ls_trace_std_handle(uint32_t which)
{
	static const struct name t[] = { N(STD_INPUT_HANDLE), N(STD_OUTPUT_HANDLE), N(STD_ERROR_HANDLE) };
	return lookup(t, COUNT(t), which, "%lld");
}

const char *ls_trace_lmem(uint32_t f)
{
	static const struct name t[] = { N(LMEM_MOVEABLE), N(LMEM_ZEROINIT), N(LMEM_FIXED) };
	return flags(t, COUNT(t), f);
}

const char *ls_trace_format_flags(uint32_t f)
{
	static const struct name t[] = {
		N(FORMAT_MESSAGE_ALLOCATE_BUFFER), N(FORMAT_MESSAGE_IGNORE_INSERTS),
		N(FORMAT_MESSAGE_FROM_STRING), N(FORMAT_MESSAGE_FROM_HMODULE),
		N(FORMAT_MESSAGE_FROM_SYSTEM), N(FORMAT_MESSAGE_ARGUMENT_ARRAY),
	};
	char *b = slot();
	const char *names = flags(t, COUNT(t), f & ~(uint32_t)FORMAT_MESSAGE_MAX_WIDTH_MASK);

	/* The low byte is a line width, not a flag. */
	if (f & FORMAT_MESSAGE_MAX_WIDTH_MASK)
		snprintf(b, 192, "%s|width %u", names, (unsigned)(f & FORMAT_MESSAGE_MAX_WIDTH_MASK));
	else
		snprintf(b, 192, "%s", names);
	return b;
}

const char *ls_trace_handle_flags(uint32_t f)
{
	static const struct name t[] = { N(HANDLE_FLAG_INHERIT), N(HANDLE_FLAG_PROTECT_FROM_CLOSE) };
	return flags(t, COUNT(t), f);
}

const char *ls_trace_dup_options(uint32_t f)
{
	static const struct name t[] = { N(DUPLICATE_CLOSE_SOURCE), N(DUPLICATE_SAME_ACCESS) };
	return flags(t, COUNT(t), f);
}

const char *ls_trace_notify_modes(uint32_t f)
{
	static const struct name t[] = {
		N(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), N(FILE_SKIP_SET_EVENT_ON_HANDLE),
	};
	return flags(t, COUNT(t), f);
}

const char *ls_trace_move_method(uint32_t m)
{
	static const struct name t[] = { N(FILE_BEGIN), N(FILE_CURRENT), N(FILE_END) };
	return lookup(t, COUNT(t), m, "%lld");
}

/* A caller's string, one character at a time: copy_in refuses a range with any unreadable byte
 * (a string may end just before an unmapped page), and must not read past the terminator either
 * (it may memcpy a page it has seen before; sanitizers see an overread), nor past max
 * characters (a bounded argument such as strncpy_s' source need not be terminated). Only when
 * tracing. */
static const char *quoted(const void *s, size_t unit, size_t max)
{
	unsigned char raw[64 * 2];
	char *b;
	size_t have = 0, len = 0;
	int ended = 0;

	if (!s)
		return "NULL";
	while (have < sizeof raw && have / unit < max) {
		if (ls_sys_copy_in(raw + have, (const unsigned char *)s + have, unit) != 0)
			break;
		if (raw[have] == 0 && (unit == 1 || raw[have + 1] == 0)) {
			ended = 1;
			break;
		}
		have += unit;
	}
	if (!have && !ended && max)
		return "<bad>";
	b = slot();
	b[len++] = '"';
	for (size_t i = 0; i + unit <= have && len < 180; i += unit) {
		unsigned int c = unit == 1 ? raw[i] : (unsigned int)(raw[i] | raw[i + 1] << 8);
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			b[len++] = (char)c;
		else
			len += (size_t)snprintf(b + len, 192 - len, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
	}
	b[len++] = '"';
	if (!ended && len < 188) {
		memcpy(b + len, "...", 3);
		len += 3;
	}
	b[len] = 0;
	return b;
}

const char *ls_trace_str(const char *s)
{
	return quoted(s, 1, SIZE_MAX);
}

const char *ls_trace_wstr(const uint16_t *s)
{
	return quoted(s, 2, SIZE_MAX);
}

const char *ls_trace_strn(const char *s, size_t max)
{
	return quoted(s, 1, max);
}

const char *ls_trace_wstrn(const uint16_t *s, size_t max)
{
	return quoted(s, 2, max);
}

const char *ls_trace_error(uint32_t code, int winsock)
{
	static const struct name t[] = {
#define X(code, text) { (uint64_t)(code), #code },
#include "../err/messages.def"
#undef X
	};
	/* Winsock's names for the Win32 codes it shares (winsock2.h: WSA_IO_PENDING is
	 * ERROR_IO_PENDING...); messages.def keeps one row per value, the Win32 one. */
	static const struct name wsa[] = {
		N(WSA_IO_PENDING), N(WSA_IO_INCOMPLETE), N(WSA_INVALID_HANDLE), N(WSA_INVALID_PARAMETER),
		N(WSA_NOT_ENOUGH_MEMORY), N(WSA_OPERATION_ABORTED),
	};

	/* Codes the newer exports return that messages.def has no text for (yet). */
	static const struct name extra[] = {
		N(ERROR_BUFFER_OVERFLOW), N(ERROR_INVALID_NAME), N(ERROR_MOD_NOT_FOUND),
		N(ERROR_CAN_NOT_COMPLETE), N(ERROR_NO_UNICODE_TRANSLATION),
	};

	if (winsock)
		for (size_t i = 0; i < COUNT(wsa); i++)
			if (wsa[i].value == code)
				return wsa[i].name;
	for (size_t i = 0; i < COUNT(extra); i++)
		if (extra[i].value == code)
			return extra[i].name;
	return lookup(t, COUNT(t), code, "%lld");
}

/* ---- kernel32 console, heap, threads, code pages; iphlpapi; the CRT; user32 ---- */

const char *ls_trace_ctrl_event(uint32_t event)
{
	static const struct name t[] = {
		N(CTRL_C_EVENT), N(CTRL_BREAK_EVENT), N(CTRL_CLOSE_EVENT), N(CTRL_LOGOFF_EVENT),
		N(CTRL_SHUTDOWN_EVENT),
	};
	return lookup(t, COUNT(t), event, "%lld");
}

const char *ls_trace_attach_pid(uint32_t pid)
{
	static const struct name t[] = { N(ATTACH_PARENT_PROCESS) };
	return lookup(t, COUNT(t), pid, "%lld");
}

const char *ls_trace_codepage(uint32_t cp)
{
	static const struct name t[] = {
		N(CP_ACP), N(CP_OEMCP), N(CP_MACCP), N(CP_THREAD_ACP), N(CP_SYMBOL), N(CP_UTF7), N(CP_UTF8),
	};
	return lookup(t, COUNT(t), cp, "%lld");
}

const char *ls_trace_heap_flags(uint32_t f)
{
	static const struct name t[] = {
		N(HEAP_NO_SERIALIZE), N(HEAP_GROWABLE), N(HEAP_GENERATE_EXCEPTIONS), N(HEAP_ZERO_MEMORY),
		N(HEAP_REALLOC_IN_PLACE_ONLY), N(HEAP_CREATE_ENABLE_EXECUTE),
	};
	return flags(t, COUNT(t), f);
}

const char *ls_trace_gmem(uint32_t f)
{
	static const struct name t[] = { N(GMEM_MOVEABLE), N(GMEM_ZEROINIT), N(GMEM_FIXED) };
	return flags(t, COUNT(t), f);
}

const char *ls_trace_thread_priority(int p)
{
	static const struct name t[] = {
		N(THREAD_PRIORITY_IDLE), N(THREAD_PRIORITY_LOWEST), N(THREAD_PRIORITY_BELOW_NORMAL),
		N(THREAD_PRIORITY_NORMAL), N(THREAD_PRIORITY_ABOVE_NORMAL), N(THREAD_PRIORITY_HIGHEST),
		N(THREAD_PRIORITY_TIME_CRITICAL), N(THREAD_MODE_BACKGROUND_BEGIN),
		N(THREAD_MODE_BACKGROUND_END),
	};
	return lookup(t, COUNT(t), (uint64_t)(int64_t)p, "%lld");
}

const char *ls_trace_gaa_flags(uint32_t f)
{
	static const struct name t[] = {
		N(GAA_FLAG_SKIP_UNICAST), N(GAA_FLAG_SKIP_ANYCAST), N(GAA_FLAG_SKIP_MULTICAST),
		N(GAA_FLAG_SKIP_DNS_SERVER), N(GAA_FLAG_INCLUDE_PREFIX), N(GAA_FLAG_SKIP_FRIENDLY_NAME),
		N(GAA_FLAG_INCLUDE_WINS_INFO), N(GAA_FLAG_INCLUDE_GATEWAYS),
		N(GAA_FLAG_INCLUDE_ALL_INTERFACES), N(GAA_FLAG_INCLUDE_ALL_COMPARTMENTS),
		N(GAA_FLAG_INCLUDE_TUNNEL_BINDINGORDER), N(GAA_FLAG_SKIP_DNS_INFO),
	};
	return flags(t, COUNT(t), f);
}

const char *ls_trace_crt_mode(int mode)
{
	static const struct name t[] = { N(_O_TEXT), N(_O_BINARY), N(_O_WTEXT), N(_O_U16TEXT), N(_O_U8TEXT) };
	return lookup(t, COUNT(t), (uint64_t)(int64_t)mode, "%#llx");
}

/* MessageBox's uType: buttons, icon and default button are fields, the rest flags. */
const char *ls_trace_mb_type(uint32_t type)
{
	static const struct name buttons[] = {
		N(MB_OK), N(MB_OKCANCEL), N(MB_ABORTRETRYIGNORE), N(MB_YESNOCANCEL), N(MB_YESNO),
		N(MB_RETRYCANCEL), N(MB_CANCELTRYCONTINUE),
	};
	static const struct name icons[] = {
		N(MB_ICONERROR), N(MB_ICONQUESTION), N(MB_ICONWARNING), N(MB_ICONINFORMATION),
	};
	static const struct name rest[] = {
		N(MB_DEFBUTTON2), N(MB_DEFBUTTON3), N(MB_SYSTEMMODAL), N(MB_TASKMODAL),
		N(MB_SETFOREGROUND), N(MB_TOPMOST),
	};
	const char *b = lookup(buttons, COUNT(buttons), type & MB_TYPEMASK, "%#llx");
	const char *i = (type & MB_ICONMASK) ? lookup(icons, COUNT(icons), type & MB_ICONMASK, "%#llx") : NULL;
	uint32_t other = type & ~(uint32_t)(MB_TYPEMASK | MB_ICONMASK);
	char *out = slot();

	/* MB_DEFBUTTON4 is DEFBUTTON2|DEFBUTTON3 in bits, which the flag decoder shows as both. */
	snprintf(out, 192, "%s%s%s%s%s", b, i ? "|" : "", i ? i : "", other ? "|" : "",
		 other ? flags(rest, COUNT(rest), other) : "");
	return out;
}
