import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  toCanonical, parsePasted, toGetIntegrationJson, toOpenApi, toCloudFormation, toTerraform, toAwsCli,
  hclString, hclHeredoc, shellQuote, EXPORT_FORMATS, exportAs,
} from '../src/export/index.js';

// Small example: the seed's MOCK (seed 000), one header mapping.
const small = {
  type: 'MOCK',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  integrationResponses: {
    200: {
      statusCode: '200',
      responseTemplates: { 'application/json': '{\n  "message": "Go ahead without me."\n}\n' },
      responseParameters: { 'method.response.header.X-Scope': "'internal'" },
    },
    500: { statusCode: '500', selectionPattern: '5\\d{2}' },
  },
};
const request = { httpMethod: 'GET', resourcePath: '/pets' };

// Templates that break naive exporters.
const TRICKY = [
  'it\'s "quoted" \\ backslash',
  '${notTerraform} and %{ if x } and $${already}',
  'line one\nline two\n',
  'no final newline\n  indented',
  '\n\nleading blank lines',
  "#set($m = \"${'$'}\")\n'single' \"double\"\t tab\nEOF\nEOT\n",
  'ends with two newlines\n\n',
  'carriage\r\nreturn',
  '',
];

const rich = {
  type: 'AWS',
  httpMethod: 'POST',
  uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:F/invocations',
  credentials: 'arn:aws:iam::123456789012:role/apigw',
  requestParameters: { 'integration.request.header.X-Id': 'method.request.querystring.id', 'integration.request.header.Static': "'it''s'" },
  requestTemplates: Object.fromEntries(TRICKY.map((t, i) => [`application/t${i}`, t])),
  passthroughBehavior: 'NEVER',
  contentHandling: 'CONVERT_TO_TEXT',
  timeoutInMillis: 5000,
  integrationResponses: {
    200: { statusCode: '200', responseTemplates: { 'application/json': TRICKY[5] } },
    404: { statusCode: '404', selectionPattern: 'Not found.*', responseParameters: { 'method.response.header.A': "'b'" } },
    500: { statusCode: '500', selectionPattern: '-.+', contentHandling: 'CONVERT_TO_BINARY' },
  },
};

test('canonical -> OpenAPI (YAML and JSON) -> toCanonical is the identity', () => {
  for (const integration of [small, rich]) {
    for (const format of ['yaml', 'json']) {
      const text = toOpenApi(integration, request, { format });
      const back = toCanonical(parsePasted(text));
      assert.deepEqual(back.integration, integration, format);
      assert.deepEqual(back.warnings, []);
      assert.equal(back.origin.httpMethod, 'GET');
      assert.equal(back.origin.resourcePath, '/pets');
    }
  }
});

test('canonical -> CloudFormation YAML -> toCanonical is the identity', () => {
  for (const integration of [small, rich]) {
    const back = toCanonical(parsePasted(toCloudFormation(integration, request)));
    assert.deepEqual(back.integration, integration);
    assert.equal(back.origin.httpMethod, 'GET');
  }
});

test('canonical -> GetIntegration JSON -> toCanonical is the identity', () => {
  for (const integration of [small, rich]) {
    assert.deepEqual(toCanonical(JSON.parse(toGetIntegrationJson(integration))).integration, integration);
  }
});

test('OpenAPI output has lower-case values, default response and declared parameters', () => {
  const doc = JSON.parse(toOpenApi(rich, { httpMethod: 'post', resourcePath: '/items/{id}' }, { format: 'json' }));
  const op = doc.paths['/items/{id}'].post;
  const x = op['x-amazon-apigateway-integration'];
  assert.equal(doc.openapi, '3.0.1');
  assert.equal(x.type, 'aws');
  assert.equal(x.passthroughBehavior, 'never');
  assert.deepEqual(Object.keys(x.responses).sort(), ['-.+', 'Not found.*', 'default']);
  assert.equal(x.responses.default.statusCode, '200');
  assert.deepEqual(op.parameters.map((p) => `${p.in}:${p.name}`), ['path:id', 'query:id']);
  assert.deepEqual(Object.keys(op.responses), ['200', '404', '500']);
  assert.deepEqual(op.responses[404].headers, { A: { schema: { type: 'string' } } });
  assert.throws(() => toOpenApi(small, request, { format: 'xml' }), /unknown format "xml"/);
});

