# carryover-mismatch: this year's 二、上年结转 differs from 四、结转下年度继续办理 in last year's report of the same body.

carryover-mismatch = { $row } · { $column } is { $this }, but { $last_row } · { $column } in last year's report { $file } is { $last }, off by { $off }; what this year carries over from last year must equal what last year carried forward
carryover-mismatch-last-year = last year's { $last_row } · { $column }: { $last }
