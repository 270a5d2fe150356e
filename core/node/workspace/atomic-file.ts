// Files written beside the workspace (exports): whole or not at all. The bytes go to a temporary
// file in the same folder, are flushed, and the temporary file is renamed over the target, so a
// crash, a kill or a full disk never leaves a truncated file under the target's name.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class FileWriteError extends Error {
  override name = 'FileWriteError';
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Writes `data` to `path` atomically; on failure the target is as it was and a clear error names it. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const full = resolve(path);
  let st: Stats | undefined;
  try {
    st = statSync(full);
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) {
    // A device or a pipe (/dev/stdout): there is no file to replace, so it is written in place.
    try {
      writeFileSync(full, data);
    } catch (err) {
      throw describeWriteError(err, path);
    }
    return;
  }
  const tmp = join(
    dirname(full),
    `.${basename(full)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(tmp, 'wx', st ? st.mode & 0o777 : 0o666);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, full);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw describeWriteError(err, path);
  }
}

function describeWriteError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return err;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EROFS'
        ? 'the file system is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOENT'
            ? 'its folder does not exist'
            : code === 'EISDIR'
              ? 'it is a folder'
              : (err as Error).message;
  return new FileWriteError(
    code,
    path,
    `${path}: could not write the file: ${why} (${code}). Nothing was written; any file already there was left as it was.`,
  );
}
