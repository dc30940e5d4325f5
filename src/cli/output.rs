//! Output options shared by every query and report, and the one writer of rows in each format.
//!
//! An aligned table for people, CSV and TSV for spreadsheets, JSON and JSON Lines for programs.

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
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Output format [default: table; csv for export]
    #[arg(long, global = true, value_enum)]
    pub format: Option<OutputFormat>,
    /// Shorthand for --format json
    #[arg(long, global = true, conflicts_with_all = ["format", "csv", "tsv", "nl", "table"])]
    pub json: bool,
    /// Shorthand for --format csv
    #[arg(long, global = true, conflicts_with_all = ["format", "tsv", "nl", "table"])]
    pub csv: bool,
    /// Shorthand for --format tsv
    #[arg(long, global = true, conflicts_with_all = ["format", "nl", "table"])]
    pub tsv: bool,
    /// Shorthand for --format jsonl (newline-delimited JSON)
    #[arg(long, global = true, conflicts_with_all = ["format", "table"])]
    pub nl: bool,
    /// Shorthand for --format table
    #[arg(long, global = true, conflicts_with = "format")]
    pub table: bool,
    /// Leave out the header line (table, csv, tsv)
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// Write CSV/TSV cells that start with = + - @ as they are, instead of prefixing a quote
    /// so that spreadsheets do not run them as formulas
    #[arg(long, global = true)]
    pub no_formula_guard: bool,
    /// The rows go to a file (`-o`), not to a terminal: a table is never wrapped to a width.
    #[arg(skip)]
    pub to_file: bool,
}

impl OutputArgs {
    /// The format asked for, by --format or a shorthand; none when neither was given.
    pub fn chosen(&self) -> Option<OutputFormat> {
        let shorthands = [
            (self.json, OutputFormat::Json),
            (self.csv, OutputFormat::Csv),
            (self.tsv, OutputFormat::Tsv),
            (self.nl, OutputFormat::Jsonl),
            (self.table, OutputFormat::Table),
        ];
        self.format.or_else(|| shorthands.into_iter().find_map(|(given, format)| given.then_some(format)))
    }

    /// The format to write: the one asked for, else a table.
    pub fn format(&self) -> OutputFormat {
        self.chosen().unwrap_or(OutputFormat::Table)
    }

    /// The width a table must fit, if any: `COLUMNS` when set (a script or test asking for a
    /// width), else the terminal's when standard output is one; none when the rows go to a file
    /// or a pipe, which get them whole.
    fn table_width(&self) -> Option<u16> {
        if self.to_file {
            return None;
        }
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&c| c > 0);
        columns.or_else(|| {
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
            terminal.then(terminal_size::terminal_size).flatten().map(|(width, _)| width.0)
        })
    }

    /// These options with `format` where none was asked for.
    pub fn defaulting_to(&self, format: OutputFormat) -> OutputArgs {
        OutputArgs { format: Some(self.chosen().unwrap_or(format)), ..self.clone() }
    }
}

/// The columns of a row type, from its fields in order, so that an empty result still prints
/// its header (CSV) or `[]` (JSON).
fn columns_of<T: Serialize + Default>() -> Vec<String> {
    match serde_json::to_value(T::default()) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// One row as the values of `columns`, in their order.
fn cells_of<T: Serialize>(row: &T, columns: &[String]) -> Vec<Value> {
    match serde_json::to_value(row) {
        Ok(Value::Object(mut m)) => columns.iter().map(|c| m.remove(c).unwrap_or(Value::Null)).collect(),
        _ => Vec::new(),
    }
}

/// Writes rows of one type in the chosen format. CSV, TSV and JSON Lines are written a row at
/// a time as the rows come; a table (which needs every column's width) and JSON (one array)
/// once they are all in.
pub struct RowWriter<'a> {
    format: Format<'a>,
    columns: Vec<String>,
    no_headers: bool,
    formula_guard: bool,
    rows: usize,
}

