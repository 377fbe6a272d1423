/* CancelSynchronousIo: a thread's blocking call on a socket fails with ERROR_OPERATION_ABORTED
 * (WSA_OPERATION_ABORTED, the same value, from Winsock); nothing pending is ERROR_NOT_FOUND
 * (spec data-transfer.md §11). */
#include "overlapped_util.h"

struct blocked {
	SOCKET s;
	int kind;		/* 0 recv, 1 ReadFile, 2 accept, 3 WSARecv */
	volatile LONG result;
	volatile LONG err;
};

static DWORD WINAPI blocked_main(LPVOID p)
{
	struct blocked *b = p;
	char buf[16];
	DWORD n = 0, flags = 0;
	WSABUF wb = { sizeof buf, buf };

	WSASetLastError(0xdeadbeef);
	SetLastError(0xdeadbeef);
	switch (b->kind) {
	case 0:
		b->result = recv(b->s, buf, sizeof buf, 0);
		b->err = WSAGetLastError();
		break;
	case 1:
		b->result = ReadFile((HANDLE)b->s, buf, sizeof buf, &n, NULL);
		b->err = (LONG)GetLastError();
		break;
	case 2:
		b->result = (LONG)(accept(b->s, NULL, NULL) == INVALID_SOCKET ? -1 : 0);
		b->err = WSAGetLastError();
		break;
	case 3:
		b->result = WSARecv(b->s, &wb, 1, &n, &flags, NULL, NULL);
		b->err = WSAGetLastError();
		break;
	}
	return 0;
}

/* Cancels t's call once it is blocked: until then there is nothing to cancel (ERROR_NOT_FOUND). */
static void cancel_when_blocked(HANDLE t)
{
	for (;;) {
		SetLastError(0xdeadbeef);
		if (CancelSynchronousIo(t))
			return;
		ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
		ASSERT_EQ(WaitForSingleObject(t, 1), WAIT_TIMEOUT);	/* still blocked, not finished */
	}
}

static void run_blocked(int kind)
{
	SOCKET c = INVALID_SOCKET, a = INVALID_SOCKET, l = INVALID_SOCKET;
	struct sockaddr_storage ss;
	int len = sizeof ss;
	struct blocked b;
	HANDLE t;

	ov_start();
	memset(&b, 0, sizeof b);
	b.kind = kind;
	if (kind == 2) {
		l = su_bound(AF_INET, SOCK_STREAM, &ss, &len);
		ASSERT_EQ(listen(l, 4), 0);
		b.s = l;
	} else {
		ov_tcp_pair(AF_INET, &c, &a);
		b.s = a;
	}
	t = CreateThread(NULL, 0, blocked_main, &b, 0, NULL);
	ASSERT_TRUE(t != NULL);
	cancel_when_blocked(t);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	if (kind == 1) {
		ASSERT_EQ(b.result, FALSE);
		ASSERT_EQ(b.err, ERROR_OPERATION_ABORTED);
	} else {
		ASSERT_EQ(b.result, SOCKET_ERROR);
		ASSERT_EQ(b.err, WSA_OPERATION_ABORTED);
	}
	/* Only that call was cancelled: the socket goes on working. */
	if (kind == 2) {
		SOCKET x = socket(AF_INET, SOCK_STREAM, 0), y;
		ASSERT_EQ(connect(x, (struct sockaddr *)&ss, len), 0);
		y = accept(l, NULL, NULL);
		ASSERT_TRUE(y != INVALID_SOCKET);
		ASSERT_EQ(closesocket(y), 0);
		ASSERT_EQ(closesocket(x), 0);
		ASSERT_EQ(closesocket(l), 0);
	} else {
		char buf[4];
		ASSERT_EQ(send(c, "ok", 2, 0), 2);
		ASSERT_EQ(recv(a, buf, sizeof buf, 0), 2);
		ASSERT_EQ(closesocket(c), 0);
		ASSERT_EQ(closesocket(a), 0);
	}
	ASSERT_EQ(CloseHandle(t), TRUE);
	WSACleanup();
}

TEST(CancelSynchronousIo_recv)
{
	run_blocked(0);
}

TEST(CancelSynchronousIo_ReadFile_socket)
{
	run_blocked(1);
}

TEST(CancelSynchronousIo_accept)
{
	run_blocked(2);
}

TEST(CancelSynchronousIo_WSARecv)
{
	run_blocked(3);
}

static DWORD WINAPI idle_main(LPVOID p)
{
	WaitForSingleObject((HANDLE)p, INFINITE);
	return 0;
}

TEST(CancelSynchronousIo_nothing_pending)
{
	HANDLE go = CreateEventW(NULL, TRUE, FALSE, NULL), t;

	t = CreateThread(NULL, 0, idle_main, go, 0, NULL);
	ASSERT_TRUE(t != NULL);
	/* A wait is no synchronous I/O. */
	SetLastError(0xdeadbeef);
	ASSERT_EQ(CancelSynchronousIo(t), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(CancelSynchronousIo(GetCurrentThread()), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(CancelSynchronousIo(go), FALSE);	/* not a thread */
	ASSERT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
	ASSERT_EQ(SetEvent(go), TRUE);
	ASSERT_EQ(WaitForSingleObject(t, INFINITE), WAIT_OBJECT_0);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(CancelSynchronousIo(t), FALSE);	/* ended */
	ASSERT_EQ(GetLastError(), ERROR_NOT_FOUND);
	ASSERT_EQ(CloseHandle(t), TRUE);
	ASSERT_EQ(CloseHandle(go), TRUE);
}
