/* iphlpapi's failures that are no argument error: when the interface snapshot cannot be taken,
 * each function returns the Windows code for why (here: no descriptor left for the netlink
 * socket, ERROR_TOO_MANY_OPEN_FILES, one of the "other" codes Microsoft Learn lists), not
 * ERROR_NOT_ENOUGH_MEMORY for everything. Once descriptors are back, the same calls succeed. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include <stdlib.h>

#include "fdlimit.h"
#include "test.h"

TEST(iphlpapi_snapshot_failure_code)
{
	NET_LUID luid, out;
	NET_IFINDEX idx = if_nametoindex("lo");
	ULONG size = 0;
	DWORD count = 0;
	char name[64];

	if (idx == 0)
		SKIP("no loopback interface named lo");
	ASSERT_EQ(ConvertInterfaceIndexToLuid(idx, &luid), NO_ERROR);
	if (fdlimit_exhaust() != 0)
		SKIP("cannot lower RLIMIT_NOFILE");
	ASSERT_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size), ERROR_TOO_MANY_OPEN_FILES);
	ASSERT_EQ(GetAdaptersInfo(NULL, &size), ERROR_TOO_MANY_OPEN_FILES);
	ASSERT_EQ(GetNumberOfInterfaces(&count), ERROR_TOO_MANY_OPEN_FILES);
	ASSERT_EQ(ConvertInterfaceIndexToLuid(idx, &out), ERROR_TOO_MANY_OPEN_FILES);
	ASSERT_EQ(ConvertInterfaceLuidToIndex(&luid, &idx), ERROR_TOO_MANY_OPEN_FILES);
	ASSERT_EQ(ConvertInterfaceLuidToNameA(&luid, name, sizeof name), ERROR_TOO_MANY_OPEN_FILES);
	ASSERT_EQ(ConvertInterfaceNameToLuidA("lo", &out), ERROR_TOO_MANY_OPEN_FILES);
	fdlimit_restore();
	ASSERT_EQ(GetNumberOfInterfaces(&count), NO_ERROR);
	ASSERT_TRUE(count >= 1);
	ASSERT_EQ(ConvertInterfaceLuidToIndex(&luid, &idx), NO_ERROR);
	ASSERT_EQ(ConvertInterfaceNameToLuidA("lo", &out), NO_ERROR);
	ASSERT_EQ(out.Value, luid.Value);
}
