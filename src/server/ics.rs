//! Calendar files and feeds in iCalendar (RFC 5545): a booking's "Ajouter à mon agenda" file, a
//! participant's subscribed planning. Times in Europe/Paris with the VTIMEZONE that defines it
//! (Google and Apple calendars read it; some others need it), CRLF line ends, lines folded at 75
//! octets, text escaped.

use crate::ui::time::{civil, paris_parts};

/// What the event says.
pub struct Event<'a> {
    /// Unique and stable: the same booking gives the same UID, so a calendar updates it.
    pub uid: &'a str,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// Unix seconds: when the file was made (DTSTAMP).
    pub stamp: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    /// A shift the person will miss stays in their calendar, marked cancelled.
    pub cancelled: bool,
}

/// Europe/Paris since 1996: CET, CEST from the last Sunday of March to the last Sunday of
/// October (02:00 and 03:00 local).
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A calendar as an HTTP answer: never cached (it sits behind a private link), `disposition`
/// "attachment" for a file to add, "inline" for a feed calendars subscribe to.
pub fn response(calendar: String, disposition: &str, filename: &str) -> axum::response::Response {
    use axum::{http::header, response::IntoResponse};
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        calendar,
    )
        .into_response()
}

/// A calendar named `name` holding `events` (a feed may hold none).
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Coop'Manau//Coop'Manau//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
        "X-WR-TIMEZONE:Europe/Paris".into(),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| (*l).to_owned()));
    for event in events {
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}", escape(event.uid)),
            format!("DTSTAMP:{}", utc_stamp(event.stamp)),
            format!("DTSTART;TZID=Europe/Paris:{}", paris_stamp(event.starts_at)),
            format!("DTEND;TZID=Europe/Paris:{}", paris_stamp(event.ends_at)),
            format!("SUMMARY:{}", escape(event.summary)),
            format!("LOCATION:{}", escape(event.location)),
            format!("DESCRIPTION:{}", escape(event.description)),
            format!("URL:{}", event.url),
            format!(
                "STATUS:{}",
                if event.cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                }
            ),
            "TRANSP:OPAQUE".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

/// `20261201T083000`, Paris wall-clock time.
fn paris_stamp(utc: i64) -> String {
    let (year, month, day, hour, minute) = paris_parts(utc);
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}00")
}

/// `20261128T072500Z`.
fn utc_stamp(utc: i64) -> String {
    let (year, month, day) = civil(utc.div_euclid(86_400));
    let secs = utc.rem_euclid(86_400);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines longer than 75 octets continue on the next line after CRLF and a space, never inside
/// a UTF-8 character (RFC 5545 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if octets + len > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::time::paris_to_utc;

    fn sample() -> String {
        calendar(
            "Opération ourlets",
            &[Event {
                uid: "O-7K3Q@coopmanau",
                starts_at: paris_to_utc(2026, 12, 1, 8, 30),
                ends_at: paris_to_utc(2026, 12, 1, 8, 50),
                stamp: paris_to_utc(2026, 11, 28, 8, 25),
                summary: "Ourlets, Coop'Manau",
                location: "Atelier couture; Blanchemaille, Roubaix",
                description: "Référence O-7K3Q. Apportez vos 2 vêtements, déjà lavés, et votre \
                          uniforme complet pour l'essayage.\nLien : à garder",
                url: "http://127.0.0.1:3000/ourlets/reservation/abc",
                cancelled: false,
            }],
        )
    }

    #[test]
    fn lines_end_in_crlf_and_fit_in_75_octets() {
        let ics = sample();
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "no bare LF");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
    }

    #[test]
    fn unfolded_it_holds_the_event_in_paris_time_with_its_time_zone() {
        let unfolded = sample().replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        for expected in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Paris",
            "DTSTART;TZID=Europe/Paris:20261201T083000",
            "DTEND;TZID=Europe/Paris:20261201T085000",
            "DTSTAMP:20261128T072500Z",
            "UID:O-7K3Q@coopmanau",
            "SUMMARY:Ourlets\\, Coop'Manau",
            "LOCATION:Atelier couture\\; Blanchemaille\\, Roubaix",
            "END:VEVENT",
        ] {
            assert!(
                lines.contains(&expected),
                "{expected} missing in {unfolded}"
            );
        }
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:"))
            .unwrap();
        assert!(description.contains("vêtements\\, déjà lavés") && description.contains("\\nLien"));
        // Folding kept every multi-byte character whole.
        assert!(std::str::from_utf8(sample().as_bytes()).is_ok());
    }

    #[test]
    fn a_feed_holds_every_event_and_marks_the_missed_ones_cancelled() {
        let event = |uid, day, cancelled| Event {
            uid,
            starts_at: paris_to_utc(2026, 12, day, 9, 0),
            ends_at: paris_to_utc(2026, 12, day, 13, 0),
            stamp: paris_to_utc(2026, 11, 28, 8, 0),
            summary: "Cuisine · Coop'Manau",
            location: "Cuisine du centre social",
            description: "",
            url: "http://127.0.0.1:3000/planning",
            cancelled,
        };
        let ics = calendar(
            "Mon planning Coop'Manau",
            &[
                event("shift-1@coop-manau", 1, false),
                event("shift-2@coop-manau", 3, true),
            ],
        );
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(
            unfolded.matches("BEGIN:VTIMEZONE").count(),
            1,
            "one time zone for all"
        );
        assert!(unfolded.contains("X-WR-CALNAME:Mon planning Coop'Manau\r\n"));
        let second = &unfolded[unfolded.find("UID:shift-2").unwrap()..];
        assert!(second.contains("DTSTART;TZID=Europe/Paris:20261203T090000"));
        assert!(second.contains("STATUS:CANCELLED"));
        assert!(unfolded[..unfolded.find("UID:shift-2").unwrap()].contains("STATUS:CONFIRMED"));
        // An empty feed is still a valid calendar.
        let empty = calendar("Mon planning Coop'Manau", &[]);
        assert!(empty.starts_with("BEGIN:VCALENDAR\r\n") && empty.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let folded = fold(&format!("DESCRIPTION:{}", "é".repeat(80)));
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("DESCRIPTION:{}", "é".repeat(80))
        );
    }
}
