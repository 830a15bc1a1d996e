import { deflateSync } from 'node:zlib';

/**
 * zlib's deflate for the small streams a stamp adds (the font subset, its ToUnicode map, the
 * watermark): with a 4 kB window instead of the default 32 kB, zlib sets up in a tenth of the
 * time, which at these sizes is most of the cost, and compresses them about as well.
 */
export function deflateSmall(bytes: Uint8Array | string): Buffer {
  const input = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  return input.length <= 64 * 1024 ? deflateSync(input, { windowBits: 12, memLevel: 6 }) : deflateSync(input);
}
