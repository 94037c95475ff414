//! Planning lint runs for `check` and the language server: which files, which
//! configuration and which linter for each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{Config, Settings};
use crate::engine::pivot::PivotMode;
use crate::engine::{LintOptions, Linter, Selection};
use crate::formats::InputFormat;
use crate::rules::{extend_rule_set, load_dir, PackError, RuleSet};

/// Command-line (or editor) settings that apply on top of configuration files.
#[derive(Default, Clone)]
pub struct CliSettings {
    /// `--config`: use this file for every path instead of searching.
    pub config: Option<PathBuf>,
    /// `--rules`.
    pub rules: Vec<PathBuf>,
    /// `--no-builtin`.
    pub no_builtin: bool,
    /// `--select` (replaces the config's when given).
    pub select: Vec<String>,
    /// `--ignore` (added to the config's).
    pub ignore: Vec<String>,
    /// `--min-confidence`.
    pub min_confidence: Option<f32>,
    /// `--language` (forces the language).
    pub language: Option<String>,
    /// `--exclude` globs.
    pub exclude: Vec<String>,
    /// `--type`: formats walked in directories (all when empty).
    pub types: Vec<InputFormat>,
}

/// A failure while planning (printed, exit code 2).
pub enum PlanError {
    /// Broken YAML in a pack or config.
    Yaml(Vec<PackError>),
    /// Anything else, already worded.
    Message(String),
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::Yaml(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            PlanError::Message(m) => f.write_str(m),
        }
    }
}

impl From<PackError> for PlanError {
    fn from(e: PackError) -> Self {
        PlanError::Yaml(vec![e])
    }
}

/// Resolves configuration files and builds (and caches) linters.
pub struct Planner {
    cli: CliSettings,
    configs: HashMap<PathBuf, Arc<Config>>,
    dir_configs: HashMap<PathBuf, Option<PathBuf>>,
    rule_sets: HashMap<Vec<PathBuf>, Arc<RuleSet>>,
    linters: HashMap<String, Arc<Linter>>,
}

impl Planner {
    /// A planner for these command-line settings.
    pub fn new(cli: CliSettings) -> Planner {
        Planner {
            cli,
            configs: HashMap::new(),
            dir_configs: HashMap::new(),
            rule_sets: HashMap::new(),
            linters: HashMap::new(),
        }
    }

