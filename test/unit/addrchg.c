/* SIO_ADDRESS_LIST_CHANGE, SIO_ROUTING_INTERFACE_CHANGE and their FD_* events with real
 * changes (docs/design.md N2): each test moves its process into a private network namespace
 * (netns.h; skipped where namespaces are not permitted) and adds or removes addresses and
 * routes on its lo there. The bodies use the Windows API only.
 *
 * No timing: where a test must know the watcher has handled a change, it waits for an
 * overlapped "barrier" request on another socket, which the watcher completes after recording
 * the FD_* events of the same change (ioctl.c's hook). */
#include "../api/overlapped_util.h"

#include <mstcpip.h>
#include <iphlpapi.h>

#include "netns.h"

static const unsigned char a4_2[4] = { 127, 0, 0, 2 }, a4_3[4] = { 127, 0, 0, 3 };
static const unsigned char net10[4] = { 10, 9, 0, 0 };
static const unsigned char a6_2[16] = { [15] = 2 };

/* Before anything starts a thread (unshare needs a single-threaded process). */
static void ns_start(void)
{
	char why[160];

	if (nn_enter(why, (int)sizeof why) != 0)
		SKIP(why);
	ov_start();
}

/* A row for an address on lo (interface 1 in a new namespace), through iphlpapi. */
static void lo_row(MIB_UNICASTIPADDRESS_ROW *row, int af, const unsigned char *a, int prefix)
{
	InitializeUnicastIpAddressEntry(row);
	row->Address.si_family = (ADDRESS_FAMILY)af;
	if (af == AF_INET)
		memcpy(&row->Address.Ipv4.sin_addr, a, 4);
	else
		memcpy(&row->Address.Ipv6.sin6_addr, a, 16);
	row->InterfaceIndex = 1;
	row->OnLinkPrefixLength = (UINT8)prefix;
}

static SOCKET udp(int af)
{
	SOCKET s = socket(af, SOCK_DGRAM, IPPROTO_UDP);

	ASSERT_TRUE(s != INVALID_SOCKET);
	return s;
}

/* An overlapped SIO_ADDRESS_LIST_CHANGE on s, pending. */
static void post_change(SOCKET s, OVERLAPPED *ov, HANDLE ev)
{
	DWORD n = 0xdead;

	ov_init(ov, ev);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, (LPWSAOVERLAPPED)ov, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
}

/* The request completes (a generous bound: the watcher only has to read one message). */
static void wait_done(OVERLAPPED *ov)
{
	ASSERT_EQ(WaitForSingleObject(ov->hEvent, 20000), WAIT_OBJECT_0);
	ASSERT_TRUE(ov_completed(ov));
}

TEST(SIO_ADDRESS_LIST_CHANGE_overlapped_event)
{
	MIB_UNICASTIPADDRESS_ROW row;
	SOCKET s;
	OVERLAPPED ov;
	HANDLE ev;
	DWORD n = 0xdead, flags = 0;

	ns_start();
	s = udp(AF_INET);
	ev = WSACreateEvent();
	post_change(s, &ov, ev);
	/* Nothing changes in the namespace by itself. */
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	lo_row(&row, AF_INET, a4_2, 8);
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), NO_ERROR);
	ASSERT_EQ(WaitForSingleObject(ev, 20000), WAIT_OBJECT_0);
	ASSERT_TRUE(WSAGetOverlappedResult(s, (LPWSAOVERLAPPED)&ov, &n, FALSE, &flags));
	ASSERT_EQ(n, 0);
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_OBJECT_ALREADY_EXISTS);
	/* A new request waits for the next change: the one before it does not count. */
	post_change(s, &ov, ev);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	row.OnLinkPrefixLength = 0xff;	/* Delete names the address alone */
	ASSERT_EQ(DeleteUnicastIpAddressEntry(&row), NO_ERROR);
	wait_done(&ov);
	ASSERT_EQ(DeleteUnicastIpAddressEntry(&row), ERROR_NOT_FOUND);
	ASSERT_EQ((DWORD)ov.Internal, 0);
	WSACloseEvent(ev);
	closesocket(s);
	WSACleanup();
}

/* The family decides: an IPv4 change leaves an IPv6 socket's request pending. */
TEST(SIO_ADDRESS_LIST_CHANGE_family)
{
	MIB_UNICASTIPADDRESS_ROW row;
	SOCKET s4, s6;
	OVERLAPPED ov4, ov6;
	HANDLE e4, e6;

	ns_start();
	s4 = udp(AF_INET);
	s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	if (s6 == INVALID_SOCKET)
		SKIP("no IPv6 in the namespace");
	e4 = WSACreateEvent();
	e6 = WSACreateEvent();
	post_change(s6, &ov6, e6);
	post_change(s4, &ov4, e4);
	ASSERT_EQ(nn_addr(1, 2, a4_2, 8), 0);
	wait_done(&ov4);
	ASSERT_TRUE(!ov_completed(&ov6));
	lo_row(&row, AF_INET6, a6_2, 128);
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), NO_ERROR);
	wait_done(&ov6);
	ASSERT_EQ((DWORD)ov6.Internal, 0);
	WSACloseEvent(e4);
	WSACloseEvent(e6);
	closesocket(s4);
	closesocket(s6);
	WSACleanup();
}

