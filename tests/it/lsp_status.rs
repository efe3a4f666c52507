//! `ogiLint/status`: after each publication the server tells the client whether the document is
//! checked, which edition applies and why, and how many findings of each severity it has, so
//! the editors show that without detecting anything themselves.

use std::path::Path;

use serde_json::{json, Value};

use crate::lsp::{push_caps, report_uri, test_settings, TestClient};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

async fn status_of(client: &mut TestClient, uri: &str, version: i64) -> Value {
    let msg = client
        .notification(|m| {
            m["method"] == "ogiLint/status"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
        .await;
    msg["params"].clone()
}

fn counts(diagnostics: &[Value]) -> Value {
    let n = |s: i64| diagnostics.iter().filter(|d| d["severity"] == s).count();
    json!({"errors": n(1), "warnings": n(2), "information": n(3), "hints": n(4)})
}

#[tokio::test]
async fn a_report_gets_its_edition_why_and_counts() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let uri = report_uri("gfm.md");
    client.open(&uri, "markdown", &fixture("forms/gfm.md"), 1);
    let diagnostics = client.diagnostics(&uri, Some(1)).await;
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["checked"], true, "{status}");
    assert_eq!(status["edition"], "2021", "{status}");
    assert_eq!(status["editionSource"], "report-year", "{status}");
    assert!(
        status["editionEvidence"]["start"]["line"].is_number(),
        "{status}"
    );
    assert_eq!(status["counts"], counts(&diagnostics), "{status}");
    assert!(status["counts"]["errors"].as_u64().unwrap() > 0, "{status}");

    // A cited 文号 is named as the reason.
    let uri = report_uri("wenhao.md");
    client.open(&uri, "markdown", &fixture("minimal/wenhao-2021-30.md"), 1);
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["editionSource"], "document-number", "{status}");
    client.shutdown().await;
}

#[tokio::test]
async fn the_strongest_evidence_is_the_reason_and_points_at_itself() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    // The title says 2021, the statistics period and the prose 2020: the title decides.
    let body = "一、总体情况\n本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。2020年，我局认真贯彻《条例》。\n\n二、主动公开政府信息情况\n";
    let uri = report_uri("copied.md");
    let text = format!("某市商务局2021年政府信息公开工作年度报告\n\n{body}");
    client.open(&uri, "markdown", &text, 1);
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["edition"], "2021", "{status}");
    assert_eq!(status["editionSource"], "report-year", "{status}");
    assert_eq!(
        status["editionEvidence"]["start"],
        json!({"line": 0, "character": 5})
    );
    // Without the title, the statistics period, where it is written.
    let uri = report_uri("untitled.md");
    client.open(&uri, "markdown", body, 1);
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["edition"], "2019", "{status}");
    assert_eq!(status["editionSource"], "statistics-period", "{status}");
    assert_eq!(
        status["editionEvidence"],
        json!({"start": {"line": 1, "character": 13}, "end": {"line": 1, "character": 18}})
    );
    client.shutdown().await;
}

#[tokio::test]
async fn the_edition_setting_is_the_reason_when_set() {
    let mut settings = test_settings();
    settings["edition"] = json!("2019");
    let mut client = TestClient::start(push_caps(), settings).await;
    let uri = report_uri("gfm.md");
    client.open(&uri, "markdown", &fixture("forms/gfm.md"), 1);
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["edition"], "2019", "{status}");
    assert_eq!(status["editionSource"], "config", "{status}");
    assert_eq!(status["editionEvidence"], Value::Null, "{status}");
    client.shutdown().await;
}

#[tokio::test]
async fn a_document_that_is_not_a_report_and_then_becomes_one() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    // Outside the `include` globs of the test settings: checked only if it looks like a report.
    let uri = "file:///ws/notes/notes.md".to_owned();
    client.open(
        &uri,
        "markdown",
        "# 会议纪要\n\n今天讨论了政府信息公开。\n",
        1,
    );
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["checked"], false, "{status}");
    assert_eq!(status["edition"], Value::Null, "{status}");
    assert_eq!(status["counts"]["errors"], 0, "{status}");
    // The writer adds two section headings: now it is a report.
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                "text": "\n一、总体情况\n\n二、主动公开政府信息情况\n"}]),
    );
    let status = status_of(&mut client, &uri, 2).await;
    assert_eq!(status["checked"], true, "{status}");
    assert!(status["counts"]["errors"].as_u64().unwrap() > 0, "{status}");
    client.shutdown().await;
}

#[tokio::test]
async fn a_pulling_client_gets_the_status_with_each_pull() {
    let mut caps = push_caps();
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let mut client = TestClient::start(caps, test_settings()).await;
    let uri = report_uri("gfm.md");
    client.open(&uri, "markdown", &fixture("forms/gfm.md"), 1);
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let status = status_of(&mut client, &uri, 1).await;
    assert_eq!(status["checked"], true, "{status}");
    assert_eq!(
        status["counts"],
        counts(report["items"].as_array().unwrap()),
        "{status}"
    );
    client.shutdown().await;
}
