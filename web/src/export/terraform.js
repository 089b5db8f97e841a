// Export: Terraform (hashicorp/aws provider) resources for the integration.
//
// API
//   toTerraform(integration, request?) -> string
//   hclString(s) -> string      a quoted HCL string literal
//   hclHeredoc(s) -> string     a heredoc expression (wrapped in chomp() when s has no final newline)
//
// Emits aws_api_gateway_integration, then per integration response an
// aws_api_gateway_method_response and an aws_api_gateway_integration_response
// with depends_on the integration (the provider's docs ask for it: the
// integration response needs the integration to exist first). The REST API,
// resource and method are references to placeholders
// (aws_api_gateway_rest_api.api, aws_api_gateway_resource.resource,
// aws_api_gateway_method.method).
//
// Escaping: HCL strings and heredocs are templates, so `${` and `%{` are
// written `$${` and `%%{` to come out literally. Heredocs take everything
// else literally (backslashes included) and end with the newline before the
// closing marker, so a template without a final newline is wrapped in
// chomp(), which removes trailing newlines and nothing else.

import { methodContext, responseList } from './context.js';

const REST_API = 'aws_api_gateway_rest_api.api.id';
const RESOURCE = 'aws_api_gateway_resource.resource.id';
const METHOD = 'aws_api_gateway_method.method.http_method';

function escapeTemplateSequences(s) {
  // (A replacement function: in a replacement string "$$" would mean "$".)
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

export function hclString(s) {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${escapeTemplateSequences(out)}"`;
}

// Heredocs cannot hold a carriage return or other control characters
// reliably (line endings may be normalised); such templates stay quoted.
const HEREDOC_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f]/;

export function hclHeredoc(s) {
  const lines = new Set(s.split('\n').map((l) => l.trim()));
  let marker = 'EOF';
  for (let n = 1; lines.has(marker); n++) marker = n === 1 ? 'EOT' : `EOF${n}`;
  const body = escapeTemplateSequences(s);
  if (s.endsWith('\n')) return `<<${marker}\n${body}${marker}`;
  return `chomp(<<${marker}\n${body}\n${marker}\n)`;
}

function templateValue(s) {
  if (!s.includes('\n') || HEREDOC_UNSAFE.test(s)) return hclString(s);
  return hclHeredoc(s);
}

// Attribute lines "name = value", aligned the way `terraform fmt` aligns a run
// of single-line attributes.
function attrs(pairs, indent) {
  const pad = ' '.repeat(indent);
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${pad}${k.padEnd(width)} = ${v}`);
}

function mapBlock(name, map, indent, valueOf) {
  const pad = ' '.repeat(indent);
  const entries = Object.entries(map).map(([k, v]) => [hclString(k), valueOf(v)]);
  const lines = [`${pad}${name} = {`];
  // Single-line entries are aligned in runs; a heredoc ends a run.
  let run = [];
  const flush = () => {
    if (run.length) lines.push(...attrs(run, indent + 2));
    run = [];
  };
  for (const [k, v] of entries) {
    if (v.includes('\n')) {
      flush();
      lines.push(`${pad}  ${k} = ${v}`);
    } else run.push([k, v]);
  }
  flush();
  lines.push(`${pad}}`);
  return lines;
}

function resourceName(statusCode) {
  return `response_${statusCode}`;
}

export function toTerraform(integration, request) {
  const ctx = methodContext(request);
  const out = [];
  out.push(`# ${ctx.httpMethod} ${ctx.resourcePath}, exported by mockgate.`);
  out.push('# aws_api_gateway_rest_api.api, aws_api_gateway_resource.resource and');
  out.push('# aws_api_gateway_method.method stand for your own resources.');
  out.push('');
  out.push('resource "aws_api_gateway_integration" "integration" {');
  const head = [['rest_api_id', REST_API], ['resource_id', RESOURCE], ['http_method', METHOD],
    ['type', hclString(integration.type)]];
  if (integration.httpMethod !== undefined) head.push(['integration_http_method', hclString(integration.httpMethod)]);
  if (integration.uri !== undefined) head.push(['uri', hclString(integration.uri)]);
  if (integration.credentials !== undefined) head.push(['credentials', hclString(integration.credentials)]);
  if (integration.connectionType !== undefined) head.push(['connection_type', hclString(integration.connectionType)]);
  if (integration.connectionId !== undefined) head.push(['connection_id', hclString(integration.connectionId)]);
  if (integration.passthroughBehavior !== undefined) head.push(['passthrough_behavior', hclString(integration.passthroughBehavior)]);
  if (integration.contentHandling !== undefined) head.push(['content_handling', hclString(integration.contentHandling)]);
  if (integration.timeoutInMillis !== undefined) head.push(['timeout_milliseconds', String(integration.timeoutInMillis)]);
  if (integration.cacheNamespace !== undefined) head.push(['cache_namespace', hclString(integration.cacheNamespace)]);
  if (integration.cacheKeyParameters) head.push(['cache_key_parameters', `[${integration.cacheKeyParameters.map(hclString).join(', ')}]`]);
  out.push(...attrs(head, 2));
  if (integration.requestParameters) {
    out.push('');
    out.push(...mapBlock('request_parameters', integration.requestParameters, 2, hclString));
  }
  if (integration.requestTemplates) {
    out.push('');
    out.push(...mapBlock('request_templates', integration.requestTemplates, 2, templateValue));
  }
  out.push('}');

  for (const r of responseList(integration)) {
    const name = resourceName(r.statusCode);
    out.push('');
    out.push(`resource "aws_api_gateway_method_response" "${name}" {`);
    out.push(...attrs([['rest_api_id', REST_API], ['resource_id', RESOURCE], ['http_method', METHOD],
      ['status_code', hclString(r.statusCode)]], 2));
    const headers = Object.keys(r.responseParameters ?? {}).filter((k) => k.startsWith('method.response.header.'));
    if (headers.length) {
      out.push('');
      out.push(...mapBlock('response_parameters', Object.fromEntries(headers.map((h) => [h, false])), 2, String));
    }
    out.push('}');
    out.push('');
    out.push(`resource "aws_api_gateway_integration_response" "${name}" {`);
    const a = [['rest_api_id', REST_API], ['resource_id', RESOURCE], ['http_method', METHOD],
      ['status_code', `aws_api_gateway_method_response.${name}.status_code`]];
    if (r.selectionPattern !== undefined) a.push(['selection_pattern', hclString(r.selectionPattern)]);
    if (r.contentHandling !== undefined) a.push(['content_handling', hclString(r.contentHandling)]);
    out.push(...attrs(a, 2));
    if (r.responseParameters) {
      out.push('');
      out.push(...mapBlock('response_parameters', r.responseParameters, 2, hclString));
    }
    if (r.responseTemplates) {
      out.push('');
      out.push(...mapBlock('response_templates', r.responseTemplates, 2, templateValue));
    }
    out.push('');
    out.push('  depends_on = [aws_api_gateway_integration.integration]');
    out.push('}');
  }
  return out.join('\n') + '\n';
}
