/* InitializeUnicastIpAddressEntry, CreateUnicastIpAddressEntry, DeleteUnicastIpAddressEntry:
 * the defaults and the row checks (Microsoft's pages). Every Create call here has a defect, so
 * nothing ever reaches this host's network configuration; adding and removing for real is
 * test/unit/addrchg.c's, inside a private network namespace. */
#include "sockutil.h"

#include <iphlpapi.h>

/* A row that only lacks being valid in the one way each check breaks. */
static void base_row(MIB_UNICASTIPADDRESS_ROW *row)
{
	static const unsigned char doc[4] = { 192, 0, 2, 77 };	/* TEST-NET-1 */

	InitializeUnicastIpAddressEntry(row);
	row->Address.si_family = AF_INET;
	memcpy(&row->Address.Ipv4.sin_addr, doc, 4);
	row->InterfaceIndex = 1;
	row->OnLinkPrefixLength = 24;
}

TEST(InitializeUnicastIpAddressEntry_defaults)
{
	MIB_UNICASTIPADDRESS_ROW row;

	memset(&row, 0xcc, sizeof row);
	InitializeUnicastIpAddressEntry(&row);
	ASSERT_EQ(row.Address.si_family, 0);
	ASSERT_EQ(row.InterfaceLuid.Value, 0);
	ASSERT_EQ(row.InterfaceIndex, 0);
	ASSERT_EQ(row.PrefixOrigin, IpPrefixOriginUnchanged);
	ASSERT_EQ(row.SuffixOrigin, IpSuffixOriginUnchanged);
	ASSERT_EQ(row.ValidLifetime, 0xffffffffu);
	ASSERT_EQ(row.PreferredLifetime, 0xffffffffu);
	ASSERT_TRUE(row.OnLinkPrefixLength > 128);	/* "an illegal value" */
	ASSERT_EQ(row.SkipAsSource, FALSE);
	ASSERT_EQ(row.DadState, 0);
	ASSERT_EQ(row.CreationTimeStamp.QuadPart, 0);
	InitializeUnicastIpAddressEntry(NULL);	/* nothing happens */
}

TEST(CreateUnicastIpAddressEntry_bad_rows)
{
	MIB_UNICASTIPADDRESS_ROW row;
	static const unsigned char mcast[4] = { 224, 0, 0, 1 };

	ASSERT_EQ(CreateUnicastIpAddressEntry(NULL), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.Address.si_family = AF_UNSPEC;
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	memset(&row.Address.Ipv4.sin_addr, 0, 4);	/* unspecified */
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	memcpy(&row.Address.Ipv4.sin_addr, mcast, 4);
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.InterfaceIndex = 0;	/* neither LUID nor index */
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.InterfaceIndex = 0x7ffffff0;	/* no such interface */
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_NOT_FOUND);
	base_row(&row);
	row.InterfaceLuid.Info.NetLuidIndex = 0xfffff0;
	row.InterfaceLuid.Info.IfType = 6;	/* the LUID wins over the index */
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_NOT_FOUND);
	base_row(&row);
	row.OnLinkPrefixLength = 0xff;	/* left as InitializeUnicastIpAddressEntry set it */
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.OnLinkPrefixLength = 33;
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.ValidLifetime = 10;
	row.PreferredLifetime = 20;
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.PrefixOrigin = IpPrefixOriginManual;	/* suffix still Unchanged */
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
	base_row(&row);
	row.PrefixOrigin = (NL_PREFIX_ORIGIN)9;
	row.SuffixOrigin = IpSuffixOriginManual;
	ASSERT_EQ(CreateUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
}

TEST(DeleteUnicastIpAddressEntry_not_there)
{
	MIB_UNICASTIPADDRESS_ROW row;

	ASSERT_EQ(DeleteUnicastIpAddressEntry(NULL), ERROR_INVALID_PARAMETER);
	base_row(&row);
	ASSERT_EQ(DeleteUnicastIpAddressEntry(&row), ERROR_NOT_FOUND);	/* 192.0.2.77 is on no lo */
	row.InterfaceIndex = 0;
	ASSERT_EQ(DeleteUnicastIpAddressEntry(&row), ERROR_INVALID_PARAMETER);
}
