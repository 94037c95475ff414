//! The `mtlint` binary: parse arguments, run, exit with 0 (clean), 1 (artefacts) or 2 (error).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
