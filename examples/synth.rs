//! Writes N realistic synthetic papers for scale tests: sections, datasets from the built-in
//! registry under varied spellings, references in several styles (ACL, numbered, APA), and
//! numeric and author-year callouts. Deterministic for a given N.
//!
//! cargo run --release --example synth -- N DIR

use std::fmt::Write as _;
use std::path::PathBuf;

use citekb::Registry;

/// A small deterministic generator (xorshift64*), so corpora are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] =
    &["Smith", "Chen", "Garcia", "Kumar", "Müller", "Okafor", "Tanaka", "Rossi", "Novak", "Haddad", "Silva", "Kim"];
const GIVEN: &[&str] = &["Alex", "Mei", "Jon", "Priya", "Lena", "Tomás", "Aiko", "Omar", "Sara", "Ivan"];
const TOPICS: &[&str] = &[
    "contrastive pretraining",
    "sparse attention",
    "label noise",
    "quantization",
    "data augmentation",
    "distillation",
    "curriculum learning",
    "meta-learning",
];
const VERBS: &[&str] = &["train on", "evaluate on", "fine-tune on", "report results on", "pre-train on"];

fn spelling(rng: &mut Rng, name: &str, aliases: &[String]) -> String {
    let mut forms: Vec<String> = vec![name.to_string()];
    forms.extend(aliases.iter().filter(|a| a.len() > 3).cloned());
    let form = rng.pick(&forms).clone();
    match rng.below(4) {
        0 => form.replace('-', ""),
        1 => form.replace('-', " "),
        _ => form,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: synth N DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let registry = Registry::builtin().expect("seeds parse");
    let known: Vec<_> =
        registry.entries.iter().filter(|e| e.intro.author.is_some() && e.intro.year.is_some()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
    for i in 0..n {
        let numbered = rng.below(2) == 0;
        let topic = rng.pick(TOPICS);
        let mut refs: Vec<String> = Vec::new();
        let mut text = String::new();
        let datasets: Vec<_> = (0..2 + rng.below(4)).map(|_| *rng.pick(&known)).collect();
        writeln!(
            text,
            "On {topic} for robust models, study {i}\n\nAbstract\nWe study {topic}. We {} {} and more.\n",
            rng.pick(VERBS),
            datasets[0].name
        )
        .unwrap();
        writeln!(text, "1 Introduction\nPrior work on {topic} is broad [{}].\n\n2 Related Work\nMany methods exist.\n\n3 Experiments", 1).unwrap();
        for d in &datasets {
            let author = d.intro.author.clone().unwrap_or_default();
            let year = d.intro.year.unwrap_or(2020);
            let title = d.intro.title.clone().unwrap_or_else(|| format!("The {} dataset", d.name));
            let style = rng.below(3);
            let entry = match style {
                0 => format!(
                    "{} {author}, {} {}, and {} {}. {year}. {title}. In Proceedings of the Conference.",
                    rng.pick(GIVEN),
                    rng.pick(GIVEN),
                    rng.pick(SURNAMES),
                    rng.pick(GIVEN),
                    rng.pick(SURNAMES)
                ),
                1 => format!(
                    "{author}, {}., {}, {}. ({year}). {title}. Journal of Data, 12(3):1-20.",
                    &rng.pick(GIVEN)[..1],
                    rng.pick(SURNAMES),
                    &rng.pick(GIVEN)[..1]
                ),
                _ => format!(
                    "{}. {author} and {}. {}, \"{title},\" in Proc. Workshop, {year}.",
                    &rng.pick(GIVEN)[..1],
                    rng.pick(SURNAMES),
                    &rng.pick(GIVEN)[..1]
                ),
            };
            refs.push(entry);
            let callout = if numbered { format!("[{}]", refs.len()) } else { format!("({author} et al., {year})") };
            let name = spelling(&mut rng, &d.name, &d.aliases);
            writeln!(text, "We {} the {name} dataset {callout} and report accuracy on its test set.", rng.pick(VERBS))
                .unwrap();
        }
        for _ in 0..3 + rng.below(10) {
            refs.push(format!(
                "{} {}. {}. A study of {} in practice. arXiv preprint arXiv:{}.{:05}.",
                rng.pick(GIVEN),
                rng.pick(SURNAMES),
                2015 + rng.below(9),
                rng.pick(TOPICS),
                1500 + rng.below(900),
                rng.below(99999)
            ));
        }
        writeln!(text, "\n4 Conclusion\nIt works.\n\nReferences\n").unwrap();
        for (k, r) in refs.iter().enumerate() {
            if numbered {
                writeln!(text, "[{}] {r}", k + 1).unwrap();
            } else {
                writeln!(text, "- {r}\n").unwrap();
            }
        }
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create a subfolder");
        }
        std::fs::write(sub.join(format!("paper-{i:07}.txt")), text).expect("write a paper");
    }
    eprintln!("wrote {n} papers under {}", dir.display());
}
