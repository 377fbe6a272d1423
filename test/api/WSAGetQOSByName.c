/* WSAGetQOSByName: the base provider has no QoS templates. An empty name lists them (only the
 * list's terminator, a zero-length name), any other name is WSAEINVAL, bad buffers WSAEFAULT. */
#include <stdint.h>
#include <string.h>

#include <winsock2.h>
#include <windows.h>

#include "test.h"
#include "sockutil.h"

TEST(WSAGetQOSByName_errors)
{
	char name[] = "G711";
	WSABUF b = { sizeof name, name };
	QOS q;
	SOCKET s;

	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetQOSByName(INVALID_SOCKET, &b, &q), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSANOTINITIALISED);
	su_start();
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetQOSByName(INVALID_SOCKET, &b, &q), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAENOTSOCK);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	ASSERT_NE(s, INVALID_SOCKET);
	/* No template of that name (nor of any other). */
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetQOSByName(s, &b, &q), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEINVAL);
	/* The name's WSABUF must be readable. */
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetQOSByName(s, NULL, &q), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetQOSByName(s, (LPWSABUF)(uintptr_t)0x10, &q), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}

TEST(WSAGetQOSByName_enumerate_empty)
{
	char list[16];
	WSABUF b = { sizeof list, list };
	SOCKET s;

	su_start();
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	ASSERT_NE(s, INVALID_SOCKET);
	/* An empty name asks for the names: none, so only the terminating empty name. */
	memset(list, 'x', sizeof list);
	list[0] = '\0';
	list[1] = 'y';
	ASSERT_EQ(WSAGetQOSByName(s, &b, NULL), TRUE);
	ASSERT_EQ(list[0], '\0');
	/* No room for even the terminator. */
	b.len = 0;
	WSASetLastError(0xdeadbeef);
	ASSERT_EQ(WSAGetQOSByName(s, &b, NULL), FALSE);
	ASSERT_EQ(WSAGetLastError(), WSAEFAULT);
	ASSERT_EQ(closesocket(s), 0);
	ASSERT_EQ(WSACleanup(), 0);
}
