// Syntax highlighting for the embed's editor: the text cut into
// [class, text] tokens, which the editor turns into text nodes and spans.
// No DOM here, so it is unit-tested in Node (web/test/embed-highlight.test.mjs).
// A token's class is one letter ('' for plain text):
//   k directive or keyword   v reference ($x, $!{x})   p property/method
//   s string                 n number, true/false/null  o operator, bracket
//   c comment
// Joining the tokens' texts always gives back the input exactly, and every
// step consumes at least one character, so no input can hang it.

// Velocity 1.7's directives (API Gateway runs Velocity 1.7).
const DIRECTIVES = new Set(['if', 'elseif', 'else', 'end', 'foreach', 'set', 'break', 'stop',
  'macro', 'parse', 'include', 'define', 'evaluate']);
const WORD_OPERATORS = new Set(['in', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']);
const ATOMS = new Set(['true', 'false', 'null']);
const CLOSERS = { '(': ')', '[': ']', '{': '}' };

const DIRECTIVE = /#(\{)?(@?[A-Za-z][\w-]*)(\})?/y;
const ARGS_OPEN = /[ \t]*\(/y;
const REFERENCE = /\$(!)?(\{)?[A-Za-z_][\w-]*/y;
const PROPERTY = /\.[A-Za-z_][\w-]*/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const WORD = /[A-Za-z_]\w*/y;
const OPERATORS = /[=!<>+\-*/%&|,:.;?]+/y;
const ESCAPE = /\\+[$#]/y;
// A reference inside a double-quoted string in directive arguments (Velocity
// interpolates those); no method arguments, to keep strings one piece.
const INTERPOLATED = /\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*\}?/g;

function matchAt(re, text, i) {
  re.lastIndex = i;
  const m = re.exec(text);
  return m;
}

/** Tokens of a Velocity template: [[cls, text], ...]. */
export function tokenizeVelocity(text) {
  const out = [];
  const push = (cls, t) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last[0] === cls) last[1] += t;
    else out.push([cls, t]);
  };
  // Open brackets inside directive arguments or method arguments ("code"):
  // {close, ref: whether a reference continues after it, brace: ${…}}.
  const stack = [];
  let chain = false; // just after a reference: .name, ( and [ continue it
  let brace = false; // the reference being continued started with ${
  let quoted = false; // inside "…" in template text (the JSON a template prints)
  let i = 0;
  const n = text.length;

  while (i < n) {
    const c = text[i];
    let m;

    if (chain) {
      if ((m = matchAt(PROPERTY, text, i))) {
        push('p', m[0]);
        i += m[0].length;
        continue;
      }
      chain = false;
      if (c === '(' || c === '[') {
        push('o', c);
        stack.push({ close: CLOSERS[c], ref: true, brace });
        brace = false;
        i += 1;
        continue;
      }
      if (brace) {
        brace = false;
        if (c === '}') {
          push('v', c);
          i += 1;
          continue;
        }
      }
    }

    if (c === '#' && text[i + 1] === '#') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      push('c', text.slice(i, end));
      i = end;
      continue;
    }
    if (c === '#' && text[i + 1] === '*') {
      const end = text.indexOf('*#', i + 2);
      const stop = end < 0 ? n : end + 2;
      push('c', text.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '#' && text.startsWith('#[[', i)) {
      const end = text.indexOf(']]#', i + 3);
      const stop = end < 0 ? n : end + 3;
      push('s', text.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '\\' && (m = matchAt(ESCAPE, text, i))) {
      // \$x and \#set print as written: the reference or directive after
      // the backslashes is text.
      push(quoted ? 's' : '', m[0]);
      i += m[0].length;
      continue;
    }
    if (c === '#' && (m = matchAt(DIRECTIVE, text, i)) && Boolean(m[1]) === Boolean(m[3])) {
      const after = i + m[0].length;
      const args = matchAt(ARGS_OPEN, text, after);
      // A known directive, or a macro call (#name followed by arguments).
      if (DIRECTIVES.has(m[2]) || args) {
        push('k', m[0]);
        i = after;
        if (args && m[2] !== 'else' && m[2] !== 'end') {
          push('', args[0].slice(0, -1));
          push('o', '(');
          stack.push({ close: ')', ref: false });
          i += args[0].length;
        }
        continue;
      }
    }
    if (c === '$' && (m = matchAt(REFERENCE, text, i))) {
      push('v', m[0]);
      i += m[0].length;
      chain = true;
      brace = Boolean(m[2]);
      continue;
    }

    if (stack.length) {
      // Directive or method arguments.
      if (c === '"' || c === "'") {
        let end = text.indexOf(c, i + 1);
        if (end < 0) {
          end = text.indexOf('\n', i);
          if (end < 0) end = n;
        } else {
          end += 1;
        }
        const literal = text.slice(i, end);
        if (c === '"') pushInterpolated(push, literal);
        else push('s', literal);
        i = end;
        continue;
      }
      if ((m = matchAt(NUMBER, text, i))) {
        push('n', m[0]);
        i += m[0].length;
        continue;
      }
      if ((m = matchAt(WORD, text, i))) {
        push(ATOMS.has(m[0]) ? 'n' : WORD_OPERATORS.has(m[0]) ? 'k' : '', m[0]);
        i += m[0].length;
        continue;
      }
      if (CLOSERS[c]) {
        push('o', c);
        stack.push({ close: CLOSERS[c], ref: false });
        i += 1;
        continue;
      }
      if (c === ')' || c === ']' || c === '}') {
        push('o', c);
        i += 1;
        // Close the innermost bracket this one matches (brackets opened
        // in between and never closed are a mistake the engine reports).
        const at = stack.findLastIndex((open) => open.close === c);
        if (at >= 0) {
          const open = stack[at];
          stack.length = at;
          if (open.ref) {
            chain = true;
            brace = open.brace;
          }
        }
        continue;
      }
      if ((m = matchAt(OPERATORS, text, i))) {
        push('o', m[0]);
        i += m[0].length;
        continue;
      }
      push('', c);
      i += 1;
      continue;
    }

    // Template text: what the template prints, mostly JSON, coloured like
    // JSON so a reader sees its strings and numbers.
    if (c === '\n') {
      quoted = false;
      push('', c);
      i += 1;
      continue;
    }
    if (c === '"') {
      quoted = !quoted;
      push('s', c);
      i += 1;
      continue;
    }
    if (quoted) {
      push('s', c);
      i += 1;
      continue;
    }
    if ((m = matchAt(WORD, text, i))) {
      push(ATOMS.has(m[0]) ? 'n' : '', m[0]);
      i += m[0].length;
      continue;
    }
    if ((m = matchAt(NUMBER, text, i))) {
      push('n', m[0]);
      i += m[0].length;
      continue;
    }
    push('', c);
    i += 1;
  }
  return out;
}

function pushInterpolated(push, literal) {
  let last = 0;
  for (const m of literal.matchAll(INTERPOLATED)) {
    push('s', literal.slice(last, m.index));
    push('v', m[0]);
    last = m.index + m[0].length;
  }
  push('s', literal.slice(last));
}

const JSON_TOKEN = /"(?:[^"\\\n]|\\.)*"?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\b(?:true|false|null)\b|[{}[\],:]/g;
const KEY_AFTER = /\s*:/y;

/** Tokens of a JSON document (the request and backend tabs). */
export function tokenizeJson(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(JSON_TOKEN)) {
    if (m.index > last) out.push(['', text.slice(last, m.index)]);
    const t = m[0];
    const end = m.index + t.length;
    let cls = 'o';
    if (t[0] === '"') cls = matchAt(KEY_AFTER, text, end) ? 'p' : 's';
    else if (t[0] === '-' || (t[0] >= '0' && t[0] <= '9') || /^[tfn]/.test(t)) cls = 'n';
    out.push([cls, t]);
    last = end;
  }
  if (last < text.length) out.push(['', text.slice(last)]);
  return out;
}
