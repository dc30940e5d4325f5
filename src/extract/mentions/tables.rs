//! Tables: the cells under a table's "Dataset" heading, which name datasets however they are
//! written.

/// A cell that can be a dataset's name: letters, digits and name punctuation, brackets
/// balanced, and no word that describes data instead of naming it ("image size", "# classes").
fn cell_names_data(cell: &str) -> bool {
    let shaped = cell.chars().next().is_some_and(char::is_alphanumeric)
        && cell.chars().all(|c| c.is_alphanumeric() || " -_.+/&'’()".contains(c))
        && cell.matches('(').count() == cell.matches(')').count();
    let describes = cell.split([' ', '-', '/', '.']).any(|w| {
        matches!(
            w.to_lowercase().trim_end_matches('s'),
            "size"
                | "type"
                | "partition"
                | "image"
                | "speaker"
                | "utterance"
                | "word"
                | "classe"
                | "class"
                | "shot"
                | "factor"
                | "model"
                | "sample"
                | "feature"
                | "split"
                | "total"
                | "average"
                | "avg"
                | "mean"
                | "all"
                | "method"
                | "time"
                | "number"
                | "num"
                | "train"
                | "dev"
                | "test"
                | "variation"
                | "pose"
                | "length"
                | "ratio"
                | "accuracy"
                | "score"
                | "loss"
                | "baseline"
                | "our"
                | "ours"
        )
    });
    shaped && !describes
}

/// The cells of a table column headed "Dataset" (or "Data set", "Benchmark", "Corpus"): the
/// rows below the heading, up to the first line of text that is no table row. Cells are " | "-separated,
/// as the readers write table rows.
pub(super) fn dataset_cells(text: &str, known: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut column: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        crate::deadline::check();
        let row = line.trim_end_matches(['\n', '\r']);
        // Blank lines may stand between rows (a LaTeX row break and a line break).
        if !row.contains(" | ") {
            if !row.trim().is_empty() {
                column = None;
            }
            offset += line.len();
            continue;
        }
        let mut cells = Vec::new();
        let mut pos = offset;
        for cell in row.split('|') {
            let trimmed = cell.trim();
            let at = pos + cell.find(trimmed).unwrap_or(0);
            cells.push((at, at + trimmed.len()));
            pos += cell.len() + 1;
        }
        let heading = cells.iter().position(|&(s, e)| {
            let cell = text[s..e].trim_end_matches([':', 's']).to_lowercase();
            matches!(cell.as_str(), "dataset" | "data set" | "benchmark" | "corpu" | "corpora" | "database")
        });
        // "Dataset | CIFAR-10 | CIFAR-100-LT" heads a table whose datasets run across, not down:
        // another heading cell is a known dataset or an acronym with a number.
        let across = |c: usize| {
            cells.iter().enumerate().any(|(i, &(s, e))| {
                let cell = &text[s..e];
                let versioned =
                    cell.chars().filter(|c| c.is_uppercase()).count() >= 2 && cell.chars().any(|c| c.is_ascii_digit());
                i != c && (versioned || known.iter().any(|&(ks, ke)| s <= ks && ke <= e))
            })
        };
        match (heading, column) {
            (Some(c), _) => column = (!across(c)).then_some(c),
            (None, Some(c)) => {
                // A row of results or figures ("ImageNet | 76.16 | ..."), not a heading broken
                // over lines ("Scratch | Finetune | Prog.").
                let numeric = |&(s, e): &(usize, usize)| {
                    text[s..e].trim_start_matches(['#', '~']).starts_with(|c: char| c.is_ascii_digit())
                };
                let figures = cells.iter().enumerate().any(|(i, cell)| i != c && numeric(cell));
                if let Some(&(s, e)) =
                    cells.get(c).filter(|&&(s, e)| figures && e > s && e - s <= 60 && cell_names_data(&text[s..e]))
                {
                    out.push((s, e));
                }
            }
            (None, None) => {}
        }
        offset += line.len();
    }
    out
}
