# ogi-lint check: the summary line and the error messages (the leading error: and the path:line:col: severity[code] shape stay as they are).

summary = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}, { $hints ->
    [one] 1 hint
   *[other] { $hints } hints
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}
summary-with-infos = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}, { $infos ->
    [one] 1 info
   *[other] { $infos } infos
}, { $hints ->
    [one] 1 hint
   *[other] { $hints } hints
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}
summary-unreadable = { " " }({ $count } could not be read)
summary-skipped = ; skipped { $count ->
    [one] 1 file that does not look like a report
   *[other] { $count } files that do not look like reports
}
cli-cannot-read-folder = cannot read the current folder: { $error }
cli-cannot-write-report = cannot write the report: { $error }
cli-cannot-write-fixed-text = cannot write the fixed text: { $error }
cli-cannot-read-file = cannot read it: { $error }
cli-not-found = no such file or folder
cli-permission-denied = permission denied
fix-changed-on-disk = changed on disk while ogi-lint was fixing it; the fixes were not written (run `ogi-lint check --fix` again)
fix-cannot-write = cannot write fixes: { $error }
