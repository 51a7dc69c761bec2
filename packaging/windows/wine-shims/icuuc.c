/* Wine 8.0 stand-in for the Windows 10 system icuuc.dll, for the TEST Wine prefix only (never shipped).
 *
 * Qt6Core >= 6.10 links to the system ICU, and only to its character-set converters (ucnv_*),
 * which QStringConverter uses for legacy encodings (UTF-8/16/32 and Latin-1 are Qt's own).
 * This stand-in exports exactly the 20 symbols Qt6Core 6.11 imports
 * (`x86_64-w64-mingw32-objdump -p Qt6Core.dll | grep -A25 icuuc.dll`) and offers no converter:
 * ucnv_open fails, ucnv_countAvailable is 0. The functions that take a converter are never
 * reached; they report U_UNSUPPORTED_ERROR. sle_desktop reads and writes UTF-8 only. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
typedef uint16_t UChar;
typedef int8_t UBool;
typedef void UConverter;
typedef void (*UCallback)(void);
enum { U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void unsupported(UErrorCode *err) { if (err && *err <= 0) *err = U_UNSUPPORTED_ERROR; }

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; /* what ICU says for an unknown converter */
    return NULL;
}
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; (void)err; return NULL; /* "no such alias", not an error in ICU */ }

/* Callbacks Qt installs by address; never called without a converter. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}

/* Everything below needs a converter, which ucnv_open never returns. */
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; unsupported(err); return ""; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, UCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, UCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(UConverter *c, UCallback action, const void *context, UCallback *old_action,
                                const void **old_context, UErrorCode *err)
{ (void)c; (void)action; (void)context; (void)old_action; (void)old_context; unsupported(err); }
EXPORT void ucnv_setFromUCallBack(UConverter *c, UCallback action, const void *context, UCallback *old_action,
                                  const void **old_context, UErrorCode *err)
{ (void)c; (void)action; (void)context; (void)old_action; (void)old_context; unsupported(err); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset, UErrorCode *err)
{ (void)args; (void)source; (void)length; (void)offset; unsupported(err); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit, int32_t offset, UErrorCode *err)
{ (void)args; (void)source; (void)limit; (void)offset; unsupported(err); }
EXPORT void ucnv_toUnicode(UConverter *c, UChar **target, const UChar *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, UBool flush, UErrorCode *err)
{ (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; unsupported(err); }
EXPORT void ucnv_fromUnicode(UConverter *c, char **target, const char *target_limit, const UChar **source,
                             const UChar *source_limit, int32_t *offsets, UBool flush, UErrorCode *err)
{ (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; unsupported(err); }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; unsupported(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; unsupported(err); return 0; }
