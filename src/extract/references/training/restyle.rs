//! Citations written in other styles from their annotated fields (ACL, natbib, ICML, IEEE, APA,
//! LNCS, Vancouver, Elsevier, Chicago, physics), so that the citation model meets the styles the
//! annotated files hold few of.

use std::sync::LazyLock;

use super::{CitationExample, Lcg};
use crate::extract::references::fields::Field;

/// The citation styles an entry is also written in for training, from its annotated fields:
/// what the annotated files hold little of (ML conference styles, IEEE, LNCS, Vancouver, ...)
/// the parser so still meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "Jia Deng, Wei Dong, and Li Fei-Fei. 2009. Title. In Venue, pages 1–9."
    Acl,
    /// "Jia Deng, Wei Dong and Li Fei-Fei. Title. In Venue, pages 1–9, 2009." (NeurIPS, ICLR:
    /// natbib's plain styles, the year last).
    Natbib,
    /// "Deng, J., Dong, W., and Fei-Fei, L. Title. In Venue, pp. 1–9, 2009."
    Icml,
    /// "J. Deng, W. Dong, and L. Fei-Fei, “Title,” Venue, vol. 3, no. 2, pp. 1–9, 2009."
    Ieee,
    /// "Deng, J., Dong, W., & Fei-Fei, L. (2009). Title. Venue, 3(2), 1–9."
    Apa,
    /// "Deng, J., Dong, W., Fei-Fei, L.: Title. Venue 3, 1–9 (2009)"
    Lncs,
    /// "Deng J, Dong W, Fei-Fei L. Title. Venue. 2009;3(2):1–9."
    Vancouver,
    /// "J. Deng, W. Dong, L. Fei-Fei, Title, Venue 3 (2009) 1–9."
    Elsevier,
    /// "Deng, Jia, Wei Dong, and Li Fei-Fei. 2009. “Title.” Venue 3 (2): 1–9."
    Chicago,
    /// "J. Deng et al., Venue 3, 1 (2009)." : no title, as physics journals write.
    Physics,
}

impl Style {
    pub const ALL: [Style; 10] = [
        Style::Acl,
        Style::Natbib,
        Style::Icml,
        Style::Ieee,
        Style::Apa,
        Style::Lncs,
        Style::Vancouver,
        Style::Elsevier,
        Style::Chicago,
        Style::Physics,
    ];
}

/// Text written field by field, remembering each field's span.
struct Writer {
    text: String,
    fields: Vec<(usize, usize, Field)>,
}

