//! The identity rules on entries of our own, one artefact each.

use super::likeness::*;
use super::*;

fn print(title: Option<&str>, author: &str, year: i32, venue: &str, volume: &str, pages: &str) -> WorkPrint {
    let p = ParsedReference {
        authors: if author.is_empty() { vec![] } else { vec![author.to_string()] },
        year: Some(year),
        title: title.map(str::to_string),
        venue: (!venue.is_empty()).then(|| venue.to_string()),
        volume: (!volume.is_empty()).then(|| volume.to_string()),
        pages: (!pages.is_empty()).then(|| pages.to_string()),
        ..Default::default()
    };
    WorkPrint::of(&p, "")
}

const TITLE: &str = "Measuring the drift of glacier tongues with low-cost sensors";

#[test]
fn a_damaged_first_author_is_outweighed_only_by_every_number_of_a_title_less_entry() {
    let clean = print(None, "Lindqvist, K.", 2004, "Journal of Cold Regions", "38", "117-125");
    let scanned = print(None, "K. Lmdqvlst", 2004, "Journal of Cold Regions", "38", "117");
    let cut = print(None, "K. Lind qvist", 2004, "Journal of Cold Regions", "38", "117");
    assert!(compare(&clean, &scanned).is_same(), "{:?}", compare(&clean, &scanned));
    assert!(compare(&clean, &cut).is_same(), "{:?}", compare(&clean, &cut));
    let other = print(None, "K. Okonkwo", 2004, "Journal of Cold Regions", "38", "117");
    assert!(!compare(&clean, &other).is_same(), "another author altogether");
    let other_page = print(None, "K. Lmdqvlst", 2004, "Journal of Cold Regions", "38", "201");
    assert!(!compare(&clean, &other_page).is_same());
    let titled = print(Some(TITLE), "Lindqvist, K.", 2004, "Journal of Cold Regions", "38", "117-125");
    let titled_scan = print(Some(TITLE), "K. Lmdqvlst", 2004, "Journal of Cold Regions", "38", "117");
    assert!(!compare(&titled, &titled_scan).is_same(), "titled entries keep the strict author rule");
}

#[test]
fn a_typo_and_a_lost_space_keep_one_work() {
    let a = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33-41");
    let b = print(Some("Measuring the drfit of glacier tongues withlow-cost sensors"), "N. Okafor", 2011, "", "", "");
    assert!(compare(&a, &b).is_same(), "{:?}", compare(&a, &b));
}

#[test]
fn a_titleless_style_joins_by_author_year_volume_and_page() {
    let titled = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33–41");
    let bare = print(None, "N. Okafor", 2011, "Journal of Ice Studies", "12", "33");
    assert!(compare(&titled, &bare).is_same());
    let other_page = print(None, "N. Okafor", 2011, "Journal of Ice Studies", "12", "90");
    assert!(!compare(&titled, &other_page).is_same());
}

#[test]
fn the_same_title_in_another_year_is_another_version() {
    let a = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
    let b = print(Some(TITLE), "Okafor, N.", 2014, "Ice Letters", "3", "1");
    assert_eq!(compare(&a, &b), Verdict::Different { reason: "different years" });
}

#[test]
fn a_preprint_a_year_before_its_venue_version_is_one_work() {
    let a = print(Some(TITLE), "Okafor, N.", 2010, "arXiv preprint", "", "");
    let b = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
    assert!(compare(&a, &b).is_same());
}

#[test]
fn an_erratum_is_not_its_article() {
    let a = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
    let b = print(Some(&format!("Erratum: {TITLE}")), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "99");
    assert!(!compare(&a, &b).is_same());
}

#[test]
fn front_matter_of_two_journals_stays_apart() {
    let a = print(Some("Table of Contents"), "", 2019, "Journal of Ice Studies", "20", "");
    let b = print(Some("Table of Contents"), "", 2019, "Annals of Fjords", "7", "");
    assert!(!compare(&a, &b).is_same());
}

#[test]
fn a_chapter_is_not_its_book() {
    let chapter = print(Some("Sea ice in a warming century"), "Lind, K.", 2015, "The Polar Handbook", "", "101-130");
    let book = print(Some("The Polar Handbook"), "Lind, K.", 2015, "Frost Press", "", "");
    assert!(!compare(&chapter, &book).is_same());
}

#[test]
fn different_dois_never_merge() {
    let mut a = print(Some(TITLE), "Okafor, N.", 2011, "", "", "");
    let mut b = a.clone();
    a.doi = Some("10.1000/a1".into());
    b.doi = Some("10.1000/a2".into());
    assert!(!compare(&a, &b).is_same());
}

#[test]
fn a_page_range_in_the_text_wins_over_a_misread_issue() {
    let p = ParsedReference { pages: Some("4".into()), ..Default::default() };
    let print = WorkPrint::of(&p, "Okafor, N. \"Glacier tongues.\" Ice Studies 12.4 (2011): 33–41.");
    assert_eq!(print.first_page.as_deref(), Some("33"));
    let years = WorkPrint::of(&p, "Okafor, N. Ice records, 1990-2011.");
    assert_eq!(years.first_page.as_deref(), Some("4"));
    let doi = WorkPrint::of(&p, "Okafor, N. Ice records. In Proc. of Ice, pages 1–14. doi:10.1000/s17-2001.");
    assert_eq!(doi.first_page.as_deref(), Some("1"));
}

