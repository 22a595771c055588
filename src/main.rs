use clap::Parser;

fn main() -> std::process::ExitCode {
    anketa::cli::run(anketa::cli::Cli::parse())
}
