// Examples that teach API Gateway mapping templates, one idea each.
//
// API
//   EXAMPLES: Example[]           in menu order; EXAMPLES[0] is the first-load example
//   getExample(id) -> Example | undefined   (a deep copy, safe to edit)
//   makeRequest(parts) -> request           the contract's request shape from a few parts
//
// Example = {
//   id, title,
//   explanation,      2-4 sentences, plain text
//   integration,      canonical (GetIntegration JSON), valid for the contract
//   request,          the contract's request (Lambda proxy event v1.0 shape)
//   options?,         { backend } for non-MOCK types
//   expected,         what API Gateway documents for this request: { statusCode, headers?, bodyIncludes? }
//   models?,          JSON Schema models the example's guide page gives (data only)
//   source,           where the example comes from (guide page or seed)
// }
//
// Every template here is copied from the cited AWS guide page where one
// exists; the rest are written here to show one behaviour each.

/** Build a full request from a few parts (headers and query get their multi-value twins). */
export function makeRequest({
  httpMethod = 'GET', path = '/', resourcePath = path, headers = {}, query = null,
  pathParameters = null, body = null, stageVariables = null,
} = {}) {
  const multi = (m) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [v]])) : null);
  return {
    httpMethod,
    path,
    resourcePath,
    headers,
    multiValueHeaders: multi(headers) ?? {},
    queryStringParameters: query,
    multiValueQueryStringParameters: multi(query),
    pathParameters,
    stageVariables,
    body,
    isBase64Encoded: false,
    requestContext: { stage: 'test' },
  };
}

const JSON_HEADERS = { Accept: 'application/json' };

// ---------------------------------------------------------------- seed MOCK
// Seed 000: "Set up mock integrations in API Gateway" (how-to-mock-integration.md).

const SEED_REQUEST_TEMPLATE = `{
  #if( $input.params('scope') == "internal" )
    "statusCode": 200
  #else
    "statusCode": 500
  #end
}`;

const mockScope = {
  id: 'mock-scope',
  title: 'MOCK: pick 200 or 500 from a query parameter',
  explanation: 'A MOCK integration answers without a backend: its request template only has to print a JSON object with a statusCode. '
    + 'Here the template reads the scope query parameter and prints 200 for internal callers and 500 for everyone else. '
    + 'The 500 is caught by the integration response whose selection pattern is 5\\d{2}; the 200 falls through to the default response. '
    + 'Change scope to public to see the error branch.',
  integration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': SEED_REQUEST_TEMPLATE },
    passthroughBehavior: 'WHEN_NO_MATCH',
    integrationResponses: {
      200: {
        statusCode: '200',
        responseTemplates: { 'application/json': '{\n    "statusCode": 200,\n    "message": "Go ahead without me."\n}' },
      },
      500: {
        statusCode: '500',
        selectionPattern: '5\\d{2}',
        responseTemplates: {
          'application/json': '{\n    "statusCode": 500,\n    "message": "The invoked method is not supported on the API resource."\n}',
        },
      },
    },
  },
  request: makeRequest({ headers: JSON_HEADERS, query: { scope: 'internal' } }),
  options: {},
  expected: { statusCode: 200, bodyIncludes: 'Go ahead without me.' },
  source: 'seed 000 / how-to-mock-integration.md',
};

// ---------------------------------------------------------------- photos
// example-photos.md: original data, input/output models and mapping templates.

const PHOTOS_ORIGINAL = {
  photos: {
    page: 1,
    pages: '1234',
    perpage: 100,
    total: '123398',
    photo: [
      { id: '12345678901', owner: '23456789@A12', secret: 'abc123d456', server: '1234', farm: 1, title: 'Sample photo 1', ispublic: 1, isfriend: 0, isfamily: 0 },
      { id: '23456789012', owner: '34567890@B23', secret: 'bcd234e567', server: '2345', farm: 2, title: 'Sample photo 2', ispublic: 1, isfriend: 0, isfamily: 0 },
    ],
  },
};

