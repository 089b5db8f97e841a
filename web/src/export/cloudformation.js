// Export: an AWS::ApiGateway::Method resource in CloudFormation YAML.
//
// API
//   toCloudFormation(integration, request?) -> string
//   toCloudFormationResource(integration, request?) -> { logicalId, resource }  (data; !Ref as YamlTag)
//
// RestApiId / ResourceId are `!Ref RestApi` / `!Ref Resource` placeholders.
// MethodResponses are declared for every integration response (with the
// headers its ResponseParameters set), because CloudFormation fails an
// IntegrationResponse whose method response does not exist.

import { toYaml, YamlTag } from './yaml.js';
import { methodContext, declaredMethodParameters, responseHeaders, responseList } from './context.js';

export function toCloudFormationResource(integration, request) {
  const ctx = methodContext(request);
  const i = {};
  i.Type = integration.type;
  if (integration.httpMethod !== undefined) i.IntegrationHttpMethod = integration.httpMethod;
  // A Uri holding ${...} placeholders (read from an Fn::Sub) goes back out as !Sub.
  if (integration.uri !== undefined) i.Uri = integration.uri.includes('${') ? new YamlTag('!Sub', integration.uri) : integration.uri;
  if (integration.credentials !== undefined) i.Credentials = integration.credentials;
  if (integration.connectionType !== undefined) i.ConnectionType = integration.connectionType;
  if (integration.connectionId !== undefined) i.ConnectionId = integration.connectionId;
  if (integration.requestParameters) i.RequestParameters = { ...integration.requestParameters };
  if (integration.requestTemplates) i.RequestTemplates = { ...integration.requestTemplates };
  if (integration.passthroughBehavior !== undefined) i.PassthroughBehavior = integration.passthroughBehavior;
  if (integration.contentHandling !== undefined) i.ContentHandling = integration.contentHandling;
  if (integration.timeoutInMillis !== undefined) i.TimeoutInMillis = integration.timeoutInMillis;
  if (integration.cacheNamespace !== undefined) i.CacheNamespace = integration.cacheNamespace;
  if (integration.cacheKeyParameters) i.CacheKeyParameters = [...integration.cacheKeyParameters];
  const list = responseList(integration);
  if (list.length) {
    i.IntegrationResponses = list.map((r) => {
      const out = { StatusCode: r.statusCode };
      if (r.selectionPattern !== undefined) out.SelectionPattern = r.selectionPattern;
      if (r.responseTemplates) out.ResponseTemplates = { ...r.responseTemplates };
      if (r.responseParameters) out.ResponseParameters = { ...r.responseParameters };
      if (r.contentHandling !== undefined) out.ContentHandling = r.contentHandling;
      return out;
    });
  }
  const props = {
    RestApiId: new YamlTag('!Ref', 'RestApi'),
    ResourceId: new YamlTag('!Ref', 'Resource'),
    HttpMethod: ctx.httpMethod,
    AuthorizationType: 'NONE',
  };
  const params = declaredMethodParameters(integration);
  const pathParams = ctx.pathParameters.map((name) => `method.request.path.${name}`);
  const all = [...new Set([...pathParams, ...params.map((p) => `method.request.${p.location}.${p.name}`)])];
  if (all.length) {
    // true = required; path parameters always are.
    props.RequestParameters = Object.fromEntries(all.map((k) => [k, k.startsWith('method.request.path.')]));
  }
  props.Integration = i;
  if (list.length) {
    props.MethodResponses = list.map((r) => {
      const mr = { StatusCode: r.statusCode };
      const headers = responseHeaders(r);
      if (headers.length) mr.ResponseParameters = Object.fromEntries(headers.map((h) => [`method.response.header.${h}`, false]));
      return mr;
    });
  }
  return { logicalId: `${ctx.logicalName}Method`, resource: { Type: 'AWS::ApiGateway::Method', Properties: props } };
}

export function toCloudFormation(integration, request) {
  const ctx = methodContext(request);
  const { logicalId, resource } = toCloudFormationResource(integration, request);
  return `# ${ctx.httpMethod} ${ctx.resourcePath}, exported by mockgate.\n`
    + '# RestApi and Resource are placeholders: point the !Ref at your own AWS::ApiGateway::RestApi and Resource.\n'
    + toYaml({ Resources: { [logicalId]: resource } });
}
