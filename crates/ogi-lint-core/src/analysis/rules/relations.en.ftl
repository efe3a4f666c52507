# The arithmetic of tables 三 and 四 (shared by total-mismatch and balance-mismatch).

relation-culprit = { $cell } should be { $expected }, not { $written } (off by { $by }): with { $expected } every total of { $table } holds
    .fix = Set { $cell } to { $expected }
relation-culprit-blank = { $cell } is blank: with { $expected } every total of { $table } holds
relation-row-sum = { $row } · 总计 should be { $sum } (the sum of its six applicant columns 自然人 … 其他), not { $total } (off by { $off })
relation-column-sum = （七）总计 · { $column } should be { $sum } (the sum of the rows of 三、本年度办理结果), not { $total } (off by { $off })
relation-reviews-sum = { $cell } should be { $sum } ({ $names } = { $terms }), not { $total } (off by { $off })
    .fix = Set { $cell } to { $sum } (if the four results are right)
relation-balance = { $column }: 一 + 二 = { $left } = { $left_sum } but （七）总计 + 四 = { $right } = { $right_sum } (off by { $off }; the template requires them equal)
