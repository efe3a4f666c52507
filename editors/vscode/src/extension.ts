// The VS Code side of ogi-lint: starts the `ogi-lint` language server for Markdown and plain-text
// documents, passes the `ogiLint.*` settings to it, and adds the commands and the status-bar item.
// The server decides which documents are annual reports and does all the checking.

import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  type LanguageClientOptions,
  LanguageClient,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import scaffold2021 from "../../scaffold/2021.md";
import { t, uiLanguage, type UiLanguage } from "./i18n";
import { resolveServerPath } from "./serverPath";
import { answerConfigurationItem, serverSettings, type ServerSettings } from "./settings";
import { type ServerStatus, statusText, statusTooltip } from "./status";

const SOURCE = "ogi-lint";
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("ogi-lint");
const LANGUAGES = ["markdown", "plaintext"];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let extensionContext: vscode.ExtensionContext;
/** The server's last `ogiLint/status` per document URI (as the server received it). */
const statuses = new Map<string, ServerStatus>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionContext = context;
  output = vscode.window.createOutputChannel("ogi-lint");
  statusItem = vscode.window.createStatusBarItem("ogiLint.status", vscode.StatusBarAlignment.Right, 100);
  statusItem.name = "ogi-lint";
  statusItem.command = "workbench.actions.view.problems";
  context.subscriptions.push(output, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand("ogiLint.newReport", newReport),
    vscode.commands.registerCommand("ogiLint.fixAll", fixAll),
    vscode.commands.registerCommand("ogiLint.restartServer", restartServer),
    vscode.commands.registerCommand("ogiLint.showServerLog", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidCloseTextDocument((doc) => statuses.delete(protocolUri(doc.uri))),
  );

  await startClient();
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

/** The language of the extension's own words (the server chooses its own the same way). */
function language(): UiLanguage {
  return uiLanguage(vscode.workspace.getConfiguration("ogiLint").get("language"), vscode.env.language);
}

/** The server's settings for one resource (or the window when `scope` is undefined). */
function currentSettings(scope?: vscode.Uri): ServerSettings {
  return serverSettings(vscode.workspace.getConfiguration("ogiLint", scope));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A .vsix does not always keep the executable bit of the bundled binary. */
function ensureExecutable(p: string): void {
  try {
    fs.accessSync(p, fs.constants.X_OK);
  } catch {
    try {
      fs.chmodSync(p, 0o755);
    } catch (e) {
      output.appendLine(`[client] could not make ${p} executable: ${String(e)}`);
    }
  }
}

async function startClient(): Promise<void> {
  const resolution = resolveServerPath({
    configured: vscode.workspace.getConfiguration("ogiLint").get<string | null>("server.path"),
    extensionPath: extensionContext.extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    platform: process.platform,
    envPath: process.env.PATH,
    homeDir: os.homedir(),
    isFile,
    language: language(),
  });

  if (resolution.kind === "missing") {
    output.appendLine(`[client] ${resolution.message}`);
    output.appendLine(`[client] looked for: ${resolution.tried.join(", ")}`);
    const openSettings = t(language(), "button.openSettings");
    const showLog = t(language(), "button.showLog");
    void vscode.window.showErrorMessage(resolution.message, openSettings, showLog).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "ogiLint.server.path");
      } else if (choice === showLog) {
        output.show(true);
      }
    });
    return;
  }

  if (resolution.source === "bundled") ensureExecutable(resolution.path);
  output.appendLine(`[client] starting ${resolution.path} lsp --stdio (from ${resolution.source})`);

  const serverOptions: ServerOptions = {
    command: resolution.path,
    args: ["lsp"],
    // TransportKind.stdio makes the client append `--stdio`, which the server accepts.
    transport: TransportKind.stdio,
  };

  const documentSelector = LANGUAGES.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => currentSettings(),
    middleware: {
      workspace: {
        // The server pulls section `ogiLint`; answer with the mapped settings (not the raw
        // VS Code object, which also holds client-only keys such as server.path).
        configuration: (params) =>
          params.items.map((item) =>
            answerConfigurationItem(
              item.section,
              currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined),
            ),
          ),
      },
    },
  };

  const c = new LanguageClient("ogiLint", "ogi-lint", serverOptions, clientOptions);
  client = c;
  statuses.clear();
  try {
    await c.start();
    c.onNotification("ogiLint/status", (status: ServerStatus) => {
      statuses.set(status.uri, status);
      const active = vscode.window.activeTextEditor?.document.uri;
      if (active && protocolUri(active) === status.uri) updateStatus();
    });
  } catch (e) {
    client = undefined;
    const msg = t(language(), "server.didNotStart", {
      path: resolution.path,
      error: e instanceof Error ? e.message : String(e),
    });
    output.appendLine(`[client] ${msg}`);
    void vscode.window.showErrorMessage(msg, t(language(), "button.showLog")).then((choice) => {
      if (choice) output.show(true);
    });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.stop(2000);
  } catch (e) {
    output.appendLine(`[client] stopping the server: ${String(e)}`);
  }
}

async function restartServer(): Promise<void> {
  output.appendLine("[client] restarting the server");
  await stopClient();
  await startClient();
  updateStatus();
}

async function onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
  if (!e.affectsConfiguration("ogiLint")) return;
  if (e.affectsConfiguration("ogiLint.server.path")) {
    await restartServer();
    return;
  }
  updateStatus();
  if (client?.isRunning()) {
    // The server re-pulls section `ogiLint` on this notification; the payload is a courtesy.
    await client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { ogiLint: currentSettings() },
    });
  }
}

async function newReport(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: scaffold2021 });
  await vscode.window.showTextDocument(doc);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(t(language(), "fixAll.noEditor"));
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      whole,
      FIX_ALL_KIND.value,
      10,
    )) ?? [];
  const ours = actions.filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
  if (ours.length === 0) {
    void vscode.window.showInformationMessage(t(language(), "fixAll.nothing"));
    return;
  }
  for (const action of ours) {
    if (action.edit) await vscode.workspace.applyEdit(action.edit);
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
}

/** A document URI as the client sends it to the server (and the server echoes it back). */
function protocolUri(uri: vscode.Uri): string {
  return client ? client.code2ProtocolConverter.asUri(uri) : uri.toString();
}

/** Shows what the server last said about the active document; hidden when it is not checked. */
function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  const status = editor && LANGUAGES.includes(editor.document.languageId) ? statuses.get(protocolUri(editor.document.uri)) : undefined;
  if (!status || !status.checked) {
    statusItem.hide();
    return;
  }
  const lang = language();
  statusItem.text = statusText(status, lang);
  const tooltip = statusTooltip(status, lang);
  statusItem.tooltip = tooltip;
  statusItem.accessibilityInformation = { label: tooltip };
  statusItem.backgroundColor =
    status.counts.errors > 0 ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  statusItem.show();
}
