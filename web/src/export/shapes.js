// Integration shapes: detect what the user pasted and convert it to and from
// the page's canonical model.
//
// API
//   detectShape(obj) -> 'getIntegration' | 'openapi' | 'cloudformation' | null
//   toCanonical(obj) -> { integration, warnings, origin }
//       integration: the canonical model (below); warnings: string[];
//       origin: { shape, httpMethod?, resourcePath? } (method and path when
//       the pasted document said them, e.g. an OpenAPI document or a
//       CloudFormation resource). Throws an Error naming the field on bad input.
//   parsePasted(text) -> value            JSON, or the YAML subset of ./yaml.js
//   PASTE_FORMATS: string                 what parsePasted accepts, for the UI
//   INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS, CONTENT_HANDLINGS: string[]
//
// Canonical model = the JSON `aws apigateway get-integration` prints
// (GetIntegration), trimmed to what the pipeline uses, with fixed key order
// and no empty maps, so two canonical objects compare with deepStrictEqual:
//   { type, httpMethod?, uri?, credentials?, connectionType?, connectionId?,
//     requestParameters?, requestTemplates?, passthroughBehavior?,
//     contentHandling?, timeoutInMillis?, cacheNamespace?, cacheKeyParameters?,
//     integrationResponses?: { [statusCode]: { statusCode, selectionPattern?,
//       responseTemplates?, responseParameters?, contentHandling? } } }
// A response without selectionPattern is the default response.

import { parseYaml } from './yaml.js';

export const INTEGRATION_TYPES = ['MOCK', 'HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY'];
export const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
export const CONTENT_HANDLINGS = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'];
export const PASTE_FORMATS = 'JSON or YAML (block style; CloudFormation tags such as !Ref and !Sub are read as data)';

const OPENAPI_EXT = 'x-amazon-apigateway-integration';
const HTTP_VERBS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method'];

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------- parsing

/** Parse pasted text: JSON first (exact), else the YAML subset. */
export function parsePasted(text) {
  if (typeof text !== 'string') throw new Error('parsePasted: expected text');
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('Nothing to read: the text is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // Text in braces is JSON; a JSON mistake is reported as one, not as YAML.
    try {
      return JSON.parse(trimmed);
    } catch (jsonErr) {
      throw new Error(`Not valid JSON: ${jsonErr.message}`);
    }
  }
  return parseYaml(text);
}

// ---------------------------------------------------------------- detection

function findOpenApiOperations(doc) {
  const ops = [];
  if (!isObj(doc.paths)) return ops;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!isObj(item)) continue;
    for (const verb of HTTP_VERBS) {
      if (isObj(item[verb]) && has(item[verb], OPENAPI_EXT)) {
        const httpMethod = verb === 'x-amazon-apigateway-any-method' ? 'ANY' : verb.toUpperCase();
        ops.push({ path, httpMethod, op: item[verb] });
      }
    }
  }
  return ops;
}

function findCfnMethods(template) {
  if (!isObj(template.Resources)) return [];
  return Object.entries(template.Resources).filter(
    ([, r]) => isObj(r) && r.Type === 'AWS::ApiGateway::Method',
  );
}

const CFN_INTEGRATION_KEYS = ['Type', 'Uri', 'IntegrationHttpMethod', 'IntegrationResponses', 'RequestTemplates',
  'RequestParameters', 'PassthroughBehavior', 'ContentHandling', 'TimeoutInMillis', 'Credentials'];

