# carryover-mismatch：本年“二、上年结转”与同一机关上年报告“四、结转下年度继续办理”不一致。

carryover-mismatch = { $row } · { $column } 为 { $this }，而上年报告 { $file } 的 { $last_row } · { $column } 为 { $last }，相差 { $off }；本年的上年结转数应与上年的结转下年度继续办理数相等
carryover-mismatch-last-year = 上年报告的 { $last_row } · { $column }：{ $last }
