// Starts `autodeploy lsp` (stdio) for .adl files; everything else is the server's.
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("autodeploy").get("server.command");
  const run = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient(
    "autodeploy-adl",
    "AutoDeploy ADL",
    { run, debug: run },
    { documentSelector: [{ scheme: "file", language: "adl" }, { scheme: "untitled", language: "adl" }] },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
