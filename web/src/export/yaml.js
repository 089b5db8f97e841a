// A small, safe YAML subset: enough to read what people paste (OpenAPI and
// CloudFormation in block style) and to write the page's exports.
//
// API
//   parseYaml(text) -> value     throws Error('YAML line N: ...') on anything outside the subset
//   toYaml(value) -> string      block style; multi-line strings as literal blocks
//   class YamlTag(tag, value)    a tagged node for output, e.g. new YamlTag('!Ref', 'MyApi')
//
// Read: block mappings and sequences, plain / 'single' / "double" quoted
// scalars, literal (|) and folded (>) block scalars with chomping and
// indentation indicators, single-document markers, comments, flow {} / []
// collections, core-schema scalars (null, true/false, numbers). CloudFormation
// short tags become their long form (`!Ref X` -> {Ref: X}, `!Sub s` ->
// {"Fn::Sub": s}, `!GetAtt a.b` -> {"Fn::GetAtt": ["a", "b"]}).
// Refused with a clear error: anchors and aliases (no expansion bombs),
// multiple documents, tabs used as indentation, duplicate keys.
// Nothing is ever evaluated; the result is plain data.

export class YamlTag {
  constructor(tag, value) {
    this.tag = tag;
    this.value = value;
  }
}

const MAX_DEPTH = 200;

// ---------------------------------------------------------------- reading

function setKey(obj, key, value, lineNo) {
  if (Object.prototype.hasOwnProperty.call(obj, key)) fail(lineNo, `duplicate key ${JSON.stringify(key)}`);
  // defineProperty: a "__proto__" key stays data, never a prototype change.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function fail(lineNo, message) {
  throw new Error(`YAML line ${lineNo + 1}: ${message}`);
}

function resolvePlain(s) {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(s)) {
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n;
  }
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

const DQ_ESCAPES = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

