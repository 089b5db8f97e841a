//! What the server answers from: the API (resources, methods, parsed
//! integrations) and the canned backend answers, loaded together so a
//! reload swaps both at once.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use mockgate_gateway::backend::{self, Backend};
use serde_json::Value;

use super::api::Api;
use crate::data_file;

pub struct Config {
    pub api_file: PathBuf,
    pub backend_file: Option<PathBuf>,
    pub stage: String,
    pub stage_variables: IndexMap<String, String>,
}

pub struct State {
    pub api: Api,
    /// `"GET /pets/{petId}"` -> what the endpoint answers.
    pub backends: IndexMap<String, Backend>,
}

impl State {
    pub fn load(config: &Config) -> Result<State, String> {
        let api = Api::load(&config.api_file)?;
        let backends = match &config.backend_file {
            None => IndexMap::new(),
            Some(f) => load_backends(f)?,
        };
        Ok(State { api, backends })
    }

    /// The canned answer for a method: `METHOD /resource` first, then
    /// `ANY /resource` (the key the method was defined under).
    pub fn backend_for(&self, method: &str, method_key: &str, resource: &str) -> Option<&Backend> {
        self.backends
            .get(&format!("{method} {resource}"))
            .or_else(|| self.backends.get(&format!("{method_key} {resource}")))
            .or_else(|| self.backends.get(&format!("ANY {resource}")))
    }
}

/// The `--backend` file: a map `"METHOD /resource/path"` -> a backend
/// object as in evaluate's `options.backend`.
pub fn load_backends(path: &Path) -> Result<IndexMap<String, Backend>, String> {
    let doc = data_file::read(path).map_err(|e| e.to_string())?;
    let Value::Object(map) = doc else {
        return Err(format!(
            "{}: expected a map of \"METHOD /resource/path\" to backend answers",
            path.display()
        ));
    };
    let mut out = IndexMap::new();
    for (key, v) in map {
        let Some((method, resource)) = key.split_once(' ') else {
            return Err(format!(
                "{}: key \"{key}\": expected \"METHOD /resource/path\" (e.g. \"GET /pets/{{petId}}\")",
                path.display()
            ));
        };
        let resource = resource.trim();
        if !resource.starts_with('/') {
            return Err(format!(
                "{}: key \"{key}\": the resource path must start with /",
                path.display()
            ));
        }
        match backend::parse(&v) {
            Ok(Some(b)) => {
                out.insert(format!("{} {resource}", method.to_ascii_uppercase()), b);
            }
            Ok(None) => {}
            Err(e) => return Err(format!("{}: \"{key}\": {e}", path.display())),
        }
    }
    Ok(out)
}
