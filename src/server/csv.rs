//! CSV files that open correctly in French Excel: UTF-8 with a byte-order mark (else Excel reads
//! Windows-1252), `;` as separator (French Excel's list separator), CRLF line ends. Cells that
//! would start a formula are prefixed with `'` (CSV injection).

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

pub struct ExcelCsv(String);

impl ExcelCsv {
    pub fn new(header: &[&str]) -> Self {
        let mut csv = ExcelCsv(String::from("\u{feff}"));
        csv.row(header.iter().copied());
        csv
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let cells: Vec<String> = cells.into_iter().map(|c| cell(c.as_ref())).collect();
        self.0.push_str(&cells.join(";"));
        self.0.push_str("\r\n");
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// A download named `filename` (ASCII; the caller builds it from safe parts).
    pub fn download(self, filename: &str) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            self.0,
        )
            .into_response()
    }
}

fn cell(value: &str) -> String {
    let value = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_a_bom_and_separates_with_semicolons() {
        let mut csv = ExcelCsv::new(&["Nom", "Créneau"]);
        csv.row(["Aïcha", "9h00"]);
        assert_eq!(csv.into_string(), "\u{feff}Nom;Créneau\r\nAïcha;9h00\r\n");
    }

    #[test]
    fn quotes_what_would_break_a_row_and_defuses_formulas() {
        let mut csv = ExcelCsv::new(&["a"]);
        csv.row(["dit \"oui\"; puis non", "=1+1", "ligne\nsuivante"]);
        assert_eq!(
            csv.into_string(),
            "\u{feff}a\r\n\"dit \"\"oui\"\"; puis non\";'=1+1;\"ligne\nsuivante\"\r\n"
        );
    }
}
