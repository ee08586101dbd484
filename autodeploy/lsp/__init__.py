"""The ADL language server (`autodeploy lsp`): diagnostics, completion, hover, navigation and
formatting for editors. `context` and `index` are plain Python over the compiler's syntax trees;
`features` turns them into LSP answers; `server` is the only module that knows pygls."""
