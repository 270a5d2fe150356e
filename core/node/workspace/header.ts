// Reads an SQLite file's 100-byte header directly, so a file can be judged (not SQLite, another
// application's database, a newer Sightline) before SQLite opens it and could write anything.
import { closeSync, openSync, readSync } from 'node:fs';

export const SQLITE_MAGIC = 'SQLite format 3\0';

export interface SqliteHeader {
  /** PRAGMA application_id, bytes 68-71. */
  applicationId: number;
  /** PRAGMA user_version, bytes 60-63. */
  userVersion: number;
  /** 2 when the file is in WAL mode (bytes 18-19). */
  walMode: boolean;
}

/** The header of `path`, `'empty'` for a zero-length file, or `'not_sqlite'`. */
export function readSqliteHeader(path: string): SqliteHeader | 'empty' | 'not_sqlite' {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    if (n === 0) return 'empty';
    if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) return 'not_sqlite';
    return {
      applicationId: buf.readUInt32BE(68),
      userVersion: buf.readUInt32BE(60),
      walMode: buf[18] === 2 && buf[19] === 2,
    };
  } finally {
    closeSync(fd);
  }
}
