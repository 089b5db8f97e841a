import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectShape, toCanonical, parsePasted } from '../src/export/shapes.js';

// Seed 003: the GetIntegration sample response (integration responses embedded
// by the HAL format there; here in the documented integrationResponses map).
const getIntegration = {
  _links: { self: { href: '/restapis/uojnr9hd57/resources/0cjtch/methods/GET/integration' } },
  cacheKeyParameters: [],
  cacheNamespace: '0cjtch',
  credentials: 'arn:aws:iam::123456789012:role/apigAwsProxyRole',
  httpMethod: 'POST',
  passthroughBehavior: 'WHEN_NO_MATCH',
  requestTemplates: { 'application/json': "{\n \"a\": \"$input.params('operand1')\"\n}" },
  type: 'AWS',
  uri: 'arn:aws:apigateway:us-west-2:lambda:path//2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:Calc/invocations',
  integrationResponses: {
    200: {
      responseParameters: { 'method.response.header.operator': 'integration.response.body.op' },
      responseTemplates: { 'application/json': "#set($res = $input.path('$'))\n{\"c\": \"$res.c\"}" },
      selectionPattern: '',
      statusCode: '200',
    },
  },
};

const canonicalCalc = {
  type: 'AWS',
  httpMethod: 'POST',
  uri: getIntegration.uri,
  credentials: getIntegration.credentials,
  requestTemplates: getIntegration.requestTemplates,
  passthroughBehavior: 'WHEN_NO_MATCH',
  cacheNamespace: '0cjtch',
  integrationResponses: {
    200: {
      statusCode: '200',
      responseTemplates: getIntegration.integrationResponses[200].responseTemplates,
      responseParameters: getIntegration.integrationResponses[200].responseParameters,
    },
  },
};

test('GetIntegration JSON is detected and canonicalised; unknown fields and empty pattern dropped', () => {
  assert.equal(detectShape(getIntegration), 'getIntegration');
  const { integration, warnings, origin } = toCanonical(getIntegration);
  assert.deepEqual(integration, canonicalCalc);
  assert.deepEqual(warnings, []);
  assert.equal(origin.shape, 'getIntegration');
  assert.equal(Object.keys(integration)[0], 'type');
});

// The guide's x-amazon-apigateway-integration example (reference/awsdocs).
const openapiExt = {
  type: 'aws',
  uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:012345678901:function:HelloWorld/invocations',
  httpMethod: 'POST',
  credentials: 'arn:aws:iam::012345678901:role/apigateway-invoke-lambda-exec-role',
  requestTemplates: {
    'application/json': "#set ($root=$input.path('$')) { \"stage\": \"$root.name\", \"user-id\": \"$root.key\" }",
  },
  requestParameters: { 'integration.request.path.stage': 'method.request.querystring.version' },
  cacheNamespace: 'cache namespace',
  cacheKeyParameters: [],
  passthroughBehavior: 'when_no_templates',
  responses: {
    '2\\d{2}': { statusCode: '200', responseParameters: { 'method.response.header.requestId': 'integration.response.header.cid' } },
    302: { statusCode: '302', responseParameters: { 'method.response.header.Location': 'integration.response.body.redirect.url' } },
    default: { statusCode: '400', responseParameters: { 'method.response.header.test-method-response-header': "'static value'" } },
  },
};

test('OpenAPI extension: lower-case values, responses keyed by pattern with default', () => {
  assert.equal(detectShape(openapiExt), 'openapi');
  const { integration, warnings } = toCanonical(openapiExt);
  assert.deepEqual(warnings, []);
  assert.equal(integration.type, 'AWS');
  assert.equal(integration.passthroughBehavior, 'WHEN_NO_TEMPLATES');
  assert.deepEqual(integration.integrationResponses[200], {
    statusCode: '200', selectionPattern: '2\\d{2}',
    responseParameters: { 'method.response.header.requestId': 'integration.response.header.cid' },
  });
  assert.equal(integration.integrationResponses[302].selectionPattern, '302');
  assert.equal(integration.integrationResponses[400].selectionPattern, undefined);
  assert.equal(integration.cacheKeyParameters, undefined, 'empty list dropped');
});

