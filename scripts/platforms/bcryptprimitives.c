/* For tests under Wine only: never shipped, never committed as a binary.
 *
 * Rust's standard library (1.78+) imports ProcessPrng from bcryptprimitives.dll, which Wine 8
 * (Debian 12) lacks, so a Rust .exe does not start there. scripts/test-platforms.sh builds this
 * stand-in with mingw and puts it beside the .exe under test (Windows loads DLLs from the
 * program's folder first). Real Windows (10 and later) has the real DLL.
 */
#include <windows.h>

#define RtlGenRandom SystemFunction036
BOOLEAN WINAPI RtlGenRandom(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    return RtlGenRandom(data, (ULONG)len);
}
