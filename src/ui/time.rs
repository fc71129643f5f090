//! Instants shown to people, in Roubaix's time (Europe/Paris): UTC+1, UTC+2 in summer. Summer
//! time runs from the last Sunday of March to the last Sunday of October, 01:00 UTC (EU rule),
//! computed here so the browser bundle needs no time-zone database.

/// Days since 1970-01-01 -> (year, month, day) (Howard Hinnant's civil-from-days).
pub fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// (year, month, day) -> days since 1970-01-01.
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The last Sunday of `month` (March or October), 01:00 UTC, in Unix seconds.
fn last_sunday_1am(year: i64, month: i64) -> i64 {
    let last_day = days_from_civil(year, month, 31);
    let weekday = (last_day + 4).rem_euclid(7); // 1970-01-01 was a Thursday (4); Sunday = 0
    (last_day - weekday) * 86_400 + 3600
}

/// Seconds to add to UTC for Europe/Paris at `utc` (Unix seconds).
pub fn paris_offset(utc: i64) -> i64 {
    let (year, _, _) = civil(utc.div_euclid(86_400));
    let summer = utc >= last_sunday_1am(year, 3) && utc < last_sunday_1am(year, 10);
    if summer { 7200 } else { 3600 }
}

/// The calendar day in Roubaix at `utc`, as days since 1970-01-01.
pub fn paris_day(utc: i64) -> i64 {
    (utc + paris_offset(utc)).div_euclid(86_400)
}

/// "mardi 1 décembre" (days since 1970-01-01), in the visitor's language.
pub fn day_label(t: &crate::i18n::Catalogue, days: i64) -> String {
    let (_, month, day) = civil(days);
    // 1970-01-01 was a Thursday: index 3 in a Monday-first week.
    let weekday = t.home.weekdays[(days + 3).rem_euclid(7) as usize];
    let month = t.common.months[(month - 1) as usize];
    (t.common.day_label)(weekday, day, month)
}

/// `28/11/2026 14:05`, Paris time.
pub fn format_paris(utc: i64) -> String {
    let local = utc + paris_offset(utc);
    let (year, month, day) = civil(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!(
        "{day:02}/{month:02}/{year} {:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// Paris local date and time at `utc`: (year, month, day, hour, minute).
pub fn paris_parts(utc: i64) -> (i64, i64, i64, i64, i64) {
    let local = utc + paris_offset(utc);
    let (year, month, day) = civil(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    (year, month, day, secs / 3600, secs % 3600 / 60)
}

/// The UTC instant of a Paris wall-clock time (in the hour skipped in spring, the later offset).
pub fn paris_to_utc(year: i64, month: i64, day: i64, hour: i64, minute: i64) -> i64 {
    let naive = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60;
    let winter = naive - 3600;
    if paris_offset(winter) == 3600 {
        winter
    } else {
        naive - 7200
    }
}

/// Day of the week of a date, Monday = 1 … Sunday = 7.
pub fn iso_weekday(year: i64, month: i64, day: i64) -> i64 {
    (days_from_civil(year, month, day) + 3).rem_euclid(7) + 1
}

// --- Dates and times as typed in forms ("2026-12-01", "12:15"), Paris local time ---

/// "HH:MM" -> minutes after midnight.
pub fn parse_hhmm(input: &str) -> Result<i64, &'static str> {
    let (h, m) = input.trim().split_once(':').ok_or("time_invalid")?;
    let (h, m): (i64, i64) = (
        h.parse().map_err(|_| "time_invalid")?,
        m.parse().map_err(|_| "time_invalid")?,
    );
    if (0..24).contains(&h) && (0..60).contains(&m) && input.trim().len() == 5 {
        Ok(h * 60 + m)
    } else {
        Err("time_invalid")
    }
}

pub fn format_hhmm(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// "YYYY-MM-DD" -> days since 1970-01-01.
pub fn parse_date(input: &str) -> Result<i64, &'static str> {
    let mut parts = input.trim().splitn(3, '-');
    let mut next = || -> Result<i64, &'static str> {
        parts
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or("date_invalid")
    };
    let (y, m, d) = (next()?, next()?, next()?);
    let days = days_from_civil(y, m, d);
    if (2000..=2100).contains(&y) && civil(days) == (y, m, d) {
        Ok(days)
    } else {
        Err("date_invalid")
    }
}

pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// ISO weekday (1 = Monday) of a day number.
pub fn weekday(days: i64) -> u8 {
    // 1970-01-01 was a Thursday (4).
    ((days + 3).rem_euclid(7) + 1) as u8
}

/// The instant of a Paris local time: `minutes` after midnight on day `days`. Working hours are
/// never in the hour the clocks skip or repeat (02:00–03:00), where this picks winter time.
pub fn local_to_utc(days: i64, minutes: i64) -> i64 {
    let local = days * 86_400 + minutes * 60;
    let summer = local - 7200;
    if paris_offset(summer) == 7200 {
        summer
    } else {
        local - 3600
    }
}

/// The Paris (day, minutes after midnight) of an instant.
pub fn utc_to_paris(utc: i64) -> (i64, i64) {
    let local = utc + paris_offset(utc);
    (local.div_euclid(86_400), local.rem_euclid(86_400) / 60)
}

/// "12:15", Paris time.
pub fn paris_hhmm(utc: i64) -> String {
    format_hhmm(utc_to_paris(utc).1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winter_and_summer_offsets_switch_at_one_utc_on_the_last_sundays() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let march_29_0100 = days_from_civil(2026, 3, 29) * 86_400 + 3600;
        assert_eq!(paris_offset(march_29_0100 - 1), 3600);
        assert_eq!(paris_offset(march_29_0100), 7200);
        let october_25_0100 = days_from_civil(2026, 10, 25) * 86_400 + 3600;
        assert_eq!(paris_offset(october_25_0100 - 1), 7200);
        assert_eq!(paris_offset(october_25_0100), 3600);
    }

    #[test]
    fn formats_in_paris_time() {
        let noon_utc_in_july = days_from_civil(2026, 7, 14) * 86_400 + 12 * 3600;
        assert_eq!(format_paris(noon_utc_in_july), "14/07/2026 14:00");
        let late_utc_new_year = days_from_civil(2026, 12, 31) * 86_400 + 23 * 3600 + 30 * 60;
        assert_eq!(format_paris(late_utc_new_year), "01/01/2027 00:30");
        assert_eq!(civil(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn paris_wall_clock_round_trips_in_winter_and_summer() {
        let winter = paris_to_utc(2026, 12, 1, 8, 30);
        assert_eq!(paris_parts(winter), (2026, 12, 1, 8, 30));
        assert_eq!(
            winter,
            days_from_civil(2026, 12, 1) * 86_400 + 7 * 3600 + 30 * 60
        );
        let summer = paris_to_utc(2026, 7, 14, 14, 0);
        assert_eq!(summer, days_from_civil(2026, 7, 14) * 86_400 + 12 * 3600);
        assert_eq!(iso_weekday(2026, 11, 28), 6);
        assert_eq!(iso_weekday(2026, 11, 30), 1);
    }
}
