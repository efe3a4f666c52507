# narrative-mismatch: a figure stated in the prose contradicts the table.

narrative-mismatch = the prose says { $stated }, but { $table } “{ $cell }” is { $value }
narrative-mismatch-either = the prose says { $stated }, but { $table } “{ $cell }” is { $value } and “{ $other }” is { $other_value }
narrative-none-applications = the prose says no application was received this year, but { $table } “{ $cell }” is { $value }
narrative-none-reviews = the prose says there was no administrative review, but { $table } “{ $cell }” is { $value }
narrative-none-lawsuits = the prose says there was no lawsuit, but { $table } “{ $cell }” is { $value }
narrative-percent = the prose says { $stated }%, but { $figure } of { $base } ({ $table } “{ $cell }”) is { $expected }%
narrative-related = { $table } “{ $cell }” is { $value }
narrative-group = { $group }, its items summed
narrative-all-upheld = the prose says every case was upheld, but { $table } “{ $cell }” is { $value }