TEST(SIO_ADDRESS_LIST_CHANGE_completion_port)
{
	SOCKET s;
	OVERLAPPED ov, *got = NULL;
	HANDLE port;
	DWORD n = 0xdead;
	ULONG_PTR key = 0;

	ns_start();
	s = udp(AF_INET);
	port = CreateIoCompletionPort((HANDLE)s, NULL, 77, 0);
	ASSERT_TRUE(port != NULL);
	post_change(s, &ov, NULL);
	ASSERT_EQ(GetQueuedCompletionStatus(port, &n, &key, &got, 0), FALSE);
	ASSERT_EQ(GetLastError(), WAIT_TIMEOUT);
	ASSERT_EQ(nn_addr(1, 2, a4_2, 8), 0);
	ASSERT_TRUE(GetQueuedCompletionStatus(port, &n, &key, &got, 20000));
	ASSERT_TRUE(got == &ov);
	ASSERT_EQ(key, 77);
	ASSERT_EQ(n, 0);
	closesocket(s);
	CloseHandle(port);
	WSACleanup();
}

static volatile LONG routines;
static DWORD routine_err = 0xdead;

static void CALLBACK on_change(DWORD err, DWORD n, LPWSAOVERLAPPED ov, DWORD flags)
{
	(void)n;
	(void)ov;
	(void)flags;
	routine_err = err;
	InterlockedIncrement(&routines);
}

TEST(SIO_ADDRESS_LIST_CHANGE_completion_routine)
{
	SOCKET s;
	OVERLAPPED ov;
	DWORD n;

	ns_start();
	s = udp(AF_INET);
	memset(&ov, 0, sizeof ov);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, &ov, on_change), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	ASSERT_EQ(nn_addr(1, 2, a4_2, 8), 0);
	ov_alert_until(&routines, 1);
	ASSERT_EQ(routine_err, 0);
	closesocket(s);
	WSACleanup();
}

struct blocker {
	SOCKET s;
	int r, err;
};

static DWORD WINAPI block_thread(LPVOID p)
{
	struct blocker *b = p;
	DWORD n = 0xdead;

	b->r = WSAIoctl(b->s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL);
	b->err = b->r ? WSAGetLastError() : 0;
	return 0;
}

/* A blocking socket's call returns once the list changes. The main thread cannot know when
 * the other has entered the call, so it changes the list until the call returns. */
TEST(SIO_ADDRESS_LIST_CHANGE_blocking)
{
	struct blocker b = { 0, -7, -7 };
	HANDLE t;
	int add = 1;

	ns_start();
	b.s = udp(AF_INET);
	t = CreateThread(NULL, 0, block_thread, &b, 0, NULL);
	ASSERT_TRUE(t != NULL);
	do {
		ASSERT_EQ(nn_addr(add, 2, a4_2, 8), 0);
		add = !add;
	} while (WaitForSingleObject(t, 20) == WAIT_TIMEOUT);
	ASSERT_EQ(b.r, 0);
	CloseHandle(t);
	closesocket(b.s);
	WSACleanup();
}

/* closesocket from another thread ends a blocked call (WSAEINTR, as a blocked recv; a close
 * that wins the race with the call's start is WSAENOTSOCK). */
TEST(SIO_ADDRESS_LIST_CHANGE_blocking_close)
{
	struct blocker b = { 0, -7, -7 };
	HANDLE t;

	ns_start();
	b.s = udp(AF_INET);
	t = CreateThread(NULL, 0, block_thread, &b, 0, NULL);
	ASSERT_TRUE(t != NULL);
	Sleep(50);	/* most likely inside the call by now; either outcome is checked */
	ASSERT_EQ(closesocket(b.s), 0);
	ASSERT_EQ(WaitForSingleObject(t, 20000), WAIT_OBJECT_0);
	ASSERT_EQ(b.r, SOCKET_ERROR);
	ASSERT_TRUE(b.err == WSAEINTR || b.err == WSAENOTSOCK);
	CloseHandle(t);
	WSACleanup();
}

