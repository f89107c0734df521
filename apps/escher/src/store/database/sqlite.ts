import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** The driver: better-sqlite3 built with SQLite3 Multiple Ciphers (whole-file encryption). */
export const Sqlite = BetterSqlite3;
/** An open connection. */
export type SqliteDatabase = BetterSqlite3.Database;
/** A prepared statement. */
export type SqliteStatement<P extends unknown[] = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;
