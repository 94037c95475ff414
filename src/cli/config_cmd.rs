//! `mtlint config [PATH]`: the effective configuration for a path.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::report_pack_errors;
use mtlint::plan::{CliSettings, PlanError, Planner};

/// Arguments of `mtlint config`.
#[derive(Args)]
pub struct ConfigArgs {
    /// The file (or directory) whose configuration to show.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Use this configuration file instead of searching.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// Prints the configuration file that applies to the path and its effective settings.
pub fn run(args: ConfigArgs) -> io::Result<ExitCode> {
    let mut planner = Planner::new(CliSettings {
        config: args.config,
        ..CliSettings::default()
    });
    let result = planner
        .config_for(&args.path)
        .and_then(|c| Ok((c, planner.settings_for(&args.path)?)));
    match result {
        Ok((config, settings)) => {
            match &config.path {
                Some(p) => println!("# configuration: {}", p.display()),
                None => println!("# no configuration file found; defaults"),
            }
            if !config.exclude_globs.is_empty() {
                println!("# exclude: {}", config.exclude_globs.join(", "));
            }
            let yaml = serde_yaml::to_string(&settings).map_err(io::Error::other)?;
            print!(
                "{}",
                if yaml.trim() == "{}" {
                    "{}\n".to_string()
                } else {
                    yaml
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(PlanError::Yaml(e)) => Ok(report_pack_errors(&e)),
        Err(PlanError::Message(m)) => {
            eprintln!("error: {m}");
            Ok(ExitCode::from(2))
        }
    }
}
