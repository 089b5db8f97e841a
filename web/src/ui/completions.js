// Completion for mapping templates: the variables API Gateway gives a
// template ($input, $util, $context, $stageVariables, with a line on what
// each holds, after the AWS guide "API Gateway mapping template and access
// logging variable reference"), the Velocity directives, and the variables
// the template itself #sets. Learning the vocabulary while typing is most
// of learning mapping templates.

import { snippetCompletion } from '@codemirror/autocomplete';
import { hoverTooltip } from '@codemirror/view';

export const ROOTS = [
  ['input', 'The method request: body, JSON paths, parameters.'],
  ['util', 'Helpers: escapeJavaScript, parseJson, urlEncode, base64Encode…'],
  ['context', 'Request context: ids, stage, identity, authorizer, overrides.'],
  ['stageVariables', 'The stage variables of the deployment stage ($stageVariables.name).'],
];

export const PATHS = [
  ['input.body', 'The raw request body, as a string.'],
  ["input.json('$')", 'Evaluates a JSONPath on the body; returns a JSON string.'],
  ["input.path('$')", 'Evaluates a JSONPath on the body; returns an object VTL can walk.'],
  ['input.params()', 'All request parameters: {path, querystring, header} maps.'],
  ["input.params('name')", 'One parameter by name: path, then query string, then header.'],
  ['input.params().header', 'All request headers (a map).'],
  ['input.params().querystring', 'All query string parameters (a map).'],
  ['input.params().path', 'All path parameters (a map).'],
  ['util.escapeJavaScript()', 'Escapes a string with JavaScript rules (also turns \' into \\\').'],
  ['util.parseJson()', 'Parses a JSON string into an object VTL can walk.'],
  ['util.urlEncode()', 'application/x-www-form-urlencoded encoding.'],
  ['util.urlDecode()', 'Decodes application/x-www-form-urlencoded text.'],
  ['util.base64Encode()', 'Base64-encodes a string.'],
  ['util.base64Decode()', 'Decodes a base64 string.'],
  ['context.accountId', "The API owner's AWS account id."],
  ['context.apiId', 'The id API Gateway gave the API.'],
  ['context.authorizer.claims', 'Cognito user pool claims: $context.authorizer.claims.sub …'],
  ['context.authorizer.principalId', 'The principal a Lambda authorizer returned.'],
  ['context.awsEndpointRequestId', "The AWS endpoint's request id."],
  ['context.domainName', 'The full domain name used to invoke the API.'],
  ['context.domainPrefix', 'The first label of the domain name.'],
  ['context.extendedRequestId', 'The unique request id API Gateway generates.'],
  ['context.httpMethod', 'The HTTP method of the request.'],
  ['context.identity.accountId', 'The AWS account id of the caller.'],
  ['context.identity.apiKey', 'The API key of the request, when the method requires one.'],
  ['context.identity.apiKeyId', 'The id of that API key.'],
  ['context.identity.caller', 'The principal that signed the request (IAM auth).'],
  ['context.identity.sourceIp', 'The IP address of the TCP connection to API Gateway.'],
  ['context.identity.user', 'The principal authorized against the resource (IAM auth).'],
  ['context.identity.userAgent', 'The User-Agent header of the caller.'],
  ['context.identity.userArn', 'The ARN of the authenticated user.'],
  ['context.path', 'The request path, with the stage: /{stage}/root/child.'],
  ['context.protocol', 'The request protocol, e.g. HTTP/1.1.'],
  ['context.requestId', 'An id for the request (clients can override it).'],
  ['context.requestTime', 'The request time, CLF format (dd/MMM/yyyy:HH:mm:ss +-hhmm).'],
  ['context.requestTimeEpoch', 'The request time in epoch milliseconds.'],
  ['context.resourceId', 'The id API Gateway gave the resource.'],
  ['context.resourcePath', 'The resource path, e.g. /pets/{petId}.'],
  ['context.stage', 'The deployment stage, e.g. test or prod.'],
  ['context.requestOverride.header.', 'Set to override an integration request header: #set($context.requestOverride.header.X = "v").'],
  ['context.requestOverride.path.', 'Set to override an integration request path parameter.'],
  ['context.requestOverride.querystring.', 'Set to override an integration request query string parameter.'],
  ['context.responseOverride.header.', 'Set to override a method response header.'],
  ['context.responseOverride.status', 'Set to override the status code the client gets.'],
];

