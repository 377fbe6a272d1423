/* A Winsock echo client written the way Windows programmers write it: getaddrinfo, try each
 * address until connect works, send, shutdown, recv until the server closes.
 * usage: echo_client host [port] [message]   (defaults: 27015, "this is a test") */
#define WIN32_LEAN_AND_MEAN

#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#pragma comment(lib, "Ws2_32.lib")

#define BUF_LEN 512
#define PORT "27015"

int main(int argc, char **argv)
{
	WSADATA wsa;
	SOCKET sock = INVALID_SOCKET;
	struct addrinfo *list = NULL, *ai = NULL, hints;
	const char *msg = argc > 3 ? argv[3] : "this is a test";
	char buf[BUF_LEN];
	int rc, received = 0;

	if (argc < 2) {
		printf("usage: %s server-name [port] [message]\n", argv[0]);
		return 1;
	}
	rc = WSAStartup(MAKEWORD(2, 2), &wsa);
	if (rc != 0) {
		printf("WSAStartup failed with error: %d\n", rc);
		return 1;
	}

	ZeroMemory(&hints, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;

	rc = getaddrinfo(argv[1], argc > 2 ? argv[2] : PORT, &hints, &list);
	if (rc != 0) {
		printf("getaddrinfo failed with error: %d\n", rc);
		WSACleanup();
		return 1;
	}

	for (ai = list; ai != NULL; ai = ai->ai_next) {
		sock = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (sock == INVALID_SOCKET) {
			printf("socket failed with error: %d\n", WSAGetLastError());
			WSACleanup();
			return 1;
		}
		rc = connect(sock, ai->ai_addr, (int)ai->ai_addrlen);
		if (rc == SOCKET_ERROR) {
			closesocket(sock);
			sock = INVALID_SOCKET;
			continue;
		}
		break;
	}
	freeaddrinfo(list);

	if (sock == INVALID_SOCKET) {
		printf("Unable to connect to server!\n");
		WSACleanup();
		return 1;
	}

	rc = send(sock, msg, (int)strlen(msg), 0);
	if (rc == SOCKET_ERROR) {
		printf("send failed with error: %d\n", WSAGetLastError());
		closesocket(sock);
		WSACleanup();
		return 1;
	}
	printf("client: bytes sent: %d\n", rc);

	rc = shutdown(sock, SD_SEND);
	if (rc == SOCKET_ERROR) {
		printf("shutdown failed with error: %d\n", WSAGetLastError());
		closesocket(sock);
		WSACleanup();
		return 1;
	}

	do {
		rc = recv(sock, buf + received, BUF_LEN - 1 - received, 0);
		if (rc > 0)
			received += rc;
		else if (rc < 0)
			printf("recv failed with error: %d\n", WSAGetLastError());
	} while (rc > 0 && received < BUF_LEN - 1);
	buf[received] = '\0';
	printf("client: bytes received: %d: \"%s\"\n", received, buf);

	closesocket(sock);
	WSACleanup();
	return strcmp(buf, msg) == 0 ? 0 : 1;
}
