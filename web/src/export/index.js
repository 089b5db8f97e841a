// The export toolbox in one import for the playground.
//
//   import { toCanonical, detectShape, parsePasted, EXPORT_FORMATS, exportAs } from './export/index.js';
//   exportAs('terraform', integration, request) -> text
//
// EXPORT_FORMATS: [{ id, label, language, generate(integration, request) }]
// (language is a hint for syntax highlighting: json, yaml, hcl, shell).
// generate/exportAs accept any shape toCanonical reads (the page's state as
// edited, e.g. with an empty selectionPattern or empty maps) and canonicalise
// it first; they throw toCanonical's field-naming Error for invalid input.
// The to* generators themselves expect a canonical integration.

export { detectShape, toCanonical, parsePasted, PASTE_FORMATS, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS, CONTENT_HANDLINGS } from './shapes.js';
export { toGetIntegrationJson } from './getintegration.js';
export { toOpenApi, toOpenApiDocument } from './openapi.js';
export { toCloudFormation, toCloudFormationResource } from './cloudformation.js';
export { toTerraform, hclString, hclHeredoc } from './terraform.js';
export { toAwsCli, shellQuote } from './awscli.js';
export { parseYaml, toYaml } from './yaml.js';

import { toCanonical } from './shapes.js';
import { toGetIntegrationJson } from './getintegration.js';
import { toOpenApi } from './openapi.js';
import { toCloudFormation } from './cloudformation.js';
import { toTerraform } from './terraform.js';
import { toAwsCli } from './awscli.js';

const canonical = (integration) => toCanonical(integration).integration;

export const EXPORT_FORMATS = [
  { id: 'getIntegration', label: 'GetIntegration JSON', language: 'json', generate: (i) => toGetIntegrationJson(canonical(i)) },
  { id: 'openapi-yaml', label: 'OpenAPI 3 (YAML)', language: 'yaml', generate: (i, r) => toOpenApi(canonical(i), r, { format: 'yaml' }) },
  { id: 'openapi-json', label: 'OpenAPI 3 (JSON)', language: 'json', generate: (i, r) => toOpenApi(canonical(i), r, { format: 'json' }) },
  { id: 'cloudformation', label: 'CloudFormation (YAML)', language: 'yaml', generate: (i, r) => toCloudFormation(canonical(i), r) },
  { id: 'terraform', label: 'Terraform', language: 'hcl', generate: (i, r) => toTerraform(canonical(i), r) },
  { id: 'awscli', label: 'AWS CLI', language: 'shell', generate: (i, r) => toAwsCli(canonical(i), r) },
];

export function exportAs(id, integration, request) {
  const f = EXPORT_FORMATS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown export format ${JSON.stringify(id)}; expected one of ${EXPORT_FORMATS.map((x) => x.id).join(', ')}`);
  return f.generate(integration, request);
}
