fn main() -> std::process::ExitCode {
    cairo_jit::cli::main()
}
