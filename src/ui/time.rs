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
}