/** Which of the three accepted shapes `obj` is (or wraps); null if none. */
export function detectShape(obj) {
  if (!isObj(obj)) return null;
  // CloudFormation: a template, a Method resource, its Properties, or the Integration property.
  if (findCfnMethods(obj).length > 0) return 'cloudformation';
  if (obj.Type === 'AWS::ApiGateway::Method') return 'cloudformation';
  if (isObj(obj.Integration)) return 'cloudformation';
  if (CFN_INTEGRATION_KEYS.some((k) => has(obj, k))) return 'cloudformation';
  // OpenAPI: a document, an operation, or the extension object itself.
  if (has(obj, OPENAPI_EXT)) return 'openapi';
  if ((has(obj, 'openapi') || has(obj, 'swagger')) && findOpenApiOperations(obj).length > 0) return 'openapi';
  if (has(obj, 'integrationResponses') || isObj(obj._embedded)) return 'getIntegration';
  if (isObj(obj.responses) && has(obj, 'type')) return 'openapi';
  if (typeof obj.type === 'string') {
    // The OpenAPI extension documents lower-case values; GetIntegration prints upper case.
    const lower = (s) => typeof s === 'string' && s.length > 0 && s === s.toLowerCase();
    if (lower(obj.type) || lower(obj.passthroughBehavior)) return 'openapi';
    return 'getIntegration';
  }
  return null;
}

// ---------------------------------------------------------------- field readers

function fieldError(field, message) {
  return new Error(`${field}: ${message}`);
}

