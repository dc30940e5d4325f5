//! One set of output options for every query and report, and one writer per format:
//! an aligned table for people, CSV and TSV for spreadsheets, JSON and JSON Lines for programs.

use std::io::Write;

use clap::{Args, ValueEnum};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Jsonl,
}

/// Output options shared by every query and report.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Leave out the header line (table, csv, tsv)
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// Write CSV/TSV cells that start with = + - @ as they are, instead of prefixing a quote
    /// so that spreadsheets do not run them as formulas
    #[arg(long, global = true)]
    pub no_formula_guard: bool,
}

/// Rows of one type, ready to print: the columns come from the type, so an empty result still
/// prints its header (CSV) or `[]` (JSON).
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    pub fn of<T: Serialize + Default>(items: &[T]) -> Rows {
        let columns = match serde_json::to_value(T::default()) {
            Ok(Value::Object(m)) => m.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let rows = items
            .iter()
            .map(|item| match serde_json::to_value(item) {
                Ok(Value::Object(m)) => columns.iter().map(|c| m.get(c).cloned().unwrap_or(Value::Null)).collect(),
                _ => Vec::new(),
            })
            .collect();
        Rows { columns, rows }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn write(&self, args: &OutputArgs, out: &mut dyn Write) -> std::io::Result<()> {
        match args.format {
            OutputFormat::Json => {
                let objects: Vec<Value> = self.objects().collect();
                serde_json::to_writer_pretty(&mut *out, &objects)?;
                writeln!(out)
            }
            OutputFormat::Jsonl => {
                for o in self.objects() {
                    serde_json::to_writer(&mut *out, &o)?;
                    writeln!(out)?;
                }
                Ok(())
            }
            OutputFormat::Csv | OutputFormat::Tsv => {
                let delimiter = if args.format == OutputFormat::Csv { b',' } else { b'\t' };
                let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
                if !args.no_headers {
                    w.write_record(&self.columns).map_err(csv_io)?;
                }
                for row in &self.rows {
                    w.write_record(row.iter().map(|v| {
                        let cell = cell_text(v);
                        if args.no_formula_guard {
                            cell
                        } else {
                            guard_formula(cell)
                        }
                    }))
                    .map_err(csv_io)?;
                }
                w.flush()
            }
            OutputFormat::Table => self.write_table(args, out),
        }
    }

    fn objects(&self) -> impl Iterator<Item = Value> + '_ {
        self.rows.iter().map(|row| {
            Value::Object(self.columns.iter().cloned().zip(row.iter().cloned()).collect::<serde_json::Map<_, _>>())
        })
    }

    fn write_table(&self, args: &OutputArgs, out: &mut dyn Write) -> std::io::Result<()> {
        const MAX: usize = 60;
        let cells: Vec<Vec<String>> =
            self.rows.iter().map(|r| r.iter().map(|v| truncate(&one_line(&cell_text(v)), MAX)).collect()).collect();
        let mut widths: Vec<usize> = if args.no_headers {
            vec![0; self.columns.len()]
        } else {
            self.columns.iter().map(|c| c.chars().count()).collect()
        };
        for row in &cells {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let line = |row: &[String]| -> String {
            let mut s = String::new();
            for (i, c) in row.iter().enumerate() {
                if i + 1 == row.len() {
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
                }
            }
            s.trim_end().to_string()
        };
        if !args.no_headers {
            writeln!(out, "{}", line(&self.columns))?;
        }
        for row in &cells {
            writeln!(out, "{}", line(row))?;
        }
        Ok(())
    }
}

/// A CSV writer's failure as the io error it is, where it is one: a closed pipe stays a closed
/// pipe (csv's own conversion hides the io error's kind).
pub(super) fn csv_io(e: csv::Error) -> std::io::Error {
    if e.is_io_error() {
        if let csv::ErrorKind::Io(io) = e.into_kind() {
            return io;
        }
        unreachable!("an io error is of the io kind");
    }
    std::io::Error::other(e)
}

/// A value as a cell: lists joined with "; ", null as empty.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// A cell that a spreadsheet would run as a formula gets a leading quote.
fn guard_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Serialize)]
    struct R {
        id: i64,
        name: String,
        aliases: Vec<String>,
    }

    fn render(rows: &[R], format: OutputFormat) -> String {
        let mut out = Vec::new();
        let args = OutputArgs { format, no_headers: false, no_formula_guard: false };
        Rows::of(rows).write(&args, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn empty_results_are_well_formed() {
        assert_eq!(render(&[], OutputFormat::Json).trim(), "[]");
        assert_eq!(render(&[], OutputFormat::Csv), "id,name,aliases\n");
        assert_eq!(render(&[], OutputFormat::Jsonl), "");
    }

    #[test]
    fn lists_and_formulas_in_csv() {
        let rows = [R { id: 1, name: "=cmd()".into(), aliases: vec!["a".into(), "b".into()] }];
        assert_eq!(render(&rows, OutputFormat::Csv), "id,name,aliases\n1,'=cmd(),a; b\n");
        assert!(render(&rows, OutputFormat::Json).contains("\"aliases\": [\n"));
    }
}
