// Live evaluation, as fast as the engine allows and never out of order.
//
// - Idle: an edit runs at once (at the end of the current task, so the
//   several store updates of one user action make one run).
// - A run in flight: edits only mark the state dirty; when the run ends,
//   one new run takes the newest state (newest wins, nothing queues up).
// - A result is shown only if no edit came after its run started; an
//   older state's output is dropped, never painted over a newer one.
// - Slow evaluations (the last one took slowMs or more) wait for a short
//   quiet spell first, so a burst of typing does not start a long run for
//   a state that is already outdated. Fast ones never wait.

export function createRunner({
  engine, getInput, onStart, onResult, onFailure,
  slowMs = 50, maxSettleMs = 250, now = () => performance.now(),
}) {
  let latest = 0; // the newest edit's number
  let running = false;
  let queued = false; // a start is already on its way (microtask or timer)
  let timer = null;
  let lastMs = 0; // how long the last evaluation took

  function settleMs() {
    return lastMs >= slowMs ? Math.min(lastMs, maxSettleMs) : 0;
  }

  function request() {
    if (running) return; // the run in flight starts the next one
    const wait = settleMs();
    if (wait > 0) {
      clearTimeout(timer);
      queued = true;
      timer = setTimeout(start, wait);
    } else if (!queued) {
      queued = true;
      queueMicrotask(start);
    }
  }

  async function start() {
    clearTimeout(timer);
    timer = null;
    queued = false;
    if (running) return;
    running = true;
    const mySeq = latest;
    onStart?.();
    const { integration, request: req, options } = getInput();
    const t0 = now();
    try {
      const result = await engine.evaluate(integration, req, options);
      lastMs = now() - t0;
      if (mySeq === latest) onResult(result);
    } catch (error) {
      lastMs = now() - t0;
      if (mySeq === latest) onFailure(error);
    } finally {
      running = false;
      if (mySeq !== latest) request();
    }
  }

  return {
    /** The state changed: evaluate it (now, or after the run in flight). */
    schedule() {
      latest += 1;
      request();
    },
    /** True while an evaluation is in flight or about to start. */
    get pending() { return running || queued; },
  };
}

/**
 * checkTemplate per template name, newest wins: while one check of a
 * template is in flight, further edits only remember the newest text,
 * checked when it returns. A check starts after the current task, so the
 * run an edit also schedules reaches the engine first. The engine answers
 * [{severity, line, column, endLine?, endColumn?, message}].
 */
export function createChecker({ engine, onDiagnostics }) {
  const states = new Map(); // name -> {running, text (newest, not yet checked) | undefined}
  async function check(name) {
    const state = states.get(name);
    if (state.running || state.text === undefined) return;
    const text = state.text;
    state.text = undefined;
    state.running = true;
    try {
      const answer = await engine.checkTemplate(text);
      // A newer text is waiting: this answer is already outdated.
      if (state.text === undefined && states.get(name) === state) {
        onDiagnostics(name, normalizeCheck(answer).map((d) => ({ ...d, template: name })));
      }
    } catch {
      // A check that times out or fails says nothing new: evaluate()
      // reports the same problem with more context.
    } finally {
      state.running = false;
      if (state.text !== undefined) check(name);
    }
  }
  return function scheduleCheck(name, text) {
    let state = states.get(name);
    if (!state) states.set(name, (state = { running: false, text: undefined }));
    const idle = !state.running && state.text === undefined;
    state.text = text;
    if (idle) setTimeout(() => check(name), 0);
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