/* Non-blocking: WSAEWOULDBLOCK, then FD_ADDRESS_LIST_CHANGE once per call of the ioctl. */
TEST(SIO_ADDRESS_LIST_CHANGE_event_select)
{
	SOCKET s, barrier;
	OVERLAPPED bov;
	HANDLE ev, bev;
	WSANETWORKEVENTS ne;
	DWORD n;

	ns_start();
	s = udp(AF_INET);
	barrier = udp(AF_INET);
	ev = WSACreateEvent();
	bev = WSACreateEvent();
	ASSERT_EQ(WSAEventSelect(s, ev, FD_ADDRESS_LIST_CHANGE), 0);
	/* Not armed yet: a change records nothing. */
	post_change(barrier, &bov, bev);
	ASSERT_EQ(nn_addr(1, 2, a4_2, 8), 0);
	wait_done(&bov);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	/* Armed by the call. */
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	ASSERT_EQ(nn_addr(1, 2, a4_3, 8), 0);
	ASSERT_EQ(WaitForSingleObject(ev, 20000), WAIT_OBJECT_0);
	memset(&ne, 0xcc, sizeof ne);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0);
	ASSERT_EQ(ne.lNetworkEvents, FD_ADDRESS_LIST_CHANGE);
	ASSERT_EQ(ne.iErrorCode[FD_ADDRESS_LIST_CHANGE_BIT], 0);
	/* Recorded once: the next change records nothing until the ioctl is called again. */
	post_change(barrier, &bov, bev);
	ASSERT_EQ(nn_addr(0, 2, a4_3, 8), 0);
	wait_done(&bov);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0);
	ASSERT_EQ(ne.lNetworkEvents, 0);
	ASSERT_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	ASSERT_EQ(nn_addr(0, 2, a4_2, 8), 0);
	ASSERT_EQ(WaitForSingleObject(ev, 20000), WAIT_OBJECT_0);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0);
	ASSERT_EQ(ne.lNetworkEvents, FD_ADDRESS_LIST_CHANGE);
	WSACloseEvent(ev);
	WSACloseEvent(bev);
	closesocket(s);
	closesocket(barrier);
	WSACleanup();
}

/* Armed before WSAEventSelect (FIONBIO first, as programs do): the change is recorded by the
 * registration that comes after it. */
TEST(SIO_ADDRESS_LIST_CHANGE_armed_before_select)
{
	SOCKET s, barrier;
	OVERLAPPED bov;
	HANDLE ev, bev;
	WSANETWORKEVENTS ne;
	u_long on = 1;
	DWORD n;

	ns_start();
	s = udp(AF_INET);
	barrier = udp(AF_INET);
	ev = WSACreateEvent();
	bev = WSACreateEvent();
	ASSERT_EQ(ioctlsocket(s, FIONBIO, &on), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &n, NULL, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	post_change(barrier, &bov, bev);
	ASSERT_EQ(nn_addr(1, 2, a4_2, 8), 0);
	wait_done(&bov);
	ASSERT_EQ(WSAEventSelect(s, ev, FD_READ | FD_ADDRESS_LIST_CHANGE), 0);
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	ASSERT_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0);
	ASSERT_EQ(ne.lNetworkEvents, FD_ADDRESS_LIST_CHANGE);
	WSACloseEvent(ev);
	WSACloseEvent(bev);
	closesocket(s);
	closesocket(barrier);
	WSACleanup();
}

/* Any change of the family's routes completes it (docs/design.md N2): here the route to the
 * destination itself appears and goes. */
TEST(SIO_ROUTING_INTERFACE_CHANGE_route_added)
{
	SOCKET s;
	OVERLAPPED ov;
	HANDLE ev, sev;
	struct sockaddr_in dst;
	DWORD n;

	ns_start();
	s = udp(AF_INET);
	ev = WSACreateEvent();
	sev = WSACreateEvent();
	memset(&dst, 0, sizeof dst);
	dst.sin_family = AF_INET;
	memcpy(&dst.sin_addr, net10, 4);
	dst.sin_addr.s_addr |= htonl(0x0101);
	ov_init(&ov, ev);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAIoctl(s, SIO_ROUTING_INTERFACE_CHANGE, &dst, sizeof dst, NULL, 0, &n, &ov, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
	/* No route yet: the query says so. */
	{
		struct sockaddr_in src;
		WSASetLastError(0xdeadbeef);
		ASSERT_EQ(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &dst, sizeof dst, &src, sizeof src, &n, NULL, NULL),
			  SOCKET_ERROR);
		ASSERT_EQ(WSAGetLastError(), WSAENETUNREACH);
	}
	ASSERT_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	ASSERT_EQ(nn_route(1, net10, 16), 0);
	wait_done(&ov);
	ASSERT_EQ((DWORD)ov.Internal, 0);
	/* Non-blocking: FD_ROUTING_INTERFACE_CHANGE when a route goes. */
	ASSERT_EQ(WSAEventSelect(s, sev, FD_ROUTING_INTERFACE_CHANGE), 0);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAIoctl(s, SIO_ROUTING_INTERFACE_CHANGE, &dst, sizeof dst, NULL, 0, &n, NULL, NULL), SOCKET_ERROR);
	ASSERT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
	ASSERT_EQ(WaitForSingleObject(sev, 0), WAIT_TIMEOUT);
	ASSERT_EQ(nn_route(0, net10, 16), 0);
	ASSERT_EQ(WaitForSingleObject(sev, 20000), WAIT_OBJECT_0);
	{
		WSANETWORKEVENTS ne;
		ASSERT_EQ(WSAEnumNetworkEvents(s, sev, &ne), 0);
		ASSERT_EQ(ne.lNetworkEvents, FD_ROUTING_INTERFACE_CHANGE);
		ASSERT_EQ(ne.iErrorCode[FD_ROUTING_INTERFACE_CHANGE_BIT], 0);
	}
	WSACloseEvent(ev);
	WSACloseEvent(sev);
	closesocket(s);
	WSACleanup();
}
