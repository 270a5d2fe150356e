// float32 arrays as base64 text, little-endian on every platform (no Buffer or atob needed).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const word = (b0 << 16) | (b1 << 8) | b2;
    out += ALPHABET[word >> 18]! + ALPHABET[(word >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(word >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[word & 63]! : '=';
  }
  return out;
}

/** Decodes float32ToBase64 output; `where` names the field in errors. */
export function base64ToFloat32(text: string, where: string): Float32Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) {
    throw new TypeError(`${where} must be base64 text (length a multiple of 4)`);
  }
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const numBytes = (text.length / 4) * 3 - pad;
  if (numBytes % 4 !== 0) throw new TypeError(`${where} is not a whole number of float32 values`);
  const bytes = new Uint8Array(numBytes);
  let k = 0;
  for (let i = 0; i < text.length; i += 4) {
    let word = 0;
    for (let c = 0; c < 4; c++) {
      const ch = text.charCodeAt(i + c);
      const d = ch === 61 && i + c >= text.length - pad ? 0 : ch < 128 ? INDEX[ch]! : -1;
      if (d < 0) throw new TypeError(`${where}: bad base64 character at ${i + c}`);
      word = (word << 6) | d;
    }
    if (k < numBytes) bytes[k++] = (word >> 16) & 255;
    if (k < numBytes) bytes[k++] = (word >> 8) & 255;
    if (k < numBytes) bytes[k++] = word & 255;
  }
  const view = new DataView(bytes.buffer);
  return Float32Array.from({ length: numBytes / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
