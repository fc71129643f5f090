//! The quote as a PDF file, for the client's accounts department.
//!
//! Written by hand rather than with a PDF crate: a quote is text and a few rules on A4, which
//! the 14 standard PDF fonts (Helvetica, no embedding) and WinAnsi encoding (French accents
//! and €) cover in ~250 lines, at no build cost; the PDF crates measured for this (printpdf,
//! genpdf) bring font parsing and image stacks the 2-core CI would compile for nothing.
//! The HTML page stays the reference; this file carries the same sections and mentions.

use super::{QuoteDocument, format_quantity, format_rate};
use crate::{alterations::format_euros, i18n::Catalogue, ui::time::format_paris};

const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 50.0;

/// A char in WinAnsi (Windows-1252), the encoding of the standard fonts; others become '?'.
fn win_ansi(c: char) -> u8 {
    match c {
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '–' => 0x96,
        '—' => 0x97,
        'œ' => 0x9C,
        'Œ' => 0x8C,
        '\u{a0}' | '\u{202f}' => b' ',
        c if (c as u32) < 0x80 => c as u8,
        c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
        _ => b'?',
    }
}

/// A PDF string literal: `(text)`, with its parentheses and backslashes escaped.
fn literal(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for byte in text.chars().map(win_ansi) {
        if matches!(byte, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(byte);
    }
    out.push(b')');
    out
}

/// Helvetica's average advance, close enough to wrap and right-align amounts.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | ' ' | '|' | '!' => 0.28,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.83,
            'A'..='Z' | '€' | '0'..='9' => 0.64,
            _ => 0.53,
        })
        .sum::<f32>()
        * size
}

/// Splits `text` into lines no wider than `width`, never between an amount and its "€".
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if word.starts_with('€') => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in &words {
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) > width && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.clone()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The pages' content streams, written top to bottom.
struct Writer {
    pages: Vec<Vec<u8>>,
    y: f32,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            pages: vec![Vec::new()],
            y: HEIGHT - MARGIN,
        }
    }

    fn page(&mut self) -> &mut Vec<u8> {
        self.pages.last_mut().expect("a page")
    }

    /// Room for `height` points, or a new page.
    fn need(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.pages.push(Vec::new());
            self.y = HEIGHT - MARGIN;
        }
    }

    fn text_at(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let font = if bold { "F2" } else { "F1" };
        let y = self.y;
        let page = self.page();
        page.extend_from_slice(format!("BT /{font} {size} Tf {x:.2} {y:.2} Td ").as_bytes());
        page.extend_from_slice(&literal(text));
        page.extend_from_slice(b" Tj ET\n");
    }

    /// A paragraph across the page, wrapped.
    fn paragraph(&mut self, size: f32, bold: bool, text: &str) {
        for line in wrap(text, size, WIDTH - 2.0 * MARGIN) {
            self.need(size * 1.4);
            self.y -= size * 1.4;
            self.text_at(MARGIN, size, bold, &line);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    fn rule(&mut self) {
        let y = self.y - 4.0;
        let page = self.page();
        page.extend_from_slice(
            format!(
                "0.5 w {MARGIN:.2} {y:.2} m {:.2} {y:.2} l S\n",
                WIDTH - MARGIN
            )
            .as_bytes(),
        );
        self.y -= 8.0;
    }

    /// A row of cells: (left x, width, right-aligned, text); wrapped cells make the row taller.
    fn row(&mut self, size: f32, bold: bool, cells: &[(f32, f32, bool, String)]) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|(_, width, _, text)| wrap(text, size, *width))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        self.need(size * 1.4 * lines as f32);
        let top = self.y;
        for ((x, width, right, _), cell) in cells.iter().zip(&wrapped) {
            self.y = top;
            for line in cell {
                self.y -= size * 1.4;
                let left = if *right {
                    x + width - text_width(line, size)
                } else {
                    *x
                };
                self.text_at(left, size, bold, line);
            }
        }
        self.y = top - size * 1.4 * lines as f32;
    }

    /// The file: catalogue, pages, two fonts, the streams and the cross-reference table.
    fn finish(self) -> Vec<u8> {
        let count = self.pages.len();
        // Objects: 1 catalog, 2 pages, 3 and 4 fonts, then a page and its stream per page.
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!(
                "<< /Type /Pages /Count {count} /Kids [{}] >>",
                (0..count).map(|i| format!("{} 0 R", 5 + 2 * i)).collect::<Vec<_>>().join(" ")
            )
            .into_bytes(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        ];
        for (i, stream) in self.pages.into_iter().enumerate() {
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    6 + 2 * i
                )
                .into_bytes(),
            );
            let mut object = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
            object.extend_from_slice(&stream);
            object.extend_from_slice(b"\nendstream");
            objects.push(object);
        }
        let mut file = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, object) in objects.iter().enumerate() {
            offsets.push(file.len());
            file.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            file.extend_from_slice(object);
            file.extend_from_slice(b"\nendobj\n");
        }
        let xref = file.len();
        file.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            file.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        file.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        file
    }
}

