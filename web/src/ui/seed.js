// The first-load state when nothing is saved: the MOCK integration from
// AWS's guide page "Set up mock integrations in API Gateway"
// (shared/seeds/000_*.txt), with the request that takes the 200 branch.

export const SEED_REQUEST_TEMPLATE = `{
  #if( $input.params('scope') == "internal" )
    "statusCode": 200
  #else
    "statusCode": 500
  #end
}`;

export function seedState() {
  return {
    integration: {
      type: 'MOCK',
      requestTemplates: { 'application/json': SEED_REQUEST_TEMPLATE },
      passthroughBehavior: 'WHEN_NO_MATCH',
      integrationResponses: {
        200: {
          statusCode: '200',
          responseTemplates: {
            'application/json': '{\n    "statusCode": 200,\n    "message": "Go ahead without me."\n}',
          },
        },
        500: {
          statusCode: '500',
          selectionPattern: '5\\d{2}',
          responseTemplates: {
            'application/json':
              '{\n    "statusCode": 500,\n    "message": "The invoked method is not supported on the API resource."\n}',
          },
        },
      },
    },
    request: {
      httpMethod: 'GET',
      path: '/',
      resourcePath: '/',
      headers: { Accept: 'application/json' },
      multiValueHeaders: { Accept: ['application/json'] },
      queryStringParameters: { scope: 'internal' },
      multiValueQueryStringParameters: { scope: ['internal'] },
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: { stage: 'test' },
    },
    options: {},
  };
}
