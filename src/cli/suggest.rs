//! "Did you mean": a dataset, paper or citation the catalog does not know, with the names nearest to it.
//!
//! Names are compared by their keys (letters and digits, lower case), as the catalog finds them,
//! so that case and punctuation never make a name look far from what was meant.

use crate::{text, Catalog};

/// How alike (Jaro-Winkler, 0 to 1) a known name's key must be to the given one to be offered: a
/// dropped, doubled or swapped letter passes ("Imagnet" → "ImageNet" is 0.92), while names that
/// only share a few letters score below it.
const ALIKE: f64 = 0.85;

/// The most names offered: more are noise to someone who made a typo.
const MOST_OFFERED: usize = 3;

/// What an unknown name is, for the message and for where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Dataset,
    Paper,
    Citation,
}

/// A name the catalog does not know, with the nearest ones it does: a query ends with exit 1
/// (nothing found), a curation command with exit 2 (a decision about nothing is refused).
#[derive(Debug)]
pub struct Unknown {
    what: What,
    given: String,
    offered: Vec<String>,
    /// Given to a curation command (merge, split, alias, rename, separate): refused, exit 2.
    pub refused: bool,
}

impl Unknown {
    /// The same name, given to a curation command.
    pub fn refused(self) -> Unknown {
        Unknown { refused: true, ..self }
    }
}

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.what {
            What::Dataset => write!(f, "no dataset is called {:?}", self.given)?,
            What::Paper => write!(f, "no paper {:?} in the catalog", self.given)?,
            What::Citation => write!(f, "no citation {:?} in the catalog", self.given)?,
        }
        if self.offered.is_empty() {
            let list = match self.what {
                What::Dataset => "citekb datasets --all",
                What::Paper => "citekb papers",
                What::Citation => "citekb export citations",
            };
            write!(f, " (see `{list}`)")
        } else {
            let (last, rest) = self.offered.split_last().expect("offered is not empty");
            match rest {
                [] => write!(f, "; did you mean {last}?"),
                _ => write!(f, "; did you mean {} or {last}?", rest.join(", ")),
            }
        }
    }
}

impl std::error::Error for Unknown {}

/// The shown names of the candidates whose key is most like `given`'s, best first, each once.
/// A candidate is (the text compared, the text shown).
fn nearest(given: &str, candidates: impl IntoIterator<Item = (String, String)>) -> Vec<String> {
    let given = text::key(given);
    if given.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, String)> = candidates
        .into_iter()
        .map(|(compared, shown)| (strsim::jaro_winkler(&given, &text::key(&compared)), shown))
        .filter(|(score, _)| *score >= ALIKE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut offered: Vec<String> = Vec::new();
    for (_, shown) in scored {
        if !offered.contains(&shown) {
            offered.push(shown);
        }
        if offered.len() == MOST_OFFERED {
            break;
        }
    }
    offered
}

/// A dataset name that is none of the catalog's, with the datasets whose names or aliases are nearest.
pub fn unknown_dataset(catalog: &Catalog, given: &str) -> crate::Result<Unknown> {
    let names = catalog.dataset_names()?;
    let offered = nearest(given, names.into_iter().map(|(name, shown)| (name, format!("{shown:?}"))));
    Ok(Unknown { what: What::Dataset, given: given.to_string(), offered, refused: false })
}

/// A paper that is none of the catalog's, with the paths whose file names are nearest.
pub fn unknown_paper(catalog: &Catalog, given: &str) -> crate::Result<Unknown> {
    let file_name = |p: &str| p.rsplit(['/', '\\']).next().unwrap_or(p).to_string();
    let paths = catalog.paper_paths()?;
    let offered = nearest(&file_name(given), paths.into_iter().map(|p| (file_name(&p), p)));
    Ok(Unknown { what: What::Paper, given: given.to_string(), offered, refused: false })
}

/// A citation that is none of the catalog's, with the works whose titles are nearest.
pub fn unknown_citation(catalog: &Catalog, given: &str) -> crate::Result<Unknown> {
    let offered = if given.parse::<i64>().is_ok() {
        Vec::new()
    } else {
        let titles = catalog.citation_titles()?;
        nearest(given, titles.into_iter().map(|(id, title)| (title.clone(), format!("{id} ({title:?})"))))
    };
    Ok(Unknown { what: What::Citation, given: given.to_string(), offered, refused: false })
}

/// A citation by id, or by its exact title (case and punctuation aside) when one work has it.
pub fn find_citation(catalog: &Catalog, given: &str) -> crate::Result<Option<i64>> {
    if let Some(id) = catalog.find_citation(given)? {
        return Ok(Some(id));
    }
    let key = text::key(given);
    if key.is_empty() {
        return Ok(None);
    }
    let titled: Vec<i64> =
        catalog.citation_titles()?.into_iter().filter(|(_, t)| text::key(t) == key).map(|(id, _)| id).collect();
    Ok(if titled.len() == 1 { Some(titled[0]) } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<(String, String)> {
        list.iter().map(|n| (n.to_string(), n.to_string())).collect()
    }

    #[test]
    fn a_typo_finds_the_name_meant() {
        let known = names(&["ImageNet", "MNIST", "CIFAR-10", "CIFAR-100", "SQuAD"]);
        assert_eq!(nearest("Imagnet", known.clone()), vec!["ImageNet"]);
        assert_eq!(nearest("cifar 10", known.clone())[0], "CIFAR-10", "case and punctuation aside");
        assert!(nearest("Penn Treebank", known.clone()).is_empty(), "nothing alike, nothing offered");
        assert!(nearest("--", known).is_empty());
    }

    #[test]
    fn each_name_is_offered_once_and_at_most_three() {
        let known = vec![
            ("ImageNet".to_string(), "ImageNet".to_string()),
            ("ImageNet-1k".to_string(), "ImageNet".to_string()),
            ("ImageNet-21k".to_string(), "ImageNet-21k".to_string()),
            ("ImageNet-A".to_string(), "ImageNet-A".to_string()),
            ("ImageNet-R".to_string(), "ImageNet-R".to_string()),
        ];
        let offered = nearest("Imagenet", known);
        assert_eq!(offered.len(), 3, "{offered:?}");
        assert_eq!(offered[0], "ImageNet");
        assert_eq!(offered.iter().filter(|o| *o == "ImageNet").count(), 1);
    }

    #[test]
    fn the_message_offers_names_or_says_where_to_look() {
        let u = Unknown {
            what: What::Dataset,
            given: "Imagnet".into(),
            offered: vec!["\"ImageNet\"".into()],
            refused: false,
        };
        assert_eq!(u.to_string(), "no dataset is called \"Imagnet\"; did you mean \"ImageNet\"?");
        let u = Unknown {
            what: What::Citation,
            given: "x".into(),
            offered: vec!["1 (\"A\")".into(), "2 (\"B\")".into(), "3 (\"C\")".into()],
            refused: true,
        };
        assert_eq!(u.to_string(), "no citation \"x\" in the catalog; did you mean 1 (\"A\"), 2 (\"B\") or 3 (\"C\")?");
        let u = Unknown { what: What::Paper, given: "9".into(), offered: vec![], refused: false };
        assert_eq!(u.to_string(), "no paper \"9\" in the catalog (see `citekb papers`)");
    }
}
