/**
 * Just enough of the tar format to read what `GET /containers/{id}/archive` returns for a
 * directory: regular files with their paths and contents (ustar, with GNU long names and pax
 * `path` records, which long failed-batch file names may need).
 *
 * @example readTar(buffer) // [{ path: 'failed_batches/failed_batch_1.json', content: Buffer }]
 */
const BLOCK = 512;

export interface TarFile {
  readonly path: string;
  readonly content: Buffer;
}

const text = (block: Buffer, start: number, length: number): string =>
  block
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');

export function readTar(archive: Buffer): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(header, 345, 155);
    const name = text(header, 0, 100);
    const body = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
      continue;
    }
    const path = longName ?? (prefix ? `${prefix}/${name}` : name);
    longName = null;
    if (type === '0' || type === '\0') files.push({ path, content: Buffer.from(body) });
  }
  return files;
}
