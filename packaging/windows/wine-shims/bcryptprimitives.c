/* Wine 8.0 stand-in for bcryptprimitives.dll, for the TEST Wine prefix only (never shipped).
 *
 * Windows 10 has bcryptprimitives.dll!ProcessPrng; Rust's standard library (>= 1.78) imports it
 * for its random numbers, so cryptography's and pyrage's Rust extensions fail to load under
 * Wine 8.0, which has no bcryptprimitives.dll at all. This forwards to Wine's RtlGenRandom
 * (advapi32!SystemFunction036), the same system CSPRNG. tests/packaging/test_windows_installer.py
 * compiles it into the test prefix's system32 and asserts that no build output contains it. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE; /* Windows documents ProcessPrng as always returning TRUE */
}
