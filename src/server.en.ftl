# The language server: settings errors, the "disable on this line" quick fix.

server-setting-ignored = { $error }; this value is ignored, the other settings apply
server-debounce-not-a-number = ogiLint.debounceMs must be a number of milliseconds, not { $value }
server-log-level-not-a-string = ogiLint.logLevel must be a string, not { $value }
server-log-level-bad = ogiLint.logLevel { $level }: { $error }
server-disable-on-line = Disable { $code } on this line