impl Writer {
    fn plain(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn field(&mut self, s: &str, f: Field) {
        let start = self.text.len();
        self.text.push_str(s);
        self.fields.push((start, self.text.len(), f));
    }
}

/// The entry written in another style, where it has the fields that style needs.
pub fn restyled(ex: &CitationExample, style: Style, rng: &mut Lcg) -> Option<CitationExample> {
    let gold = |f: Field| {
        ex.fields.iter().find(|x| x.2 == f).map(|&(s, e, _)| ex.text[s..e].trim().trim_end_matches(['.', ',']))
    };
    let authors = crate::bib::names::split_list(gold(Field::Author)?);
    if authors.is_empty() || authors.iter().any(|a| a.family.is_empty()) {
        return None;
    }
    let year = gold(Field::Date).and_then(|d| d.split(|c: char| !c.is_ascii_digit()).find_map(crate::text::year_of))?;
    let title = gold(Field::Title);
    let venue_field = if gold(Field::Journal).is_some() { Field::Journal } else { Field::Book };
    let venue = gold(venue_field);
    if style != Style::Physics && title.is_none() || venue.is_none() && title.is_none() {
        return None;
    }
    let (volume, issue, pages) = (gold(Field::Volume), gold(Field::Issue), gold(Field::Pages));
    let initials = |given: &str| -> String {
        given
            .split([' ', '.', '-'])
            .filter(|p| !p.is_empty())
            .map(|p| format!("{}.", p.chars().next().unwrap_or('X')))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let bare_initials = |given: &str| -> String {
        given.split([' ', '.', '-']).filter(|p| !p.is_empty()).filter_map(|p| p.chars().next()).collect()
    };
    // The styles that print given names in full mostly meet full names, where the annotated
    // files hold initials.
    let full_names = matches!(style, Style::Acl | Style::Natbib) && rng.chance(FULL_GIVEN_NAMES_PERCENT);
    let serial_comma = style != Style::Natbib || rng.chance(50);
    // Long lists are cut short with "et al." now and then, as styles do.
    let shown = if authors.len() > 3 && rng.chance(40) { 1 + rng.next_u64() as usize % 3 } else { authors.len() };
    let et_al = shown < authors.len();
    let names: Vec<String> = authors[..shown]
        .iter()
        .map(|a| match style {
            Style::Acl | Style::Natbib => {
                let given = if full_names { written_in_full(&a.given, rng) } else { a.given.clone() };
                format!("{given} {}", a.family).trim().to_string()
            }
            Style::Icml | Style::Apa | Style::Lncs => {
                format!("{}, {}", a.family, initials(&a.given)).trim_end_matches(", ").to_string()
            }
            Style::Ieee | Style::Elsevier | Style::Physics => {
                format!("{} {}", initials(&a.given), a.family).trim().to_string()
            }
            Style::Vancouver => format!("{} {}", a.family, bare_initials(&a.given)).trim().to_string(),
            Style::Chicago => format!("{}, {}", a.family, a.given).trim_end_matches(", ").to_string(),
        })
        .collect();
    let list = match (style, names.len(), et_al) {
        (_, _, true) if matches!(style, Style::Vancouver | Style::Physics) => format!("{} et al", names.join(", ")),
        (_, _, true) => format!("{} et al.", names.join(", ")),
        (_, 1, _) => names[0].clone(),
        (Style::Lncs | Style::Vancouver | Style::Elsevier, _, _) => names.join(", "),
        (Style::Apa, _, _) => format!("{}, & {}", names[..names.len() - 1].join(", "), names[names.len() - 1]),
        (_, 2, _) => format!("{} and {}", names[0], names[1]),
        _ if !serial_comma => format!("{} and {}", names[..names.len() - 1].join(", "), names[names.len() - 1]),
        _ => format!("{}, and {}", names[..names.len() - 1].join(", "), names[names.len() - 1]),
    };
    let y = year.to_string();
    let mut w = Writer { text: String::new(), fields: Vec::new() };
    let title = title.unwrap_or("");
    let venue = venue.unwrap_or("");
    let in_ = if venue_field == Field::Book { "In " } else { "" };
    match style {
        Style::Acl => {
            w.field(&list, Field::Author);
            w.plain(". ");
            w.field(&y, Field::Date);
            w.plain(". ");
            w.field(title, Field::Title);
            w.plain(&format!(". {in_}"));
            w.field(venue, venue_field);
            if let Some(p) = pages {
                w.plain(", pages ");
                w.field(p, Field::Pages);
            }
            w.plain(".");
        }
        Style::Natbib => {
            w.field(&list, Field::Author);
            w.plain(". ");
            w.field(title, Field::Title);
            w.plain(&format!(". {in_}"));
            w.field(venue, venue_field);
            if let Some(v) = volume {
                w.plain(", ");
                w.field(v, Field::Volume);
                if let Some(i) = issue {
                    w.plain("(");
                    w.field(i, Field::Issue);
                    w.plain(")");
                }
            }
            if let Some(p) = pages {
                w.plain(if volume.is_some() { ":" } else { ", pages " });
                w.field(p, Field::Pages);
            }
            w.plain(", ");
            w.field(&y, Field::Date);
            w.plain(".");
        }
        Style::Icml => {
            w.field(&list, Field::Author);
            w.plain(" ");
            w.field(title, Field::Title);
            w.plain(&format!(". {in_}"));
            w.field(venue, venue_field);
            if let Some(p) = pages {
                w.plain(", pp. ");
                w.field(p, Field::Pages);
            }
            w.plain(", ");
            w.field(&y, Field::Date);
            w.plain(".");
        }
        Style::Ieee => {
            w.field(&list, Field::Author);
            w.plain(", “");
            w.field(title, Field::Title);
            w.plain(&format!(",” {}", if venue_field == Field::Book { "in " } else { "" }));
            w.field(venue, venue_field);
            if let Some(v) = volume {
                w.plain(", vol. ");
                w.field(v, Field::Volume);
            }
            if let Some(i) = issue {
                w.plain(", no. ");
                w.field(i, Field::Issue);
            }
            if let Some(p) = pages {
                w.plain(", pp. ");
                w.field(p, Field::Pages);
            }
            w.plain(", ");
            w.field(&y, Field::Date);
            w.plain(".");
        }
        Style::Apa | Style::Chicago => {
            w.field(&list, Field::Author);
            if style == Style::Apa {
                w.plain(" (");
                w.field(&y, Field::Date);
                w.plain("). ");
                w.field(title, Field::Title);
                w.plain(". ");
            } else {
                w.plain(". ");
                w.field(&y, Field::Date);
                w.plain(". “");
                w.field(title, Field::Title);
                w.plain(".” ");
            }
            w.field(venue, venue_field);
            if let Some(v) = volume {
                w.plain(if style == Style::Apa { ", " } else { " " });
                w.field(v, Field::Volume);
            }
            if let Some(i) = issue {
                w.plain(if style == Style::Apa { "(" } else { " (" });
                w.field(i, Field::Issue);
                w.plain(")");
            }
            if let Some(p) = pages {
                w.plain(if style == Style::Apa { ", " } else { ": " });
                w.field(p, Field::Pages);
            }
            w.plain(".");
        }
        Style::Lncs => {
            w.field(&list, Field::Author);
            w.plain(": ");
            w.field(title, Field::Title);
            w.plain(". ");
            w.field(venue, venue_field);
            if let Some(v) = volume {
                w.plain(" ");
                w.field(v, Field::Volume);
            }
            if let Some(p) = pages {
                w.plain(", ");
                w.field(p, Field::Pages);
            }
            w.plain(" (");
            w.field(&y, Field::Date);
            w.plain(")");
        }
        Style::Vancouver => {
            w.field(&list, Field::Author);
            w.plain(". ");
            w.field(title, Field::Title);
            w.plain(". ");
            w.field(venue, venue_field);
            w.plain(". ");
            w.field(&y, Field::Date);
            if let Some(v) = volume {
                w.plain(";");
                w.field(v, Field::Volume);
            }
            if let Some(i) = issue {
                w.plain("(");
                w.field(i, Field::Issue);
                w.plain(")");
            }
            if let Some(p) = pages {
                w.plain(":");
                w.field(p, Field::Pages);
            }
            w.plain(".");
        }
        Style::Elsevier | Style::Physics => {
            w.field(&list, Field::Author);
            w.plain(", ");
            if style == Style::Elsevier {
                w.field(title, Field::Title);
                w.plain(", ");
            }
            if venue.is_empty() {
                return None;
            }
            w.field(venue, venue_field);
            if let Some(v) = volume {
                w.plain(" ");
                w.field(v, Field::Volume);
            }
            if style == Style::Elsevier {
                w.plain(" (");
                w.field(&y, Field::Date);
                w.plain(")");
                if let Some(p) = pages {
                    w.plain(" ");
                    w.field(p, Field::Pages);
                }
            } else {
                if let Some(p) = pages {
                    w.plain(", ");
                    w.field(p, Field::Pages);
                }
                w.plain(" (");
                w.field(&y, Field::Date);
                w.plain(")");
            }
            w.plain(".");
        }
    }
    w.fields.retain(|f| f.1 > f.0);
    Some(CitationExample { text: w.text, fields: w.fields })
}

/// How often an ACL or natbib entry has its initials written as full given names: most such
/// entries print them, some (and some styles' authors) keep initials.
const FULL_GIVEN_NAMES_PERCENT: u64 = 70;

/// Given names to write for an initial, by their first letter (a data file of our own).
static GIVEN_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../../../data/words/given-names.txt")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
});

