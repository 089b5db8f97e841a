//! `mockgate`: the command line over mockgate's API Gateway core.
//! Argument parsing is by hand to keep the binary small.

mod data_file;

// A faster allocator: the request path of `mockgate serve` (and large
// `mockgate eval` batches) is dominated by small allocations.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod eval;
mod frames;
mod panics;
mod render;
mod serve;
mod test_cmd;

const HELP: &str = "\
mockgate: Amazon API Gateway (REST) mapping templates and integrations, offline

Usage: mockgate <COMMAND> [ARGS]

Commands:
  eval [FILE]              run JSON (Lines) cases through evaluate(), one result per line
  render TEMPLATE_FILE     render one response mapping template over a body
  test [PATH...]           run case files (request + expected response), diff failures
  serve API_FILE           serve an OpenAPI/CloudFormation API locally (MOCKs run for real)
  help [COMMAND]           this help, or a command's

Options:
  -h, --help               help (also after a command: mockgate eval --help)
  -V, --version            version
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = run(&args);
    std::process::exit(code);
}

fn run(args: &[String]) -> i32 {
    let Some(command) = args.first() else {
        eprint!("{HELP}");
        return 2;
    };
    let rest = &args[1..];
    match command.as_str() {
        "eval" => eval::main(rest),
        "render" => render::main(rest),
        "test" => test_cmd::main(rest),
        "serve" => serve::main(rest),
        "help" | "-h" | "--help" => match rest.first().map(String::as_str) {
            None => {
                print!("{HELP}");
                0
            }
            Some("eval") => {
                print!("{}", eval::HELP);
                0
            }
            Some("render") => {
                print!("{}", render::HELP);
                0
            }
            Some("test") => {
                print!("{}", test_cmd::HELP);
                0
            }
            Some("serve") => {
                print!("{}", serve::HELP);
                0
            }
            Some(other) => {
                eprintln!("mockgate: no command `{other}`\n\n{HELP}");
                2
            }
        },
        "-V" | "--version" => {
            println!("mockgate {}", env!("CARGO_PKG_VERSION"));
            0
        }
        other => {
            eprintln!("mockgate: unknown command `{other}`\n\n{HELP}");
            2
        }
    }
}
