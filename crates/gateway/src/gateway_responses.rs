//! API Gateway's own error responses (supported-gateway-response-types.md):
//! status, a `{"message": ...}` body and the `x-amzn-ErrorType` header.
//! Body layout `{"message": "..."}` with a space, as recorded in
//! toqoz-2015-122ff6ce.

#[derive(Clone, Debug, PartialEq)]
pub enum GatewayError {
    /// Template failure or integration misconfiguration (DEFAULT_5XX).
    InternalServerError,
    /// Malformed Lambda proxy response, Lambda invocation failure (502).
    BadGateway,
    /// UNSUPPORTED_MEDIA_TYPE (415).
    UnsupportedMediaType,
    /// The payload could not be read as JSON (400, message as AWS words it).
    BadRequestBody(String),
}

pub struct ErrorResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

pub fn response(e: &GatewayError) -> ErrorResponse {
    let (status, message, error_type) = match e {
        GatewayError::InternalServerError => (
            500,
            "Internal server error".to_string(),
            "InternalServerErrorException",
        ),
        GatewayError::BadGateway => (
            502,
            "Internal server error".to_string(),
            "InternalServerErrorException",
        ),
        GatewayError::UnsupportedMediaType => (
            415,
            "Unsupported Media Type".to_string(),
            "UnsupportedMediaTypeException",
        ),
        GatewayError::BadRequestBody(m) => (400, m.clone(), "BadRequestException"),
    };
    ErrorResponse {
        status,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("x-amzn-ErrorType".into(), error_type.into()),
        ],
        body: format!(
            "{{\"message\": {}}}",
            serde_json::to_string(&message).unwrap_or_default()
        ),
    }
}
