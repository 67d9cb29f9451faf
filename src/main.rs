//! The `newsgraph` command line: parse, run, report (see `cli`).

mod cli;

/// Many small allocations freed on other threads: mimalloc keeps them cheap.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
