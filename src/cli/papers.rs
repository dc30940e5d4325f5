//! `citekb papers`: every paper, or the papers that name a dataset with its role in each.

use clap::Args;

use super::output::{write_rows, OutputArgs, RowWriter};
use super::{found, Exit};
use crate::store::queries::PaperRow;
use crate::Catalog;

/// List papers; with --dataset, the papers that name that dataset (any alias or spelling) and
/// the role it plays in each (used, introduced, mentioned).
///
/// Examples:
///   citekb papers
///   citekb papers --dataset MNLI --role used --format csv
///   citekb papers --dataset ImageNet --since 2020
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct PapersArgs {
    /// A dataset name or alias
    #[arg(long, value_name = "NAME")]
    pub dataset: Option<String>,
    /// Only papers where the dataset has this role
    #[arg(long, value_parser = ["used", "introduced", "mentioned"], requires = "dataset")]
    pub role: Option<String>,
    /// Also papers that name a version or member of the dataset's family (SQuAD → SQuAD v1.1, v2.0)
    #[arg(long, requires = "dataset")]
    pub include_versions: bool,
    /// Only papers of this year or later (papers whose year is unknown are left out)
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl PapersArgs {
    pub fn run(&self, catalog: &Catalog) -> anyhow::Result<Exit> {
        let mut out = std::io::stdout().lock();
        let Some(name) = &self.dataset else {
            let mut rows = RowWriter::new::<PaperRow>(&self.output, &mut out)?;
            catalog.each_paper(self.since, |paper| rows.write(&paper).map_err(anyhow::Error::from))?;
            return Ok(found(rows.finish()? == 0));
        };
        let rows = match catalog.find_dataset(name)? {
            Some((id, _)) => {
                let ids = if self.include_versions { catalog.with_family_members(id)? } else { vec![id] };
                catalog.papers_using(&ids, self.role.as_deref(), self.since)?
            }
            None => {
                eprintln!("citekb: {}", super::suggest::unknown_dataset(catalog, name)?);
                Vec::new()
            }
        };
        Ok(found(write_rows(&self.output, &mut out, &rows)? == 0))
    }
}
