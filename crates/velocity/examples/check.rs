//! Parse templates and print their errors and warnings:
//! `cargo run -p mockgate-velocity --example check -- FILE...`

use mockgate_velocity::Template;

fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&path).expect("readable file");
        match Template::parse(&path, &src) {
            Ok(t) => {
                for w in t.warnings() {
                    println!("warning: {}", w.render_with_source(&src));
                }
            }
            Err(errors) => {
                for e in errors {
                    println!("error: {}", e.render_with_source(&src));
                }
            }
        }
    }
}
