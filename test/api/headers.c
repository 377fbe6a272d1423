/* Header facts C cannot check at compile time (GUID bytes, pointer-valued sentinels): the
 * checks live in headers_layout.c beside the static ones; this runs them. */
#include <winsock2.h>

#include "test.h"

int headers_layout_runtime_mismatches(void);
int headers_layout_dummy(void);

TEST(headers_layout_runtime)
{
	ASSERT_EQ(headers_layout_dummy(), 0);
	ASSERT_EQ(headers_layout_runtime_mismatches(), 0);
}