/// The quote document as a PDF, in the catalogue's words.
pub fn render(document: &QuoteDocument, t: &Catalogue) -> Vec<u8> {
    let q = &t.quotes;
    let QuoteDocument {
        quote,
        client,
        seller,
    } = document;
    let mut w = Writer::new();
    w.paragraph(
        16.0,
        true,
        &format!("{} {}", q.document_title, quote.number),
    );
    w.paragraph(10.0, false, &format!("{} {}", q.version, quote.version));
    w.paragraph(
        10.0,
        false,
        &format!(
            "{} {}",
            q.issued_on,
            format_paris(quote.sent_at.unwrap_or(quote.created_at))
        ),
    );
    w.paragraph(
        10.0,
        true,
        &format!("{} {}", q.valid_until, quote.valid_until),
    );
    w.gap(8.0);
    w.paragraph(11.0, true, &seller.name);
    for line in [
        seller.legal_form.clone(),
        seller.address.clone(),
        format!("SIRET : {}", seller.siret.clone().unwrap_or_default()),
        seller.vat_note.clone(),
    ] {
        w.paragraph(10.0, false, &line);
    }
    w.gap(8.0);
    w.paragraph(11.0, true, q.client);
    if !client.organisation.is_empty() {
        w.paragraph(10.0, true, &client.organisation);
    }
    if let Some(siret) = &client.siret {
        w.paragraph(10.0, false, &format!("SIRET : {siret}"));
    }
    w.paragraph(
        10.0,
        false,
        &format!("{} {}", q.attention_of, client.contact_name),
    );
    w.paragraph(10.0, false, &format!("{} · {}", client.email, client.phone));
    w.gap(8.0);
    w.paragraph(11.0, true, q.service);
    let place = client
        .address
        .clone()
        .unwrap_or_else(|| t.catering.place_here.to_owned());
    let when = match (&client.day, &client.time) {
        (Some(day), Some(time)) => format!("{day} {time}"),
        (Some(day), None) => day.clone(),
        (None, _) => t.made_to_order.no_date.to_owned(),
    };
    w.paragraph(
        10.0,
        false,
        &format!("{} · {when} · {place}", client.reference),
    );
    w.paragraph(10.0, false, &super::ui::service_text(t, &client.service));
    w.gap(10.0);
    // Columns: N°, designation, quantity, unit price, VAT, amount.
    let columns = [
        (MARGIN, 20.0),
        (75.0, 200.0),
        (280.0, 70.0),
        (355.0, 70.0),
        (430.0, 40.0),
        (475.0, WIDTH - MARGIN - 475.0),
    ];
    let cells = |values: [String; 6]| -> Vec<(f32, f32, bool, String)> {
        columns
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, ((x, width), text))| (*x, *width, matches!(i, 3 | 5), text))
            .collect()
    };
    w.row(
        9.0,
        true,
        &cells([
            "N°".into(),
            q.designation.into(),
            q.quantity.into(),
            q.unit_price.into(),
            q.vat.into(),
            q.amount.into(),
        ]),
    );
    w.rule();
    for (i, (_, line)) in quote.lines.iter().enumerate() {
        w.row(
            9.0,
            false,
            &cells([
                (i + 1).to_string(),
                line.designation.clone(),
                format!("{} {}", format_quantity(line.quantity), line.unit),
                format_euros(line.unit_price_cents),
                format_rate(line.vat_bp),
                format_euros(line.amount_cents()),
            ]),
        );
    }
    w.rule();
    let totals = &quote.totals;
    let mut sums = vec![(
        q.total_lines.to_owned(),
        format_euros(totals.lines_cents),
        false,
    )];
    if totals.discount_cents > 0 {
        sums.push((
            format!("{} ({})", q.discount, format_rate(quote.discount_bp)),
            format_euros(-totals.discount_cents),
            false,
        ));
        sums.push((
            q.total_net.to_owned(),
            format_euros(totals.net_cents),
            false,
        ));
    }
    for part in &totals.vat {
        sums.push((
            (q.vat_line)(&format_rate(part.rate_bp), &format_euros(part.base_cents)),
            format_euros(part.vat_cents),
            false,
        ));
    }
    sums.push((
        q.total_gross.to_owned(),
        format_euros(totals.gross_cents),
        true,
    ));
    if totals.deposit_cents > 0 {
        sums.push((
            q.deposit.to_owned(),
            format_euros(totals.deposit_cents),
            false,
        ));
        sums.push((
            q.balance.to_owned(),
            format_euros(totals.balance_cents),
            false,
        ));
    }
    for (label, amount, bold) in sums {
        w.row(
            10.0,
            bold,
            &[
                (300.0, 170.0, false, label),
                (475.0, WIDTH - MARGIN - 475.0, true, amount),
            ],
        );
    }
    w.gap(10.0);
    w.paragraph(
        9.0,
        false,
        &format!("{} {}", q.payment_terms, quote.payment_terms),
    );
    w.paragraph(9.0, false, &(q.penalties)(&seller.penalty_rate));
    w.paragraph(9.0, false, q.recovery_indemnity);
    w.gap(12.0);
    w.need(90.0);
    w.paragraph(11.0, true, q.agreement_title);
    w.paragraph(9.0, false, q.agreement_hint);
    w.gap(6.0);
    w.paragraph(10.0, false, q.agreement_fields);
    w.gap(30.0);
    let status = match quote.status {
        super::Status::Accepted => (q.accepted_by)(
            quote.answer_name.as_deref().unwrap_or(""),
            &quote.answered_at.map(format_paris).unwrap_or_default(),
        ),
        status => (q.status)(status).to_owned(),
    };
    w.paragraph(10.0, true, &status);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_is_encoded_for_the_standard_fonts_and_escaped() {
        assert_eq!(literal("Été (40 €)"), b"(\xC9t\xE9 \\(40 \x80\\))".to_vec());
        assert_eq!(win_ansi('œ'), 0x9C);
        assert_eq!(win_ansi('→'), b'?');
    }

    #[test]
    fn an_amount_stays_with_its_euro_sign() {
        let lines = wrap("une indemnité forfaitaire de 40 € pour frais", 10.0, 150.0);
        assert!(lines.iter().any(|l| l.contains("40 €")), "{lines:?}");
    }

    #[test]
    fn long_text_wraps_inside_its_width() {
        let lines = wrap(
            "Buffet froid de saison avec légumes du jardin partagé et pain",
            10.0,
            120.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 10.0) <= 120.0));
    }
}
