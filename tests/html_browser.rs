//! End to end in a real browser: `mtlint check --format html` on the seed article,
//! opened in headless Chromium driven over WebDriver (chromedriver). Checks that
//! every finding is highlighted, that hovering and focusing (keys and Tab) shows
//! its tooltip, that filters and the fixed-text view work, that the report makes
//! no request, that markup in a document, a rule message or an original does
//! not run, and that without JavaScript the highlights, `title` tooltips and the
//! list still show. Keeps a screenshot and a printed PDF in `target/test-artifacts/`.
//!
//! Skipped, with a message, when Chromium or chromedriver is missing; under CI
//! (`CI` set) that is a failure, since `.ci/run` installs them.

#[path = "support/webdriver.rs"]
mod webdriver;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use webdriver::{find_program, Driver, Session};

/// The tooltip: whether it shows, which finding it is for, and its text.
const TIP: &str = "const t = document.getElementById('tip');
    return {shown: !t.hidden && getComputedStyle(t).display !== 'none' && t.offsetHeight > 0,
            finding: t.dataset.finding || null, text: t.textContent,
            active: document.activeElement ? document.activeElement.id : null};";

fn mtlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run mtlint")
}

const HOSTILE_PACK: &str = r#"pack:
  name: hostile
  description: A rule whose message and original are full of markup.
  language: en
  pivot: fr
  defaults:
    category: calque
    confidence: 0.9
rules:
  - id: markup
    message: "</mark><script>window.mtlintPwned = 'message'</script> “{match}” <img src=x onerror=\"window.mtlintPwned = 'img'\"> ]]> &amp; \"'<>&"
    phrases:
      reflection group: "</mark><script>window.mtlintPwned = 'original'</script>\"'<>&"
"#;

const HOSTILE_TEXT: &str =
    "The reflection group met. </mark><script>window.mtlintPwned = 'text'</script> \
    \"'<>& <img src=x onerror=\"window.mtlintPwned = 'img'\"> ]]> and the coalition of wishes.\n";