const PHOTOS_INPUT_TEMPLATE = `#set($inputRoot = $input.path('$'))
{
  "photos": {
    "page": $inputRoot.photos.page,
    "pages": "$inputRoot.photos.pages",
    "perpage": $inputRoot.photos.perpage,
    "total": "$inputRoot.photos.total",
    "photo": [
#foreach($elem in $inputRoot.photos.photo)
      {
        "id": "$elem.id",
        "owner": "$elem.owner",
        "secret": "$elem.secret",
        "server": "$elem.server",
        "farm": $elem.farm,
        "title": "$elem.title",
        "ispublic": $elem.ispublic,
        "isfriend": $elem.isfriend,
        "isfamily": $elem.isfamily
      }#if($foreach.hasNext),#end
\t\t\t
#end
    ]
  }
}`;

const PHOTOS_OUTPUT_TEMPLATE = `#set($inputRoot = $input.path('$'))
{
  "photos": [
#foreach($elem in $inputRoot.photos.photo)
    {
      "id": "$elem.id",
      "owner": "$elem.owner",
      "title": "$elem.title",
      "ispublic": $elem.ispublic,
      "isfriend": $elem.isfriend,
      "isfamily": $elem.isfamily
    }#if($foreach.hasNext),#end
\t\t
#end
  ]
}`;

const PHOTO_ITEM_PROPERTIES = {
  id: { type: 'string' }, owner: { type: 'string' }, secret: { type: 'string' }, server: { type: 'string' },
  farm: { type: 'integer' }, title: { type: 'string' }, ispublic: { type: 'integer' }, isfriend: { type: 'integer' }, isfamily: { type: 'integer' },
};

const photos = {
  id: 'photos',
  title: 'Photos: input and output mapping templates',
  explanation: 'The photos example from the API Gateway guide: the input template rebuilds the client\'s JSON for the backend with $input.path(\'$\') and #foreach, and the output template keeps only six fields of each photo. '
    + 'The backend here answers with the original photo data, so the client gets the transformed list the guide shows. '
    + 'Look at the integration request to see what the input template sent.',
  integration: {
    type: 'HTTP',
    httpMethod: 'POST',
    uri: 'https://photos.example.com/photos',
    requestTemplates: { 'application/json': PHOTOS_INPUT_TEMPLATE },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    integrationResponses: {
      200: { statusCode: '200', responseTemplates: { 'application/json': PHOTOS_OUTPUT_TEMPLATE } },
    },
  },
  request: makeRequest({
    httpMethod: 'POST', path: '/photos', headers: { 'Content-Type': 'application/json', ...JSON_HEADERS },
    body: JSON.stringify(PHOTOS_ORIGINAL, null, 2),
  }),
  options: { backend: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(PHOTOS_ORIGINAL) } },
  expected: { statusCode: 200, bodyIncludes: '"title": "Sample photo 2"' },
  models: {
    PhotosInputModel: {
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: 'PhotosInputModel',
      type: 'object',
      properties: {
        photos: {
          type: 'object',
          properties: {
            page: { type: 'integer' }, pages: { type: 'string' }, perpage: { type: 'integer' }, total: { type: 'string' },
            photo: { type: 'array', items: { type: 'object', properties: PHOTO_ITEM_PROPERTIES } },
          },
        },
      },
    },
    PhotosOutputModel: {
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: 'PhotosOutputModel',
      type: 'object',
      properties: {
        photos: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' }, owner: { type: 'string' }, title: { type: 'string' },
              ispublic: { type: 'integer' }, isfriend: { type: 'integer' }, isfamily: { type: 'integer' },
            },
          },
        },
      },
    },
  },
  source: 'example-photos.md',
};

// ---------------------------------------------------------------- $input

