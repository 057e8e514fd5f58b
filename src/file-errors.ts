/**
 * Why a file could not be read or written, in words, from the error Node's file system threw: what a
 * one-line message names, so nobody has to decode `EISDIR`.
 *
 * @example
 * fileProblem(error); // 'it is a folder, not a file'
 */
export function fileProblem(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? message ?? String(error);
  }
}
