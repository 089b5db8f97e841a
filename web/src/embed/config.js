// What one <mockgate-playground> runs: its attributes and children turned
// into the playground's state {integration, request, options} plus the
// list of things its editor shows. Pure functions over plain data (no DOM),
// so they are unit-tested in Node (web/test/embed-config.test.mjs).
//
// Sources, later ones refining earlier ones:
//   1. a `state` attribute: a playground share state (share.js; decoded by
//      the element before calling buildConfig, passed as `shared`)
//   2. a <script type="application/json"> child: {integration, request, options}
//      (integration in any shape the contract accepts: GetIntegration,
//      OpenAPI x-amazon-apigateway-integration, CloudFormation Integration)
//   3. <script type="text/x-velocity" data-template="..."> children: a
//      template's text, raw (no escaping needed), common indentation removed
//   4. attributes (shorthand for the common cases; see ATTRIBUTES)
//
// An integration written as `aws apigateway get-integration` prints it (the
// usual case) is used as it is. Any other shape needs export/shapes.js's
// toCanonical, which the element loads only for such examples (it is a
// sixth of the embed's code): needsShapes() says when, and buildConfig
// takes it as `toCanonical`.
//
// Template names follow the playground's: "request:<content type>" and
// "response:<status code>:<content type>".

/**
 * The attributes the element reads. What each one sets is a comment (the
 * bundle carries no prose); docs/embed.md has the same table for authors.
 */
export const ATTRIBUTES = [
  'template', // request template (for `content-type`)
  'response-template', // template of the default integration response (200 unless `status` says otherwise)
  'status', // status code of the default integration response (default 200)
  'status-pattern', // selection pattern of a second integration response (`error-status`, default 500)
  'error-status', // status code of the `status-pattern` response
  'error-template', // template of the `status-pattern` response
  'type', // integration type: MOCK (default), HTTP, HTTP_PROXY, AWS, AWS_PROXY
  'uri', // integration URI (non-MOCK types)
  'integration-method', // integration HTTP method (non-MOCK types; default POST)
  'passthrough', // passthroughBehavior: WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER
  'content-type', // content type of the templates and of the request's Content-Type header (default application/json)
  'method', // request HTTP method (default GET, POST when there is a body)
  'path', // request path (default /)
  'resource', // resource path, e.g. /pets/{petId} (path parameters are read from path)
  'query', // query string, e.g. scope=internal&tag=a&tag=b
  'headers', // request headers, one "Name: value" a line, or a JSON object
  'body', // request body (text)
  'path-params', // path parameters, as a query string
  'stage-vars', // stage variables, as a query string
  'backend-status', // the backend's status code (non-MOCK types)
  'backend-body', // the backend's response body (non-MOCK types)
  'backend-headers', // the backend's response headers, like `headers`
  'lambda-error', // a Lambda function's errorMessage (AWS type: the backend fails)
  'caption', // a short title shown above the example
  'edit', // what the editor offers, in order: request, response, response:500, request:application/xml, input, backend (default: every template, then input)
  'theme', // light, dark or auto (default: follows prefers-color-scheme)
  'playground', // URL of the playground page the "Open in playground" link goes to
  'state', // a playground share link's state (the part after #s=)
];

export const DEFAULT_CONTENT_TYPE = 'application/json';
const TYPES = ['MOCK', 'HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY'];
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
// Where a non-MOCK integration points when the author gave no URI: a
// documentation address (RFC 2606), never a real service.
const EXAMPLE_URI = 'https://backend.example.com/';

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// GetIntegration's fields (the ones the contract reads), and its responses'.
const INTEGRATION_FIELDS = ['type', 'httpMethod', 'uri', 'credentials', 'connectionType', 'connectionId',
  'requestParameters', 'requestTemplates', 'passthroughBehavior', 'contentHandling', 'timeoutInMillis',
  'cacheNamespace', 'cacheKeyParameters', 'integrationResponses'];
const RESPONSE_FIELDS = ['statusCode', 'selectionPattern', 'responseTemplates', 'responseParameters', 'contentHandling'];
const isTemplateMap = (m) => m === undefined || (isObj(m) && Object.values(m).every((t) => typeof t === 'string'));

