//! The LaTeX reader's unit tests: small sources of our own, one artefact each.

use super::*;

const PAPER: &str = r"\documentclass{article}
\usepackage{amsmath}
\title{Learning on \textbf{Tiny} Images}
\begin{document}
\maketitle
\begin{abstract}
We evaluate on CIFAR-10~\cite{krizhevsky2009}. % a comment with ImageNet
\end{abstract}
\section{Experiments}\label{sec:exp}
Results on ImageNet \citep[p.~3]{deng2009,krizhevsky2009} are in Table~\ref{tab:1}; we also use SVHN \cite{unknownkey}.
$x^2 + \mathrm{MNIST}$ is math.
\begin{tabular}{lcc}
Dataset & Acc \\ \hline
CIFAR-10 & 93.1\% \\
\end{tabular}
\begin{thebibliography}{9}
\bibitem{krizhevsky2009} A.~Krizhevsky. \newblock Learning multiple layers of features from tiny images. \newblock Tech. Rep., 2009.
\bibitem[Deng et al.(2009)]{deng2009} J.~Deng, W.~Dong, and L.~Fei-Fei. \newblock {ImageNet}: A large-scale hierarchical image database. \newblock In \emph{CVPR}, 2009.
\end{thebibliography}
\end{document}
";

#[test]
fn markup_becomes_text_with_numbered_callouts() {
    let (text, title, warnings) = read(PAPER.as_bytes()).unwrap();
    assert_eq!(title.as_deref(), Some("Learning on Tiny Images"));
    assert!(warnings.is_empty());
    assert!(text.contains("\nAbstract\n\nWe evaluate on CIFAR-10 [1]."), "{text}");
    assert!(text.contains("\n1 Experiments\n\nResults"), "{text}");
    assert!(text.contains("Results on ImageNet [2, 1] are in Table ;"), "{text}");
    assert!(text.contains("we also use SVHN ."), "{text}");
    assert!(!text.contains("MNIST") && !text.contains("a comment"), "{text}");
    assert!(text.contains("CIFAR-10 | 93.1%"), "{text}");
    assert!(text.contains("\nReferences\n\n[1] A. Krizhevsky. Learning multiple layers"), "{text}");
    assert!(text.contains("[2] J. Deng, W. Dong, and L. Fei-Fei. ImageNet: A large-scale"), "{text}");
}

#[test]
fn macros_without_arguments_expand() {
    let src = "\\newcommand{\\thumos}{THUMOS'14}\\def\\ours{OurNet}\n\\begin{document}\nWe test \\ours{} on \\thumos\\ and \\thumos.\n\\end{document}";
    let (text, _, _) = read(src.as_bytes()).unwrap();
    assert!(text.contains("We test OurNet on THUMOS'14 and THUMOS'14."), "{text}");
}

#[test]
fn a_macro_named_by_no_backslash_and_letters_is_left_alone() {
    let src = "\\newcommand{\u{fc}}{x}\\newcommand{\\\u{e9}}{y}\\begin{document}We use MNIST.\\end{document}";
    assert!(read(src.as_bytes()).unwrap().0.contains("We use MNIST."));
}

#[test]
fn note_marks_do_not_stick_to_names() {
    let src = "\\begin{document}\nEchonest\\tnote{h} & 12 \\\\\nCIFAR-10\\textsuperscript{1} data.\n\\end{document}";
    let (text, _, _) = read(src.as_bytes()).unwrap();
    assert!(text.contains("Echonest |") && text.contains("CIFAR-10 data."), "{text}");
}

#[test]
fn a_caption_outside_a_float_keeps_its_text_not_its_type() {
    let src = "\\begin{document}\n\\captionof{figure}{Accuracy on the Yahoo! Answers dataset.}\n\\end{document}";
    let (text, _, _) = read(src.as_bytes()).unwrap();
    assert!(text.contains("Accuracy on the Yahoo! Answers dataset.") && !text.contains("figure"), "{text}");
}

#[test]
fn latin1_is_read_with_a_warning() {
    let (text, _, warnings) = read(b"\\section{Caf\xe9}\nText.\n").unwrap();
    assert!(text.contains("1 Caf\u{e9}"));
    assert_eq!(warnings.len(), 1);
}