enum Format<'a> {
    // Boxed: the csv writer's state is ten times the other variants'.
    Delimited(Box<csv::Writer<&'a mut dyn Write>>),
    JsonLines(&'a mut dyn Write),
    Json(&'a mut dyn Write, Vec<Value>),
    Table(&'a mut dyn Write, Vec<Vec<Value>>, Option<u16>),
}

impl<'a> RowWriter<'a> {
    /// A writer of rows of type `T` to `out`; CSV and TSV write their header at once.
    pub fn new<T: Serialize + Default>(args: &OutputArgs, out: &'a mut dyn Write) -> std::io::Result<RowWriter<'a>> {
        let columns = columns_of::<T>();
        let format = match args.format() {
            OutputFormat::Csv | OutputFormat::Tsv => {
                let delimiter = if args.format() == OutputFormat::Csv { b',' } else { b'\t' };
                let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
                if !args.no_headers {
                    w.write_record(&columns).map_err(csv_io)?;
                }
                Format::Delimited(Box::new(w))
            }
            OutputFormat::Jsonl => Format::JsonLines(out),
            OutputFormat::Json => Format::Json(out, Vec::new()),
            OutputFormat::Table => Format::Table(out, Vec::new(), args.table_width()),
        };
        Ok(RowWriter { format, columns, no_headers: args.no_headers, formula_guard: !args.no_formula_guard, rows: 0 })
    }

    pub fn write<T: Serialize>(&mut self, row: &T) -> std::io::Result<()> {
        self.rows += 1;
        match &mut self.format {
            Format::Delimited(w) => {
                let guard = self.formula_guard;
                let cells = cells_of(row, &self.columns);
                w.write_record(cells.iter().map(|v| {
                    let cell = cell_text(v);
                    if guard {
                        guard_formula(cell)
                    } else {
                        cell
                    }
                }))
                .map_err(csv_io)
            }
            Format::JsonLines(out) => {
                serde_json::to_writer(&mut **out, &object(&self.columns, cells_of(row, &self.columns)))?;
                writeln!(out)
            }
            Format::Json(_, objects) => {
                objects.push(object(&self.columns, cells_of(row, &self.columns)));
                Ok(())
            }
            Format::Table(_, rows, _) => {
                rows.push(cells_of(row, &self.columns));
                Ok(())
            }
        }
    }

    /// Writes what waited for the last row; returns how many rows were written.
    pub fn finish(self) -> std::io::Result<usize> {
        match self.format {
            Format::Delimited(mut w) => w.flush()?,
            Format::JsonLines(_) => {}
            Format::Json(out, objects) => {
                serde_json::to_writer_pretty(&mut *out, &objects)?;
                writeln!(out)?;
            }
            Format::Table(out, rows, width) => write_table(&self.columns, &rows, self.no_headers, width, out)?,
        }
        Ok(self.rows)
    }
}

/// Writes `rows` whole; returns how many there were.
pub fn write_rows<T: Serialize + Default>(
    args: &OutputArgs,
    out: &mut dyn Write,
    rows: &[T],
) -> std::io::Result<usize> {
    let mut w = RowWriter::new::<T>(args, out)?;
    for row in rows {
        w.write(row)?;
    }
    w.finish()
}

/// A row as a JSON object with the columns' names, in their order.
fn object(columns: &[String], cells: Vec<Value>) -> Value {
    Value::Object(columns.iter().cloned().zip(cells).collect::<serde_json::Map<_, _>>())
}

/// The spaces between two columns of a table.
const COLUMN_GAP: u16 = 2;

/// An aligned table, columns apart by [`COLUMN_GAP`], widths counted as a terminal shows them
/// (a CJK character is two columns), no trailing spaces. Given a `width` (a terminal), long
/// columns wrap to fit it and columns empty in every row are left out; numbers are never
/// wrapped, and nothing is cut.
fn write_table(
    columns: &[String],
    rows: &[Vec<Value>],
    no_headers: bool,
    width: Option<u16>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // On a terminal, a column no row has a value in tells nothing and costs width: left out.
    let empty = |i: usize| !rows.is_empty() && rows.iter().all(|r| matches!(r.get(i), Some(Value::Null) | None));
    let shown: Vec<usize> = (0..columns.len()).filter(|&i| width.is_none() || !empty(i)).collect();
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::NOTHING);
    for component in BORDERS {
        table.remove_style(component);
    }
    if !no_headers {
        table.set_header(shown.iter().map(|&i| &columns[i]));
    }
    for row in rows {
        table.add_row(shown.iter().map(|&i| row.get(i).map(|v| one_line(&cell_text(v))).unwrap_or_default()));
    }
    if let Some(width) = width {
        table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic).set_width(width);
    }
    for (&i, column) in shown.iter().zip(table.column_iter_mut()) {
        column.set_padding((0, COLUMN_GAP));
        if rows.iter().all(|r| matches!(r.get(i), Some(Value::Number(_) | Value::Null) | None)) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    if columns.is_empty() || (no_headers && rows.is_empty()) {
        return Ok(());
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Every line a table could draw but the spaces between its columns.
const BORDERS: [comfy_table::TableComponent; 19] = {
    use comfy_table::TableComponent::*;
    [
        LeftBorder,
        RightBorder,
        TopBorder,
        BottomBorder,
        LeftHeaderIntersection,
        HeaderLines,
        MiddleHeaderIntersections,
        RightHeaderIntersection,
        VerticalLines,
        HorizontalLines,
        MiddleIntersections,
        LeftBorderIntersections,
        RightBorderIntersections,
        TopBorderIntersections,
        BottomBorderIntersections,
        TopLeftCorner,
        TopRightCorner,
        BottomLeftCorner,
        BottomRightCorner,
    ]
};

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

/// A cell that a spreadsheet would run as a formula gets a leading quote. A lone `-` (standard
/// input as a paper's source) and numbers are data.
fn guard_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell != "-" && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A count and its noun, singular for one: "1 paper", "4 papers".
pub fn counted(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let args = OutputArgs { format: Some(format), ..OutputArgs::default() };
        write_rows(&args, &mut out, rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(counted(1, "paper", "papers"), "1 paper");
        assert_eq!(counted(0, "paper", "papers"), "0 papers");
        assert_eq!(counted(12, "entry", "entries"), "12 entries");
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
        let rows = [R { id: 2, name: "-".into(), aliases: vec!["-2.5".into(), "-x".into()] }];
        assert_eq!(render(&rows, OutputFormat::Csv), "id,name,aliases\n2,-,'-2.5; -x\n");
        assert!(render(&rows, OutputFormat::Json).contains("\"aliases\": [\n"));
    }
}
