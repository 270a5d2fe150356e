// A numeric sample stored in JSON as little-endian float32 in base64: 5⅓ characters a value
// instead of the ~19 of a printed double, so a 5000-value sample is 27 KB rather than 95 KB.
// Written by hand because core/common has neither Buffer nor btoa.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Base64 of `values` rounded to float32 (7 significant digits; |x| > 3.4e38 → ±Infinity). */
export function encodeFloat32(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >>> 18]! +
      ALPHABET[(n >>> 12) & 63]! +
      ALPHABET[(n >>> 6) & 63]! +
      ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + '=';
  }
  return out;
}

/** The values encodeFloat32 wrote, as float64; throws on text that is not such a sample. */
export function decodeFloat32(text: string): Float64Array {
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === 61) len--; // '='
  const nBytes = Math.floor((len * 3) / 4);
  if (nBytes % 4 !== 0) throw new RangeError('not a float32 sample: length is not a multiple of 4');
  const bytes = new Uint8Array(nBytes);
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) throw new RangeError(`not a float32 sample: bad character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (k < nBytes) bytes[k++] = (acc >>> bits) & 255;
    }
  }
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(nBytes / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
