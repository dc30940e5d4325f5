//! The sequence labeller both reference models are: linear-chain CRFs in CRFsuite's format (read,
//! tagged and trained by the pure-Rust `crfs` crate), their feature lists, and the two models
//! built into the binary from `models/` (trained on GROBID's annotated files; see
//! `models/README.md`).

use std::sync::OnceLock;

pub use crfs::Attribute;

/// The features of a token sequence, one list a token.
#[derive(Debug, Default, Clone)]
pub struct Features {
    pub items: Vec<Vec<Attribute>>,
}

impl Features {
    pub fn with_capacity(n: usize) -> Features {
        Features { items: Vec::with_capacity(n) }
    }

    /// Starts the next token's list.
    pub fn next_item(&mut self) {
        self.items.push(Vec::with_capacity(48));
    }

    /// Adds a binary feature to the current token.
    pub fn add(&mut self, name: impl Into<String>) {
        if let Some(item) = self.items.last_mut() {
            item.push(Attribute::new(name, 1.0));
        }
    }

    /// Adds `prefix` + `value` to the current token.
    pub fn add2(&mut self, prefix: &str, value: &str) {
        let mut s = String::with_capacity(prefix.len() + value.len());
        s.push_str(prefix);
        s.push_str(value);
        self.add(s);
    }
}

/// Something that labels a token sequence: a built-in model, or one being trained.
pub type Tagger<'a> = dyn Fn(&Features) -> Option<Vec<String>> + 'a;

/// A model built into the binary, parsed once.
pub struct Model {
    name: &'static str,
    bytes: &'static [u8],
    inner: OnceLock<Option<crfs::Model<'static>>>,
}

impl Model {
    pub const fn new(name: &'static str, bytes: &'static [u8]) -> Model {
        Model { name, bytes, inner: OnceLock::new() }
    }

    fn get(&self) -> Option<&crfs::Model<'static>> {
        self.inner.get_or_init(|| crfs::Model::new(self.bytes).ok()).as_ref()
    }

    /// Whether the built-in model could be read (a build without trained models has none).
    pub fn is_available(&self) -> bool {
        self.get().is_some()
    }

    /// The most likely label of every token, or `None` where the model is missing.
    pub fn tag(&self, features: &Features) -> Option<Vec<String>> {
        let model = self.get()?;
        tag_with(model, features)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// Tags with a model read from bytes (training checks a model before it is built in).
pub fn tag_with(model: &crfs::Model, features: &Features) -> Option<Vec<String>> {
    if features.items.is_empty() {
        return Some(Vec::new());
    }
    let tagger = model.tagger().ok()?;
    let labels = tagger.tag(&features.items).ok()?;
    Some(labels.into_iter().map(str::to_string).collect())
}

/// The reference-section segmenter: which tokens start an entry, continue it, or are no part of
/// any (running heads, page numbers).
pub static SEGMENTER: Model =
    Model::new("reference-segmenter", include_bytes!("../../../models/reference-segmenter.crfsuite"));

/// The citation parser: which field of an entry each token belongs to.
pub static CITATION: Model = Model::new("citation", include_bytes!("../../../models/citation.crfsuite"));
