//! Reloading when the API file (or the backend file) changes: their
//! modification time and size are checked every 500 ms; a change reloads
//! both. A file that no longer loads is reported and the previous version
//! keeps serving.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::handler::Shared;
use super::state::{Config, State};

type Stamp = Option<(SystemTime, u64)>;

/// What the files looked like: taken before they are loaded, so a change
/// made while loading or before the watcher first runs (a busy machine
/// can start it late) is still seen as a change.
pub type Stamps = (Stamp, Stamp);

fn stamp(p: &Path) -> Stamp {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

pub fn stamps(config: &Config) -> Stamps {
    (
        stamp(&config.api_file),
        config.backend_file.as_deref().and_then(stamp),
    )
}

/// Reload whenever the files' stamps differ from `loaded`'s, those of the
/// version serving.
pub async fn watch(shared: Arc<Shared>, loaded: Stamps) {
    let mut last = loaded;
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = stamps(&shared.config);
        if now == last {
            continue;
        }
        last = now;
        // Loading parses files: keep it off the request threads' budget.
        let s = shared.clone();
        let loaded = tokio::task::spawn_blocking(move || State::load(&s.config)).await;
        match loaded {
            Ok(Ok(state)) => {
                match shared.state.write() {
                    Ok(mut g) => *g = Arc::new(state),
                    Err(p) => *p.into_inner() = Arc::new(state),
                }
                eprintln!(
                    "mockgate serve: reloaded {}",
                    shared.config.api_file.display()
                );
                super::describe(&shared);
            }
            Ok(Err(e)) => {
                eprintln!("mockgate serve: not reloaded, still serving the previous version: {e}");
            }
            Err(e) => eprintln!("mockgate serve: reload failed: {e}"),
        }
    }
}