#[test]
fn html_report_in_chromium() {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let chromedriver = find_program(&["chromedriver"]);
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium or chromedriver is not installed, but CI must run this test \
             (.ci/run installs them)"
        );
        // Written to the stream itself, past the test harness's capture, so it shows.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED html_report_in_chromium: chromium or chromedriver is not installed \
             (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let artifacts = repo.join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let tmp = tempfile::tempdir().unwrap();

    // The seed article's report, and what it should show.
    let seed = "corpus/seed/cnn-roundtrip.txt";
    let report = artifacts.join("html-report.html");
    let out = mtlint(&["check", "--format", "html", "--output"])
        .status
        .code();
    assert_eq!(out, Some(2), "--output needs a file");
    let out = mtlint(&[
        "check",
        "--format",
        "html",
        "--output",
        report.to_str().unwrap(),
        seed,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty(), "--output writes nothing to stdout");
    let json: Value =
        serde_json::from_slice(&mtlint(&["check", "--format", "json", seed]).stdout).unwrap();
    let expected = json["files"][0]["diagnostics"].as_array().unwrap().clone();
    assert!(expected.len() >= 10, "the seed article has findings");

    let driver = Driver::start(&chromedriver);
    let session = Session::new(&driver, &chromium, &tmp.path().join("profile"), true);
    session.open(&report);

    // The script ran (the filters are shown), the page made no request, and every
    // finding is highlighted: coloured, visible, in order, with the matched text.
    let page = session.run(
        "return {script: !document.getElementById('filters').hidden,
                 requests: performance.getEntriesByType('resource').map(e => e.name),
                 marks: Array.from(document.querySelectorAll('mark.finding')).map(m => {
                   const r = m.getBoundingClientRect();
                   return {id: m.id, text: m.textContent, background: getComputedStyle(m).backgroundColor,
                           width: r.width, height: r.height, tabindex: m.tabIndex};
                 })};",
        json!([]),
    );
    assert_eq!(page["script"], true, "the report's script did not run");
    assert_eq!(page["requests"], json!([]), "the report made requests");
    let marks = page["marks"].as_array().unwrap();
    assert_eq!(marks.len(), expected.len(), "one highlight per finding");
    for (m, d) in marks.iter().zip(&expected) {
        assert_eq!(m["text"], d["text"], "{m} vs {d}");
        assert!(
            !matches!(
                m["background"].as_str(),
                Some("rgba(0, 0, 0, 0)" | "transparent") | None
            ),
            "not highlighted: {m}"
        );
        assert!(m["width"].as_f64().unwrap() > 0.0 && m["height"].as_f64().unwrap() > 0.0);
        assert_eq!(m["tabindex"], 0);
    }

    // Hovering each highlight shows its message, likely original and rule.
    for (m, d) in marks.iter().zip(&expected) {
        let id = m["id"].as_str().unwrap();
        session.run(
            "document.getElementById(arguments[0]).scrollIntoView({block: 'center'});",
            json!([id]),
        );
        session.hover(&format!("#{id}"));
        let tip = session.run(TIP, json!([]));
        assert_eq!(tip["shown"], true, "no tooltip on hover over {id}: {tip}");
        assert_eq!(tip["finding"], id);
        let text = tip["text"].as_str().unwrap();
        assert!(text.contains(d["message"].as_str().unwrap()), "{text}");
        assert!(text.contains(d["rule"].as_str().unwrap()), "{text}");
        if let Some(s) = d["suggestions"][0]["replacement"].as_str() {
            assert!(text.contains(&format!("Likely original: “{s}”")), "{text}");
        }
    }
    session.move_mouse_to(5, 5);
    assert_eq!(session.run(TIP, json!([]))["shown"], false);

    // Keyboard: j/n and k/p move between findings, Tab too; focus shows the tooltip.
    let focused = |key: &str, id: &str, index: usize| {
        session.press(key);
        let tip = session.run(TIP, json!([]));
        assert_eq!(tip["active"], id, "after {key:?}: {tip}");
        assert_eq!(tip["shown"], true, "no tooltip on focus: {tip}");
        let message = expected[index]["message"].as_str().unwrap();
        assert!(tip["text"].as_str().unwrap().contains(message), "{tip}");
    };
    focused("j", "f0-0", 0);
    focused("n", "f0-1", 1);
    focused("j", "f0-2", 2);
    focused("k", "f0-1", 1);
    focused("p", "f0-0", 0);
    focused("\u{E004}", "f0-1", 1); // Tab
    session.press("\u{E00C}"); // Escape
    assert_eq!(session.run(TIP, json!([]))["shown"], false);

    // Filters: hiding a category removes its highlights from the text and the list.
    let calques = expected
        .iter()
        .filter(|d| d["category"] == "calque")
        .count();
    assert!(calques > 0);
    session.click("#filters input[value='calque']");
    let state = session.run(
        "return {filtered: document.querySelectorAll('mark.finding.filtered').length,
                 hidden: document.querySelectorAll('li.item[hidden]').length,
                 shown: document.getElementById('shown').textContent};",
        json!([]),
    );
    assert_eq!(state["filtered"], calques, "{state}");
    assert_eq!(state["hidden"], calques, "{state}");
    let shown = format!(
        "{} of {} findings shown",
        expected.len() - calques,
        expected.len()
    );
    assert_eq!(state["shown"], shown.as_str());
    // j skips the hidden ones: from the current finding (f0-1), it visits the next
    // three that are shown, in order.
    let next_shown = expected
        .iter()
        .enumerate()
        .filter(|(i, d)| *i > 1 && d["category"] != "calque")
        .map(|(i, _)| format!("f0-{i}"))
        .take(3);
    for id in next_shown {
        session.press("j");
        assert_eq!(session.run(TIP, json!([]))["active"], id.as_str());
    }
    session.click("#filters input[value='calque']");

    // A click in the list goes to the finding and shows its tooltip.
    let last = expected.len() - 1;
    session.click(&format!("#l0-{last} a"));
    let tip = session.run(TIP, json!([]));
    assert_eq!(tip["active"], format!("f0-{last}").as_str(), "{tip}");
    assert_eq!(tip["shown"], true, "{tip}");
    session.press("\u{E00C}"); // Escape

    // The side-by-side view of the text with safe fixes applied.
    let fixed = "const p = document.querySelector('.pane.fixed');
        return {display: getComputedStyle(p).display, text: p.querySelector('pre').textContent,
                ins: p.querySelectorAll('ins').length};";
    assert_eq!(session.run(fixed, json!([]))["display"], "none");
    session.click(".doc .sbs");
    let view = session.run(fixed, json!([]));
    assert_eq!(view["display"], "block", "{view}");
    assert!(view["ins"].as_u64().unwrap() > 0);
    assert!(view["text"]
        .as_str()
        .unwrap()
        .contains("coalition of the willing"));
    session.click(".doc .sbs");

    // A screenshot with a tooltip open, for people to look at.
    session.post("/window/rect", json!({"width": 1280, "height": 1000}));
    session.run(
        "document.activeElement.blur();
         document.querySelectorAll('.current').forEach(e => e.classList.remove('current'));
         document.getElementById('sidebar').scrollTop = 0;
         window.scrollTo(0, 0);",
        json!([]),
    );
    session.hover("#f0-4");
    assert_eq!(session.run(TIP, json!([]))["shown"], true);
    session.screenshot(&artifacts.join("html-report.png"));

    // It prints (to PDF, kept as an artefact).
    let pdf = session.print_pdf();
    assert!(pdf.starts_with(b"%PDF-"));
    std::fs::write(artifacts.join("html-report.pdf"), &pdf).unwrap();

    // Hostile text, rule message, original and file name: nothing of it runs.
    let packs = tmp.path().join("packs");
    std::fs::create_dir(&packs).unwrap();
    std::fs::write(packs.join("hostile.yaml"), HOSTILE_PACK).unwrap();
    let doc = tmp
        .path()
        .join("<img src=x onerror=window.mtlintPwned=1>.txt");
    std::fs::write(&doc, HOSTILE_TEXT).unwrap();
    let hostile = tmp.path().join("hostile.html");
    let out = mtlint(&[
        "check",
        "--language",
        "en",
        "--rules",
        packs.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        hostile.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    session.open(&hostile);
    session.hover("#f0-0");
    let state = session.run(
        "return {pwned: window.mtlintPwned === undefined ? null : String(window.mtlintPwned),
                 scripts: document.scripts.length, images: document.images.length,
                 script: !document.getElementById('filters').hidden,
                 text: document.querySelector('.pane.original pre').textContent,
                 mark: document.getElementById('f0-0').textContent,
                 tip: document.getElementById('tip').textContent};",
        json!([]),
    );
    assert_eq!(state["pwned"], Value::Null, "injected code ran: {state}");
    assert_eq!(state["scripts"], 1, "{state}");
    assert_eq!(state["images"], 0, "{state}");
    assert_eq!(state["script"], true, "{state}");
    assert_eq!(state["text"], HOSTILE_TEXT);
    assert_eq!(state["mark"], "reflection group");
    let tip = state["tip"].as_str().unwrap();
    assert!(
        tip.contains("</mark><script>window.mtlintPwned = 'message'</script>")
            && tip.contains(
                "Likely original: “</mark><script>window.mtlintPwned = 'original'</script>\"'<>&”"
            ),
        "{tip}"
    );
    drop(session);

    // Without JavaScript the report still reads: highlights with their `title`
    // tooltips, and the list with every finding's details.
    let session = Session::new(&driver, &chromium, &tmp.path().join("profile-nojs"), false);
    session.open(&report);
    let page = session.run(
        "return {script: !document.getElementById('filters').hidden,
                 marks: Array.from(document.querySelectorAll('mark.finding')).map(m => ({
                   title: m.title, background: getComputedStyle(m).backgroundColor,
                   width: m.getBoundingClientRect().width})),
                 details: Array.from(document.querySelectorAll('#sidebar .details'))
                   .filter(d => d.offsetHeight > 0).map(d => d.textContent)};",
        json!([]),
    );
    assert_eq!(page["script"], false, "the page's script ran: {page}");
    let marks = page["marks"].as_array().unwrap();
    assert_eq!(marks.len(), expected.len());
    let details = page["details"].as_array().unwrap();
    assert_eq!(details.len(), expected.len(), "{page}");
    for ((m, d), detail) in marks.iter().zip(&expected).zip(details) {
        let message = d["message"].as_str().unwrap();
        assert!(m["title"].as_str().unwrap().starts_with(message), "{m}");
        assert!(m["width"].as_f64().unwrap() > 0.0);
        assert_ne!(m["background"], "rgba(0, 0, 0, 0)", "{m}");
        assert!(detail.as_str().unwrap().contains(message), "{detail}");
    }
    drop(session);

    eprintln!(
        "html report: {} highlights checked in Chromium; screenshot in {}",
        marks.len(),
        artifacts.join("html-report.png").display()
    );
}
