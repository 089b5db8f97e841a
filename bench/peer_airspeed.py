"""`make bench`'s Python peer: airspeed-ext (PyPI), the Velocity engine
LocalStack renders API Gateway mapping templates with, on the same
workloads and in the same two modes as bench/run.mjs measures velocityjs:

  parse+render  airspeed.Template(source).merge(namespace) each time
  render        one Template (it keeps what it parsed), merged each time

$input and $util are written in Python as a user of airspeed would write
them (LocalStack has its own): `$input.path/json/params/body` over the
body parsed with json.loads on each render, `$util.escapeJavaScript`, and
the Java String method the transform workload calls that airspeed-ext does
not have (toUpperCase) added to its table of extra methods.

Prints one JSON object per line: {"engine", "workload", "mode",
"evals_per_sec", "chars"} (chars: what one render prints, white space
aside); each rate is the median of timed batches after a warm-up
(MOCKGATE_BENCH_SECS per figure, default 1), as bench/run.mjs does.

    python bench/peer_airspeed.py [filter]

(Not named airspeed.py: the script's folder comes first on the import
path, and the file would stand in for the package.)
"""

import json
import os
import re
import sys
import time

import airspeed
from airspeed import operators

BENCH_DIR = os.environ.get("MOCKGATE_BENCH_DIR", "/work/shared/bench")
SECS = float(os.environ.get("MOCKGATE_BENCH_SECS", "1"))
WORKLOADS = ["seed-scope", "photos-100", "transform-1mb"]

operators.__additional_methods__[str]["toUpperCase"] = lambda self: self.upper()


def json_path(value, path):
    """Enough JSONPath for the workloads: `$`, `.name`, `[n]`."""
    for step in re.findall(r"\.[^.\[]+|\[\d+\]", path[1:] if path.startswith("$") else path):
        if value is None:
            return None
        value = value[int(step[1:-1])] if step.startswith("[") else value.get(step[1:])
    return value


class Input:
    def __init__(self, body, params):
        self.body = body
        self._params = params
        self._parsed = None

    def _payload(self):
        if self._parsed is None:
            self._parsed = json.loads(self.body or "{}")
        return self._parsed

    def path(self, p):
        return json_path(self._payload(), p)

    def json(self, p):
        return json.dumps(json_path(self._payload(), p))

    def params(self, name):
        for kind in ("path", "querystring", "header"):
            value = (self._params.get(kind) or {}).get(name)
            if value is not None:
                return value
        return ""


class Util:
    def escapeJavaScript(self, s):
        return json.dumps(str(s))[1:-1].replace("'", "\\'")


def namespace(body, params):
    return {"input": Input(body, params), "util": Util()}


def measure(f):
    """Median evaluations per second over batches, after a warm-up."""
    per_batch, warm = 0, time.perf_counter()
    while time.perf_counter() - warm < SECS / 10 or per_batch == 0:
        f()
        per_batch += 1
    rates, start = [], time.perf_counter()
    while time.perf_counter() - start < SECS or len(rates) < 3:
        t = time.perf_counter()
        for _ in range(per_batch):
            f()
        rates.append(per_batch / (time.perf_counter() - t))
    rates.sort()
    return rates[len(rates) // 2]


def main():
    wanted = [a for a in sys.argv[1:] if not a.startswith("-")]
    for name in WORKLOADS:
        if wanted and wanted[0] not in name:
            continue
        with open(os.path.join(BENCH_DIR, f"{name}.template.json"), encoding="utf-8") as f:
            t = json.load(f)
        body = t["body"] if isinstance(t["body"], str) else json.dumps(t["body"])
        source, params = t["template"], t["params"]

        def parse_render():
            return airspeed.Template(source).merge(namespace(body, params))

        template = airspeed.Template(source)

        def render():
            return template.merge(namespace(body, params))

        # What one render prints, without white space: bench/run.mjs checks
        # that it is about what mockgate prints (like with like).
        chars = len(re.sub(r"\s+", "", render()))
        for mode, f in (("parse+render", parse_render), ("render", render)):
            line = {"engine": "airspeed-ext", "workload": name, "mode": mode, "evals_per_sec": measure(f), "chars": chars}
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
