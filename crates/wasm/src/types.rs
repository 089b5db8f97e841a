//! TypeScript declarations for the exports' plain-object arguments and
//! results: the shapes `mockgate eval` reads and prints. Fields the
//! contract leaves open are typed loosely on purpose: the core accepts the
//! three integration dialects (GetIntegration, OpenAPI, CloudFormation).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** GetIntegration JSON, an OpenAPI `x-amazon-apigateway-integration` object,
 *  or a CloudFormation `Integration` property: detected from its shape. */
export type Integration = Record<string, unknown>;

/** The Lambda proxy event (v1.0) shape; every field optional. */
export interface GatewayRequest {
  httpMethod?: string;
  path?: string;
  resourcePath?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: Record<string, unknown>;
}

/** What a non-MOCK integration's endpoint answers. */
export type Backend =
  | { statusCode: number; headers?: Record<string, string>; body?: string }
  | { errorMessage: string; errorType?: string }
  | { payload: unknown };

export interface EvaluateOptions {
  backend?: Backend;
  /** false: the trace's template steps leave out their copy of the
   *  provenance (the result's `provenance` keeps it). Default true. */
  traceProvenance?: boolean;
}

export interface Diagnostic {
  severity: "error" | "warning";
  template?: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  message: string;
  /** End of the faulty range (1-based line, column), when known. */
  endLine?: number;
  endColumn?: number;
  /** The faulty range as UTF-16 offsets into the source (what editors use). */
  from?: number;
  to?: number;
  /** checkTemplate/renderTemplate: what failed. */
  kind?: "syntax" | "runtime" | "limit";
}

export interface EvaluateResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  integrationRequest?: {
    method: string;
    uri: string;
    headers: Record<string, string>;
    body: string;
  };
  log: string[];
  trace: Array<{ step: string; [key: string]: unknown }>;
  diagnostics: Diagnostic[];
  /** Which template span produced which span of `body` (target "body") or
   *  of `integrationRequest.body`, as UTF-8 byte ranges [start, end). Only
   *  for a body that is exactly the template's output. */
  provenance: Provenance[];
}

export interface Provenance {
  /** "request:application/json", "response:200:application/json" */
  template: string;
  target: "body" | "integrationRequest.body";
  output: [number, number];
  source: [number, number];
}

/** Run one request through one integration, as API Gateway does. Throws an
 *  Error when an argument is not plain JSON data. */
export function evaluate(integration: Integration, request: GatewayRequest, options?: EvaluateOptions | null): EvaluateResult;

/** `text` is null when the template did not parse or rendering failed;
 *  `diagnostics` then holds the errors (else any warnings). */
export interface RenderResult {
  text: string | null;
  diagnostics: Diagnostic[];
}

/** The method request's parameters for `$input.params()`: name -> value. */
export interface MappingParams {
  path?: Record<string, string>;
  querystring?: Record<string, string>;
  header?: Record<string, string>;
}
"#;
