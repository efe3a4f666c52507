//! What the server meets on Windows, tested on any system with the in-process client of
//! `lsp.rs`: document URIs with a drive letter (`file:///c%3A/…` from VS Code, `file:///C:/…`
//! from Neovim) come back unchanged in diagnostics and fixes, CRLF text gives the diagnostics
//! of its LF twin, and `include` globs written with backslashes apply to such documents.
//! `scripts/test-platforms.sh` runs the Windows binary itself under Wine.

use ogi_lint::analysis::Options;
use ogi_lint::line_index::Encoding;
use serde_json::{json, Value};

use crate::lsp::{action_edits, expected, project, push_caps, test_settings, TestClient};

/// The sample report with errors that have quick fixes.
const DRAFT: &str = include_str!("../../examples/2021-市商务局-draft.md");

/// As VS Code sends them (lower-case drive letter, `:` and non-ASCII percent-encoded), as
/// Neovim does (upper-case, `:` as is), and a second drive.
const WINDOWS_URIS: [&str; 3] = [
    "file:///c%3A/Users/%E5%BC%A0%E4%B8%89/Documents/reports/2021%20%E5%B8%82%E5%95%86%E5%8A%A1%E5%B1%80.md",
    "file:///C:/Users/zhang/Documents/reports/draft.md",
    "file:///d%3A/%E6%8A%A5%E5%91%8A/reports/draft.md",
];

#[tokio::test]
async fn drive_letter_uris_get_their_diagnostics_back_unchanged() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let want = expected(DRAFT, &Options::default(), Encoding::Utf16);
    assert!(!want.is_empty());
    for uri in WINDOWS_URIS {
        client.open(uri, "markdown", DRAFT, 1);
        // `diagnostics` waits for a publishDiagnostics whose `uri` is exactly this string.
        let got = client.diagnostics(uri, Some(1)).await;
        assert_eq!(project(&got), want, "{uri}");

        // A quick fix edits the document under the same URI.
        let diag = got
            .iter()
            .find(|d| d["code"] == "total-mismatch")
            .expect("the draft has a wrong total");
        let actions = client.quick_fixes(uri, diag).await;
        let fix = &actions[0];
        assert_eq!(fix["kind"], "quickfix", "{fix}");
        assert!(!action_edits(fix, uri).is_empty(), "{uri}: {fix}");
    }
    client.shutdown().await;
}

#[tokio::test]
async fn crlf_text_gives_the_diagnostics_of_its_lf_twin() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let crlf = DRAFT.replace('\n', "\r\n");
    let (lf_uri, crlf_uri) = (WINDOWS_URIS[1], WINDOWS_URIS[0]);
    client.open(lf_uri, "markdown", DRAFT, 1);
    client.open(crlf_uri, "markdown", &crlf, 1);
    let lf = client.diagnostics(lf_uri, Some(1)).await;
    let got = client.diagnostics(crlf_uri, Some(1)).await;
    assert_eq!(
        project(&got),
        expected(&crlf, &Options::default(), Encoding::Utf16)
    );
    // Line breaks are not content: the same findings at the same lines and columns.
    assert_eq!(project(&got), project(&lf));
    client.shutdown().await;
}

#[tokio::test]
async fn backslash_include_globs_apply_to_drive_letter_documents() {
    // A text that does not look like a report: checked only when an include glob names it.
    let note = "# 工作笔记\n\n| a | 1 |\n|---|---|\n| 总计 | 5 |\n";
    let settings = json!({"include": ["**\\notes\\*.md"], "debounceMs": 0});
    let mut client = TestClient::start(push_caps(), settings).await;
    let included = "file:///c%3A/Users/zhang/notes/%E7%AC%94%E8%AE%B0.md";
    let elsewhere = "file:///c%3A/Users/zhang/other/%E7%AC%94%E8%AE%B0.md";
    client.open(included, "markdown", note, 1);
    client.open(elsewhere, "markdown", note, 1);
    let got = client.diagnostics(included, Some(1)).await;
    assert_eq!(
        project(&got),
        expected(note, &Options::default(), Encoding::Utf16)
    );
    assert!(
        got.iter().any(|d| d["code"] == "missing-section"),
        "{got:?}"
    );
    assert_eq!(client.debug(included).await["checked"], true);
    assert_eq!(
        client.diagnostics(elsewhere, Some(1)).await,
        Vec::<Value>::new()
    );
    assert_eq!(client.debug(elsewhere).await["checked"], false);
    client.shutdown().await;
}
