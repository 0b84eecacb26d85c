#ifndef NOABER_CZLIB_SHIM_H
#define NOABER_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro (it passes ZLIB_VERSION and sizeof(z_stream)), which Swift cannot
   import. Negative window bits: a raw deflate stream, as zip entries hold (no zlib header). */
static inline int noaber_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
/* deflateInit2 likewise; raw deflate with the default memory. ZipWriter (the workbooks noaber
   writes: the registration template, the bundled village workbook), tests and fuzz seeds use it. */
static inline int noaber_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
