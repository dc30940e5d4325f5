//! The mention finder on small inputs.

use super::*;
use crate::extract::sections;
use crate::registry::{parse_csv, Registry};

fn registry() -> Registry {
    let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
               ImageNet,ILSVRC,,,,,Deng,2009\n\
               CommitmentBank,CB,,,CB,,,\n\
               Natural Questions,NQ,,,NQ,,,\n\
               One Billion Word Benchmark,One Billion Word,,,,,,\n\
               MNIST,,,,,,,\n\
               USPS,,,,,,,\n\
               AFEW,Acted Facial Expressions in the Wild,,,,,,\n";
    Registry::new(parse_csv("t", csv, None).unwrap())
}

fn names(text: &str) -> Vec<(String, String)> {
    let r = registry();
    let layout = sections::split(text, None);
    let refs = layout.references_range().map_or_else(Vec::new, |(s, e)| super::super::references::split(text, s, e));
    let calls = super::super::callouts::find(text, &layout, &refs);
    let m = find(text, &Folded::new(text), &layout, &calls, &refs, &r);
    m.iter()
        .map(|m| {
            let n = match &m.dataset {
                DatasetRef::Known(i) => r.entries[*i].name.clone(),
                DatasetRef::Discovered(_) => m.name.clone().unwrap(),
            };
            (n, m.surface.clone())
        })
        .collect()
}

#[test]
fn registry_names_and_discovered_names() {
    let t = "Title\n\n1 Experiments\nWe train on Ima-geNet and on the Ubuntu Dialogue Corpus. We also use the WikiHow dataset. \
             Results on the Ubuntu Dialogue Corpus are in Table 2.";
    let got = names(t);
    assert!(got.contains(&("ImageNet".into(), "Ima-geNet".into())));
    assert!(got.contains(&("Ubuntu Dialogue Corpus".into(), "Ubuntu Dialogue Corpus".into())), "{got:?}");
    assert!(got.contains(&("WikiHow".into(), "WikiHow".into())), "{got:?}");
}

#[test]
fn tokenised_hyphens_and_lower_case_initial_names_are_discovered() {
    let got = names("Title\n\n1 Experiments\nWe evaluate on the T - LESS dataset and the nuScenes benchmark .");
    let n: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(n, ["T-LESS", "nuScenes"], "{got:?}");
}

#[test]
fn a_list_read_past_its_callouts_names_its_unknown_members() {
    let t = "Title\n\n1 Experiments\nWe use VexDigits (Okafor and Lund, 1996), SVHN (Soto, 2011) and MNIST (Marsh et al., 1998).\n\nReferences\nOkafor, A. and Lund, B. 1996. Ways of joining many classifiers. In Proc. One.\nSoto, C. 2011. Digits read from house fronts. In Workshop Two.\nMarsh, D. et al. 1998. Learning from gradients. Proc. Three.\n";
    let got = names(t);
    assert!(got.iter().any(|(n, s)| n == "VexDigits" && s == "VexDigits"), "{got:?}");
}

#[test]
fn the_cells_under_a_dataset_heading_are_datasets_but_not_a_heading_across() {
    let t = "Title\n\n1 Experiments\nStatistics.\n\ndata set | samples | classes\n\nsoybean | 683 | 19\n\nkr-vs-kp | 3,196 | 2\n\nMNIST | 70,000 | 10\n\nWe ran.\n\nDataset | CIFAR-100 LT\n\nFocal Loss | 38.4\n";
    let got = names(t);
    let n: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(n, ["soybean", "kr-vs-kp", "MNIST"], "{got:?}");
}

#[test]
fn a_lower_case_name_of_several_words_counts_before_a_data_noun() {
    let got =
        names("Title\n\n1 Experiments\nWe pretrain a small encoder on the one-billion-word dataset, then tune it.");
    assert!(got.iter().any(|(n, _)| n == "One Billion Word Benchmark"), "{got:?}");
    assert!(names("Title\n\n1 Intro\nA one billion word count is large.").is_empty());
}

#[test]
fn a_title_and_a_definition_list_name_datasets() {
    let t = "BirdCallR: A Dataset of Recorded Bird Calls for Species Recognition\n\n1 Data\nWe record BirdCallR in three forests.\n- PHRT: The Persian Hotel Review Tweets dataset holds 2,400 tweets.\n- Adam: The optimizer we use.\n";
    let got = names(t);
    let n: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert!(n.contains(&"BirdCallR") && n.contains(&"PHRT"), "{got:?}");
    assert!(!n.contains(&"Adam"), "{got:?}");
}

