//! The app's own pictograms: the 14 allergens and the planning's sectors, drawn as small inline
//! SVG in the text's colour. Emoji were used before; they look different on every phone and
//! show as empty boxes where no emoji font is installed, and some printers drop them. Every
//! pictogram sits beside its words (or carries them as its label): it never speaks alone.

use leptos::prelude::*;

/// Lines on a 24 × 24 grid, stroked in the text's colour (`Pictogram` sets the stroke).
const DRAWINGS: [(&str, &str); 25] = [
    // The allergens of regulation (EU) 1169/2011, annex II (lunch::ALLERGENS).
    (
        "gluten",
        "<path d='M12 22V7'/><path d='M12 7c-2-1-3-2.5-3-5 2 1 3 2.5 3 5zm0 0c2-1 3-2.5 3-5-2 1-3 2.5-3 5zM12 12.5c-2.5-.4-4-2-4.5-4 2.5.3 4 1.7 4.5 4zm0 0c2.5-.4 4-2 4.5-4-2.5.3-4 1.7-4.5 4zM12 17.5c-2.5-.4-4-2-4.5-4 2.5.3 4 1.7 4.5 4zm0 0c2.5-.4 4-2 4.5-4-2.5.3-4 1.7-4.5 4z'/>",
    ),
    (
        "crustaces",
        "<ellipse cx='12' cy='14.5' rx='6' ry='4'/><path d='M6.5 12.5C3.5 11.5 2.5 8.5 3.5 6l2 2 1-3c2 1 2.2 4.5 1.2 6.5M17.5 12.5c3-1 4-4 3-6.5l-2 2-1-3c-2 1-2.2 4.5-1.2 6.5M6.5 16.5l-3 2M7.5 18l-2 3M17.5 16.5l3 2M16.5 18l2 3M10 10.5V9M14 10.5V9'/>",
    ),
    (
        "oeufs",
        "<path d='M12 3c-3.5 0-6.5 6-6.5 10.5a6.5 6.5 0 0 0 13 0C18.5 9 15.5 3 12 3z'/>",
    ),
    (
        "poissons",
        "<path d='M5 12c3-4 6-5 9-5 3.5 0 6 2.5 7 5-1 2.5-3.5 5-7 5-3 0-6-1-9-5zM5 12 2 8v8z'/><circle cx='17' cy='11' r='.8'/>",
    ),
    (
        "arachides",
        "<path d='M12 2a4.5 4.5 0 0 0-3 7.8c.6.6.6 1.6 0 2.2a4.5 4.5 0 1 0 6 0c-.6-.6-.6-1.6 0-2.2A4.5 4.5 0 0 0 12 2z'/><path d='M10.5 5.5h.01M13.5 7h.01M10.5 15.5h.01M13.5 17.5h.01'/>",
    ),
    (
        "soja",
        "<path d='M4 20C3 13 8 4 20 4c1 7-4 16-16 16z'/><circle cx='9' cy='15' r='1.5'/><circle cx='12' cy='12' r='1.5'/><circle cx='15' cy='9' r='1.5'/>",
    ),
    (
        "lait",
        "<path d='M8 2h8v3l2 3v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V8l2-3z'/><path d='M6 11h12M6 16h12'/>",
    ),
    (
        "fruits_a_coque",
        "<path d='M4.5 10c0-3 3.4-5 7.5-5s7.5 2 7.5 5z'/><path d='M12 5V2.5'/><path d='M6 10c0 6 3 10 6 11 3-1 6-5 6-11'/>",
    ),
    (
        "celeri",
        "<path d='M9 22V11M12 22V9M15 22V11M7.5 22h9'/><path d='M9 11C6 10 5 7 6 4.5c2 .5 3 3 3 6.5zM12 9c0-3 1-5.5 3-6.5 1 2.5 0 5.5-3 6.5zM15 11c1-3 3-4.5 5.5-4 0 2.5-2.5 4-5.5 4z'/>",
    ),
    (
        "moutarde",
        "<path d='M8.5 2.5h7v3.5h-7z'/><path d='M7 6h10l1.5 3v11a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1V9z'/><path d='M9 12h6v5H9z'/>",
    ),
    (
        "sesame",
        "<path d='M8 3c2 2 2 5 0 7-2-2-2-5 0-7zM16 3c2 2 2 5 0 7-2-2-2-5 0-7zM12 12.5c2 2 2 5 0 7-2-2-2-5 0-7z'/>",
    ),
    (
        "sulfites",
        "<path d='M7 3h10c0 5-2 8.5-5 8.5S7 8 7 3z'/><path d='M12 11.5V20M8 21h8M7.5 6.5h9'/>",
    ),
    (
        "lupin",
        "<path d='M12 22V9'/><ellipse cx='12' cy='4' rx='1.5' ry='1.8'/><ellipse cx='10' cy='7.5' rx='1.8' ry='1.3'/><ellipse cx='14' cy='7.5' rx='1.8' ry='1.3'/><ellipse cx='9.5' cy='11' rx='1.8' ry='1.3'/><ellipse cx='14.5' cy='11' rx='1.8' ry='1.3'/><path d='M12 19c-3 0-5-1-6.5-3.5 3-1 5.5 0 6.5 3.5zm0 0c3 0 5-1 6.5-3.5-3-1-5.5 0-6.5 3.5z'/>",
    ),
    (
        "mollusques",
        "<path d='M12 19 3.5 9a9.5 9.5 0 0 1 17 0z'/><path d='M12 19 7.5 6.5M12 19V5M12 19l4.5-12.5M10 19h4v2.5h-4z'/>",
    ),
    // The planning's sectors (planning::PICTOGRAMS).
    (
        "cook",
        "<circle cx='10' cy='13' r='6.5'/><path d='M16.5 13H22'/><circle cx='10' cy='13' r='2'/>",
    ),
    (
        "plate",
        "<circle cx='12.5' cy='12' r='6'/><circle cx='12.5' cy='12' r='3'/><path d='M3 3v5a1.5 1.5 0 0 0 3 0V3M4.5 9.5V21M21.5 3c-1.5 1-2 3-2 6h2v12'/>",
    ),
    (
        "thread",
        "<path d='M6 3h12M6 21h12M8 3v18M16 3v18M8 7l8 2.5M8 11.5l8 2.5M8 16l8 2.5'/>",
    ),
    (
        "bell",
        "<path d='M3 19h18M5 19a7 7 0 0 1 14 0M12 12V9.5M10 9.5h4'/>",
    ),
    ("hammer", "<path d='M4 3h12v4H4zM9.5 7h2.5v14H9.5z'/>"),
    (
        "shirt",
        "<path d='M8.5 3 3 6l2 4.5 2.5-1.2V21h9V9.3l2.5 1.2L21 6l-5.5-3c0 1.8-1.6 3-3.5 3s-3.5-1.2-3.5-3z'/>",
    ),
    (
        "box",
        "<path d='M3 7.5 12 3l9 4.5v9L12 21l-9-4.5z'/><path d='M3 7.5 12 12l9-4.5M12 12v9'/>",
    ),
    (
        "broom",
        "<path d='M20 2.5 12 12'/><path d='M12 12c-3.5-.5-7 2.5-8.5 9.5 7-1.5 10-5 9.5-8.5z'/><path d='M7 18l2.5-2.5'/>",
    ),
    (
        "leaf",
        "<path d='M12 21v-9'/><path d='M12 12c0-4-3-7-8-7 0 4 3 7 8 7zm0 0c0-3 2.5-6 7.5-6 0 3.5-2.5 6-7.5 6z'/>",
    ),
    ("computer", "<path d='M3 4h18v12H3zM8 20.5h8M12 16v4.5'/>"),
    (
        "star",
        "<path d='m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z'/>",
    ),
];

