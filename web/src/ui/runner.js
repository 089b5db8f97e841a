// Live evaluation: debounced on every edit, newest wins. Each run gets a
// sequence number; a result that arrives after a newer run was scheduled
// is dropped, so typing fast never shows an older state's output.

export function createRunner({ engine, getInput, onStart, onResult, onFailure, delayMs = 70 }) {
  let seq = 0;
  let timer = null;

  async function run(mySeq) {
    onStart?.();
    const { integration, request, options } = getInput();
    try {
      const result = await engine.evaluate(integration, request, options);
      if (mySeq === seq) onResult(result);
    } catch (error) {
      if (mySeq === seq) onFailure(error);
    }
  }

  return {
    schedule(delay = delayMs) {
      clearTimeout(timer);
      seq += 1;
      const mySeq = seq;
      timer = setTimeout(() => run(mySeq), delay);
    },
  };
}

/**
 * checkTemplate per template name, debounced, newest wins. The engine
 * answers [{severity, line, column, endLine?, endColumn?, message}].
 */
export function createChecker({ engine, onDiagnostics, delayMs = 70 }) {
  const pending = new Map(); // name -> {timer, seq}
  return function scheduleCheck(name, text) {
    const entry = pending.get(name) || { timer: null, seq: 0 };
    clearTimeout(entry.timer);
    entry.seq += 1;
    const mySeq = entry.seq;
    entry.timer = setTimeout(async () => {
      try {
        const answer = await engine.checkTemplate(text);
        if (pending.get(name)?.seq !== mySeq) return;
        onDiagnostics(name, normalizeCheck(answer).map((d) => ({ ...d, template: name })));
      } catch {
        // A check that times out or fails says nothing new: evaluate()
        // reports the same problem with more context.
      }
    }, delayMs);
    pending.set(name, entry);
  };
}

export function normalizeCheck(answer) {
  if (!answer) return [];
  if (Array.isArray(answer)) return answer;
  if (Array.isArray(answer.diagnostics)) return answer.diagnostics;
  if (Array.isArray(answer.errors)) return answer.errors;
  if (answer.error) return [answer.error];
  return [];
}