#[test]
fn a_list_announced_as_datasets_needs_no_known_member() {
    let got = names("Title\n\n1 Experiments\nWe use four datasets: Clipart1k , Watercolor2k , Comic2k and Sketch5k .");
    let n: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert!(n.contains(&"Watercolor2k") && n.contains(&"Comic2k"), "{got:?}");
    let got = names("Title\n\n1 Experiments\nThese benchmarks either use Adam2, AdamW4 or Momentum3.");
    assert!(got.is_empty(), "{got:?}");
    // An item may carry its abbreviation, which is no name of its own.
    let got = names(
        "Title\n\n1 Experiments\nWe use 4 datasets: Pascal-VOC (VOC) , Clipart1k , Watercolor2k , Comic2k to test.",
    );
    let n: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert!(n.contains(&"Watercolor2k") && !n.iter().any(|x| x.contains('(')), "{got:?}");
}

#[test]
fn a_long_form_and_its_abbreviation_are_one_dataset() {
    let t = "Title\n\n1 Data\nWe use the Argument Facet Similarity (AFS) corpus of dialogues. \
             On AFS our model wins. The AFS corpus is small.";
    let got = names(t);
    assert!(!got.is_empty() && got.iter().all(|(n, _)| n == "Argument Facet Similarity"), "{got:?}");
    assert!(got.iter().any(|(_, s)| s == "AFS"), "{got:?}");
}

#[test]
fn a_name_before_test_set_and_one_of_two_names_are_discovered() {
    let got = names("Title\n\n1 Experiments\nWe report accuracy on the LRW test set and on ImageNet.");
    assert!(got.iter().any(|(n, _)| n == "LRW"), "{got:?}");
    let got = names("Title\n\n1 Experiments\nWe evaluate on the benchmarks MNIST and FriendsQA.");
    assert!(got.iter().any(|(n, _)| n == "FriendsQA"), "{got:?}");
    let got = names("Title\n\n1 Intro\nWe thank MNIST and GitHub.");
    assert!(!got.iter().any(|(n, _)| n == "GitHub"), "{got:?}");
}

#[test]
fn a_known_name_running_on_into_a_capitalised_suffix_is_another_dataset() {
    let got = names("Title\n\n1 Experiments\nWe test on the MNIST-M dataset and on MNIST-USPS and on MNIST.");
    assert!(got.iter().any(|(n, s)| n == "MNIST-M" && s == "MNIST-M"), "{got:?}");
    // Another known name or a language code after the hyphen leaves the name as it is.
    assert_eq!(got.iter().filter(|(n, _)| n == "MNIST").count(), 2, "{got:?}");
    assert!(got.iter().any(|(n, _)| n == "USPS"), "{got:?}");
    let got = names("Title\n\n1 Experiments\nWe train on MNIST-EN.");
    assert!(got.iter().any(|(n, _)| n == "MNIST"), "{got:?}");
}

#[test]
fn an_acronym_is_not_spelled_by_small_words() {
    let got = names("Title\n\n1 Experiments\nA few, non exhaustive, examples follow. It helps on only a few datasets.");
    assert!(got.is_empty(), "{got:?}");
    let got = names("Title\n\n1 Experiments\nWe use the Acted Facial Expressions in the Wild dataset.");
    assert_eq!(got[0].0, "AFEW", "{got:?}");
}

#[test]
fn an_ambiguous_name_before_a_technical_term_is_part_of_it() {
    // One mention, the dataset's: the first CB is part of "CB loss".
    let got = names("Title\n\n1 Experiments\nWe add the CB loss and evaluate on the CB dataset.");
    assert_eq!(got, [("CommitmentBank".to_string(), "CB".to_string())]);
}

#[test]
fn an_author_is_no_dataset() {
    let got = names("Title\n\n1 Experiments\nAs Usps et al. (2020) show, the USPS dataset is small.");
    assert_eq!(got, [("USPS".to_string(), "USPS".to_string())]);
}

#[test]
fn a_models_name_with_a_depth_or_a_partner_is_no_dataset() {
    let got = names("Title\n\n1 Experiments\nWe compare on MNIST, ResNet-50, ResNet18, DNN-HMM and SVHN-Extra.");
    assert!(got.iter().any(|(n, _)| n == "SVHN-Extra"), "{got:?}");
    assert!(!got.iter().any(|(n, _)| n.contains("ResNet") || n.contains("HMM")), "{got:?}");
}

