// Position conversions between the engine (Rust: 1-based line, column in
// Unicode scalar values, spans in UTF-8 bytes) and the browser (UTF-16
// string offsets, which CodeMirror and DOM ranges use).

/** 1-based line and 1-based column (code points) to a UTF-16 offset. */
export function lineColumnToOffset(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  let col = 1;
  while (col < column && offset < end) {
    const code = text.codePointAt(offset);
    offset += code > 0xffff ? 2 : 1;
    col += 1;
  }
  return offset;
}

/**
 * A function mapping UTF-8 byte offsets in `text` to UTF-16 offsets.
 * Offsets inside a multi-byte character snap to its start.
 */
export function byteToUtf16Mapper(text) {
  // Fast path: all ASCII means bytes == UTF-16 units.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => Math.max(0, Math.min(b, text.length));
  const byteStarts = []; // byte offset of each UTF-16 index
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.codePointAt(i);
    byteStarts.push(bytes);
    if (code > 0xffff) { byteStarts.push(bytes); i += 1; bytes += 4; }
    else if (code > 0x7ff) bytes += 3;
    else if (code > 0x7f) bytes += 2;
    else bytes += 1;
  }
  byteStarts.push(bytes);
  return (b) => {
    // binary search: the largest index whose byte start <= b
    let lo = 0; let hi = byteStarts.length - 1;
    if (b >= bytes) return text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byteStarts[mid] <= b) lo = mid; else hi = mid - 1;
    }
    while (lo > 0 && byteStarts[lo - 1] === byteStarts[lo]) lo -= 1;
    return lo;
  };
}