function readString(v, field, { allowNumber = false } = {}) {
  if (typeof v === 'string') return v;
  if (allowNumber && typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw fieldError(field, `expected a string, got ${describe(v)}`);
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function readStringMap(v, field) {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw fieldError(field, `expected an object of strings, got ${describe(v)}`);
  const out = {};
  for (const [k, val] of Object.entries(v)) {
    // A null template or mapping is the same as none (as the core reads it).
    if (val === null) continue;
    out[k] = readString(val, `${field}[${JSON.stringify(k)}]`);
  }
  return Object.keys(out).length ? out : undefined;
}

function readEnum(v, field, allowed, warnings, { lowerOk }) {
  const s = readString(v, field);
  const up = s.toUpperCase();
  if (!allowed.includes(up)) {
    throw fieldError(field, `unknown value ${JSON.stringify(s)}; expected one of ${allowed.join(', ')}`);
  }
  if (up !== s && !lowerOk) warnings.push(`${field}: ${JSON.stringify(s)} read as ${up}`);
  return up;
}

function readTimeout(v, field) {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw fieldError(field, `expected an integer, got ${describe(v)}`);
  // PutIntegration: "Custom timeout between 50 and 29,000 milliseconds".
  if (n < 50 || n > 29000) throw fieldError(field, `must be between 50 and 29000, got ${n}`);
  return n;
}

function readStatusCode(v, field) {
  const s = readString(v, field, { allowNumber: true });
  // Method response status codes are three-digit HTTP codes (PutIntegrationResponse
  // rejects others); inference: 100-599.
  if (!/^[1-5]\d\d$/.test(s)) throw fieldError(field, `expected an HTTP status code like "200", got ${JSON.stringify(s)}`);
  return s;
}

// Java regex constructs JavaScript's RegExp cannot compile; a pattern using
// them is left for the Java-compatible engine in the core to judge.
const JAVA_ONLY = /\(\?[idmsux-]+[:)]|[*+?}]\+|\\[QEAZzGh]|\\p\{(?:java|Is|In)|\[\[|&&/;

function readSelectionPattern(v, field, warnings) {
  if (v === undefined || v === null) return undefined;
  const s = readString(v, field);
  // An empty selectionPattern behaves as the default response: GetIntegration
  // prints "" for consoles' default responses (seed 003 sample) and the
  // recorded cases use "" and unset interchangeably for the default.
  if (s === '') return undefined;
  try {
    new RegExp(s);
  } catch (e) {
    if (JAVA_ONLY.test(s)) {
      warnings.push(`${field}: uses Java-only regex syntax; only the evaluator checks it`);
    } else {
      throw fieldError(field, `invalid regular expression ${JSON.stringify(s)} (${e.message.replace(/^Invalid regular expression: /, '')})`);
    }
  }
  return s;
}

function readStringList(v, field) {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw fieldError(field, `expected a list of strings, got ${describe(v)}`);
  const out = v.map((x, i) => readString(x, `${field}[${i}]`));
  return out.length ? out : undefined;
}

// CloudFormation values may be intrinsic functions; keep a readable string.
function readCfnString(v, field, warnings) {
  if (typeof v === 'string' || v === undefined || v === null) return v ?? undefined;
  if (isObj(v) && Object.keys(v).length === 1) {
    const [fn, arg] = Object.entries(v)[0];
    if (fn === 'Fn::Sub') {
      const s = Array.isArray(arg) ? arg[0] : arg;
      if (typeof s === 'string') {
        warnings.push(`${field}: Fn::Sub kept literally (${'${...}'} placeholders are not substituted)`);
        return s;
      }
    }
    if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      const parts = arg[1].map((p) => (typeof p === 'string' ? p : `\${${intrinsicName(p)}}`));
      warnings.push(`${field}: Fn::Join joined with placeholders for non-literal parts`);
      return parts.join(arg[0]);
    }
    if (fn === 'Ref' || fn === 'Fn::GetAtt' || fn === 'Fn::ImportValue') {
      warnings.push(`${field}: ${fn} kept as a placeholder`);
      return `\${${intrinsicName(v)}}`;
    }
  }
  throw fieldError(field, `expected a string, got ${describe(v)}`);
}

function intrinsicName(v) {
  if (isObj(v)) {
    if (typeof v.Ref === 'string') return v.Ref;
    if (Array.isArray(v['Fn::GetAtt'])) return v['Fn::GetAtt'].join('.');
    if (typeof v['Fn::GetAtt'] === 'string') return v['Fn::GetAtt'];
  }
  return '...';
}

// ---------------------------------------------------------------- builders

const IR_ORDER = ['statusCode', 'selectionPattern', 'responseTemplates', 'responseParameters', 'contentHandling'];
const ORDER = ['type', 'httpMethod', 'uri', 'credentials', 'connectionType', 'connectionId', 'requestParameters',
  'requestTemplates', 'passthroughBehavior', 'contentHandling', 'timeoutInMillis', 'cacheNamespace',
  'cacheKeyParameters', 'integrationResponses'];

function ordered(obj, order) {
  const out = {};
  for (const k of order) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function sortResponses(list, warnings, fieldOf) {
  // API Gateway keys integration responses by status code: a second response
  // for the same code replaces nothing, it collides. Keep the first and warn.
  const out = {};
  list.forEach((r, i) => {
    if (has(out, r.statusCode)) {
      warnings.push(`${fieldOf(i)}: a second response for status ${r.statusCode} ignored (API Gateway keys integration responses by status code)`);
      return;
    }
    out[r.statusCode] = ordered(r, IR_ORDER);
  });
  return Object.keys(out).length ? out : undefined;
}

function finish(fields) {
  if (fields.type === undefined) throw fieldError('type', 'missing; expected one of ' + INTEGRATION_TYPES.join(', '));
  return ordered(fields, ORDER);
}

// ---------------------------------------------------------------- readers per shape

function fromGetIntegration(o, warnings) {
  if (!isObj(o)) throw fieldError('integration', `expected an object, got ${describe(o)}`);
  const f = {};
  if (o.type === undefined) throw fieldError('type', 'missing; expected one of ' + INTEGRATION_TYPES.join(', '));
  f.type = readEnum(o.type, 'type', INTEGRATION_TYPES, warnings, { lowerOk: false });
  commonCamel(o, f, warnings, '');
  const list = [];
  if (Array.isArray(o.integrationResponses)) {
    // Lenient: a list of responses, each carrying its statusCode.
    o.integrationResponses.forEach((r, i) => {
      const field = `integrationResponses[${i}]`;
      if (!isObj(r)) throw fieldError(field, `expected an object, got ${describe(r)}`);
      if (r.statusCode === undefined) throw fieldError(`${field}.statusCode`, 'missing');
      list.push(camelResponse(r, readStatusCode(r.statusCode, `${field}.statusCode`), field, warnings));
    });
  } else if (o.integrationResponses !== undefined && o.integrationResponses !== null) {
    if (!isObj(o.integrationResponses)) {
      throw fieldError('integrationResponses', `expected an object keyed by status code, got ${describe(o.integrationResponses)}`);
    }
    for (const [key, r] of Object.entries(o.integrationResponses)) {
      const field = `integrationResponses[${JSON.stringify(key)}]`;
      if (!isObj(r)) throw fieldError(field, `expected an object, got ${describe(r)}`);
      const statusCode = readStatusCode(r.statusCode ?? key, r.statusCode === undefined ? field : `${field}.statusCode`);
      if (r.statusCode !== undefined && String(r.statusCode) !== key) {
        warnings.push(`${field}: statusCode ${statusCode} differs from its key; the statusCode wins`);
      }
      list.push(camelResponse(r, statusCode, field, warnings));
    }
  }
  // The raw REST (HAL) output embeds the responses: one object, or a list.
  const embedded = isObj(o._embedded) ? o._embedded['integration:responses'] : undefined;
  if (embedded !== undefined && embedded !== null) {
    (Array.isArray(embedded) ? embedded : [embedded]).forEach((r, i) => {
      const field = `_embedded["integration:responses"][${i}]`;
      if (!isObj(r)) throw fieldError(field, `expected an object, got ${describe(r)}`);
      if (r.statusCode === undefined) throw fieldError(`${field}.statusCode`, 'missing');
      list.push(camelResponse(r, readStatusCode(r.statusCode, `${field}.statusCode`), field, warnings));
    });
  }
  f.integrationResponses = sortResponses(list, warnings, () => 'integrationResponses');
  return finish(f);
}

function commonCamel(o, f, warnings, prefix) {
  const p = (k) => prefix + k;
  if (o.httpMethod != null) f.httpMethod = readString(o.httpMethod, p('httpMethod')).toUpperCase();
  if (o.uri != null) f.uri = readString(o.uri, p('uri'));
  if (o.credentials != null) f.credentials = readString(o.credentials, p('credentials'));
  if (o.connectionType != null) f.connectionType = readString(o.connectionType, p('connectionType'));
  if (o.connectionId != null) f.connectionId = readString(o.connectionId, p('connectionId'));
  f.requestParameters = readStringMap(o.requestParameters, p('requestParameters'));
  f.requestTemplates = readStringMap(o.requestTemplates, p('requestTemplates'));
  if (o.passthroughBehavior != null) {
    f.passthroughBehavior = readEnum(o.passthroughBehavior, p('passthroughBehavior'), PASSTHROUGH_BEHAVIORS, warnings,
      { lowerOk: prefix !== '' });
  }
  if (o.contentHandling != null) {
    f.contentHandling = readEnum(o.contentHandling, p('contentHandling'), CONTENT_HANDLINGS, warnings, { lowerOk: false });
  }
  f.timeoutInMillis = readTimeout(o.timeoutInMillis, p('timeoutInMillis'));
  if (o.cacheNamespace != null) f.cacheNamespace = readString(o.cacheNamespace, p('cacheNamespace'));
  f.cacheKeyParameters = readStringList(o.cacheKeyParameters, p('cacheKeyParameters'));
}

function camelResponse(r, statusCode, field, warnings) {
  const out = { statusCode };
  out.selectionPattern = readSelectionPattern(r.selectionPattern, `${field}.selectionPattern`, warnings);
  out.responseTemplates = readStringMap(r.responseTemplates, `${field}.responseTemplates`);
  out.responseParameters = readStringMap(r.responseParameters, `${field}.responseParameters`);
  if (r.contentHandling != null) {
    out.contentHandling = readEnum(r.contentHandling, `${field}.contentHandling`, CONTENT_HANDLINGS, warnings, { lowerOk: false });
  }
  return out;
}

function fromOpenApiExtension(x, warnings) {
  const prefix = `${OPENAPI_EXT}.`;
  if (!isObj(x)) throw fieldError(OPENAPI_EXT, `expected an object, got ${describe(x)}`);
  if (has(x, '$ref')) throw fieldError(`${prefix}$ref`, 'references are not followed; paste the integration object itself');
  const f = {};
  if (x.type === undefined) throw fieldError(`${prefix}type`, 'missing; expected one of ' + INTEGRATION_TYPES.map((t) => t.toLowerCase()).join(', '));
  // The extension documents lower-case values; API Gateway's importer reads either case.
  f.type = readEnum(x.type, `${prefix}type`, INTEGRATION_TYPES, warnings, { lowerOk: true });
  commonCamel(x, f, warnings, prefix);
  if (x.responses !== undefined && x.responses !== null) {
    if (!isObj(x.responses)) throw fieldError(`${prefix}responses`, `expected an object keyed by selection pattern, got ${describe(x.responses)}`);
    const list = [];
    for (const [pattern, r] of Object.entries(x.responses)) {
      const field = `${prefix}responses[${JSON.stringify(pattern)}]`;
      if (!isObj(r)) throw fieldError(field, `expected an object, got ${describe(r)}`);
      if (r.statusCode === undefined) throw fieldError(`${field}.statusCode`, 'missing');
      const statusCode = readStatusCode(r.statusCode, `${field}.statusCode`);
      const resp = camelResponse({ ...r, selectionPattern: pattern === 'default' ? undefined : pattern }, statusCode, field, warnings);
      list.push(resp);
    }
    f.integrationResponses = sortResponses(list, warnings, (i) => `${prefix}responses[${JSON.stringify(Object.keys(x.responses)[i])}]`);
  }
  return finish(f);
}

function fromCfnIntegration(x, warnings, prefix) {
  const p = (k) => `${prefix}${k}`;
  if (!isObj(x)) throw fieldError(prefix.replace(/\.$/, '') || 'Integration', `expected an object, got ${describe(x)}`);
  const f = {};
  if (x.Type === undefined) throw fieldError(p('Type'), 'missing; expected one of ' + INTEGRATION_TYPES.join(', '));
  f.type = readEnum(x.Type, p('Type'), INTEGRATION_TYPES, warnings, { lowerOk: false });
  if (x.IntegrationHttpMethod != null) f.httpMethod = readString(x.IntegrationHttpMethod, p('IntegrationHttpMethod')).toUpperCase();
  if (x.Uri != null) f.uri = readCfnString(x.Uri, p('Uri'), warnings);
  if (x.Credentials != null) f.credentials = readCfnString(x.Credentials, p('Credentials'), warnings);
  if (x.ConnectionType != null) f.connectionType = readString(x.ConnectionType, p('ConnectionType'));
  if (x.ConnectionId != null) f.connectionId = readCfnString(x.ConnectionId, p('ConnectionId'), warnings);
  f.requestParameters = readStringMap(x.RequestParameters, p('RequestParameters'));
  f.requestTemplates = readStringMap(x.RequestTemplates, p('RequestTemplates'));
  if (x.PassthroughBehavior != null) {
    f.passthroughBehavior = readEnum(x.PassthroughBehavior, p('PassthroughBehavior'), PASSTHROUGH_BEHAVIORS, warnings, { lowerOk: false });
  }
  if (x.ContentHandling != null) {
    f.contentHandling = readEnum(x.ContentHandling, p('ContentHandling'), CONTENT_HANDLINGS, warnings, { lowerOk: false });
  }
  f.timeoutInMillis = readTimeout(x.TimeoutInMillis, p('TimeoutInMillis'));
  if (x.CacheNamespace != null) f.cacheNamespace = readString(x.CacheNamespace, p('CacheNamespace'));
  f.cacheKeyParameters = readStringList(x.CacheKeyParameters, p('CacheKeyParameters'));
  if (x.IntegrationResponses !== undefined && x.IntegrationResponses !== null) {
    if (!Array.isArray(x.IntegrationResponses)) {
      throw fieldError(p('IntegrationResponses'), `expected a list, got ${describe(x.IntegrationResponses)}`);
    }
    const list = x.IntegrationResponses.map((r, i) => {
      const field = `${p('IntegrationResponses')}[${i}]`;
      if (!isObj(r)) throw fieldError(field, `expected an object, got ${describe(r)}`);
      if (r.StatusCode === undefined) throw fieldError(`${field}.StatusCode`, 'missing');
      const out = { statusCode: readStatusCode(r.StatusCode, `${field}.StatusCode`) };
      out.selectionPattern = readSelectionPattern(r.SelectionPattern, `${field}.SelectionPattern`, warnings);
      out.responseTemplates = readStringMap(r.ResponseTemplates, `${field}.ResponseTemplates`);
      out.responseParameters = readStringMap(r.ResponseParameters, `${field}.ResponseParameters`);
      if (r.ContentHandling != null) {
        out.contentHandling = readEnum(r.ContentHandling, `${field}.ContentHandling`, CONTENT_HANDLINGS, warnings, { lowerOk: false });
      }
      return out;
    });
    f.integrationResponses = sortResponses(list, warnings, (i) => `${p('IntegrationResponses')}[${i}]`);
  }
  return finish(f);
}

// ---------------------------------------------------------------- entry point

/** Convert any accepted shape to { integration, warnings, origin }. */
export function toCanonical(obj) {
  if (!isObj(obj)) throw new Error(`integration: expected an object, got ${describe(obj)}`);
  const shape = detectShape(obj);
  const warnings = [];
  const origin = { shape };
  let integration;
  switch (shape) {
    case 'getIntegration':
      integration = fromGetIntegration(obj, warnings);
      break;
    case 'openapi': {
      let ext = obj;
      if (has(obj, OPENAPI_EXT)) {
        ext = obj[OPENAPI_EXT];
      } else if (findOpenApiOperations(obj).length > 0) {
        const ops = findOpenApiOperations(obj);
        const first = ops[0];
        if (ops.length > 1) {
          warnings.push(`the document has ${ops.length} integrations; using ${first.httpMethod} ${first.path}`);
        }
        ext = first.op[OPENAPI_EXT];
        origin.httpMethod = first.httpMethod;
        origin.resourcePath = first.path;
      }
      integration = fromOpenApiExtension(ext, warnings);
      break;
    }
    case 'cloudformation': {
      let props = obj;
      let prefix = '';
      if (findCfnMethods(obj).length > 0) {
        const methods = findCfnMethods(obj);
        if (methods.length > 1) warnings.push(`the template has ${methods.length} AWS::ApiGateway::Method resources; using ${methods[0][0]}`);
        props = methods[0][1].Properties;
        prefix = `Resources.${methods[0][0]}.Properties.`;
      } else if (obj.Type === 'AWS::ApiGateway::Method') {
        props = obj.Properties;
        prefix = 'Properties.';
      }
      if (!isObj(props)) throw fieldError(prefix.replace(/\.$/, '') || 'Properties', 'missing');
      if (has(props, 'Integration') || has(props, 'HttpMethod')) {
        if (props.Integration === undefined) throw fieldError(`${prefix}Integration`, 'missing');
        if (typeof props.HttpMethod === 'string') origin.httpMethod = props.HttpMethod.toUpperCase();
        integration = fromCfnIntegration(props.Integration, warnings, `${prefix}Integration.`);
      } else {
        integration = fromCfnIntegration(props, warnings, prefix);
      }
      break;
    }
    default:
      throw new Error('integration: not a recognised shape; expected GetIntegration JSON (type, integrationResponses), '
        + `an OpenAPI ${OPENAPI_EXT} object, or a CloudFormation AWS::ApiGateway::Method Integration`);
  }
  return { integration, warnings, origin };
}
