//! Personal names in author lists: a list as a reference writes it ("Deng, J., Dong, W. and Li,
//! L.-J.", "Jia Deng, Wei Dong, and Li Fei-Fei", "Martin GA, Xu G, et al.") split into names,
//! each with its family name (particles such as "van der" included) and its given names.

use std::fmt;

/// One person's name, its parts told apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    /// "van der Maaten", "Fei-Fei", "Tjong Kim Sang" (where the entry writes it first).
    pub family: String,
    /// "Laurens", "L.", "G. A."; empty where the entry gives none.
    pub given: String,
    /// "Jr.", "III".
    pub suffix: String,
}

impl Name {
    /// A name as one author of a list writes it: "Deng, J.", "J. Deng", "Jia Deng", "Deng J",
    /// "van der Maaten, L.", "Martin Luther King Jr.".
    pub fn parse(written: &str) -> Name {
        let written = written.trim().trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
        if let Some((family, given)) = written.split_once(',') {
            let (given, suffix) = split_suffix(given.trim());
            if given.is_empty() && !suffix.is_empty() {
                // "P. E. Ellis, Jr.": the name before the comma is written given name first.
                return Name { suffix, ..Name::parse(family) };
            }
            return Name { family: family.trim().to_string(), given, suffix };
        }
        let mut words: Vec<&str> = written.split_whitespace().collect();
        let mut suffix = String::new();
        if words.len() > 1 && is_suffix(words[words.len() - 1]) {
            suffix = words.pop().unwrap_or_default().to_string();
        }
        if words.len() <= 1 {
            return Name { family: words.concat(), given: String::new(), suffix };
        }
        // "Martin GA", "Deng J": capitals after the family name (Vancouver style).
        // "Okafor E.", "Lund J.-P." likewise, with periods.
        let trailing_initials = words.iter().rev().take_while(|w| is_bare_initials(w) || is_initial_word(w)).count();
        if trailing_initials > 0 && trailing_initials < words.len() && !is_initial_word(words[0]) {
            let split = words.len() - trailing_initials;
            return Name { family: words[..split].join(" "), given: words[split..].join(" "), suffix };
        }
        // "Laurens van der Maaten", "J. Deng": the family name is the last word with the
        // particles before it.
        let mut start = words.len() - 1;
        while start > 1 && is_particle(words[start - 1]) {
            start -= 1;
        }
        if start == 1 && is_particle(words[0]) {
            start = 0;
        }
        Name { family: words[start..].join(" "), given: words[..start].join(" "), suffix }
    }

    /// "Family, Given" (the form a reference list's other styles and BibTeX agree on), or the
    /// family name alone.
    pub fn canonical(&self) -> String {
        let mut s = self.family.clone();
        if !self.given.is_empty() {
            s.push_str(", ");
            s.push_str(&self.given);
        }
        if !self.suffix.is_empty() {
            s.push_str(", ");
            s.push_str(&self.suffix);
        }
        s
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// Words that belong to the family name that follows them.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "van"
            | "von"
            | "der"
            | "den"
            | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "dos"
            | "das"
            | "du"
            | "le"
            | "la"
            | "ter"
            | "ten"
            | "zu"
            | "af"
            | "al"
            | "el"
            | "bin"
            | "ibn"
            | "st."
            | "'t"
            | "v."
            | "d'"
    )
}

fn is_suffix(w: &str) -> bool {
    matches!(w.trim_end_matches(['.', ',']).to_ascii_lowercase().as_str(), "jr" | "sr" | "ii" | "iii" | "iv")
}

fn split_suffix(given: &str) -> (String, String) {
    match given.rsplit_once([',', ' ']) {
        Some((g, s)) if is_suffix(s) => (g.trim().trim_end_matches(',').to_string(), s.to_string()),
        _ if is_suffix(given) => (String::new(), given.to_string()),
        _ => (given.to_string(), String::new()),
    }
}

/// "J.", "L.-J.", "A.R.", "Ph.": one or more initials, each closed by a period (or a hyphen).
fn is_initial_word(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    w.contains('.')
        && w.split(['.', '-']).filter(|p| !p.is_empty()).all(|p| {
            let mut cs = p.chars();
            let first = cs.next();
            first.is_some_and(char::is_uppercase) && cs.count() <= 1
        })
}

/// "GA", "J", "AB": initials written without periods, after the family name.
fn is_bare_initials(w: &str) -> bool {
    let n = w.chars().count();
    (1..=3).contains(&n) && w.chars().all(char::is_uppercase)
}

/// A part of a list made only of initials: "J.", "A. R.", "P.A.", "L.-J.", "GA".
fn is_initials_part(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    !words.is_empty() && words.iter().all(|w| is_initial_word(w) || is_bare_initials(w.trim_end_matches('.')))
}

/// Splits an author list into names, each as the list writes it ("Deng, J.", "Jia Deng",
/// "Martin GA"; [`Name::parse`] reads any of them); "et al." and "and others" are dropped.
pub fn split_names(list: &str) -> Vec<String> {
    split_written(list)
}

/// Splits an author list into names.
pub fn split_list(list: &str) -> Vec<Name> {
    split_written(list).iter().map(|w| Name::parse(w)).collect()
}

