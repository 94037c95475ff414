//! Configuration files (`mtlint.yaml` / `.mtlint.yaml`): found by walking up from each
//! linted file, or given with `--config`; per-path overrides by glob.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::engine::pivot::PivotMode;
use crate::rules::PackError;

/// File names searched for, nearest directory first.
pub const FILE_NAMES: [&str; 2] = ["mtlint.yaml", ".mtlint.yaml"];

/// Settings that a config file, an override or the command line can set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Run only these rules, packs or categories (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub select: Vec<String>,
    /// Skip these rules, packs or categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Report only findings with at least this confidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f32>,
    /// `--fix` applies safe fixes with at least this confidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix_min_confidence: Option<f32>,
    /// Extra rule pack directories (relative to the config file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<PathBuf>,
    /// Language assumed when detection is unreliable (ISO 639-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Pivot language of these documents: an ISO 639-1 code when it is known, `auto` to
    /// infer it (the default), `report-only` to infer it without adjusting confidences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pivot: Option<String>,
    /// Severity per rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
    /// Confidence per rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub confidence: BTreeMap<String, f32>,
    /// Exact phrases never reported (names, quotes that must stay as written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore_phrases: Vec<String>,
}

/// A per-path override: settings that apply to files matching the globs, merged over
/// the file's own (`select` replaces; lists and maps are extended; scalars replace).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Globs relative to the config file's directory.
    pub files: Vec<String>,
    /// See [`Settings::select`].
    pub select: Option<Vec<String>>,
    /// See [`Settings::ignore`].
    pub ignore: Option<Vec<String>>,
    /// See [`Settings::min_confidence`].
    pub min_confidence: Option<f32>,
    /// See [`Settings::fix_min_confidence`].
    pub fix_min_confidence: Option<f32>,
    /// See [`Settings::language`].
    pub language: Option<String>,
    /// See [`Settings::pivot`].
    pub pivot: Option<String>,
    /// See [`Settings::severity`].
    pub severity: Option<BTreeMap<String, Severity>>,
    /// See [`Settings::confidence`].
    pub confidence: Option<BTreeMap<String, f32>>,
    /// See [`Settings::ignore_phrases`].
    pub ignore_phrases: Option<Vec<String>>,
}

/// A configuration file as written (serde cannot combine `flatten` with
/// `deny_unknown_fields`, so the settings are spelled out).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    min_confidence: Option<f32>,
    fix_min_confidence: Option<f32>,
    #[serde(default)]
    rules: Vec<PathBuf>,
    language: Option<String>,
    pivot: Option<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    confidence: BTreeMap<String, f32>,
    #[serde(default)]
    ignore_phrases: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    overrides: Vec<Override>,
}

/// A loaded configuration file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was loaded from (`None`: defaults).
    pub path: Option<PathBuf>,
    /// Its directory; globs and rule directories are relative to it.
    pub root: PathBuf,
    /// Top-level settings.
    pub settings: Settings,
    /// Globs of files never linted.
    pub exclude: GlobSet,
    /// The exclude globs as written.
    pub exclude_globs: Vec<String>,
    overrides: Vec<(GlobSet, Override)>,
}

impl Config {
    /// The defaults, when no config file is found.
    pub fn default_at(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            settings: Settings::default(),
            exclude: GlobSet::empty(),
            exclude_globs: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// Loads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, PackError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| PackError::at(&file, "", 0, 0, format!("cannot read config: {e}")))?;
        Self::parse(path, &text)
    }

    /// Parses config text read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, PackError> {
        let file = path.display().to_string();
        let located = |needle: &str, message: String| {
            let at = text.find(needle).unwrap_or(0);
            PackError::at(&file, text, at, needle.len(), message)
        };
        let raw: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let offset = e.location().map_or(0, |l| l.index());
                let message = e.to_string();
                let message = match message.find(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                PackError::at(&file, text, offset, 1, message)
            })?
        };
        let check_confidence = |key: &str, v: Option<f32>| match v {
            Some(c) if !(0.0..=1.0).contains(&c) => Err(located(
                key,
                format!("`{key}` must be between 0 and 1, not {c}"),
            )),
            _ => Ok(()),
        };
        check_confidence("min_confidence", raw.min_confidence)?;
        check_confidence("fix_min_confidence", raw.fix_min_confidence)?;
        for o in &raw.overrides {
            check_confidence("min_confidence", o.min_confidence)?;
            check_confidence("fix_min_confidence", o.fix_min_confidence)?;
        }
        for p in std::iter::once(&raw.pivot)
            .chain(raw.overrides.iter().map(|o| &o.pivot))
            .flatten()
        {
            PivotMode::from_setting(p).map_err(|m| located(&format!("pivot: {p}"), m))?;
        }
        for (rule, c) in raw.confidence.iter().chain(
            raw.overrides
                .iter()
                .flat_map(|o| o.confidence.iter().flatten()),
        ) {
            check_confidence(rule, Some(*c))?;
        }
        let build = |globs: &[String]| -> Result<GlobSet, PackError> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| located(g, format!("invalid glob `{g}`: {e}")))?);
            }
            b.build().map_err(|e| located("", e.to_string()))
        };
        let exclude = build(&raw.exclude)?;
        let overrides = raw
            .overrides
            .iter()
            .map(|o| Ok((build(&o.files)?, o.clone())))
            .collect::<Result<Vec<_>, PackError>>()?;
        let root = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let settings = Settings {
            select: raw.select,
            ignore: raw.ignore,
            min_confidence: raw.min_confidence,
            fix_min_confidence: raw.fix_min_confidence,
            rules: raw.rules.iter().map(|r| root.join(r)).collect(),
            language: raw.language,
            pivot: raw.pivot,
            severity: raw.severity,
            confidence: raw.confidence,
            ignore_phrases: raw.ignore_phrases,
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            settings,
            exclude,
            exclude_globs: raw.exclude,
            overrides,
        })
    }

    /// The nearest config file at or above `dir`.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        let dir = std::path::absolute(dir).ok()?;
        dir.ancestors()
            .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    }

    /// `path` relative to the config's directory, for glob matching.
    fn relative(&self, path: &Path) -> PathBuf {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        abs.strip_prefix(&root)
            .map_or(abs.clone(), Path::to_path_buf)
    }

    /// Whether `path` is excluded by this config.
    pub fn excludes(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.is_match(self.relative(path))
    }

    /// The settings for `path`: the file's own, merged with matching overrides in order.
    pub fn settings_for(&self, path: &Path) -> Settings {
        let mut s = self.settings.clone();
        let rel = self.relative(path);
        for (globs, o) in &self.overrides {
            if !globs.is_match(&rel) {
                continue;
            }
            if let Some(v) = &o.select {
                s.select = v.clone();
            }
            if let Some(v) = &o.ignore {
                s.ignore.extend(v.iter().cloned());
            }
            s.min_confidence = o.min_confidence.or(s.min_confidence);
            s.fix_min_confidence = o.fix_min_confidence.or(s.fix_min_confidence);
            s.language = o.language.clone().or(s.language);
            s.pivot = o.pivot.clone().or(s.pivot);
            if let Some(v) = &o.severity {
                s.severity.extend(v.clone());
            }
            if let Some(v) = &o.confidence {
                s.confidence.extend(v.clone());
            }
            if let Some(v) = &o.ignore_phrases {
                s.ignore_phrases.extend(v.iter().cloned());
            }
        }
        s
    }
}