    /// The configuration that applies to `path` (a file or `-`).
    pub fn config_for(&mut self, path: &Path) -> Result<Arc<Config>, PlanError> {
        let file = match &self.cli.config {
            Some(c) => Some(c.clone()),
            None => {
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() && path != Path::new("-") => {
                        d.to_path_buf()
                    }
                    _ => PathBuf::from("."),
                };
                let dir = if path.is_dir() {
                    path.to_path_buf()
                } else {
                    dir
                };
                self.dir_configs
                    .entry(dir.clone())
                    .or_insert_with(|| Config::find(&dir))
                    .clone()
            }
        };
        let key = file.clone().unwrap_or_default();
        if let Some(c) = self.configs.get(&key) {
            return Ok(c.clone());
        }
        let config = match &file {
            Some(f) => Config::load(f)?,
            None => Config::default_at(Path::new(".")),
        };
        let config = Arc::new(config);
        self.configs.insert(key, config.clone());
        Ok(config)
    }

    /// Effective settings for `path`: its config (with overrides), then the command line.
    pub fn settings_for(&mut self, path: &Path) -> Result<Settings, PlanError> {
        let config = self.config_for(path)?;
        let mut s = config.settings_for(path);
        if !self.cli.select.is_empty() {
            s.select = self.cli.select.clone();
        }
        s.ignore.extend(self.cli.ignore.iter().cloned());
        if let Some(m) = self.cli.min_confidence {
            s.min_confidence = Some(m);
        }
        s.rules.extend(self.cli.rules.iter().cloned());
        Ok(s)
    }

    fn rule_set(&mut self, dirs: &[PathBuf]) -> Result<Arc<RuleSet>, PlanError> {
        if let Some(r) = self.rule_sets.get(dirs) {
            return Ok(r.clone());
        }
        let base = if self.cli.no_builtin {
            RuleSet::default()
        } else {
            // Decoding the precompiled packs costs about as much as cloning them.
            RuleSet::builtin().map_err(PlanError::Yaml)?
        };
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for dir in dirs {
            match load_dir(dir) {
                Ok(s) => sources.extend(s),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(PlanError::Yaml(errors));
        }
        let set = Arc::new(extend_rule_set(base, &sources).map_err(PlanError::Yaml)?);
        self.rule_sets.insert(dirs.to_vec(), set.clone());
        Ok(set)
    }

    /// The linter for these settings (built once per distinct settings).
    pub fn linter_for(&mut self, settings: &Settings) -> Result<Arc<Linter>, PlanError> {
        let key = serde_yaml::to_string(settings).unwrap_or_default()
            + &format!("{:?}", self.cli.language);
        if let Some(l) = self.linters.get(&key) {
            return Ok(l.clone());
        }
        let base = self.rule_set(&settings.rules)?;
        // Without per-rule overrides the linter shares the cached rule set.
        let rules = if settings.severity.is_empty() && settings.confidence.is_empty() {
            base
        } else {
            let mut rules = (*base).clone();
            apply_rule_overrides(&mut rules, settings)?;
            Arc::new(rules)
        };
        let selection = Selection {
            select: settings.select.clone(),
            ignore: settings.ignore.clone(),
        };
        let unknown = selection.unknown_keys(&rules);
        if !unknown.is_empty() {
            return Err(PlanError::Message(format!(
                "select/ignore name no rule, pack or category: {}",
                unknown.join(", ")
            )));
        }
        let options = LintOptions {
            selection,
            min_confidence: settings.min_confidence.unwrap_or(0.0),
            language: self.cli.language.clone(),
            default_language: settings.language.clone().unwrap_or_else(|| "en".into()),
            ignore_phrases: settings.ignore_phrases.clone(),
            pivot: match &settings.pivot {
                Some(p) => PivotMode::from_setting(p).map_err(PlanError::Message)?,
                None => PivotMode::default(),
            },
        };
        let linter =
            Arc::new(Linter::new(rules, options).map_err(|e| PlanError::Message(e.to_string()))?);
        self.linters.insert(key, linter.clone());
        Ok(linter)
    }

    /// Expands paths: files as given, directories walked with gitignore rules, minus
    /// `--exclude` globs and the config's `exclude`, filtered by `--type`.
    pub fn expand(&mut self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, PlanError> {
        let cli_exclude = globs(&self.cli.exclude)?;
        let types: Vec<InputFormat> = if self.cli.types.is_empty() {
            vec![InputFormat::Text, InputFormat::Markdown, InputFormat::Html]
        } else {
            self.cli.types.clone()
        };
        let extensions: Vec<&str> = types
            .iter()
            .flat_map(|t| t.extensions().iter().copied())
            .collect();
        let mut out = Vec::new();
        for path in paths {
            if !path.is_dir() {
                out.push(path.clone());
                continue;
            }
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path).build().flatten() {
                let p = entry.into_path();
                let ext = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if !p.is_file() || !ext.as_deref().is_some_and(|e| extensions.contains(&e)) {
                    continue;
                }
                let rel = p.strip_prefix(path).unwrap_or(&p);
                if cli_exclude.is_match(rel) || cli_exclude.is_match(&p) {
                    continue;
                }
                if self.config_for(&p)?.excludes(&p) {
                    continue;
                }
                found.push(p);
            }
            found.sort();
            if found.is_empty() {
                // Keep the directory so the reader reports it clearly.
                out.push(path.clone());
            }
            out.extend(found);
        }
        Ok(out)
    }
}

fn globs(patterns: &[String]) -> Result<GlobSet, PlanError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = Glob::new(p).map_err(|e| PlanError::Message(format!("--exclude {p}: {e}")))?;
        b.add(g);
    }
    b.build().map_err(|e| PlanError::Message(e.to_string()))
}

/// Applies per-rule severity and confidence overrides from the settings.
fn apply_rule_overrides(rules: &mut RuleSet, settings: &Settings) -> Result<(), PlanError> {
    let matches = |key: &str, id: &str| key == id || id.rsplit('/').next() == Some(key);
    for key in settings.severity.keys().chain(settings.confidence.keys()) {
        if !rules.rules.iter().any(|r| matches(key, &r.id)) {
            return Err(PlanError::Message(format!(
                "configuration names unknown rule `{key}` in severity/confidence"
            )));
        }
    }
    for rule in &mut rules.rules {
        for (key, sev) in &settings.severity {
            if matches(key, &rule.id) {
                rule.severity = *sev;
            }
        }
        for (key, c) in &settings.confidence {
            if matches(key, &rule.id) {
                rule.confidence = *c;
            }
        }
    }
    Ok(())
}