const inputVariables = {
  id: 'input-variables',
  title: '$input.params, $input.json and $input.path',
  explanation: '$input.params(\'name\') looks a parameter up in the path, then the query string, then the headers; $input.params() gives all three maps. '
    + '$input.json(\'$.customer\') prints a piece of the body as JSON text, while $input.path(\'$.items\') returns it as an object you can call methods on, such as size(). '
    + 'The integration request shows the body this template builds for the backend.',
  integration: {
    type: 'HTTP',
    httpMethod: 'POST',
    uri: 'https://orders.example.com/orders/{orderId}',
    requestParameters: { 'integration.request.path.orderId': 'method.request.path.orderId' },
    requestTemplates: {
      'application/json': `{
  "orderId": "$input.params('orderId')",
  "expand": "$input.params('expand')",
  "tenant": "$input.params('X-Tenant')",
  "queryString": "$input.params().querystring",
  "customer": $input.json('$.customer'),
  "firstSku": "$input.path('$.items[0].sku')",
  "itemCount": $input.path('$.items').size()
}`,
    },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    integrationResponses: {
      200: { statusCode: '200' },
    },
  },
  request: makeRequest({
    httpMethod: 'POST', path: '/orders/1001', resourcePath: '/orders/{orderId}',
    headers: { 'Content-Type': 'application/json', 'X-Tenant': 'acme' },
    query: { expand: 'items' }, pathParameters: { orderId: '1001' },
    body: JSON.stringify({ customer: { name: 'Ann', tier: 'gold' }, items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-7', qty: 1 }] }),
  }),
  options: { backend: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"accepted": true}' } },
  expected: { statusCode: 200, bodyIncludes: '"accepted": true' },
  source: 'api-gateway-mapping-template-reference.md ($input variables)',
};

// ---------------------------------------------------------------- $util

const utilFunctions = {
  id: 'util-functions',
  title: '$util: escapeJavaScript, urlEncode, base64Encode, parseJson',
  explanation: '$util.escapeJavaScript makes a value safe inside a JSON string (it escapes quotes and backslashes, and also single quotes as \\\', which JSON does not accept). '
    + '$util.urlEncode form-encodes (a space becomes +), $util.base64Encode and base64Decode convert to and from Base64, and $util.parseJson turns JSON text into an object. '
    + 'Try a q value with a double quote or an ampersand.',
  integration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: 'WHEN_NO_MATCH',
    integrationResponses: {
      200: {
        statusCode: '200',
        responseTemplates: {
          'application/json': `#set($q = $input.params('q'))
#set($profile = $util.parseJson('{"name": "Ann", "tags": ["admin", "ops"]}'))
{
  "escaped": "$util.escapeJavaScript($q)",
  "urlEncoded": "$util.urlEncode($q)",
  "base64": "$util.base64Encode($q)",
  "roundTrip": "$util.escapeJavaScript($util.base64Decode($util.base64Encode($q)))",
  "name": "$profile.name",
  "firstTag": "$profile.tags[0]",
  "tagCount": $profile.tags.size()
}`,
        },
      },
    },
  },
  request: makeRequest({ path: '/util', headers: JSON_HEADERS, query: { q: 'He said "hi" & left' } }),
  options: {},
  expected: { statusCode: 200, bodyIncludes: '"urlEncoded": "He+said+%22hi%22+%26+left"' },
  source: 'api-gateway-mapping-template-reference.md ($util variables)',
};

// ---------------------------------------------------------------- overrides
// Seed 004 / apigateway-override-request-response-parameters.md.

const responseOverride = {
  id: 'override-response',
  title: 'Override the status code and a header from a response template',
  explanation: 'Setting $context.responseOverride.status in a response template replaces the status code the integration response chose, and $context.responseOverride.header.NAME sets a response header. '
    + 'Here a MOCK that answers 200 is turned into a 201 Created with a Location header. '
    + 'Each override can be set only once per template: API Gateway answers 5XX if you override the same one twice.',
  integration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: 'WHEN_NO_MATCH',
    integrationResponses: {
      200: {
        statusCode: '200',
        responseTemplates: {
          'application/json': `#set($id = 42)
#set($context.responseOverride.status = 201)
#set($context.responseOverride.header.Location = "/items/$id")
{"id": $id, "created": true}`,
        },
      },
    },
  },
  request: makeRequest({ httpMethod: 'POST', path: '/items', headers: { 'Content-Type': 'application/json' }, body: '{"name": "widget"}' }),
  options: {},
  expected: { statusCode: 201, headers: { Location: '/items/42' }, bodyIncludes: '"created": true' },
  source: 'apigateway-override-request-response-parameters.md',
};