const DIRECTIVES = [
  snippetCompletion('#if( ${condition} )\n  ${}\n#end', { label: '#if', detail: 'block', info: 'Render the block when the condition is true (null, false and missing are false).' }),
  snippetCompletion('#if( ${condition} )\n  ${}\n#else\n  ${}\n#end', { label: '#if … #else', detail: 'block', info: 'Choose between two blocks.' }),
  snippetCompletion('#elseif( ${condition} )', { label: '#elseif', detail: 'directive' }),
  snippetCompletion('#else', { label: '#else', detail: 'directive' }),
  snippetCompletion('#end', { label: '#end', detail: 'directive', info: 'Closes #if, #foreach, #macro and #define.' }),
  snippetCompletion('#foreach( $${item} in ${list} )\n  ${}#if( $foreach.hasNext ),#end\n#end', { label: '#foreach', detail: 'loop', info: 'Loop over a list (over a map it visits the values: use $map.keySet() for the keys); $foreach.hasNext helps print the commas between items.' }),
  snippetCompletion('#set( $${name} = ${value} )', { label: '#set', detail: 'directive', info: 'Assign a variable. Setting null keeps the old value (Velocity 1.7).' }),
  snippetCompletion('#break', { label: '#break', detail: 'directive', info: 'Leave the innermost #foreach.' }),
  snippetCompletion('#stop', { label: '#stop', detail: 'directive', info: 'Stop rendering the template here.' }),
  snippetCompletion('## ${comment}', { label: '##', detail: 'comment', info: 'A line comment: not printed.' }),
];

function setVariables(doc) {
  const names = new Set();
  for (const m of doc.matchAll(/#set\s*\(\s*\$!?\{?([A-Za-z_][\w-]*)/g)) names.add(m[1]);
  for (const m of doc.matchAll(/#foreach\s*\(\s*\$!?\{?([A-Za-z_][\w-]*)/g)) names.add(m[1]);
  return [...names];
}

/** CodeMirror completion source for VTL. */
export function vtlCompletions(context) {
  const before = context.state.doc.sliceString(Math.max(0, context.pos - 200), context.pos);

  const directive = /#[a-z]*$/.exec(before);
  if (directive && !/\$[\w.{]*#[a-z]*$/.test(before)) {
    return { from: context.pos - directive[0].length, options: DIRECTIVES, validFor: /^#[a-z]*$/ };
  }

  const ref = /\$!?\{?([A-Za-z_][\w]*(?:\.[\w]*)*)?$/.exec(before);
  if (!ref) return null;
  const typed = ref[1] || '';
  const dot = typed.indexOf('.');
  if (dot < 0) {
    // $in… → a root, or a variable this template #sets.
    const from = context.pos - typed.length;
    const own = setVariables(context.state.doc.toString())
      .filter((n) => !ROOTS.some(([r]) => r === n))
      .map((n) => ({ label: n, type: 'variable', detail: 'set in this template' }));
    return {
      from,
      options: [...ROOTS.map(([label, info]) => ({ label, type: 'namespace', info })), ...own],
      validFor: /^\w*$/,
    };
  }
  // $context.iden… → every known path under the root, completed from after "$root.".
  const root = typed.slice(0, dot);
  const from = context.pos - (typed.length - dot - 1);
  const options = PATHS
    .filter(([path]) => path.startsWith(`${root}.`))
    .map(([path, info]) => {
      const label = path.slice(root.length + 1);
      const isCall = label.includes('(');
      return { label, type: isCall ? 'function' : 'property', info, apply: label };
    });
  if (!options.length) return null;
  return { from, options, validFor: /^[\w.]*$/ };
}

const baseName = (path) => path.replace(/\(.*$/, '').replace(/\.$/, '');

/** What the reference or directive at `pos` is, from the same catalog. */
export function describeAt(lineText, col) {
  for (const m of lineText.matchAll(/\$!?\{?([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)(\()?|#\{?([a-z]+)\}?/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (col < start || col > end) continue;
    if (m[3]) {
      const d = DIRECTIVES.find((x) => x.label === `#${m[3]}`);
      return d && d.info ? { from: start, to: end, title: `#${m[3]}`, info: d.info } : null;
    }
    const path = m[1];
    const root = ROOTS.find(([r]) => r === path);
    if (root) return { from: start, to: end, title: `$${path}`, info: root[1] };
    // The longest catalog entry that the reference starts with.
    // A call with arguments ($input.params('x')) is the one-argument form.
    const withArgs = Boolean(m[2]) && lineText[end] !== ')';
    const fits = (p) => !p.includes('(') || p.includes("('") === withArgs;
    let best = null;
    for (const [p, info] of PATHS) {
      const b = baseName(p);
      if (!(path === b || path.startsWith(`${b}.`))) continue;
      if (!best || b.length > baseName(best[0]).length || (b.length === baseName(best[0]).length && fits(p) && !fits(best[0]))) best = [p, info];
    }
    if (best) return { from: start, to: end, title: `$${best[0]}`, info: best[1] };
    return null;
  }
  return null;
}

/** Hover docs for $input/$util/$context references and directives. */
export const vtlHover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const hit = describeAt(line.text, pos - line.from);
  if (!hit) return null;
  return {
    pos: line.from + hit.from,
    end: line.from + hit.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'mg-hover';
      const title = document.createElement('code');
      title.textContent = hit.title;
      const text = document.createElement('div');
      text.textContent = hit.info;
      dom.append(title, text);
      return { dom };
    },
  };
});