const TERRAFORM_SMALL = `# GET /pets, exported by mockgate.
# aws_api_gateway_rest_api.api, aws_api_gateway_resource.resource and
# aws_api_gateway_method.method stand for your own resources.

resource "aws_api_gateway_integration" "integration" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.resource.id
  http_method = aws_api_gateway_method.method.http_method
  type        = "MOCK"

  request_templates = {
    "application/json" = "{\\"statusCode\\": 200}"
  }
}

resource "aws_api_gateway_method_response" "response_200" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.resource.id
  http_method = aws_api_gateway_method.method.http_method
  status_code = "200"

  response_parameters = {
    "method.response.header.X-Scope" = false
  }
}

resource "aws_api_gateway_integration_response" "response_200" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.resource.id
  http_method = aws_api_gateway_method.method.http_method
  status_code = aws_api_gateway_method_response.response_200.status_code

  response_parameters = {
    "method.response.header.X-Scope" = "'internal'"
  }

  response_templates = {
    "application/json" = <<EOF
{
  "message": "Go ahead without me."
}
EOF
  }

  depends_on = [aws_api_gateway_integration.integration]
}

resource "aws_api_gateway_method_response" "response_500" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.resource.id
  http_method = aws_api_gateway_method.method.http_method
  status_code = "500"
}

resource "aws_api_gateway_integration_response" "response_500" {
  rest_api_id       = aws_api_gateway_rest_api.api.id
  resource_id       = aws_api_gateway_resource.resource.id
  http_method       = aws_api_gateway_method.method.http_method
  status_code       = aws_api_gateway_method_response.response_500.status_code
  selection_pattern = "5\\\\d{2}"

  depends_on = [aws_api_gateway_integration.integration]
}
`;

test('Terraform: exact text for the small example', () => {
  assert.equal(toTerraform(small, request), TERRAFORM_SMALL);
});