fn split_written(list: &str) -> Vec<String> {
    let parts = parts_of(list);
    if parts.is_empty() {
        return Vec::new();
    }
    // "Smith, John, Jones, Mary": single words in comma-joined pairs are (family, given) only
    // where no word is written as initials; "Vaswani and Shazeer" stays two names.
    let single_word_pairs = parts.len().is_multiple_of(2)
        && parts.iter().all(|(p, _)| !p.contains(' ') && !is_initials_part(p))
        && parts.iter().skip(1).step_by(2).all(|&(_, after_comma)| after_comma);
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i].0.as_str();
        let next = parts.get(i + 1).map(|x| x.0.as_str());
        match next {
            Some(n) if !is_initials_part(p) && (is_suffix(n) || is_initials_part(n) || single_word_pairs) => {
                out.push(format!("{p}, {n}"));
                i += 2;
            }
            _ => {
                out.push(p.to_string());
                i += 1;
            }
        }
    }
    out
}

/// The parts of a list between its separators, each with whether a comma (rather than "and",
/// "&" or ";") came before it; "et al.", "and others" and editor marks are dropped.
fn parts_of(list: &str) -> Vec<(String, bool)> {
    let mut s = format!(" {} ", list.split_whitespace().collect::<Vec<_>>().join(" "));
    for drop in [" et al.", " et al", " etal.", " and others", "(eds.)", "(Eds.)", "(ed.)", "(Ed.)", " eds.", " Eds."] {
        s = s.replace(drop, " ");
    }
    for sep in [", and ", ", & ", " and ", " & ", " et ", " und ", ";"] {
        s = s.replace(sep, "\u{1}");
    }
    let s = s.trim().trim_end_matches([',', ':', ';']).trim();
    // A final period ends the list unless it closes an initial ("Hinton, G.").
    let last_word = s.rsplit([' ', ',']).next().unwrap_or("");
    let s = if is_initial_word(last_word) { s } else { s.trim_end_matches('.') };
    let mut out = Vec::new();
    let mut after_comma = false;
    for piece in s.split_inclusive([',', '\u{1}']) {
        let sep = piece.chars().last();
        let text = piece.trim_end_matches([',', '\u{1}']).trim();
        if !text.is_empty() {
            out.push((text.to_string(), after_comma));
        }
        after_comma = sep == Some(',');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Vec<String> {
        split_list(list).iter().map(Name::canonical).collect()
    }

    #[test]
    fn inverted_lists() {
        assert_eq!(
            names("Deng, J., Dong, W., Li, L.-J., and Fei-Fei, L."),
            ["Deng, J.", "Dong, W.", "Li, L.-J.", "Fei-Fei, L."]
        );
        assert_eq!(names("Barron, A. R., Birgé, L. and Massart, P."), ["Barron, A. R.", "Birgé, L.", "Massart, P."]);
        assert_eq!(names("Suarez, P.A., Pereira, M.S."), ["Suarez, P.A.", "Pereira, M.S."]);
        assert_eq!(names("Akaike, H."), ["Akaike, H."]);
        assert_eq!(names("Smith, John and Jones, Mary"), ["Smith, John", "Jones, Mary"]);
    }

    #[test]
    fn given_first_lists() {
        assert_eq!(names("Jia Deng, Wei Dong, and Li Fei-Fei"), ["Deng, Jia", "Dong, Wei", "Fei-Fei, Li"]);
        assert_eq!(names("J. P. Collman et J. L. Sessler"), ["Collman, J. P.", "Sessler, J. L."]);
        assert_eq!(
            names("Laurens van der Maaten and Geoffrey Hinton"),
            ["van der Maaten, Laurens", "Hinton, Geoffrey"]
        );
        assert_eq!(names("A. Ashtekar, J. Bičák, and B.G. Schmidt"), ["Ashtekar, A.", "Bičák, J.", "Schmidt, B.G."]);
        assert_eq!(names("Alex Krizhevsky et al."), ["Krizhevsky, Alex"]);
    }

    #[test]
    fn family_first_without_commas() {
        assert_eq!(names("Martin GA, Xu G, Boyd KP, et al."), ["Martin, GA", "Xu, G", "Boyd, KP"]);
        assert_eq!(names("Kawashima Y et al."), ["Kawashima, Y"]);
        assert_eq!(names("Di Nicolantonio F"), ["Di Nicolantonio, F"]);
        assert_eq!(Name::parse("Okafor E.").family, "Okafor");
        assert_eq!(Name::parse("Lund J.-P.").family, "Lund");
        assert_eq!(Name::parse("J. Lund").family, "Lund");
    }

    #[test]
    fn suffixes_and_particles() {
        let n = Name::parse("Martin Luther King Jr.");
        assert_eq!((n.family.as_str(), n.given.as_str(), n.suffix.as_str()), ("King", "Martin Luther", "Jr."));
        assert_eq!(names("P. E. Ellis, Jr., R. D. Jones"), ["Ellis, P. E., Jr.", "Jones, R. D."]);
        assert_eq!(Name::parse("van der Maaten, L.").family, "van der Maaten");
        assert_eq!(Name::parse("de Vries").family, "de Vries");
    }
}