const requestOverride = {
  id: 'override-request',
  title: 'Override what is sent to an HTTP backend',
  explanation: '$context.requestOverride.header, .querystring and .path change the integration request after the standard parameter mappings have been applied. '
    + 'Here the template adds a header built from two parameters, sets a query string parameter and rewrites the {id} path parameter of the backend URI. '
    + 'Overrides work only for non-proxy integrations; compare the integration request with the method request.',
  integration: {
    type: 'HTTP',
    httpMethod: 'GET',
    uri: 'https://inventory.example.com/items/{id}',
    requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
    requestTemplates: {
      'application/json': `#set($context.requestOverride.header.X-Request-Origin = "$input.params('X-Client')/$context.stage")
#set($context.requestOverride.querystring.version = "2")
#set($context.requestOverride.path.id = "sku-$input.params('id')")
{}`,
    },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    integrationResponses: { 200: { statusCode: '200' } },
  },
  request: makeRequest({
    path: '/items/42', resourcePath: '/items/{id}', headers: { ...JSON_HEADERS, 'X-Client': 'mobile' }, pathParameters: { id: '42' },
  }),
  options: { backend: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"id": "sku-42", "stock": 7}' } },
  expected: { statusCode: 200, bodyIncludes: '"stock": 7' },
  source: 'apigateway-override-request-response-parameters.md',
};

// ---------------------------------------------------------------- passthrough / 415
// integration-passthrough-behaviors.md, example 1.