/**
 * Whether `integration` is already in GetIntegration's shape, as the tabs
 * read it: known fields, responses keyed by their own status code, templates
 * as text. The values themselves are the engine's to check (evaluate says
 * what is wrong, as it does in the playground).
 */
export function isGetIntegration(integration) {
  return isObj(integration) && TYPES.includes(integration.type)
    && Object.keys(integration).every((k) => INTEGRATION_FIELDS.includes(k))
    && isTemplateMap(integration.requestTemplates)
    && (integration.integrationResponses === undefined || (isObj(integration.integrationResponses)
      && Object.entries(integration.integrationResponses).every(([code, r]) => isObj(r) && r.statusCode === code
        && Object.keys(r).every((k) => RESPONSE_FIELDS.includes(k)) && isTemplateMap(r.responseTemplates))));
}

/** Whether buildConfig needs `toCanonical` for this JSON child and state. */
export function needsShapes({ json = null, shared = null }) {
  let integration;
  for (const value of [shared, json]) if (isObj(value) && value.integration !== undefined) integration = value.integration;
  if (integration === undefined) return false;
  if (typeof integration === 'string') {
    try {
      integration = JSON.parse(integration);
    } catch {
      return false; // buildConfig explains
    }
  }
  return !isGetIntegration(integration);
}

/** "a=1&b=2&b=3" -> {single: {a: '1', b: '3'}, multi: {a: ['1'], b: ['2', '3']}} */
export function parseQueryString(text, what = 'query') {
  const single = {};
  const multi = {};
  const s = String(text).trim().replace(/^\?/, '');
  if (s === '') return { single, multi };
  for (const part of s.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key;
    let value;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new Error(`${what}: "${part}" is not valid percent-encoding`);
    }
    if (key === '') throw new Error(`${what}: "${part}" has no name`);
    // API Gateway's single-value map keeps the last value of a repeated
    // key (the Lambda proxy event v1.0 does the same).
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

/** Headers from "Name: value" lines (or a JSON object of strings). */
export function parseHeaders(text, what = 'headers') {
  const s = String(text).trim();
  const single = {};
  const multi = {};
  if (s === '') return { single, multi };
  if (s.startsWith('{')) {
    let obj;
    try {
      obj = JSON.parse(s);
    } catch (e) {
      throw new Error(`${what}: not valid JSON (${e.message})`);
    }
    if (!isObj(obj)) throw new Error(`${what}: expected a JSON object`);
    for (const [k, v] of Object.entries(obj)) {
      const values = Array.isArray(v) ? v.map(String) : [String(v)];
      single[k] = values[values.length - 1];
      multi[k] = values;
    }
    return { single, multi };
  }
  for (const line of s.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`${what}: "${line.trim()}" is not a "Name: value" line`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/** Remove the indentation every non-blank line shares, and blank edge lines. */
export function dedent(text) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let common = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)[0];
    if (common === null || !indent.startsWith(common)) {
      let i = 0;
      const c = common ?? indent;
      while (i < c.length && i < indent.length && c[i] === indent[i]) i++;
      common = c.slice(0, i);
    }
  }
  const cut = common ? common.length : 0;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(cut))).join('\n');
}

/** "request", "request:text/plain", "response", "response:500", "response:500:application/xml". */
export function templateTarget(spec, { defaultStatus, contentType }) {
  const parts = String(spec || 'request').trim().split(':');
  const kind = parts[0];
  if (kind === 'request') {
    return { kind, contentType: parts.slice(1).join(':') || contentType };
  }
  if (kind === 'response') {
    const status = parts[1] || defaultStatus;
    if (!/^[1-5]\d\d$/.test(status)) throw new Error(`data-template="${spec}": "${status}" is not a status code`);
    return { kind, status, contentType: parts.slice(2).join(':') || contentType };
  }
  throw new Error(`data-template="${spec}": expected request[:content type] or response[:status[:content type]]`);
}

function setTemplate(integration, target, text) {
  if (target.kind === 'request') {
    integration.requestTemplates ??= {};
    integration.requestTemplates[target.contentType] = text;
  } else {
    integration.integrationResponses ??= {};
    const r = (integration.integrationResponses[target.status] ??= { statusCode: target.status });
    r.responseTemplates ??= {};
    r.responseTemplates[target.contentType] = text;
  }
}

