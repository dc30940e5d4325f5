//! Papers with Code's datasets catalog (JSON Lines) read as registry entries.
//!
//! Without the leaderboard splits and member tasks its variants list.

use serde::{Deserialize, Serialize};

use super::{DatasetEntry, IntroPaper};
use crate::text;

/// What a Papers-with-Code import left out, by reason.
#[derive(Debug, Default, Clone, Serialize)]
pub struct PwcSkipped {
    /// "Set5 - 4x upscaling", "CIFAR-10, 4000 Labels": leaderboard splits, not names.
    pub leaderboard_variants: usize,
    /// "CoLA" among GLUE's variants: a member that is a dataset of its own.
    pub member_datasets: usize,
    /// Lines that are not a dataset record.
    pub bad_lines: usize,
}

/// Parses the Papers-with-Code datasets catalog (JSON Lines: `id`, `variants`, `title`) into
/// registry entries. Variants that are leaderboard splits or qualified names ("Set5 - 4x
/// upscaling", "CIFAR-10 (Conditional)", "SVHN, 250 Labels") are left out, and so are variants
/// that are another record's id (a suite listing its member tasks).
pub fn parse_pwc_jsonl(text: &str) -> (Vec<DatasetEntry>, PwcSkipped) {
    #[derive(Deserialize)]
    struct Record {
        id: String,
        #[serde(default)]
        variants: Vec<String>,
        #[serde(default)]
        title: Option<String>,
    }
    let mut skipped = PwcSkipped::default();
    let records: Vec<Record> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| match serde_json::from_str::<Record>(l) {
            Ok(r) if !text::key(&r.id).is_empty() => Some(r),
            _ => {
                skipped.bad_lines += 1;
                None
            }
        })
        .collect();
    let ids: std::collections::HashSet<String> = records.iter().map(|r| text::key(&r.id)).collect();
    let leaderboard = |v: &str| {
        let lower = v.to_lowercase();
        v.contains(" - ")
            || v.contains(", ")
            || v.contains('(')
            || v.split_whitespace().count() > 6
            || [
                "classification",
                "detection",
                "upscaling",
                "shot",
                "labels",
                "epochs",
                "segmentation",
                "test",
                " val",
                " dev",
            ]
            .iter()
            .any(|w| lower.contains(w))
    };
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        let own = text::key(&r.id);
        let mut aliases: Vec<String> = Vec::new();
        for v in r.variants {
            let k = text::key(&v);
            if k.is_empty() || k == own || aliases.iter().any(|a| text::key(a) == k) {
                continue;
            }
            if leaderboard(&v) {
                skipped.leaderboard_variants += 1;
            } else if ids.contains(&k) {
                skipped.member_datasets += 1;
            } else {
                aliases.push(v.trim().to_string());
            }
        }
        // A one-word name without digits or inner capitals ("Cars", "Flowers") is also an
        // ordinary word: it counts only near dataset context, like the seeds' marked names.
        let plain_word = |n: &str| {
            let n = n.trim();
            !n.contains(' ') && !n.chars().any(|c| c.is_ascii_digit()) && !n.chars().skip(1).any(char::is_uppercase)
                || text::key(n).len() <= 3
        };
        let name = r.id.trim().to_string();
        let needs_context = std::iter::once(&name).chain(&aliases).filter(|n| plain_word(n)).cloned().collect();
        out.push(DatasetEntry {
            name,
            aliases,
            family: None,
            version: None,
            domain: None,
            needs_context,
            intro: IntroPaper { title: r.title.filter(|t| !t.trim().is_empty()), author: None, year: None },
        });
    }
    (out, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messy_variants_are_left_out() {
        let jsonl = r#"{"id": "GLUE", "variants": ["CoLA", "MRPC", "GLUE Benchmark"], "title": ""}
{"id": "CoLA", "variants": ["CoLA"], "title": "Neural Network Acceptability Judgments"}
{"id": "MRPC", "variants": ["MRPC"]}
{"id": "Set5", "variants": ["Set5 - 4x upscaling", "Set5-2x", "CIFAR-10 (Conditional)", "SVHN, 250 Labels"], "title": "Low-complexity single-image super-resolution"}
not json
"#;
        let (entries, skipped) = parse_pwc_jsonl(jsonl);
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[0].aliases, vec!["GLUE Benchmark"]);
        assert_eq!(entries[1].intro.title.as_deref(), Some("Neural Network Acceptability Judgments"));
        assert_eq!(entries[3].aliases, vec!["Set5-2x"]);
        assert_eq!(skipped.member_datasets, 2);
        assert_eq!(skipped.leaderboard_variants, 3);
        assert_eq!(skipped.bad_lines, 1);
    }
}
