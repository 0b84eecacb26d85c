#ifndef NOABER_CSQLITE_SHIM_H
#define NOABER_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import; expose it as a function. */
static inline sqlite3_destructor_type noaber_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/* sqlite3_db_config is variadic; wrap the one call noaber needs. */
static inline int noaber_sqlite_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}
/* sqlite3_config is variadic too. Without memory statistics SQLite's allocator takes no global
   mutex per allocation; must run before sqlite3_initialize (else it returns SQLITE_MISUSE). */
static inline int noaber_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