function defaultResponseStatus(integration) {
  for (const [code, r] of Object.entries(integration.integrationResponses || {})) {
    if (r && (r.selectionPattern === undefined || r.selectionPattern === '')) return code;
  }
  return null;
}

/**
 * @param {object} input
 * @param {Record<string,string>} input.attrs      attribute name -> value (present ones only)
 * @param {object|null} [input.json]               the JSON child, parsed
 * @param {{spec: string, text: string}[]} [input.templates]  text/x-velocity children
 * @param {object|null} [input.shared]             a decoded share state
 * @param {Function} [input.toCanonical]           export/shapes.js's, when needsShapes(input)
 * @returns {{state: {integration, request, options}, tabs: string[], notes: string[]}}
 *   tabs: "request:<ct>", "response:<code>:<ct>", "input", "backend"
 * Throws an Error naming the attribute or field on bad input.
 */
export function buildConfig({ attrs = {}, json = null, templates = [], shared = null, toCanonical = null }) {
  const a = (name) => (Object.prototype.hasOwnProperty.call(attrs, name) ? attrs[name] : undefined);
  const notes = [];

  // ---- integration ------------------------------------------------------
  let integration = null;
  let request = {};
  let options = {};
  for (const [source, value] of [['state', shared], ['JSON', json]]) {
    if (value == null) continue;
    if (!isObj(value)) throw new Error(`${source}: expected an object with integration, request and options`);
    for (const k of Object.keys(value)) {
      if (!['integration', 'request', 'options', 'v', 'exampleId', 'exportFormat', 'view'].includes(k)) {
        throw new Error(`${source}: unknown field "${k}" (expected integration, request, options)`);
      }
    }
    if (value.integration !== undefined) integration = asObject(value.integration, `${source}.integration`);
    if (value.request !== undefined) request = asObject(value.request, `${source}.request`);
    if (value.options !== undefined) options = asObject(value.options, `${source}.options`);
  }
  if (integration && !isGetIntegration(integration)) {
    if (!toCanonical) throw new Error('integration: not in GetIntegration shape, and toCanonical (export/shapes.js) was not given');
    const canonical = toCanonical(integration);
    integration = canonical.integration;
    notes.push(...(canonical.warnings || []));
  } else if (!integration) {
    integration = { type: 'MOCK' };
  }

  const type = a('type');
  if (type !== undefined) {
    const t = type.trim().toUpperCase();
    if (!TYPES.includes(t)) throw new Error(`type="${type}": expected one of ${TYPES.join(', ')}`);
    integration.type = t;
  }
  integration.type ??= 'MOCK';
  if (a('uri') !== undefined) integration.uri = a('uri').trim();
  if (a('integration-method') !== undefined) integration.httpMethod = a('integration-method').trim().toUpperCase();
  if (integration.type !== 'MOCK') {
    integration.uri ??= EXAMPLE_URI;
    integration.httpMethod ??= 'POST';
  }
  if (a('passthrough') !== undefined) {
    const p = a('passthrough').trim().toUpperCase();
    if (!PASSTHROUGH.includes(p)) throw new Error(`passthrough="${a('passthrough')}": expected one of ${PASSTHROUGH.join(', ')}`);
    integration.passthroughBehavior = p;
  }

  const contentType = (a('content-type') ?? '').trim() || DEFAULT_CONTENT_TYPE;
  const status = (a('status') ?? '').trim() || defaultResponseStatus(integration) || '200';
  if (!/^[1-5]\d\d$/.test(status)) throw new Error(`status="${a('status')}": expected a status code such as 200`);

  // Proxy integrations have no integration responses; everything else needs
  // a default one, or API Gateway answers 500 "Internal server error"
  // (inference: the console creates a 200 default response with every method).
  const proxy = integration.type === 'HTTP_PROXY' || integration.type === 'AWS_PROXY';
  if (!proxy) {
    integration.integrationResponses ??= {};
    if (!defaultResponseStatus(integration) && !integration.integrationResponses[status]) {
      integration.integrationResponses[status] = { statusCode: status };
    }
  }

  if (a('template') !== undefined) setTemplate(integration, { kind: 'request', contentType }, dedent(a('template')));
  if (a('response-template') !== undefined) {
    setTemplate(integration, { kind: 'response', status, contentType }, dedent(a('response-template')));
  }
  if (a('status-pattern') !== undefined) {
    const errorStatus = (a('error-status') ?? '').trim() || '500';
    if (!/^[1-5]\d\d$/.test(errorStatus)) throw new Error(`error-status="${a('error-status')}": expected a status code such as 500`);
    integration.integrationResponses ??= {};
    const r = (integration.integrationResponses[errorStatus] ??= { statusCode: errorStatus });
    r.selectionPattern = a('status-pattern');
    if (a('error-template') !== undefined) {
      setTemplate(integration, { kind: 'response', status: errorStatus, contentType }, dedent(a('error-template')));
    }
  }
  for (const { spec, text } of templates) {
    setTemplate(integration, templateTarget(spec, { defaultStatus: status, contentType }), dedent(text));
  }

  // ---- request ------------------------------------------------------------
  request = { ...request };
  if (a('method') !== undefined) request.httpMethod = a('method').trim().toUpperCase();
  if (a('path') !== undefined) request.path = a('path').trim();
  if (a('resource') !== undefined) request.resourcePath = a('resource').trim();
  if (a('query') !== undefined) {
    const q = parseQueryString(a('query'), 'query');
    request.queryStringParameters = q.single;
    request.multiValueQueryStringParameters = q.multi;
  }
  if (a('headers') !== undefined) {
    const hd = parseHeaders(a('headers'), 'headers');
    request.headers = { ...(request.headers || {}), ...hd.single };
    request.multiValueHeaders = { ...(request.multiValueHeaders || {}), ...hd.multi };
  }
  if (a('path-params') !== undefined) request.pathParameters = parseQueryString(a('path-params'), 'path-params').single;
  if (a('stage-vars') !== undefined) request.stageVariables = parseQueryString(a('stage-vars'), 'stage-vars').single;
  if (a('body') !== undefined) {
    request.body = dedent(a('body'));
    request.httpMethod ??= 'POST';
  }
  if (a('content-type') !== undefined && !hasHeader(request, 'content-type')) {
    request.headers = { ...(request.headers || {}), 'Content-Type': contentType };
  }

  // ---- backend --------------------------------------------------------------
  const backend = isObj(options.backend) ? { ...options.backend } : {};
  let hasBackend = isObj(options.backend);
  if (a('backend-status') !== undefined) {
    const n = Number(a('backend-status'));
    if (!Number.isInteger(n) || n < 100 || n > 599) throw new Error(`backend-status="${a('backend-status')}": expected a status code`);
    backend.statusCode = n;
    hasBackend = true;
  }
  if (a('backend-body') !== undefined) {
    backend.body = dedent(a('backend-body'));
    hasBackend = true;
  }
  if (a('backend-headers') !== undefined) {
    backend.headers = parseHeaders(a('backend-headers'), 'backend-headers').single;
    hasBackend = true;
  }
  if (a('lambda-error') !== undefined) {
    backend.errorMessage = a('lambda-error');
    hasBackend = true;
  }
  options = { ...options };
  if (hasBackend) options.backend = backend;

  const state = { integration, request, options };
  return { state, tabs: chooseTabs(state, a('edit')), notes };
}