test('OpenAPI operation and whole document are unwrapped; origin gives method and path', () => {
  const op = { responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': openapiExt };
  assert.equal(detectShape(op), 'openapi');
  assert.deepEqual(toCanonical(op).integration, toCanonical(openapiExt).integration);
  const doc = { openapi: '3.0.1', paths: { '/pets/{id}': { post: op }, '/x': { get: op } } };
  assert.equal(detectShape(doc), 'openapi');
  const r = toCanonical(doc);
  assert.deepEqual(r.integration, toCanonical(openapiExt).integration);
  assert.deepEqual([r.origin.httpMethod, r.origin.resourcePath], ['POST', '/pets/{id}']);
  assert.match(r.warnings[0], /2 integrations; using POST \/pets\/\{id\}/);
});

const cfnIntegration = {
  Type: 'MOCK',
  PassthroughBehavior: 'WHEN_NO_TEMPLATES',
  RequestTemplates: { 'application/json': '{"statusCode": 200}' },
  IntegrationResponses: [
    { StatusCode: 200, ResponseTemplates: { 'application/json': '{"ok": true}' } },
    { StatusCode: '500', SelectionPattern: '5\\d{2}', ResponseParameters: { 'method.response.header.X': "'y'" } },
  ],
};
const cfnCanonical = {
  type: 'MOCK',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  passthroughBehavior: 'WHEN_NO_TEMPLATES',
  integrationResponses: {
    200: { statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } },
    500: { statusCode: '500', selectionPattern: '5\\d{2}', responseParameters: { 'method.response.header.X': "'y'" } },
  },
};

test('CloudFormation: Integration property, Properties, resource and template all read', () => {
  const props = { HttpMethod: 'get', RestApiId: { Ref: 'Api' }, Integration: cfnIntegration };
  const resource = { Type: 'AWS::ApiGateway::Method', Properties: props };
  const template = { Resources: { Api: { Type: 'AWS::ApiGateway::RestApi' }, M: resource } };
  for (const shape of [cfnIntegration, props, resource, template]) {
    assert.equal(detectShape(shape), 'cloudformation');
    assert.deepEqual(toCanonical(shape).integration, cfnCanonical);
  }
  assert.equal(toCanonical(resource).origin.httpMethod, 'GET');
});

