# missing-cell：一行的数字不全，或有空格未填。

missing-cell-short = “{ $row }”一行只有 { $found } 个数字，应有 { $expected } 个：每格都要填，没有的填 0；填齐后才能核对这一行的勾稽关系
missing-cell-blank = “{ $row }”一行的 { $columns } 未填写：没有的填 0
    .fix = 填入总计 { $sum }
missing-cell-column = 第 { $number } 列