class Parser {
  constructor(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.lines = text.replace(/\r\n?/g, '\n').split('\n');
    // The newline ending the last line does not start another (empty) line.
    if (this.lines.length > 1 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    this.i = 0;
    this.depth = 0;
  }

  // Index of the next line with content (not blank, not only a comment).
  peek() {
    while (this.i < this.lines.length) {
      const t = this.lines[this.i].trim();
      if (t === '' || t.startsWith('#')) {
        this.i++;
        continue;
      }
      // A document marker at column 0 ends the node being read.
      if (/^(---|\.\.\.)(\s|$)/.test(this.lines[this.i])) return -1;
      return this.i;
    }
    return -1;
  }

  indentOf(idx) {
    const line = this.lines[idx];
    let n = 0;
    while (line[n] === ' ') n++;
    if (line[n] === '\t') fail(idx, 'a tab is used for indentation; YAML indents with spaces');
    return n;
  }

  parseDocument() {
    // Skip leading blank and comment lines and a "---" start marker.
    let j = 0;
    while (j < this.lines.length && (this.lines[j].trim() === '' || this.lines[j].trim().startsWith('#'))) j++;
    if (j < this.lines.length && /^---(\s|$)/.test(this.lines[j])) {
      const rest = this.lines[j].slice(3).trim();
      if (rest && !rest.startsWith('#')) this.lines[j] = rest;
      else j++;
    }
    this.i = j;
    const value = this.peek() < 0 ? null : this.parseNode(-1);
    // Whatever follows must be blank, comments, or a final "..." marker.
    for (let k = this.i; k < this.lines.length; k++) {
      const line = this.lines[k];
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      if (/^\.\.\.(\s|$)/.test(line)) continue;
      if (/^---(\s|$)/.test(line)) fail(k, 'only one YAML document is supported');
      fail(k, `unexpected content ${JSON.stringify(t.slice(0, 40))} (check the indentation)`);
    }
    return value;
  }

  // A node whose lines are indented more than parentIndent.
  parseNode(parentIndent) {
    if (++this.depth > MAX_DEPTH) fail(this.i, 'nested too deeply');
    try {
      const idx = this.peek();
      if (idx < 0) return null;
      const indent = this.indentOf(idx);
      if (indent <= parentIndent) return null;
      const text = this.lines[idx].slice(indent);
      if (text === '-' || text.startsWith('- ')) return this.parseSeq(indent);
      if (this.mappingKey(text, idx) !== null) return this.parseMap(indent);
      this.i = idx;
      return this.parseInline(text, idx, parentIndent, indent);
    } finally {
      this.depth--;
    }
  }

  // Returns { key, rest } if text is a "key: value" entry, else null.
  mappingKey(text, idx) {
    if (text.startsWith('"') || text.startsWith("'")) {
      const { value, end } = this.quotedOnLine(text, idx);
      if (end < 0) return null;
      const after = text.slice(end);
      const m = /^\s*:(\s|$)/.exec(after);
      if (!m) return null;
      return { key: value, rest: after.slice(m[0].length) };
    }
    if (/^[[{!&*|>%@`]/.test(text) || text.startsWith('? ')) {
      if (text.startsWith('? ')) fail(idx, 'complex mapping keys (?) are not supported');
      return null;
    }
    // The first ":" followed by white space or the end of the line (a linear
    // scan: a backtracking regex is quadratic on long lines).
    let j = text.indexOf(':');
    while (j >= 0 && !(j + 1 === text.length || text[j + 1] === ' ' || text[j + 1] === '\t')) j = text.indexOf(':', j + 1);
    if (j < 0) return null;
    const key = text.slice(0, j).trimEnd();
    if (key.includes(' #') || key.includes('\t#')) return null;
    let restStart = j + 1;
    while (text[restStart] === ' ' || text[restStart] === '\t') restStart++;
    return { key, rest: text.slice(restStart) };
  }

  quotedOnLine(text, idx) {
    const q = text[0];
    let out = '';
    for (let j = 1; j < text.length; j++) {
      const c = text[j];
      if (q === "'") {
        if (c === "'") {
          if (text[j + 1] === "'") {
            out += "'";
            j++;
            continue;
          }
          return { value: out, end: j + 1 };
        }
        out += c;
      } else {
        if (c === '\\') {
          const [s, len] = this.dqEscape(text, j, idx);
          out += s;
          j += len - 1;
          continue;
        }
        if (c === '"') return { value: out, end: j + 1 };
        out += c;
      }
    }
    return { value: out, end: -1 };
  }

  dqEscape(text, j, idx) {
    const e = text[j + 1];
    if (e === undefined) return ['', 1]; // line continuation, handled by the caller
    if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = text.slice(j + 2, j + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) fail(idx, `bad escape \\${e}${hex}`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) fail(idx, `bad escape \\${e}${hex}`);
      return [String.fromCodePoint(cp), 2 + len];
    }
    if (!Object.prototype.hasOwnProperty.call(DQ_ESCAPES, e)) fail(idx, `unknown escape \\${e} in a double-quoted string`);
    return [DQ_ESCAPES[e], 2];
  }

  parseMap(indent) {
    const out = {};
    for (;;) {
      const idx = this.peek();
      if (idx < 0) break;
      const ind = this.indentOf(idx);
      if (ind < indent) break;
      if (ind > indent) fail(idx, 'unexpected indentation');
      const text = this.lines[idx].slice(ind);
      if (text === '-' || text.startsWith('- ')) break; // a sequence at the parent's indentation ends us
      const entry = this.mappingKey(text, idx);
      if (entry === null) fail(idx, `expected "key: value", got ${JSON.stringify(text.slice(0, 40))}`);
      this.i = idx + 1;
      let value;
      const rest = stripComment(entry.rest);
      if (rest === '') {
        // The value is on the following lines; a sequence may sit at our own indentation.
        const next = this.peek();
        if (next >= 0 && this.indentOf(next) === indent && /^-( |$)/.test(this.lines[next].slice(indent))) {
          value = this.parseSeq(indent);
        } else {
          value = this.parseNode(indent);
        }
      } else {
        this.i = idx;
        value = this.parseInline(entry.rest, idx, indent, ind);
      }
      setKey(out, entry.key, value, idx);
    }
    return out;
  }

  parseSeq(indent) {
    const out = [];
    for (;;) {
      const idx = this.peek();
      if (idx < 0) break;
      const ind = this.indentOf(idx);
      if (ind !== indent) {
        if (ind > indent) fail(idx, 'unexpected indentation');
        break;
      }
      const text = this.lines[idx].slice(ind);
      if (!(text === '-' || text.startsWith('- '))) break;
      let k = 1;
      while (text[k] === ' ') k++;
      const content = text.slice(k);
      if (content === '' || content.startsWith('#')) {
        this.i = idx + 1;
        out.push(this.parseNode(indent));
      } else {
        // "- key: v" / "- - x": re-read the line as if the dash were a space.
        this.lines[idx] = ' '.repeat(ind + k) + content;
        if (/^-( |$)/.test(content) || this.mappingKey(content, idx) !== null) {
          out.push(this.parseNode(indent));
        } else {
          this.i = idx;
          out.push(this.parseInline(content, idx, indent, ind + k));
        }
      }
    }
    return out;
  }

  // A value starting inside line idx (text), for a node whose parent sits at parentIndent.
  parseInline(text, idx, parentIndent, col) {
    text = text.trimStart();
    if (text.startsWith('&') || text.startsWith('*')) fail(idx, 'anchors and aliases (& and *) are not supported');
    if (text.startsWith('!')) return this.parseTagged(text, idx, parentIndent, col);
    if (text.startsWith('|') || text.startsWith('>')) return this.parseBlockScalar(text, idx, parentIndent);
    if (text.startsWith('"') || text.startsWith("'")) return this.parseQuoted(text, idx);
    if (text.startsWith('{') || text.startsWith('[')) return this.parseFlowLines(text, idx);
    if (/^[%@`]/.test(text)) fail(idx, `a plain value cannot start with ${text[0]}`);
    // Plain scalar, possibly continued on more-indented lines.
    let s = stripComment(text);
    this.i = idx + 1;
    if (text.includes(' #') || text.startsWith('#')) return resolvePlain(s);
    let folded = s;
    let pendingBreaks = 0;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      const t = line.trim();
      if (t === '') {
        pendingBreaks++;
        this.i++;
        continue;
      }
      const ind = line.length - line.trimStart().length;
      if (ind <= parentIndent || t.startsWith('#') || this.mappingKey(t, this.i) !== null) break;
      folded += pendingBreaks ? '\n'.repeat(pendingBreaks) : ' ';
      pendingBreaks = 0;
      folded += stripComment(t);
      this.i++;
      if (t.includes(' #')) break;
    }
    return folded === s ? resolvePlain(s) : folded;
  }

  parseTagged(text, idx, parentIndent, col) {
    const m = /^(!!?[A-Za-z0-9:._-]*)(\s+|$)/.exec(text);
    if (!m) fail(idx, `unsupported tag in ${JSON.stringify(text.slice(0, 30))}`);
    const tag = m[1];
    const rest = text.slice(m[0].length);
    let value;
    if (stripComment(rest) === '') {
      this.i = idx + 1;
      value = this.parseNode(parentIndent);
    } else {
      value = this.parseInline(rest, idx, parentIndent, col);
    }
    return applyTag(tag, value, idx);
  }


  parseQuoted(text, idx) {
    const q = text[0];
    // Find the line holding the closing quote (scanning each line once),
    // folding the lines in between as YAML does: one break -> a space, each
    // empty line -> a newline, an escaped break (\ at the end of a
    // double-quoted line) -> nothing.
    const newline = q === '"' ? '\\n' : '\n';
    const parts = [text];
    let lineIdx = idx;
    let closed = closesQuote(text, 1, q);
    let empties = 0;
    while (!closed) {
      lineIdx++;
      if (lineIdx >= this.lines.length) fail(idx, 'unterminated quoted string');
      const cont = this.lines[lineIdx].trim();
      if (cont === '') {
        empties++;
        continue;
      }
      const last = parts.length - 1;
      if (q === '"' && empties === 0 && endsWithOddBackslashes(parts[last])) {
        parts[last] = parts[last].slice(0, -1);
      } else {
        parts[last] = parts[last].replace(/[ \t]+$/, '');
        parts.push(empties ? newline.repeat(empties) : ' ');
      }
      parts.push(cont);
      empties = 0;
      closed = closesQuote(cont, 0, q);
    }
    const buf = parts.join('');
    const { value, end } = this.quotedOnLine(buf, lineIdx);
    if (end < 0) fail(idx, 'unterminated quoted string');
    const after = stripComment(buf.slice(end));
    if (after !== '') fail(lineIdx, `unexpected text after the closing quote: ${JSON.stringify(after.slice(0, 30))}`);
    this.i = lineIdx + 1;
    return value;
  }

  parseFlowLines(text, idx) {
    // Gather lines until the brackets balance (a cheap scan), then parse
    // once: re-parsing after every added line would be quadratic.
    let buf = text;
    let lineIdx = idx;
    const scan = new BracketScan();
    scan.feed(buf);
    for (;;) {
      if (scan.depth <= 0 || lineIdx + 1 >= this.lines.length) {
        const r = new FlowParser(buf, idx).tryParse();
        if (r.ok) {
          if (stripComment(buf.slice(r.end)) !== '') fail(lineIdx, 'unexpected text after a flow collection');
          this.i = lineIdx + 1;
          return r.value;
        }
        if (!r.incomplete || lineIdx + 1 >= this.lines.length) fail(lineIdx, r.message);
      }
      lineIdx++;
      buf += '\n' + this.lines[lineIdx];
      scan.feed('\n' + this.lines[lineIdx]);
    }
  }

  parseBlockScalar(text, idx, parentIndent) {
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)\s*(#.*)?$/.exec(text.trim());
    if (!m || (m[2] && m[4])) fail(idx, `bad block scalar header ${JSON.stringify(text.trim())}`);
    const folded = m[1] === '>';
    const chomp = m[2] || m[4];
    let contentIndent = m[3] ? (parentIndent < 0 ? 0 : parentIndent) + Number(m[3]) : -1;
    const body = [];
    let j = idx + 1;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j];
      if (line.trim() === '') {
        body.push(line);
        continue;
      }
      const ind = line.length - line.trimStart().length;
      if (contentIndent < 0) {
        if (ind <= parentIndent) break;
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      body.push(line);
    }
    this.i = j;
    // Trailing blank lines belong to the scalar only for chomping purposes.
    let end = body.length;
    while (end > 0 && body[end - 1].trim() === '') end--;
    // A blank line with more spaces than the indentation keeps them (literal).
    const contentLines = body.slice(0, end).map((l) => (l.length >= contentIndent ? l.slice(contentIndent) : ''));
    const trailingBreaks = body.length - end;
    let value;
    if (!folded) {
      value = contentLines.join('\n');
    } else {
      // Folding: a single break between two plain lines becomes a space;
      // n empty lines between them give n breaks; breaks next to
      // more-indented lines are kept.
      const more = (l) => l.startsWith(' ') || l.startsWith('\t');
      value = '';
      let prev = null;
      let empties = 0;
      for (const line of contentLines) {
        if (line === '') {
          empties++;
          continue;
        }
        if (prev === null) value += '\n'.repeat(empties);
        else if (empties === 0) value += more(line) || more(prev) ? '\n' : ' ';
        else value += '\n'.repeat(more(line) || more(prev) ? empties + 1 : empties);
        value += line;
        prev = line;
        empties = 0;
      }
    }
    if (contentLines.length === 0) {
      return chomp === '+' ? '\n'.repeat(trailingBreaks) : '';
    }
    if (chomp === '-') return value;
    if (chomp === '+') return value + '\n' + '\n'.repeat(trailingBreaks);
    return value + '\n';
  }
}

// Standard tags convert the scalar; CloudFormation short-form tags
// (intrinsic function reference) become their long form.
function applyTag(tag, value, lineNo) {
  if (tag.startsWith('!!')) {
    const text = value === null ? '' : String(value);
    switch (tag) {
      case '!!str': return value === null ? '' : String(value);
      case '!!null': return null;
      case '!!bool':
        if (/^(true|True|TRUE)$/.test(text)) return true;
        if (/^(false|False|FALSE)$/.test(text)) return false;
        return fail(lineNo, `!!bool of ${JSON.stringify(text)}`);
      case '!!int': case '!!float': {
        const n = resolvePlain(text);
        if (typeof n !== 'number') fail(lineNo, `${tag} of ${JSON.stringify(text)}`);
        return n;
      }
      default: return value; // !!map, !!seq and others: keep the value as read
    }
  }
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

// Whether `line`, read from `from` inside a string quoted with q, holds the closing quote.
function closesQuote(line, from, q) {
  for (let j = from; j < line.length; j++) {
    const c = line[j];
    if (q === '"') {
      if (c === '\\') j++;
      else if (c === '"') return true;
    } else if (c === "'") {
      if (line[j + 1] === "'") j++;
      else return true;
    }
  }
  return false;
}

function endsWithOddBackslashes(s) {
  const m = /\\+$/.exec(s);
  return m !== null && m[0].length % 2 === 1;
}

// Remove a trailing " # comment" from plain text (quotes are handled elsewhere).
function stripComment(s) {
  if (s.startsWith('#')) return '';
  const k = s.search(/\s#/);
  return (k >= 0 ? s.slice(0, k) : s).trim();
}

// Bracket depth of flow text fed piece by piece, skipping quoted strings and
// comments (an estimate: the real parse decides).
class BracketScan {
  constructor() {
    this.depth = 0;
    this.quote = null;
    this.escape = false;
    this.comment = false;
    this.closedSingle = false;
    this.prev = ' ';
  }

  feed(text) {
    for (const c of text) {
      if (this.closedSingle) {
        // '' inside a single-quoted string is an escaped quote: still inside.
        this.closedSingle = false;
        if (c === "'") {
          this.quote = "'";
          this.prev = c;
          continue;
        }
      }
      if (this.comment) {
        if (c === '\n') this.comment = false;
      } else if (this.quote) {
        if (this.escape) this.escape = false;
        else if (c === '\\' && this.quote === '"') this.escape = true;
        else if (c === this.quote) {
          this.closedSingle = c === "'";
          this.quote = null;
        }
      } else if (c === '"' || c === "'") {
        // A quote opens a string only where a scalar can start.
        if (/[\s[{,:]/.test(this.prev)) this.quote = c;
      } else if (c === '#' && /\s/.test(this.prev)) this.comment = true;
      else if (c === '[' || c === '{') this.depth++;
      else if (c === ']' || c === '}') this.depth--;
      this.prev = c;
    }
  }
}

class FlowParser {
  constructor(s, lineNo) {
    this.s = s;
    this.p = 0;
    this.lineNo = lineNo;
    this.depth = 0;
  }

  tryParse() {
    try {
      const value = this.value();
      return { ok: true, value, end: this.p };
    } catch (e) {
      if (e.incomplete) return { ok: false, incomplete: true, message: 'unterminated flow collection' };
      if (e.flow) return { ok: false, incomplete: false, message: e.message };
      throw e;
    }
  }

  err(message, incomplete = false) {
    const e = new Error(message);
    e.flow = true;
    e.incomplete = incomplete;
    return e;
  }

  // White space, line breaks and comments between flow tokens.
  ws() {
    while (this.p < this.s.length) {
      const c = this.s[this.p];
      if (/\s/.test(c)) this.p++;
      else if (c === '#' && (this.p === 0 || /\s/.test(this.s[this.p - 1]))) {
        while (this.p < this.s.length && this.s[this.p] !== '\n') this.p++;
      } else break;
    }
  }

  // At a line break inside a quoted scalar: fold it (one break -> space,
  // each following empty line -> a newline) and skip the next indentation.
  fold(out, literalTail) {
    const kept = out.slice(0, out.length - literalTail);
    let j = this.p + 1;
    let empties = 0;
    for (;;) {
      while (this.s[j] === ' ' || this.s[j] === '\t') j++;
      if (this.s[j] === '\n') {
        empties++;
        j++;
        continue;
      }
      break;
    }
    this.p = j;
    return kept + (empties ? '\n'.repeat(empties) : ' ');
  }

  value() {
    this.ws();
    if (this.p >= this.s.length) throw this.err('unexpected end', true);
    if (++this.depth > MAX_DEPTH) throw this.err('nested too deeply');
    try {
      const c = this.s[this.p];
      if (c === '{') return this.map();
      if (c === '[') return this.seq();
      if (c === '"' || c === "'") return this.quoted();
      if (c === '&' || c === '*') throw this.err('anchors and aliases (& and *) are not supported');
      if (c === '!') {
        const m = /^!!?[A-Za-z0-9:._-]*/.exec(this.s.slice(this.p));
        this.p += m[0].length;
        this.ws();
        const next = this.s[this.p];
        const v = next === undefined || next === ',' || next === '}' || next === ']' ? null : this.value();
        return applyTag(m[0], v, this.lineNo);
      }
      return resolvePlain(this.plain());
    } finally {
      this.depth--;
    }
  }

  quoted() {
    const q = this.s[this.p];
    let out = '';
    let literalTail = 0; // trailing literal blanks in out (dropped when a line break folds)
    this.p++;
    while (this.p < this.s.length) {
      const c = this.s[this.p];
      if (c === '\n') {
        out = this.fold(out, literalTail);
        literalTail = 0;
        continue;
      }
      if (q === "'" && c === "'") {
        if (this.s[this.p + 1] === "'") {
          out += "'";
          literalTail = 0;
          this.p += 2;
          continue;
        }
        this.p++;
        return out;
      }
      if (q === '"' && c === '"') {
        this.p++;
        return out;
      }
      if (q === '"' && c === '\\') {
        const e = this.s[this.p + 1];
        if (e === undefined) throw this.err('unterminated string', true);
        if (e === '\n') {
          // Escaped line break: join with nothing, skip the next indentation.
          this.p += 2;
          while (this.s[this.p] === ' ' || this.s[this.p] === '\t') this.p++;
          continue;
        }
        if (e === 'x' || e === 'u' || e === 'U') {
          const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = this.s.slice(this.p + 2, this.p + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw this.err(`bad escape \\${e}`);
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) throw this.err(`bad escape \\${e}${hex}`);
          out += String.fromCodePoint(cp);
          this.p += 2 + len;
        } else {
          if (!Object.prototype.hasOwnProperty.call(DQ_ESCAPES, e)) throw this.err(`unknown escape \\${e}`);
          out += DQ_ESCAPES[e];
          this.p += 2;
        }
        literalTail = 0;
        continue;
      }
      out += c;
      literalTail = c === ' ' || c === '\t' ? literalTail + 1 : 0;
      this.p++;
    }
    throw this.err('unterminated string', true);
  }

  plain() {
    const start = this.p;
    while (this.p < this.s.length) {
      const c = this.s[this.p];
      if (c === ',' || c === ']' || c === '}' || c === '[' || c === '{') break;
      if (c === '#' && this.p > start && /\s/.test(this.s[this.p - 1])) break;
      if (c === ':' && (this.p + 1 >= this.s.length || /[\s,\]}]/.test(this.s[this.p + 1]))) break;
      this.p++;
    }
    // A plain scalar continued on the next line folds to one space.
    return this.s.slice(start, this.p).trim().replace(/[ \t]*\n\s*/g, ' ');
  }

  map() {
    this.p++;
    const out = {};
    for (;;) {
      this.ws();
      if (this.p >= this.s.length) throw this.err('unterminated {', true);
      if (this.s[this.p] === '}') {
        this.p++;
        return out;
      }
      const c = this.s[this.p];
      const key = c === '"' || c === "'" ? this.quoted() : this.plain();
      this.ws();
      let value = null;
      if (this.s[this.p] === ':') {
        this.p++;
        this.ws();
        if (this.s[this.p] !== ',' && this.s[this.p] !== '}') value = this.value();
      }
      if (Object.prototype.hasOwnProperty.call(out, String(key))) throw this.err(`duplicate key ${JSON.stringify(key)}`);
      Object.defineProperty(out, String(key), { value, enumerable: true, writable: true, configurable: true });
      this.ws();
      if (this.p >= this.s.length) throw this.err('unterminated {', true);
      if (this.s[this.p] === ',') this.p++;
      else if (this.s[this.p] !== '}') throw this.err(`expected , or } at ${JSON.stringify(this.s.slice(this.p, this.p + 20))}`);
    }
  }

  seq() {
    this.p++;
    const out = [];
    for (;;) {
      this.ws();
      if (this.p >= this.s.length) throw this.err('unterminated [', true);
      if (this.s[this.p] === ']') {
        this.p++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.p >= this.s.length) throw this.err('unterminated [', true);
      if (this.s[this.p] === ',') this.p++;
      else if (this.s[this.p] !== ']') throw this.err(`expected , or ] at ${JSON.stringify(this.s.slice(this.p, this.p + 20))}`);
    }
  }
}

export function parseYaml(text) {
  if (typeof text !== 'string') throw new Error('parseYaml: expected text');
  const p = new Parser(text);
  try {
    return p.parseDocument();
  } catch (e) {
    if (e instanceof RangeError) throw new Error('YAML: nested too deeply');
    throw e;
  }
}

// ---------------------------------------------------------------- writing

// JSON's string escapes are a subset of YAML's double-quoted ones; the
// characters YAML 1.1 readers take as line breaks (or a BOM) are escaped too.
function dq(s) {
  return JSON.stringify(s).replace(/[\u0085\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const PLAIN_SAFE = /^[A-Za-z_/.$][\w./:@+=$-]*$/;

function quoteIfNeeded(s) {
  if (PLAIN_SAFE.test(s) && !s.endsWith(':') && resolvePlain(s) === s && !s.includes(' #')) return s;
  return dq(s);
}

// Literal block if every line is representable; else double-quoted.
function blockOrQuoted(s, indent) {
  // JSON escapes are a subset of YAML double-quoted escapes.
  if (!s.includes('\n')) return quoteIfNeeded(s);
  if (/[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/.test(s)) return dq(s);
  const lines = s.split('\n');
  // Whitespace-only lines and trailing spaces on the last line survive a literal
  // block only in some parsers; keep those strings double-quoted.
  if (lines.some((l) => l !== '' && l.trim() === '')) return dq(s);
  let chomp = '-';
  let body = s;
  if (s.endsWith('\n')) {
    body = s.slice(0, -1);
    chomp = body.endsWith('\n') || body === '' ? '+' : '';
  }
  if (body === '') return dq(s);
  const first = body.split('\n').find((l) => l !== '') ?? '';
  const indicator = first.startsWith(' ') || first.startsWith('\t') ? '2' : '';
  const pad = ' '.repeat(indent);
  // "+" keeps every trailing break: the body lines end where s does.
  const content = (chomp === '+' ? s.slice(0, -1) : body).split('\n');
  return `|${indicator}${chomp}\n` + content.map((l) => (l === '' ? '' : pad + l)).join('\n');
}

function scalar(v, indent) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'string') return blockOrQuoted(v, indent);
  throw new Error(`toYaml: cannot write ${typeof v}`);
}

function isCollection(v) {
  return v !== null && typeof v === 'object' && !(v instanceof YamlTag);
}

function emit(v, indent, out) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isCollection(item) && (Array.isArray(item) ? item.length : Object.keys(item).length)) {
        const sub = [];
        emit(item, indent + 2, sub);
        sub[0] = pad + '- ' + sub[0].slice(indent + 2);
        out.push(...sub);
      } else {
        out.push(pad + '- ' + inline(item, indent + 2));
      }
    }
    return;
  }
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    const key = quoteIfNeeded(k);
    if (isCollection(val) && (Array.isArray(val) ? val.length : Object.keys(val).length)) {
      out.push(`${pad}${key}:`);
      emit(val, Array.isArray(val) ? indent + 2 : indent + 2, out);
    } else {
      out.push(`${pad}${key}: ${inline(val, indent + 2)}`);
    }
  }
}

function inline(v, indent) {
  if (v instanceof YamlTag) return `${v.tag} ${inline(v.value, indent)}`;
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v, indent);
}

/** Block-style YAML for plain data (objects, arrays, strings, numbers, booleans, null, YamlTag). */
export function toYaml(value) {
  if (!isCollection(value)) return inline(value, 0) + '\n';
  const out = [];
  emit(value, 0, out);
  return out.join('\n') + '\n';
}
