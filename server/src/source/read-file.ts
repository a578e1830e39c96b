// Reads files of an untrusted repository: regular files only, never blocking, the size cap checked on the open descriptor.
import { closeSync, constants, fstatSync, openSync, readSync, Stats } from 'node:fs';
import { LIMITS } from './limits';

/** A file the linter will not read (a device, a FIFO, too large, outside its root); the message says why. */
export class ReadRefused extends Error {
  override name = 'ReadRefused';
}

export interface ReadOptions {
  /** Bytes read at most (default LIMITS.maxFileBytes). */
  maxBytes?: number;
  /** Over the cap: return the first maxBytes + 1 bytes (the parser reports the size) instead of refusing. */
  truncate?: boolean;
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer; fstat then refuses it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What kind of file a stat describes, in words for a message. */
export function fileKind(stat: Stats): string {
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'folder';
  if (stat.isFIFO()) return 'FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isSocket()) return 'socket';
  return 'special file';
}

/**
 * The UTF-8 text of a regular file. Throws ReadRefused for anything else or for a file over the cap, and
 * the usual errno errors (ENOENT, EACCES) when it cannot be opened. Reads at most maxBytes + 1 bytes even
 * when the file grows while it is read.
 */
export function readTextFile(path: string, options: ReadOptions = {}): string {
  const maxBytes = options.maxBytes ?? LIMITS.maxFileBytes;
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ReadRefused(`${notRegular(stat)}; not read`);
    if (stat.size > maxBytes && !options.truncate) throw new ReadRefused(`larger than ${maxBytes} bytes; not read`);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read <= 0) break;
      length += read;
    }
    if (length > maxBytes && !options.truncate) throw new ReadRefused(`larger than ${maxBytes} bytes; not read`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function notRegular(stat: Stats): string {
  const kind = fileKind(stat);
  return `a ${kind}, not a regular file`;
}

/** A one-line reason a read failed, for a finding: the refusal, or the errno code (ENOENT, EACCES, ...). */
export function readFailure(error: unknown): string {
  if (error instanceof ReadRefused) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a regular file';
  if (code === 'ELOOP') return 'a symbolic link loop';
  return code ?? (error as Error)?.message ?? String(error);
}

/** True when the error is about reading the file (as opposed to a bug in the linter). */
export function isReadError(error: unknown): boolean {
  return error instanceof ReadRefused || typeof (error as NodeJS.ErrnoException)?.code === 'string';
}
