//! The integration as API Gateway stores it (the GetIntegration resource),
//! whichever of the three input shapes it came from.

pub mod shapes;
pub mod validate;

use indexmap::IndexMap;

/// `Integration.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntegrationType {
    Mock,
    Http,
    HttpProxy,
    Aws,
    AwsProxy,
}

impl IntegrationType {
    pub fn parse(s: &str) -> Option<IntegrationType> {
        // OpenAPI spells the types in lower case ("mock", "http_proxy");
        // the API and CloudFormation in upper case. Both are accepted.
        match s.to_ascii_uppercase().as_str() {
            "MOCK" => Some(IntegrationType::Mock),
            "HTTP" => Some(IntegrationType::Http),
            "HTTP_PROXY" => Some(IntegrationType::HttpProxy),
            "AWS" => Some(IntegrationType::Aws),
            "AWS_PROXY" => Some(IntegrationType::AwsProxy),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationType::Mock => "MOCK",
            IntegrationType::Http => "HTTP",
            IntegrationType::HttpProxy => "HTTP_PROXY",
            IntegrationType::Aws => "AWS",
            IntegrationType::AwsProxy => "AWS_PROXY",
        }
    }
    pub fn is_proxy(self) -> bool {
        matches!(self, IntegrationType::HttpProxy | IntegrationType::AwsProxy)
    }
}

/// `Integration.passthroughBehavior` (default WHEN_NO_MATCH, as the
/// GetIntegration snapshot in ls-mock-cdk-unquoted-statuscode-* shows).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PassthroughBehavior {
    #[default]
    WhenNoMatch,
    WhenNoTemplates,
    Never,
}

impl PassthroughBehavior {
    pub fn parse(s: &str) -> Option<PassthroughBehavior> {
        match s.to_ascii_uppercase().as_str() {
            "WHEN_NO_MATCH" => Some(PassthroughBehavior::WhenNoMatch),
            "WHEN_NO_TEMPLATES" => Some(PassthroughBehavior::WhenNoTemplates),
            "NEVER" => Some(PassthroughBehavior::Never),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PassthroughBehavior::WhenNoMatch => "WHEN_NO_MATCH",
            PassthroughBehavior::WhenNoTemplates => "WHEN_NO_TEMPLATES",
            PassthroughBehavior::Never => "NEVER",
        }
    }
}

/// `contentHandling` on the integration and on integration responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentHandling {
    ConvertToBinary,
    ConvertToText,
}

impl ContentHandling {
    pub fn parse(s: &str) -> Option<ContentHandling> {
        match s {
            "CONVERT_TO_BINARY" => Some(ContentHandling::ConvertToBinary),
            "CONVERT_TO_TEXT" => Some(ContentHandling::ConvertToText),
            _ => None,
        }
    }
}

/// One `IntegrationResponse`.
#[derive(Clone, Debug, Default)]
pub struct IntegrationResponse {
    /// The method response status this integration response maps to.
    pub status_code: String,
    /// `None` or `Some("")`: the default response.
    pub selection_pattern: Option<String>,
    pub response_templates: IndexMap<String, String>,
    pub response_parameters: IndexMap<String, String>,
    /// Raw value as given; validated by `validate`.
    pub content_handling: Option<String>,
    /// Where this response came from in the input, for messages
    /// ("integrationResponses.200", "responses.default", "IntegrationResponses[0]").
    pub origin: String,
}

impl IntegrationResponse {
    /// The default response is the one with no (or an empty) selection
    /// pattern (api-gateway-integration-settings-integration-response.md).
    pub fn is_default(&self) -> bool {
        self.selection_pattern.as_deref().is_none_or(str::is_empty)
    }
}

/// Which of the three input shapes the integration was given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    GetIntegration,
    OpenApi,
    CloudFormation,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::GetIntegration => "GetIntegration",
            Shape::OpenApi => "OpenAPI x-amazon-apigateway-integration",
            Shape::CloudFormation => "CloudFormation Integration",
        }
    }
}

/// The integration, normalised. Field values are kept as given (strings)
/// where AWS validates them, so that validation can quote them back.
#[derive(Clone, Debug)]
pub struct Integration {
    pub shape: Shape,
    /// Raw `type` as given (validated into `kind`).
    pub type_raw: Option<String>,
    pub kind: IntegrationType,
    pub http_method: Option<String>,
    pub uri: Option<String>,
    pub request_parameters: IndexMap<String, String>,
    pub request_templates: IndexMap<String, String>,
    pub passthrough_raw: Option<String>,
    pub passthrough_behavior: PassthroughBehavior,
    pub content_handling: Option<String>,
    pub timeout_in_millis: Option<i64>,
    pub integration_responses: Vec<IntegrationResponse>,
}

impl Integration {
    /// Parse any of the three shapes (see [`shapes`]). Unknown fields are
    /// ignored; a field of the wrong JSON type is an error naming it.
    pub fn from_json(v: &serde_json::Value) -> Result<Integration, ShapeError> {
        shapes::parse(v)
    }

    /// A Lambda function behind a non-proxy `AWS` integration: its
    /// selection patterns match the function's `errorMessage`, not a status
    /// code (handle-errors-in-lambda-integration.md).
    pub fn is_lambda(&self) -> bool {
        matches!(self.kind, IntegrationType::Aws | IntegrationType::AwsProxy)
            && self
                .uri
                .as_deref()
                .is_some_and(|u| u.contains(":lambda:path") && u.contains("/functions/"))
    }

    /// `content_handling` parsed (validation reports bad values).
    pub fn content_handling(&self) -> Option<ContentHandling> {
        self.content_handling
            .as_deref()
            .and_then(ContentHandling::parse)
    }
}

/// The integration could not be read: which field, what was expected.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
