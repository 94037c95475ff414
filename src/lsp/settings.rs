//! Editor settings: what a client sends in `initializationOptions`,
//! `workspace/didChangeConfiguration` or a `workspace/configuration` reply.
//!
//! ```json
//! { "mtlint": { "select": ["calque"], "ignore": ["en-names/title-case"],
//!               "minConfidence": 0.6, "rules": ["my-packs"], "noBuiltin": false,
//!               "config": "mtlint.yaml", "fixMinConfidence": 0.8,
//!               "formats": { "gitcommit": "text" } } }
//! ```
//!
//! The `mtlint` wrapper is optional. Keys may also be written in snake_case, as
//! in configuration files. Settings apply on top of the configuration file that
//! governs each document, as command-line flags do for `mtlint check`; relative
//! paths are relative to the workspace root.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::formats::InputFormat;
use crate::plan::CliSettings;

/// Settings an editor can give the server.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientSettings {
    /// Run only these rules, packs or categories (replaces the config file's).
    pub select: Vec<String>,
    /// Skip these rules, packs or categories (added to the config file's).
    pub ignore: Vec<String>,
    /// Report only findings with at least this confidence.
    #[serde(alias = "min_confidence")]
    pub min_confidence: Option<f32>,
    /// Fix-all applies safe fixes with at least this confidence (default: config, else 0.8).
    #[serde(alias = "fix_min_confidence")]
    pub fix_min_confidence: Option<f32>,
    /// Extra rule pack directories.
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in packs.
    #[serde(alias = "no_builtin")]
    pub no_builtin: bool,
    /// Use this configuration file for every document instead of searching.
    pub config: Option<PathBuf>,
    /// Lint every document as this language (ISO 639-1) instead of detecting it.
    pub language: Option<String>,
    /// Input format per language id, for ids mtlint does not know.
    pub formats: HashMap<String, InputFormat>,
}

impl ClientSettings {
    /// Reads settings from a client's JSON, wrapped in `{"mtlint": …}` or not.
    /// `null` and `{}` give the defaults.
    pub fn from_json(value: &Value) -> Result<ClientSettings, String> {
        let inner = match value {
            Value::Null => return Ok(ClientSettings::default()),
            Value::Object(map) => map.get("mtlint").unwrap_or(value),
            _ => return Err(format!("settings must be an object, not {value}")),
        };
        if inner.is_null() {
            return Ok(ClientSettings::default());
        }
        let settings: ClientSettings =
            serde_json::from_value(inner.clone()).map_err(|e| format!("invalid settings: {e}"))?;
        for (key, v) in [
            ("minConfidence", settings.min_confidence),
            ("fixMinConfidence", settings.fix_min_confidence),
        ] {
            if let Some(c) = v {
                if !(0.0..=1.0).contains(&c) {
                    return Err(format!("invalid settings: {key} {c} is outside 0..1"));
                }
            }
        }
        Ok(settings)
    }

    /// These settings over the command line's, with paths resolved against `root`.
    pub fn over(&self, base: &CliSettings, root: &Path) -> CliSettings {
        let resolve = |p: &PathBuf| {
            if p.is_absolute() {
                p.clone()
            } else {
                root.join(p)
            }
        };
        let mut s = base.clone();
        if !self.select.is_empty() {
            s.select = self.select.clone();
        }
        s.ignore.extend(self.ignore.iter().cloned());
        s.min_confidence = self.min_confidence.or(s.min_confidence);
        s.rules.extend(self.rules.iter().map(resolve));
        s.no_builtin |= self.no_builtin;
        if let Some(c) = &self.config {
            s.config = Some(resolve(c));
        }
        if self.language.is_some() {
            s.language = self.language.clone();
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_wrapped_flat_and_snake_case_settings() {
        let wrapped = json!({"mtlint": {"select": ["calque"], "minConfidence": 0.5}});
        let flat = json!({"select": ["calque"], "min_confidence": 0.5, "unknownKey": 1});
        let a = ClientSettings::from_json(&wrapped).unwrap();
        assert_eq!(a, ClientSettings::from_json(&flat).unwrap());
        assert_eq!(a.min_confidence, Some(0.5));
        assert_eq!(
            ClientSettings::from_json(&Value::Null).unwrap(),
            ClientSettings::default()
        );
        assert_eq!(
            ClientSettings::from_json(&json!({"mtlint": null})).unwrap(),
            ClientSettings::default()
        );
        assert!(ClientSettings::from_json(&json!({"minConfidence": 3})).is_err());
        assert!(ClientSettings::from_json(&json!({"select": "calque"})).is_err());
        let f = ClientSettings::from_json(&json!({"formats": {"gitcommit": "text"}})).unwrap();
        assert_eq!(f.formats["gitcommit"], InputFormat::Text);
    }

    #[test]
    fn applies_over_command_line_settings() {
        let base = CliSettings {
            ignore: vec!["style".into()],
            rules: vec![PathBuf::from("/abs/packs")],
            ..CliSettings::default()
        };
        let client = ClientSettings {
            ignore: vec!["casing".into()],
            rules: vec![PathBuf::from("more")],
            config: Some(PathBuf::from("conf/mtlint.yaml")),
            ..ClientSettings::default()
        };
        let s = client.over(&base, Path::new("/ws"));
        assert_eq!(s.ignore, ["style", "casing"]);
        assert_eq!(
            s.rules,
            [PathBuf::from("/abs/packs"), PathBuf::from("/ws/more")]
        );
        assert_eq!(s.config, Some(PathBuf::from("/ws/conf/mtlint.yaml")));
    }
}
