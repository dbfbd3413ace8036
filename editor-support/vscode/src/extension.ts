// Starts the Kairos language server (`kairos lsp`, over stdio) for .journey
// files and restarts it when the `kairos.path` setting changes. Highlighting and
// snippets come from the manifest and work without the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

import { kDefaultExecutable, processLookupEnvironment, resolveExecutable } from './executable';

interface RunningServer {
  client: LanguageClient;
  watcher: vscode.FileSystemWatcher;
}

class ServerController {
  private running: RunningServer | undefined;
  // Starts and stops run one after another, so quick setting changes never
  // leave two servers behind.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly output: vscode.OutputChannel) {}

  restart(): Promise<void> {
    this.queue = this.queue.then(() => this.stop()).then(() => this.start());
    return this.queue;
  }

  shutdown(): Promise<void> {
    this.queue = this.queue.then(() => this.stop());
    return this.queue;
  }

  private async start(): Promise<void> {
    const setting = vscode.workspace.getConfiguration('kairos').get<string>('path', kDefaultExecutable);
    const folders = (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => folder.uri.fsPath);

    const executable = resolveExecutable(setting, processLookupEnvironment(folders));
    if (executable === undefined) {
      this.output.appendLine(`Cannot find the kairos executable "${setting}"; the language server is not running.`);
      void reportMissingExecutable(setting);
      return;
    }

    const serverOptions: ServerOptions = {
      command: executable,
      args: ['lsp'],
      options: { cwd: folders[0] },
    };
    // The server checks the whole project, so it hears of every .journey file
    // that changes on disk, also those not open in an editor.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.journey');
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'journey' },
        { scheme: 'untitled', language: 'journey' },
      ],
      synchronize: { fileEvents: watcher },
      outputChannel: this.output,
    };

    const client = new LanguageClient('kairos', 'Kairos Language Server', serverOptions, clientOptions);
    this.output.appendLine(`Starting ${executable} lsp`);
    try {
      await client.start();
      this.running = { client, watcher };
    } catch (error: unknown) {
      watcher.dispose();
      void vscode.window.showErrorMessage(
        `Kairos: the language server "${executable} lsp" did not start: ${describe(error)}. ` +
          'Check that this is the Kairos executable and that it supports `lsp`, or set "kairos.path".',
      );
    }
  }

  // A server that already died cannot be stopped cleanly; that must not keep
  // its replacement from starting, so failures are only logged.
  private async stop(): Promise<void> {
    const current = this.running;
    this.running = undefined;
    if (current === undefined) {
      return;
    }
    try {
      await current.client.stop();
    } catch (error: unknown) {
      this.output.appendLine(`Stopping the language server: ${describe(error)}`);
    } finally {
      current.watcher.dispose();
    }
  }
}

let controller: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Kairos Language Server');
  const servers = new ServerController(output);
  controller = servers;

  context.subscriptions.push(
    output,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('kairos.path')) {
        void servers.restart();
      }
    }),
    vscode.commands.registerCommand('kairos.restartServer', () => servers.restart()),
  );

  void servers.restart();
}

export function deactivate(): Promise<void> | undefined {
  return controller?.shutdown();
}

async function reportMissingExecutable(setting: string): Promise<void> {
  const openSettings = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(
    `Kairos: cannot find the kairos executable "${setting}". Install Kairos so that \`kairos\` is on your PATH, ` +
      'or set "kairos.path" to the full path of the executable. Until then .journey files get highlighting and ' +
      'snippets but no diagnostics.',
    openSettings,
  );
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'kairos.path');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
