# 表三、表四的勾稽关系（total-mismatch 与 balance-mismatch 共用）。

relation-culprit = { $cell } 应为 { $expected }，现为 { $written }，相差 { $by }：改为 { $expected } 后{ $table }的勾稽关系全部成立
    .fix = 将{ $cell } 改为 { $expected }
relation-culprit-blank = { $cell } 未填写：填 { $expected } 后{ $table }的勾稽关系全部成立
relation-row-sum = { $row } · 总计 应为 { $sum }（自然人至其他六列之和），现为 { $total }，相差 { $off }
relation-column-sum = （七）总计 · { $column } 应为 { $sum }（“三、本年度办理结果”各行之和），现为 { $total }，相差 { $off }
relation-reviews-sum = { $cell } 应为 { $sum }（{ $names } = { $terms }），现为 { $total }，相差 { $off }
    .fix = 将{ $cell } 改为 { $sum }（如果四项结果无误）
relation-balance = { $column }：一 + 二 = { $left } = { $left_sum }，但（七）总计 + 四 = { $right } = { $right_sum }，相差 { $off }；按表三的勾稽关系两者应相等
