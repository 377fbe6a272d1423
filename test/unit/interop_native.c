/* Native interop (issue #4 part 4): a linsock SOCKET is a Linux fd that native code may poll,
 * read, write and sendfile on; a native socket can be adopted with linsock_adopt_socket
 * (include/linsock.h). Linux side; the Winsock calls are in interop_win.c. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linsock.h>

#include "interop.h"
#include "test.h"

TEST(interop_native_poll_read_write)
{
	uintptr_t a, b;
	struct pollfd p;
	char buf[16] = { 0 };

	ASSERT_EQ(iw_startup(), 0);
	ASSERT_EQ(iw_tcp_pair(&a, &b), 0);
	/* Winsock writes, native code polls and reads the same socket. */
	ASSERT_EQ(iw_send(a, "winsock", 7), 7);
	p.fd = (int)b;
	p.events = POLLIN;
	ASSERT_EQ(poll(&p, 1, 5000), 1);
	ASSERT_TRUE(p.revents & POLLIN);
	ASSERT_EQ(read((int)b, buf, sizeof buf), 7);
	ASSERT_MEM_EQ(buf, "winsock", 7);
	/* Native code writes, Winsock receives. */
	ASSERT_EQ(write((int)b, "native", 6), 6);
	ASSERT_EQ(iw_recv(a, buf, sizeof buf), 6);
	ASSERT_MEM_EQ(buf, "native", 6);
	ASSERT_EQ(linsock_socket_fd(a), (int)a);
	ASSERT_EQ(iw_close(a), 0);
	ASSERT_EQ(iw_close(b), 0);
	ASSERT_EQ(iw_cleanup(), 0);
}

TEST(interop_native_sendfile)
{
	uintptr_t a, b;
	char path[] = "/tmp/linsock-sendfile-XXXXXX", buf[4096];
	int f = mkstemp(path), got = 0;

	ASSERT_TRUE(f >= 0);
	unlink(path);
	for (int i = 0; i < (int)sizeof buf; i++)
		buf[i] = (char)(i % 251);
	ASSERT_EQ(write(f, buf, sizeof buf), (long)sizeof buf);
	ASSERT_EQ(iw_startup(), 0);
	ASSERT_EQ(iw_tcp_pair(&a, &b), 0);
	/* The kernel's zero-copy path works on a linsock socket as on any socket fd. */
	off_t off = 0;
	ASSERT_EQ(sendfile((int)a, f, &off, sizeof buf), (long)sizeof buf);
	close(f);
	memset(buf, 0, sizeof buf);
	while (got < (int)sizeof buf) {
		int n = iw_recv(b, buf + got, (int)sizeof buf - got);
		ASSERT_TRUE(n > 0);
		got += n;
	}
	for (int i = 0; i < (int)sizeof buf; i++)
		ASSERT_EQ((unsigned char)buf[i], i % 251);
	ASSERT_EQ(iw_close(a), 0);
	ASSERT_EQ(iw_close(b), 0);
	ASSERT_EQ(iw_cleanup(), 0);
}

TEST(interop_adopt_connected)
{
	uintptr_t l, server, s;
	struct sockaddr_in sa;
	int port, fd;
	char buf[8];

	ASSERT_EQ(iw_startup(), 0);
	ASSERT_EQ(iw_listener(&l, &port), 0);
	/* A socket made and connected by native code... */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_TRUE(fd > 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)port);
	ASSERT_EQ(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	server = iw_accept(l);
	ASSERT_NE(server, LINSOCK_INVALID_SOCKET);
	/* ...handed to Winsock code. */
	s = linsock_adopt_socket(fd);
	ASSERT_EQ(s, (uintptr_t)fd);
	ASSERT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ASSERT_EQ(iw_socket_type(s), 1 /* SOCK_STREAM */);
	ASSERT_EQ(iw_peer_port(s), port);
	ASSERT_EQ(iw_send(s, "adopted", 7), 7);
	ASSERT_EQ(iw_recv(server, buf, sizeof buf), 7);
	ASSERT_MEM_EQ(buf, "adopted", 7);
	/* Adopting it again would mean two owners. */
	ASSERT_EQ(linsock_adopt_socket(fd), LINSOCK_INVALID_SOCKET);
	ASSERT_EQ(iw_last_error(), iw_code("WSAEINVAL"));
	/* closesocket closes the native fd: linsock owns it now. */
	ASSERT_EQ(iw_close(s), 0);
	ASSERT_EQ(fcntl(fd, F_GETFD), -1);
	ASSERT_EQ(iw_close(server), 0);
	ASSERT_EQ(iw_close(l), 0);
	ASSERT_EQ(iw_cleanup(), 0);
}

