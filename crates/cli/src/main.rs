fn main() {
    eprintln!("mockgate: not built yet");
    std::process::exit(2);
}