function hasHeader(request, lower) {
  return Object.keys(request.headers || {}).some((k) => k.toLowerCase() === lower);
}

function asObject(value, what) {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (e) {
      throw new Error(`${what}: not valid JSON (${e.message})`);
    }
  }
  if (!isObj(value)) throw new Error(`${what}: expected an object`);
  return structuredClone(value);
}

/** Every template of the integration, request ones first, in a stable order. */
export function templateNames(integration) {
  const names = [];
  for (const ct of Object.keys(integration.requestTemplates || {})) names.push(`request:${ct}`);
  const responses = Object.entries(integration.integrationResponses || {});
  // The default response first, then by status code: the order people read
  // a method's responses in the console.
  responses.sort(([a, ra], [b, rb]) => {
    const da = ra?.selectionPattern ? 1 : 0;
    const db = rb?.selectionPattern ? 1 : 0;
    return da - db || a.localeCompare(b);
  });
  for (const [code, r] of responses) {
    for (const ct of Object.keys(r?.responseTemplates || {})) names.push(`response:${code}:${ct}`);
  }
  return names;
}

function chooseTabs(state, edit) {
  const all = templateNames(state.integration);
  const extras = ['input'];
  if (state.integration.type !== 'MOCK' && state.options.backend) extras.push('backend');
  if (edit === undefined || edit.trim() === '') return [...all, ...extras];
  const tabs = [];
  for (const word of edit.split(/[\s,]+/).filter(Boolean)) {
    let matched;
    if (word === 'input' || word === 'backend') matched = [word];
    else if (word === 'request' || word === 'response') matched = all.filter((n) => n.startsWith(`${word}:`));
    else matched = all.filter((n) => n === word || n.startsWith(`${word}:`));
    if (matched.length === 0 && /^request:/.test(word)) {
      // A template the author wants to offer empty (e.g. a request template
      // for a content type the integration has none for yet).
      matched = [word];
    }
    if (matched.length === 0) {
      throw new Error(`edit="${edit}": "${word}" names no template (the integration has ${all.join(', ') || 'none'})`);
    }
    for (const m of matched) if (!tabs.includes(m)) tabs.push(m);
  }
  return tabs;
}

