// The embed's configuration: attributes and children -> the playground's
// state and the editor's tabs (web/src/embed/config.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildConfig, needsShapes, isGetIntegration, parseQueryString, parseHeaders, dedent, templateNames, tabText, withTabText, tabLabel,
} from '../src/embed/config.js';
import { toCanonical } from '../src/embed/shapes.js';

test('the shorthand attributes build a MOCK integration, a request and the tabs', () => {
  const { state, tabs } = buildConfig({
    attrs: {
      template: '{"statusCode": 200}',
      'response-template': '{"hello": "$input.params(\'name\')"}',
      query: 'name=Ada&tag=a&tag=b',
      headers: 'Accept: application/json\nX-Trace: one',
    },
  });
  assert.equal(state.integration.type, 'MOCK');
  assert.deepEqual(state.integration.requestTemplates, { 'application/json': '{"statusCode": 200}' });
  assert.deepEqual(state.integration.integrationResponses['200'], {
    statusCode: '200', responseTemplates: { 'application/json': '{"hello": "$input.params(\'name\')"}' },
  });
  assert.deepEqual(state.request.queryStringParameters, { name: 'Ada', tag: 'b' });
  assert.deepEqual(state.request.multiValueQueryStringParameters, { name: ['Ada'], tag: ['a', 'b'] });
  assert.deepEqual(state.request.headers, { Accept: 'application/json', 'X-Trace': 'one' });
  assert.deepEqual(tabs, ['request:application/json', 'response:200:application/json', 'input']);
});

test('status-pattern adds a second integration response with its selection pattern', () => {
  const { state, tabs } = buildConfig({
    attrs: { template: '{"statusCode": 404}', 'status-pattern': '4\\d{2}', 'error-status': '404', 'error-template': 'gone' },
  });
  assert.deepEqual(state.integration.integrationResponses['404'], {
    statusCode: '404', selectionPattern: '4\\d{2}', responseTemplates: { 'application/json': 'gone' },
  });
  assert.ok(state.integration.integrationResponses['200'], 'a default response exists');
  assert.deepEqual(tabs, ['request:application/json', 'response:404:application/json', 'input']);
});

test('a JSON child in OpenAPI shape becomes canonical; template children and attributes refine it', () => {
  const json = {
    integration: {
      type: 'http', uri: 'https://api.example.com/x', httpMethod: 'POST',
      requestTemplates: { 'application/json': 'old' },
      responses: { default: { statusCode: '200' }, '4\\d{2}': { statusCode: '400', responseTemplates: { 'application/json': 'bad' } } },
    },
    request: { httpMethod: 'PUT' },
  };
  assert.equal(needsShapes({ json }), true);
  assert.throws(() => buildConfig({ json }), /not in GetIntegration shape/);
  const { state, tabs } = buildConfig({
    json,
    templates: [{ spec: 'request', text: '\n    {\n      "a": 1\n    }\n  ' }],
    attrs: { body: '{"x": 1}', 'backend-status': '404' },
    toCanonical,
  });
  assert.equal(state.integration.type, 'HTTP');
  assert.equal(state.integration.requestTemplates['application/json'], '{\n  "a": 1\n}');
  assert.equal(state.integration.integrationResponses['400'].selectionPattern, '4\\d{2}');
  assert.equal(state.request.httpMethod, 'PUT', 'the JSON request method stays');
  assert.equal(state.request.body, '{"x": 1}');
  assert.deepEqual(state.options, { backend: { statusCode: 404 } });
  assert.deepEqual(tabs, ['request:application/json', 'response:400:application/json', 'input', 'backend']);
});

test('a shared playground state is the base, and edit picks the tabs in order', () => {
  const shared = { v: 1, integration: { type: 'MOCK', requestTemplates: { 'application/json': 'a', 'application/xml': 'b' } }, request: { path: '/x' }, options: {} };
  const { state, tabs } = buildConfig({ shared, attrs: { edit: 'input request:application/xml' } });
  assert.equal(state.request.path, '/x');
  assert.deepEqual(tabs, ['input', 'request:application/xml']);
  assert.equal(tabLabel(state, 'request:application/xml', ['request:application/json', 'request:application/xml']), 'Request template · application/xml');
});

test('bad input is an error that names the attribute or field', () => {
  assert.throws(() => buildConfig({ attrs: { type: 'SOAP' } }), /type="SOAP": expected one of MOCK/);
  assert.throws(() => buildConfig({ attrs: { passthrough: 'sometimes' } }), /passthrough="sometimes"/);
  assert.throws(() => buildConfig({ attrs: { status: '2000' } }), /status="2000"/);
  assert.throws(() => buildConfig({ attrs: { query: 'a=%E0%A4%A' } }), /query: "a=%E0%A4%A" is not valid percent-encoding/);
  assert.throws(() => buildConfig({ attrs: { headers: 'no colon here' } }), /headers: "no colon here" is not a "Name: value" line/);
  assert.throws(() => buildConfig({ attrs: { edit: 'response:999' } }), /edit="response:999": "response:999" names no template/);
  assert.throws(() => buildConfig({ json: { integraton: {} } }), /JSON: unknown field "integraton"/);
  assert.throws(() => buildConfig({ json: { integration: { type: 'MOCK', integrationResponses: 5 } }, toCanonical }), /integrationResponses/);
  assert.throws(() => buildConfig({ templates: [{ spec: 'reply', text: 'x' }] }), /data-template="reply"/);
});