#[test]
fn an_abbreviated_venue_is_the_venue() {
    let full = print(None, "Okafor, N.", 2011, "Journal of the Ice Society", "12", "33");
    let short = print(None, "N. Okafor", 2011, "J. Ice Soc.", "12", "33");
    assert!(compare(&full, &short).is_same());
    assert!(abbreviates(&venue_words("Org. Lett."), &venue_words("Organic Letters")));
    assert!(abbreviates(
        &venue_words("Proc. Natl. Acad. Sci."),
        &venue_words("Proceedings of the National Academy of Sciences")
    ));
    assert!(!abbreviates(&venue_words("Ice Lett."), &venue_words("Organic Letters")));
    let other = print(None, "N. Okafor", 2011, "Ann. Fjords", "12", "33");
    assert!(!compare(&full, &other).is_same(), "another venue with the same numbers");
}

#[test]
fn chapters_of_one_book_stay_apart() {
    let a = print(None, "Lind, K.", 2015, "", "", "101–130");
    let b = print(None, "Lind, K.", 2015, "", "", "131–160");
    assert!(!compare(&a, &b).is_same());
}

#[test]
fn blocks_survive_a_damaged_surname() {
    let a = print(Some(TITLE), "Okafor, N.", 2011, "J", "12", "33");
    let b = print(Some(TITLE), "Okafr, N.", 2011, "J", "12", "33");
    let (ka, kb) = (a.blocks(&title_block_words(Some(TITLE))), b.blocks(&title_block_words(Some(TITLE))));
    assert!(ka.iter().any(|k| kb.contains(k)));
    assert!(compare(&a, &b).is_same());
}

fn with_raw(mut p: WorkPrint, raw: &str) -> WorkPrint {
    p.lead = letters(raw).chars().take(LEAD_LETTERS).collect();
    p
}

#[test]
fn a_lone_number_after_the_venue_may_be_the_first_page() {
    let chapter = print(Some("Counting gulls by drone"), "Okafor, N.", 2011, "Seabird Methods", "", "25-82");
    let bare = print(None, "N. Okafor", 2011, "Seabird Methods", "25", "");
    assert!(compare(&chapter, &bare).is_same(), "{:?}", compare(&chapter, &bare));
    let other = print(None, "N. Okafor", 2011, "Seabird Methods", "83", "");
    assert!(!compare(&chapter, &other).is_same());
}

#[test]
fn a_volume_or_a_year_lost_to_a_scan_leaves_the_rest_to_decide() {
    let clean = print(None, "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
    let no_volume = print(None, "N. Okafor", 2011, "Journal of IceStudies12", "", "33");
    assert!(compare(&clean, &no_volume).is_same(), "{:?}", compare(&clean, &no_volume));
    let mut no_year = print(None, "N. Okafor", 2011, "Journal ofIce Studles", "12", "33");
    no_year.year = None;
    assert!(compare(&clean, &no_year).is_same(), "{:?}", compare(&clean, &no_year));
    let elsewhere = print(None, "N. Okafor", 2011, "Annals of Fjords", "", "33");
    assert!(!compare(&clean, &elsewhere).is_same(), "another venue");
    let mut elsewhere_no_year = print(None, "N. Okafor", 2011, "Annals of Fjords", "12", "33");
    elsewhere_no_year.year = None;
    assert!(!compare(&clean, &elsewhere_no_year).is_same(), "another venue");
}

#[test]
fn a_first_author_broken_by_spaces_is_found_in_the_text() {
    let clean = with_raw(
        print(None, "Lindqvist, K.", 2004, "Journal of Cold Regions", "38", "117"),
        "Lindqvist, K. (2004). Journal of Cold Regions, 38, 117.",
    );
    // The parse took "Lind" for the surname: the text still spells the whole name.
    let broken = with_raw(
        print(None, "K. Lind", 2004, "Journal of Cold Regions", "38", "117"),
        "K. Lind qvi st an d B. Hale, Journal of Cold Regions 38, 117 (2004).",
    );
    assert!(compare(&clean, &broken).is_same(), "{:?}", compare(&clean, &broken));
    assert!(written_in("lindqvist", "klindqvistandbhale"));
    assert!(written_in("lindqvist", "klindqvlstandbhale"), "one letter damaged");
    assert!(!written_in("lindqvist", "kokonkwoandbhale"));
    assert!(!written_in("yu", "xwyurwang"), "too short to find in text");
}

#[test]
fn pages_a_parse_misplaced_are_read_from_the_text() {
    let p = ParsedReference { pages: Some("4".into()), ..Default::default() };
    let mla = WorkPrint::of(&p, "Okafor, N. \"Glacier tongues.\" Ice Studies 12.4 (2011): 33.");
    assert_eq!(mla.first_page.as_deref(), Some("33"));
    let split = ParsedReference { pages: Some("3 3".into()), ..Default::default() };
    assert_eq!(WorkPrint::of(&split, "").first_page.as_deref(), Some("33"));
}