// The order people read a request in: the line, then headers, then body.
const REQUEST_ORDER = [
  'httpMethod', 'path', 'resourcePath', 'resource', 'pathParameters', 'queryStringParameters',
  'multiValueQueryStringParameters', 'headers', 'multiValueHeaders', 'stageVariables', 'body',
  'isBase64Encoded', 'requestContext',
];

function orderRequest(request) {
  const out = {};
  for (const k of REQUEST_ORDER) if (k in request) out[k] = request[k];
  for (const k of Object.keys(request)) if (!(k in out)) out[k] = request[k];
  return out;
}

/** The text a tab edits, from the state. */
export function tabText(state, tab) {
  if (tab === 'input') return JSON.stringify(orderRequest(state.request), null, 2);
  if (tab === 'backend') return JSON.stringify(state.options.backend ?? {}, null, 2);
  const [kind, ...rest] = tab.split(':');
  if (kind === 'request') return state.integration.requestTemplates?.[rest.join(':')] ?? '';
  return state.integration.integrationResponses?.[rest[0]]?.responseTemplates?.[rest.slice(1).join(':')] ?? '';
}

/**
 * A new state with the tab's text applied. Throws (with a message for the
 * reader) when the text of the input or backend tab is not a JSON object.
 */
export function withTabText(state, tab, text) {
  const next = structuredClone(state);
  if (tab === 'input') {
    next.request = parseJsonObject(text, 'The request');
  } else if (tab === 'backend') {
    next.options.backend = parseJsonObject(text, 'The backend answer');
  } else {
    const [kind, ...rest] = tab.split(':');
    if (kind === 'request') setTemplate(next.integration, { kind, contentType: rest.join(':') }, text);
    else setTemplate(next.integration, { kind, status: rest[0], contentType: rest.slice(1).join(':') }, text);
  }
  return next;
}

function parseJsonObject(text, what) {
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${e.message}`);
  }
  if (!isObj(v)) throw new Error(`${what} must be a JSON object`);
  return v;
}

/** A short label for a tab. */
export function tabLabel(state, tab, tabs) {
  if (tab === 'input') return 'Request';
  if (tab === 'backend') return 'Backend';
  const [kind, ...rest] = tab.split(':');
  const cts = new Set(tabs.filter((t) => t.startsWith(`${kind}:`)).map((t) => t.split(':').slice(kind === 'request' ? 1 : 2).join(':')));
  if (kind === 'request') {
    const ct = rest.join(':');
    return cts.size > 1 ? `Request template · ${ct}` : 'Request template';
  }
  const code = rest[0];
  const ct = rest.slice(1).join(':');
  return cts.size > 1 ? `Response ${code} · ${ct}` : `Response ${code}`;
}
