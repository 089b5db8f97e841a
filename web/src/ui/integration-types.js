// The five integration types the playground simulates, and what switching
// between them changes (defaults a user would otherwise have to look up).

export const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:my-function/invocations';
export const HTTP_URI = 'https://backend.example.com/pets';

export const INTEGRATION_TYPES = [
  { type: 'MOCK', label: 'MOCK', hint: 'MOCK: API Gateway answers by itself. The request template prints the status code (e.g. {"statusCode": 200}) that picks the integration response.' },
  { type: 'HTTP', label: 'HTTP', hint: 'HTTP (custom): the request template builds the backend request; selection patterns match the backend’s status code; response templates shape its answer.' },
  { type: 'HTTP_PROXY', label: 'HTTP_PROXY', hint: 'HTTP_PROXY: request and response pass through unchanged; no mapping templates apply.' },
  { type: 'AWS', label: 'AWS (Lambda)', hint: 'AWS (Lambda custom): the request template builds the event; selection patterns match the function’s errorMessage.' },
  { type: 'AWS_PROXY', label: 'AWS_PROXY', hint: 'AWS_PROXY (Lambda proxy): the function gets the whole request as an event and returns {statusCode, headers, body}.' },
];

export function isLambdaIntegration(integration) {
  if (integration.type === 'AWS_PROXY') return true;
  return integration.type === 'AWS' && /:lambda:path\//.test(integration.uri || '');
}

/** Mutates the page state for a new integration type. */
export function switchIntegrationType(state, type) {
  const i = state.integration;
  const was = i.type;
  i.type = type;
  if (type === 'MOCK') {
    delete i.uri;
    delete i.httpMethod;
    return;
  }
  const wasLambda = was === 'AWS' || was === 'AWS_PROXY';
  const wantsLambda = type === 'AWS' || type === 'AWS_PROXY';
  if (!i.uri || wasLambda !== wantsLambda) i.uri = wantsLambda ? LAMBDA_URI : HTTP_URI;
  // Lambda is always invoked with POST (AWS guide: Lambda integrations).
  if (wantsLambda) i.httpMethod = 'POST';
  else if (!i.httpMethod) i.httpMethod = 'GET';
  state.options = state.options || {};
  const b = state.options.backend;
  const lambdaShaped = b && ('payload' in b || 'errorMessage' in b);
  if (!b || lambdaShaped !== isLambdaIntegration(i)) state.options.backend = defaultBackend(i);
}

export function defaultBackend(integration) {
  if (integration.type === 'AWS_PROXY') {
    return { payload: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"message": "Hello from Lambda"}' } };
  }
  if (isLambdaIntegration(integration)) return { payload: { message: 'Hello from Lambda' } };
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"id": 42, "name": "Rex"}' };
}

/**
 * The backend answer the page shows and sends: the saved one when it fits
 * the integration (Lambda-shaped for Lambda, HTTP-shaped otherwise), else
 * the default for the type, so what is on screen is what runs.
 */
export function effectiveBackend(state) {
  const integration = state.integration || {};
  if (integration.type === 'MOCK') return undefined;
  const b = state.options?.backend;
  const lambdaShaped = b && typeof b === 'object' && ('payload' in b || 'errorMessage' in b || 'errorType' in b);
  if (b && typeof b === 'object' && lambdaShaped === isLambdaIntegration(integration)) return b;
  return defaultBackend(integration);
}
