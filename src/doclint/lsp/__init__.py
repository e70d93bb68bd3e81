"""`doclint server`: the Language Server Protocol server editors start (pygls over stdio).

    convert.py   findings as LSP diagnostics, fixes and suppression comments as text edits
    links.py     completion, go to definition and references of links, from the site index
    server.py    the server: lint on open, change (debounced) and save; code actions; hover; links

A finding in the editor is exactly a finding in CI: each lint is `doclint.run.run` on the
editor's buffer, as `doclint check - --stdin-filename PATH` runs it (the same config discovery,
packs, site index and learned house style, read from the workspace's cache).
"""