/// `given` with its first initial written as a full name of the same letter ("J. R." → "Jakob
/// R."); other parts, and names already in full, as they are.
fn written_in_full(given: &str, rng: &mut Lcg) -> String {
    let mut parts: Vec<String> = given.split_whitespace().map(str::to_string).collect();
    let Some(first) = parts.first_mut() else { return String::new() };
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() != 1 {
        return given.to_string();
    }
    let same_letter: Vec<&str> = GIVEN_NAMES.iter().copied().filter(|n| n.starts_with(letters[0])).collect();
    if same_letter.is_empty() {
        return given.to_string();
    }
    *first = same_letter[rng.next_u64() as usize % same_letter.len()].to_string();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_initial_is_written_as_a_name_of_its_letter() {
        let mut rng = Lcg::new(7);
        let full = written_in_full("J. R.", &mut rng);
        assert!(full.starts_with('J') && full.ends_with(" R.") && full.len() > 5, "{full}");
        assert_eq!(written_in_full("Jia", &mut rng), "Jia");
        assert_eq!(written_in_full("", &mut rng), "");
    }

    #[test]
    fn natbib_writes_full_names_and_the_year_last() {
        let text = "Deng, J. and Dong, W. 2009. Image nets. In Proc. Vision, 1-9.";
        let span = |piece: &str, f: Field| {
            let at = text.find(piece).unwrap();
            (at, at + piece.len(), f)
        };
        let ex = CitationExample {
            text: text.to_string(),
            fields: vec![
                span("Deng, J. and Dong, W.", Field::Author),
                span("2009", Field::Date),
                span("Image nets", Field::Title),
                span("Proc. Vision", Field::Book),
                span("1-9", Field::Pages),
            ],
        };
        let written = (0..20).filter_map(|seed| restyled(&ex, Style::Natbib, &mut Lcg::new(seed))).collect::<Vec<_>>();
        assert!(written
            .iter()
            .all(|r| r.text.ends_with(", 2009.") && r.text.contains(". Image nets. In Proc. Vision")));
        assert!(written.iter().any(|r| !r.text.starts_with("J. Deng")), "some initials written in full");
        for r in &written {
            let author = r.fields.iter().find(|f| f.2 == Field::Author).unwrap();
            assert!(r.text[author.0..author.1].ends_with("Dong"), "{}", r.text);
        }
    }
}
