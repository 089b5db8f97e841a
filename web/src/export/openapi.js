// Export: a minimal OpenAPI 3 document whose one operation carries the
// integration as an `x-amazon-apigateway-integration` extension.
//
// API
//   toOpenApi(integration, request?, { format: 'yaml' | 'json' }?) -> string
//     request: the contract's request; its httpMethod and resourcePath (or
//     path) place the operation. Default format 'yaml'.
//   toOpenApiDocument(integration, request?) -> object   the same as data
//
// Shape (API Gateway developer guide, x-amazon-apigateway-integration object):
// lower-case `type` and `passthroughBehavior`, `responses` keyed by selection
// pattern with `default` for the response without one. Method responses and
// the parameters the mappings read are declared too, because API Gateway's
// importer rejects an integration response (or mapping) whose method response
// (or method request parameter) does not exist.

import { toYaml } from './yaml.js';
import { methodContext, declaredMethodParameters, responseHeaders, responseList } from './context.js';

export function toOpenApiDocument(integration, request) {
  const ctx = methodContext(request);
  const x = {};
  x.type = integration.type.toLowerCase();
  if (integration.httpMethod !== undefined) x.httpMethod = integration.httpMethod;
  if (integration.uri !== undefined) x.uri = integration.uri;
  if (integration.credentials !== undefined) x.credentials = integration.credentials;
  if (integration.connectionType !== undefined) x.connectionType = integration.connectionType;
  if (integration.connectionId !== undefined) x.connectionId = integration.connectionId;
  if (integration.requestParameters) x.requestParameters = { ...integration.requestParameters };
  if (integration.requestTemplates) x.requestTemplates = { ...integration.requestTemplates };
  if (integration.passthroughBehavior !== undefined) x.passthroughBehavior = integration.passthroughBehavior.toLowerCase();
  if (integration.contentHandling !== undefined) x.contentHandling = integration.contentHandling;
  if (integration.timeoutInMillis !== undefined) x.timeoutInMillis = integration.timeoutInMillis;
  if (integration.cacheNamespace !== undefined) x.cacheNamespace = integration.cacheNamespace;
  if (integration.cacheKeyParameters) x.cacheKeyParameters = [...integration.cacheKeyParameters];

  const responses = {};
  const methodResponses = {};
  for (const r of responseList(integration)) {
    // Only one response can be the default; the canonical model keeps it that way.
    const key = r.selectionPattern === undefined ? 'default' : r.selectionPattern;
    if (Object.prototype.hasOwnProperty.call(responses, key)) continue;
    const out = { statusCode: r.statusCode };
    if (r.responseTemplates) out.responseTemplates = { ...r.responseTemplates };
    if (r.responseParameters) out.responseParameters = { ...r.responseParameters };
    if (r.contentHandling !== undefined) out.contentHandling = r.contentHandling;
    responses[key] = out;
    const mr = { description: `${r.statusCode} response` };
    const headers = responseHeaders(r);
    if (headers.length) {
      mr.headers = Object.fromEntries(headers.map((h) => [h, { schema: { type: 'string' } }]));
    }
    methodResponses[r.statusCode] = mr;
  }
  if (Object.keys(responses).length) x.responses = responses;

  const operation = {};
  const params = [];
  const seen = new Set();
  for (const name of ctx.pathParameters) {
    seen.add(`path:${name}`);
    params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const p of declaredMethodParameters(integration)) {
    if (seen.has(`${p.openApiIn}:${p.name}`)) continue;
    seen.add(`${p.openApiIn}:${p.name}`);
    params.push({ name: p.name, in: p.openApiIn, required: p.openApiIn === 'path', schema: { type: 'string' } });
  }
  if (params.length) operation.parameters = params;
  operation.responses = Object.keys(methodResponses).length ? methodResponses : { 200: { description: '200 response' } };
  operation['x-amazon-apigateway-integration'] = x;

  const verb = ctx.httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : ctx.httpMethod.toLowerCase();
  return {
    openapi: '3.0.1',
    info: { title: 'mockgate export', version: '1.0' },
    paths: { [ctx.resourcePath]: { [verb]: operation } },
  };
}

export function toOpenApi(integration, request, { format = 'yaml' } = {}) {
  const doc = toOpenApiDocument(integration, request);
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  if (format !== 'yaml') throw new Error(`toOpenApi: unknown format ${JSON.stringify(format)}; expected yaml or json`);
  return toYaml(doc);
}
