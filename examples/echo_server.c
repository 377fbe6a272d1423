/* A Winsock echo server written the way Windows programmers write it: getaddrinfo, socket, bind,
 * listen, accept, recv/send loop, closesocket, WSACleanup. No Linux-specific line.
 * usage: echo_server [port] [connections]   (defaults: 27015, 1) */
#undef UNICODE
#define WIN32_LEAN_AND_MEAN

#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdlib.h>
#include <stdio.h>

#pragma comment(lib, "Ws2_32.lib")

#define BUF_LEN 512
#define PORT "27015"

int main(int argc, char **argv)
{
	WSADATA wsa;
	int rc, served = 0, wanted = argc > 2 ? atoi(argv[2]) : 1;
	SOCKET listener = INVALID_SOCKET;
	SOCKET client = INVALID_SOCKET;
	struct addrinfo *list = NULL;
	struct addrinfo hints;
	char buf[BUF_LEN];
	long long total = 0;

	rc = WSAStartup(MAKEWORD(2, 2), &wsa);
	if (rc != 0) {
		printf("WSAStartup failed with error: %d\n", rc);
		return 1;
	}

	ZeroMemory(&hints, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	hints.ai_flags = AI_PASSIVE;

	rc = getaddrinfo(NULL, argc > 1 ? argv[1] : PORT, &hints, &list);
	if (rc != 0) {
		printf("getaddrinfo failed with error: %d\n", rc);
		WSACleanup();
		return 1;
	}

	listener = socket(list->ai_family, list->ai_socktype, list->ai_protocol);
	if (listener == INVALID_SOCKET) {
		printf("socket failed with error: %d\n", WSAGetLastError());
		freeaddrinfo(list);
		WSACleanup();
		return 1;
	}

	rc = bind(listener, list->ai_addr, (int)list->ai_addrlen);
	if (rc == SOCKET_ERROR) {
		printf("bind failed with error: %d\n", WSAGetLastError());
		freeaddrinfo(list);
		closesocket(listener);
		WSACleanup();
		return 1;
	}
	freeaddrinfo(list);

	rc = listen(listener, SOMAXCONN);
	if (rc == SOCKET_ERROR) {
		printf("listen failed with error: %d\n", WSAGetLastError());
		closesocket(listener);
		WSACleanup();
		return 1;
	}
	printf("server: listening on port %s\n", argc > 1 ? argv[1] : PORT);
	fflush(stdout);

	while (served < wanted) {
		client = accept(listener, NULL, NULL);
		if (client == INVALID_SOCKET) {
			printf("accept failed with error: %d\n", WSAGetLastError());
			closesocket(listener);
			WSACleanup();
			return 1;
		}
		do {
			rc = recv(client, buf, BUF_LEN, 0);
			if (rc > 0) {
				int sent = send(client, buf, rc, 0);
				if (sent == SOCKET_ERROR) {
					printf("send failed with error: %d\n", WSAGetLastError());
					closesocket(client);
					WSACleanup();
					return 1;
				}
				total += sent;
			} else if (rc < 0) {
				printf("recv failed with error: %d\n", WSAGetLastError());
				closesocket(client);
				WSACleanup();
				return 1;
			}
		} while (rc > 0);
		rc = shutdown(client, SD_SEND);
		closesocket(client);
		served++;
	}
	printf("server: echoed %lld bytes to %d client(s)\n", total, served);
	closesocket(listener);
	WSACleanup();
	return 0;
}