test('query strings decode like a URL; headers take JSON too', () => {
  assert.deepEqual(parseQueryString('?a=1+2&b=%C3%A9&c').single, { a: '1 2', b: 'é', c: '' });
  assert.deepEqual(parseHeaders('{"X-Many": ["a", "b"]}').multi, { 'X-Many': ['a', 'b'] });
});

test('dedent removes shared indentation and blank edge lines only', () => {
  assert.equal(dedent('\n    a\n      b\n\n    c\n  '), 'a\n  b\n\nc');
  assert.equal(dedent('\tx\n\t\ty'), 'x\n\ty');
});

test('tab text round-trips; a bad request JSON keeps the old state', () => {
  const { state } = buildConfig({ attrs: { template: 't', query: 'a=1' } });
  const next = withTabText(state, 'request:application/json', 'u');
  assert.equal(tabText(next, 'request:application/json'), 'u');
  assert.equal(tabText(state, 'request:application/json'), 't', 'the old state is untouched');
  assert.throws(() => withTabText(state, 'input', '{"httpMethod": '), /The request is not valid JSON/);
  assert.throws(() => withTabText(state, 'input', '[1]'), /The request must be a JSON object/);
  const edited = withTabText(state, 'input', '{"path": "/p"}');
  assert.deepEqual(edited.request, { path: '/p' });
});

test('templateNames puts request templates first and the default response before the others', () => {
  const names = templateNames({
    requestTemplates: { 'application/json': 'x' },
    integrationResponses: {
      400: { statusCode: '400', selectionPattern: '4\\d{2}', responseTemplates: { 'application/json': 'e' } },
      201: { statusCode: '201', responseTemplates: { 'application/json': 'ok' } },
    },
  });
  assert.deepEqual(names, ['request:application/json', 'response:201:application/json', 'response:400:application/json']);
});

test('an integration as GetIntegration prints it is used as is: toCanonical would change nothing', () => {
  const getIntegration = {
    type: 'HTTP', httpMethod: 'POST', uri: 'https://backend.example.com/', passthroughBehavior: 'NEVER',
    requestTemplates: { 'application/json': '{"a": $input.json(\'$.a\')}' },
    requestParameters: { 'integration.request.header.X-Id': 'method.request.path.id' },
    integrationResponses: {
      200: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } },
      404: { statusCode: '404', selectionPattern: '4\\d{2}', responseParameters: { 'method.response.header.X': "'y'" } },
    },
  };
  for (const [source, value] of [['json', { integration: getIntegration }], ['shared', { v: 1, integration: JSON.stringify(getIntegration) }]]) {
    assert.equal(needsShapes({ [source]: value }), false, source);
    const fast = buildConfig({ [source]: value, attrs: { query: 'a=1' } });
    const read = buildConfig({ [source]: value, attrs: { query: 'a=1' }, toCanonical });
    assert.deepEqual(fast.state, read.state, source);
    assert.deepEqual(fast.tabs, read.tabs, source);
  }
});

test('every other shape needs toCanonical: OpenAPI, CloudFormation, responses as a list, numbers for codes', () => {
  const shapes = [
    { type: 'mock', responses: { default: { statusCode: '200' } } },
    { 'x-amazon-apigateway-integration': { type: 'mock' } },
    { Type: 'MOCK', IntegrationResponses: [{ StatusCode: '200' }] },
    { type: 'MOCK', integrationResponses: [{ statusCode: '200' }] },
    { type: 'MOCK', integrationResponses: { 200: { statusCode: 200 } } },
    { type: 'MOCK', integrationResponses: { 200: { statusCode: '201' } } },
    { type: 'MOCK', requestTemplates: { 'application/json': 5 } },
    { type: 'MOCK', _embedded: {} },
  ];
  for (const integration of shapes) {
    assert.equal(isGetIntegration(integration), false, JSON.stringify(integration));
    assert.equal(needsShapes({ json: { integration } }), true, JSON.stringify(integration));
  }
  // The JSON child's integration wins over the state's, as in buildConfig.
  assert.equal(needsShapes({ shared: { integration: shapes[0] }, json: { integration: { type: 'MOCK' } } }), false);
  assert.equal(needsShapes({ json: { request: {} } }), false);
  assert.equal(needsShapes({}), false);
});