#[test]
fn a_plain_word_paired_with_a_known_dataset_and_called_data_is_discovered() {
    let got = names("Title\n\n1 Experiments\nIt is best on the MNIST and Pubmed datasets, whose label rates are low.");
    assert!(got.iter().any(|(n, _)| n == "Pubmed"), "{got:?}");
    // Without the data noun after the pair, one plain word written once is no name.
    let got = names("Title\n\n1 Experiments\nIt is best on MNIST and Pubmed data, whose label rates are low.");
    assert!(!got.iter().any(|(n, _)| n == "Pubmed"), "{got:?}");
}

#[test]
fn a_cue_phrase_stops_at_a_sentence_end() {
    let got = names("Title\n\n1 Intro\nOur tools were written in support of QXV. The corpus is small.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_quoted_name_before_a_data_noun_is_discovered() {
    let got = names("Title\n\n1 Data\nWe introduce a challenging “Multi-Person PoseTrack” dataset for tracking.");
    assert!(got.iter().any(|(n, _)| n == "Multi-Person PoseTrack"), "{got:?}");
}

#[test]
fn translation_pairs_are_the_campaigns_datasets() {
    let got = names("Title\n\n1 Experiments\nWe train on WMT 2016 English to Czech and report BLEU.");
    assert!(got.iter().any(|(n, s)| n == "WMT 2016 English-Czech" && s == "English to Czech"), "{got:?}");
}

#[test]
fn generic_phrases_models_and_metrics_are_not_datasets() {
    let got = names("Title\n\n1 Experiments\nThe training dataset is large. Our dataset is new. We fine-tune BERT on the BLEU benchmark.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn ambiguous_short_names_need_context() {
    assert!(names("Title\n\n1 Intro\nThe CB radio and NQ stand for nothing here.").is_empty());
    let got = names("Title\n\n1 Experiments\nWe evaluate on the CB dataset and on Natural Questions (NQ) test set.");
    let n: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        n.contains(&"Natural Questions") && n.iter().filter(|x| **x == "Natural Questions").count() == 2,
        "{got:?}"
    );
}

#[test]
fn case_shape_of_names() {
    assert!(written_as_named("Ima-geNet", "ImageNet", true));
    assert!(written_as_named("IMAGENET", "ImageNet", true));
    assert!(written_as_named("Penn treebank", "Penn Treebank", true));
    assert!(written_as_named("PascalVOC2007", "PASCAL VOC 2007", true));
    assert!(written_as_named("wikitext-2", "WikiText-2", true));
    assert!(written_as_named("Stereoset", "StereoSet", true));
    assert!(!written_as_named("Multiple", "MultiPL-E", false));
    assert!(!written_as_named("multiple", "MultiPL-E", true));
    assert!(!written_as_named("imagenet", "ImageNet", true));
    assert!(written_as_named("NuScenes", "nuScenes", false));
    assert!(written_as_named("ImageNet-Vid", "ImageNet VID", true));
    assert!(written_as_named("Youtube-BB", "YouTube-BB", true));
    assert!(!written_as_named("A few", "AFEW", false));
    assert!(written_as_named("AF EW", "AFEW", true));
}

#[test]
fn a_web_source_counts_where_it_is_named_as_data() {
    let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
               Common Crawl,,,,,,,\n";
    let r = Registry::new(parse_csv("t", csv, Some("web")).unwrap());
    let count = |text: &str| {
        let layout = sections::split(text, None);
        find(text, &Folded::new(text), &layout, &[], &[], &r).len()
    };
    assert_eq!(count("Title\n\n1 Intro\nText abounds in resources such as Common Crawl, a web archive."), 0);
    assert_eq!(count("Title\n\n1 Data\nWe train on Common Crawl data, filtered."), 1);
    assert_eq!(count("Title\n\n1 Data\nCommon Crawl grows. Common Crawl is big. We use Common Crawl."), 3);
}

#[test]
fn headings_and_symbols_are_not_datasets() {
    assert!(names("Title\n\n1 Experiments\nLet C ∈ R be a constant, and D = {D 1, D 2}.\n").is_empty());
    let got = names("Title\n\nF Ranking and Regression Benchmark\nWe did things well.\n");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn abbreviation_definitions() {
    assert!(initials_match("Multi-Genre Natural Language Inference", "MNLI"));
    assert!(initials_match("Corpus of Linguistic Acceptability", "CoLA"));
    assert!(!initials_match("Natural Language Inference", "BERT"));
}

#[test]
fn an_accession_number_is_no_dataset() {
    assert!(!super::names::shaped_as_a_name("MIM 123456"));
    assert!(!super::names::shaped_as_a_name("PDB 102345"));
    assert!(super::names::shaped_as_a_name("Market 1501"));
    assert!(super::names::shaped_as_a_name("Caltech 101"));
}
