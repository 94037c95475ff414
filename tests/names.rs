//! The name detectors of the `en-names` pack (casing, title case, pronoun gender) on the
//! seed article and on tricky sentences.

use mtlint::{Document, LintOptions, Linter, RuleSet};

/// The built-in linter, compiled once for all tests of this file.
fn linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| Linter::new(RuleSet::builtin().unwrap(), LintOptions::default()).unwrap())
}

/// (rule id, matched text, top suggestion) of the en-names findings.
fn names_findings(linter: &Linter, text: &str) -> Vec<(String, String, String)> {
    linter
        .lint_text(text, "en")
        .into_iter()
        .filter(|f| f.rule.starts_with("en-names/"))
        .map(|f| {
            (
                f.rule.trim_start_matches("en-names/").to_string(),
                f.text(text).to_string(),
                f.suggestions
                    .first()
                    .map(|s| s.replacement.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn seed() -> String {
    std::fs::read_to_string("corpus/seed/cnn-roundtrip.txt").unwrap()
}

#[test]
fn seed_article_casing() {
    let found = names_findings(linter(), &seed());
    let casing: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.0 == "casing")
        .map(|f| (f.1.as_str(), f.2.as_str()))
        .collect();
    assert_eq!(
        casing,
        [
            ("Cnn", "CNN"),
            ("kyiv", "Kyiv"),
            ("ukraine", "Ukraine"),
            ("kyiv", "Kyiv")
        ]
    );
}

#[test]
fn seed_article_title_case_runs() {
    let found = names_findings(linter(), &seed());
    let runs: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.0 == "title-case")
        .map(|f| (f.1.as_str(), f.2.as_str()))
        .collect();
    assert_eq!(runs.len(), 3, "{runs:#?}");
    assert!(runs[0]
        .0
        .starts_with("Meeting Russian President Vladimir Putin"));
    assert_eq!(
        runs[0].1,
        "meeting Russian President Vladimir Putin for a third time last week, Witkoff told \
         Fox News that peace deal in Ukraine will center on the “so-called five territories"
    );
    assert_eq!(
        runs[1],
        ("Peninsula Russia Annexed", "peninsula Russia annexed")
    );
    assert_eq!(runs[2], ("Four Mainland", "four mainland"));
}

#[test]
fn title_case_leaves_names_headlines_and_titles_alone() {
    let l = linter();
    for clean in [
        "Witkoff Told Fox News That Peace Deal Will Center on Five Territories\n\nThe talks went on.",
        "The Center for Counter Disinformation, a Ukrainian think tank, said the truce did not last.",
        "OSPF (Open Shortest Path First) is the best protocol to use for dynamic routing here.",
        "Debian provides a wide range of Real-Time Communications (RTC) client software today.",
        "She said the film “Once Upon a Time in the West” was the best thing she saw last year.",
        "He read The Old Man and the Sea Last Week Two Times, and he said it was very good indeed.",
    ] {
        assert_eq!(names_findings(l, clean), [], "{clean}");
    }
}

#[test]
fn casing_respects_documents_that_use_lowercase_on_purpose() {
    let l = linter();
    let text = "Build cairo first. The cairo backend draws; cairo also prints. Link with cairo.";
    assert_eq!(names_findings(l, text), []);
}

#[test]
fn whole_document_lint_reports_names() {
    let l = linter();
    let report = l.lint(&Document::new(
        "t.txt",
        "The allies of kyiv met in Paris on Tuesday to discuss the war.",
    ));
    assert!(report.findings.iter().any(|f| f.rule == "en-names/casing"));
}

#[test]
fn seed_article_pronoun_gender() {
    let found = names_findings(linter(), &seed());
    let gender: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.0 == "pronoun-gender")
        .map(|f| (f.1.as_str(), f.2.as_str()))
        .collect();
    assert_eq!(gender, [("his allies", "its allies")]);
}

#[test]
fn pronoun_gender_needs_a_thing_antecedent() {
    let l = linter();
    let fires = [
        ("Kyiv and his allies were alarmed.", "its allies"),
        (
            "Officials said France and her partners would act.",
            "its partners",
        ),
        (
            "Investors praised the company and her results.",
            "its results",
        ),
        ("NATO and his members met in Brussels.", "its members"),
        (
            "Russia has increased his strikes on Ukraine.",
            "its strikes",
        ),
    ];
    for (text, expected) in fires {
        let found = names_findings(l, text);
        assert!(
            found
                .iter()
                .any(|f| f.0 == "pronoun-gender" && f.2 == expected),
            "{text}: {found:?}"
        );
    }
    for clean in [
        "Macron and his allies were alarmed.",
        "The president and his team arrived in Kyiv.",
        "The president of France and his wife arrived.",
        "Ukraine asked Trump to reconsider his decision.",
        "George Washington and his army crossed the river.",
        "Jordan and his brother played football.",
        "He sold the company and his shares in 2000.",
        "When Zelensky arrived, Ukraine and his ministers met him.",
        "Iran's supreme leader and his advisers met.",
        "Messi helped Argentina win his first title.",
        "France thanked her for her work.",
        "Ukraine, according to Zelensky, lost his best brigade.",
    ] {
        let found = names_findings(l, clean);
        assert!(
            found.iter().all(|f| f.0 != "pronoun-gender"),
            "{clean}: {found:?}"
        );
    }
}
