# narrative-mismatch：正文所写的数字与统计表不符。

narrative-mismatch = 正文写的是 { $stated }，{ $table }“{ $cell }”为 { $value }
narrative-mismatch-either = 正文写的是 { $stated }，{ $table }“{ $cell }”为 { $value }，“{ $other }”为 { $other_value }
narrative-none-applications = 正文写本年未收到申请，{ $table }“{ $cell }”却为 { $value }
narrative-none-reviews = 正文写未发生行政复议，{ $table }“{ $cell }”却为 { $value }
narrative-none-lawsuits = 正文写未发生行政诉讼，{ $table }“{ $cell }”却为 { $value }
narrative-percent = 正文写的是 { $stated }%，{ $figure } ÷ { $base }（{ $table }“{ $cell }”）应为 { $expected }%
narrative-related = { $table }“{ $cell }”为 { $value }
narrative-group = { $group }各项合计
narrative-all-upheld = 正文写均获维持，{ $table }“{ $cell }”却为 { $value }
