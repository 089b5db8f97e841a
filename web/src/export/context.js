// Where an exported integration lives: the method and resource path the
// request names, with the placeholders every generator shares.
//
// API
//   methodContext(request?) -> { httpMethod, resourcePath, pathParameters: string[], logicalName }
//   declaredMethodParameters(integration) -> [{ location, name }]  method.request.* names the mappings use
//   responseHeaders(response) -> string[]   method.response.header.* names a response maps

const LOCATIONS = { querystring: 'query', path: 'path', header: 'header' };

/** request: the contract's request (httpMethod, resourcePath or path); both optional. */
export function methodContext(request = {}) {
  const httpMethod = typeof request?.httpMethod === 'string' && request.httpMethod.trim() !== ''
    ? request.httpMethod.trim().toUpperCase()
    : 'GET';
  let resourcePath = typeof request?.resourcePath === 'string' && request.resourcePath !== ''
    ? request.resourcePath
    : typeof request?.path === 'string' && request.path !== '' ? request.path : '/';
  if (!resourcePath.startsWith('/')) resourcePath = '/' + resourcePath;
  const pathParameters = [...resourcePath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1].replace(/\+$/, ''));
  // A readable identifier for Terraform / CloudFormation names: GET /pets/{petId} -> GetPetsPetId.
  const words = [httpMethod, ...resourcePath.split(/[^A-Za-z0-9]+/)].filter(Boolean);
  const logicalName = words.map((w, i) => w[0].toUpperCase() + (i === 0 ? w.slice(1).toLowerCase() : w.slice(1))).join('');
  return { httpMethod, resourcePath, pathParameters, logicalName };
}

/** method.request.{querystring|path|header}.NAME values used by request parameter mappings. */
export function declaredMethodParameters(integration) {
  const out = [];
  const seen = new Set();
  for (const value of Object.values(integration.requestParameters ?? {})) {
    const m = /^method\.request\.(querystring|path|header)\.(.+)$/.exec(value);
    if (!m || seen.has(value)) continue;
    seen.add(value);
    out.push({ location: m[1], openApiIn: LOCATIONS[m[1]], name: m[2] });
  }
  return out;
}

/** Header names a response's responseParameters set (method.response.header.NAME keys). */
export function responseHeaders(response) {
  return Object.keys(response.responseParameters ?? {})
    .map((k) => /^method\.response\.header\.(.+)$/.exec(k)?.[1])
    .filter(Boolean);
}

/** Integration responses in canonical order, as a list. */
export function responseList(integration) {
  return Object.values(integration.integrationResponses ?? {});
}