const passthrough415 = {
  id: 'passthrough-415',
  title: 'Passthrough behaviour: 415 for an unmapped Content-Type',
  explanation: 'With WHEN_NO_TEMPLATES, a request whose Content-Type has no mapping template is rejected with 415 Unsupported Media Type as soon as at least one template is defined. '
    + 'This integration maps only application/json, and the request sends application/xml. '
    + 'Switch the passthrough behaviour to WHEN_NO_MATCH to pass the XML through untouched, or change the Content-Type to application/json.',
  integration: {
    type: 'HTTP',
    httpMethod: 'POST',
    uri: 'https://legacy.example.com/orders',
    requestTemplates: { 'application/json': '{"order": $input.json(\'$\')}' },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    integrationResponses: { 200: { statusCode: '200' } },
  },
  request: makeRequest({
    httpMethod: 'POST', path: '/orders', headers: { 'Content-Type': 'application/xml' },
    body: '<order><item>A-1</item></order>',
  }),
  options: { backend: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok": true}' } },
  expected: { statusCode: 415, bodyIncludes: 'Unsupported Media Type' },
  source: 'integration-passthrough-behaviors.md',
};

// ---------------------------------------------------------------- Lambda errors
// handle-errors-in-lambda-integration.md; recorded case ls-lambda-selection-pattern-400
// (the more specific pattern wins over .+).

const lambdaErrors = {
  id: 'lambda-errors',
  title: 'Selection patterns on Lambda error messages',
  explanation: 'For a Lambda (AWS) integration, selection patterns are matched against the errorMessage of a failed invocation, not against a status code. '
    + 'The function here fails with "Not found: item 42", which the Not found.* pattern maps to 404; any other error falls to .+ and 500, and a success uses the default 200. '
    + 'The 404 template reads the message with $input.path(\'$.errorMessage\').',
  integration: {
    type: 'AWS',
    httpMethod: 'POST',
    uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetItem/invocations',
    requestTemplates: { 'application/json': '{"itemId": "$input.params(\'id\')"}' },
    passthroughBehavior: 'WHEN_NO_TEMPLATES',
    integrationResponses: {
      200: { statusCode: '200', responseTemplates: { 'application/json': "$input.json('$')" } },
      404: {
        statusCode: '404',
        selectionPattern: 'Not found.*',
        responseTemplates: { 'application/json': '{"error": "$util.escapeJavaScript($input.path(\'$.errorMessage\'))"}' },
      },
      500: {
        statusCode: '500',
        selectionPattern: '.+',
        responseTemplates: { 'application/json': '{"error": "Something went wrong"}' },
      },
    },
  },
  request: makeRequest({ path: '/items/42', resourcePath: '/items/{id}', headers: JSON_HEADERS, pathParameters: { id: '42' } }),
  options: { backend: { errorMessage: 'Not found: item 42', errorType: 'NotFoundError' } },
  expected: { statusCode: 404, bodyIncludes: 'Not found: item 42' },
  source: 'handle-errors-in-lambda-integration.md',
};

// ---------------------------------------------------------------- #foreach

const foreachArray = {
  id: 'foreach-array',
  title: 'Build a JSON array with #foreach',
  explanation: 'A #foreach loop over $input.path(\'$.items\') writes one JSON object per element, and #if($foreach.hasNext) adds the comma between elements but not after the last. '
    + 'Without that check the array ends in a trailing comma, which is not valid JSON. '
    + '$foreach.index counts from 0.',
  integration: {
    type: 'HTTP',
    httpMethod: 'GET',
    uri: 'https://catalog.example.com/items',
    passthroughBehavior: 'WHEN_NO_MATCH',
    integrationResponses: {
      200: {
        statusCode: '200',
        responseTemplates: {
          'application/json': `#set($items = $input.path('$.items'))
{
  "count": $items.size(),
  "names": [
#foreach($item in $items)
    {"position": $foreach.index, "name": "$util.escapeJavaScript($item.name)", "stock": $item.stock}#if($foreach.hasNext),#end

#end
  ]
}`,
        },
      },
    },
  },
  request: makeRequest({ path: '/items', headers: JSON_HEADERS }),
  options: {
    backend: {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ name: 'Kettle', stock: 3 }, { name: 'Toaster "Deluxe"', stock: 0 }, { name: 'Mug', stock: 12 }] }),
    },
  },
  expected: { statusCode: 200, bodyIncludes: '"position": 2' },
  source: 'models-mappings.md',
};

// ---------------------------------------------------------------- CORS preflight
// how-to-cors.md; the request template is what the AWS CDK's
// addCorsPreflight writes ({ statusCode: 200 }, unquoted key).

const corsPreflight = {
  id: 'cors-preflight',
  title: 'MOCK CORS preflight (OPTIONS)',
  explanation: 'Browsers send an OPTIONS preflight before cross-origin requests; a MOCK integration can answer it without a backend. '
    + 'The request template is the one the AWS CDK writes, { statusCode: 200 }, and the Access-Control-Allow-* headers are static response parameter mappings, whose values are quoted with single quotes. '
    + 'Only the headers mapped in the integration response reach the client.',
  integration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{ statusCode: 200 }' },
    passthroughBehavior: 'WHEN_NO_MATCH',
    integrationResponses: {
      200: {
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Headers': "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
          'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET,POST'",
          'method.response.header.Access-Control-Allow-Origin': "'*'",
        },
        responseTemplates: { 'application/json': '' },
      },
    },
  },
  request: makeRequest({
    httpMethod: 'OPTIONS', path: '/items',
    headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'Content-Type' },
  }),
  options: {},
  expected: { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'OPTIONS,GET,POST' } },
  source: 'how-to-cors.md',
};

export const EXAMPLES = [
  mockScope,
  photos,
  inputVariables,
  utilFunctions,
  responseOverride,
  requestOverride,
  passthrough415,
  lambdaErrors,
  foreachArray,
  corsPreflight,
];

export function getExample(id) {
  const ex = EXAMPLES.find((e) => e.id === id);
  return ex ? structuredClone(ex) : undefined;
}
