// Export: the JSON `aws apigateway get-integration` prints (GetIntegration).
//
// API
//   toGetIntegrationJson(integration) -> string   pretty JSON, trailing newline
//
// The canonical model already is GetIntegration JSON; this only fixes the
// layout so the text is stable for diffs and tests.

export function toGetIntegrationJson(integration) {
  return JSON.stringify(integration, null, 2) + '\n';
}