/// Whether `key` has a drawing.
pub fn has_pictogram(key: &str) -> bool {
    DRAWINGS.iter().any(|(k, _)| *k == key)
}

/// The pictogram `key` (an allergen code or a sector's pictogram); a star for an unknown one.
/// Decorative unless `label` is given (then it is an image with those words).
#[component]
pub fn Pictogram(key: String, #[prop(optional)] label: Option<String>) -> impl IntoView {
    let drawing = DRAWINGS
        .iter()
        .find(|(k, _)| *k == key)
        .or_else(|| DRAWINGS.iter().find(|(k, _)| *k == "star"))
        .map_or("", |(_, d)| *d);
    let decorative = label.is_none();
    view! {
        <svg class="pictogram" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor"
            stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" focusable="false"
            aria-hidden=decorative.then_some("true") role=label.is_some().then_some("img") aria-label=label
            inner_html=drawing>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_allergen_and_sector_has_its_own_drawing() {
        for code in crate::lunch::ALLERGENS {
            assert!(has_pictogram(code), "{code}");
        }
        for key in crate::planning::PICTOGRAMS {
            assert!(has_pictogram(key), "{key}");
        }
        let mut drawings: Vec<&str> = DRAWINGS.iter().map(|(_, d)| *d).collect();
        drawings.sort_unstable();
        drawings.dedup();
        assert_eq!(drawings.len(), DRAWINGS.len(), "no two alike");
    }
}