test('CloudFormation intrinsic Uri is kept readable with a warning', () => {
  const r = toCanonical({ Type: 'AWS', IntegrationHttpMethod: 'POST', Uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/x' } });
  assert.equal(r.integration.uri, 'arn:aws:apigateway:${AWS::Region}:lambda:path/x');
  assert.match(r.warnings[0], /Uri: Fn::Sub kept literally/);
});

test('bad input gives an error naming the field', () => {
  const cases = [
    [{ type: 'SOAP' }, /type: unknown value "SOAP"/],
    [{ type: 'MOCK', requestTemplates: { 'application/json': 42 } }, /requestTemplates\["application\/json"\]: expected a string, got number 42/],
    [{ type: 'MOCK', integrationResponses: 'none' }, /integrationResponses: expected an object keyed by status code/],
    [{ type: 'MOCK', integrationResponses: [{ selectionPattern: 'x' }] }, /integrationResponses\[0\]\.statusCode: missing/],
    [{ type: 'MOCK', integrationResponses: { 200: { statusCode: '200', selectionPattern: '(' } } }, /integrationResponses\["200"\]\.selectionPattern: invalid regular expression "\("/],
    [{ type: 'MOCK', integrationResponses: { abc: {} } }, /integrationResponses\["abc"\]: expected an HTTP status code/],
    [{ type: 'MOCK', timeoutInMillis: 10 }, /timeoutInMillis: must be between 50 and 29000/],
    [{ type: 'MOCK', passthroughBehavior: 'SOMETIMES' }, /passthroughBehavior: unknown value/],
    [{ Type: 'MOCK', IntegrationResponses: { StatusCode: 200 } }, /IntegrationResponses: expected a list/],
    [{ Type: 'MOCK', IntegrationResponses: [{ SelectionPattern: 'x' }] }, /IntegrationResponses\[0\]\.StatusCode: missing/],
    [{ 'x-amazon-apigateway-integration': { type: 'mock', responses: { default: { responseTemplates: {} } } } },
      /x-amazon-apigateway-integration\.responses\["default"\]\.statusCode: missing/],
    [{ 'x-amazon-apigateway-integration': { $ref: '#/components/x' } }, /\$ref: references are not followed/],
    [{ hello: 'world' }, /not a recognised shape/],
    [[1, 2], /expected an object, got a list/],
    [{ Type: 'AWS::ApiGateway::Method' }, /Properties: missing/],
  ];
  for (const [input, re] of cases) {
    assert.throws(() => toCanonical(input), re, JSON.stringify(input));
  }
});

test('Java-only regex syntax is left to the evaluator with a warning', () => {
  const r = toCanonical({ type: 'MOCK', integrationResponses: { 400: { statusCode: '400', selectionPattern: '(?i)bad.*' } } });
  assert.equal(r.integration.integrationResponses[400].selectionPattern, '(?i)bad.*');
  assert.match(r.warnings[0], /Java-only regex syntax/);
});

test('status codes given as numbers become strings; duplicates warn', () => {
  const r = toCanonical({ Type: 'MOCK', IntegrationResponses: [{ StatusCode: 200 }, { StatusCode: 200, SelectionPattern: 'x' }] });
  assert.deepEqual(r.integration.integrationResponses, { 200: { statusCode: '200' } });
  assert.match(r.warnings[0], /second response for status 200 ignored/);
});

test('lower-case type in GetIntegration JSON is accepted with a warning', () => {
  const r = toCanonical({ type: 'MOCK', passthroughBehavior: 'when_no_match', integrationResponses: {} });
  assert.equal(r.integration.passthroughBehavior, 'WHEN_NO_MATCH');
  assert.equal(r.warnings.length, 1);
  assert.equal(r.integration.integrationResponses, undefined);
});

test('detectShape returns null for things that are no integration', () => {
  for (const v of [null, 'MOCK', 42, [], {}, { foo: 1 }]) assert.equal(detectShape(v), null);
});

test('parsePasted reads JSON and YAML and reports errors clearly', () => {
  assert.deepEqual(parsePasted(' {"type": "MOCK"} '), { type: 'MOCK' });
  const yaml = 'x-amazon-apigateway-integration:\n  type: mock\n  requestTemplates:\n    application/json: |\n      {"statusCode": 200}\n';
  const v = parsePasted(yaml);
  assert.equal(v['x-amazon-apigateway-integration'].requestTemplates['application/json'], '{"statusCode": 200}\n');
  assert.equal(toCanonical(v).integration.type, 'MOCK');
  assert.throws(() => parsePasted('{"type": }'), /Not valid JSON/);
  assert.throws(() => parsePasted('   '), /empty/);
  assert.throws(() => parsePasted('a: &x 1\nb: *x\n'), /anchors and aliases/);
});

// Seed 003's sample response, verbatim: the raw REST (HAL) output, whose
// integration responses sit under _embedded["integration:responses"].
test('raw GetIntegration HAL output (seed 003) reads the embedded response', () => {
  const raw = JSON.parse(readFileSync(new URL('./fixtures/seed-003-get-integration.json', import.meta.url), 'utf8'));
  assert.equal(detectShape(raw), 'getIntegration');
  const { integration, warnings } = toCanonical(raw);
  assert.deepEqual(warnings, []);
  assert.equal(integration.type, 'AWS');
  assert.equal(integration.requestTemplates['application/json'].split('\n')[1], ' "a": "$input.params(\'operand1\')",');
  assert.deepEqual(Object.keys(integration.integrationResponses), ['200']);
  const r = integration.integrationResponses[200];
  assert.equal(r.selectionPattern, undefined, 'the empty pattern is the default response');
  assert.equal(r.responseParameters['method.response.header.operator'], 'integration.response.body.op');
  assert.ok(r.responseTemplates['application/json'].startsWith("#set($res = $input.path('$'))"));
});

test('null templates and mappings count as none; responses may be a list', () => {
  const { integration } = toCanonical({
    type: 'MOCK',
    requestTemplates: { 'application/json': null },
    integrationResponses: [{ statusCode: 200, responseParameters: { a: null } }],
  });
  assert.deepEqual(integration, { type: 'MOCK', integrationResponses: { 200: { statusCode: '200' } } });
});

test('random junk only ever gives a field-naming Error, never a TypeError', () => {
  let seed = 42;
  const rnd = (n) => { seed = (seed * 48271) % 2147483647; return seed % n; };
  const keys = ['type', 'Type', 'integrationResponses', 'IntegrationResponses', 'responses', 'x-amazon-apigateway-integration',
    'Properties', 'Integration', 'Resources', 'paths', 'openapi', 'statusCode', 'StatusCode', 'selectionPattern',
    'SelectionPattern', 'requestTemplates', 'responseTemplates', 'uri', 'Uri', '_embedded', 'integration:responses',
    'timeoutInMillis', 'default', '200', 'get', 'passthroughBehavior', 'HttpMethod', 'Fn::Sub', 'Ref'];
  const scalars = [null, true, 1, 'MOCK', 'mock', '200', '(', '5\\d{2}', 'AWS::ApiGateway::Method', '', 1e9, -1, 'WHEN_NO_MATCH'];
  const val = (d) => {
    const r = rnd(10);
    if (d > 4 || r < 4) return scalars[rnd(scalars.length)];
    if (r < 8) {
      const o = {};
      for (let i = rnd(4); i >= 0; i--) o[keys[rnd(keys.length)]] = val(d + 1);
      return o;
    }
    return Array.from({ length: rnd(3) }, () => val(d + 1));
  };
  for (let i = 0; i < 30000; i++) {
    const v = val(0);
    try {
      toCanonical(v);
    } catch (e) {
      assert.equal(e.constructor, Error, `${e.message} for ${JSON.stringify(v)}`);
      assert.match(e.message, /: /);
    }
  }
});
