// cxx_client.cpp - a Winsock client written the way Microsoft's C++
// samples are: windows.h/winsock2.h/ws2tcpip.h, #pragma comment(lib), the
// Berkeley calls through getaddrinfo.  test/headers/check.sh compiles it
// with g++ against include/, links it against libws2_32 and runs it.
//
// It talks to itself over loopback: a listener on 127.0.0.1 (ephemeral
// port), a client that resolves the address with getaddrinfo, connects,
// sends a line and reads the echo.  Exit status 0 when everything worked.

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <vector>

#pragma comment(lib, "Ws2_32.lib")

static_assert(sizeof(SOCKADDR_IN) == 16, "sockaddr_in is 16 bytes");
static_assert(sizeof(WSADATA) == 408, "WSADATA is 408 bytes on x64");
static_assert(sizeof(u_long) == 4, "u_long is 32 bits, as on Windows");
static_assert(sizeof(timeval) == 8, "timeval has 32-bit fields, as on Windows");

namespace {

// Closes the socket when it goes out of scope.
class Socket {
public:
	explicit Socket(SOCKET s = INVALID_SOCKET) : s_(s) {}
	~Socket() { reset(); }
	Socket(const Socket &) = delete;
	Socket &operator=(const Socket &) = delete;
	SOCKET get() const { return s_; }
	bool valid() const { return s_ != INVALID_SOCKET; }
	void reset(SOCKET s = INVALID_SOCKET)
	{
		if (s_ != INVALID_SOCKET)
			closesocket(s_);
		s_ = s;
	}
private:
	SOCKET s_;
};

int fail(const char *what)
{
	fprintf(stderr, "cxx_client: %s failed: %d\n", what, WSAGetLastError());
	return 1;
}

// Sends the whole buffer; false on error.
bool send_all(SOCKET s, const std::string &data)
{
	size_t off = 0;
	while (off < data.size()) {
		int n = send(s, data.data() + off, static_cast<int>(data.size() - off), 0);
		if (n == SOCKET_ERROR)
			return false;
		off += static_cast<size_t>(n);
	}
	return true;
}

// Reads until the peer shuts its side down.
bool recv_all(SOCKET s, std::string &out)
{
	std::vector<char> buf(512);
	for (;;) {
		int n = recv(s, buf.data(), static_cast<int>(buf.size()), 0);
		if (n == SOCKET_ERROR)
			return false;
		if (n == 0)
			return true;
		out.append(buf.data(), static_cast<size_t>(n));
	}
}

int run()
{
	// Listener on 127.0.0.1, ephemeral port.
	Socket listener(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
	if (!listener.valid())
		return fail("socket (listener)");
	SOCKADDR_IN sin = {};
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = 0;
	if (bind(listener.get(), reinterpret_cast<SOCKADDR *>(&sin), sizeof(sin)) == SOCKET_ERROR)
		return fail("bind");
	if (listen(listener.get(), SOMAXCONN) == SOCKET_ERROR)
		return fail("listen");
	int len = sizeof(sin);
	if (getsockname(listener.get(), reinterpret_cast<SOCKADDR *>(&sin), &len) == SOCKET_ERROR)
		return fail("getsockname");
	const std::string port = std::to_string(ntohs(sin.sin_port));

	// Client: resolve, then try each address in turn.
	ADDRINFOA hints = {};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	PADDRINFOA result = nullptr;
	int rc = getaddrinfo("127.0.0.1", port.c_str(), &hints, &result);
	if (rc != 0) {
		fprintf(stderr, "cxx_client: getaddrinfo failed: %d\n", rc);
		return 1;
	}
	Socket client;
	for (PADDRINFOA ai = result; ai != nullptr; ai = ai->ai_next) {
		client.reset(socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol));
		if (!client.valid())
			continue;
		if (connect(client.get(), ai->ai_addr, static_cast<int>(ai->ai_addrlen)) == SOCKET_ERROR) {
			client.reset();
			continue;
		}
		break;
	}
	freeaddrinfo(result);
	if (!client.valid())
		return fail("connect");

	Socket server(accept(listener.get(), nullptr, nullptr));
	if (!server.valid())
		return fail("accept");

	// Client -> server, then the server echoes it back.
	const std::string line = "hello from C++\n";
	if (!send_all(client.get(), line))
		return fail("send (client)");
	if (shutdown(client.get(), SD_SEND) == SOCKET_ERROR)
		return fail("shutdown (client)");
	std::string got;
	if (!recv_all(server.get(), got))
		return fail("recv (server)");
	if (!send_all(server.get(), got) || shutdown(server.get(), SD_SEND) == SOCKET_ERROR)
		return fail("send (server)");
	std::string echo;
	if (!recv_all(client.get(), echo))
		return fail("recv (client)");
	if (echo != line) {
		fprintf(stderr, "cxx_client: echo mismatch: got %zu bytes\n", echo.size());
		return 1;
	}

	// gethostname() is one of winsock2.h's asm-label renames (design.md H.3).
	char host[256];
	if (gethostname(host, sizeof(host)) == SOCKET_ERROR)
		return fail("gethostname");
	return 0;
}

} // namespace

int main()
{
	WSADATA wsa;
	int err = WSAStartup(MAKEWORD(2, 2), &wsa);
	if (err != 0) {
		fprintf(stderr, "cxx_client: WSAStartup failed: %d\n", err);
		return 1;
	}
	int status = run();
	if (WSACleanup() == SOCKET_ERROR)
		return fail("WSACleanup");
	if (status == 0)
		printf("cxx_client: ok\n");
	return status;
}
