// Export: AWS CLI commands (bash) that create the integration.
//
// API
//   toAwsCli(integration, request?) -> string
//   shellQuote(s) -> string     POSIX single-quoting: 'it'\''s'
//
// put-integration, then per integration response put-method-response (API
// Gateway answers NotFoundException "Invalid Response status code specified"
// to an integration response without its method response) and
// put-integration-response. Maps (--request-templates, --response-templates,
// --request-parameters, --response-parameters) are passed as JSON, which the
// CLI accepts for map parameters. REST_API_ID and RESOURCE_ID are shell
// variables set at the top.

import { methodContext, responseList, responseHeaders } from './context.js';

const SAFE = /^[A-Za-z0-9_./:=@%+,^-]+$/;

export function shellQuote(s) {
  if (s !== '' && SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// "--name value", or "--name=value" when the value starts with "-" (the CLI's
// argument parser would otherwise read it as an option).
function opt(name, value) {
  if (value.startsWith('-')) return shellQuote(`--${name}=${value}`);
  return `--${name} ${shellQuote(value)}`;
}

function command(parts) {
  return parts.join(' \\\n  ');
}

export function toAwsCli(integration, request) {
  const ctx = methodContext(request);
  const common = ['--rest-api-id "$REST_API_ID"', '--resource-id "$RESOURCE_ID"', opt('http-method', ctx.httpMethod)];
  const out = [];
  out.push(`# ${ctx.httpMethod} ${ctx.resourcePath}, exported by mockgate. Set the ids of your API and resource:`);
  out.push('REST_API_ID=REPLACE_WITH_REST_API_ID');
  out.push('RESOURCE_ID=REPLACE_WITH_RESOURCE_ID');
  out.push('');
  const p = ['aws apigateway put-integration', ...common, opt('type', integration.type)];
  if (integration.httpMethod !== undefined) p.push(opt('integration-http-method', integration.httpMethod));
  if (integration.uri !== undefined) p.push(opt('uri', integration.uri));
  if (integration.credentials !== undefined) p.push(opt('credentials', integration.credentials));
  if (integration.connectionType !== undefined) p.push(opt('connection-type', integration.connectionType));
  if (integration.connectionId !== undefined) p.push(opt('connection-id', integration.connectionId));
  if (integration.requestParameters) p.push(opt('request-parameters', JSON.stringify(integration.requestParameters)));
  if (integration.requestTemplates) p.push(opt('request-templates', JSON.stringify(integration.requestTemplates)));
  if (integration.passthroughBehavior !== undefined) p.push(opt('passthrough-behavior', integration.passthroughBehavior));
  if (integration.contentHandling !== undefined) p.push(opt('content-handling', integration.contentHandling));
  if (integration.timeoutInMillis !== undefined) p.push(opt('timeout-in-millis', String(integration.timeoutInMillis)));
  if (integration.cacheNamespace !== undefined) p.push(opt('cache-namespace', integration.cacheNamespace));
  if (integration.cacheKeyParameters) p.push(`--cache-key-parameters ${integration.cacheKeyParameters.map(shellQuote).join(' ')}`);
  out.push(command(p));

  for (const r of responseList(integration)) {
    out.push('');
    const m = ['aws apigateway put-method-response', ...common, opt('status-code', r.statusCode)];
    const headers = responseHeaders(r);
    if (headers.length) {
      m.push(opt('response-parameters', JSON.stringify(Object.fromEntries(headers.map((h) => [`method.response.header.${h}`, false])))));
    }
    out.push(command(m));
    out.push('');
    const ir = ['aws apigateway put-integration-response', ...common, opt('status-code', r.statusCode)];
    if (r.selectionPattern !== undefined) ir.push(opt('selection-pattern', r.selectionPattern));
    if (r.responseParameters) ir.push(opt('response-parameters', JSON.stringify(r.responseParameters)));
    if (r.responseTemplates) ir.push(opt('response-templates', JSON.stringify(r.responseTemplates)));
    if (r.contentHandling !== undefined) ir.push(opt('content-handling', r.contentHandling));
    out.push(command(ir));
  }
  return out.join('\n') + '\n';
}
