//! The built assets' names (hashed by cargo-leptos) and the service worker generated from them.

use leptos::config::LeptosOptions;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// Changes with every build: names the service worker's cache.
    pub version: String,
}

/// Static files the service worker precaches besides the built bundle.
const SHELL_FILES: &[&str] = &[
    "/offline",
    "/manifest.webmanifest",
    "/favicon.ico",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
];

const SERVICE_WORKER_TEMPLATE: &str = include_str!("sw.js");

impl Assets {
    /// Reads cargo-leptos' `hash.txt` (beside the server binary) when hashed names are on.
    pub fn load(options: &LeptosOptions) -> Assets {
        let hashes = options
            .hash_files
            .then(|| {
                let exe = std::env::current_exe().ok()?;
                std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
            })
            .flatten();
        Assets::from_hashes(&options.output_name, hashes.as_deref())
    }

    pub fn from_hashes(output_name: &str, hashes: Option<&str>) -> Assets {
        let hash_of = |kind: &str| {
            hashes?.lines().find_map(|line| {
                let (k, v) = line.split_once(':')?;
                (k.trim() == kind).then(|| v.trim().to_owned())
            })
        };
        let name = |kind: &str, ext: &str| match hash_of(kind) {
            Some(hash) => format!("{output_name}.{hash}.{ext}"),
            None => format!("{output_name}.{ext}"),
        };
        let version = match hashes {
            Some(_) => ["css", "js", "wasm"]
                .iter()
                .filter_map(|kind| hash_of(kind))
                .collect::<Vec<_>>()
                .join("-"),
            None => "dev".to_owned(),
        };
        Assets {
            css: name("css", "css"),
            js: name("js", "js"),
            wasm: name("wasm", "wasm"),
            version,
        }
    }

    /// True when file names carry a content hash, so the files can be cached for a year.
    pub fn are_hashed(&self) -> bool {
        self.version != "dev"
    }

    /// The service worker script: the template with this build's version and precache list.
    pub fn service_worker(&self, pkg_dir: &str) -> String {
        let mut files: Vec<String> = SHELL_FILES.iter().map(|f| (*f).to_owned()).collect();
        files.extend([&self.css, &self.js, &self.wasm].map(|f| format!("/{pkg_dir}/{f}")));
        files.push(super::shell::ENHANCE_PATH.clone());
        let list = serde_json::to_string(&files).expect("a list of strings serializes");
        SERVICE_WORKER_TEMPLATE
            .replace(
                "\"__VERSION__\"",
                &serde_json::Value::from(self.version.as_str()).to_string(),
            )
            .replace("[] /* __PRECACHE__ */", &list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block left open (a merge once lost a `}` after `@media print {`) makes browsers read
    /// every later rule as part of it: whole pages went unstyled on screen.
    #[test]
    fn the_stylesheet_closes_every_block_it_opens() {
        let css = include_str!("../../style/main.css");
        let mut depth = 0i32;
        let mut in_comment = false;
        let mut chars = css.chars().peekable();
        while let Some(c) = chars.next() {
            match (in_comment, c, chars.peek()) {
                (false, '/', Some('*')) => in_comment = true,
                (true, '*', Some('/')) => in_comment = false,
                (false, '{', _) => depth += 1,
                (false, '}', _) => {
                    depth -= 1;
                    assert!(depth >= 0, "a `}}` closes nothing");
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "a block is left open");
    }

    #[test]
    fn hashed_names_come_from_hash_txt() {
        let assets = Assets::from_hashes("coop-manau", Some("js: aa\nwasm: bb\ncss: cc\n"));
        assert_eq!(assets.js, "coop-manau.aa.js");
        assert_eq!(assets.wasm, "coop-manau.bb.wasm");
        assert_eq!(assets.css, "coop-manau.cc.css");
        assert_eq!(assets.version, "cc-aa-bb");
        assert!(assets.are_hashed());
    }

    #[test]
    fn the_service_worker_precaches_this_build() {
        let assets = Assets::from_hashes("coop-manau", Some("js: aa\nwasm: bb\ncss: cc"));
        let sw = assets.service_worker("pkg");
        assert!(sw.contains("\"/pkg/coop-manau.bb.wasm\""));
        assert!(sw.contains("\"/offline\""));
        assert!(sw.contains(&format!("\"{}\"", *super::super::shell::ENHANCE_PATH)));
        assert!(sw.contains("\"cc-aa-bb\""));
        assert!(!sw.contains("__PRECACHE__") && !sw.contains("__VERSION__"));
    }

    #[test]
    fn unhashed_builds_are_not_cached_for_long() {
        let assets = Assets::from_hashes("coop-manau", None);
        assert_eq!(assets.css, "coop-manau.css");
        assert!(!assets.are_hashed());
    }
}