TEST(interop_adopt_listener_nonblocking)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	uintptr_t l, c, s;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	char buf[4];

	ASSERT_TRUE(fd > 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ASSERT_EQ(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	ASSERT_EQ(listen(fd, 4), 0);
	ASSERT_EQ(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	ASSERT_EQ(iw_startup(), 0);
	l = linsock_adopt_socket(fd);
	ASSERT_EQ(l, (uintptr_t)fd);
	/* The native fd was non-blocking: for Winsock it is a FIONBIO socket. */
	ASSERT_EQ(iw_accept(l), LINSOCK_INVALID_SOCKET);
	ASSERT_EQ(iw_last_error(), iw_wouldblock());
	ASSERT_EQ(iw_tcp_pair(&c, &s), 0);	/* any connected pair, to reuse its client */
	ASSERT_EQ(iw_close(c), 0);
	ASSERT_EQ(iw_close(s), 0);
	c = (uintptr_t)socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(connect((int)c, (struct sockaddr *)&sa, sizeof sa), 0);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ASSERT_EQ(poll(&p, 1, 5000), 1);
	s = iw_accept(l);
	ASSERT_NE(s, LINSOCK_INVALID_SOCKET);
	ASSERT_EQ(write((int)c, "ok", 2), 2);
	p.fd = (int)s;
	ASSERT_EQ(poll(&p, 1, 5000), 1);
	ASSERT_EQ(iw_recv(s, buf, sizeof buf), 2);
	close((int)c);
	ASSERT_EQ(iw_close(s), 0);
	ASSERT_EQ(iw_close(l), 0);
	ASSERT_EQ(iw_cleanup(), 0);
}

TEST(interop_adopt_errors)
{
	int p[2], fd;

	ASSERT_TRUE(pipe(p) == 0);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	/* Before WSAStartup. */
	ASSERT_EQ(linsock_adopt_socket(fd), LINSOCK_INVALID_SOCKET);
	ASSERT_EQ(iw_last_error(), iw_code("WSANOTINITIALISED"));
	ASSERT_EQ(iw_startup(), 0);
	/* Not a socket, not open, negative: WSAENOTSOCK, and the caller keeps its fd. */
	ASSERT_EQ(linsock_adopt_socket(p[0]), LINSOCK_INVALID_SOCKET);
	ASSERT_EQ(iw_last_error(), iw_code("WSAENOTSOCK"));
	ASSERT_TRUE(fcntl(p[0], F_GETFD) >= 0);
	ASSERT_EQ(linsock_adopt_socket(-1), LINSOCK_INVALID_SOCKET);
	ASSERT_EQ(iw_last_error(), iw_code("WSAENOTSOCK"));
	ASSERT_EQ(linsock_socket_fd(LINSOCK_INVALID_SOCKET), -1);
	ASSERT_EQ(linsock_socket_fd((uintptr_t)p[0]), -1);
	/* A datagram socket adopts as a UDP socket. */
	uintptr_t s = linsock_adopt_socket(fd);
	ASSERT_EQ(s, (uintptr_t)fd);
	ASSERT_EQ(iw_socket_type(s), 2 /* SOCK_DGRAM */);
	ASSERT_EQ(iw_close(s), 0);
	close(p[0]);
	close(p[1]);
	ASSERT_EQ(iw_cleanup(), 0);
}
