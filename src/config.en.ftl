# Errors in ogi-lint.toml and in the editor settings.

config-in-editor-settings = editor settings: { $message }
config-settings-not-object = settings must be a JSON object
config-cannot-read = cannot read config: { $error }
config-invalid-toml = invalid TOML: { $error }
config-invalid-toml-backslash = invalid TOML: { $error } (in "double quotes" a \ starts an escape: write a Windows path in 'single quotes', or with / or \\)
config-unknown-key = unknown key "{ $key }" (expected one of { $expected })
config-not-a-string = "{ $key }" must be a string (one of { $expected })
config-unknown-edition = unknown edition "{ $value }" (expected one of { $expected })
config-unknown-language = unknown language "{ $value }" (expected one of { $expected })
config-severity-not-table = "severity" must be a table of rule code = severity (write it as [severity])
config-severity-not-object = "severity" must be an object of rule code → severity
config-severity-not-a-string = severity for rule "{ $rule }" must be a string (one of { $expected })
config-unknown-severity = unknown severity "{ $value }" for rule "{ $rule }" (expected one of { $expected })
config-unknown-rule-closest = unknown rule "{ $rule }" in [severity] (did you mean "{ $closest }"?)
config-unknown-rule = unknown rule "{ $rule }" in [severity] (known rules: { $known })
config-globs-not-array = "{ $key }" must be an array of glob strings
config-globs-item-not-string = "{ $key }" must be an array of glob strings, not { $item }
config-bad-glob = bad glob "{ $pattern }" in "{ $key }": { $error }