// What HCL makes of a heredoc / quoted string, per the HCL native syntax
// spec: heredocs take text literally up to the marker line (the newline
// before it included), `$${` and `%%{` are the literal `${` and `%{`;
// quoted strings also read backslash escapes. chomp() drops trailing newlines.
function unescapeTemplate(s) {
  // Any "${" / "%{" left that is not part of an escape would be interpolation.
  const bare = s.replace(/\$\$\{|%%\{/g, '');
  assert.doesNotMatch(bare, /\$\{|%\{/, `unescaped template sequence in ${JSON.stringify(s)}`);
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function readHcl(expr) {
  let m = /^chomp\(<<(\w+)\n([\s\S]*)\n\1\n\)$/.exec(expr);
  if (m) return unescapeTemplate(m[2] + '\n').replace(/(\r\n|\n)+$/, '');
  m = /^<<(\w+)\n([\s\S]*)\1$/.exec(expr);
  if (m) {
    assert.ok(!m[2].slice(0, -1).split('\n').some((l) => l.trim() === m[1]), 'marker inside the body');
    return unescapeTemplate(m[2]);
  }
  assert.match(expr, /^"([^"\\\n]|\\.)*"$/);
  const raw = expr.slice(1, -1);
  const unescaped = raw.replace(/\\(u[0-9a-f]{4}|.)/g, (_, e) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16))
    : { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[e]));
  return unescapeTemplate(unescaped);
}

test('Terraform escaping: every tricky template reads back exactly', () => {
  for (const t of TRICKY) {
    const expr = t.includes('\n') && !t.includes('\r') ? hclHeredoc(t) : hclString(t);
    assert.equal(readHcl(expr), t, JSON.stringify(t));
  }
  assert.equal(hclString('${a} %{b} "c" \\'), '"$${a} %%{b} \\"c\\" \\\\"');
  assert.equal(hclHeredoc('x\nEOF\n'), '<<EOT\nx\nEOF\nEOT');
  assert.equal(hclHeredoc('a\nb'), 'chomp(<<EOF\na\nb\nEOF\n)');
  const tf = toTerraform(rich, request);
  assert.ok(tf.includes('"application/t1" = "$${notTerraform} and %%{ if x } and $$${already}"'));
  assert.ok(tf.includes('"application/t7" = "carriage\\r\\nreturn"'));
  assert.ok(tf.includes('"application/t5" = <<EOF2\n'), 'a body holding EOF and EOT lines gets another marker');
  assert.ok(tf.includes('selection_pattern = "-.+"'));
  assert.ok(tf.includes('timeout_milliseconds    = 5000'));
  assert.equal(tf.match(/depends_on = \[aws_api_gateway_integration\.integration\]/g).length, 3);
});

const CLI_SMALL = `# GET /pets, exported by mockgate. Set the ids of your API and resource:
REST_API_ID=REPLACE_WITH_REST_API_ID
RESOURCE_ID=REPLACE_WITH_RESOURCE_ID

aws apigateway put-integration \\
  --rest-api-id "$REST_API_ID" \\
  --resource-id "$RESOURCE_ID" \\
  --http-method GET \\
  --type MOCK \\
  --request-templates '{"application/json":"{\\"statusCode\\": 200}"}'

aws apigateway put-method-response \\
  --rest-api-id "$REST_API_ID" \\
  --resource-id "$RESOURCE_ID" \\
  --http-method GET \\
  --status-code 200 \\
  --response-parameters '{"method.response.header.X-Scope":false}'

aws apigateway put-integration-response \\
  --rest-api-id "$REST_API_ID" \\
  --resource-id "$RESOURCE_ID" \\
  --http-method GET \\
  --status-code 200 \\
  --response-parameters '{"method.response.header.X-Scope":"'\\''internal'\\''"}' \\
  --response-templates '{"application/json":"{\\n  \\"message\\": \\"Go ahead without me.\\"\\n}\\n"}'

aws apigateway put-method-response \\
  --rest-api-id "$REST_API_ID" \\
  --resource-id "$RESOURCE_ID" \\
  --http-method GET \\
  --status-code 500

aws apigateway put-integration-response \\
  --rest-api-id "$REST_API_ID" \\
  --resource-id "$RESOURCE_ID" \\
  --http-method GET \\
  --status-code 500 \\
  --selection-pattern '5\\d{2}'
`;

test('AWS CLI: exact text for the small example', () => {
  assert.equal(toAwsCli(small, request), CLI_SMALL);
});

test('AWS CLI quoting survives a real shell: arguments arrive exactly', () => {
  // Replace "aws" with a function that prints its arguments NUL-separated,
  // run the script in bash, and compare with what the CLI must receive.
  const script = toAwsCli(rich, request);
  const printer = 'aws() { for a in "$@"; do printf "%s\\0" "$a"; done; printf "\\1"; }\n';
  const out = execFileSync('bash', ['-c', printer + script], { encoding: 'utf8' });
  const calls = out.split('\u0001').filter(Boolean).map((c) => c.split('\0').slice(0, -1));
  assert.equal(calls.length, 1 + 2 * 3);
  const put = calls[0];
  const arg = (call, name) => {
    const i = call.indexOf(`--${name}`);
    if (i >= 0) return call[i + 1];
    return call.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  assert.deepEqual(put.slice(0, 2), ['apigateway', 'put-integration']);
  assert.equal(arg(put, 'rest-api-id'), 'REPLACE_WITH_REST_API_ID');
  assert.deepEqual(JSON.parse(arg(put, 'request-templates')), rich.requestTemplates);
  assert.deepEqual(JSON.parse(arg(put, 'request-parameters')), rich.requestParameters);
  assert.equal(arg(put, 'uri'), rich.uri);
  assert.equal(arg(put, 'timeout-in-millis'), '5000');
  const ir200 = calls[2];
  assert.deepEqual(JSON.parse(arg(ir200, 'response-templates')), rich.integrationResponses[200].responseTemplates);
  const ir500 = calls[6];
  assert.ok(ir500.includes('--selection-pattern=-.+'), 'a leading "-" is attached with "="');
  assert.equal(arg(ir500, 'content-handling'), 'CONVERT_TO_BINARY');
});

test('shellQuote', () => {
  assert.equal(shellQuote('GET'), 'GET');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.equal(shellQuote('$HOME `x` "y"'), "'$HOME `x` \"y\"'");
});

test('every export format runs on both examples; exportAs rejects unknown ids', () => {
  for (const f of EXPORT_FORMATS) {
    for (const integration of [small, rich]) {
      const text = exportAs(f.id, integration, request);
      assert.equal(typeof text, 'string');
      assert.ok(text.endsWith('\n'));
    }
  }
  assert.throws(() => exportAs('pulumi', small, request), /unknown export format "pulumi"/);
});

test('no request: exports default to GET /', () => {
  assert.match(toTerraform(small), /^# GET \/, exported/);
  assert.ok(toCloudFormation(small).includes('HttpMethod: GET'));
  assert.ok(toOpenApi(small).includes('\n  /:\n    get:\n'));
});

test('EXPORT_FORMATS canonicalise the page state first (empty pattern = default, other shapes)', () => {
  const edited = {
    type: 'mock',
    requestTemplates: {},
    integrationResponses: { 200: { statusCode: '200', selectionPattern: '', responseTemplates: {} } },
  };
  const openapi = exportAs('openapi-json', edited, request);
  assert.deepEqual(Object.keys(JSON.parse(openapi).paths['/pets'].get['x-amazon-apigateway-integration'].responses), ['default']);
  assert.doesNotMatch(exportAs('terraform', edited, request), /selection_pattern|request_templates/);
  const cfnShaped = { Type: 'MOCK', IntegrationResponses: [{ StatusCode: 200 }] };
  assert.match(exportAs('getIntegration', cfnShaped), /"statusCode": "200"/);
  assert.throws(() => exportAs('awscli', { type: 'SOAP' }, request), /type: unknown value "SOAP"/);
});

test('CloudFormation: a Uri with ${} placeholders round-trips through !Sub', () => {
  const text = toCloudFormation({ type: 'AWS', httpMethod: 'POST', uri: 'arn:aws:apigateway:${AWS::Region}:lambda:path/x' }, request);
  assert.ok(text.includes('Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/x"'));
  const back = toCanonical(parsePasted(text));
  assert.equal(back.integration.uri, 'arn:aws:apigateway:${AWS::Region}:lambda:path/x');
});

test('every example\'s AWS CLI script passes its templates to the CLI exactly', async () => {
  const { EXAMPLES } = await import('../src/examples/index.js');
  const printer = 'aws() { for a in "$@"; do printf "%s\\0" "$a"; done; printf "\\1"; }\n';
  for (const ex of EXAMPLES) {
    const out = execFileSync('bash', ['-c', printer + toAwsCli(ex.integration, ex.request)], { encoding: 'utf8' });
    const calls = out.split('\u0001').filter(Boolean).map((c) => c.split('\0').slice(0, -1));
    const valueOf = (call, name) => {
      const i = call.indexOf(`--${name}`);
      return i >= 0 ? call[i + 1] : call.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    };
    const put = calls.find((c) => c[1] === 'put-integration');
    assert.equal(valueOf(put, 'type'), ex.integration.type, ex.id);
    if (ex.integration.requestTemplates) {
      assert.deepEqual(JSON.parse(valueOf(put, 'request-templates')), ex.integration.requestTemplates, ex.id);
    }
    const responses = calls.filter((c) => c[1] === 'put-integration-response');
    assert.equal(responses.length, Object.keys(ex.integration.integrationResponses).length, ex.id);
    for (const call of responses) {
      const r = ex.integration.integrationResponses[valueOf(call, 'status-code')];
      assert.equal(valueOf(call, 'selection-pattern'), r.selectionPattern, ex.id);
      if (r.responseTemplates) assert.deepEqual(JSON.parse(valueOf(call, 'response-templates')), r.responseTemplates, ex.id);
      if (r.responseParameters) assert.deepEqual(JSON.parse(valueOf(call, 'response-parameters')), r.responseParameters, ex.id);
    }
  }
});

test('every example\'s Terraform holds each template in a form HCL reads back exactly', async () => {
  const { EXAMPLES } = await import('../src/examples/index.js');
  for (const ex of EXAMPLES) {
    const tf = toTerraform(ex.integration, ex.request);
    const templates = [
      ...Object.values(ex.integration.requestTemplates ?? {}),
      ...Object.values(ex.integration.integrationResponses).flatMap((r) => Object.values(r.responseTemplates ?? {})),
    ];
    for (const t of templates) {
      const expr = t.includes('\n') && !/[\x00-\x08\x0b-\x1f\x7f]/.test(t) ? hclHeredoc(t) : hclString(t);
      assert.ok(tf.includes(` = ${expr}\n`), `${ex.id}: ${expr.slice(0, 60)}`);
      assert.equal(readHcl(expr), t, ex.id);
    }
    assert.equal((tf.match(/^resource "aws_api_gateway_integration_response"/gm) ?? []).length,
      Object.keys(ex.integration.integrationResponses).length, ex.id);
  }
});
